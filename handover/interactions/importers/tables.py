"""Importing a call log and a list of invoices from CSV files, with a column mapping."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import dateparser
from django.conf import settings
from django.utils.translation import gettext as _

from handover.clients.models import Client

from ..actions import do_import_invoices, do_write_interactions
from ..models import Channel, Direction, Interaction
from .base import Context, Refused
from .dates import raw_text, usable, usable_day
from .mapping import parse_mapping  # noqa: F401 - re-exported

CALL_COLUMNS = {
    "date": ("date", "datetime", "start", "started", "time", "call date", "data", "datum"),
    "number": ("number", "phone", "phone number", "caller", "numero", "telefon", "nummer"),
    "duration": ("duration", "length", "seconds", "durata", "czas"),
    "direction": ("direction", "type", "call type", "tipo", "typ"),
    "name": ("name", "contact", "contact name", "nome"),
    "notes": ("notes", "note", "subject", "description"),
}
INVOICE_COLUMNS = {
    "number": ("number", "invoice", "invoice number", "no", "numero", "nr"),
    "client": ("client", "customer", "cliente", "klient"),
    "issued": ("issued", "date", "issue date", "invoice date"),
    "due": ("due", "due date", "scadenza"),
    "paid_on": ("paid", "paid on", "payment date", "pagata"),
    "amount": ("amount", "total", "importo", "kwota"),
    "currency": ("currency", "valuta", "waluta"),
}


def read_table(path: Path, wanted: dict, mapping: dict[str, str]):
    if not path.is_file():
        raise Refused(_("%(path)s does not exist.") % {"path": path})
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise Refused(_("%(name)s is not a CSV file.") % {"name": path.name})
    text = raw.decode("utf-8-sig", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    headers = {h.strip().lower(): h for h in (reader.fieldnames or []) if h}
    columns = {}
    for field, names in wanted.items():
        if field in mapping:
            if mapping[field].strip().lower() not in headers:
                raise Refused(_("The file has no column %(column)s.") % {
                    "column": mapping[field]})
            columns[field] = headers[mapping[field].strip().lower()]
            continue
        for name in names:
            if name in headers:
                columns[field] = headers[name]
                break
    return reader, columns


UNKNOWN = object()  # a date that was read but cannot be used (see dates.py)


def _date(value: str, tz: str):
    """The cell's moment (aware, within 1970-2100), None for an empty or unreadable cell,
    or UNKNOWN for a date that is readable but unusable (year 0001, year 9999...)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = dateparser.parse(value, settings={
            "TIMEZONE": tz, "RETURN_AS_TIMEZONE_AWARE": True, "PREFER_DAY_OF_MONTH": "first",
            "DATE_ORDER": "YMD" if re.match(r"\d{4}-", value) else "DMY"})
    except (OverflowError, ValueError, ArithmeticError):
        return UNKNOWN
    if parsed is None:
        return None
    return parsed if usable(parsed) is not None else UNKNOWN  # in its own zone: its day


def _duration(value: str) -> timedelta | None:
    value = (value or "").strip()
    if not value:
        return None
    if ":" in value:
        parts = [int(p) for p in value.split(":")]
        seconds = 0
        for p in parts:
            seconds = seconds * 60 + p
        return timedelta(seconds=seconds)
    return timedelta(seconds=float(value.replace(",", ".")))


def _amount(value: str) -> Decimal:
    value = re.sub(r"[^\d,.\-]", "", value or "")
    if "," in value and "." in value:
        value = value.replace(".", "").replace(",", ".") if value.rfind(",") > value.rfind(".") \
            else value.replace(",", "")
    elif "," in value:
        value = value.replace(",", ".")
    return Decimal(value)


