"""SHA256SUMS (as `sha256sum -c` reads it) and manifest.csv."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime


def sums_line(sha: str, name: str) -> str:
    if "\\" in name or "\n" in name or "\r" in name:
        escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        return f"\\{sha}  {escaped}\n"
    return f"{sha}  {name}\n"


def sha256sums(rows) -> bytes:
    return "".join(sums_line(r["sha256"], r["name"]) for r in rows).encode("utf-8")


def parse_sums(text: str) -> dict[str, str]:
    result = {}
    for line in text.split("\n"):
        if not line.strip():
            continue
        escaped = line.startswith("\\")
        sha, _sep, name = line.lstrip("\\").partition("  ")
        if escaped:
            name = name.replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\")
        result[name] = sha
    return result


FIELDS = ("name", "size", "modified", "sha256", "crc32", "method", "group", "source")


def manifest_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "crc32": f"{row['crc32']:08x}",
                         "modified": datetime.fromtimestamp(row["mtime"], UTC).isoformat()})
    return out.getvalue().encode("utf-8")


def read_manifest(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
