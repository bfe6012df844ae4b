"""Who may do what in a workspace. Outsiders get 404; members lacking a right get 403."""

from __future__ import annotations

from functools import cache, wraps

from django.apps import apps
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
    "work_on_duties": EVERYONE,
    "manage_duties": STAFF,
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


@cache
def _scoped_models() -> dict[str, type]:
    """{"client": Client, "timeentry": TimeEntry, ...} for every model with a workspace."""
    return {
        model._meta.model_name: model
        for model in apps.get_models()
        if model.__module__.startswith("handover.")
        and any(f.name == "workspace" for f in model._meta.fields)
    }


def check_path_objects(workspace, kwargs: dict) -> None:
    """404 unless every `<model>_id` in the URL names a row of this workspace.

    A guard in depth under the views' own selectors: an id from another workspace never
    reaches a view, a form or a request body's validation.
    """
    for key, value in kwargs.items():
        if not key.endswith("_id"):
            continue
        model = _scoped_models().get(key.removesuffix("_id").replace("_", ""))
        if model is None:
            continue
        try:
            pk = int(value)
        except (TypeError, ValueError):
            raise Http404 from None
        if not model.objects.filter(workspace=workspace, pk=pk).exists():
            raise Http404


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
            check_path_objects(membership.workspace, kwargs)
            require(membership, capability)
            request.membership = membership
            request.workspace = membership.workspace
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
