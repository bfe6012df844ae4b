"""Reading one RFC 822 message into plain fields. Django-free, fast, never raises on content.

Headers are read by hand and MIME parts split with bytes operations, so only the part
holding the text is decoded; an odd structure falls back to the email package's compat32
parser (several times faster than `email.policy.default`). The body is text/plain or,
failing that, HTML reduced to text: HTML is never kept, only its text survives.
"""

from __future__ import annotations

import binascii
import hashlib
import html
import re
from datetime import datetime
from email import message_from_bytes
from email.header import decode_header
from email.utils import parsedate_tz

from .dates import from_parts, raw_text

MAX_BODY = 100_000
MAX_SUBJECT = 500


class NotMail(ValueError):
    """The bytes are not an RFC 822 message."""


_HEADER_LINE = re.compile(rb"^[!-9;-~]+:", re.MULTILINE)
_ENCODED_WORD_GAP = re.compile(r"(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)")


def looks_like_mail(head: bytes) -> bool:
    """At least two header lines at the start, one of them a mail header."""
    head = head.lstrip(b"\r\n")
    if head.startswith(b"From "):
        head = head.split(b"\n", 1)[-1]
    block = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0][:8192]
    names = {m.group(0)[:-1].lower() for m in _HEADER_LINE.finditer(block)}
    if not names or not _HEADER_LINE.match(block):
        return False
    known = {b"from", b"to", b"subject", b"date", b"message-id", b"received",
             b"mime-version", b"content-type", b"return-path", b"sender", b"reply-to"}
    return bool(names & known)


def _charset_decode(data: bytes, charset: str | None) -> str:
    for candidate in (charset, "utf-8"):
        if not candidate:
            continue
        try:
            return data.decode(candidate.strip().strip('"').lower(), errors="replace")
        except (LookupError, ValueError):
            continue
    return data.decode("latin-1")


def header_text(value) -> str:
    """A header as text: encoded words decoded, unknown charsets tolerated, one line."""
    if value is None:
        return ""
    if not isinstance(value, str):  # a Header object for raw 8-bit values
        value = str(value)
    if "=?" not in value:
        return " ".join(value.split())
    value = _ENCODED_WORD_GAP.sub(r"\1", value)
    try:
        parts = decode_header(value)
    except Exception:  # noqa: BLE001 - any malformed encoded word: keep the raw text
        return " ".join(value.split())
    out = []
    for chunk, charset in parts:
        out.append(_charset_decode(chunk, charset) if isinstance(chunk, bytes) else chunk)
    return " ".join("".join(out).split())


_YEAR_TOKEN = re.compile(r"(?<![+\-\d])(\d{3,})(?![\d:])")


def parse_date(value: str | None) -> tuple[datetime, int] | None:
    """(aware UTC datetime, the sender's UTC offset in minutes), or None when the header
    holds no usable date (unreadable, an absurd offset, or outside 1970-2100)."""
    if not value:
        return None
    try:
        parts = parsedate_tz(value)
    except Exception:  # noqa: BLE001
        return None
    if not parts:
        return None
    year = parts[0]
    if year < 100:
        year += 2000 if year < 50 else 1900
    # A written year such as 0001 is not the two-digit 01 the parser maps to 2001.
    written = _YEAR_TOKEN.search(value)
    if written is not None and int(written.group(1)) != year:
        return None
    return from_parts(year, parts[1], parts[2], parts[3], parts[4], parts[5], parts[9] or 0)


