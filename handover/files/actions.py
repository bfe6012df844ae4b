"""Writes of the files app: audits, fixes and their undo, exports, holds, trash and purge."""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handover.core.audit import record
from handover.lib.confine import Refused, confine

from . import selectors
from .engine import naming
from .engine.export import Exporter
from .engine.kinds import group_of, sniff
from .engine.retention import guess_class
from .engine.verify import hash_path
from .engine.walk import hash_entries, walk
from .models import (
    Archive,
    AuditRun,
    ExportJob,
    FileRecord,
    FileRootGrant,
    FileState,
    FixAction,
    JobState,
    NamingRule,
    RetentionRule,
)
from .owners import owned_by, read_listing
from .retention_dates import dates_for


class Throttle:
    """Write a job's progress to its row at most every half second."""

    def __init__(self, model, pk):
        self.model, self.pk, self.last = model, pk, 0.0

    def __call__(self, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        if now - self.last < 0.5 and (total is None or done < total):
            return
        self.last = now
        fields = {"done_bytes": done} if total is None else {"done_bytes": done,
                                                             "total_bytes": total}
        self.model.objects.filter(pk=self.pk).update(**fields)


# Rules -----------------------------------------------------------------------------------
@transaction.atomic
def do_set_naming_rule(workspace, *, actor, preset: str = "", pattern: str = "",
                       folders: list | None = None) -> NamingRule:
    try:
        naming.Rules.from_dict({"preset": preset, "pattern": pattern,
                                "folders": folders or []})
    except ValueError as err:
        raise ValidationError(str(err)) from None
    rule, _created = NamingRule.objects.update_or_create(
        workspace=workspace, defaults={"preset": preset, "pattern": pattern,
                                       "folders": folders or []})
    record(workspace, actor, "files.rules_changed", None, preset=preset, pattern=pattern)
    return rule


@transaction.atomic
def do_set_retention_rule(workspace, *, actor, country: str, kind: str, years: int,
                          legal_basis: str, start: str = "end") -> RetentionRule:
    if not legal_basis.strip():
        raise ValidationError(_("Name the legal basis of the period."))
    rule, _created = RetentionRule.objects.update_or_create(
        workspace=workspace, country=country.upper(), kind=kind,
        defaults={"years": years, "legal_basis": legal_basis.strip(), "start": start})
    record(workspace, actor, "files.retention_changed", None, country=country.upper(),
           retention_kind=kind, years=years, legal_basis=legal_basis.strip())
    affected = FileRecord.objects.filter(
        workspace=workspace, retention_kind=kind, audit_run__client__country=country.upper(),
    ).exclude(state=FileState.PURGED).select_related("audit_run__engagement",
                                                     "audit_run__client")
    for file_record in affected:
        _refresh_retention(file_record)
    return rule


def _refresh_retention(file_record: FileRecord) -> None:
    """Recompute the delete-after date: the rule or the engagement's end may have changed."""
    run = file_record.audit_run
    day, basis = dates_for(file_record.workspace, run.engagement, run.client,
                           file_record.retention_kind)
    if (day, basis) != (file_record.delete_after, file_record.legal_basis):
        file_record.delete_after, file_record.legal_basis = day, basis
        file_record.save(update_fields=["delete_after", "legal_basis"])


# Server folders open to a workspace ---------------------------------------------------------
def _refusal(err: Refused, typed: str, roots: list[str]) -> ValidationError:
    if err.reason == "not_absolute":
        return ValidationError(_("Write the folder's full path, starting with /."))
    if err.reason == "data_dir":
        return ValidationError(_("The folder %(path)s holds Handover's own data and can never "
                                 "be audited.") % {"path": typed})
    if err.reason == "missing":
        return ValidationError(_("The folder %(path)s does not exist.") % {"path": typed})
    if err.reason == "mount":
        return ValidationError(_("Another file system is mounted inside this folder, at "
                                 "%(path)s; audit that folder on its own.") % {"path": err.detail})
    if not roots:
        return ValidationError(_("No folder on the server is open to this workspace. The "
                                 "server's administrator opens one with the command "
                                 "handover file_roots grant."))
    return ValidationError(_("The folder %(path)s is not open to this workspace. Folders open "
                             "to it: %(roots)s.") % {"path": typed, "roots": ", ".join(roots)})


def _confined_folder(workspace, typed: str) -> str:
    """The resolved folder when it lies in a folder open to the workspace, else a
    ValidationError saying why (in the reader's language)."""
    roots = selectors.open_roots(workspace)
    try:
        return confine(typed, roots, [str(settings.DATA_DIR)]).path
    except Refused as err:
        raise _refusal(err, typed, roots) from None


@transaction.atomic
def do_grant_file_root(workspace, *, actor, path: str) -> FileRootGrant:
    """Open a folder below HANDOVER_FILE_ROOTS to the workspace (superuser or command line)."""
    try:
        folder = confine(path, [str(root) for root in settings.FILE_ROOTS],
                         [str(settings.DATA_DIR)], mounts=[]).path
    except Refused as err:
        if err.reason == "outside":
            raise ValidationError(_("The folder %(path)s is not below any of the server's file "
                                    "roots (HANDOVER_FILE_ROOTS).") % {"path": path}) from None
        raise _refusal(err, path, []) from None
    grant, created = FileRootGrant.objects.get_or_create(
        workspace=workspace, path=folder, defaults={"granted_by": actor})
    if created:
        record(workspace, actor, "files.root_granted", grant, path=folder)
    return grant


@transaction.atomic
def do_revoke_file_root(grant: FileRootGrant, *, actor) -> None:
    record(grant.workspace, actor, "files.root_revoked", grant, path=grant.path)
    grant.delete()


# Audit -----------------------------------------------------------------------------------
@transaction.atomic
def do_start_audit(workspace, *, actor, root: str, client=None, engagement=None,
                   rules: dict | None = None, anywhere: bool = False) -> AuditRun:
    """Start an audit of a server folder. From the browser and the API the folder must lie in
    a folder open to the workspace; `anywhere` is for the command line, whose user already
    holds the shell."""
    if anywhere:
        if not os.path.isdir(root):
            raise ValidationError(_("The folder %(path)s does not exist.") % {"path": root})
        root = os.path.abspath(root)
    else:
        root = _confined_folder(workspace, root)
    if rules is None:
        own = NamingRule.objects.filter(workspace=workspace).first()
        rules = own.as_dict() if own else {}
    if engagement is not None and client is None:
        client = engagement.client
    run = AuditRun.objects.create(
        workspace=workspace, root=root, client=client, engagement=engagement,
        rules=rules, created_by=actor)
    record(workspace, actor, "files.audit_started", run, root=run.root)
    return run


def do_run_audit(run: AuditRun, *, listing: str = "", workers: int | None = None,
                 progress=None) -> AuditRun:
    """Walk and hash (on all cores), then store the files, findings and proposed fixes."""
    AuditRun.objects.filter(pk=run.pk).update(state=JobState.RUNNING)
    try:
        rules = naming.Rules.from_dict(run.rules or {})
        owners = read_listing(listing) if listing else {}
        walked = walk(run.root)
        total = sum(e.size for e in walked.files)
        tick = Throttle(AuditRun, run.pk)
        done = [0]

        def advance(amount):
            done[0] += amount
            tick(done[0], total)
            if progress:
                progress(done[0], total)

        hash_entries(run.root, walked.files, workers=workers, progress=advance)
        findings = naming.audit(walked.files, walked.empty_dirs, walked.skipped, rules)
    except (OSError, ValueError) as err:
        AuditRun.objects.filter(pk=run.pk).update(state=JobState.FAILED, error=str(err))
        run.refresh_from_db()
        return run
    _store_audit(run, walked, findings, owners)
    run.refresh_from_db()
    return run


@transaction.atomic
def _store_audit(run, walked, findings, owners) -> None:
    by_path: dict[str, list] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    domains = run.client.domain_list if run.client else []
    records = []
    for entry in walked.files:
        shown = naming.display(entry.rel)
        kind = guess_class(entry.rel)
        delete_after, basis = dates_for(run.workspace, run.engagement, run.client, kind)
        owner = owners.get(entry.rel, "")
        _group, mime = sniff(entry.head)
        records.append(FileRecord(
            workspace=run.workspace, audit_run=run, path=shown, size=entry.size,
            modified_at=datetime.fromtimestamp(entry.mtime, UTC), group=group_of(
                entry.rel, entry.head), mime=mime, sha256=entry.sha256, owner=owner,
            client_owned=owned_by(owner, domains),
            findings=[f.kind for f in by_path.get(entry.rel, [])],
            retention_kind=kind, delete_after=delete_after, legal_basis=basis,
            state=FileState.UNREADABLE if entry.error else FileState.PRESENT))
    FileRecord.objects.bulk_create(records, batch_size=500)
    fixes = [FixAction(workspace=run.workspace, audit_run=run, finding=f.kind, kind=f.fix[0],
                       old_path=naming.display(f.path), new_path=f.fix[1])
             for f in findings if f.fix and "\\x" not in naming.display(f.path)]
    seen, unique = set(), []
    for fix in fixes:
        if fix.old_path not in seen:
            seen.add(fix.old_path)
            unique.append(fix)
    FixAction.objects.bulk_create(unique)
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    run.state, run.finished_at = JobState.DONE, timezone.now()
    run.summary = {"files": len(walked.files), "bytes": sum(e.size for e in walked.files),
                   "findings": counts,
                   "client_owned": sum(1 for r in records if r.client_owned),
                   "to_transfer": sum(1 for r in records if r.client_owned is False)}
    run.save(update_fields=["state", "finished_at", "summary"])
    record(run.workspace, run.created_by, "files.audited", run, root=run.root,
           files=len(walked.files), findings=len(findings))


# Fixes -----------------------------------------------------------------------------------
def _inside(run: AuditRun, rel: str) -> str:
    root = os.path.realpath(run.root)
    path = os.path.realpath(os.path.join(root, rel))
    if rel.startswith("/") or ".." in rel.split("/") or not path.startswith(root + os.sep):
        raise ValidationError(_("The path %(path)s is outside the audited folder.") %
                              {"path": rel})
    return os.path.join(root, rel)


def _trash_dir(workspace) -> str:
    return os.path.join(settings.DATA_DIR, "trash", workspace.slug)


@transaction.atomic
def do_apply_fix(fix: FixAction, *, actor) -> FixAction:
    fix = FixAction.objects.select_for_update().get(pk=fix.pk)
    if fix.state == FixAction.State.APPLIED:
        return fix
    run = fix.audit_run
    source = _inside(run, fix.old_path)
    if fix.kind == FixAction.Kind.DELETE:
        target = os.path.join(_trash_dir(fix.workspace), f"fix-{fix.pk}",
                              os.path.basename(fix.old_path))
    else:
        target = _inside(run, fix.new_path)
        if os.path.lexists(target):
            raise ValidationError(_("%(path)s exists already; nothing was moved.") %
                                  {"path": fix.new_path})
    if not os.path.lexists(source):
        raise ValidationError(_("%(path)s is no longer in the folder.") % {"path": fix.old_path})
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.move(source, target)
    fix.state, fix.applied_at = FixAction.State.APPLIED, timezone.now()
    fix.save(update_fields=["state", "applied_at"])
    if fix.kind == FixAction.Kind.DELETE:
        FileRecord.objects.filter(audit_run=run, path=fix.old_path).update(
            state=FileState.TRASHED, trash_path=target, trashed_at=timezone.now())
    else:
        FileRecord.objects.filter(audit_run=run, path=fix.old_path).update(path=fix.new_path)
    record(fix.workspace, actor, "files.fix_applied", fix, change=fix.kind,
           old_path=fix.old_path, new_path=fix.new_path)
    return fix


@transaction.atomic
def do_undo_fix(fix: FixAction, *, actor) -> FixAction:
    fix = FixAction.objects.select_for_update().get(pk=fix.pk)
    if fix.state != FixAction.State.APPLIED:
        raise ValidationError(_("Only an applied change can be undone."))
    run = fix.audit_run
    if fix.kind == FixAction.Kind.DELETE:
        current = os.path.join(_trash_dir(fix.workspace), f"fix-{fix.pk}",
                               os.path.basename(fix.old_path))
    else:
        current = _inside(run, fix.new_path)
    original = _inside(run, fix.old_path)
    if os.path.lexists(original):
        raise ValidationError(_("%(path)s exists again; nothing was moved back.") %
                              {"path": fix.old_path})
    os.makedirs(os.path.dirname(original), exist_ok=True)
    shutil.move(current, original)
    fix.state = FixAction.State.UNDONE
    fix.save(update_fields=["state"])
    if fix.kind == FixAction.Kind.DELETE:
        FileRecord.objects.filter(audit_run=run, path=fix.old_path).update(
            state=FileState.PRESENT, trash_path="", trashed_at=None)
    else:
        FileRecord.objects.filter(audit_run=run, path=fix.new_path).update(path=fix.old_path)
    record(fix.workspace, actor, "files.fix_undone", fix, change=fix.kind,
           old_path=fix.old_path, new_path=fix.new_path)
    return fix


# Export ----------------------------------------------------------------------------------
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


# Legal holds, trash and purge -------------------------------------------------------------
@transaction.atomic
def do_set_legal_hold(file_record: FileRecord, *, actor, hold: bool, reason: str = "") -> None:
    if hold and not reason.strip():
        raise ValidationError(_("Say why the file is on legal hold."))
    file_record.legal_hold, file_record.hold_reason = hold, reason.strip() if hold else ""
    file_record.save(update_fields=["legal_hold", "hold_reason"])
    record(file_record.workspace, actor,
           "files.hold_placed" if hold else "files.hold_released", file_record,
           path=file_record.path, reason=reason.strip())


@transaction.atomic
def do_trash_file(file_record: FileRecord, *, actor, today=None) -> FileRecord:
    file_record = FileRecord.objects.select_for_update().get(pk=file_record.pk)
    _refresh_retention(file_record)
    blockers = selectors.trash_blockers(file_record, today=today)
    if blockers:
        raise ValidationError(_("%(path)s stays: %(reasons)s.") % {
            "path": file_record.path, "reasons": "; ".join(blockers)})
    source = _inside(file_record.audit_run, file_record.path)
    try:
        current = hash_path(source)
    except OSError:
        current = ""
    if current != file_record.sha256:
        file_record.state = FileState.CHANGED
        file_record.save(update_fields=["state"])
        record(file_record.workspace, actor, "files.changed_kept", file_record,
               path=file_record.path)
        return file_record
    target = os.path.join(_trash_dir(file_record.workspace), str(file_record.pk),
                          os.path.basename(source))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.move(source, target)
    file_record.state, file_record.trash_path = FileState.TRASHED, target
    file_record.trashed_at = timezone.now()
    file_record.save(update_fields=["state", "trash_path", "trashed_at"])
    record(file_record.workspace, actor, "files.trashed", file_record, path=file_record.path,
           sha256=file_record.sha256, archive=file_record.archive.name)
    return file_record


@transaction.atomic
def do_purge_file(file_record: FileRecord, *, actor, now=None) -> FileRecord:
    file_record = FileRecord.objects.select_for_update().get(pk=file_record.pk)
    blockers = selectors.purge_blockers(file_record, now=now)
    if blockers:
        raise ValidationError(_("%(path)s stays: %(reasons)s.") % {
            "path": file_record.path, "reasons": "; ".join(blockers)})
    if os.path.lexists(file_record.trash_path):
        os.unlink(file_record.trash_path)
    file_record.state, file_record.trash_path = FileState.PURGED, ""
    file_record.save(update_fields=["state", "trash_path"])
    record(file_record.workspace, actor, "files.purged", file_record, path=file_record.path,
           sha256=file_record.sha256)
    return file_record


def do_purge_due(workspace, *, actor, apply: bool, now=None) -> dict:
    """What `handover purge` does: trash what is due, purge what has waited in the trash."""
    from .selectors import purge_candidates

    now = now or timezone.now()
    to_trash, to_purge = purge_candidates(workspace, now=now)
    result = {"trash": [r.path for r in to_trash], "purge": [r.path for r in to_purge],
              "kept_changed": [], "applied": apply}
    if apply:
        for file_record in to_trash:
            done = do_trash_file(file_record, actor=actor, today=now.date())
            if done.state == FileState.CHANGED:
                result["kept_changed"].append(done.path)
        for file_record in to_purge:
            do_purge_file(file_record, actor=actor, now=now)
    return result
