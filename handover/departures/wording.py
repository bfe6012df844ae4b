"""What a reassignment moves, in words and in the reader's language."""

from __future__ import annotations

from babel.lists import format_list
from django.utils.translation import get_language, ngettext, to_locale
from django.utils.translation import gettext as _


def _locale() -> str:
    return to_locale(get_language() or "en")


def items(moves: dict[str, int]) -> str:
    """"2 open duties, 1 plan step and 3 access accounts"; "" when there are none."""
    parts = []
    if moves.get("duties"):
        parts.append(ngettext("%(count)s open duty", "%(count)s open duties",
                              moves["duties"]) % {"count": moves["duties"]})
    if moves.get("plan_steps"):
        parts.append(ngettext("%(count)s plan step", "%(count)s plan steps",
                              moves["plan_steps"]) % {"count": moves["plan_steps"]})
    if moves.get("accounts"):
        parts.append(ngettext("%(count)s access account", "%(count)s access accounts",
                              moves["accounts"]) % {"count": moves["accounts"]})
    return format_list(parts, locale=_locale()) if parts else ""


def moves(moves: dict[str, int], successor) -> str:
    """The sentence for one row of the reassignment's preview."""
    listed = items(moves)
    if not listed:
        return _("Nothing else moves with this client.")
    return _("%(items)s will move to %(successor)s.") % {
        "items": listed, "successor": successor.display_name}


def kept(count: int, leaver) -> str:
    """The leaver's own accounts at a client: revoked, never handed on."""
    if not count:
        return ""
    return ngettext(
        "%(count)s account that only %(leaver)s can use stays flagged for revocation; it "
        "is not handed on.",
        "%(count)s accounts that only %(leaver)s can use stay flagged for revocation; they "
        "are not handed on.",
        count) % {"count": count, "leaver": leaver.display_name}
