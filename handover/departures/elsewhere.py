"""The leaver's open duties, plan steps and accesses, in apps built alongside this one.

Those models are looked up when installed and their fields inspected, never assumed: a
model that does not look as expected is left alone (and the count says 0).
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

# (app label, model name): rows that can be handed to the successor.
OPEN_ITEMS = (("duties", "Duty"), ("offboarding", "Step"), ("offboarding", "PlanStep"))
PERSON_FIELDS = ("assignee", "owner", "assigned_to", "responsible", "user")
DONE_FIELDS = ("done_at", "completed_at", "closed_at")


def _model(label: str, name: str):
    if not apps.is_installed(f"handover.{label}"):
        return None
    try:
        return apps.get_model(label, name)
    except LookupError:
        return None


def _user_field(model) -> str | None:
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    for name in PERSON_FIELDS:
        field = next((f for f in model._meta.get_fields() if f.name == name), None)
        if isinstance(field, models.ForeignKey) and field.related_model is user_model:
            return name
    return None


def _rows(model, engagement, leaver):
    person = _user_field(model)
    names = {f.name for f in model._meta.get_fields()}
    if person is None or "workspace" not in names:
        return None, None
    rows = model.objects.filter(workspace=engagement.workspace, **{person: leaver})
    if "engagement" in names:
        rows = rows.filter(engagement=engagement)
    elif "plan" in names and "engagement" in {
            f.name for f in model._meta.get_field("plan").related_model._meta.get_fields()}:
        rows = rows.filter(plan__engagement=engagement)
    else:
        return None, None
    for done in DONE_FIELDS:
        if done in names:
            rows = rows.filter(**{f"{done}__isnull": True})
    return rows, person


def open_items(engagement, leaver) -> dict[str, int]:
    counts = {}
    for label, name in OPEN_ITEMS:
        model = _model(label, name)
        if model is None:
            continue
        rows, _person = _rows(model, engagement, leaver)
        if rows is not None:
            counts[f"{label}.{name}"] = rows.count()
    return counts


def move_open_items(engagement, leaver, successor) -> dict[str, int]:
    moved = {}
    for label, name in OPEN_ITEMS:
        model = _model(label, name)
        if model is None:
            continue
        rows, person = _rows(model, engagement, leaver)
        if rows is not None:
            moved[f"{label}.{name}"] = rows.update(**{person: successor})
    return moved


def flag_accesses(departure) -> int:
    """Mark the leaver's accounts in client systems for revocation, where a field allows."""
    model = _model("offboarding", "Access")
    if model is None:
        return 0
    person = _user_field(model)
    names = {f.name for f in model._meta.get_fields()}
    if person is None:
        return 0
    for flag in ("needs_revocation", "flagged", "revoke"):
        if flag in names:
            return model.objects.filter(workspace=departure.workspace,
                                        **{person: departure.leaver}).update(**{flag: True})
    return 0
