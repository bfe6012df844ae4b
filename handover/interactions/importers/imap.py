"""Importing an IMAP folder over TLS or STARTTLS, incrementally by UID.

`imaps://user@host:993/INBOX` is TLS from the first byte, `imap://user@host:143/INBOX`
upgrades with STARTTLS (refused when the server does not offer it). A cursor keeps the
last UID imported for the folder's UIDVALIDITY; after a dropped connection the import
reconnects and resumes from the cursor. Passwords are passed in, never logged.
"""

from __future__ import annotations

import contextlib
import imaplib
import ipaddress
import logging
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from ..actions import do_save_cursor
from ..models import ImapCursor
from .base import Context, Refused
from .mail import write_parsed
from .mailparse import safe_parse

log = logging.getLogger(__name__)
FETCH = 100
RETRIES = 8


@dataclass
class ImapSource:
    host: str
    port: int
    username: str
    folder: str
    starttls: bool

    @property
    def label(self) -> str:
        return f"{self.username}@{self.host}:{self.port}/{self.folder}"


def parse_url(url: str) -> ImapSource:
    parts = urlsplit(url)
    if parts.scheme not in ("imaps", "imap") or not parts.hostname or not parts.username:
        raise Refused(_("Give the IMAP account as imaps://user@host:port/FOLDER."))
    try:
        port = parts.port or (993 if parts.scheme == "imaps" else 143)
    except ValueError as err:
        raise Refused(_("The IMAP port is not a number.")) from err
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    return ImapSource(parts.hostname, port, unquote(parts.username), folder,
                      parts.scheme == "imap")


def check_host(host: str) -> None:
    """Refuse hosts resolving to loopback, link-local or private addresses, unless the
    instance allows them (HANDOVER_IMAP_ALLOW_PRIVATE=1)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as err:
        raise Refused(_("The IMAP server %(host)s cannot be found.") % {"host": host}) from err
    if settings.IMAP_ALLOW_PRIVATE:
        return
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if (address.is_loopback or address.is_link_local or address.is_private
                or address.is_reserved or address.is_unspecified or address.is_multicast):
            raise Refused(_(
                "The IMAP server %(host)s is on a private or local network address, "
                "which this instance does not allow."
            ) % {"host": host})


def _tls_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=settings.IMAP_CA_FILE or None)


def connect(source: ImapSource, password: str) -> IMAPClient:
    try:
        client = IMAPClient(source.host, port=source.port, ssl=not source.starttls,
                            ssl_context=_tls_context(), timeout=30)
        if source.starttls:
            client.starttls(_tls_context())
        if (source.username + password).isascii():
            client.login(source.username, password)
        else:  # LOGIN is ASCII only; AUTHENTICATE PLAIN carries UTF-8
            client.plain_login(source.username, password)
    except LoginError as err:
        raise Refused(_("The IMAP server refused the user name or password.")) from err
    except ssl.SSLError as err:
        raise Refused(_("The secure connection to %(host)s failed: %(error)s") % {
            "host": source.host, "error": err.reason or err.__class__.__name__}) from err
    return client


DROPPED = (OSError, EOFError, IMAPClientError, ssl.SSLError)


def _select(client: IMAPClient, source: ImapSource) -> int:
    try:
        info = client.select_folder(source.folder, readonly=True)
    except imaplib.IMAP4.abort:
        raise  # a dropped connection: retried
    except IMAPClientError as err:
        raise Refused(_("The folder %(folder)s does not exist on the server.") % {
            "folder": source.folder}) from err
    return int(info[b"UIDVALIDITY"])


def open_imap(ctx: Context) -> None:
    source = parse_url(ctx.data["url"])
    check_host(source.host)
    ctx.data["imap"] = source


def fetch_all(ctx: Context) -> None:
    source: ImapSource = ctx.data["imap"]
    password = ctx.data["password"]
    attempts = 0
    first = True
    while True:
        try:
            _import_session(ctx, source, password, first)
            return
        except Refused:
            raise
        except DROPPED as err:
            attempts += 1
            log.warning("IMAP connection to %s dropped (%s); attempt %d",
                        source.host, type(err).__name__, attempts)
            if attempts > RETRIES:
                raise Refused(_("The connection to %(host)s kept dropping; the import stopped "
                                "and resumes from here next time.") % {"host": source.host}
                              ) from err
            time.sleep(min(8.0, 0.25 * 2 ** attempts))
            first = False


def _import_session(ctx: Context, source: ImapSource, password: str, first: bool) -> None:
    client = connect(source, password)
    try:
        uidvalidity = _select(client, source)
        cursor = ImapCursor.objects.filter(
            workspace=ctx.workspace, host=source.host, username=source.username,
            folder=source.folder).first()
        last = cursor.last_uid if cursor and cursor.uidvalidity == uidvalidity else 0
        uids = sorted(u for u in client.search(["UID", f"{last + 1}:*"]) if u > last)
        if first:
            ctx.set_total(len(uids))
        for start in range(0, len(uids), FETCH):
            chunk = uids[start:start + FETCH]
            fetched = client.fetch(chunk, ["BODY.PEEK[]"])
            parsed = []
            for uid in chunk:
                raw = (fetched.get(uid) or {}).get(b"BODY[]")
                label = f"{source.folder} UID {uid}"
                if raw is None:
                    parsed.append((label, "failed", "the server sent no message", 1))
                    continue
                status, value = safe_parse(raw)
                parsed.append((label, status, value, 1))
            write_parsed(ctx, parsed)
            do_save_cursor(ctx.workspace, host=source.host, username=source.username,
                           folder=source.folder, uidvalidity=uidvalidity, last_uid=chunk[-1])
    finally:
        with contextlib.suppress(Exception):  # the connection may already be gone
            client.logout()


STEPS = [open_imap, fetch_all]
