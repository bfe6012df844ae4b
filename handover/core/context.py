"""Template context for the navigation: the current workspace and the user's others."""

from django.conf import settings

from .access import can
from .selectors import workspaces_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"LANGUAGE_CHOICES": settings.LANGUAGES}
    membership = getattr(request, "membership", None)
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
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
