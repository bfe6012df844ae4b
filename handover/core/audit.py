"""Writing the audit log. Every action calls `record` inside its own transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEvent, Workspace
from .versions import touch


def record(
    workspace: Workspace,
    actor,
    verb: str,
    target: models.Model | None = None,
    **data: Any,
) -> AuditEvent:
    """Append one event. `verb` is namespaced (`engagement.created`); `data` must be JSON."""
    actor_obj = actor if getattr(actor, "pk", None) else None
    touch(workspace.pk)
    return AuditEvent.objects.create(
        workspace=workspace,
        actor=actor_obj,
        actor_label=(actor_obj.display_name if actor_obj else ""),
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        data=data,
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value differs, as {field: [old, new]} with JSON-safe values."""
    return {
        key: [_jsonable(before.get(key)), _jsonable(value)]
        for key, value in after.items()
        if before.get(key) != value
    }


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, models.Model):
        return str(value)
    return str(value)
