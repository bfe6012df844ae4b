"""Owners from a listing: `rclone lsjson --metadata` output or Google Drive API fields."""

from __future__ import annotations

import json


def read_listing(path: str) -> dict[str, str]:
    """{relative path: owner e-mail} from a JSON listing; ValueError when it is not one."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as err:
        raise ValueError(f"The listing {path} cannot be read as JSON ({err}).") from None
    if isinstance(data, dict):
        data = data.get("files", [])
    if not isinstance(data, list):
        raise ValueError("The listing must be a JSON list of files.")
    owners = {}
    for item in data:
        if not isinstance(item, dict):
            continue
        path_ = item.get("Path") or item.get("path") or item.get("name") or ""
        meta = item.get("Metadata") or {}
        owner = meta.get("owner") or ""
        if not owner and item.get("owners"):
            first = item["owners"][0]
            owner = first.get("emailAddress", "") if isinstance(first, dict) else str(first)
        if path_ and owner:
            owners[path_] = owner.lower()
    return owners


def owned_by(owner: str, domains: list[str]) -> bool | None:
    if not owner:
        return None
    return owner.rsplit("@", 1)[-1] in {d.lower() for d in domains}
