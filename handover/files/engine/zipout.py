"""A streaming zip writer: ZIP64 when needed, UTF-8 names, mtimes, stored or deflated.

Members arrive already compressed (or stored) with their CRC: the caller decides which
engine deflates them, and on which core. The writer seeks back to patch each local header,
so it needs a seekable file but never a data descriptor.
"""

from __future__ import annotations

import struct
import time
from dataclasses import dataclass

STORED, DEFLATED = 0, 8
UTF8_FLAG = 0x800
LIMIT = 0xFFFFFFFF
BIG_MEMBER = 0xFFFF0000  # members this large get ZIP64 local headers from the start


def dos_time(mtime: float) -> tuple[int, int]:
    t = time.localtime(min(max(mtime, 315532800 + 86400), 4354819199))
    year = min(max(t.tm_year, 1980), 2107)
    return ((t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2),
            ((year - 1980) << 9) | (t.tm_mon << 5) | t.tm_mday)


def _ut_extra(mtime: float) -> bytes:
    """The extended timestamp field (0x5455): the exact mtime in UTC seconds."""
    seconds = int(min(max(mtime, -(2**31)), 2**31 - 1))
    return struct.pack("<HHBi", 0x5455, 5, 1, seconds)


@dataclass
class _Central:
    name: bytes
    method: int
    dostime: int
    dosdate: int
    crc: int
    csize: int
    usize: int
    offset: int
    mtime: float
    zip64: bool


class ZipWriter:
    def __init__(self, handle, *, force_zip64: bool = False):
        self.handle = handle
        self.force_zip64 = force_zip64
        self.entries: list[_Central] = []
        self._open: _Central | None = None
        self._patch_at = 0

    def begin(self, name: str, *, mtime: float, method: int, size_hint: int) -> None:
        assert self._open is None
        encoded = name.encode("utf-8")
        zip64 = self.force_zip64 or size_hint >= BIG_MEMBER
        dostime, dosdate = dos_time(mtime)
        offset = self.handle.tell()
        extra = _ut_extra(mtime)
        if zip64:
            extra = struct.pack("<HHQQ", 1, 16, 0, 0) + extra
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 45 if zip64 else 20, UTF8_FLAG, method, dostime,
            dosdate, 0, LIMIT if zip64 else 0, LIMIT if zip64 else 0, len(encoded), len(extra))
        self.handle.write(header + encoded + extra)
        self._patch_at = offset + 14
        self._open = _Central(encoded, method, dostime, dosdate, 0, 0, 0, offset, mtime, zip64)

    def write(self, data) -> None:
        self.handle.write(data)

    def end(self, *, crc: int, csize: int, usize: int) -> None:
        entry, self._open = self._open, None
        entry.crc, entry.csize, entry.usize = crc, csize, usize
        if not entry.zip64 and (csize >= LIMIT or usize >= LIMIT):
            raise OSError("a member grew past 4 GiB while it was being written")
        here = self.handle.tell()
        self.handle.seek(self._patch_at)
        if entry.zip64:
            self.handle.write(struct.pack("<I", crc))
            self.handle.seek(self._patch_at + 16 + len(entry.name) + 4)
            self.handle.write(struct.pack("<QQ", usize, csize))
        else:
            self.handle.write(struct.pack("<III", crc, csize, usize))
        self.handle.seek(here)
        self.entries.append(entry)

    def add_bytes(self, name: str, data: bytes, *, mtime: float, crc: int) -> None:
        self.begin(name, mtime=mtime, method=STORED, size_hint=len(data))
        self.write(data)
        self.end(crc=crc, csize=len(data), usize=len(data))

    def close(self) -> None:
        start = self.handle.tell()
        for e in self.entries:
            fields = []
            usize, csize, offset = e.usize, e.csize, e.offset
            if e.zip64 or usize >= LIMIT:
                fields.append(usize)
                usize = LIMIT
            if e.zip64 or csize >= LIMIT:
                fields.append(csize)
                csize = LIMIT
            if self.force_zip64 or offset >= LIMIT:
                fields.append(offset)
                offset = LIMIT
            extra = _ut_extra(e.mtime)
            if fields:
                extra = struct.pack(f"<HH{len(fields)}Q", 1, 8 * len(fields), *fields) + extra
            needed = 45 if fields else 20
            self.handle.write(struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 45, needed, UTF8_FLAG, e.method,
                e.dostime, e.dosdate, e.crc, csize, usize, len(e.name), len(extra), 0, 0, 0,
                0o100644 << 16, offset) + e.name + extra)
        end = self.handle.tell()
        count, size = len(self.entries), end - start
        if self.force_zip64 or count >= 0xFFFF or size >= LIMIT or start >= LIMIT:
            self.handle.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, (3 << 8) | 45, 45,
                                          0, 0, count, count, size, start))
            self.handle.write(struct.pack("<IIQI", 0x07064B50, 0, end, 1))
            count16 = 0xFFFF
            size32, start32 = LIMIT, LIMIT
        else:
            count16, size32, start32 = count, size, start
        self.handle.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count16, count16,
                                      size32, start32, 0))
