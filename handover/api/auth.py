"""API authentication: a personal token in `Authorization: Bearer hov_...`, or the session."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from handover.core.actions import hash_token
from handover.core.models import ApiToken


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
        return found.user


auth = [TokenAuth(), SessionAuth()]
