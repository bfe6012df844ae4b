"""handover import_accounts FILE --workspace SLUG: the access inventory from a vault export.

Only names, addresses, logins and folders are kept; passwords, notes, one-time-password
seeds and custom fields are dropped while the file is read.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from handover.core.models import Workspace
from handover.offboarding.importing import ImportRefused, import_export

MAX_BYTES = 50 * 1024 * 1024


class Command(BaseCommand):
    help = "Import the accounts (never the secrets) of a password-manager export."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--workspace", required=True, metavar="SLUG")
        parser.add_argument("--format", default="auto",
                            choices=["auto", "lastpass", "bitwarden", "1password", "keepass"])
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, file, workspace, format, json: bool = False, **options):
        ws = Workspace.objects.filter(slug=workspace).first()
        if ws is None:
            raise CommandError(_("There is no workspace %(slug)s.") % {"slug": workspace})
        path = Path(file)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(_("%(file)s is larger than 50 MB.") % {"file": file})
            raw = path.read_bytes()
        except OSError as err:
            raise CommandError(_("%(file)s cannot be read: %(reason)s.")
                               % {"file": file, "reason": err.strerror}) from None
        try:
            report = import_export(ws, actor=None, raw=raw, fmt=format)
        except ImportRefused as err:
            raise CommandError(_("Nothing was imported. %(reason)s") % {"reason": err}) from None
        finally:
            del raw
        if json:
            self.stdout.write(_json.dumps(report))
        else:
            self.stdout.write(_(
                "%(imported)s imported, %(duplicates)s duplicates, %(unmatched)s without a "
                "client, %(failed)s unreadable (%(format)s export).") % report)


_json = json
