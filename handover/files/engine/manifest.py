"""SHA256SUMS (as `sha256sum -c` reads it) and manifest.csv.

manifest.csv has one row per member: `name` is the name stored in the zip, `source` the
original path under the exported folder (undecodable bytes as `\\xNN`). Its cells go through
`handover.lib.csvsafe`, so a file named `=HYPERLINK(...)` is not a formula in a spreadsheet;
`read_manifest` gives the original values back.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from handover.lib import csvsafe


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


FIELDS = ("name", "source", "size", "modified", "sha256", "crc32", "method", "group")


def manifest_csv(rows) -> bytes:
    out = io.StringIO(newline="")
    writer = csvsafe.dict_writer(out, FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "crc32": f"{row['crc32']:08x}",
                         "modified": datetime.fromtimestamp(row["mtime"], UTC).isoformat()})
    return out.getvalue().encode("utf-8")


def read_manifest(data: bytes) -> list[dict]:
    return list(csvsafe.dict_reader(io.StringIO(data.decode("utf-8"), newline="")))
