"""Importing mail from an mbox file, a Maildir, a folder of RFC 822 files or one message.

Steps: open the source (refuse what is not mail), then parse in worker processes and
write in batches. IMAP lives in `imap.py` and shares `write_parsed`.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from django.utils.translation import gettext as _

from ..actions import do_write_mail_rows
from ..models import Direction
from . import mailsources
from .base import Context, Refused

POOL_THRESHOLD = 16 * 1024 * 1024  # below this size, parsing in-process is quicker


def pool_threshold() -> int:
    """Bytes of mail from which a pool of processes parses it: POOL_THRESHOLD, or
    HANDOVER_MAIL_POOL_FROM_MB (a whole number of megabytes, e.g. to see the pool at work)."""
    configured = os.environ.get("HANDOVER_MAIL_POOL_FROM_MB", "").strip()
    if configured.isdigit():
        return int(configured) * 1024 * 1024
    return POOL_THRESHOLD


def to_row(ctx: Context, fields: dict, label: str = "") -> dict:
    sender = fields["sender"]
    matcher = ctx.matcher
    outbound = bool(sender) and matcher.is_own(sender)
    engagement_id, counterpart = matcher.place(
        fields["recipients"] + [sender] if outbound else [sender] + fields["recipients"]
    )
    fields.update(
        engagement_id=engagement_id, counterpart=counterpart, source_id=fields["key"],
        direction=Direction.OUTBOUND if outbound else Direction.INBOUND,
        participants=fields["recipients"][:100],
        import_run_id=ctx.run.pk if ctx.run is not None else None, label=label,
    )
    return fields


def write_parsed(ctx: Context, parsed: list) -> None:
    rows = []
    for label, status, value, _weight in parsed:
        if status == "ok":
            rows.append(to_row(ctx, value, label))
        else:
            ctx.fail(label, value)
    if rows:
        fresh, duplicates = do_write_mail_rows(ctx.workspace, rows)
        ctx.report.imported += len(fresh)
        ctx.report.duplicates += duplicates
        ctx.report.unmatched += sum(1 for r in fresh if r["engagement_id"] is None)
        for r in fresh:
            if r["occurred_at"] is None:
                ctx.undated(r["label"], r["subject"], r["raw_date"])
    ctx.advance(sum(p[3] for p in parsed))


def open_source(ctx: Context) -> None:
    path = Path(ctx.data["path"])
    if not path.exists():
        raise Refused(_("%(path)s does not exist.") % {"path": path})
    if path.is_dir():
        if mailsources.is_maildir(path):
            files = list(mailsources.maildir_paths(path))
        else:
            files = list(mailsources.folder_paths(path))
        ctx.data["items"] = _folder_items(files)
        ctx.data["size"] = 0
        ctx.set_total(len(files))
        return
    try:
        with open(path, "rb") as handle:
            head = handle.read(16384)
    except OSError as err:
        raise Refused(_("%(path)s cannot be read: %(error)s") % {
            "path": path, "error": err.strerror}) from err
    if head.startswith(b"From ") and mailsources.looks_like_mail(head):
        size = path.stat().st_size
        ctx.data["items"] = (("range", str(path), a, b, b - a) for a, b in
                             mailsources.mbox_ranges(path))
        ctx.data["size"] = size
        ctx.set_total(size)
        return
    if mailsources.looks_like_mail(head):
        ctx.data["items"] = iter([("file", str(path), 1)])
        ctx.data["size"] = 0
        ctx.set_total(1)
        return
    raise Refused(_("%(name)s is neither an mbox file nor an e-mail message.") % {
        "name": path.name})


def _folder_items(files):
    """Each file is one message, unless it is an mbox: then each of its messages."""
    for file in files:
        try:
            is_mbox = mailsources.is_mbox(file)
        except OSError:
            is_mbox = False
        if is_mbox:
            ranges = list(mailsources.mbox_ranges(file))
            for i, (a, b) in enumerate(ranges):
                # The last message of the mbox carries the weight of the file.
                yield ("range", str(file), a, b, int(i == len(ranges) - 1))
            if not ranges:
                yield ("file", str(file), 1)
        else:
            yield ("file", str(file), 1)


def parse_and_write(ctx: Context) -> None:
    processes = ctx.data.get("processes")
    if processes is None:
        processes = min(2, os.cpu_count() or 1) if ctx.data["size"] > pool_threshold() else 1
    # Closed on the way out, whatever happens, so that its worker pool stops at once.
    with contextlib.closing(mailsources.parse_all(ctx.data["items"],
                                                  processes=processes)) as parsed_batches:
        for parsed in parsed_batches:
            write_parsed(ctx, parsed)


STEPS = [open_source, parse_and_write]
