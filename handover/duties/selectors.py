"""Reads for duties, time, reviews, reports and proposals, scoped by workspace and role.

Staff see every duty of the workspace; a collaborator sees the duties she carries, her own
time and her own reports.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from handover.core.access import can
from handover.core.models import Membership, Role

from .figures import Figures, per_occurrence
from .models import (
    PER_MONTH,
    ClientAnswer,
    Duty,
    DutyChange,
    DutyStatus,
    ImportMapping,
    Proposal,
    ReportRequest,
    Review,
    TimeEntry,
)


def sees_all(membership: Membership) -> bool:
    return can(membership, "manage_duties")


def visible_duties(membership: Membership) -> QuerySet[Duty]:
    duties = Duty.objects.filter(workspace=membership.workspace).select_related(
        "engagement__client", "assignee")
    if not sees_all(membership):
        duties = duties.filter(assignee=membership.user)
    return duties


def duty(membership: Membership, duty_id: int) -> Duty:
    return get_object_or_404(visible_duties(membership), pk=duty_id)


def review(membership: Membership, review_id: int):
    """A review of a duty the member may see."""
    return get_object_or_404(Review.objects.filter(duty__in=visible_duties(membership))
                             .select_related("duty__engagement__client", "letter"),
                             pk=review_id)


def pending_terms(duty_obj: Duty):
    """Reviews whose new terms wait for the client's answer."""
    return duty_obj.reviews.filter(client_answer=ClientAnswer.PENDING).select_related("letter")


def other_open_duties(duty_obj: Duty) -> int:
    return Duty.objects.filter(engagement_id=duty_obj.engagement_id,
                               status__in=[DutyStatus.TRIAL, DutyStatus.ACTIVE]).exclude(
        pk=duty_obj.pk).count()


def duty_list(membership: Membership, *, status: str = "", engagement_id: int | None = None):
    duties = visible_duties(membership)
    if status == "open":
        duties = duties.filter(status__in=[DutyStatus.TRIAL, DutyStatus.ACTIVE])
    elif status:
        duties = duties.filter(status=status)
    if engagement_id:
        duties = duties.filter(engagement_id=engagement_id)
    return duties.order_by("engagement__client__name", "title")


def visible_time(membership: Membership) -> QuerySet[TimeEntry]:
    entries = TimeEntry.objects.filter(workspace=membership.workspace).select_related(
        "duty", "person")
    if not sees_all(membership):
        entries = entries.filter(person=membership.user, duty__assignee=membership.user)
    return entries


def time_entry(membership: Membership, time_entry_id: int) -> TimeEntry:
    return get_object_or_404(visible_time(membership), pk=time_entry_id)


def running_timer(user, workspace) -> TimeEntry | None:
    return TimeEntry.objects.filter(workspace=workspace, person=user, running=True) \
        .select_related("duty").first()


def versions(duty_obj: Duty):
    return duty_obj.versions.select_related("author").order_by("-number")


def timeline(duty_obj: Duty) -> QuerySet[DutyChange]:
    return DutyChange.objects.filter(workspace=duty_obj.workspace, duty=duty_obj) \
        .select_related("actor", "version").order_by("created_at", "id")


def proposals(membership: Membership, duty_obj: Duty | None = None):
    found = Proposal.objects.filter(workspace=membership.workspace).select_related(
        "duty", "proposed_by", "base")
    if duty_obj is not None:
        found = found.filter(duty=duty_obj)
    if not sees_all(membership):
        found = found.filter(duty__assignee=membership.user)
    return found


def proposal(membership: Membership, proposal_id: int) -> Proposal:
    return get_object_or_404(proposals(membership), pk=proposal_id)


def _entries_for_figures(duties, *, since: date | None = None):
    entries = TimeEntry.objects.filter(duty__in=duties, running=False)
    if since:
        entries = entries.filter(date__gte=since)
    return entries.values_list("duty_id", "date", "seconds", "occurrences")


def figures_for(duty_obj: Duty, *, since: date | None = None) -> Figures:
    rows = [(day, seconds / 60, n) for _d, day, seconds, n
            in _entries_for_figures([duty_obj], since=since)]
    return per_occurrence(rows)


def per_month(duty_obj: Duty, fig: Figures) -> float | None:
    if duty_obj.frequency in PER_MONTH:
        return PER_MONTH[duty_obj.frequency]
    recent = [p for p in fig.points if p[0] >= timezone.localdate() - timedelta(days=90)]
    return round(len(recent) / 3, 2) if recent else None


