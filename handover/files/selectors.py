"""Reads of the files app, always scoped by workspace."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from handover.lib.confine import within

from .models import (
    Archive,
    AuditRun,
    ExportJob,
    FileRecord,
    FileRootGrant,
    FileState,
    FixAction,
    NamingRule,
)
from .retention_dates import dates_for


def root_grants(workspace) -> QuerySet[FileRootGrant]:
    return FileRootGrant.objects.filter(workspace=workspace)


def open_roots(workspace) -> list[str]:
    """The granted folders that are still below a root the instance allows."""
    allowed = [str(root) for root in settings.FILE_ROOTS]
    return [grant.path for grant in root_grants(workspace)
            if any(within(grant.path, root) for root in allowed)]


def audit_runs(workspace) -> QuerySet[AuditRun]:
    return AuditRun.objects.filter(workspace=workspace).select_related("client")


def audit_run(workspace, audit_run_id: int) -> AuditRun:
    return get_object_or_404(audit_runs(workspace), pk=audit_run_id)


def files_of(workspace, run: AuditRun) -> QuerySet[FileRecord]:
    return FileRecord.objects.filter(workspace=workspace, audit_run=run).select_related(
        "archive")


def fixes_of(workspace, run: AuditRun) -> QuerySet[FixAction]:
    return FixAction.objects.filter(workspace=workspace, audit_run=run)


def fix_action(workspace, fix_action_id: int) -> FixAction:
    return get_object_or_404(FixAction.objects.filter(workspace=workspace), pk=fix_action_id)


def file_record(workspace, file_record_id: int) -> FileRecord:
    return get_object_or_404(FileRecord.objects.filter(workspace=workspace), pk=file_record_id)


def export_jobs(workspace) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(workspace=workspace).select_related("audit_run")


def export_job(workspace, export_job_id: int) -> ExportJob:
    return get_object_or_404(export_jobs(workspace), pk=export_job_id)


def archives_of(workspace, job: ExportJob) -> QuerySet[Archive]:
    return Archive.objects.filter(workspace=workspace, export_job=job)


def naming_rule(workspace) -> NamingRule | None:
    return NamingRule.objects.filter(workspace=workspace).first()


def purge_candidates(workspace, *, now=None):
    """(files that may go to the trash now, files whose trash grace period is over)."""
    now = now or timezone.now()
    archived = FileRecord.objects.filter(workspace=workspace, state=FileState.ARCHIVED,
                                         legal_hold=False).select_related("archive",
                                                                          "audit_run")
    trashed = FileRecord.objects.filter(workspace=workspace, state=FileState.TRASHED,
                                        legal_hold=False)
    return ([r for r in archived if not trash_blockers(r, today=now.date())],
            [r for r in trashed if not purge_blockers(r, now=now)])


def trash_blockers(file_record: FileRecord, *, today=None) -> list[str]:
    """Why the file may not go to the trash yet (empty when it may)."""
    from handover.portal.models import Delivery

    today = today or timezone.localdate()
    reasons = []
    if file_record.state != FileState.ARCHIVED or file_record.archive is None:
        reasons.append(_("its archive is not verified"))
    elif not Delivery.objects.filter(workspace=file_record.workspace,
                                     export_job=file_record.archive.export_job,
                                     receipt_at__isnull=False).exists():
        reasons.append(_("the client has not confirmed receipt"))
    if file_record.legal_hold:
        reasons.append(_("it is on legal hold"))
    run = file_record.audit_run
    delete_after, _basis = dates_for(file_record.workspace, run.engagement, run.client,
                                     file_record.retention_kind)
    if delete_after is None or delete_after > today:
        reasons.append(_("its retention period is not over"))
    return reasons


def purge_blockers(file_record: FileRecord, *, now=None) -> list[str]:
    now = now or timezone.now()
    reasons = []
    if file_record.state != FileState.TRASHED:
        reasons.append(_("it is not in the trash"))
    elif file_record.trashed_at + timedelta(days=settings.TRASH_DAYS) > now:
        reasons.append(_("its grace period in the trash is not over"))
    if file_record.legal_hold:
        reasons.append(_("it is on legal hold"))
    return reasons
