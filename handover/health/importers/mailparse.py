"""Reading one RFC 822 message into plain fields. Django-free, fast, never raises on content.

compat32 parsing (several times faster than `email.policy.default`), headers decoded by
hand, the text body from text/plain or, failing that, HTML reduced to text. HTML is never
kept: only its text survives.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import UTC, datetime, timedelta, timezone
from email import message_from_bytes
from email.header import decode_header
from email.utils import getaddresses, parsedate_tz

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


def parse_date(value: str | None) -> tuple[datetime, int] | None:
    """(aware UTC datetime, the sender's UTC offset in minutes), or None."""
    if not value:
        return None
    try:
        parts = parsedate_tz(value)
    except Exception:  # noqa: BLE001
        return None
    if not parts:
        return None
    offset = parts[9] or 0
    year = parts[0]
    if year < 100:
        year += 2000 if year < 50 else 1900
    try:
        local = datetime(year, parts[1], parts[2], parts[3], parts[4], parts[5])
        if abs(offset) >= 24 * 3600:
            offset = 0
        aware = local.replace(tzinfo=timezone(timedelta(seconds=offset)))
        return aware.astimezone(UTC), offset // 60
    except (ValueError, OverflowError):
        return None


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
        text = _part_text(plain)
        if _LOOKS_HTML.search(text[:4096]):  # HTML sent as text/plain: keep only its text
            text = html_to_text(text)
    elif markup is not None:
        text = html_to_text(_part_text(markup))
    else:
        return ""
    return text.replace("\r\n", "\n").replace("\x00", "")[:MAX_BODY].strip()


def addresses(msg, *names: str) -> list[str]:
    values = []
    for name in names:
        values.extend(header_text(v) for v in (msg.get_all(name) or []))
    found = []
    try:
        pairs = getaddresses(values)
    except Exception:  # noqa: BLE001
        pairs = []
    for _name, addr in pairs:
        addr = addr.strip().strip("<>").lower()
        if "@" in addr and len(addr) <= 320 and addr not in found:
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
    msg = message_from_bytes(raw)
    message_id = header_text(msg.get("Message-ID")).strip().strip("<>").strip()
    when = parse_date(header_text(msg.get("Date"))) or _received_date(msg)
    if when is None:
        raise ValueError("the message has no readable date")
    senders = addresses(msg, "From") or addresses(msg, "Sender", "Return-Path")
    recipients = addresses(msg, "To", "Cc", "Bcc")
    return {
        "key": message_key(message_id, raw),
        "occurred_at": when[0],
        "utc_offset": when[1],
        "subject": header_text(msg.get("Subject"))[:MAX_SUBJECT],
        "sender": senders[0] if senders else "",
        "recipients": recipients,
        "body": body_text(msg),
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
