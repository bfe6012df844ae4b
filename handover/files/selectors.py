"""Reads of the files app, always scoped by workspace."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

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
    from .actions import purge_blockers, trash_blockers

    now = now or timezone.now()
    archived = FileRecord.objects.filter(workspace=workspace, state=FileState.ARCHIVED,
                                         legal_hold=False).select_related("archive",
                                                                          "audit_run")
    trashed = FileRecord.objects.filter(workspace=workspace, state=FileState.TRASHED,
                                        legal_hold=False)
    return ([r for r in archived if not trash_blockers(r, today=now.date())],
            [r for r in trashed if not purge_blockers(r, now=now)])
