"""What django-axes counts failed sign-ins against, and how many it allows.

A failure on an account that exists counts against that account only: whoever tries it from
wherever is locked out, and nobody else is. A failure on an address that is no account counts
against the client's network address, with a higher limit, so that guessing accounts from
one place stops there, while the people who share that address (behind the same reverse
proxy) keep signing in to their own accounts: their attempts are checked by account only.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model


def _username(request_or_attempt, credentials) -> str:
    if credentials:
        return (credentials.get(settings.AXES_USERNAME_FORM_FIELD)
                or credentials.get("username") or "")
    attempt_name = getattr(request_or_attempt, "username", None)
    if isinstance(attempt_name, str):
        return attempt_name
    post = getattr(request_or_attempt, "POST", None)
    return post.get(settings.AXES_USERNAME_FORM_FIELD, "") if post is not None else ""


def client_username(request, credentials=None) -> str:
    """The typed address as sign-in reads it (trimmed, case folded), so that "ALICE@..." and
    "alice@..." count as the same account."""
    return _username(request, credentials).strip().lower()


def _is_account(username: str) -> bool:
    username = (username or "").strip()
    return bool(username) and get_user_model().objects.filter(
        email__iexact=username).exists()


def lockout_parameters(request_or_attempt, credentials=None) -> list[str]:
    if _is_account(_username(request_or_attempt, credentials)):
        return ["username"]
    return ["ip_address"]


def failure_limit(request, credentials=None) -> int:
    if _is_account(_username(request, credentials)):
        return settings.LOCKOUT_FAILURES
    return settings.LOCKOUT_ADDRESS_FAILURES
