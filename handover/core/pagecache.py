"""Rendered pages kept per reader until the workspace changes.

The heavy read pages (dashboard, members, health) are the same for a reader until something
in the workspace changes, so `@cached_page` (under `workspace_view`, after the access checks)
keeps the rendered HTML under a key made of everything the page depends on:

- the URL (path and query) and whether htmx asked for it;
- the reader: user, membership and role, display name, active language;
- the workspace's data version (core/versions.py), raised after every committed write;
- the reader's session generation, raised by every unsafe request of that session
  (`PageGenerationMiddleware`), so a reader's own change shows at once even where it
  writes nothing the version follows;
- today's date, for pages that show what is due.

A page is never kept while the session holds flash messages, nor when the view set cookies
or answered anything but 200. Entries also expire after `HANDOVER_PAGE_CACHE_SECONDS`
(default 60), a bound for what changes outside the workspace (another workspace joined).
The CSRF token differs per browser: pages are rendered with a placeholder in its place (the
`csrf_placeholder` context processor) and the reader's own token is put in when the page is
served.

The cache is the `pages` alias (local memory by default: every process keeps its own,
which stays correct because a stale entry is never asked for under the new key).
`HANDOVER_PAGE_CACHE=0` turns it off.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache, wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

GENERATION = "_page_generation"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


@lru_cache(maxsize=4)
def _placeholder_for(secret: str) -> str:
    digest = hmac.new(secret.encode(), b"csrf-placeholder", "sha256").hexdigest()
    return f"csrfslot{digest[:56]}"


def _placeholder() -> str:
    """Stands for the CSRF token in a kept page; nobody can guess it to plant it."""
    return _placeholder_for(settings.SECRET_KEY)


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE", True)


def csrf_placeholder(request) -> dict:
    """Context processor (after Django's own): a page being kept renders the placeholder
    where the CSRF token goes."""
    if getattr(request, "_page_cache_render", False):
        return {"csrf_token": _placeholder()}
    return {}


def page_key(request) -> str:
    user = request.user
    membership = request.membership
    workspace = request.workspace
    parts = (
        request.resolver_match.view_name if request.resolver_match else "",
        request.get_full_path(),
        bool(getattr(request, "htmx", False)),
        user.pk, user.display_name, translation.get_language(),
        membership.pk, membership.role,
        workspace.pk, workspace.version,
        request.session.get(GENERATION, 0),
        timezone.localdate().isoformat(),
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(messages.get_messages(request)) > 0


def _with_token(request, body: bytes) -> bytes:
    """The page with the reader's own CSRF token where the placeholder stands."""
    placeholder = _placeholder().encode()
    if placeholder not in body:
        return body
    return body.replace(placeholder, get_token(request).encode())


def cached_page(view):
    """Serve the view's page from the cache when nothing it shows has changed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not enabled() or request.method not in ("GET", "HEAD") or _has_messages(request):
            return view(request, *args, **kwargs)
        cache = caches["pages"]
        key = page_key(request)
        hit = cache.get(key)
        if hit is not None:
            body, content_type = hit
            return HttpResponse(_with_token(request, body), content_type=content_type)
        request._page_cache_render = True
        try:
            response = view(request, *args, **kwargs)
        finally:
            request._page_cache_render = False
        if (response.status_code == 200 and not response.streaming and not response.cookies
                and response.get("Content-Type", "").startswith("text/html")):
            cache.set(key, (response.content, response["Content-Type"]))
        if not response.streaming:
            response.content = _with_token(request, response.content)
        return response

    return wrapper


class PageGenerationMiddleware:
    """Every unsafe request of a signed-in session starts a new generation of its pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS and request.user.is_authenticated:
            request.session[GENERATION] = request.session.get(GENERATION, 0) + 1
        return self.get_response(request)
