"""What health does when an import finishes successfully (called by the interactions app's
`do_finish_import` once the import commits, found by convention through
`core.apps_registry`): new evidence, so the workspace's health is recomputed in the
background, whether the import ran from the web, the API or a command."""

from __future__ import annotations

from .tasks import compute_health


def after_import(workspace_id: int) -> None:
    compute_health.enqueue(workspace_id)
