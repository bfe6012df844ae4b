"""Demo rows: a finished import with a few interactions and an invoice paid on time per
engagement (health adds its story afterwards, in its own demo.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from handover.clients.models import Engagement

from .actions import do_create_import, do_finish_import, do_save_invoice, do_write_interactions
from .models import Channel, Direction, Interaction


def fill(workspace, actor) -> None:
    run = do_create_import(workspace, actor=actor, kind="mail", label="demo.mbox")
    rows = []
    engagements = list(Engagement.objects.filter(workspace=workspace).select_related("client")
                       .prefetch_related("client__contacts"))
    for n, engagement in enumerate(engagements):
        contact = engagement.client.contacts.all()[0]
        start = datetime(2026, 2, 2, 9, tzinfo=UTC) + timedelta(days=n)
        rows += [
            Interaction(workspace=workspace, engagement=engagement, channel=Channel.EMAIL,
                        direction=Direction.INBOUND, occurred_at=start,
                        subject="Agenda for next week", sender=contact.email,
                        participants=[actor.email], counterpart=contact.email,
                        body="Could you confirm the meetings for next week?",
                        source="mail", source_id=f"demo-{workspace.pk}-{n}-1@handover.example",
                        import_run=run),
            Interaction(workspace=workspace, engagement=engagement, channel=Channel.CALL,
                        direction=Direction.OUTBOUND, occurred_at=start + timedelta(hours=3),
                        duration=timedelta(minutes=12), subject=contact.name,
                        participants=[contact.phone], counterpart=contact.phone,
                        source="calls", source_id=f"demo-{n}-call", import_run=run),
        ]
        do_save_invoice(workspace, actor=actor, engagement=engagement,
                        number=f"2026-{n + 1:03d}", issued=date(2026, 1, 31),
                        due=date(2026, 1, 31) + timedelta(days=engagement.payment_terms_days),
                        paid_on=date(2026, 1, 31)
                        + timedelta(days=engagement.payment_terms_days - 2),
                        amount=Decimal("1200.00"), currency=engagement.currency)
    fresh, _duplicates = do_write_interactions(workspace, rows)
    do_finish_import(run, report={"imported": len(fresh), "duplicates": 0, "unmatched": 0,
                                  "failed": 0, "failures": []})
