"""Views for duties, procedures, proposals and reviews. Thin: access, form, action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from handover.core.access import can, workspace_view
from handover.core.views import form_errors_to_messages

from .. import selectors
from ..actions import duties as duty_actions
from ..forms import DecideForm, DutyForm, ProcedureForm, ProposalForm
from ..markup import diff
from ..markup import render as render_markdown
from ..models import DutyStatus, Proposal
from ..timeline import entries as timeline_entries


def _back(request, duty):
    return redirect("duty_detail", ws=request.workspace.slug, duty_id=duty.pk)


@workspace_view("work_on_duties")
def duty_list(request):
    status = request.GET.get("status", "open")
    if status not in ("open", "", *DutyStatus.values):
        status = "open"
    return render(request, "duties/duty_list.html", {
        "duties": selectors.duty_list(request.membership, status=status),
        "status": status, "statuses": DutyStatus.choices,
        "timer": selectors.running_timer(request.user, request.workspace),
    })


@workspace_view("manage_duties")
def duty_new(request):
    initial = {"started_on": timezone.localdate(), "status": DutyStatus.TRIAL,
               "assignee": request.user}
    engagement_id = request.GET.get("engagement", "")
    if engagement_id.isdigit():
        initial["engagement"] = engagement_id
    form = DutyForm(request.POST or None, membership=request.membership, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        engagement = data.pop("engagement")
        duty = duty_actions.do_create_duty(engagement, actor=request.user, **data)
        messages.success(request, _("The duty %(title)s was added.") % {"title": duty.title})
        return _back(request, duty)
    return render(request, "duties/duty_form.html", {"form": form})


@workspace_view("work_on_duties")
def duty_detail(request, duty_id: int):
    duty = selectors.duty(request.membership, duty_id)
    current = selectors.versions(duty).first()
    return render(request, "duties/duty_detail.html", {
        "duty": duty,
        "current": current,
        "procedure_html": render_markdown(current.body) if current else "",
        "timeline": timeline_entries(selectors.timeline(duty)),
        "entries": selectors.visible_time(request.membership).filter(duty=duty)[:20],
        "timer": selectors.running_timer(request.user, request.workspace),
        "pending": selectors.proposals(request.membership, duty).filter(
            state=Proposal.State.PENDING),
        "pending_terms": selectors.pending_terms(duty),
        "offer_plan": duty.status == DutyStatus.HANDED_BACK
        and duty.engagement.status not in ("ending", "ended")
        and not selectors.other_open_duties(duty),
    })


@workspace_view("manage_duties")
def duty_edit(request, duty_id: int):
    duty = selectors.duty(request.membership, duty_id)
    form = DutyForm(request.POST or None, instance=duty, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("engagement", None)
        reason = data.pop("reason")
        try:
            duty_actions.do_update_duty(duty, actor=request.user, reason=reason, **data)
        except ValidationError as exc:
            form_errors_to_messages(request, exc, form)
        else:
            messages.success(request, _("The duty %(title)s was saved.") % {"title": duty.title})
            return _back(request, duty)
    return render(request, "duties/duty_form.html", {"form": form, "duty": duty})


@workspace_view("manage_duties")
def procedure_revise(request, duty_id: int):
    duty = selectors.duty(request.membership, duty_id)
    current = selectors.versions(duty).first()
    form = ProcedureForm(request.POST or None, initial={"body": current.body if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            version = duty_actions.do_revise_procedure(duty, actor=request.user,
                                                       **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to_messages(request, exc, form)
        else:
            messages.success(request, _("Version %(number)s of the procedure was saved.")
                             % {"number": version.number})
            return _back(request, duty)
    return render(request, "duties/procedure_form.html", {"form": form, "duty": duty,
                                                          "current": current})


@workspace_view("work_on_duties")
def procedure_versions(request, duty_id: int):
    duty = selectors.duty(request.membership, duty_id)
    versions = list(selectors.versions(duty))
    by_number = {str(v.number): v for v in versions}
    newest = versions[0] if versions else None
    older = versions[1] if len(versions) > 1 else newest
    a = by_number.get(request.GET.get("a", ""), older)
    b = by_number.get(request.GET.get("b", ""), newest)
    return render(request, "duties/procedure_versions.html", {
        "duty": duty, "versions": versions, "a": a, "b": b,
        "diff": diff(a.body, b.body) if a and b else [],
        "shown_html": render_markdown(b.body) if b else "",
    })


@workspace_view("work_on_duties")
def proposal_new(request, duty_id: int):
    duty = selectors.duty(request.membership, duty_id)
    current = selectors.versions(duty).first()
    form = ProposalForm(request.POST or None, initial={"body": current.body if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            proposal = duty_actions.do_propose_revision(duty, actor=request.user,
                                                        **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to_messages(request, exc, form)
        else:
            messages.success(request, _("Your proposal was sent."))
            return redirect("proposal_detail", ws=request.workspace.slug,
                            proposal_id=proposal.pk)
    return render(request, "duties/proposal_form.html", {"form": form, "duty": duty})


@workspace_view("work_on_duties")
def proposal_detail(request, proposal_id: int):
    proposal = selectors.proposal(request.membership, proposal_id)
    form = DecideForm(request.POST or None)
    if request.method == "POST":
        if not can(request.membership, "manage_duties"):
            raise PermissionDenied
        if form.is_valid() and proposal.state == Proposal.State.PENDING:
            note = form.cleaned_data["note"]
            if request.POST.get("accept"):
                version = duty_actions.do_accept_proposal(proposal, actor=request.user, note=note)
                messages.success(request, _("The proposal is now version %(number)s.")
                                 % {"number": version.number})
            else:
                duty_actions.do_decline_proposal(proposal, actor=request.user, note=note)
                messages.success(request, _("The proposal was declined."))
            return _back(request, proposal.duty)
    current = selectors.versions(proposal.duty).first()
    base = current.body if current else ""
    return render(request, "duties/proposal_detail.html", {
        "proposal": proposal, "duty": proposal.duty, "form": form,
        "diff": diff(base, proposal.body), "current": current,
    })


def not_allowed():
    return HttpResponseNotAllowed(["POST"])
