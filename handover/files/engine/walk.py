"""Walking a folder safely and hashing its files on all cores, streaming."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field

CHUNK = 1 << 20


@dataclass
class Entry:
    rel: str  # relative path with "/", undecodable bytes kept as surrogates
    size: int = 0
    mtime: float = 0.0
    head: bytes = b""
    sha256: str = ""
    error: str = ""


@dataclass
class Walk:
    files: list[Entry] = field(default_factory=list)
    empty_dirs: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (rel, reason)


def walk(root: str) -> Walk:
    """Every regular file under root. Symlinks are never followed; special files skipped."""
    result = Walk()
    root = os.path.abspath(root)

    def visit(path: str, rel: str) -> bool:
        """Walk one folder; True when it holds anything."""
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as err:
            result.skipped.append((rel or ".", f"unreadable folder: {err.strerror}"))
            return True
        found = False
        for item in entries:
            child = f"{rel}/{item.name}" if rel else item.name
            try:
                info = item.stat(follow_symlinks=False)
            except OSError as err:
                result.skipped.append((child, f"unreadable: {err.strerror}"))
                found = True
                continue
            if stat.S_ISLNK(info.st_mode):
                target = os.path.realpath(item.path)
                inside = target == root or target.startswith(root + os.sep)
                result.skipped.append((child, "symlink" if inside else "symlink_outside"))
                found = True
            elif stat.S_ISDIR(info.st_mode):
                if not visit(item.path, child):
                    result.empty_dirs.append(child)
                found = True
            elif stat.S_ISREG(info.st_mode):
                result.files.append(Entry(child, info.st_size, info.st_mtime))
                found = True
            else:
                result.skipped.append((child, "special"))
                found = True
        return found

    visit(root, "")
    return result


def open_nofollow(path: str):
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    return os.fdopen(fd, "rb", buffering=0)


def hash_file(path: str) -> tuple[str, bytes, str]:
    """(SHA-256 hex, first 16 bytes, error) reading in 1 MiB chunks."""
    digest = hashlib.sha256()
    head = b""
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    try:
        with open_nofollow(path) as handle:
            while n := handle.readinto(buffer):
                if not head:
                    head = bytes(view[:16])
                digest.update(view[:n])
    except OSError as err:
        return "", head, err.strerror or str(err)
    return digest.hexdigest(), head, ""


def _hash_batch(paths: list[str]) -> list[tuple[str, bytes, str]]:
    return [hash_file(p) for p in paths]


def hash_entries(root: str, entries: list[Entry], *, workers: int | None = None,
                 engine: str = "threads",
                 progress: Callable[[int], None] | None = None) -> None:
    """Fill sha256/head/error of each entry, on `workers` threads or processes."""
    workers = workers or os.cpu_count() or 1
    paths = [os.path.join(root, e.rel) for e in entries]
    batches = list(_batches(range(len(entries)), entries))
    pool_class = ProcessPoolExecutor if engine == "processes" else ThreadPoolExecutor
    with pool_class(max_workers=workers) as pool:
        futures = [(batch, pool.submit(_hash_batch, [paths[i] for i in batch]))
                   for batch in batches]
        for batch, future in futures:
            for i, (digest, head, error) in zip(batch, future.result(), strict=True):
                entries[i].sha256, entries[i].head, entries[i].error = digest, head, error
            if progress:
                progress(sum(entries[i].size for i in batch))


def _batches(indexes: Iterable[int], entries: list[Entry], limit: int = 64 << 20):
    """Groups of files of about `limit` bytes or 256 files, whichever comes first."""
    batch, size = [], 0
    for i in indexes:
        batch.append(i)
        size += entries[i].size
        if size >= limit or len(batch) >= 256:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch
