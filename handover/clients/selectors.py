"""Reads for clients, contacts and engagements, always scoped to one workspace."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from handover.core.access import can
from handover.core.models import Membership, Workspace

from .models import Client, Contact, Engagement, EngagementStatus, WorkingWindow


def clients_of(workspace: Workspace, *, archived: bool = False) -> QuerySet[Client]:
    return Client.objects.filter(workspace=workspace, archived_at__isnull=not archived)


def client_list(workspace: Workspace, *, archived: bool = False, query: str = ""):
    clients = clients_of(workspace, archived=archived).annotate(
        engagement_count=Count("engagements", filter=Q(engagements__archived_at__isnull=True)),
        contact_count=Count("contacts", distinct=True),
    )
    if query:
        clients = clients.filter(Q(name__icontains=query) | Q(contacts__name__icontains=query))
    return clients.prefetch_related("domains").distinct().order_by("name")


def client(workspace: Workspace, client_id: int) -> Client:
    return get_object_or_404(Client.objects.filter(workspace=workspace), pk=client_id)


def contact(workspace: Workspace, contact_id: int) -> Contact:
    return get_object_or_404(
        Contact.objects.filter(workspace=workspace).select_related("client"), pk=contact_id
    )


def contacts_of(workspace: Workspace, client_obj: Client) -> QuerySet[Contact]:
    return Contact.objects.filter(workspace=workspace, client=client_obj).order_by("name")


def visible_engagements(membership: Membership, *, archived: bool = False):
    """Engagements the member may see: all of them for staff, own ones for collaborators."""
    engagements = Engagement.objects.filter(
        workspace=membership.workspace, archived_at__isnull=not archived
    )
    if not can(membership, "view_all_engagements"):
        engagements = engagements.filter(account_manager=membership.user)
    return engagements.select_related("client", "account_manager").prefetch_related(
        Prefetch("working_windows", queryset=WorkingWindow.objects.order_by("weekday", "start"))
    )


def engagement(membership: Membership, engagement_id: int) -> Engagement:
    return get_object_or_404(visible_engagements(membership), pk=engagement_id)


def any_engagement(membership: Membership, engagement_id: int) -> Engagement:
    """Archived ones included (to restore them)."""
    return get_object_or_404(
        visible_engagements(membership) | visible_engagements(membership, archived=True),
        pk=engagement_id,
    )


def engagements_of_client(membership: Membership, client_obj: Client):
    return visible_engagements(membership).filter(client=client_obj)


def dashboard_rows(membership: Membership):
    """The dashboard's list: no working windows (it does not show them)."""
    return (visible_engagements(membership).prefetch_related(None)
            .order_by("status", "client__name", "title"))


def status_counts(membership: Membership) -> dict[str, int]:
    rows = visible_engagements(membership).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


# Which engagement of a client is its current one: the first status of this ranking (the
# work going on, then the work under notice, then the work that is over), then the most
# recent start. A status missing from the ranking comes after those in it.
CURRENT_RANKING = (EngagementStatus.ACTIVE, EngagementStatus.ENDING, EngagementStatus.ENDED)


def _current_first(engagements: QuerySet[Engagement]) -> QuerySet[Engagement]:
    """Live engagements, the current one of each client first (see CURRENT_RANKING)."""
    rank = Case(*(When(status=status, then=Value(n)) for n, status in
                  enumerate(CURRENT_RANKING)),
                default=Value(len(CURRENT_RANKING)), output_field=IntegerField())
    return (engagements.filter(archived_at__isnull=True).alias(status_rank=rank)
            .order_by("status_rank", "-start_date", "-pk"))


def current_engagement(workspace: Workspace, client_obj: Client) -> Engagement | None:
    """The client's current engagement (archived ones never are), or None."""
    engagements = Engagement.objects.filter(workspace=workspace, client=client_obj)
    return _current_first(engagements).first()


def current_engagement_ids(workspace: Workspace) -> dict[int, int]:
    """{client id: its current engagement's id} for the workspace's clients that have one."""
    found: dict[int, int] = {}
    for client_id, engagement_id in _current_first(
            Engagement.objects.filter(workspace=workspace)).values_list("client_id", "pk"):
        found.setdefault(client_id, engagement_id)
    return found
