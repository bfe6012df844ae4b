"""Writes of the core app: workspaces, members, invitations, tokens, outbox delivery."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from handover.lib.tokens import hash_token

from .audit import record
from .links import absolute
from .mail import queue_email, reply_address
from .models import (
    ApiToken,
    Invitation,
    Membership,
    Role,
    ScheduledRun,
    Workspace,
)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "workspace"
    slug, n = base, 2
    while Workspace.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def do_create_workspace(
    name: str, *, actor, language: str = "en", currency: str = "EUR", slug: str = ""
) -> Workspace:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the workspace a name.")})
    workspace = Workspace.objects.create(
        name=name, slug=slug or _unique_slug(name), language=language, currency=currency
    )
    Membership.objects.create(workspace=workspace, user=actor, role=Role.OWNER)
    record(workspace, actor, "workspace.created", workspace, name=name)
    return workspace


@transaction.atomic
def do_ensure_user(email: str, *, password: str | None, name: str = "", language: str = "en"):
    """The user with this address, created when missing. Returns (user, created)."""
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    if password is not None and password != "":
        from django.contrib.auth.password_validation import validate_password

        validate_password(password, user_model(email=email, name=name))
    user = user_model.objects.create_user(email, password or None, name=name, language=language)
    if not password:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user, True


@transaction.atomic
def do_invite_member(
    workspace: Workspace, *, actor, email: str, role: str, language: str
) -> tuple[Invitation, str]:
    email = email.strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the roles offered.")})
    if role == Role.OWNER and not Membership.objects.filter(
        workspace=workspace, user=actor, role=Role.OWNER, is_active=True
    ).exists():
        raise ValidationError({"role": _("Only an owner can invite another owner.")})
    if Membership.objects.filter(
        workspace=workspace, user__email__iexact=email, is_active=True
    ).exists():
        raise ValidationError({"email": _("This person is already a member of the workspace.")})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        workspace=workspace,
        email=email,
        role=role,
        language=language,
        token_hash=hash_token(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    record(workspace, actor, "member.invited", invitation, email=email, role=role)
    queue_email(
        workspace=workspace,
        to=email,
        kind="invitation",
        language=language,
        template="core/email/invitation",
        reply_to=reply_address(actor),
        context={
            "workspace": workspace.name,
            "inviter": actor.display_name,
            "role": Role(role).label,
            "link": absolute(reverse("accept_invitation", args=[token])),
            "days": settings.INVITATION_DAYS,
        },
    )
    return invitation, token


@transaction.atomic
def do_accept_invitation(invitation: Invitation, *, actor) -> Membership:
    # Lock the row so that two clicks on the same link cannot both succeed.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation has expired or has already been used."))
    if actor.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    membership = Membership.objects.filter(workspace=invitation.workspace, user=actor).first()
    if membership is None:
        membership = Membership.objects.create(
            workspace=invitation.workspace, user=actor, role=invitation.role
        )
    else:
        membership.role, membership.is_active = invitation.role, True
        membership.save(update_fields=["role", "is_active"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = actor
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(invitation.workspace, actor, "member.joined", membership, role=invitation.role)
    return membership


@transaction.atomic
def do_join_by_invitation(invitation: Invitation, *, name: str, password: str):
    """A newcomer sets a name and password through the invitation link and joins."""
    user, _created = do_ensure_user(
        invitation.email, password=None, name=name, language=invitation.language
    )
    if user.has_usable_password():
        raise ValidationError(_("An account with this address exists already. Sign in first."))
    user.name = user.name or name
    user.set_password(password)
    user.save(update_fields=["name", "password"])
    do_accept_invitation(invitation, actor=user)
    return user


@transaction.atomic
def do_revoke_invitation(invitation: Invitation, *, actor) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record(invitation.workspace, actor, "member.invitation_revoked", invitation,
           email=invitation.email)


def _other_owners(membership: Membership) -> bool:
    return (
        Membership.objects.filter(workspace=membership.workspace, role=Role.OWNER, is_active=True)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def do_change_role(membership: Membership, *, actor, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the roles offered.")})
    old = membership.role
    if old == role:
        return membership
    if old == Role.OWNER and not _other_owners(membership):
        raise ValidationError({"role": _("A workspace needs at least one owner.")})
    membership.role = role
    membership.save(update_fields=["role"])
    record(membership.workspace, actor, "member.role_changed", membership,
           member=membership.user.display_name, old_role=old, new_role=role)
    return membership


@transaction.atomic
def do_remove_member(membership: Membership, *, actor) -> None:
    if membership.role == Role.OWNER and not _other_owners(membership):
        raise ValidationError(_("A workspace needs at least one owner."))
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    record(membership.workspace, actor, "member.removed", membership,
           member=membership.user.display_name)


@transaction.atomic
def do_set_language(user, *, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("This language is not available."))
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def do_create_api_token(user, *, name: str = "") -> tuple[ApiToken, str]:
    """A new token for the user; the clear value is returned once and never stored."""
    secret = "hov_" + secrets.token_urlsafe(32)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user, name=name, prefix=secret[:12], key_hash=hash_token(secret)
                )
            return token, secret
        except IntegrityError:  # pragma: no cover - a 256-bit collision
            secret = "hov_" + secrets.token_urlsafe(32)
    raise RuntimeError("could not create a unique token")


def do_run_due_jobs(*, now=None) -> list[tuple[str, int]]:
    """Enqueue every periodic job that is due, once per workspace and interval.

    The claim is a conditional update, so two schedulers never enqueue the same run.
    """
    from .schedule import jobs

    now = now or timezone.now()
    started = []
    for job in jobs():
        for workspace_id in Workspace.objects.values_list("pk", flat=True):
            with transaction.atomic():
                row, created = ScheduledRun.objects.get_or_create(
                    workspace_id=workspace_id, job=job.name,
                    defaults={"last_run_at": now},
                )
                if not created:
                    claimed = ScheduledRun.objects.filter(
                        pk=row.pk, last_run_at=row.last_run_at,
                        last_run_at__lte=now - job.every,
                    ).update(last_run_at=now)
                    if not claimed:
                        continue
                transaction.on_commit(
                    lambda task=job.task, ws=workspace_id: task.enqueue(ws))
            started.append((job.name, workspace_id))
    return started
