"""Views for collaborators' monthly reports: request, fill in, read side by side."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handover.core.access import can, workspace_view
from handover.core.templatetags.handover import date_long, month_long
from handover.core.views import form_errors_to_messages

from .. import selectors
from ..actions import reports as report_actions
from ..actions.reports import NotAsked, ReportsRequested
from ..forms import ReportItemForm, RequestReportsForm


def _not_asked(reason: NotAsked, name: str, month: str) -> str:
    values = {"name": name, "month": month}
    if reason == NotAsked.ALREADY_REQUESTED:
        return _("%(name)s was not asked: the report of %(month)s was already requested.") \
            % values
    if reason == NotAsked.NO_OPEN_DUTY:
        return _("%(name)s was not asked: they carry no open duty.") % values
    if reason == NotAsked.NO_EMAIL:
        return _("%(name)s was not asked: their account has no e-mail address.") % values
    if reason == NotAsked.LEFT:
        return _("%(name)s was not asked: they are no longer a member of the workspace, "
                 "yet still carry an open duty.") % values
    return _("%(name)s was not asked: their account is not active.") % values


def _say_who_was_asked(request, done: ReportsRequested) -> None:
    """One message for the count, then one per collaborator: asked, or not and why."""
    month, day = month_long(done.month), date_long(done.due_on)
    count = len(done.asked)
    if count:
        messages.success(request, ngettext(
            "%(count)s collaborator was asked for the report of %(month)s, due on %(day)s.",
            "%(count)s collaborators were asked for the report of %(month)s, due on %(day)s.",
            count) % {"count": count, "month": month, "day": day})
    elif done.skipped:
        messages.warning(request, _("Nobody was asked for the report of %(month)s.")
                         % {"month": month})
    else:
        messages.warning(request, _(
            "Nobody was asked for the report of %(month)s: the workspace has no collaborators, "
            "and nobody but the owners carries an open duty.") % {"month": month})
    for report in done.asked:
        messages.info(request, _("%(name)s was asked for the report of %(month)s.") % {
            "name": report.collaborator.display_name, "month": month})
    for user, reason in done.skipped:
        messages.info(request, _not_asked(reason, user.display_name, month))


def _month(value: str) -> date:
    try:
        year, month = (int(p) for p in value.split("-")[:2])
        return date(year, month, 1)
    except (ValueError, TypeError):
        today = timezone.localdate()
        return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


@workspace_view("work_on_duties")
def report_list(request):
    staff = can(request.membership, "manage_duties")
    month = _month(request.GET.get("month", ""))
    today = timezone.localdate()
    form = RequestReportsForm(request.POST or None, initial={
        "month": month, "due_on": today + timedelta(days=7)})
    if request.method == "POST":
        if not staff:
            raise PermissionDenied
        if form.is_valid():
            done = report_actions.do_request_reports(request.workspace, actor=request.user,
                                                     month=form.cleaned_data["month"],
                                                     due_on=form.cleaned_data["due_on"])
            _say_who_was_asked(request, done)
            return redirect(f"{request.path}?month={form.cleaned_data['month']:%Y-%m}")
    reports = list(selectors.month_reports(request.membership, month)) if staff else []
    return render(request, "duties/report_list.html", {
        "staff": staff, "month": month, "form": form, "reports": reports,
        "mine": selectors.report_requests(request.membership).filter(
            collaborator=request.user),
        "previous": (month - timedelta(days=1)).replace(day=1),
        "next": (month + timedelta(days=32)).replace(day=1),
    })


@workspace_view("work_on_duties")
def report_form(request, report_request_id: int):
    report = selectors.report_request(request.membership, report_request_id)
    duties = list(selectors.report_duties(report))
    logged = selectors.logged_month(report)
    saved = {item.duty_id: item for item in report.items.all()}
    editable = report.collaborator_id == request.user.pk
    forms = []
    for duty in duties:
        item = saved.get(duty.pk)
        minutes, times = logged.get(duty.pk, (0, 0))
        initial = {"minutes": item.minutes if item else minutes,
                   "occurrences": item.occurrences if item else times,
                   "changes": item.changes if item else "",
                   "problems": item.problems if item else "",
                   "suggestions": item.suggestions if item else ""}
        forms.append((duty, minutes, ReportItemForm(
            request.POST if request.method == "POST" else None, prefix=f"d{duty.pk}",
            initial=initial)))
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if all(form.is_valid() for _d, _l, form in forms):
            try:
                report_actions.do_submit_report(report, actor=request.user, items=[
                    {"duty": duty, **form.cleaned_data} for duty, _l, form in forms])
            except ValidationError as exc:
                form_errors_to_messages(request, exc)
            else:
                messages.success(request, _("Your report was sent. Thank you."))
                return redirect("report_list", ws=request.workspace.slug)
    return render(request, "duties/report_form.html", {
        "report": report, "forms": forms, "editable": editable,
    })
