"""Reading password-manager exports without keeping a single secret (Django-free).

Each parser walks the export in memory and builds `VaultEntry` rows from the fields that
say *what* an account is (name, URL, login, folder). Passwords, notes, one-time-password
seeds, card numbers and custom-field values are never copied out of the parser's local
variables: they reach no model, no log line, no error message and no temporary file.
Errors name the format and the line or item, never a value from the file.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlsplit

FORMATS = ("lastpass", "bitwarden", "1password", "keepass")


@dataclass(frozen=True)
class VaultEntry:
    name: str
    url: str = ""
    login: str = ""
    folder: str = ""

    @property
    def host(self) -> str:
        return host_of(self.url)


class VaultFormatError(ValueError):
    """The export cannot be read. `reason` is a message id, `details` safe placeholders."""

    def __init__(self, reason: str, **details):
        super().__init__(reason)
        self.reason = reason
        self.details = details


def host_of(url: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def _clean(value) -> str:
    return " ".join(str(value or "").split())[:300]


def _entry(name, url="", login="", folder="") -> VaultEntry | None:
    name, url, login, folder = _clean(name), _clean(url), _clean(login), _clean(folder)
    if url in ("http://sn", "http://group"):  # LastPass secure notes and groups
        url = ""
    folder = folder.replace("\\", "/").strip("/")
    if folder.lower().startswith("root/"):
        folder = folder[5:]
    elif folder.lower() == "root":
        folder = ""
    if not (name or url or login):
        return None
    return VaultEntry(name=name or host_of(url) or login, url=url, login=login, folder=folder)


# --- CSV -------------------------------------------------------------------------------

# Columns each format uses for the entry's identity; lower-cased header names.
CSV_COLUMNS = {
    "lastpass": {"name": ("name",), "url": ("url",), "login": ("username",),
                 "folder": ("grouping",)},
    "bitwarden": {"name": ("name",), "url": ("login_uri",), "login": ("login_username",),
                  "folder": ("folder", "collections")},
    "1password": {"name": ("title",), "url": ("url", "website"), "login": ("username",),
                  "folder": ("type", "tags")},
    "keepass": {"name": ("title", "account"), "url": ("url", "web site"),
                "login": ("username", "login name", "user name"), "folder": ("group",)},
}


def _csv_format(header: list[str]) -> str | None:
    cols = set(header)
    if {"url", "username", "password", "extra", "name", "grouping"} <= cols:
        return "lastpass"
    if {"name", "login_uri", "login_username"} <= cols:
        return "bitwarden"
    if {"account", "login name", "web site"} <= cols or {"group", "title", "username",
                                                         "url"} <= cols:
        return "keepass"
    if "title" in cols and "username" in cols and ({"url"} & cols or "website" in cols):
        return "1password"
    return None


def _pick(row: dict, names: tuple[str, ...]) -> str:
    for name in names:
        value = row.get(name)
        if value:
            return value
    return ""


def parse_csv(text: str, wanted: str | None) -> tuple[list[VaultEntry], int]:
    try:
        rows = csv.reader(io.StringIO(text))
        header = [h.strip().lower() for h in next(rows, [])]
    except csv.Error:
        raise VaultFormatError("damaged_csv", line=1) from None
    found = _csv_format(header)
    if found is None or (wanted and wanted != found):
        raise VaultFormatError("unknown_columns", format=wanted or "")
    columns = CSV_COLUMNS[found]
    entries: list[VaultEntry] = []
    failed = 0
    line = 1
    try:
        for values in rows:
            line = rows.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header) + 1 or len(values) < min(len(header), 2):
                failed += 1
                continue
            row = dict(zip(header, values, strict=False))
            entry = _entry(
                _pick(row, columns["name"]), _pick(row, columns["url"]).split(",")[0],
                _pick(row, columns["login"]), _pick(row, columns["folder"]),
            )
            # The row (with its password) goes out of scope here.
            del row, values
            if entry is not None:
                entries.append(entry)
    except csv.Error:
        raise VaultFormatError("damaged_csv", line=line + 1) from None
    return entries, failed


# --- Bitwarden JSON --------------------------------------------------------------------

def parse_bitwarden_json(data) -> tuple[list[VaultEntry], int]:
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise VaultFormatError("unknown_json")
    if data.get("encrypted"):
        raise VaultFormatError("encrypted")
    folders = {f.get("id"): f.get("name", "") for f in data.get("folders") or []
               if isinstance(f, dict)}
    collections = {c.get("id"): c.get("name", "") for c in data.get("collections") or []
                   if isinstance(c, dict)}
    entries, failed = [], 0
    for item in data["items"]:
        if not isinstance(item, dict):
            failed += 1
            continue
        login = item.get("login") if isinstance(item.get("login"), dict) else {}
        uris = login.get("uris") or []
        url = next((u.get("uri") or "" for u in uris if isinstance(u, dict)), "")
        folder = folders.get(item.get("folderId")) or ""
        if not folder:
            ids = item.get("collectionIds") or []
            folder = next((collections.get(i, "") for i in ids if collections.get(i)), "")
        entry = _entry(item.get("name"), url, login.get("username"), folder)
        if entry is None:
            failed += 1
        else:
            entries.append(entry)
    return entries, failed


# --- KeePass XML -----------------------------------------------------------------------

def _keepass2(root) -> tuple[list[VaultEntry], int]:
    entries, failed = [], 0

    def walk(group, path):
        for child in group:
            if child.tag == "Group":
                name = (child.findtext("Name") or "").strip()
                walk(child, [*path, name] if name else path)
            elif child.tag == "Entry":
                fields = {}
                for string in child.findall("String"):
                    key = string.findtext("Key") or ""
                    if key in ("Title", "URL", "UserName"):
                        fields[key] = string.findtext("Value") or ""
                entry = _entry(fields.get("Title"), fields.get("URL"), fields.get("UserName"),
                               "/".join(path))
                if entry is not None:
                    entries.append(entry)

    top = root.find("Root")
    if top is None:
        raise VaultFormatError("unknown_xml")
    for group in top.findall("Group"):
        # The database's own top group is the vault, not a folder.
        walk(group, [])
    return entries, failed


def _keepassx(root) -> tuple[list[VaultEntry], int]:
    entries = []

    def walk(group, path):
        for child in group:
            if child.tag == "group":
                walk(child, [*path, (child.findtext("title") or "").strip()])
            elif child.tag == "entry":
                entry = _entry(child.findtext("title"), child.findtext("url"),
                               child.findtext("username"), "/".join(p for p in path if p))
                if entry is not None:
                    entries.append(entry)

    walk(root, [])
    return entries, 0


def parse_xml(text: str) -> tuple[list[VaultEntry], int]:
    if "<!ENTITY" in text:
        raise VaultFormatError("unknown_xml")
    try:
        root = ET.fromstring(text)  # noqa: S314 - entity declarations are refused above
    except ET.ParseError as err:
        raise VaultFormatError("damaged_xml", line=err.position[0]) from None
    if root.tag == "KeePassFile":
        return _keepass2(root)
    if root.tag == "database":
        return _keepassx(root)
    raise VaultFormatError("unknown_xml")


# --- Entry point -----------------------------------------------------------------------

def decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise VaultFormatError("not_text") from None
    if b"\x00" in raw:
        raise VaultFormatError("not_text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Windows exports: a single-byte code page.
        return raw.decode("cp1252", errors="replace")


def parse(raw: bytes, fmt: str = "auto") -> tuple[str, list[VaultEntry], int]:
    """(format found, entries, rows that could not be read). Raises VaultFormatError."""
    if fmt not in ("auto", *FORMATS):
        raise VaultFormatError("unknown_format_name", format=fmt)
    text = decode(raw)
    stripped = text.lstrip()
    if not stripped:
        raise VaultFormatError("empty")
    wanted = None if fmt == "auto" else fmt
    if stripped[0] in "{[":
        if wanted not in (None, "bitwarden"):
            raise VaultFormatError("wrong_format", format=fmt)
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as err:
            raise VaultFormatError("damaged_json", line=err.lineno) from None
        entries, failed = parse_bitwarden_json(data)
        return "bitwarden", entries, failed
    if stripped[0] == "<":
        if wanted not in (None, "keepass"):
            raise VaultFormatError("wrong_format", format=fmt)
        entries, failed = parse_xml(stripped)
        return "keepass", entries, failed
    entries, failed = parse_csv(text, wanted)
    header = next(csv.reader(io.StringIO(text)))
    return _csv_format([h.strip().lower() for h in header]) or "", entries, failed
