"""Naming and placement rules, and the findings of an audit with the fixes they propose."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from .kinds import extension, group_of

PRESETS = {
    "date_topic_version": r"^\d{4}-\d{2}-\d{2}_[\w-]+_v\d+(\.[A-Za-z0-9]+)?$",
    "date_topic": r"^\d{4}-\d{2}-\d{2}_[\w-]+(\.[A-Za-z0-9]+)?$",
    "lowercase_dashes": r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)?$",
}
PRESET_LABELS = {"date_topic_version": "YYYY-MM-DD_topic_vN", "date_topic": "YYYY-MM-DD_topic",
                 "lowercase_dashes": "lowercase-with-dashes"}

TEMP_NAMES = re.compile(
    r"(^~\$|^\.~lock\.|^\._|\.tmp$|\.temp$|\.swp$|\.part$|\.crdownload$|~$|^thumbs\.db$|"
    r"^\.ds_store$|^desktop\.ini$)", re.IGNORECASE)
WINDOWS_ILLEGAL = re.compile(r'[<>:"|?*\\]')
WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Windows stops at 260 characters for the whole path: keep 60 for the folder it lands in.
WINDOWS_MAX_PATH = 200
NAME_MAX = 255

KINDS = ("naming", "wrong_folder", "duplicate", "temporary", "too_long", "illegal_windows",
         "illegal_macos", "control_characters", "invalid_utf8", "empty_folder",
         "symlink", "symlink_outside", "unreadable", "special")


@dataclass
class FolderRule:
    folder: str
    groups: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)

    def matches(self, rel: str) -> bool:
        name = rel.rsplit("/", 1)[-1].lower()
        return group_of(rel) in self.groups or any(k.lower() in name for k in self.keywords)


@dataclass
class Rules:
    pattern: str = ""
    folders: list[FolderRule] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> Rules:
        """{"preset": name} or {"pattern": regex}, and "folders": [{folder, groups, keywords}]."""
        if not isinstance(data, dict):
            raise ValueError("The rules must be an object with a preset or pattern and folders.")
        preset = data.get("preset") or ""
        if preset and preset not in PRESETS:
            raise ValueError(f"Unknown preset {preset!r}; choose one of {', '.join(PRESETS)}.")
        pattern = data.get("pattern") or PRESETS.get(preset, "")
        try:
            re.compile(pattern)
        except re.error as err:
            raise ValueError(f"The naming pattern is not a valid regular expression: {err}.") \
                from None
        folders = []
        for item in data.get("folders") or []:
            if not isinstance(item, dict) or not str(item.get("folder", "")).strip("/"):
                raise ValueError("Each folder rule needs a folder name.")
            folders.append(FolderRule(str(item["folder"]).strip("/"),
                                      list(item.get("groups") or []),
                                      list(item.get("keywords") or [])))
        return cls(pattern, folders)


@dataclass
class Finding:
    kind: str
    path: str
    detail: str = ""
    fix: tuple[str, str] | None = None  # (kind "rename"|"move"|"delete", new path)


def display(rel: str) -> str:
    """A path safe to print: undecodable bytes and control characters shown escaped."""
    text = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def safe_name(name: str) -> str:
    """A name legal on Windows, macOS and Linux, as close to the original as possible."""
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    name = CONTROL.sub("_", WINDOWS_ILLEGAL.sub("_", name)).replace("/", "_")
    name = unicodedata.normalize("NFC", name).rstrip(" .") or "_"
    if WINDOWS_RESERVED.match(name):
        name = "_" + name
    if len(name.encode()) > NAME_MAX:
        ext = extension(name)
        keep = NAME_MAX - len(ext.encode()) - 1
        stem = name.encode()[:keep].decode("utf-8", "ignore")
        name = f"{stem}.{ext}" if ext else stem
    return name


def check_name(rel: str) -> list[Finding]:
    name = rel.rsplit("/", 1)[-1]
    found = []
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        found.append(Finding("invalid_utf8", rel, "the name is not valid UTF-8"))
    if CONTROL.search(name):
        found.append(Finding("control_characters", rel, "the name holds control characters"))
    if WINDOWS_ILLEGAL.search(name) or WINDOWS_RESERVED.match(name) or name.endswith((" ", ".")):
        found.append(Finding("illegal_windows", rel, "Windows cannot store this name"))
    if ":" in name or name.startswith("._"):
        found.append(Finding("illegal_macos", rel, "macOS shows or treats this name differently"))
    if len(name.encode("utf-8", "surrogateescape")) > NAME_MAX or len(rel) > WINDOWS_MAX_PATH:
        found.append(Finding("too_long", rel, f"{len(rel)} characters"))
    if found:
        parent = rel.rsplit("/", 1)[0] if "/" in rel else ""
        new = safe_name(name)
        target = f"{parent}/{new}" if parent else new
        if target != rel:
            for finding in found:
                finding.fix = ("rename", target)
    return found


def audit(files, empty_dirs, skipped, rules: Rules) -> list[Finding]:
    """Findings for walked files (objects with rel, sha256, size) under the rules."""
    findings: list[Finding] = []
    pattern = re.compile(rules.pattern) if rules.pattern else None
    by_hash = defaultdict(list)
    for entry in files:
        rel, name = entry.rel, entry.rel.rsplit("/", 1)[-1]
        if TEMP_NAMES.search(name):
            findings.append(Finding("temporary", rel, "a temporary or system file",
                                    ("delete", "")))
            continue
        findings.extend(check_name(rel))
        if pattern and not pattern.match(name):
            findings.append(Finding("naming", rel, rules.pattern))
        for rule in rules.folders:
            if rule.matches(rel):
                parent = rel.rsplit("/", 1)[0] if "/" in rel else ""
                if parent.split("/")[0] != rule.folder:
                    findings.append(Finding("wrong_folder", rel, rule.folder,
                                            ("move", f"{rule.folder}/{name}")))
                break
        if entry.sha256 and entry.size:
            by_hash[entry.sha256].append(rel)
    for paths in by_hash.values():
        for rel in paths[1:]:
            findings.append(Finding("duplicate", rel, paths[0], ("delete", "")))
    findings.extend(Finding("empty_folder", rel) for rel in empty_dirs)
    findings.extend(Finding(reason.split(":")[0], rel, reason) for rel, reason in skipped)
    return findings
