"""Type groups by extension, with a look at the first bytes when the extension says nothing."""

from __future__ import annotations

GROUPS = ("documents", "spreadsheets", "presentations", "pdf", "images", "media",
          "archives", "other")

_BY_EXT = {
    "documents": "doc docx odt rtf txt md html htm xml json tex pages epub",
    "spreadsheets": "xls xlsx xlsm ods csv tsv numbers",
    "presentations": "ppt pptx odp key",
    "pdf": "pdf",
    "images": "jpg jpeg png gif webp heic heif tif tiff bmp svg raw cr2 nef psd ai",
    "media": "mp3 wav flac ogg m4a aac mp4 mov mkv avi webm m4v wmv",
    "archives": "zip 7z rar gz tgz bz2 xz tar zst",
}
EXT_GROUP = {ext: group for group, exts in _BY_EXT.items() for ext in exts.split()}

# Formats that are compressed already: deflating them again is wasted work.
_COMPRESSED = ("jpg jpeg png gif webp heic heif mp3 m4a aac ogg flac mp4 mov mkv avi webm m4v "
               "wmv zip 7z rar gz tgz bz2 xz zst docx xlsx xlsm pptx odt ods odp epub pages "
               "numbers key")
COMPRESSED = frozenset(_COMPRESSED.split())

_MAGIC = [
    (b"%PDF", "pdf", "application/pdf"),
    (b"\x89PNG", "images", "image/png"),
    (b"\xff\xd8\xff", "images", "image/jpeg"),
    (b"GIF8", "images", "image/gif"),
    (b"PK\x03\x04", "archives", "application/zip"),
    (b"7z\xbc\xaf", "archives", "application/x-7z-compressed"),
    (b"\x1f\x8b", "archives", "application/gzip"),
    (b"ID3", "media", "audio/mpeg"),
    (b"OggS", "media", "audio/ogg"),
    (b"\xd0\xcf\x11\xe0", "documents", "application/x-ole-storage"),
]


def extension(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base.lstrip(".") else ""


def sniff(head: bytes) -> tuple[str, str]:
    """(group, MIME type) from the first bytes, ("", "") when unknown."""
    for magic, group, mime in _MAGIC:
        if head.startswith(magic):
            return group, mime
    if len(head) > 8 and head[4:8] == b"ftyp":
        return "media", "video/mp4"
    return "", ""


def group_of(name: str, head: bytes = b"") -> str:
    """The extension decides; the content decides only for names without a known one."""
    group = EXT_GROUP.get(extension(name))
    if group:
        return group
    return sniff(head)[0] or "other"


def is_compressed(name: str) -> bool:
    return extension(name) in COMPRESSED
