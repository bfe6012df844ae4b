"""Pages of the files app: audits, fixes, exports with live progress, rules, deliveries."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handover.core.access import workspace_view
from handover.core.views import form_errors_to_messages
from handover.portal import actions as portal_actions
from handover.portal import selectors as portal_selectors
from handover.portal.selectors import deliveries_of

from . import selectors
from .actions import audits as audit_actions
from .actions import exports as export_actions
from .actions import retention as retention_actions
from .engine.retention import CLASSES, DEFAULTS, default_period
from .forms import AuditForm, DeliveryForm, HoldForm, NamingRuleForm, RetentionRuleForm
from .models import RetentionKind, RetentionRule
from .tasks import run_audit, run_export


@workspace_view("manage_files")
def files_home(request):
    form = AuditForm(request.POST or None, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        try:
            run = audit_actions.do_start_audit(request.workspace, actor=request.user,
                                               root=form.cleaned_data["root"],
                                               engagement=form.cleaned_data["engagement"])
        except ValidationError as err:
            form_errors_to_messages(request, err)
        else:
            transaction.on_commit(lambda: run_audit.enqueue(run.pk))
            return redirect("audit_run_detail", ws=request.workspace.slug, audit_run_id=run.pk)
    return render(request, "files/home.html", {
        "form": form, "runs": selectors.audit_runs(request.workspace)[:50],
        "open_roots": selectors.open_roots(request.workspace),
        "file_roots": [str(root) for root in settings.FILE_ROOTS],
        "exports": selectors.export_jobs(request.workspace)[:20]})


@workspace_view("manage_files")
@require_POST
def file_roots(request):
    """A superuser opens or closes a server folder to the workspace."""
    if not request.user.is_superuser:
        raise PermissionDenied
    path = request.POST.get("path", "").strip()
    if request.POST.get("revoke"):
        grant = selectors.root_grants(request.workspace).filter(path=path).first()
        if grant is not None:
            audit_actions.do_revoke_file_root(grant, actor=request.user)
            messages.success(request, _("The folder is closed to this workspace."))
    else:
        try:
            audit_actions.do_grant_file_root(request.workspace, actor=request.user, path=path)
        except ValidationError as err:
            form_errors_to_messages(request, err)
        else:
            messages.success(request, _("The folder is open to this workspace."))
    return redirect("files_home", ws=request.workspace.slug)


@workspace_view("manage_files")
def audit_run_detail(request, audit_run_id: int):
    run = selectors.audit_run(request.workspace, audit_run_id)
    if request.htmx and request.GET.get("progress"):
        return render(request, "files/_progress.html", {"job": run, "kind": "audit"})
    return render(request, "files/audit_run.html", {
        "run": run, "files": selectors.files_of(request.workspace, run)[:500],
        "fixes": selectors.fixes_of(request.workspace, run),
        "exports": run.exports.all()})


@workspace_view("manage_files")
@require_POST
def audit_run_export(request, audit_run_id: int):
    run = selectors.audit_run(request.workspace, audit_run_id)
    try:
        job = export_actions.do_start_export(run, actor=request.user)
    except ValidationError as err:
        form_errors_to_messages(request, err)
        return redirect("audit_run_detail", ws=request.workspace.slug, audit_run_id=run.pk)
    transaction.on_commit(lambda: run_export.enqueue(job.pk))
    return redirect("export_job_detail", ws=request.workspace.slug, export_job_id=job.pk)


@workspace_view("manage_files")
@require_POST
def fix_action_apply(request, fix_action_id: int):
    fix = selectors.fix_action(request.workspace, fix_action_id)
    try:
        if request.POST.get("undo"):
            audit_actions.do_undo_fix(fix, actor=request.user)
            messages.success(request, _("The change was undone."))
        else:
            audit_actions.do_apply_fix(fix, actor=request.user)
            messages.success(request, _("The change was applied."))
    except (ValidationError, OSError) as err:
        messages.error(request, " ".join(getattr(err, "messages", [str(err)])))
    return redirect("audit_run_detail", ws=request.workspace.slug, audit_run_id=fix.audit_run_id)


@workspace_view("manage_files")
@require_POST
def file_record_action(request, file_record_id: int):
    record = selectors.file_record(request.workspace, file_record_id)
    try:
        if request.POST.get("trash"):
            record = retention_actions.do_trash_file(record, actor=request.user)
            messages.success(request, _("%(path)s: %(state)s.") % {
                "path": record.path, "state": record.get_state_display()})
        else:
            form = HoldForm(request.POST)
            form.is_valid()
            retention_actions.do_set_legal_hold(record, actor=request.user,
                                                hold=form.cleaned_data.get("hold", False),
                                                reason=form.cleaned_data.get("reason", ""))
    except ValidationError as err:
        form_errors_to_messages(request, err)
    return redirect("audit_run_detail", ws=request.workspace.slug,
                    audit_run_id=record.audit_run_id)


@workspace_view("manage_files")
def export_job_detail(request, export_job_id: int):
    job = selectors.export_job(request.workspace, export_job_id)
    if request.htmx and request.GET.get("progress"):
        return render(request, "files/_progress.html", {"job": job, "kind": "export"})
    form = DeliveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delivery, token = portal_actions.do_create_delivery(
                job, actor=request.user, recipient=form.cleaned_data["recipient"],
                days=form.cleaned_data["days"])
        except ValidationError as err:
            form_errors_to_messages(request, err)
        else:
            messages.success(request, _("Send this link to %(email)s; it is shown only once: "
                                        "%(link)s") % {"email": delivery.recipient,
                                                       "link": portal_selectors.link_for(token)})
            return redirect("export_job_detail", ws=request.workspace.slug,
                            export_job_id=job.pk)
    return render(request, "files/export_job.html", {
        "job": job, "archives": selectors.archives_of(request.workspace, job),
        "deliveries": deliveries_of(request.workspace, job), "form": form})


@workspace_view("manage_files")
def rules(request):
    rule = selectors.naming_rule(request.workspace)
    initial = {"preset": rule.preset, "pattern": rule.pattern,
               "folders": json.dumps(rule.folders)} if rule else {}
    naming = NamingRuleForm(request.POST if "naming" in request.POST else None,
                            initial=initial)
    retention = RetentionRuleForm(request.POST if "retention" in request.POST else None)
    try:
        if naming.is_bound and naming.is_valid():
            audit_actions.do_set_naming_rule(request.workspace, actor=request.user,
                                             preset=naming.cleaned_data["preset"],
                                             pattern=naming.cleaned_data["pattern"],
                                             folders=naming.cleaned_data["folders"])
            messages.success(request, _("The naming rule was saved."))
            return redirect("files_rules", ws=request.workspace.slug)
        if retention.is_bound and retention.is_valid():
            retention_actions.do_set_retention_rule(request.workspace, actor=request.user,
                                                    **retention.cleaned_data)
            messages.success(request, _("The retention period was saved."))
            return redirect("files_rules", ws=request.workspace.slug)
    except ValidationError as err:
        form_errors_to_messages(request, err)
    own = {(r.country, r.kind): r for r in RetentionRule.objects.filter(
        workspace=request.workspace)}
    countries = sorted({c for c, _k in DEFAULTS} | {c for c, _k in own})
    table = []
    for country in countries:
        for kind in CLASSES:
            mine = own.get((country, kind))
            period = default_period(country, kind)
            table.append({"country": country, "kind": RetentionKind(kind).label,
                          "years": mine.years if mine else period.years,
                          "basis": mine.legal_basis if mine else period.basis,
                          "own": mine is not None})
    return render(request, "files/rules.html", {"naming": naming, "retention": retention,
                                                "table": table})
