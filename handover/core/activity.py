"""The activity log in words: each verb is a whole sentence with named placeholders.

Apps add their sentences in an `activity.py` module holding a SENTENCES dict.
"""

from __future__ import annotations

from functools import cache

from django.utils.translation import gettext_lazy as _

from .apps_registry import modules
from .models import AuditEvent, Role

SENTENCES = {
    "workspace.created": _("%(actor)s created the workspace %(target)s."),
    "member.invited": _("%(actor)s invited %(email)s to join as %(role)s."),
    "member.invitation_revoked": _("%(actor)s withdrew the invitation sent to %(email)s."),
    "member.joined": _("%(actor)s joined the workspace as %(role)s."),
    "member.role_changed": _(
        "%(actor)s changed the role of %(member)s from %(old_role)s to %(new_role)s."
    ),
    "member.removed": _("%(actor)s removed %(member)s from the workspace."),
}

FALLBACK = _("%(actor)s made a change (%(verb)s) to %(target)s.")
SYSTEM = _("Handover")

# Data values shown in the reader's language: {data key: the choices they come from}.
LABELS = {"role": Role, "old_role": Role, "new_role": Role}


KINDS = (
    ("workspace.", _("Workspace")),
    ("member.", _("Members")),
)


@cache
def registry() -> tuple[dict, dict]:
    """Every app's sentences and value labels, collected once."""
    sentences, labels = dict(SENTENCES), dict(LABELS)
    for module in modules("activity", exclude=("handover.core",)):
        sentences.update(getattr(module, "SENTENCES", {}))
        labels.update(getattr(module, "LABELS", {}))
    return sentences, labels


@cache
def kinds() -> tuple:
    """The activity page's filters: ("verb prefix", label), everything first."""
    found = [("", _("Everything")), *KINDS]
    for module in modules("activity", exclude=("handover.core",)):
        found.extend(getattr(module, "KINDS", ()))
    return tuple(found)


def _value(labels: dict, key: str, value):
    choices = labels.get(key)
    if choices is not None and value in choices.values:
        return choices(value).label
    return value


def describe(event: AuditEvent) -> str:
    """The event as one sentence in the active language."""
    sentences, labels = registry()
    params = {key: _value(labels, key, value) for key, value in (event.data or {}).items()
              if isinstance(value, str | int | float)}
    params.setdefault("actor", event.actor_label or str(SYSTEM))
    params.setdefault("target", event.target_label)
    params["verb"] = event.verb
    template = str(sentences.get(event.verb) or FALLBACK)
    try:
        return template % params
    except (KeyError, ValueError, TypeError):
        return str(FALLBACK) % params


def with_sentences(events):
    """The events, each with a `sentence` attribute for templates."""
    events = list(events)
    for event in events:
        event.sentence = describe(event)
    return events
