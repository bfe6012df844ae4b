"""Re-reading archives: every member inflated, its CRC and SHA-256 compared."""

from __future__ import annotations

import codecs
import hashlib
import os
import struct
import zipfile
from collections.abc import Callable

from .deflate import Engine
from .deflate import engine as make_engine
from .manifest import parse_sums
from .walk import CHUNK, open_nofollow

EXTRA = ("SHA256SUMS", "manifest.csv")


def unsafe_reason(name: str) -> str:
    """Why a member name could be extracted outside the target ("" when it cannot)."""
    parts = name.split("/")
    if name.startswith("/"):
        return "an absolute path"
    if ".." in parts:
        return "a path through the parent folder (..)"
    if ":" in parts[0]:
        return "a drive letter or a stream name"
    if "\\" in name:
        return "a backslash, a folder separator on Windows"
    if any(ord(c) < 32 for c in name):
        return "a control character"
    return ""


def unsafe_name(name: str) -> bool:
    return bool(unsafe_reason(name))


def _members(path: str):
    with zipfile.ZipFile(path) as archive:
        return archive.infolist()


def _read(handle, info, eng: Engine, progress) -> tuple[int, str, bytes | None]:
    """(CRC, SHA-256, whole content when small) of one member, inflated in chunks."""
    handle.seek(info.header_offset)
    header = handle.read(30)
    if header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    handle.seek(info.header_offset + 30 + name_len + extra_len)
    left = info.compress_size
    inflater = eng.decompressobj() if info.compress_type == zipfile.ZIP_DEFLATED else None
    digest, crc, keep = hashlib.sha256(), 0, []
    while left:
        chunk = handle.read(min(CHUNK, left))
        if not chunk:
            raise zipfile.BadZipFile("truncated member")
        left -= len(chunk)
        data = inflater.decompress(chunk) if inflater else chunk
        digest.update(data)
        crc = eng.crc32(data, crc)
        if info.filename in EXTRA:
            keep.append(data)
        if progress:
            progress(len(data))
    if inflater:
        data = inflater.flush()
        digest.update(data)
        crc = eng.crc32(data, crc)
    return crc, digest.hexdigest(), b"".join(keep) if keep else None


def verify_archive(path: str, *, expected: dict | None = None, engine: Engine | None = None,
                   progress: Callable[[int], None] | None = None) -> list[str]:
    """Problems found (empty when the archive is sound).

    Checks: the central directory parses; every name stays inside the target; every member
    inflates to its recorded CRC; its SHA-256 matches the SHA256SUMS inside the archive and,
    when given, the `expected` {name: {"sha256", "size"}} read from the source.
    """
    return _check(path, expected=expected, engine=engine, progress=progress)[0]


def _check(path: str, *, expected: dict | None = None, engine: Engine | None = None,
           progress: Callable[[int], None] | None = None) -> tuple[list[str], dict[str, str]]:
    """(problems, {member name: SHA-256 of what it inflates to})."""
    eng = engine or make_engine()
    problems: list[str] = []
    try:
        infos = _members(path)
    except (OSError, zipfile.BadZipFile) as err:
        return [f"{os.path.basename(path)}: not a readable zip ({err})"], {}
    found: dict[str, str] = {}
    sums: dict[str, str] = {}
    with open(path, "rb") as handle:
        for info in infos:
            if reason := unsafe_reason(info.filename):
                problems.append(f"{info.filename!r}: refused, the name holds {reason}")
            try:
                crc, sha, content = _read(handle, info, eng, progress)
            except (OSError, zipfile.BadZipFile, ValueError, eng.error) as err:
                problems.append(f"{info.filename}: cannot be read ({err})")
                continue
            if crc != info.CRC:
                problems.append(f"{info.filename}: CRC mismatch")
            if info.filename == "SHA256SUMS" and content is not None:
                sums = parse_sums(content.decode("utf-8"))
            found[info.filename] = sha
    members = {n: s for n, s in found.items() if n not in EXTRA}
    if "SHA256SUMS" not in found:
        problems.append("SHA256SUMS is missing")
    elif sums != members:
        problems.append("SHA256SUMS does not match the members")
    if expected is not None:
        if set(expected) != set(members):
            problems.append("the archive's members differ from the files written")
        for name, row in expected.items():
            if name in members and members[name] != row["sha256"]:
                problems.append(f"{name}: SHA-256 differs from the source")
    return problems, members


def hash_path(path: str) -> str:
    digest = hashlib.sha256()
    with open_nofollow(path) as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify_dir(folder: str, *, source: str | None = None,
               progress: Callable[[int], None] | None = None) -> dict:
    """{archive name: [problems]} for every zip in the folder, and the sidecar files.

    With `source`, every member listed in manifest.csv is compared with its original file
    (the `source` column, which keeps the original path when the stored name differs).
    """
    from .manifest import read_manifest

    result: dict[str, list[str]] = {}
    names = sorted(n for n in os.listdir(folder) if n.endswith(".zip"))
    for name in names:
        path = os.path.join(folder, name)
        problems, members = _check(path, progress=progress)
        beside = os.path.join(folder, name + ".SHA256SUMS")
        if not os.path.exists(beside):
            problems.append("the SHA256SUMS file beside the archive is missing")
        if source and not problems:
            with zipfile.ZipFile(path) as archive:
                rows = read_manifest(archive.read("manifest.csv"))
            listed = {row["name"]: row["sha256"] for row in rows}
            if listed != members:
                problems.append("manifest.csv does not match the members")
            for row in rows:
                if os.path.isabs(row["source"]) or ".." in row["source"].split("/"):
                    problems.append(f"{row['name']}: manifest.csv names a source outside "
                                    "the folder")
                    continue
                where = _source_path(source, row["source"])
                try:
                    if hash_path(where) != row["sha256"]:
                        problems.append(f"{row['name']}: the source has changed")
                except OSError:
                    problems.append(f"{row['name']}: the source file is missing or unreadable")
        result[name] = problems
    return result


def _source_path(source: str, original: str) -> str:
    """The file a manifest row came from (undecodable bytes were written as \\xNN)."""
    where = os.path.join(source, original)
    if not os.path.lexists(where) and "\\" in original:
        raw = codecs.escape_decode(original.encode("utf-8"))[0]
        where = os.path.join(source, os.fsdecode(raw))
    return where
