"""Importing a password-manager export into the access inventory.

The file's bytes are parsed in memory by `vault.parse`, which keeps only names, addresses,
logins and folders; the secrets never leave the parser. Nothing is stored when the file
cannot be read.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from handover.clients.selectors import current_engagement

from . import selectors, vault
from .actions import access as access_actions


class ImportRefused(ValueError):
    """The export was refused; the message is safe to show (it holds no file content)."""


def reason_text(err: vault.VaultFormatError) -> str:
    d = err.details
    messages = {
        "unknown_format_name": _("%(format)s is not a format Handover reads: use auto, "
                                 "lastpass, bitwarden, 1password or keepass."),
        "wrong_format": _("This file is not a %(format)s export."),
        "not_text": _("This file is not a text export (CSV, JSON or XML). Encrypted vault "
                      "files cannot be read: export without encryption."),
        "empty": _("The file is empty."),
        "damaged_csv": _("The CSV file is damaged near line %(line)s."),
        "damaged_json": _("The JSON file is damaged near line %(line)s."),
        "damaged_xml": _("The XML file is damaged near line %(line)s."),
        "unknown_columns": _("The CSV columns are not those of a LastPass, Bitwarden, "
                             "1Password or KeePass export."),
        "unknown_json": _("This JSON file is not a Bitwarden export."),
        "unknown_xml": _("This XML file is not a KeePass export."),
        "encrypted": _("This Bitwarden export is encrypted: export it again without "
                       "encryption (the passwords are dropped while reading)."),
    }
    message = messages.get(err.reason, _("This file cannot be read."))
    return message % d if d else message


def matcher_for(workspace):
    """entry -> (client, engagement): by the URL's domain, then by the folder's name."""
    domains, names = selectors.client_matching(workspace)
    engagements: dict = {}

    def engagement_of(client):
        if client.pk not in engagements:
            engagements[client.pk] = current_engagement(workspace, client)
        return engagements[client.pk]

    def match(entry: vault.VaultEntry):
        client = None
        host = entry.host
        if host:
            parts = host.split(".")
            for i in range(len(parts) - 1):
                client = domains.get(".".join(parts[i:]))
                if client:
                    break
        if client is None and entry.folder:
            for segment in entry.folder.split("/"):
                key = segment.strip().casefold()
                client = names.get(key) or domains.get(key)
                if client:
                    break
        return (client, engagement_of(client)) if client else (None, None)

    return match


def import_export(workspace, *, actor, raw: bytes, fmt: str = "auto") -> dict:
    try:
        found, entries, failed = vault.parse(raw, fmt)
    except vault.VaultFormatError as err:
        raise ImportRefused(reason_text(err)) from None
    report = access_actions.do_import_accounts(workspace, actor=actor, entries=entries,
                                               source=found, matcher=matcher_for(workspace))
    return {"format": found, **report, "failed": failed}
