"""API authentication: a personal token in `Authorization: Bearer hov_...`, or the session.

Under /api/w/{ws}/ the workspace and every `<model>_id` in the path are checked here,
before the request body is validated: another workspace's ids answer 404, never 422.
"""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from handover.core.access import check_path_objects, membership_for
from handover.core.models import ApiToken
from handover.lib.tokens import hash_token


def _scope(request, user):
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    if "ws" in kwargs:
        membership = membership_for(user, kwargs["ws"])
        check_path_objects(membership.workspace, kwargs)
        request.membership = membership  # the endpoint reuses it instead of asking again
    return user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return _scope(request, found.user)


class ScopedSessionAuth(SessionAuth):
    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return _scope(request, user) if user else None


auth = [TokenAuth(), ScopedSessionAuth()]
