"""Offboarding plans: notice, steps, evidence, templates, feed, recap, call, revocation."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from icalendar import Calendar

from handover.clients.models import EngagementStatus
from handover.core.models import AuditEvent, OutboundEmail
from handover.offboarding.actions import plans as actions
from handover.offboarding.models import (
    AccessAccount,
    AccountState,
    Plan,
    PlanStep,
    PlanTemplate,
    StepState,
)
from handover.offboarding.notice import WorkCalendar, compute, due_date

from .conftest import first_engagement, signed_in


def bellini(workspace):
    return first_engagement(workspace=workspace, client__name__startswith="Studio Bellini")


def template(workspace, scenario="we_end"):
    return PlanTemplate.objects.filter(workspace=workspace, scenario=scenario).first()


def dated(step, planned: date) -> bool:
    """A step is due on its planned day, or on the day its plan started (today here) when
    that day had already passed, remembering it as the day it should have been done by."""
    today = timezone.localdate()
    return ((step.due_date, step.planned_date) == (planned, None) if planned >= today
            else (step.due_date, step.planned_date) == (today, planned))


def test_it_counts_the_notice_from_the_next_working_day_with_regional_holidays():
    milan = WorkCalendar("IT", "MI")
    notice = compute(date(2026, 11, 28), 30, milan)  # a Saturday
    assert notice.received == date(2026, 11, 30)
    assert notice.earliest_last_day == notice.proposed_last_day == date(2026, 12, 30)
    assert [d for d, _name in notice.holidays] == [date(2026, 12, 7), date(2026, 12, 8),
                                                   date(2026, 12, 25)]
    assert [code for code, _v in notice.warnings] == ["given_on_day_off", "holidays"]
    rome = compute(date(2026, 11, 28), 30, WorkCalendar("IT", ""))
    assert date(2026, 12, 7) not in [d for d, _name in rome.holidays]
    assert rome.working_days == notice.working_days + 1
    # Ending too early is flagged; the handover window shrinks.
    early = compute(date(2026, 11, 28), 30, milan, last_day=date(2026, 12, 11))
    assert early.too_early and ("shorter_than_agreed", {
        "days": 19, "earliest": date(2026, 12, 30)}) in early.warnings
    # A notice period ending on a holiday moves the proposed day to the next working day.
    assert compute(date(2026, 11, 24), 31, milan).proposed_last_day == date(2026, 12, 28)
    assert due_date(date(2026, 11, 28), -14, milan) == date(2026, 11, 13)
    assert due_date(date(2026, 12, 30), 3, milan) == date(2027, 1, 4)


def test_it_previews_the_dates_then_starts_a_plan_with_every_step_dated(alice, demo_workspace_a):
    client = signed_in(alice)
    engagement = bellini(demo_workspace_a)
    url = f"/w/{demo_workspace_a.slug}/offboarding/new/"
    data = {"engagement": engagement.pk, "template": template(demo_workspace_a).pk,
            "notice_date": "2026-11-28", "last_day": "", "override_reason": ""}
    preview = client.post(url, {**data, "preview": "1"})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "December 30, 2026" in page and "Saint Ambrose" in page
    assert "The notice is given on a day off" in page
    assert len(preview.context["comparison"]) == 3
    assert not Plan.objects.filter(engagement=engagement).exists()

    response = client.post(url, {**data, "start": "1"})
    plan = Plan.objects.get(engagement=engagement)
    assert response.status_code == 302 and response.url.endswith(f"/offboarding/{plan.pk}/")
    assert plan.last_day == date(2026, 12, 30) and plan.override_reason == ""
    steps = {s.title: s for s in plan.steps.all()}
    assert len(steps) == template(demo_workspace_a).steps.count()
    assert dated(steps["Send the written notice"], date(2026, 11, 28) - timedelta(days=1))
    assert dated(steps["Ask the client to revoke my access"], date(2026, 12, 29))
    assert dated(steps["Delete the stored credentials from my vault"], date(2027, 1, 4))
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ENDING
    assert engagement.end_date == date(2026, 12, 30)
    detail = client.get(response.url).content.decode()
    assert "Put the shared folders in order" in detail and "December 30, 2026" in detail


def test_it_accepts_an_early_last_day_only_with_a_reason_in_the_audit_log(alice, demo_workspace_a):
    client = signed_in(alice)
    engagement = bellini(demo_workspace_a)
    url = f"/w/{demo_workspace_a.slug}/offboarding/new/"
    data = {"engagement": engagement.pk, "template": template(demo_workspace_a).pk,
            "notice_date": "2026-11-30", "last_day": "2026-12-11", "start": "1"}
    refused = client.post(url, {**data, "override_reason": "  "})
    assert refused.status_code == 200
    assert "last_day" in refused.context["form"].errors
    assert not Plan.objects.filter(engagement=engagement).exists()
    with pytest.raises(actions.PlanRefused):
        actions.do_start_plan(engagement, actor=alice, template=template(demo_workspace_a),
                              notice_date=date(2026, 11, 30), last_day=date(2026, 12, 11))

    client.post(url, {**data, "override_reason": "The client asked in writing to stop early."})
    assert not Plan.objects.filter(engagement=engagement).exists()  # not confirmed
    client.post(url, {**data, "override_reason": "The client asked in writing to stop early.",
                      "confirm_short_notice": "on"})
    plan = Plan.objects.get(engagement=engagement)
    assert plan.last_day == date(2026, 12, 11)
    event = AuditEvent.objects.get(verb="offboarding_plan.notice_overridden",
                                   target_id=str(plan.pk))
    assert event.actor == alice
    assert event.data["reason"] == "The client asked in writing to stop early."
    assert event.data["earliest_last_day"] == "2026-12-30"


def test_it_edits_a_template_and_new_plans_follow_it(alice, demo_workspace_a):
    client = signed_in(alice)
    tpl = template(demo_workspace_a, "client_ends")
    base = f"/w/{demo_workspace_a.slug}/offboarding"
    first, second, third = list(tpl.steps.order_by("position"))[:3]
    client.post(f"{base}/templates/{tpl.pk}/", {
        "new-title": "Archive the shared mailbox", "new-anchor": "last_day",
        "new-offset_days": "-2", "new-party": "me"})
    client.post(f"{base}/template-steps/{second.pk}/", {"move": "up"})
    client.post(f"{base}/template-steps/{first.pk}/", {
        "title": first.title, "anchor": "notice", "offset_days": "4", "party": "me"})
    client.post(f"{base}/template-steps/{third.pk}/", {"remove": "1"})
    titles = list(tpl.steps.order_by("position").values_list("title", flat=True))
    assert titles[0] == second.title and titles[1] == first.title
    assert titles[-1] == "Archive the shared mailbox" and third.title not in titles
    bad = client.post(f"{base}/template-steps/{first.pk}/", {
        "title": "x", "anchor": "notice", "offset_days": "5000", "party": "me"})
    assert "offset_days" in bad.context["form"].errors

    plan = actions.do_start_plan(bellini(demo_workspace_a), actor=alice, template=tpl,
                                 notice_date=date(2026, 11, 30))
    steps = list(plan.steps.order_by("position"))
    assert [s.title for s in steps] == titles
    assert dated(steps[1], date(2026, 12, 4))


def test_it_ticks_a_step_off_with_a_note_a_link_and_a_file(alice, demo_workspace_a):
    plan = Plan.objects.get(workspace=demo_workspace_a)
    step = plan.steps.filter(state=StepState.OPEN).order_by("position").first()
    client = signed_in(alice)
    url = f"/w/{demo_workspace_a.slug}/offboarding/steps/{step.pk}/done/"
    upload = SimpleUploadedFile("notice.pdf", b"%PDF-1.4 notice", "application/pdf")
    response = client.post(url, {"state": "done", "note": "Sent by registered mail.",
                                 "link": "https://drive.example/notice", "evidence": upload})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.state == StepState.DONE and step.completed_by == alice
    assert step.completed_at is not None and step.link == "https://drive.example/notice"
    assert default_storage.exists(step.evidence.name)
    with default_storage.open(step.evidence.name) as fh:
        assert fh.read() == b"%PDF-1.4 notice"
    page = client.get(f"/w/{demo_workspace_a.slug}/offboarding/{plan.pk}/").content.decode()
    evidence_url = f"/w/{demo_workspace_a.slug}/offboarding/steps/{step.pk}/evidence/"
    assert "Sent by registered mail." in page and evidence_url in page
    assert b"".join(client.get(evidence_url).streaming_content) == b"%PDF-1.4 notice"
    client.post(f"/w/{demo_workspace_a.slug}/offboarding/steps/{step.pk}/reopen/")
    step.refresh_from_db()
    assert step.state == StepState.OPEN and step.completed_at is None
    bad = client.post(url, {"state": "done", "link": "not a link at all"})
    assert bad.status_code == 200 and "link" in bad.context["form"].errors


def test_it_reassigns_a_step_to_another_member(alice, bob, demo_workspace_a):
    step = PlanStep.objects.filter(workspace=demo_workspace_a).first()
    client = signed_in(alice)
    client.post(f"/w/{demo_workspace_a.slug}/offboarding/steps/{step.pk}/reassign/",
                {"owner": bob.pk, "due_date": "2026-12-01"})
    step.refresh_from_db()
    assert step.owner == bob and step.due_date == date(2026, 12, 1)


def test_it_serves_the_plan_as_a_feed_with_a_revocable_token(alice, demo_workspace_a, client):
    plan = Plan.objects.get(workspace=demo_workspace_a)
    assert len(plan.feed_token) >= 40
    feed = client.get(f"/feeds/offboarding/{plan.feed_token}.ics")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert len(events) == plan.steps.count()
    assert {e.decoded("dtstart") for e in events} == set(
        plan.steps.values_list("due_date", flat=True))
    assert client.get(f"/feeds/offboarding/{plan.feed_token[:-1]}x.ics").status_code == 404
    owner = signed_in(alice)
    old = plan.feed_token
    owner.post(f"/w/{demo_workspace_a.slug}/offboarding/{plan.pk}/feed/")
    plan.refresh_from_db()
    assert plan.feed_token != old
    assert client.get(f"/feeds/offboarding/{old}.ics").status_code == 404
    owner.post(f"/w/{demo_workspace_a.slug}/offboarding/{plan.pk}/feed/", {"revoke": "1"})
    plan.refresh_from_db()
    assert plan.feed_token == ""
    assert client.get("/feeds/offboarding/.ics").status_code == 404
    download = owner.get(f"/w/{demo_workspace_a.slug}/offboarding/{plan.pk}/plan.ics")
    assert len(Calendar.from_ical(download.content).walk("VEVENT")) == plan.steps.count()


def _text_of_pdf(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_it_writes_the_recap_in_the_clients_language_without_secrets(alice, demo_workspace_a):
    plan = Plan.objects.get(workspace=demo_workspace_a)  # the Polish client
    client = signed_in(alice)
    base = f"/w/{demo_workspace_a.slug}/offboarding/{plan.pk}"
    page = client.get(f"{base}/recap/")
    draft = page.context["form"].initial["recap"]
    with translation.override("pl"):
        systems = translation.gettext("Systems and accounts")
    assert "## Kontakty" in draft and f"## {systems}" in draft
    assert "Anna Kowalczyk" in draft and "asystentka@kowalczyk-logistyka.example" in draft
    edited = draft + "\n\n## Uwagi\n- Faktury wysyłamy do 5. dnia miesiąca."
    client.post(f"{base}/recap/", {"recap": edited})
    plan.refresh_from_db()
    assert plan.recap == edited
    pdf = client.get(f"{base}/recap.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(_text_of_pdf(pdf.content).split())
    assert "Kontakty" in text and "Faktury wysyłamy" in text and "Anna Kowalczyk" in text
    from docx import Document

    docx = Document(io.BytesIO(client.get(f"{base}/recap.docx").content))
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert "Kontakty" in headings and "Uwagi" in headings
    assert docx.core_properties.language == "pl"


def test_it_asks_the_client_to_revoke_access_and_tracks_each_account(
        alice, demo_workspace_a, django_capture_on_commit_callbacks, mailoutbox):
    plan = Plan.objects.get(workspace=demo_workspace_a)
    accounts = list(AccessAccount.objects.filter(engagement=plan.engagement))
    client = signed_in(alice)
    url = f"/w/{demo_workspace_a.slug}/access/engagements/{plan.engagement_id}/revocation/"
    form = client.get(url).context["form"]
    assert form.initial["to"] == "anna@kowalczyk-logistyka.example"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"to": "anna@kowalczyk-logistyka.example",
                          "accounts": [a.pk for a in accounts[:3]]})
    email = OutboundEmail.objects.get(kind="letter.access_revocation")
    assert email.language == "pl" and "Poczta Kowalczyk" in email.body
    assert mailoutbox and mailoutbox[-1].to == ["anna@kowalczyk-logistyka.example"]
    states = dict(AccessAccount.objects.filter(engagement=plan.engagement)
                  .values_list("pk", "state"))
    assert [states[a.pk] for a in accounts] == ["requested"] * 3 + ["active"]
    edit = f"/w/{demo_workspace_a.slug}/access/{accounts[0].pk}/"
    client.post(edit, {"state": "revoked"})
    client.post(edit, {"state": "removed"})
    accounts[0].refresh_from_db()
    assert accounts[0].state == AccountState.REMOVED and accounts[0].revoked_at
    client.post(edit, {"state": "requested"})  # no way back
    accounts[0].refresh_from_db()
    assert accounts[0].state == AccountState.REMOVED


def test_it_invites_the_successor_with_a_calendar_invitation(
        alice, demo_workspace_a, django_capture_on_commit_callbacks, mailoutbox):
    plan = Plan.objects.get(workspace=demo_workspace_a)
    client = signed_in(alice)
    url = f"/w/{demo_workspace_a.slug}/offboarding/{plan.pk}/call/"
    data = {"successor_name": "Tomasz Zieliński", "successor_email": "tomasz@example.org",
            "call_at": "2026-12-14T10:00", "call_minutes": "90",
            "recording_url": "https://meet.example/rec/1", "call_notes": "", "invite": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    message = mailoutbox[-1]
    assert message.to == ["tomasz@example.org"] and "Rozmowa o przekazaniu" in message.subject
    name, content, mime = message.attachments[0]
    assert name == "invitation.ics" and mime.startswith("text/calendar")
    cal = Calendar.from_ical(content)
    assert str(cal["method"]) == "REQUEST"
    event = cal.walk("VEVENT")[0]
    plan.refresh_from_db()
    assert event.decoded("dtstart") == plan.call_at
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=90)
    assert "tomasz@example.org" in str(event["attendee"])
    assert "Kontakty" in event["description"]
    plan.refresh_from_db()
    assert plan.call_invited_at and plan.recording_url == "https://meet.example/rec/1"


def test_it_keeps_a_running_total_of_support_after_the_end(alice, demo_workspace_a):
    plan = Plan.objects.get(workspace=demo_workspace_a)
    client = signed_in(alice)
    url = f"/w/{demo_workspace_a.slug}/offboarding/{plan.pk}/support/"
    client.post(url, {"req-day": "2027-01-12", "req-summary": "Export of the ledger",
                      "req-kind": "billable", "req-minutes": "45"})
    client.post(url, {"req-day": "2027-01-13", "req-summary": "Courier contract",
                      "req-kind": "billable", "req-minutes": "30"})
    totals = client.get(url).context["totals"]
    # Two billable requests of 75 minutes at the support rate of 190 PLN an hour.
    assert totals["minutes"] == 75 and str(totals["amount"]) == "237.50"
    assert totals["free"] == 1 and totals["free_left"] == plan.free_questions - 1
    client.post(url, {"terms-support_until": "2027-02-28", "terms-support_rate": "200",
                      "terms-free_questions": "5"})
    plan.refresh_from_db()
    assert plan.support_until == date(2027, 2, 28) and plan.free_questions == 5


def test_it_shows_the_steps_due_this_week_on_the_dashboard(alice, demo_workspace_a):
    plan = Plan.objects.get(workspace=demo_workspace_a)
    today = timezone.localdate()
    step = plan.steps.filter(state=StepState.OPEN).last()
    step.due_date = today
    step.save()
    later = plan.steps.filter(state=StepState.OPEN).first()
    later.due_date = today + timedelta(days=8)
    later.save()
    page = signed_in(alice).get(f"/w/{demo_workspace_a.slug}/").content.decode()
    assert "Steps due this week" in page and step.title in page
    assert later.title not in re.sub(r"(?s).*Steps due this week", "", page).split("</section>")[0]


def test_it_does_not_show_another_workspaces_plan_feed_or_accounts(
        alice, demo_workspace_a, charlie, demo_workspace_b):
    plan_a = Plan.objects.get(workspace=demo_workspace_a)
    as_charlie = signed_in(charlie)
    assert as_charlie.get(f"/w/{demo_workspace_b.slug}/offboarding/{plan_a.pk}/").status_code == 404
    listed = as_charlie.get(f"/w/{demo_workspace_b.slug}/access/").context["accounts"]
    assert listed and {a.workspace_id for a in listed} == {demo_workspace_b.pk}
    account_a = AccessAccount.objects.filter(workspace=demo_workspace_a).first()
    assert as_charlie.get(f"/w/{demo_workspace_b.slug}/access/{account_a.pk}/").status_code == 404
    with pytest.raises(ValueError):
        actions.do_start_plan(bellini(demo_workspace_a), actor=alice,
                              template=template(demo_workspace_b), notice_date=date(2026, 11, 30))


def test_it_lists_plans_and_ticks_a_step_through_the_api(alice, demo_workspace_a):
    from .conftest import token_client

    api = token_client(alice)
    base = f"/api/w/{demo_workspace_a.slug}"
    plans = api.get(f"{base}/offboarding/plans").json()["items"]
    assert len(plans) == 1 and plans[0]["last_day"] == "2026-12-02"
    step = next(s for s in plans[0]["steps"] if s["state"] == "open")
    bad = api.post(f"{base}/offboarding/steps/{step['id']}/done",
                   data={"link": "nope"}, content_type="application/json")
    assert bad.status_code == 422 and "link" in bad.json()["errors"]
    done = api.post(f"{base}/offboarding/steps/{step['id']}/done",
                    data={"note": "Done by phone."}, content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == "done"
    accounts = api.get(f"{base}/access-accounts").json()["items"]
    assert {a["system"] for a in accounts} >= {"Trello", "Poczta Kowalczyk"}
    assert all("password" not in a for a in accounts)


def test_it_names_the_holidays_in_the_users_language(alice, demo_workspace_a):
    alice.language = "it"
    alice.save()
    response = signed_in(alice).post(f"/w/{demo_workspace_a.slug}/offboarding/new/", {
        "engagement": bellini(demo_workspace_a).pk, "template": template(demo_workspace_a).pk,
        "notice_date": "2026-11-28", "preview": "1"})
    names = [name for _day, name in response.context["notice"].holidays]
    assert names[0] == "Sant'Ambrogio" and "Saint Ambrose's Day" not in names