def import_calls(ctx: Context) -> None:
    path = Path(ctx.data["path"])
    reader, columns = read_table(path, CALL_COLUMNS, ctx.data.get("mapping", {}))
    if "date" not in columns or "number" not in columns:
        raise Refused(_("The call log needs a date and a number column; map them with "
                        "--map date=Column,number=Column."))
    tz = ctx.data.get("time_zone") or settings.TIME_ZONE
    rows = []
    for line, record in enumerate(reader, start=2):
        label = f"{path.name}:{line}"
        try:
            written = record.get(columns["date"])
            when = _date(written, tz)
            if when is None:
                raise ValueError(_("The date cannot be read."))
            duration = _duration(record.get(columns.get("duration", ""), ""))
        except (ValueError, TypeError) as err:
            ctx.fail(label, str(err) if isinstance(err, ValueError) and str(err)
                     else _("The row cannot be read."))
            continue
        number = (record.get(columns["number"]) or "").strip()
        kind = (record.get(columns.get("direction", ""), "") or "").lower()
        digest = hashlib.sha1(repr(sorted(record.items())).encode(),
                              usedforsecurity=False).hexdigest()[:16]
        rows.append(Interaction(
            workspace=ctx.workspace, engagement_id=ctx.matcher.for_phone(number),
            channel=Channel.CALL,
            direction=Direction.OUTBOUND if kind.startswith(("out", "usc", "wych"))
            else Direction.INBOUND,
            occurred_at=None if when is UNKNOWN else when, duration=duration,
            raw_date=raw_text(written) if when is UNKNOWN else "",
            subject=(record.get(columns.get("name", ""), "") or number)[:500],
            body=(record.get(columns.get("notes", ""), "") or "")[:10000],
            participants=[number], counterpart=number[:320], source="calls",
            source_id=f"{path.name}:{line}:{digest}"[:300], import_run=ctx.run))
    ctx.set_total(len(rows))
    fresh, duplicates = do_write_interactions(ctx.workspace, rows)
    ctx.report.imported += len(fresh)
    ctx.report.duplicates += duplicates
    ctx.report.unmatched += sum(1 for r in fresh if r.engagement_id is None)
    for row in fresh:
        if row.occurred_at is None:
            ctx.undated(row.source_id.rsplit(":", 1)[0], row.subject, row.raw_date)
    ctx.advance(len(rows))


def import_invoices(ctx: Context) -> None:
    path = Path(ctx.data["path"])
    reader, columns = read_table(path, INVOICE_COLUMNS, ctx.data.get("mapping", {}))
    missing = [f for f in ("number", "issued", "amount") if f not in columns]
    if missing:
        raise Refused(_("The invoice list needs the columns number, issued and amount; map "
                        "them with --map number=Column,issued=Column,amount=Column."))
    forced = ctx.matcher.forced
    clients = {c.name.lower(): c for c in Client.objects.filter(workspace=ctx.workspace)}
    rows = []
    for line, record in enumerate(reader, start=2):
        label = f"{path.name}:{line}"
        engagement_id = forced
        if engagement_id is None:
            client = clients.get((record.get(columns.get("client", ""), "") or "").strip()
                                 .lower())
            engagement_id = ctx.matcher.engagements.get(client.pk) if client else None
        if engagement_id is None:
            ctx.report.unmatched += 1
            ctx.report.failures.append({"item": label, "reason": _(
                "No engagement of a known client matches this invoice.")})
            continue
        try:
            issued = _date(record.get(columns["issued"]), settings.TIME_ZONE)
            due = _date(record.get(columns.get("due", ""), ""), settings.TIME_ZONE)
            paid = _date(record.get(columns.get("paid_on", ""), ""), settings.TIME_ZONE)
            amount = _amount(record.get(columns["amount"]))
            if issued is None:
                raise ValueError
        except (ValueError, InvalidOperation, TypeError):
            ctx.fail(label, _("The dates or the amount of this invoice cannot be read."))
            continue
        if UNKNOWN in (issued, due, paid):
            # An invoice is only worth its dates: one outside 1970-2100 is not stored.
            ctx.fail(label, _("A date of this invoice is outside the years 1970 to 2100."))
            continue
        issued, due, paid = (usable_day(d) if d is not None else None
                             for d in (issued, due, paid))
        rows.append(dict(
            engagement_id=engagement_id,
            number=(record.get(columns["number"]) or "").strip()[:60],
            issued=issued, due=due or issued, paid_on=paid, amount=amount,
            currency=((record.get(columns.get("currency", ""), "") or "").strip().upper()
                      or ctx.workspace.currency)[:3]))
    ctx.set_total(len(rows))
    imported, duplicates = do_import_invoices(ctx.workspace, actor=ctx.actor, rows=rows)
    ctx.report.imported += imported
    ctx.report.duplicates += duplicates
    ctx.advance(len(rows))


CALL_STEPS = [import_calls]
INVOICE_STEPS = [import_invoices]