def reviews_due(workspace, *, today: date | None = None, membership=None) -> QuerySet[Duty]:
    today = today or timezone.localdate()
    duties = visible_duties(membership) if membership else Duty.objects.filter(
        workspace=workspace).select_related("engagement__client")
    return duties.filter(status__in=[DutyStatus.TRIAL, DutyStatus.ACTIVE],
                         next_review_on__isnull=False, next_review_on__lte=today) \
        .order_by("next_review_on")


def report_candidates(workspace) -> QuerySet[Membership]:
    """The memberships the monthly report is asked of, or would be: every active
    collaborator, and anyone else but the owners who carries an open duty of the workspace
    (someone who left, too, while she still does). Each has `open_duties` counted and its
    user joined; by e-mail address. Whether she is asked is the action's call."""
    open_duties = Count("user__duties", distinct=True, filter=Q(
        user__duties__workspace=workspace,
        user__duties__status__in=[DutyStatus.TRIAL, DutyStatus.ACTIVE]))
    return Membership.objects.filter(workspace=workspace).exclude(role=Role.OWNER) \
        .annotate(open_duties=open_duties) \
        .filter(Q(role=Role.COLLABORATOR, is_active=True) | Q(open_duties__gt=0)) \
        .select_related("user").order_by("user__email")


def report_requests(membership: Membership) -> QuerySet[ReportRequest]:
    found = ReportRequest.objects.filter(workspace=membership.workspace).select_related(
        "collaborator")
    if not sees_all(membership):
        found = found.filter(collaborator=membership.user)
    return found.order_by("-month", "collaborator__email")


def report_request(membership: Membership, report_request_id: int) -> ReportRequest:
    return get_object_or_404(report_requests(membership), pk=report_request_id)


def late_reports(workspace, *, today: date | None = None) -> QuerySet[ReportRequest]:
    today = today or timezone.localdate()
    return ReportRequest.objects.filter(workspace=workspace, submitted_at__isnull=True,
                                        due_on__lt=today).select_related("collaborator")


def reports_to_remind(workspace, *, today: date | None = None) -> QuerySet[ReportRequest]:
    """Late reports not reminded yet, of people who are still active members: a leaver or a
    switched-off account is not chased."""
    return late_reports(workspace, today=today).filter(
        reminded_at__isnull=True, collaborator__is_active=True,
        collaborator__memberships__workspace=workspace,
        collaborator__memberships__is_active=True)


def report_duties(request: ReportRequest) -> QuerySet[Duty]:
    return Duty.objects.filter(workspace=request.workspace, assignee=request.collaborator) \
        .filter(Q(status__in=[DutyStatus.TRIAL, DutyStatus.ACTIVE]) |
                Q(time_entries__date__gte=request.month)).distinct().order_by("title")


def logged_month(request: ReportRequest) -> dict[int, tuple[int, int]]:
    """{duty id: (minutes, occurrences)} the collaborator logged in the report's month."""
    start = request.month
    end = (start + timedelta(days=32)).replace(day=1)
    rows = TimeEntry.objects.filter(workspace=request.workspace, person=request.collaborator,
                                    date__gte=start, date__lt=end, running=False) \
        .values("duty_id").annotate(total=Sum("seconds"), times=Sum("occurrences"))
    return {row["duty_id"]: (round(row["total"] / 60), row["times"] or 0) for row in rows}


def month_reports(membership: Membership, month: date):
    return report_requests(membership).filter(month=month).prefetch_related("items__duty")


def mappings(workspace) -> QuerySet[ImportMapping]:
    return ImportMapping.objects.filter(workspace=workspace).select_related("duty") \
        .order_by("client", "project", "task")


def open_duties_with_procedures(engagement) -> list[tuple[Duty, str]]:
    """The engagement's open duties with the text of their current procedure (recap)."""
    duties = Duty.objects.filter(
        workspace=engagement.workspace, engagement=engagement,
        status__in=(DutyStatus.TRIAL, DutyStatus.ACTIVE),
    ).prefetch_related("versions").order_by("title")
    return [(d, (max(d.versions.all(), key=lambda v: v.number).body
                 if d.versions.all() else d.description)) for d in duties]


def open_duties_of(engagement, person) -> QuerySet[Duty]:
    """Open duties of the engagement carried by `person` (a departure hands them on)."""
    return Duty.objects.filter(
        workspace=engagement.workspace, engagement=engagement, assignee=person,
        status__in=(DutyStatus.TRIAL, DutyStatus.ACTIVE),
    )
