"""handover import_time FILE... --workspace SLUG: time entries from tracker exports.

Each file is all or nothing; importing a file again adds nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from handover.core.models import Membership, Role, Workspace
from handover.duties.actions.time import do_import_time
from handover.duties.models import Duty
from handover.duties.timeimport.files import ImportFailed
from handover.duties.timeimport.reader import FORMATS


def _find_duty(workspace, text: str) -> Duty:
    duties = Duty.objects.filter(workspace=workspace)
    found = duties.filter(pk=int(text)).first() if text.isdigit() else None
    found = found or duties.filter(title__iexact=text.strip()).first()
    if found is None:
        raise CommandError(_("No duty “%(duty)s” in this workspace: give its number or its exact "
                             "title.") % {"duty": text})
    return found


def _key(text: str) -> tuple[str, str, str]:
    parts = [p.strip() for p in text.split("::")]
    if len(parts) == 1:
        return ("", parts[0], "")
    if len(parts) == 2:
        return ("", parts[0], parts[1])
    return (parts[0], parts[1], parts[2])


class Command(BaseCommand):
    help = "Import time entries from Toggl, Clockify, Harvest or Kimai CSV exports."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--workspace", required=True, metavar="SLUG")
        parser.add_argument("--format", default="auto", choices=("auto", *FORMATS))
        parser.add_argument("--as", dest="as_user", metavar="EMAIL",
                            help="who imports (default: the workspace's first owner)")
        parser.add_argument("--duty", metavar="DUTY",
                            help="the duty (number or title) for projects without one yet")
        parser.add_argument("--map", action="append", default=[], metavar="PROJECT=DUTY",
                            help="PROJECT, PROJECT::TASK or CLIENT::PROJECT::TASK = DUTY")
        parser.add_argument("--time-zone", default="", metavar="ZONE")
        parser.add_argument("--json", action="store_true", help="print a JSON report")

    def handle(self, *args, files, workspace, format, as_user, duty, map, time_zone, json,
               **options):
        ws = Workspace.objects.filter(slug=workspace).first()
        if ws is None:
            raise CommandError(_("There is no workspace “%(slug)s”.") % {"slug": workspace})
        members = Membership.objects.filter(workspace=ws, is_active=True).select_related("user")
        member = (members.filter(user__email__iexact=as_user) if as_user
                  else members.filter(role=Role.OWNER).order_by("pk")).first()
        if member is None:
            raise CommandError(_("%(email)s is not a member of this workspace.")
                               % {"email": as_user or "owner"})
        mapping = {}
        for item in map:
            name, sep, target = item.rpartition("=")
            if not sep or not name.strip():
                raise CommandError(_("Write --map as PROJECT=DUTY or PROJECT::TASK=DUTY, not "
                                     "“%(value)s”.") % {"value": item})
            mapping[_key(name)] = _find_duty(ws, target)
        default = _find_duty(ws, duty) if duty else None
        self._run(ws, member.user, files, format, mapping, default, time_zone, json)

    def _run(self, ws, actor, files, fmt, mapping, default, time_zone, as_json):
        from zoneinfo import available_timezones

        if time_zone and time_zone not in available_timezones():
            raise CommandError(_("Unknown time zone “%(zone)s”.") % {"zone": time_zone})
        report = {"imported": 0, "duplicates": 0, "failed": 0, "skipped": 0, "minutes": 0.0,
                  "files": []}
        errors = []
        progress = None
        if not as_json and sys.stderr.isatty() and len(files) > 1:
            from rich.progress import Progress

            progress = Progress(transient=True)
            progress.start()
            bar = progress.add_task(_("Importing"), total=len(files))
        try:
            for name in files:
                entry = self._one(ws, actor, Path(name), fmt, mapping, default, time_zone)
                report["files"].append(entry)
                for key in ("imported", "duplicates", "failed", "skipped"):
                    report[key] += entry.get(key, 0)
                report["minutes"] = round(report["minutes"] + entry.get("minutes", 0), 2)
                if entry.get("error"):
                    errors.append(entry["error"])
                if progress:
                    progress.advance(bar)
        finally:
            if progress:
                progress.stop()
        if as_json:
            self.stdout.write(json_dumps(report))
        else:
            for entry in report["files"]:
                if not entry.get("error"):
                    self.stdout.write(_(
                        "%(file)s (%(format)s): %(imported)s imported, %(duplicates)s already "
                        "there, %(skipped)s left out, %(minutes)s minutes.") % entry)
        if errors:
            raise CommandError("\n".join(errors))

    def _one(self, ws, actor, path: Path, fmt, mapping, default, time_zone) -> dict:
        entry = {"file": str(path), "format": "", "imported": 0, "duplicates": 0,
                 "skipped": 0, "failed": 0, "minutes": 0.0}
        try:
            data = path.read_bytes()
        except OSError as exc:
            entry["error"] = _("%(file)s: cannot be read (%(reason)s).") % {
                "file": path, "reason": exc.strerror or exc}
            return entry
        try:
            result = do_import_time(ws, actor=actor, filename=path.name, data=data, format=fmt,
                                    mapping=mapping, time_zone=time_zone)
            if result.unmapped and default is not None:
                extra = {**mapping, **dict.fromkeys(result.unmapped, default)}
                result = do_import_time(ws, actor=actor, filename=path.name, data=data,
                                        format=fmt, mapping=extra, time_zone=time_zone)
        except ImportFailed as exc:
            entry["failed"] = exc.rows
            entry["error"] = exc.message
            return entry
        entry["format"] = result.format
        if result.unmapped:
            names = ", ".join("“" + " / ".join(p for p in key if p) + "”"
                              for key in result.unmapped)
            entry["failed"] = 1
            entry["error"] = _(
                "%(file)s: these projects have no duty yet: %(names)s. Give --duty DUTY, or "
                "--map 'PROJECT::TASK=DUTY' for each.") % {"file": path.name, "names": names}
            return entry
        entry.update(imported=result.imported, duplicates=result.duplicates,
                     skipped=result.skipped, minutes=result.minutes)
        return entry


def json_dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
