"""Writes of the files app's exports: the verified archives of an audited folder."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handover.core.audit import record

from ..engine import naming
from ..engine.export import Exporter
from ..models import Archive, AuditRun, ExportJob, FileState, JobState
from .audits import Throttle


@transaction.atomic
def do_start_export(run: AuditRun, *, actor, out_dir: str = "") -> ExportJob:
    if run.state != JobState.DONE:
        raise ValidationError(_("Export the folder once its audit has finished."))
    job = ExportJob.objects.create(workspace=run.workspace, audit_run=run, out_dir="")
    job.out_dir = out_dir or os.path.join(settings.DATA_DIR, "exports", run.workspace.slug,
                                          str(job.pk))
    job.save(update_fields=["out_dir"])
    record(run.workspace, actor, "files.export_started", job, root=run.root)
    return job


def do_run_export(job: ExportJob, *, actor=None, progress=None, **options) -> ExportJob:
    """Write and verify the archives (resuming a killed run), then record them."""
    ExportJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    tick = Throttle(ExportJob, job.pk)

    def advance(done, total):
        tick(done, total)
        if progress:
            progress(done, total)

    try:
        report = Exporter(job.audit_run.root, job.out_dir, progress=advance, **options).run()
    except OSError as err:
        # The reason is the system's own words and the file it concerns.
        where = f" ({os.fsdecode(err.filename)})" if err.filename else ""
        error = _("The export stopped: %(error)s") % {"error": (err.strerror or str(err))
                                                      + where}
    except Exception:  # noqa: BLE001 - the page shows a sentence, the log has the details
        import logging

        logging.getLogger(__name__).exception("export %s failed", job.pk)
        error = _("The export stopped on an unexpected error; the details are in the log.")
    else:
        error = ""
    if error:
        ExportJob.objects.filter(pk=job.pk).update(state=JobState.FAILED, error=error,
                                                   finished_at=timezone.now())
        job.refresh_from_db()
        return job
    _store_export(job, report, actor)
    job.refresh_from_db()
    return job


@transaction.atomic
def _store_export(job: ExportJob, report, actor) -> None:
    run, workspace = job.audit_run, job.workspace
    records = {r.path: r for r in run.files.all()}
    failed, reasons = [], []
    for entry in report.archives:
        if entry.get("state") != "verified":
            failed.append(entry["name"])
            problems = entry.get("problems") or []
            shown = "; ".join(problems[:5]) + (f"; … (+{len(problems) - 5})"
                                               if len(problems) > 5 else "")
            reasons.append(_("The archive %(name)s did not pass its verification: "
                             "%(problems)s.") % {"name": entry["name"], "problems": shown})
            continue
        archive, _created = Archive.objects.update_or_create(
            workspace=workspace, export_job=job, name=entry["name"],
            defaults={"group": entry["group"], "size": entry["size"], "sha256": entry["sha256"],
                      "member_count": entry["count"],
                      "verified_at": datetime.fromtimestamp(entry["verified_at"], UTC)})
        for member in entry["files"]:
            record_ = records.get(naming.display(member["rel"]))
            if record_ is None or record_.state not in (FileState.PRESENT, FileState.CHANGED,
                                                        FileState.ARCHIVED):
                continue
            record_.archive = archive
            # The archive holds what was read at export time: a file changed since the
            # audit is archived as it is now, and its audited hash is updated.
            record_.state = FileState.ARCHIVED
            record_.sha256 = member["sha256"]
            record_.save(update_fields=["archive", "state", "sha256"])
        record(workspace, actor or run.created_by, "files.archive_verified", archive,
               name=archive.name, files=archive.member_count, sha256=archive.sha256)
    job.report = {"errors": report.errors, "failed": failed, "seconds": report.seconds,
                  "problems": {e["name"]: e.get("problems", []) for e in report.archives
                               if e["name"] in failed},
                  "skipped": [[naming.display(p), r] for p, r in report.skipped]}
    job.state = JobState.FAILED if failed else JobState.DONE
    job.error = " ".join(reasons)
    job.finished_at = timezone.now()
    job.save(update_fields=["report", "state", "error", "finished_at"])
    record(workspace, actor or run.created_by, "files.exported", job,
           archives=len(report.archives) - len(failed), errors=len(report.errors))
