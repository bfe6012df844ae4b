"""handover export PATH --out DIR [--json]: verified zip archives, one per type group."""

import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from handover.files.cli import dump, progress_bar, workspace_and_owner
from handover.files.engine.export import Exporter


class Command(BaseCommand):
    help = "Export a folder as verified zip archives grouped by type (resumable)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--out", required=True)
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--split-mb", type=int, default=2048,
                            help="start a new archive above this size (MiB)")
        parser.add_argument("--engine", default="isal", help="isal, zlib-ng or zlib[:level]")
        parser.add_argument("--workers", type=int, default=None)
        parser.add_argument("--zip64", action="store_true", help="ZIP64 records always")
        parser.add_argument("--workspace", help="record the export against the last audit")

    def handle(self, *args, **options):
        path, out = options["path"], options["out"]
        if not os.path.isdir(path):
            raise CommandError(_("The folder %(path)s does not exist.") % {"path": path})
        if os.path.abspath(out).startswith(os.path.abspath(path) + os.sep):
            raise CommandError(_("Write the archives outside the folder being exported."))
        if options["engine"].partition(":")[0] not in ("isal", "zlib-ng", "zlib"):
            raise CommandError(_("Unknown deflate engine %(name)s: use isal, zlib-ng or zlib.")
                               % {"name": options["engine"]})
        if options["split_mb"] < 1:
            raise CommandError(_("--split-mb must be at least 1."))
        settings = dict(split_bytes=options["split_mb"] << 20, engine=options["engine"],
                        workers=options["workers"], force_zip64=options["zip64"])
        show = not options["json"] and sys.stderr.isatty()
        try:
            if options["workspace"]:
                return self._recorded(path, out, settings, options, show)
            with progress_bar(_("Exporting"), show) as tick:
                report = Exporter(path, out, progress=tick, **settings).run()
        except ValueError as err:
            raise CommandError(str(err)) from None
        except OSError as err:
            raise CommandError(_("The export stopped: %(error)s") % {"error": err}) from None
        self._print(report.archives, report.errors, report.seconds, options["json"])
        failed = [a for a in report.archives if a.get("state") != "verified"]
        if failed:
            raise CommandError(" ".join(
                _("The archive %(name)s did not pass its verification: %(problems)s.")
                % {"name": a["name"], "problems": "; ".join(a.get("problems") or [])}
                for a in failed))

    def _print(self, archives, errors, seconds, as_json):
        rows = [{k: a.get(k) for k in ("name", "state", "size", "sha256", "count", "problems")}
                for a in archives]
        if as_json:
            return dump(self, {"archives": rows, "errors": errors, "seconds": round(seconds, 3)})
        for row in rows:
            self.stdout.write(f"{row['name']:30} {row['state']:9} {row['size'] or 0:>14} "
                              f"{row['sha256'] or ''}")
        for error in errors:
            self.stderr.write(_("Not archived: %(path)s (%(error)s)") % error)

    def _recorded(self, path, out, settings, options, show):
        from handover.files.actions.exports import do_run_export, do_start_export
        from handover.files.models import AuditRun, JobState

        workspace, owner = workspace_and_owner(options["workspace"])
        run = AuditRun.objects.filter(workspace=workspace, root=os.path.abspath(path),
                                      state=JobState.DONE).first()
        if run is None:
            raise CommandError(_("Audit the folder in this workspace first."))
        try:
            job = do_start_export(run, actor=owner, out_dir=os.path.abspath(out))
        except ValidationError as err:
            raise CommandError(" ".join(err.messages)) from None
        with progress_bar(_("Exporting"), show) as tick:
            job = do_run_export(job, actor=owner, progress=tick, **settings)
        archives = [{"name": a.name, "state": "verified", "size": a.size, "sha256": a.sha256,
                     "count": a.member_count} for a in job.archives.all()]
        archives += [{"name": name, "state": "failed", "problems": problems}
                     for name, problems in job.report.get("problems", {}).items()]
        self._print(archives, job.report.get("errors", []), job.report.get("seconds", 0),
                    options["json"])
        if job.state != JobState.DONE:
            raise CommandError(job.error or _(
                "It stopped without recording a reason. Start it again; if it stops again, "
                "the server's log has the details."))
