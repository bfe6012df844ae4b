"""The plan as iCalendar: every step on its day, and the handover call's invitation."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from .models import Plan, StepState


def _calendar(name: str, method: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Handover//Offboarding//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    if method:
        cal.add("method", method)
    return cal


def plan_ics(plan: Plan) -> bytes:
    engagement = plan.engagement
    language = plan.created_by.language if plan.created_by else engagement.client.language
    with translation.override(language):
        name = _("Offboarding: %(engagement)s") % {"engagement": engagement}
    cal = _calendar(name)
    stamp = timezone.now()
    for step in plan.steps.all():
        event = Event()
        event.add("uid", f"plan-step-{step.pk}@handover")
        event.add("dtstamp", stamp)
        event.add("summary", step.title)
        event.add("dtstart", step.due_date)
        event.add("dtend", step.due_date + timedelta(days=1))
        event.add("status",
                  "CANCELLED" if step.state == StepState.SKIPPED else "CONFIRMED")
        if step.state != StepState.OPEN:
            event.add("categories", [step.state])
        if step.note:
            event.add("description", step.note)
        cal.add_component(event)
    if plan.call_at:
        cal.add_component(_call_event(plan, stamp))
    return cal.to_ical()


def _call_event(plan: Plan, stamp, summary: str = "") -> Event:
    if not summary:
        with translation.override(plan.engagement.client.language):
            summary = _("Handover call: %(engagement)s") % {"engagement": plan.engagement.title}
    event = Event()
    event.add("uid", f"plan-call-{plan.pk}@handover")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", plan.call_at)
    event.add("dtend", plan.call_at + timedelta(minutes=plan.call_minutes))
    return event


def invitation_ics(plan: Plan, *, agenda: list[str], organiser, summary: str = "") -> bytes:
    """The call as an invitation; `summary`: the event's title (the letter's subject)."""
    cal = _calendar(plan.engagement.title, method="REQUEST")
    event = _call_event(plan, timezone.now(), summary)
    event.add("description", "\n".join(f"- {item}" for item in agenda))
    if organiser is not None and getattr(organiser, "email", ""):
        who = vCalAddress(f"mailto:{organiser.email}")
        who.params["cn"] = vText(organiser.display_name)
        event.add("organizer", who)
    guest = vCalAddress(f"mailto:{plan.successor_email}")
    guest.params["cn"] = vText(plan.successor_name or plan.successor_email)
    guest.params["role"] = vText("REQ-PARTICIPANT")
    guest.params["rsvp"] = vText("TRUE")
    event.add("attendee", guest)
    event.add("sequence", 0)
    cal.add_component(event)
    return cal.to_ical()
