"""Shared bits of the files commands: progress bars and the workspace option."""

from __future__ import annotations

import contextlib
import json
import sys

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


@contextlib.contextmanager
def progress_bar(label: str, enabled: bool):
    """Yield a callback (done, total); draws a rich bar on stderr when enabled."""
    if not enabled:
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                  TimeRemainingColumn(), console=Console(file=sys.stderr),
                  transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total or None)


def workspace_and_owner(slug: str):
    from handover.core.models import Membership, Role, Workspace

    workspace = Workspace.objects.filter(slug=slug).first()
    if workspace is None:
        raise CommandError(_("There is no workspace %(slug)s.") % {"slug": slug})
    owner = Membership.objects.filter(workspace=workspace, role=Role.OWNER,
                                      is_active=True).select_related("user").first()
    return workspace, owner.user if owner else None


def dump(command, data) -> None:
    command.stdout.write(json.dumps(data, indent=1, ensure_ascii=False, default=str))
