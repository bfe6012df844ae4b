"""Demo duties: procedures with history, logged time, a review, a proposal and a report."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from handover.clients.models import Engagement
from handover.core.demo import collaborator

from .actions import duties as duty_actions
from .actions import reports as report_actions
from .actions import reviews as review_actions
from .actions import time as time_actions

INVOICES = """# Monthly invoices

1. Export the hours of the month from the time sheet.
2. Prepare the invoices in the accounting program.
3. Send them to the administration office for approval.
"""

INVOICES_V2 = INVOICES.replace(
    "3. Send them to the administration office for approval.",
    "3. Send them to Marco Ferri for approval.\n4. File the approved PDFs in *Fatture/AAAA-MM*.")

CALENDAR = """# Weekly calendar check

- Confirm next week's site visits with each client.
- Move clashes and tell the people involved.
"""

INBOX = """# Inbox triage

- Sort new mail into *Orders*, *Complaints* and *Other* every morning.
- Answer order confirmations with the standard reply.
"""

def _entries(duty, person, start: date, minutes: list[int], every: int = 7):
    zone = ZoneInfo(duty.engagement.time_zone)
    for i, length in enumerate(minutes):
        day = start + timedelta(days=i * every)
        begin = datetime.combine(day, time(9, 30), tzinfo=zone)
        time_actions.do_log_time(duty, actor=person, date=day, started_at=begin,
                                 ended_at=begin + timedelta(minutes=length), occurrences=1,
                                 note="")


def fill(workspace, actor) -> None:
    engagements = list(Engagement.objects.filter(workspace=workspace).order_by("pk"))
    if len(engagements) < 2:
        return
    bellini, kowalczyk = engagements[0], engagements[1]
    chiara = collaborator(workspace, actor)  # signs in with the demo password
    today = timezone.localdate()
    invoices = duty_actions.do_create_duty(
        bellini, actor=actor, title="Fatturazione mensile", assignee=actor, status="active",
        started_on=today - timedelta(days=300), frequency="monthly", client_minutes=150,
        agreed_minutes=90, procedure=INVOICES, reason="Richiesta dal titolare.")
    duty_actions.do_revise_procedure(invoices, actor=actor, body=INVOICES_V2,
                                     change_note="Approval now goes to the office manager.")
    _entries(invoices, actor, today - timedelta(days=250),
             [125, 118, 110, 104, 98, 96, 95, 92], every=30)
    review_actions.do_record_review(invoices, actor=actor, decision="renegotiate",
                                    notes="Takes longer than the 90 minutes agreed.",
                                    next_review_on=today + timedelta(days=90),
                                    terms={"agreed_minutes": 100})
    calendar = duty_actions.do_create_duty(
        bellini, actor=actor, title="Controllo agenda settimanale", assignee=actor,
        status="trial", started_on=today - timedelta(days=40),
        trial_review_on=today - timedelta(days=5), frequency="weekly", client_minutes=45,
        agreed_minutes=30, procedure=CALENDAR, reason="Nuova attività in prova.")
    _entries(calendar, actor, today - timedelta(days=35), [42, 38, 35, 31, 30])
    inbox = duty_actions.do_create_duty(
        kowalczyk, actor=actor, title="Porządkowanie skrzynki", assignee=chiara,
        status="active", started_on=today - timedelta(days=200),
        next_review_on=today + timedelta(days=60),
        frequency="daily", client_minutes=25, agreed_minutes=20, procedure=INBOX,
        reason="Chiara przejmuje skrzynkę.")
    _entries(inbox, chiara, today - timedelta(days=20), [22, 19, 21, 18, 17, 20], every=3)
    duty_actions.do_propose_revision(
        inbox, actor=chiara, body=INBOX + "- Flag invoices for the accounting folder.\n",
        note="Invoices arrive in the inbox too.")
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    report_actions.do_request_reports(workspace, actor=actor, month=last_month,
                                    due_on=today + timedelta(days=5))
