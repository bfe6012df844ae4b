"""Export a folder as one zip per type group, verified, resumable after a crash.

Each archive is written as `<name>.part`, re-read and checked member by member (CRC and
SHA-256 against what was read from the source), given its SHA256SUMS and manifest.csv
beside it, and only then renamed to `<name>`. The journal (`.handover-export.json`)
marks an archive verified after that rename; a re-run redoes whatever is not marked.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from .deflate import Engine
from .deflate import engine as make_engine
from .kinds import GROUPS, group_of, is_compressed
from .manifest import manifest_csv, sha256sums
from .names import Namer, arcname
from .verify import verify_archive
from .walk import CHUNK, Walk, open_nofollow, walk
from .zipout import DEFLATED, STORED, ZipWriter

JOURNAL = ".handover-export.json"
SMALL = 8 << 20  # members up to this size are read whole by a worker, larger ones streamed
DEFAULT_SPLIT = 2 << 30


@dataclass
class Member:
    rel: str
    name: str
    size: int
    mtime: float
    group: str


@dataclass
class ArchivePlan:
    name: str
    group: str
    members: list[Member] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(m.size for m in self.members)


def plan(walked: Walk, *, split_bytes: int = DEFAULT_SPLIT, prefix: str = "") -> list[ArchivePlan]:
    by_group: dict[str, list[Member]] = {g: [] for g in GROUPS}
    for entry in walked.files:
        by_group[group_of(entry.rel, entry.head)].append(
            Member(entry.rel, arcname(entry.rel), entry.size, entry.mtime, ""))
    archives = []
    for group, members in by_group.items():
        parts: list[list[Member]] = [[]]
        size = 0
        namer = Namer()  # names stay unique across the parts of a group
        # Among originals that map to the same name, one that needed no change keeps it.
        for member in sorted(members, key=lambda m: (m.name.lower(), m.name != m.rel, m.rel)):
            member.group = group
            member.name = namer.name(member.rel)
            if parts[-1] and size + member.size > split_bytes:
                parts.append([])
                size = 0
            parts[-1].append(member)
            size += member.size
        for n, part in enumerate(p for p in parts if p):
            suffix = f"-part{n + 1}" if len(parts) > 1 else ""
            archives.append(ArchivePlan(f"{prefix}{group}{suffix}.zip", group, part))
    return archives


@dataclass
class Report:
    archives: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def _read_member(path: str, name: str, eng: Engine):
    """Read one small file whole; returns (data to write, method, crc, size, sha256)."""
    with open_nofollow(path) as handle:
        data = handle.read()
    crc, sha = eng.crc32(data), hashlib.sha256(data).hexdigest()
    if not is_compressed(name):
        packed = eng.compress(data)
        if len(packed) < 0.97 * len(data):
            return packed, DEFLATED, crc, len(data), sha
    return data, STORED, crc, len(data), sha


def _worth_deflating(path: str, name: str, eng: Engine) -> bool:
    if is_compressed(name):
        return False
    try:
        with open_nofollow(path) as handle:
            sample = handle.read(65536)
    except OSError:
        return True
    return len(sample) < 512 or len(eng.compress(sample)) < 0.97 * len(sample)


class Exporter:
    def __init__(self, source: str, out: str, *, split_bytes: int = DEFAULT_SPLIT,
                 engine: str = "isal", workers: int | None = None, force_zip64: bool = False,
                 progress: Callable[[int, int], None] | None = None, prefix: str = ""):
        self.source, self.out = os.path.abspath(source), os.path.abspath(out)
        self.split_bytes, self.engine = split_bytes, make_engine(engine)
        self.workers = workers or os.cpu_count() or 1
        self.force_zip64, self.progress, self.prefix = force_zip64, progress, prefix
        self.done = self.total = 0

    # The journal ---------------------------------------------------------------------
    @property
    def journal_path(self) -> str:
        return os.path.join(self.out, JOURNAL)

    def load_journal(self) -> dict:
        try:
            with open(self.journal_path, encoding="utf-8") as handle:
                journal = json.load(handle)
        except (OSError, ValueError):
            return {"source": self.source, "archives": {}}
        if journal.get("source") != self.source:
            return {"source": self.source, "archives": {}}
        return journal

    def save_journal(self, journal: dict) -> None:
        _atomic_write(self.journal_path, json.dumps(journal, indent=1).encode())

    # The run ---------------------------------------------------------------------------
    def run(self) -> Report:
        started = time.monotonic()
        os.makedirs(self.out, exist_ok=True)
        for leftover in os.listdir(self.out):
            if leftover.endswith((".part", ".tmp")):
                os.unlink(os.path.join(self.out, leftover))
        walked = walk(self.source)
        report = Report(skipped=walked.skipped)
        archives = plan(walked, split_bytes=self.split_bytes, prefix=self.prefix)
        journal = self.load_journal()
        todo = []
        for archive in archives:
            known = journal["archives"].get(archive.name)
            final = os.path.join(self.out, archive.name)
            if known and known.get("state") == "verified" and os.path.exists(final) \
                    and os.path.getsize(final) == known.get("size") \
                    and known.get("members") == _signature(archive):
                report.archives.append({**known, "name": archive.name, "resumed": True})
                continue
            journal["archives"][archive.name] = {"state": "pending",
                                                 "members": _signature(archive)}
            for stale in (final, final + ".SHA256SUMS", final + ".manifest.csv"):
                if os.path.exists(stale):
                    os.unlink(stale)
            todo.append(archive)
        self.save_journal(journal)
        self.total = sum(a.size for a in todo) * 2  # written, then verified
        with ThreadPoolExecutor(self.workers) as pool, ThreadPoolExecutor(1) as checker:
            pending = []
            for archive in todo:
                rows = self._write(archive, pool, report)
                pending.append((archive, rows, checker.submit(self._finish, archive, rows)))
            for archive, _rows, future in pending:
                while not future.done():
                    wait([future], timeout=0.5)
                    self._report()
                entry = future.result()
                journal["archives"][archive.name] = entry
                self.save_journal(journal)
                report.archives.append({**entry, "name": archive.name})
        _write_archive_sums(self.out, journal)
        report.seconds = time.monotonic() - started
        return report

    def _tick(self, amount: int) -> None:
        """Count work done (from any thread); `_report` tells it, from the caller's thread."""
        self.done += amount

    def _report(self) -> None:
        if self.progress:
            self.progress(min(self.done, self.total), self.total)

    def _write(self, archive: ArchivePlan, pool, report: Report) -> list[dict]:
        part = os.path.join(self.out, archive.name + ".part")
        rows: list[dict] = []
        with open(part, "wb") as handle:
            writer = ZipWriter(handle, force_zip64=self.force_zip64)
            window: deque = deque()

            def drain(limit: int) -> None:
                while len(window) > limit:
                    member, future = window.popleft()
                    try:
                        data, method, crc, size, sha = future.result()
                    except OSError as err:
                        report.errors.append({"path": member.rel,
                                              "error": err.strerror or str(err)})
                        continue
                    writer.begin(member.name, mtime=member.mtime, method=method, size_hint=size)
                    writer.write(data)
                    writer.end(crc=crc, csize=len(data), usize=size)
                    rows.append(_row(member, size, sha, crc, method))
                    self._tick(member.size)
                    self._report()

            for member in archive.members:
                path = os.path.join(self.source, member.rel)
                if member.size <= SMALL:
                    window.append((member, pool.submit(_read_member, path, member.name,
                                                       self.engine)))
                    drain(4 * self.workers)
                    continue
                drain(0)
                compress = _worth_deflating(path, member.name, self.engine)
                try:
                    rows.append(self._stream(writer, member, path, compress))
                except OSError as err:
                    report.errors.append({"path": member.rel, "error": err.strerror or str(err)})
                    handle.truncate(handle.tell())
                self._tick(member.size)
                self._report()
            drain(0)
            now = time.time()
            for name, data in (("SHA256SUMS", sha256sums(rows)),
                               ("manifest.csv", manifest_csv(rows))):
                writer.add_bytes(name, data, mtime=now, crc=self.engine.crc32(data))
            writer.close()
            handle.flush()
            os.fsync(handle.fileno())
        return rows

    def _stream(self, writer: ZipWriter, member: Member, path: str, compress: bool) -> dict:
        source = open_nofollow(path)  # opened first: an unreadable file writes nothing
        with source:
            start = writer.handle.tell()
            method = DEFLATED if compress else STORED
            writer.begin(member.name, mtime=member.mtime, method=method, size_hint=member.size)
            digest, crc, size, csize = hashlib.sha256(), 0, 0, 0
            packer = self.engine.compressobj() if compress else None
            try:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    crc = self.engine.crc32(chunk, crc)
                    size += len(chunk)
                    out = packer.compress(chunk) if packer else chunk
                    writer.write(out)
                    csize += len(out)
                if packer:
                    out = packer.flush()
                    writer.write(out)
                    csize += len(out)
            except OSError:
                writer._open = None
                writer.handle.seek(start)
                raise
        writer.end(crc=crc, csize=csize, usize=size)
        return _row(member, size, digest.hexdigest(), crc, method)

    def _finish(self, archive: ArchivePlan, rows: list[dict]) -> dict:
        """Verify the .part against what was read from the source, then publish it."""
        final = os.path.join(self.out, archive.name)
        part = final + ".part"
        problems = verify_archive(part, expected={r["name"]: r for r in rows},
                                  engine=self.engine, progress=self._tick)
        if problems:
            os.unlink(part)
            return {"state": "failed", "problems": problems, "members": _signature(archive)}
        _atomic_write(final + ".SHA256SUMS", sha256sums(rows))
        _atomic_write(final + ".manifest.csv", manifest_csv(rows))
        digest = hashlib.sha256()
        with open(part, "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        os.replace(part, final)
        _fsync_dir(self.out)
        return {"state": "verified", "group": archive.group, "size": os.path.getsize(final),
                "sha256": digest.hexdigest(), "count": len(rows), "verified_at": time.time(),
                "members": _signature(archive),
                "files": [{"rel": r["rel"], "name": r["name"], "sha256": r["sha256"],
                           "size": r["size"]} for r in rows]}


def _row(member: Member, size: int, sha: str, crc: int, method: int) -> dict:
    return {"name": member.name, "rel": member.rel, "size": size, "mtime": member.mtime,
            "sha256": sha, "crc32": crc, "method": "deflate" if method == DEFLATED else "store",
            "group": member.group,
            "source": member.rel.encode("utf-8", "surrogateescape").decode(
                "utf-8", "backslashreplace")}


def _signature(archive: ArchivePlan) -> list:
    return [[m.name, m.size, int(m.mtime)] for m in archive.members]


def _write_archive_sums(out: str, journal: dict) -> None:
    rows = [{"name": name, "sha256": entry["sha256"]}
            for name, entry in sorted(journal["archives"].items())
            if entry.get("state") == "verified"]
    _atomic_write(os.path.join(out, "ARCHIVES.SHA256SUMS"), sha256sums(rows))


def _atomic_write(path: str, data: bytes) -> None:
    tmp = path + ".tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _fsync_dir(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
