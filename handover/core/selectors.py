"""Reads for workspaces, members, invitations and the activity log, always scoped."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from handover.lib.tokens import hash_token

from .models import AuditEvent, Invitation, Membership, Workspace


def workspaces_for(user) -> QuerySet[Workspace]:
    return Workspace.objects.filter(
        memberships__user=user, memberships__is_active=True
    ).order_by("name")


def members_of(workspace: Workspace) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(workspace=workspace, is_active=True)
        .select_related("user")
        .order_by("user__name", "user__email")
    )


def member(workspace: Workspace, membership_id: int) -> Membership:
    return get_object_or_404(members_of(workspace), pk=membership_id)


def member_users(workspace: Workspace):
    return get_user_model().objects.filter(
        memberships__workspace=workspace, memberships__is_active=True
    ).order_by("name", "email")


def pending_invitations(workspace: Workspace) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        workspace=workspace,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).order_by("-created_at")


def invitation(workspace: Workspace, invitation_id: int) -> Invitation:
    return get_object_or_404(Invitation.objects.filter(workspace=workspace), pk=invitation_id)


def activity(workspace: Workspace, *, verb_prefix: str = "") -> QuerySet[AuditEvent]:
    # Sentences use the actor's name as written at the time (actor_label), not the user row.
    events = AuditEvent.objects.filter(workspace=workspace)
    if verb_prefix:
        events = events.filter(verb__startswith=verb_prefix)
    return events.order_by("-created_at", "-id")


def events_for_target(workspace: Workspace, obj) -> QuerySet[AuditEvent]:
    return activity(workspace).filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("workspace")
        .filter(token_hash=hash_token(token))
        .first()
    )
