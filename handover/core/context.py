"""Template context for the navigation: the current workspace and the user's others."""

from functools import cache

from django.conf import settings
from django.urls import reverse

from .access import can
from .apps_registry import modules
from .selectors import workspaces_for


@cache
def _nav_entries() -> list[tuple]:
    """Every app's menu entries, the workspace's own (members, activity) last."""
    entries = [e for m in modules("nav", exclude=("handover.core",)) for e in m.NAV]
    return entries + [e for m in modules("nav") if m.__name__ == "handover.core.nav"
                      for e in m.NAV]


SLUG = "__ws__"  # stands for the workspace's slug in a menu entry's address


@cache
def _address(name: str) -> str:
    """The entry's address with SLUG for the workspace, reversed once per process rather than
    twenty times per page."""
    return reverse(name, kwargs={"ws": SLUG})


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"LANGUAGE_CHOICES": settings.LANGUAGES}
    membership = getattr(request, "membership", None)
    workspace = getattr(request, "workspace", None)
    slug = workspace.slug if workspace is not None else ""
    nav = [(_address(name).replace(SLUG, slug, 1), label)
           for name, label, capability in _nav_entries()
           if membership is not None and can(membership, capability)]
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "nav": nav,
        "nav_workspaces": workspaces_for(user),
        "current_workspace": getattr(request, "workspace", None),
        "membership": membership,
        "may": _Rights(membership),
    }


class _Rights:
    """`{% if may.manage_clients %}` in templates."""

    def __init__(self, membership):
        self.membership = membership

    def __getattr__(self, capability):
        return self.membership is not None and can(self.membership, capability)
