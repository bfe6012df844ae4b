"""API of the files app: audits, their files and findings, exports and their archives."""

from __future__ import annotations

from ninja import Router

from handover.api.api import _membership

from . import selectors

router = Router(tags=["files"])


def _run(run) -> dict:
    return {"id": run.pk, "root": run.root, "state": run.state, "percent": run.percent,
            "summary": run.summary, "created_at": run.created_at.isoformat()}


@router.get("/w/{ws}/files/audits")
def list_audits(request, ws: str):
    membership = _membership(request, ws, "manage_files")
    return [_run(r) for r in selectors.audit_runs(membership.workspace)[:100]]


@router.get("/w/{ws}/files/audits/{audit_run_id}")
def get_audit(request, ws: str, audit_run_id: int):
    membership = _membership(request, ws, "manage_files")
    run = selectors.audit_run(membership.workspace, audit_run_id)
    files = [{"id": f.pk, "path": f.path, "size": f.size, "sha256": f.sha256,
              "group": f.group, "owner": f.owner, "client_owned": f.client_owned,
              "findings": f.findings, "retention": f.retention_kind,
              "delete_after": f.delete_after, "legal_basis": f.legal_basis,
              "legal_hold": f.legal_hold, "state": f.state}
             for f in selectors.files_of(membership.workspace, run)]
    return {**_run(run), "files": files}


@router.get("/w/{ws}/files/exports/{export_job_id}")
def get_export(request, ws: str, export_job_id: int):
    membership = _membership(request, ws, "manage_files")
    job = selectors.export_job(membership.workspace, export_job_id)
    return {"id": job.pk, "state": job.state, "percent": job.percent, "report": job.report,
            "archives": [{"name": a.name, "group": a.group, "size": a.size, "sha256": a.sha256,
                          "files": a.member_count, "verified_at": a.verified_at}
                         for a in selectors.archives_of(membership.workspace, job)]}
