"""Who may do what in a workspace. Outsiders get 404; members lacking a right get 403."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Membership, Role

EVERYONE = frozenset(Role.values)
STAFF = frozenset({Role.OWNER, Role.MANAGER, Role.MEMBER})
MANAGERS = frozenset({Role.OWNER, Role.MANAGER})
OWNERS = frozenset({Role.OWNER})

CAPABILITIES: dict[str, frozenset[str]] = {
    "view_workspace": EVERYONE,
    "view_all_engagements": STAFF,
    "manage_clients": STAFF,
    "view_activity": STAFF,
    "view_members": EVERYONE,
    "invite_members": MANAGERS,
    "change_roles": OWNERS,
}


def membership_for(user, workspace_slug: str) -> Membership:
    """The user's active membership in the workspace, or 404 when there is none."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    membership = (
        Membership.objects.select_related("workspace", "user")
        .filter(workspace__slug=workspace_slug, user=user, is_active=True)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def can(membership: Membership, capability: str) -> bool:
    return membership.role in CAPABILITIES[capability]


def require(membership: Membership, capability: str) -> None:
    if not can(membership, capability):
        raise PermissionDenied


def workspace_view(capability: str = "view_workspace"):
    """Decorate a view taking `ws`: loads the membership first, before any method check.

    The view receives `request.membership` and `request.workspace`.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, ws, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_for(request.user, ws)
            require(membership, capability)
            request.membership = membership
            request.workspace = membership.workspace
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
