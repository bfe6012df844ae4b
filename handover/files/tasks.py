"""Background tasks of the files app: they take ids, load the row, call an action."""

from django.utils import translation
from django_tasks import task

from .models import AuditRun, ExportJob, JobState


@task()
def run_audit(audit_run_id: int) -> str:
    from .actions.audits import do_run_audit

    run = AuditRun.objects.filter(pk=audit_run_id, state=JobState.QUEUED).first()
    if run is None:
        return "skipped"
    return do_run_audit(run).state


@task()
def run_export(export_job_id: int) -> str:
    from .actions.exports import do_run_export

    job = ExportJob.objects.filter(pk=export_job_id).exclude(state=JobState.DONE) \
        .select_related("audit_run__created_by").first()
    if job is None:
        return "skipped"
    # A failure is stored as a sentence: in the language of who started the work.
    starter = job.audit_run.created_by
    with translation.override(starter.language if starter else None):
        return do_run_export(job).state
