"""Where raw messages come from: an mbox split with bytes operations, Maildir, a folder.

Django-free. Each source yields *items*: small picklable descriptions (a file and a byte
range, or a path) that a worker process turns into bytes and parses, so the whole
mailbox is never held in memory and never sent through a pipe.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from .mailparse import looks_like_mail, safe_parse

CHUNK = 4 * 1024 * 1024
SEPARATOR = b"\n\nFrom "
BATCH = 250


def is_mbox(path: Path) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(4096)
    return head.startswith(b"From ") and looks_like_mail(head)


def mbox_ranges(path: Path) -> Iterator[tuple[int, int]]:
    """(start, end) of each message: a "From " line after a blank line splits the file
    (so an unescaped "From " inside a paragraph does not cut a message in two)."""
    with open(path, "rb") as handle:
        offset = 0
        start = None
        tail = b""
        while True:
            chunk = handle.read(CHUNK)
            if not chunk:
                break
            data = tail + chunk
            base = offset - len(tail)
            pos = 0
            if base == 0 and data.startswith(b"From "):
                start = 0
                pos = 1
            while True:
                hit = data.find(SEPARATOR, pos)
                if hit < 0:
                    break
                boundary = base + hit + 2
                if start is not None and boundary > start:
                    yield start, boundary
                start = boundary
                pos = hit + 1
            tail = data[-(len(SEPARATOR) - 1):]
            offset += len(chunk)
        if start is not None and offset > start:
            yield start, offset


def maildir_paths(path: Path) -> Iterator[Path]:
    for sub in ("cur", "new"):
        folder = path / sub
        if folder.is_dir():
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if entry.is_file():
                    yield Path(entry.path)


def is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() or (path / "new").is_dir()


def folder_paths(path: Path) -> Iterator[Path]:
    """Every file under the folder (recursively), in a stable order; hidden ones skipped."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "tmp")
        for name in sorted(files, key=lambda n: (len(n), n)):
            if not name.startswith("."):
                yield Path(root) / name


def read_item(item) -> bytes:
    """Items: ("range", path, start, end, weight), ("file", path, weight),
    ("bytes", raw, label, weight). The weight is what the item adds to the progress."""
    kind = item[0]
    if kind == "range":
        _kind, path, start, end, _weight = item
        with open(path, "rb") as handle:
            handle.seek(start)
            raw = handle.read(end - start)
        if raw.startswith(b"From "):
            raw = raw.split(b"\n", 1)[1] if b"\n" in raw else b""
        return raw
    if kind == "file":
        with open(item[1], "rb") as handle:
            return handle.read()
    return item[1]


def item_label(item) -> str:
    if item[0] == "range":
        return f"{item[1]} @ {item[2]}"
    if item[0] == "file":
        return str(item[1])
    return item[2]


def parse_batch(items: list) -> list:
    """[(label, status, fields-or-reason, weight)] for a batch; runs in a worker process."""
    out = []
    for item in items:
        try:
            raw = read_item(item)
        except OSError as err:
            out.append((item_label(item), "failed", f"unreadable file ({err.strerror})",
                        item[-1]))
            continue
        status, value = safe_parse(raw)
        out.append((item_label(item), status, value, item[-1]))
    return out


def batches(items: Iterable, size: int = BATCH) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def parse_all(items: Iterable, *, processes: int = 0, window: int = 6) -> Iterator[list]:
    """Parsed batches in order. With processes > 1, a pool parses while the caller writes;
    at most `window` batches are in flight, so memory stays flat whatever the size."""
    if processes <= 1:
        for batch in batches(items):
            yield parse_batch(batch)
        return
    from ..pools import forked_pool

    with forked_pool(processes) as pool:  # stopped even when the caller stops early
        pending: deque = deque()
        for batch in batches(items):
            pending.append(pool.apply_async(parse_batch, (batch,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
