"""Writes for collaborators' monthly reports: asking for them, sending one, reminding the late
ones. Atomic and audited.

The daily round that asks and reminds (`do_run_schedule`) is in `actions/duties.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from handover.core.audit import record
from handover.core.links import absolute
from handover.core.mail import queue_email

from .. import selectors
from ..models import ReportItem, ReportRequest

if TYPE_CHECKING:
    from handover.core.models import User


class NotAsked(StrEnum):
    """Why a collaborator was not asked for the month's report."""

    INACTIVE = "inactive"  # the account is switched off
    LEFT = "left"  # no longer a member of the workspace, yet still carries an open duty
    NO_EMAIL = "no_email"  # the request could not reach her
    NO_OPEN_DUTY = "no_open_duty"  # nothing to report on
    ALREADY_REQUESTED = "already_requested"  # the month's report was asked for before


@dataclass
class ReportsRequested:
    """What `do_request_reports` did: the requests made, and each collaborator left out with
    the reason (`NotAsked`). `len()` is the number of requests made."""

    month: date
    due_on: date
    asked: list[ReportRequest] = field(default_factory=list)
    skipped: list[tuple[User, NotAsked]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.asked)


def _report_link(request: ReportRequest) -> str:
    return absolute(reverse("report_form", kwargs={
        "ws": request.workspace.slug, "report_request_id": request.pk}))


def _not_asked(membership) -> NotAsked | None:
    user = membership.user
    if not user.is_active:
        return NotAsked.INACTIVE
    if not membership.is_active:
        return NotAsked.LEFT
    if not user.email:
        return NotAsked.NO_EMAIL
    if not membership.open_duties:
        return NotAsked.NO_OPEN_DUTY
    return None


@transaction.atomic
def do_request_reports(workspace, *, actor, month: date, due_on: date) -> ReportsRequested:
    """One request per collaborator carrying an open duty; idempotent per month. Everyone
    else who reports (or would) is in `skipped`, with the reason."""
    month = month.replace(day=1)
    done = ReportsRequested(month=month, due_on=due_on)
    for membership in selectors.report_candidates(workspace):
        user = membership.user
        reason = _not_asked(membership)
        if reason is None:
            request, created = ReportRequest.objects.get_or_create(
                workspace=workspace, collaborator=user, month=month,
                defaults={"due_on": due_on, "requested_by": actor})
            if not created:
                reason = NotAsked.ALREADY_REQUESTED
        if reason is not None:
            done.skipped.append((user, reason))
            continue
        done.asked.append(request)
        record(workspace, actor, "report.requested", request, collaborator=user.display_name,
               month=month.strftime("%Y-%m"))
        queue_email(workspace=workspace, to=user.email, kind="duty_report_request",
                    language=user.language, template="duties/email/report_request",
                    context={"workspace": workspace.name, "name": user.display_name,
                             "month": month, "due_on": due_on,
                             "link": _report_link(request)})
    return done


@transaction.atomic
def do_submit_report(request: ReportRequest, *, actor, items: list[dict]) -> ReportRequest:
    if actor.pk != request.collaborator_id:
        raise ValidationError(_("Only the person asked can send this report."))
    for item in items:
        ReportItem.objects.update_or_create(
            request=request, duty=item["duty"],
            defaults={"workspace": request.workspace, "minutes": item["minutes"],
                      "occurrences": item.get("occurrences") or 0,
                      "changes": item.get("changes", ""),
                      "problems": item["problems"], "suggestions": item["suggestions"]})
    request.submitted_at = timezone.now()
    request.save(update_fields=["submitted_at"])
    record(request.workspace, actor, "report.submitted", request,
           month=request.month.strftime("%Y-%m"))
    return request


@transaction.atomic
def do_remind_late_report(request: ReportRequest, *, actor=None) -> None:
    """Mail the collaborator, in her language, that the report has not arrived."""
    user = request.collaborator
    request.reminded_at = timezone.now()
    request.save(update_fields=["reminded_at"])
    record(request.workspace, actor, "report.reminded", request, collaborator=user.display_name,
           month=request.month.strftime("%Y-%m"))
    queue_email(workspace=request.workspace, to=user.email, kind="duty_report_late",
                language=user.language, template="duties/email/report_late",
                context={"workspace": request.workspace.name, "name": user.display_name,
                         "month": request.month, "due_on": request.due_on,
                         "link": _report_link(request)})
