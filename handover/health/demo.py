"""Demo rows: the health story (see `_fill_health`), told with interactions and invoices
added through the interactions app's actions, then recomputed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from handover.clients.actions import do_create_engagement
from handover.clients.models import Engagement
from handover.interactions.actions import do_save_invoice, do_write_interactions
from handover.interactions.models import Interaction
from handover.lib.hours import Window
from handover.lib.hours_check import holiday_name

from .actions.compute import do_compute_health

POLITE = {
    "it": "Buongiorno, le allego i documenti per la pratica del cantiere. Grazie mille.",
    "pl": "Dzień dobry, proszę o przygotowanie zestawienia faktur za ten miesiąc. Dziękuję.",
    "ca": "Bon dia, t'envio l'acta de la reunió del patronat. Gràcies per tot.",
    "nb": "Hei, kan du sende oversikten over bookingene for neste måned når du har tid? Takk!",
    "en": "Hello, please find attached the notes from Monday's meeting. Many thanks.",
}
REWORK = [
    "Això no és el que us vaig demanar. Torneu-ho a fer, si us plau.",
    "No entenc què vols dir amb aquest document, em pots aclarir què has canviat?",
    "Això no és el que vaig demanar, cal refer-ho.",
]
INSULT = "Ty idiotko, znowu wszystko zepsułaś! Jesteś skończoną idiotką."
RUSH = [
    "Mi servono le tavole entro domani mattina, grazie.",
    "Può mandarmi il computo aggiornato entro stasera? È urgente.",
    "Il preventivo deve essere pronto entro domani mattina.",
    "Rifaccia le slide entro stasera, subito per favore.",
]
SITE_NOTE = "Buonasera, le giro il verbale del sopralluogo. Grazie."


def _start() -> date:
    first = timezone.localdate().replace(day=1)
    return (first - timedelta(days=80)).replace(day=1)


def _at(day: date, hour: int, minute: int, zone: str) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone))


def _weekday(day: date, n: int, engagement) -> date:
    """The n-th working day (Monday to Friday, not a public holiday where the engagement
    works) from `day`, so that the story reads the same whatever month the demo is loaded."""

    def working(d: date) -> bool:
        return d.weekday() < 5 and not holiday_name(
            d, engagement.holiday_country, engagement.holiday_subdivision)

    while n or not working(day):
        if working(day):
            n -= 1
        day += timedelta(days=1)
    return day


def _mail(engagement, n, when, body, **extra) -> Interaction:
    return Interaction(workspace=engagement.workspace, engagement=engagement, channel="email",
                       direction="inbound", occurred_at=when, subject=body[:60], body=body,
                       sender=f"client{n}@demo.example", source="demo",
                       source_id=f"{engagement.pk}:{n}", **extra)


def _invoices(engagement, actor, prefix, late_days: list[int | None], start: date):
    for i, late in enumerate(late_days):
        issued = start + timedelta(days=30 * i)
        due = issued + timedelta(days=engagement.payment_terms_days)
        paid = None if late is None else due + timedelta(days=late)
        if paid is not None and paid > timezone.localdate():
            paid = None
        do_save_invoice(engagement.workspace, actor=actor, engagement=engagement,
                        number=f"{prefix}-{i + 1:03d}", issued=issued, due=due, paid_on=paid,
                        amount=Decimal("1200.00") + 100 * i, currency=engagement.currency)


def _site_office(workspace, actor, bellini) -> Engagement:
    """A second engagement of Bellini's: the office of a building site, on its own terms."""
    hours = {d: [Window(time(9), time(17, 30))] for d in range(5)}
    return do_create_engagement(
        workspace, actor=actor, client=bellini.client, account_manager=actor,
        title="Segreteria del cantiere di via Tortona", start_date=date(2025, 6, 2),
        notice_days=15, time_zone="Europe/Rome", holiday_country="IT",
        holiday_subdivision="MI", lead_time_hours=48, payment_terms_days=30,
        hourly_rate=Decimal("34.00"), support_rate=Decimal("45.00"), currency="EUR",
        working_hours=hours)


def _fill_health(workspace, actor) -> None:
    """Every recommendation appears once: Bellini pays late (renegotiate), Kowalczyk insults
    (end at once), Mar Blava keeps asking for rework (summary conversation), Fjordlys is fine
    (carry on), and a building site's office of Bellini's writes at night, at the last minute
    and pays late (give notice)."""
    engagements = {}
    for e in Engagement.objects.filter(workspace=workspace).select_related("client") \
            .order_by("pk"):
        engagements.setdefault(e.client.language, e)
    start = _start()
    rows = []
    for lang in ("it", "pl", "ca", "nb"):
        engagement = engagements.get(lang)
        if engagement is None:
            continue
        zone = engagement.time_zone
        for i in range(6):
            day = _weekday(start, 7 * i + 1, engagement)
            rows.append(_mail(engagement, i, _at(day, 10, 15, zone), POLITE[lang]))
        if lang == "pl":
            day = _weekday(start, 30, engagement)
            rows.append(_mail(engagement, 50, _at(day, 11, 5, zone), INSULT))
        if lang == "ca":
            for i, text in enumerate(REWORK):
                day = _weekday(start, 10 * i + 3, engagement)
                rows.append(_mail(engagement, 60 + i, _at(day, 12, 30, zone), text))
            moved = _at(_weekday(start, 20, engagement), 9, 0, zone)
            rows.append(Interaction(
                workspace=workspace, engagement=engagement, channel="schedule_change",
                direction="inbound", occurred_at=moved - timedelta(hours=3),
                subject="Reunió del patronat", old_time=moved,
                new_time=moved + timedelta(days=2), source="demo",
                source_id=f"{engagement.pk}:move"))
    if "it" not in engagements:
        do_write_interactions(workspace, rows)
        do_compute_health(workspace)
        return
    site = _site_office(workspace, actor, engagements["it"])
    zone = site.time_zone
    for i in range(6):
        day = _weekday(start, 5 * i + 2, site)
        rows.append(_mail(site, i, _at(day, 11, 0, zone), POLITE["it"]))
        evening = _at(day, 22, 10, zone) if i % 2 else _at(day + timedelta(
            days=5 - day.weekday()), 9, 30, zone)
        rows.append(_mail(site, 10 + i, evening, SITE_NOTE))
    for i, text in enumerate(RUSH):
        rows.append(_mail(site, 20 + i, _at(_weekday(start, 6 * i + 4, site), 16, 45, zone), text))
    call = _at(_weekday(start, 12, site), 21, 0, zone)
    rows.append(Interaction(workspace=workspace, engagement=site, channel="call",
                            direction="inbound", occurred_at=call,
                            duration=timedelta(minutes=55), subject="Telefonata", source="demo",
                            source_id=f"{site.pk}:call"))
    do_write_interactions(workspace, rows)
    invoice_start = start - timedelta(days=60)
    if "it" in engagements:
        _invoices(engagements["it"], actor, "BEL", [22, 25, 31, 0], invoice_start)
    if "nb" in engagements:
        _invoices(engagements["nb"], actor, "FJL", [0, 0, 1, 0], invoice_start)
    if "pl" in engagements:
        _invoices(engagements["pl"], actor, "KOW", [0, 2, 0], invoice_start)
    _invoices(site, actor, "TOR", [28, 35, 19, None], invoice_start)
    do_compute_health(workspace)


def fill(workspace, actor) -> None:
    """After the interactions app's demo rows (INSTALLED_APPS order)."""
    _fill_health(workspace, actor)
