"""The origin (scheme, host and port) that links sent by e-mail start with.

Django-free, so that the settings can resolve it once at start-up and `core.links` again
at call time (tests change the settings). Every link itself is built by
`handover.core.links.absolute`.
"""

from __future__ import annotations

DEFAULT_BIND = "127.0.0.1:8000"


def origin(base_url: str, bind: str) -> str:
    """`base_url` (HANDOVER_BASE_URL) without its trailing slash when given; otherwise
    `http://` and the address the server binds (HANDOVER_BIND). A bind that is no TCP
    address (gunicorn's `unix:PATH` or `fd://N`) gives the default bind's origin."""
    given = (base_url or "").strip().rstrip("/")
    if given:
        return given
    bind = (bind or "").strip() or DEFAULT_BIND
    if bind.startswith(("unix:", "fd://")):
        bind = DEFAULT_BIND
    host, _sep, port = bind.rpartition(":")
    if host in ("0.0.0.0", "[::]", "::", ""):  # noqa: S104 - every interface: no address
        bind = f"127.0.0.1:{port}"  # a reader could open; HANDOVER_BASE_URL should be set
    return f"http://{bind}"
