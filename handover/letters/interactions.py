"""Filing a sent letter as an outbound interaction, when the health app has Interaction.

That model is built elsewhere: its fields are looked up, never assumed, and a mismatch
leaves the letter sent and simply unfiled.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.db import transaction

log = logging.getLogger(__name__)


def _model():
    if not apps.is_installed("handover.health"):
        return None
    try:
        return apps.get_model("health", "Interaction")
    except LookupError:
        return None


def _choice(field, wanted: tuple[str, ...]) -> str | None:
    values = [str(v) for v, _label in (field.choices or [])]
    return next((w for w in wanted if w in values), None if values else wanted[0])


def record_outbound(letter) -> object | None:
    model = _model()
    if model is None or letter.engagement_id is None:
        return None
    fields = {f.name: f for f in model._meta.get_fields() if getattr(f, "concrete", False)}
    values = {"workspace": letter.workspace, "engagement": letter.engagement}
    if "engagement" not in fields:
        return None
    optional = {
        "client": letter.client, "subject": letter.subject, "summary": letter.subject,
        "body": letter.body, "text": letter.body, "occurred_at": letter.sent_at,
        "happened_at": letter.sent_at, "at": letter.sent_at,
        "source_id": f"letter:{letter.pk}", "external_id": f"letter:{letter.pk}",
    }
    values.update({k: v for k, v in optional.items() if k in fields})
    for name, wanted in (("kind", ("email",)), ("channel", ("email",)),
                         ("direction", ("outbound", "out", "sent"))):
        if name in fields:
            choice = _choice(fields[name], wanted)
            if choice is not None:
                values[name] = choice
    try:
        with transaction.atomic():
            return model.objects.create(**values)
    except Exception:  # noqa: BLE001 - a model we do not own; the letter stays sent
        log.warning("could not file letter %s as an interaction", letter.pk, exc_info=True)
        return None