_DROP = re.compile(r"<(script|style|head|title)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<\s*(br|/p|/div|/tr|/li|/h[1-6]|p|div|tr|li|h[1-6])\b[^>]*>",
                    re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>|<!--.*?-->", re.DOTALL)
_LOOKS_HTML = re.compile(r"<\s*(html|body|table|div|p|font|br)\b", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n\s*\n+")


def html_to_text(markup: str) -> str:
    """The readable text of an HTML body; no markup survives."""
    text = _DROP.sub(" ", markup)
    text = _BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text).replace("<", "‹").replace(">", "›")
    text = _SPACES.sub(" ", text)
    return _BLANKS.sub("\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()


def _part_text(part) -> str:
    payload = part.get_payload(decode=True)
    if payload is None:
        payload = part.get_payload()
        if isinstance(payload, list):
            return ""
        payload = payload.encode("utf-8", "replace") if isinstance(payload, str) else b""
    return _charset_decode(payload, part.get_content_charset())


_PARAM = re.compile(r';\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))')


class Head:
    """Header lines by lower-case name, unfolded: just what the importer reads."""

    __slots__ = ("values",)

    def __init__(self, block: bytes):
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            text = block.decode("latin-1")
        values: dict[str, list[str]] = {}
        name = None
        for line in text.replace("\r\n", "\n").split("\n"):
            if line[:1] in (" ", "\t"):
                if name is not None:
                    values[name][-1] += " " + line.strip()
                continue
            key, sep, value = line.partition(":")
            if not sep or not key or " " in key:
                name = None
                continue
            name = key.strip().lower()
            values.setdefault(name, []).append(value.strip())
        self.values = values

    def get(self, name: str, default=None):
        found = self.values.get(name.lower())
        return found[0] if found else default

    def get_all(self, name: str, default=None):
        return self.values.get(name.lower(), default)

    def get_content_type(self) -> str:
        value = self.get("content-type") or ""
        ctype = value.split(";", 1)[0].strip().lower()
        return ctype if "/" in ctype else "text/plain"

    def get_param(self, param: str):
        for key, quoted, token in _PARAM.findall(self.get("content-type") or ""):
            if key.lower() == param:
                return quoted if quoted else token
        return None

    def get_content_charset(self):
        charset = self.get_param("charset")
        return charset.lower() if charset else None
_SPLIT = re.compile(rb"\r?\n\r?\n")


def _head_and_body(raw: bytes):
    found = _SPLIT.search(raw)
    if found is None:
        return raw, b""
    return raw[:found.start()], raw[found.end():]


def _decode_transfer(payload: bytes, encoding: str) -> bytes:
    encoding = encoding.strip().lower()
    if encoding == "base64":
        return binascii.a2b_base64(payload)
    if encoding == "quoted-printable":
        return binascii.a2b_qp(payload)
    return payload


def _fast_text(head, body: bytes, depth: int = 0):
    """(kind, text) of the first plain (else HTML) part, splitting parts with bytes
    operations; headers only go through the email package. None when nothing is found."""
    ctype = head.get_content_type()
    if ctype.startswith("multipart/"):
        boundary = head.get_param("boundary")
        if not boundary or depth > 8:
            raise ValueError("no boundary")
        marker = b"--" + str(boundary).encode("latin-1")
        html = None
        for chunk in body.split(marker)[1:]:
            if chunk.startswith(b"--"):
                break
            chunk = chunk.split(b"\n", 1)[1] if b"\n" in chunk else b""
            if chunk.startswith((b"\n", b"\r\n")):
                part_raw, part_body = b"", chunk.lstrip(b"\r\n")
            else:
                part_raw, part_body = _head_and_body(chunk)
            part_head = Head(part_raw)
            if (part_head.get("Content-Disposition") or "").lower().startswith("attachment"):
                continue
            found = _fast_text(part_head, part_body.rstrip(b"\r\n"), depth + 1)
            if found and found[0] == "plain":
                return found
            if found and html is None:
                html = found
        return html
    if ctype not in ("text/plain", "text/html"):
        return None
    payload = _decode_transfer(body, head.get("Content-Transfer-Encoding") or "")
    text = _charset_decode(payload, head.get_content_charset())
    return ("plain" if ctype == "text/plain" else "html"), text


def _finish(kind: str, text: str) -> str:
    if kind == "html" or _LOOKS_HTML.search(text[:4096]):
        text = html_to_text(text)
    return text.replace("\r\n", "\n").replace("\x00", "")[:MAX_BODY].strip()


def body_text(msg) -> str:
    plain = markup = None
    for part in msg.walk():
        if part.is_multipart():
            continue
        disposition = (part.get("Content-Disposition") or "").lower()
        if disposition.startswith("attachment"):
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and markup is None:
            markup = part
        if plain is not None:
            break
    if plain is not None:
        return _finish("plain", _part_text(plain))  # HTML sent as text/plain: its text
    if markup is not None:
        return _finish("html", _part_text(markup))
    return ""


_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def addresses(msg, *names: str) -> list[str]:
    """Addresses in these headers, lower-cased, in order, once each. A pattern rather
    than a full RFC 5322 parse: display names and comments never hold a real address
    that the owner would not also recognise."""
    found = []
    for name in names:
        for value in msg.get_all(name) or []:
            for addr in _ADDRESS.findall(header_text(value)):
                addr = addr.strip(".").lower()
                if len(addr) <= 320 and addr not in found:
                    found.append(addr)
    return found


def _received_date(msg):
    for value in msg.get_all("Received") or []:
        if ";" in str(value):
            found = parse_date(str(value).rsplit(";", 1)[1])
            if found:
                return found
    return None


def message_key(message_id: str, raw: bytes) -> str:
    """The source id: the Message-ID, or a digest of the bytes when there is none."""
    if message_id and len(message_id) <= 250:
        return message_id
    if message_id:
        data = message_id.encode("utf-8", "replace")
        return "mid-sha1:" + hashlib.sha1(data, usedforsecurity=False).hexdigest()
    return "sha1:" + hashlib.sha1(raw, usedforsecurity=False).hexdigest()


def parse(raw: bytes) -> dict:
    """Fields of one message. Raises NotMail, or ValueError with a reason to report."""
    if not looks_like_mail(raw[:16384]):
        raise NotMail("not an e-mail message")
    head_raw, body = _head_and_body(raw)
    msg = Head(head_raw)
    try:
        found = _fast_text(msg, body)
        text = _finish(*found) if found else ""
    except Exception:  # noqa: BLE001 - odd structure: the full parser decides
        text = body_text(message_from_bytes(raw))
    message_id = header_text(msg.get("Message-ID")).strip().strip("<>").strip()
    date_header = header_text(msg.get("Date"))
    when = parse_date(date_header) or _received_date(msg)
    raw_date = ""
    if when is None:
        if not date_header.strip():
            raise ValueError("the message has no readable date")
        # A date that cannot be used is kept as written; the message has no known date.
        raw_date = raw_text(date_header) or "?"
        when = (None, None)
    senders = addresses(msg, "From") or addresses(msg, "Sender", "Return-Path")
    recipients = addresses(msg, "To", "Cc", "Bcc")
    return {
        "key": message_key(message_id, raw),
        "occurred_at": when[0],
        "utc_offset": when[1],
        "raw_date": raw_date,
        "subject": header_text(msg.get("Subject"))[:MAX_SUBJECT],
        "sender": senders[0] if senders else "",
        "recipients": recipients,
        "body": text,
    }


def safe_parse(raw: bytes) -> tuple[str, dict | str]:
    """("ok", fields) or ("failed", reason): a bad message never stops a run."""
    try:
        return "ok", parse(raw)
    except NotMail as err:
        return "notmail", str(err)
    except ValueError as err:
        return "failed", str(err)
    except Exception as err:  # noqa: BLE001 - malformed input of any kind
        return "failed", f"unreadable message ({type(err).__name__})"
