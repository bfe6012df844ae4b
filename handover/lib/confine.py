"""Whether a folder typed by a user stays inside the folders a workspace was given.

Django-free: the caller passes the allowed roots and the folders that must never be reached
(the product's own data directory). Paths are compared after resolving symlinks and `..`;
a mount point below the folder (a bind mount can show any other folder there) refuses the
whole folder, since the walk would otherwise read what it shows.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


class Refused(ValueError):
    """Why the folder cannot be used: `reason` is one of the keys below, `detail` a path."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class Confined:
    path: str  # the resolved folder
    root: str  # the allowed root that holds it


def within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _overlaps(a: str, b: str) -> bool:
    return within(a, b) or within(b, a)


def _unescape_mount(field: str) -> str:
    # /proc/self/mountinfo writes space, tab, newline and backslash as octal escapes.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def mount_points(mountinfo: str = "/proc/self/mountinfo") -> list[str]:
    """Every mount point of this process's view, or [] where the system does not tell."""
    try:
        with open(mountinfo, encoding="utf-8", errors="surrogateescape") as handle:
            return [_unescape_mount(line.split()[4]) for line in handle if len(line.split()) > 4]
    except OSError:
        return []


def same_folder(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def confine(typed: str, roots: list[str], forbidden: list[str], *,
            mounts: list[str] | None = None) -> Confined:
    """The resolved folder for `typed` when it lies in one of `roots` and touches none of
    `forbidden`; raises Refused otherwise."""
    if not typed or "\x00" in typed or not os.path.isabs(typed):
        raise Refused("not_absolute", typed)
    path = os.path.realpath(typed)
    real_roots = [os.path.realpath(r) for r in roots]
    real_forbidden = [os.path.realpath(f) for f in forbidden]
    root = next((r for r in sorted(real_roots, key=len, reverse=True) if within(path, r)), None)
    if root is None:
        raise Refused("outside", path)
    if any(_overlaps(path, f) or same_folder(path, f) for f in real_forbidden):
        raise Refused("data_dir", path)
    if not os.path.isdir(path):
        raise Refused("missing", path)
    for point in mounts if mounts is not None else mount_points():
        if point != path and within(point, path):
            raise Refused("mount", point)
    return Confined(path=path, root=root)
