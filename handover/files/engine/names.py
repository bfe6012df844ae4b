"""Member names that extract on any system, unique within their archive.

A name legal on the source file system may be illegal on Windows (`Meeting 10:30.txt`,
`a?.txt`, `CON.txt`, `notes. `) or may be read by an unzip program as a path outside the
target. Each path component is made safe on its own: forbidden characters become `_`, a
trailing run of dots and spaces becomes underscores, a reserved device name gets `_` after
its stem. Two originals that end up with the same name (compared without case, as Windows
and macOS do) are told apart by a `~N` suffix. The original path is kept in manifest.csv.
"""

from __future__ import annotations

import re

# Control characters, the characters Windows forbids in a name, and the backslash (a folder
# separator for Windows unzip programs).
FORBIDDEN = re.compile(r'[\x00-\x1f\x7f\\:*?"<>|]')
TRAILING = re.compile(r"[. ]+$")
VMS_VERSION = re.compile(r";\d*$")
RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"]
    + [f"{port}{n}" for port in ("com", "lpt") for n in (*"0123456789", "¹", "²", "³")])
SIDECARS = ("SHA256SUMS", "manifest.csv")


def safe_component(part: str) -> str:
    """One path component, safe to create on Windows, macOS and Linux."""
    part = part.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    part = FORBIDDEN.sub("_", part)
    # Info-ZIP's unzip drops a trailing ";" or ";N" (a VMS version number) by default.
    part = VMS_VERSION.sub(lambda m: "_" + m.group()[1:], part)
    # Windows drops trailing dots and spaces, so `a.` and `a` would be the same file.
    part = TRAILING.sub(lambda m: "_" * len(m.group()), part)
    stem, dot, rest = part.partition(".")
    if stem.rstrip(" ").lower() in RESERVED:
        part = f"{stem}_{dot}{rest}"
    return part or "_"


def components(rel: str) -> list[str]:
    """The parts of a relative path; empty, `.` and `..` parts are dropped (never followed)."""
    return [p for p in rel.split("/") if p not in ("", ".", "..")]


def arcname(rel: str) -> str:
    """A member name that extracts inside the target on any system (not yet unique)."""
    return "/".join(safe_component(p) for p in components(rel)) or "_"


def _suffixed(name: str, n: int) -> str:
    stem, dot, ext = name.rpartition(".")
    if dot and stem and not stem.endswith("."):
        return f"{stem}~{n}.{ext}"
    return f"{name}~{n}"


class Namer:
    """Gives every original path of one archive (or set of parts) its own safe name.

    A folder keeps one safe name for all its files; two folders whose safe names collide get
    different ones; no file name equals a folder name; the sidecar files are never shadowed.
    """

    def __init__(self) -> None:
        self.taken: set[str] = {s.lower() for s in SIDECARS}
        self.folders: dict[str, str] = {}

    def _claim(self, parent: str, part: str) -> str:
        candidate, n = part, 2
        while (f"{parent}/{candidate}" if parent else candidate).lower() in self.taken:
            candidate = _suffixed(part, n)
            n += 1
        full = f"{parent}/{candidate}" if parent else candidate
        self.taken.add(full.lower())
        return full

    def name(self, rel: str) -> str:
        parts = components(rel) or ["_"]
        original, safe = "", ""
        for part in parts[:-1]:
            original = f"{original}/{part}"
            known = self.folders.get(original)
            if known is None:
                known = self.folders[original] = self._claim(safe, safe_component(part))
            safe = known
        return self._claim(safe, safe_component(parts[-1]))
