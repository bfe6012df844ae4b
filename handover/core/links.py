"""Absolute links for mail and letters: the one place that puts the site's origin in front
of a path.

The origin is `settings.BASE_URL` (HANDOVER_BASE_URL, e.g. https://handover.example.com);
when it is empty, `http://` and `settings.BIND` (HANDOVER_BIND, default 127.0.0.1:8000),
so that a server bound elsewhere never sends links to port 8000. A link shown on a page
may use `request.build_absolute_uri`; a link that leaves by e-mail (or is printed for
someone to open, as `handover demo` does) uses `absolute`.
"""

from __future__ import annotations

from django.conf import settings

from handover.lib.links import DEFAULT_BIND, origin


def base_url() -> str:
    """The origin every link sent by e-mail starts with, without a trailing slash."""
    return origin(getattr(settings, "BASE_URL", ""), getattr(settings, "BIND", DEFAULT_BIND))


def absolute(path: str) -> str:
    """`path` (such as "/w/acme/letters/") behind the site's origin."""
    return base_url() + "/" + path.lstrip("/")

