"""Views for offboarding plans and their steps. Thin: access, form, action, response."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from handover.core.access import workspace_view
from handover.core.documents import render_docx, render_html, render_pdf
from handover.core.templatetags.handover import date_long

from .. import selectors
from ..actions import plans as plan_actions
from ..calendar import plan_ics
from ..forms import (
    CallForm,
    ClosePlanForm,
    PlanStartForm,
    RecapForm,
    StepCompleteForm,
    StepReassignForm,
    SupportForm,
    SupportRequestForm,
)
from ..notice import compute, required_notice_days
from ..recap import blocks, draft
from ..workdays import calendar_for, notice_comparison

# Lazy, so that each reader gets them in her language (evaluated at import, they stayed in
# English); counts choose their plural form from the named number.
WARNINGS = {
    "given_on_day_off": gettext_lazy("The notice is given on a day off: it counts from "
                                     "%(received)s."),
    "shorter_than_agreed": ngettext_lazy(
        "This last day is %(days)s day earlier than the notice allows (%(earliest)s at the "
        "earliest).",
        "This last day is %(days)s days earlier than the notice allows (%(earliest)s at the "
        "earliest).", "days"),
    "last_day_off": gettext_lazy("The last day %(day)s is not a working day."),
    "holidays": ngettext_lazy("%(count)s public holiday falls in the notice period.",
                              "%(count)s public holidays fall in the notice period.", "count"),
    "short_handover": ngettext_lazy("Only %(days)s working day is left for the handover.",
                                    "Only %(days)s working days are left for the handover.",
                                    "days"),
}


def warning_texts(notice) -> list[str]:
    out = []
    for code, values in notice.warnings:
        shown = {k: date_long(v) if hasattr(v, "isoformat") else v for k, v in values.items()}
        out.append(WARNINGS[code] % shown)
    return out


def letter_waits(request, letter):
    """A letter the letters app did not let go out yet: its page says what it waits for."""
    messages.warning(request, _("The letter was drafted but not sent yet: see below what it "
                                "still needs."))
    return redirect("letter_detail", ws=request.workspace.slug, letter_id=letter.pk)


def _author(request) -> str:
    return request.user.display_name


@workspace_view("manage_clients")
def plan_list(request):
    today = timezone.localdate()
    return render(request, "offboarding/plan_list.html", {
        "plans": selectors.plans_of(request.membership),
        "due": selectors.due_this_week(request.membership, today),
        "overdue": selectors.overdue(request.membership, today),
    })


@workspace_view("manage_clients")
def plan_new(request):
    if not selectors.templates_of(request.workspace).exists():
        plan_actions.do_seed_templates(request.workspace, actor=request.user,
                                       language=request.workspace.language)
    initial = {"notice_date": timezone.localdate()}
    engagement_id = request.GET.get("engagement", "")
    if engagement_id.isdigit():
        initial["engagement"] = int(engagement_id)
    form = PlanStartForm(request.POST or None, membership=request.membership, initial=initial)
    comparison = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("start"):
            try:
                plan = plan_actions.do_start_plan(
                    data["engagement"], actor=request.user, template=data["template"],
                    notice_date=data["notice_date"], last_day=data["last_day"],
                    override_reason=data["override_reason"],
                    confirm_short_notice=data["confirm_short_notice"])
            except plan_actions.PlanRefused as refused:  # started meanwhile elsewhere
                form.open_plan = refused.details.get("plan")
                messages.error(request, _("The plan was not started."))
            else:
                messages.success(request, _("The plan was started."))
                return redirect("plan_detail", ws=request.workspace.slug, plan_id=plan.pk)
    if form.notice is not None:
        comparison = notice_comparison(form.cleaned_data["engagement"], form.notice.given,
                                       timezone.localdate())
    return render(request, "offboarding/plan_new.html", {
        "form": form, "notice": form.notice, "open_plan": form.open_plan,
        "warnings": warning_texts(form.notice) if form.notice else [],
        "comparison": comparison,
    })


@workspace_view("manage_clients")
def plan_detail(request, plan_id: int):
    plan = selectors.plan(request.membership, plan_id)
    feed_url = (request.build_absolute_uri(f"/feeds/offboarding/{plan.feed_token}.ics")
                if plan.feed_token else "")
    notice = compute(plan.notice_date, required_notice_days(plan.engagement.notice_days),
                     calendar_for(plan.engagement), plan.last_day)
    today = timezone.localdate()
    return render(request, "offboarding/plan_detail.html", {
        "plan": plan, "steps": selectors.steps_marked(plan, today), "feed_url": feed_url,
        "early": plan.closed_at is None and today < plan.last_day,
        "notice": notice, "warnings": warning_texts(notice),
        "accounts": selectors.accounts_of(request.workspace, engagement=plan.engagement),
    })


@workspace_view("manage_clients")
def plan_close(request, plan_id: int):
    """Closing on or after the last day ends the engagement. Closing early asks first
    whether the engagement stays active or ends, and on which day."""
    plan = selectors.plan(request.membership, plan_id)
    today = timezone.localdate()
    early = plan.closed_at is None and today < plan.last_day
    if not early and request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ClosePlanForm(request.POST if early and request.method == "POST" else None,
                         initial={"outcome": "active", "end_date": today})
    if not early:
        plan_actions.do_close_plan(plan, actor=request.user)
        messages.success(request, _("The plan was closed and the engagement marked as ended."))
        return redirect("plan_detail", ws=request.workspace.slug, plan_id=plan.pk)
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["outcome"] == "active"
        plan_actions.do_close_plan(plan, actor=request.user, keep_engagement=keep,
                                   end_date=form.cleaned_data["end_date"])
        if keep:
            messages.success(request, _("The plan was closed; the engagement stays active."))
        else:
            messages.success(request, _("The plan was closed; the engagement ends on "
                                        "%(date)s.") % {
                "date": date_long(form.cleaned_data["end_date"])})
        return redirect("plan_detail", ws=request.workspace.slug, plan_id=plan.pk)
    return render(request, "offboarding/plan_close.html", {"plan": plan, "form": form})


@workspace_view("manage_clients")
def plan_feed(request, plan_id: int):
    plan = selectors.plan(request.membership, plan_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("revoke"):
        plan_actions.do_revoke_feed_token(plan, actor=request.user)
        messages.success(request, _("The calendar link no longer works."))
    else:
        plan_actions.do_renew_feed_token(plan, actor=request.user)
        messages.success(request, _("A new calendar link was made; the old one stopped working."))
    return redirect("plan_detail", ws=request.workspace.slug, plan_id=plan.pk)


def _ics_response(plan, filename: str) -> HttpResponse:
    response = HttpResponse(plan_ics(plan), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@workspace_view("manage_clients")
def plan_calendar(request, plan_id: int):
    plan = selectors.plan(request.membership, plan_id)
    return _ics_response(plan, f"offboarding-{plan.pk}.ics")


def plan_feed_public(request, token: str):
    """The subscribable feed: the unguessable token is the only key; revoked means 404."""
    from django.http import Http404

    plan = selectors.plan_by_feed_token(token)
    if plan is None:
        raise Http404
    response = HttpResponse(plan_ics(plan), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


@workspace_view("manage_clients")
def step_complete(request, plan_step_id: int):
    step = selectors.plan_step(request.membership, plan_step_id)
    form = StepCompleteForm(request.POST or None, request.FILES or None,
                            initial={"note": step.note, "link": step.link})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan_actions.do_complete_step(step, actor=request.user, state=data["state"],
                                      note=data["note"], link=data["link"],
                                      evidence=data["evidence"])
        messages.success(request, _("The step “%(title)s” was ticked off.") % {"title": step.title})
        return redirect("plan_detail", ws=request.workspace.slug, plan_id=step.plan_id)
    return render(request, "offboarding/step_form.html", {"form": form, "step": step,
                                                           "multipart": True})


@workspace_view("manage_clients")
def step_evidence(request, plan_step_id: int):
    """The evidence file, to members only (stored files are not published)."""
    from django.http import FileResponse

    step = selectors.plan_step(request.membership, plan_step_id)
    if not step.evidence:
        messages.info(request, _("This step has no file."))
        return redirect("plan_detail", ws=request.workspace.slug, plan_id=step.plan_id)
    name = step.evidence.name.rsplit("/", 1)[-1]
    return FileResponse(step.evidence.open("rb"), as_attachment=True, filename=name)


@workspace_view("manage_clients")
def step_reopen(request, plan_step_id: int):
    step = selectors.plan_step(request.membership, plan_step_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    plan_actions.do_reopen_step(step, actor=request.user)
    return redirect("plan_detail", ws=request.workspace.slug, plan_id=step.plan_id)


@workspace_view("manage_clients")
def step_reassign(request, plan_step_id: int):
    step = selectors.plan_step(request.membership, plan_step_id)
    form = StepReassignForm(request.POST or None, workspace=request.workspace,
                            initial={"owner": step.owner, "due_date": step.due_date})
    if request.method == "POST" and form.is_valid():
        plan_actions.do_reassign_step(step, actor=request.user, owner=form.cleaned_data["owner"],
                                      due=form.cleaned_data["due_date"])
        messages.success(request, _("The step “%(title)s” was saved.") % {"title": step.title})
        return redirect("plan_detail", ws=request.workspace.slug, plan_id=step.plan_id)
    return render(request, "offboarding/step_form.html", {"form": form, "step": step})


def _recap_text(request, plan) -> str:
    return plan.recap or draft(plan, author=_author(request))


@workspace_view("manage_clients")
def plan_recap(request, plan_id: int):
    plan = selectors.plan(request.membership, plan_id)
    if request.method == "POST" and request.POST.get("regenerate"):
        plan_actions.do_save_recap(plan, actor=request.user,
                                   recap=draft(plan, author=_author(request)))
        return redirect("plan_recap", ws=request.workspace.slug, plan_id=plan.pk)
    form = RecapForm(request.POST or None, initial={"recap": _recap_text(request, plan)})
    if request.method == "POST" and form.is_valid():
        plan_actions.do_save_recap(plan, actor=request.user, recap=form.cleaned_data["recap"])
        messages.success(request, _("The recap document was saved."))
        return redirect("plan_recap", ws=request.workspace.slug, plan_id=plan.pk)
    title, doc = blocks(_recap_text(request, plan))
    return render(request, "offboarding/recap.html", {
        "plan": plan, "form": form, "blocks": doc, "title": title,
    })


def _recap_document(request, plan):
    title, doc = blocks(_recap_text(request, plan))
    return title or str(plan.engagement), doc, plan.engagement.client.language


@workspace_view("manage_clients")
def recap_pdf(request, plan_id: int):
    plan = selectors.plan(request.membership, plan_id)
    title, doc, language = _recap_document(request, plan)
    pdf = render_pdf(render_html(doc, title=title, language=language))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="recap-{plan.pk}.pdf"'
    return response


@workspace_view("manage_clients")
def recap_docx(request, plan_id: int):
    plan = selectors.plan(request.membership, plan_id)
    title, doc, language = _recap_document(request, plan)
    response = HttpResponse(
        render_docx(doc, title=title, language=language),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="recap-{plan.pk}.docx"'
    return response


def agenda_of(request, plan) -> list[str]:
    """The call's agenda: the recap's headings, then the open steps."""
    _title, doc = blocks(_recap_text(request, plan))
    items = [str(value) for kind, value in doc if kind == "heading"]
    items += [s.title for s in selectors.open_steps(plan)[:10]]
    return items


@workspace_view("manage_clients")
def plan_call(request, plan_id: int):
    plan = selectors.plan(request.membership, plan_id)
    form = CallForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        plan_actions.do_update_call(plan, actor=request.user, **form.cleaned_data)
        if request.POST.get("invite"):
            try:
                letter = plan_actions.do_invite_successor(plan, actor=request.user,
                                                          agenda=agenda_of(request, plan),
                                                          author=_author(request))
            except plan_actions.PlanRefused:
                messages.error(request, _("Give the successor's e-mail address and the "
                                          "call's date and time first."))
            else:
                if letter.email_id is None:
                    return letter_waits(request, letter)
                messages.success(request, _("The invitation is in the outbox."))
        else:
            messages.success(request, _("The handover call was saved."))
        return redirect("plan_call", ws=request.workspace.slug, plan_id=plan.pk)
    return render(request, "offboarding/call.html", {
        "plan": plan, "form": form, "agenda": agenda_of(request, plan),
    })


@workspace_view("manage_clients")
def plan_support(request, plan_id: int):
    plan = selectors.plan(request.membership, plan_id)
    settings_form = SupportForm(None, instance=plan, prefix="terms")
    request_form = SupportRequestForm(None, prefix="req",
                                      initial={"day": timezone.localdate()})
    if request.method == "POST":
        if "terms-free_questions" in request.POST:
            settings_form = SupportForm(request.POST, instance=plan, prefix="terms")
            if settings_form.is_valid():
                plan_actions.do_set_support(plan, actor=request.user, **settings_form.cleaned_data)
                messages.success(request, _("The support terms were saved."))
                return redirect("plan_support", ws=request.workspace.slug, plan_id=plan.pk)
        else:
            request_form = SupportRequestForm(request.POST, prefix="req")
            if request_form.is_valid():
                plan_actions.do_log_support_request(plan, actor=request.user,
                                                    **request_form.cleaned_data)
                messages.success(request, _("The request was logged."))
                return redirect("plan_support", ws=request.workspace.slug, plan_id=plan.pk)
    return render(request, "offboarding/support.html", {
        "plan": plan, "settings_form": settings_form, "request_form": request_form,
        "requests": selectors.support_of(plan), "totals": selectors.support_totals(plan),
    })
