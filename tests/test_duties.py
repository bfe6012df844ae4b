"""Duties: their story, procedures, time, reviews, reminders, reports, proposals, access."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from handover.clients.models import Engagement
from handover.core.actions import do_accept_invitation, do_invite_member
from handover.core.models import AuditEvent, Role
from handover.duties.actions import duties as actions
from handover.duties.actions import reports as report_actions
from handover.duties.actions import time as time_actions
from handover.duties.figures import per_occurrence
from handover.duties.markup import diff, render
from handover.duties.models import (
    ChangeKind,
    Duty,
    DutyChange,
    Proposal,
    ReportRequest,
    Review,
    TimeEntry,
)

from .conftest import make_user, signed_in, token_client


@pytest.fixture
def engagement(workspace_a):
    return Engagement.objects.filter(workspace=workspace_a).order_by("pk").first()


def new_duty(engagement, actor, **extra):
    fields = dict(title="Payroll check", assignee=actor, status="trial",
                  started_on=date(2026, 1, 5), trial_review_on=date(2026, 2, 5),
                  frequency="weekly", client_minutes=60, agreed_minutes=30,
                  procedure="# Payroll\n\n1. Open the sheet.\n2. Check the totals.\n",
                  reason="The client asked for it.")
    fields.update(extra)
    return actions.do_create_duty(engagement, actor=actor, **fields)


@pytest.fixture
def cora(workspace_a, alice):
    user = make_user("cora@c.example", "Cora Colombo")
    invitation, _token = do_invite_member(workspace_a, actor=alice, email=user.email,
                                          role=Role.COLLABORATOR, language="it")
    do_accept_invitation(invitation, actor=user)
    return user


def url(workspace, tail):
    return f"/w/{workspace.slug}/{tail}"


def test_it_creates_a_duty_on_trial_from_the_form_and_starts_its_story(
        alice_client, workspace_a, engagement):
    response = alice_client.post(url(workspace_a, "duties/new/"), {
        "engagement": engagement.pk, "title": "Supplier invoices", "status": "trial",
        "started_on": "2026-01-05", "trial_review_on": "2026-02-05", "frequency": "weekly",
        "client_minutes": "40", "procedure": "1. Collect the invoices.",
        "reason": "Giulia wants a trial.",
    })
    assert response.status_code == 302
    duty = Duty.objects.get(workspace=workspace_a, title="Supplier invoices")
    assert (duty.status, duty.next_review_on) == ("trial", date(2026, 2, 5))
    assert duty.versions.get().number == 1
    page = alice_client.get(response.url).content.decode()
    assert "Giulia wants a trial." in page and "set up the duty (On trial)" in page
    # A trial needs its review date.
    response = alice_client.post(url(workspace_a, "duties/new/"), {
        "engagement": engagement.pk, "title": "No date", "status": "trial",
        "started_on": "2026-01-05", "frequency": "weekly"})
    assert "A duty on trial needs a review date." in response.content.decode()


def test_it_keeps_every_version_of_the_procedure_and_shows_a_readable_diff(
        alice, alice_client, workspace_a, engagement):
    duty = new_duty(engagement, alice)
    actions.do_revise_procedure(
        duty, actor=alice, change_note="Totals go to Marco.",
        body="# Payroll\n\n1. Open the sheet.\n2. Check the totals twice.\n3. Send to Marco.\n")
    page = alice_client.get(url(workspace_a, f"duties/{duty.pk}/versions/?a=1&b=2")).content
    page = page.decode()
    assert "<ins>twice</ins>" in page or "<ins> twice</ins>" in page
    assert "3. Send to Marco." in page and "Totals go to Marco." in page
    timeline = [c.kind for c in DutyChange.objects.filter(duty=duty)]
    assert timeline == [ChangeKind.CREATED, ChangeKind.PROCEDURE]
    lines = diff("a\nb\nc\n", "a\nB\nc\nd\n")
    assert [(line.kind, line.text) for line in lines] == [
        ("same", "a"), ("removed", "b"), ("added", "B"), ("same", "c"), ("added", "d")]


def test_it_renders_markdown_without_anything_that_could_run():
    html = render("# Title\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
                  "<img src=x onerror=alert(1)> **bold**")
    assert "<h1>Title</h1>" in html and "<strong>bold</strong>" in html
    assert "<script" not in html and 'href="javascript' not in html and "onerror" not in html
    assert '<img src="x">' in html


def test_it_needs_a_reason_to_change_a_duty_and_records_handing_it_back(
        alice, alice_client, workspace_a, engagement):
    duty = new_duty(engagement, alice)
    form = {"title": duty.title, "status": "handed_back", "started_on": "2026-01-05",
            "trial_review_on": "2026-02-05", "frequency": "weekly", "client_minutes": "60",
            "agreed_minutes": "30", "assignee": alice.pk}
    response = alice_client.post(url(workspace_a, f"duties/{duty.pk}/edit/"), form)
    assert response.status_code == 200
    duty.refresh_from_db()
    assert duty.status == "trial"
    response = alice_client.post(url(workspace_a, f"duties/{duty.pk}/edit/"),
                                 {**form, "reason": "The client hired an assistant."})
    assert response.status_code == 302
    duty.refresh_from_db()
    assert duty.status == "handed_back"
    change = DutyChange.objects.get(duty=duty, kind=ChangeKind.STATUS)
    assert change.reason == "The client hired an assistant."
    page = alice_client.get(url(workspace_a, f"duties/{duty.pk}/")).content.decode()
    assert "changed the status from On trial to Handed back" in page


def test_it_runs_one_timer_per_person_that_survives_a_reload(
        alice, alice_client, workspace_a, engagement):
    first, second = new_duty(engagement, alice), new_duty(engagement, alice, title="Other")
    alice_client.post(url(workspace_a, f"duties/{first.pk}/timer/"))
    timer = TimeEntry.objects.get(person=alice, running=True)
    page = alice_client.get(url(workspace_a, "duties/")).content.decode()
    assert f'data-started="{int(timer.started_at.timestamp())}"' in page  # Unix seconds
    assert "Timer running on Payroll check" in page
    TimeEntry.objects.filter(pk=timer.pk).update(
        started_at=timezone.now() - timedelta(minutes=25))
    # Starting on another duty stops the first.
    alice_client.post(url(workspace_a, f"duties/{second.pk}/timer/"))
    timer.refresh_from_db()
    assert not timer.running and 25 * 60 <= timer.seconds < 26 * 60
    running = TimeEntry.objects.get(person=alice, running=True)
    assert running.duty == second
    TimeEntry.objects.filter(pk=running.pk).update(
        started_at=timezone.now() - timedelta(minutes=12))
    alice_client.post(url(workspace_a, f"time/{running.pk}/stop/"), {"occurrences": "3"})
    running.refresh_from_db()
    assert (running.running, running.occurrences, running.seconds // 60) == (False, 3, 12)
    left = time_actions.do_start_timer(first, actor=alice)
    TimeEntry.objects.filter(pk=left.pk).update(started_at=timezone.now() - timedelta(hours=30))
    response = alice_client.post(url(workspace_a, f"time/{left.pk}/stop/"), follow=True)
    assert "more than 24 hours" in response.content.decode()
    assert TimeEntry.objects.get(pk=left.pk).running


def test_it_logs_time_by_hand_and_refuses_impossible_entries(
        alice, alice_client, workspace_a, engagement):
    duty = new_duty(engagement, alice)
    base = {"duty": duty.pk, "date": "2026-01-07", "occurrences": "1"}
    assert alice_client.post(url(workspace_a, "time/"),
                             {**base, "minutes": "35"}).status_code == 302
    assert alice_client.post(url(workspace_a, "time/"),
                             {**base, "start": "09:00", "end": "09:50"}).status_code == 302
    assert sorted(e.seconds for e in TimeEntry.objects.filter(duty=duty)) == [2100, 3000]
    page = alice_client.post(url(workspace_a, "time/"),
                             {**base, "start": "10:00", "end": "09:00"}).content.decode()
    assert "The entry ends before it starts." in page
    page = alice_client.post(url(workspace_a, "time/"), {**base, "minutes": "1500"}).content
    assert "Ensure this value is less than or equal to 1440." in page.decode()
    assert TimeEntry.objects.filter(duty=duty).count() == 2


def test_it_computes_median_spread_and_trend_per_occurrence():
    start = date(2025, 1, 6)
    entries = [(start + timedelta(days=30 * i), minutes, 1)
               for i, minutes in enumerate([60, 55, 50, 45, 40])]
    entries.append((start + timedelta(days=75), 90, 2))  # two occurrences of 45 minutes
    fig = per_occurrence(entries)
    assert (fig.occurrences, fig.median, fig.low, fig.high) == (7, 45.0, 45.0, 52.5)
    assert (fig.fastest, fig.slowest) == (40.0, 60.0)
    assert fig.trend_per_month < 0


def test_it_shows_the_review_and_records_a_decision_in_the_timeline(
        alice, alice_client, workspace_a, engagement):
    engagement.hourly_rate = Decimal("60.00")
    engagement.save()
    duty = new_duty(engagement, alice)
    for i, minutes in enumerate([50, 45, 40, 35]):
        time_actions.do_log_time(duty, actor=alice, date=date(2026, 1, 5) + timedelta(days=7 * i),
                                 seconds=minutes * 60, occurrences=1)
    page = alice_client.get(url(workspace_a, f"duties/{duty.pk}/review/")).content.decode()
    assert "<svg" in page and "<circle" in page
    assert "No trend yet" in page  # four entries over three weeks say nothing of a trend
    # Median 42.5 minutes at 60 €/h is 42.50 €; the client's hour is 60.00 €.
    assert "€42.50" in page and "€60.00" in page
    response = alice_client.post(url(workspace_a, f"duties/{duty.pk}/review/"), {
        "decision": "renegotiate", "notes": "Ask for 45 minutes.", "agreed_minutes": "45",
        "next_review_on": (timezone.localdate() + timedelta(days=90)).isoformat()})
    assert response.status_code == 302
    review = Review.objects.get(duty=duty)
    assert review.decision == "renegotiate" and review.figures["median"] == 42.5
    duty.refresh_from_db()
    assert duty.status == "active" and duty.next_review_on > timezone.localdate()
    page = alice_client.get(url(workspace_a, f"duties/{duty.pk}/")).content.decode()
    assert "reviewed the duty and decided: Change its scope or price." in page
    assert "Ask for 45 minutes." in page
    page = alice_client.get(url(workspace_a, f"engagements/{engagement.pk}/review/")).content
    assert duty.title in page.decode()


def test_it_reminds_of_reviews_due_on_the_dashboard_and_by_mail_once(
        alice, alice_client, demo_workspace_a, engagement, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    duty = new_duty(engagement, alice, started_on=today - timedelta(days=30),
                    trial_review_on=today - timedelta(days=1))
    page = alice_client.get(url(demo_workspace_a, "")).content.decode()
    assert "Reviews due" in page and duty.title in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = actions.do_run_schedule(demo_workspace_a, today=today)
    assert done["reviews"] >= 1
    subjects = [m.subject for m in mail.outbox]
    assert "The trial of “Payroll check” is due for review" in subjects
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = actions.do_run_schedule(demo_workspace_a, today=today + timedelta(days=1))
    assert again["reviews"] == 0
    assert not [m for m in mail.outbox if "Payroll check" in m.subject]


def test_it_asks_collaborators_for_reports_reminds_when_late_and_shows_them_side_by_side(
        alice, bob, cora, workspace_a, engagement, django_capture_on_commit_callbacks):
    bobs = new_duty(engagement, alice, title="Inbox", assignee=bob)
    new_duty(engagement, alice, title="Calendar", assignee=cora)
    time_actions.do_log_time(bobs, actor=bob, date=date(2026, 1, 12), seconds=90 * 60)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        made = report_actions.do_request_reports(workspace_a, actor=alice,
                                                 month=date(2026, 1, 15), due_on=date(2026, 2, 5))
    assert {r.collaborator for r in made.asked} >= {bob, cora}
    assert any(m.to == [bob.email] and "January 2026" in m.subject for m in mail.outbox)
    request = ReportRequest.objects.get(collaborator=bob, month=date(2026, 1, 1))
    as_bob = signed_in(bob)
    page = as_bob.get(url(workspace_a, f"reports/{request.pk}/")).content.decode()
    assert "Time logged this month: 90 min." in page
    prefix = f"d{bobs.pk}-"
    response = as_bob.post(url(workspace_a, f"reports/{request.pk}/"), {
        prefix + "minutes": "95", prefix + "occurrences": "3",
        prefix + "changes": "Newsletters now go to a folder.",
        prefix + "problems": "Spam floods the inbox.", prefix + "suggestions": "A filter rule."})
    assert response.status_code == 302
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_run_schedule(workspace_a, today=date(2026, 2, 9))
    late = [m.to[0] for m in mail.outbox if "late" in m.subject]
    assert cora.email in late and bob.email not in late
    page = signed_in(alice).get(url(workspace_a, "reports/?month=2026-01")).content.decode()
    assert "Spam floods the inbox." in page and "Cora Colombo" in page and "Late" in page
    assert "Newsletters now go to a folder." in page
    item = request.items.get()
    assert (item.minutes, item.occurrences) == (95, 3)


def test_it_turns_an_accepted_proposal_into_the_next_version(
        alice, bob, workspace_a, engagement):
    duty = new_duty(engagement, alice, assignee=bob)
    as_bob, as_alice = signed_in(bob), signed_in(alice)
    body = "# Payroll\n\n1. Open the sheet.\n2. Check the totals.\n3. File the PDF.\n"
    response = as_bob.post(url(workspace_a, f"duties/{duty.pk}/propose/"),
                           {"body": body, "note": "The PDF gets lost."})
    assert response.status_code == 302
    proposal = Proposal.objects.get(duty=duty)
    assert as_bob.post(url(workspace_a, f"proposals/{proposal.pk}/"),
                       {"accept": "1"}).status_code == 403
    as_alice.post(url(workspace_a, f"proposals/{proposal.pk}/"), {"accept": "1", "note": "Yes"})
    version = duty.versions.order_by("-number").first()
    assert (version.number, version.author, version.body) == (2, bob, body.strip())
    second = actions.do_propose_revision(duty, actor=bob, body=body + "4. Celebrate.\n",
                                         note="Fun.")
    as_alice.post(url(workspace_a, f"proposals/{second.pk}/"), {"decline": "1"})
    second.refresh_from_db()
    assert second.state == "declined" and duty.versions.count() == 2
    page = as_alice.get(url(workspace_a, f"duties/{duty.pk}/")).content.decode()
    assert "proposed a revision of the procedure" in page
    assert "accepted the proposed revision: it became version 2." in page
    assert "declined the proposed revision." in page


def test_it_shows_a_collaborator_only_her_own_duties_time_reports_and_proposals(
        alice, bob, cora, workspace_a, engagement):
    bobs = new_duty(engagement, alice, title="Bob's inbox", assignee=bob)
    coras = new_duty(engagement, alice, title="Cora's calendar", assignee=cora)
    cora_time = time_actions.do_log_time(coras, actor=cora, date=date(2026, 1, 8), seconds=600)
    bob_time = time_actions.do_log_time(bobs, actor=bob, date=date(2026, 1, 8), seconds=600)
    proposal = actions.do_propose_revision(coras, actor=cora, body="new", note="why")
    report_actions.do_request_reports(workspace_a, actor=alice, month=date(2026, 1, 1),
                                      due_on=date(2026, 2, 5))
    cora_report = ReportRequest.objects.get(collaborator=cora)
    as_bob = signed_in(bob)
    listing = as_bob.get(url(workspace_a, "duties/")).content.decode()
    assert "Bob&#x27;s inbox" in listing and "Cora" not in listing
    for tail in (f"duties/{coras.pk}/", f"duties/{coras.pk}/versions/",
                 f"duties/{coras.pk}/propose/", f"time/{cora_time.pk}/",
                 f"reports/{cora_report.pk}/", f"proposals/{proposal.pk}/"):
        assert as_bob.get(url(workspace_a, tail)).status_code == 404, tail
        assert as_bob.post(url(workspace_a, tail)).status_code == 404, tail
    assert as_bob.post(url(workspace_a, f"duties/{coras.pk}/timer/")).status_code == 404
    assert as_bob.post(url(workspace_a, f"time/{cora_time.pk}/stop/")).status_code == 404
    assert as_bob.get(url(workspace_a, f"duties/{bobs.pk}/")).status_code == 200
    assert as_bob.get(url(workspace_a, f"time/{bob_time.pk}/")).status_code == 200
    assert as_bob.get(url(workspace_a, f"duties/{bobs.pk}/review/")).status_code == 403
    time_page = as_bob.get(url(workspace_a, "time/")).content.decode()
    assert "Cora" not in time_page
    api = token_client(bob)
    assert api.get(f"/api/w/{workspace_a.slug}/duties/{coras.pk}").status_code == 404
    assert api.get(f"/api/w/{workspace_a.slug}/time/{cora_time.pk}").status_code == 404
    duties = api.get(f"/api/w/{workspace_a.slug}/duties").json()["items"]
    assert [d["id"] for d in duties] == [bobs.pk]
    entries = api.get(f"/api/w/{workspace_a.slug}/time").json()["items"]
    assert {e["id"] for e in entries} == {bob_time.pk}


def test_it_offers_duties_time_and_reviews_through_the_api(alice, workspace_a, engagement):
    api = token_client(alice)
    base = f"/api/w/{workspace_a.slug}"
    response = api.post(f"{base}/duties", {
        "engagement_id": engagement.pk, "title": "Newsletter", "status": "trial",
        "started_on": "2026-01-05", "trial_review_on": "2026-03-01", "client_minutes": 90,
        "procedure": "1. Write.\n2. Send.", "assignee": alice.email},
        content_type="application/json")
    assert response.status_code == 201, response.content
    duty_id = response.json()["id"]
    assert response.json()["procedure_version"] == 1
    bad = api.post(f"{base}/time", {"duty_id": duty_id, "date": "2026-01-06",
                                    "start": "10:00", "end": "09:00"},
                   content_type="application/json")
    assert bad.status_code == 422
    ok = api.post(f"{base}/time", {"duty_id": duty_id, "date": "2026-01-06", "minutes": 80},
                  content_type="application/json")
    assert ok.status_code == 201 and ok.json()["minutes"] == 80
    figures = api.get(f"{base}/duties/{duty_id}/figures").json()
    assert figures["median"] == 80 and figures["client_minutes"] == 90
    review = api.post(f"{base}/duties/{duty_id}/reviews",
                      {"decision": "keep", "next_review_on": "2099-01-01"},
                      content_type="application/json")
    assert review.status_code == 201 and review.json()["decision"] == "keep"
    patched = api.patch(f"{base}/duties/{duty_id}", {"title": "Monthly newsletter",
                                                      "reason": "Monthly now."},
                        content_type="application/json")
    assert patched.status_code == 200 and patched.json()["title"] == "Monthly newsletter"
    assert api.patch(f"{base}/duties/{duty_id}", {"title": "x"},
                     content_type="application/json").status_code == 422


def test_it_imports_an_upload_after_asking_which_duty_each_project_is(
        alice, alice_client, workspace_a, engagement):
    duty = new_duty(engagement, alice)
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = ("\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
            "End date,End time,Duration,Tags\nAlice,alice@a.example,Acme,Payroll,,Week 1,No,"
            "2026-01-05,09:00:00,2026-01-05,09:40:00,00:40:00,\n").encode()
    page = alice_client.post(url(workspace_a, "time/import/"), {
        "file": SimpleUploadedFile("toggl.csv", data), "format": "auto"}).content.decode()
    assert "Acme / Payroll" in page and 'name="pending"' in page
    import re

    pending = re.search(r'name="pending" value="([^"]+)"', page).group(1)
    key = re.search(r'name="key_0" value="([^"]+)"', page).group(1).replace("&quot;", '"')
    response = alice_client.post(url(workspace_a, "time/import/"), {
        "pending": pending, "filename": "toggl.csv", "format": "toggl", "key_0": key,
        "map_0": str(duty.pk)})
    assert response.status_code == 302
    entry = TimeEntry.objects.get(duty=duty, source="import")
    assert (entry.seconds, entry.note, entry.person) == (2400, "Week 1", alice)
    page = alice_client.post(url(workspace_a, "time/import/"), {
        "file": SimpleUploadedFile("toggl.csv", data), "format": "auto"}, follow=True)
    assert "0 entries imported (0.0 minutes), 1 already there." in page.content.decode()
    page = alice_client.post(url(workspace_a, "time/import/"), {
        "file": SimpleUploadedFile("bad.csv", b"Name,Color\nx,y\n"), "format": "auto"},
        follow=True).content.decode()
    assert "bad.csv, line 1: This is a list of projects" in page


def test_it_has_a_sentence_for_every_verb_the_duty_actions_write(
        alice, bob, workspace_a, engagement):
    from handover.core.activity import registry

    duty = new_duty(engagement, alice, assignee=bob)
    entry = time_actions.do_start_timer(duty, actor=bob)
    time_actions.do_discard_timer(entry, actor=bob)
    logged = time_actions.do_log_time(duty, actor=bob, date=date(2026, 1, 5), seconds=60)
    time_actions.do_update_time(logged, actor=bob, seconds=120)
    time_actions.do_delete_time(logged, actor=bob)
    actions.do_update_duty(duty, actor=alice, reason="Done.", status="retired")
    actions.do_run_schedule(workspace_a, today=date(2026, 3, 1))
    sentences, _labels = registry()
    verbs = set(AuditEvent.objects.filter(workspace=workspace_a).values_list("verb", flat=True))
    assert {v for v in verbs if v.split(".")[0] in ("duty", "time", "report")} <= set(sentences)


def test_it_imports_a_collaborators_file_onto_her_own_duties_only(
        alice, bob, cora, workspace_a, engagement):
    coras = new_duty(engagement, alice, title="Cora's calendar", assignee=cora)
    bobs = new_duty(engagement, alice, title="Bob's inbox", assignee=bob)
    data = (b"User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
            b"End time,Duration,Tags\n"
            b"Bob,cora@c.example,Acme,Calendar,,x,No,2026-01-05,09:00:00,2026-01-05,09:30:00,,\n"
            b"Bob,cora@c.example,Acme,Inbox,,y,No,2026-01-05,10:00:00,2026-01-05,10:20:00,,\n"
            )
    result = time_actions.do_import_time(
        workspace_a, actor=bob, filename="bob.csv", data=data, own_time_only=True,
        mapping={("Acme", "Calendar", ""): coras, ("Acme", "Inbox", ""): bobs})
    assert (result.imported, result.skipped) == (1, 1)
    entry = TimeEntry.objects.get(batch=result.batch)
    assert (entry.duty, entry.person, entry.seconds) == (bobs, bob, 1200)
