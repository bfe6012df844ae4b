"""One entry point for every import, used by the commands and the background task."""

from __future__ import annotations

from ..actions import do_ensure_client
from . import calendar, imap, mail, tables
from .base import Context, Matcher, Report, run_steps

STEPS = {
    "mail": mail.STEPS,
    "imap": imap.STEPS,
    "calendar": calendar.STEPS,
    "calls": tables.CALL_STEPS,
    "invoices": tables.INVOICE_STEPS,
}


def is_imap(source: str) -> bool:
    return source.startswith(("imaps://", "imap://"))


def run_import(kind: str, workspace, *, actor, source: str, client_name: str = "",
               password: str = "", mapping: dict | None = None, progress=None, run=None,
               processes: int | None = None, own: set[str] = frozenset(),
               time_zone: str = "") -> Report:
    """Run the importer's steps; raises `Refused` when the whole source is refused."""
    if kind == "mail" and is_imap(source):
        kind = "imap"
    forced = do_ensure_client(workspace, actor=actor, name=client_name) if client_name else None
    ctx = Context(workspace=workspace, actor=actor, source=source,
                  matcher=Matcher(workspace, forced=forced, own=own), progress=progress,
                  run=run)
    ctx.data.update(path=source, url=source, password=password, mapping=mapping or {},
                    time_zone=time_zone)
    if processes is not None:
        ctx.data["processes"] = processes
    return run_steps(ctx, STEPS[kind])
