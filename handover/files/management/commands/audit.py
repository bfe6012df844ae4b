"""handover audit PATH [--rules FILE] [--json]: what is out of order in a folder."""

import json
import os
import sys
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from handover.files.cli import dump, progress_bar, workspace_and_owner
from handover.files.engine import naming
from handover.files.engine.walk import hash_entries, walk


class Command(BaseCommand):
    help = "Audit a folder: names, places, duplicates, temporary files, hashes."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--rules", help="a JSON file with a preset or pattern and folders")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--workspace", help="record the audit in this workspace")
        parser.add_argument("--listing", help="rclone lsjson --metadata output (owners)")
        parser.add_argument("--workers", type=int, default=None)
        parser.add_argument("--engine", choices=["threads", "processes"], default="threads")

    def handle(self, *args, **options):
        path = options["path"]
        if not os.path.isdir(path):
            raise CommandError(_("The folder %(path)s does not exist.") % {"path": path})
        rules = self._rules(options["rules"])
        show = not options["json"] and sys.stderr.isatty()
        if options["workspace"]:
            return self._recorded(path, rules, options, show)
        started = time.monotonic()
        walked = walk(path)
        total = sum(e.size for e in walked.files)
        done = [0]
        with progress_bar(_("Hashing"), show) as tick:
            def advance(amount):
                done[0] += amount
                tick(done[0], total)

            hash_entries(path, walked.files, workers=options["workers"],
                         engine=options["engine"], progress=advance)
        findings = naming.audit(walked.files, walked.empty_dirs, walked.skipped,
                                naming.Rules.from_dict(rules))
        seconds = time.monotonic() - started
        if options["json"]:
            return dump(self, {
                "root": os.path.abspath(path), "files": len(walked.files), "bytes": total,
                "seconds": round(seconds, 3),
                "hashes": {naming.display(e.rel): e.sha256 for e in walked.files},
                "findings": [{"kind": f.kind, "path": naming.display(f.path),
                              "detail": naming.display(f.detail),
                              "fix": list(f.fix) if f.fix else None} for f in findings]})
        self.stdout.write(_("%(files)s files, %(findings)s findings.") % {
            "files": len(walked.files), "findings": len(findings)})
        for finding in findings:
            self.stdout.write(f"{finding.kind:20} {naming.display(finding.path)}")

    def _rules(self, path):
        if not path:
            return {}
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            naming.Rules.from_dict(data)
        except (OSError, ValueError) as err:
            raise CommandError(_("The rules file cannot be used: %(error)s") %
                               {"error": err}) from None
        return data

    def _recorded(self, path, rules, options, show):
        from handover.files.actions.audits import do_run_audit, do_start_audit

        workspace, owner = workspace_and_owner(options["workspace"])
        try:
            run = do_start_audit(workspace, actor=owner, root=path, rules=rules or None,
                                 anywhere=True)
        except ValidationError as err:
            raise CommandError(" ".join(err.messages)) from None
        with progress_bar(_("Hashing"), show) as tick:
            run = do_run_audit(run, listing=options["listing"] or "",
                               workers=options["workers"], progress=tick)
        if run.error:
            raise CommandError(run.error)
        if options["json"]:
            return dump(self, {"audit_run": run.pk, **run.summary})
        self.stdout.write(_("Audit %(id)s recorded: %(files)s files.") % {
            "id": run.pk, "files": run.summary.get("files", 0)})
