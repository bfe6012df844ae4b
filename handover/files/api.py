"""API of the files app: audits, their files and findings, exports and their archives."""

from __future__ import annotations

from ninja import Router

from handover.core.rest.access import membership_in
from handover.core.rest.paging import Rows, paged

from . import selectors

router = Router(tags=["files"])

# How many of an audit's files its own page carries; all of them: /audits/{id}/files.
FILES_IN_AUDIT = 50


def _run(run) -> dict:
    return {"id": run.pk, "root": run.root, "state": run.state, "percent": run.percent,
            "summary": run.summary, "created_at": run.created_at.isoformat()}


def _file(f) -> dict:
    return {"id": f.pk, "path": f.path, "size": f.size, "sha256": f.sha256,
            "group": f.group, "owner": f.owner, "client_owned": f.client_owned,
            "findings": f.findings, "retention": f.retention_kind,
            "delete_after": f.delete_after, "legal_basis": f.legal_basis,
            "legal_hold": f.legal_hold, "state": f.state}


@router.get("/w/{ws}/files/audits", response=list[dict])
@paged
def list_audits(request, ws: str):
    membership = membership_in(request, ws, "manage_files")
    return Rows(selectors.audit_runs(membership.workspace), _run)


@router.get("/w/{ws}/files/audits/{audit_run_id}")
def get_audit(request, ws: str, audit_run_id: int):
    """The audit with its first files and `file_count`; every file: GET .../files."""
    membership = membership_in(request, ws, "manage_files")
    run = selectors.audit_run(membership.workspace, audit_run_id)
    files = selectors.files_of(membership.workspace, run).order_by("path", "pk")
    return {**_run(run), "file_count": files.count(),
            "files": [_file(f) for f in files[:FILES_IN_AUDIT]]}


@router.get("/w/{ws}/files/audits/{audit_run_id}/files", response=list[dict])
@paged
def list_audit_files(request, ws: str, audit_run_id: int):
    membership = membership_in(request, ws, "manage_files")
    run = selectors.audit_run(membership.workspace, audit_run_id)
    return Rows(selectors.files_of(membership.workspace, run).order_by("path"), _file)


@router.get("/w/{ws}/files/exports/{export_job_id}")
def get_export(request, ws: str, export_job_id: int):
    membership = membership_in(request, ws, "manage_files")
    job = selectors.export_job(membership.workspace, export_job_id)
    return {"id": job.pk, "state": job.state, "percent": job.percent, "report": job.report,
            "archives": [{"name": a.name, "group": a.group, "size": a.size, "sha256": a.sha256,
                          "files": a.member_count, "verified_at": a.verified_at}
                         for a in selectors.archives_of(membership.workspace, job)]}
