"""Writes of the files app's audits: the server folders open to a workspace, the naming
rule, audits, and fixes with their undo."""

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

from .. import selectors
from ..engine import naming
from ..engine.kinds import group_of, sniff
from ..engine.retention import guess_class
from ..engine.walk import hash_entries, walk
from ..models import (
    AuditRun,
    FileRecord,
    FileRootGrant,
    FileState,
    FixAction,
    JobState,
    NamingRule,
)
from ..owners import owned_by, read_listing
from ..retention_dates import dates_for


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


# Naming rule -----------------------------------------------------------------------------
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
