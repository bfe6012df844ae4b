"""What the four import commands share: options, the progress bar, the report."""

from __future__ import annotations

import json
import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handover.core.models import Membership, Role, Workspace

from ..actions import STOPPED, do_create_import, do_finish_import, do_start_import
from ..importers.base import Refused
from ..importers.mapping import parse_mapping
from ..importers.run import is_imap, run_import


class ImportCommand(BaseCommand):
    kind = ""
    source_help = ""

    def add_arguments(self, parser):
        parser.add_argument("source", help=self.source_help)
        parser.add_argument("--workspace", required=True, metavar="SLUG")
        parser.add_argument("--client", default="", metavar="NAME",
                            help="File everything under this client (created when missing).")
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="Print the report as JSON.")
        parser.add_argument("--map", default="", metavar="FIELD=COLUMN,...",
                            help="Column mapping for CSV files.")
        parser.add_argument("--time-zone", default="", help="Time zone of naive CSV dates.")
        parser.add_argument("--me", action="append", default=[], metavar="ADDRESS",
                            help="Your own address (mail from it is outbound).")
        parser.add_argument("--processes", type=int, default=None)

    def handle(self, *args, source, workspace, client, as_json: bool, map: str, time_zone: str,
               me: list, processes, **options):
        ws = Workspace.objects.filter(slug=workspace).first()
        if ws is None:
            raise CommandError(_("There is no workspace %(slug)s.") % {"slug": workspace})
        owner = (Membership.objects.filter(workspace=ws, role=Role.OWNER, is_active=True)
                 .select_related("user").first())
        password = ""
        if self.kind == "mail" and is_imap(source):
            password = os.environ.get("HANDOVER_IMAP_PASSWORD", "")
            if not password:
                raise CommandError(_("Set HANDOVER_IMAP_PASSWORD to the IMAP password."))
        actor = owner.user if owner else None
        # The run is recorded (audit trail, link from each row); the password never is.
        run = do_start_import(do_create_import(ws, actor=actor, kind=self.kind,
                                               label=source, client_name=client))
        try:
            mapping = parse_mapping(map)
            report = self._run(ws, actor, source, client, password, mapping, as_json,
                               set(me), processes, time_zone, run)
        except Refused as err:
            do_finish_import(run, report=None, error=str(err))
            raise CommandError(str(err)) from err
        except KeyboardInterrupt:
            do_finish_import(run, report=None, error=_(STOPPED))
            raise
        except Exception:
            do_finish_import(run, report=None, error=_(
                "The import stopped on an unexpected error; the details are in the log."))
            raise
        data = report.as_dict()
        do_finish_import(run, report=data)
        if as_json:
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        self.stdout.write(_("Imported: %(imported)d, duplicates: %(duplicates)d, unmatched: "
                            "%(unmatched)d, failed: %(failed)d.") % data)
        for failure in data["failures"][:50]:
            self.stdout.write(f"  {failure['item']}: {failure['reason']}")
        if data["unknown_dates"]:
            self.stdout.write(ngettext(
                "%(count)d item was kept with its date unknown; its date as written:",
                "%(count)d items were kept with their dates unknown; their dates as written:",
                data["unknown_dates"]) % {"count": data["unknown_dates"]})
            for row in data["undated"][:50]:
                self.stdout.write(f"  {row['item']} ({row['subject']}): {row['date']}")

    def _run(self, ws, actor, source, client, password, mapping, quiet, own, processes,
             time_zone, run):
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

        kwargs = dict(actor=actor, source=source, client_name=client, password=password,
                      mapping=mapping, own=own, processes=processes, time_zone=time_zone,
                      run=run)
        if quiet or not self.stderr.isatty():
            return run_import(self.kind, ws, **kwargs)
        with Progress("{task.description}", BarColumn(), TaskProgressColumn(),
                      TimeRemainingColumn(), transient=True) as bar:
            task = bar.add_task(_("Importing"), total=None)

            def progress(done, total):
                bar.update(task, completed=done, total=total or None)

            return run_import(self.kind, ws, progress=progress, **kwargs)
