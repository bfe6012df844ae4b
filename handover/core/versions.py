"""A workspace's data version: raised once per committed transaction that changed its data.

Cached pages (core/pagecache.py) are keyed by it, so a page is never served from before a
change the reader could see. `record()` touches the workspace of every audited write; work
that writes without an audit event (health recomputes, the weekly snapshot) touches it too.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import F

from .models import Workspace


def _raise(workspace_id: int) -> None:
    Workspace.objects.filter(pk=workspace_id).update(version=F("version") + 1)


def touch(workspace_id: int) -> None:
    """Raise the version once the current transaction commits (at once outside one).

    Several writes in one transaction raise it once. Raising after the commit keeps the
    workspace row free of locks during long transactions; a page rendered in between is
    at least as new as the version it is stored under.
    """
    if workspace_id is None:
        return
    pending = connection.run_on_commit if connection.in_atomic_block else ()
    for _sids, func, _robust in pending:
        if getattr(func, "workspace_id", None) == workspace_id:
            return

    def bump():
        _raise(workspace_id)

    bump.workspace_id = workspace_id
    transaction.on_commit(bump)
