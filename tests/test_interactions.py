"""Interactions: calendars, call logs, invoices, placing senders, commands and pages."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from handover.clients.models import Client, Engagement
from handover.interactions.actions import do_assign_sender
from handover.interactions.importers.base import Refused
from handover.interactions.importers.run import run_import
from handover.interactions.models import Channel, ImportRun, Interaction, Invoice

from .conftest import signed_in

pytestmark = pytest.mark.django_db

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:weekly@bellini
DTSTAMP:20260101T000000Z
DTSTART:20260105T090000Z
DTEND:20260105T093000Z
RRULE:FREQ=WEEKLY;COUNT=4
SUMMARY:Weekly review
ORGANIZER:mailto:giulia@bellini-architetti.example
END:VEVENT
BEGIN:VEVENT
UID:weekly@bellini
DTSTAMP:20260101T000000Z
RECURRENCE-ID:20260112T090000Z
DTSTART:20260113T150000Z
DTEND:20260113T153000Z
SEQUENCE:1
SUMMARY:Weekly review (moved)
ORGANIZER:mailto:giulia@bellini-architetti.example
END:VEVENT
BEGIN:VEVENT
UID:weekly@bellini
DTSTAMP:20260101T000000Z
RECURRENCE-ID:20260119T090000Z
DTSTART:20260119T090000Z
STATUS:CANCELLED
SEQUENCE:1
SUMMARY:Weekly review
ORGANIZER:mailto:giulia@bellini-architetti.example
END:VEVENT
{extra}END:VCALENDAR
"""

SINGLE = """BEGIN:VEVENT
UID:kickoff@bellini
DTSTAMP:20260101T000000Z
DTSTART:{start}
DURATION:PT1H
SEQUENCE:{seq}
SUMMARY:Kick-off
ATTENDEE:mailto:marco.ferri@bellini-architetti.example
END:VEVENT
"""


def bellini(workspace):
    return (Engagement.objects.filter(workspace=workspace, client__name__startswith="Studio Bell")
            .order_by("pk").first())


def test_it_expands_recurrences_and_records_moves_and_cancellations(workspace_a, alice,
                                                                   tmp_path):
    path = tmp_path / "cal.ics"
    path.write_text(ICS.format(extra=SINGLE.format(start="20260301T100000Z", seq=0)))
    report = run_import("calendar", workspace_a, actor=alice, source=str(path))
    rows = Interaction.objects.filter(workspace=workspace_a, source="calendar")
    meetings = rows.filter(channel=Channel.MEETING).order_by("occurred_at")
    assert [m.occurred_at.strftime("%m-%d %H:%M") for m in meetings] == [
        "01-05 09:00", "01-13 15:00", "01-26 09:00", "03-01 10:00"]
    assert {m.engagement.client for m in meetings} == {bellini(workspace_a).client}
    changes = rows.filter(channel=Channel.SCHEDULE_CHANGE)
    moved = changes.get(new_time__isnull=False)
    assert (moved.old_time, moved.new_time) == (datetime(2026, 1, 12, 9, tzinfo=UTC),
                                                datetime(2026, 1, 13, 15, tzinfo=UTC))
    cancelled = changes.get(new_time__isnull=True)
    assert cancelled.old_time == datetime(2026, 1, 19, 9, tzinfo=UTC)
    assert report.imported == 6 and report.failed == 0

    # The organiser moves the kick-off: a schedule change with old and new times.
    path.write_text(ICS.format(extra=SINGLE.format(start="20260302T100000Z", seq=1)))
    again = run_import("calendar", workspace_a, actor=alice, source=str(path))
    assert again.imported == 1 and again.duplicates == 5
    change = changes.get(subject="Kick-off")
    assert (change.old_time, change.new_time) == (datetime(2026, 3, 1, 10, tzinfo=UTC),
                                                  datetime(2026, 3, 2, 10, tzinfo=UTC))
    assert meetings.get(subject="Kick-off").occurred_at == datetime(2026, 3, 2, 10, tzinfo=UTC)
    third = run_import("calendar", workspace_a, actor=alice, source=str(path))
    assert third.imported == 0


def test_it_refuses_a_file_that_is_not_a_calendar_or_not_mail(workspace_a, alice, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n")
    with pytest.raises(Refused, match="not an iCalendar file"):
        run_import("calendar", workspace_a, actor=alice, source=str(path))
    with pytest.raises(Refused, match="neither an mbox file nor an e-mail message"):
        run_import("mail", workspace_a, actor=alice, source=str(path))
    with pytest.raises(CommandError, match="neither an mbox"):
        call_command("import_mail", str(path), workspace=workspace_a.slug)


def test_it_imports_a_call_log_with_a_column_mapping(workspace_a, alice, tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("Quando;Numero;Durata;Verso\n"
                    "2026-02-03 10:15;+39 02 5550 1234;04:30;outgoing\n"
                    "2026-02-04 16:00;+1 555 0100;60;incoming\n"
                    "yesterday-ish?;+39 02 5550 1240;10;incoming\n")
    report = run_import("calls", workspace_a, actor=alice, source=str(path),
                        mapping={"date": "Quando", "number": "Numero", "duration": "Durata",
                                 "direction": "Verso"}, time_zone="Europe/Rome")
    assert (report.imported, report.unmatched, report.failed) == (2, 1, 1)
    call = Interaction.objects.get(workspace=workspace_a, source_id__startswith="calls.csv",
                                   counterpart="+39 02 5550 1234")
    assert call.engagement.client == bellini(workspace_a).client
    assert call.occurred_at == datetime(2026, 2, 3, 9, 15, tzinfo=UTC)
    assert call.duration.total_seconds() == 270 and call.direction == "outbound"
    again = run_import("calls", workspace_a, actor=alice, source=str(path),
                       mapping={"date": "Quando", "number": "Numero"})
    assert (again.imported, again.duplicates) == (0, 2)


def test_it_imports_invoices_from_csv_and_by_hand(workspace_a, alice, tmp_path):
    path = tmp_path / "invoices.csv"
    path.write_text("number,client,issued,due,paid,amount,currency\n"
                    "F-1,Studio Bellini Architetti,2026-01-31,2026-03-02,,\"1.250,50\",EUR\n"
                    "F-2,Nobody Ltd,2026-01-31,2026-03-02,,100,EUR\n")
    out = call_command("import_invoices", str(path), workspace=workspace_a.slug,
                       as_json=True)
    assert out is None
    invoice = Invoice.objects.get(workspace=workspace_a, number="F-1")
    assert invoice.amount == Decimal("1250.50") and invoice.due == date(2026, 3, 2)
    client = signed_in(alice)
    response = client.post(f"/w/{workspace_a.slug}/invoices/", {
        "engagement": bellini(workspace_a).pk, "number": "F-3", "issued": "2026-02-28",
        "due": "2026-03-30", "amount": "400", "currency": "EUR"})
    assert response.status_code == 302
    assert Invoice.objects.filter(workspace=workspace_a, number="F-3").exists()


def test_it_files_the_rest_once_a_sender_is_assigned(workspace_a, alice, tmp_path, capsys):
    mbox = tmp_path / "in.mbox"
    mbox.write_bytes(b"".join(
        b"From x Mon Jan  5 10:00:00 2026\nFrom: Ola <ola@fjordnorth.example>\n"
        b"To: alice@a.example\nSubject: S%d\nDate: Mon, 5 Jan 2026 10:00:00 +0100\n"
        b"Message-ID: <%d@fjordnorth.example>\n\nHei\n\n" % (n, n) for n in range(3)))
    call_command("import_mail", str(mbox), workspace=workspace_a.slug, as_json=True)
    report = json.loads(capsys.readouterr().out)
    assert {k: report[k] for k in ("imported", "duplicates", "unmatched", "failed")} == {
        "imported": 3, "duplicates": 0, "unmatched": 3, "failed": 0}
    page = signed_in(alice).get(f"/w/{workspace_a.slug}/interactions/unplaced/")
    assert b"ola@fjordnorth.example" in page.content
    client = Client.objects.get(workspace=workspace_a, name__startswith="Studio Bell")
    assert do_assign_sender(workspace_a, actor=alice, address="ola@fjordnorth.example",
                            client=client) == 3
    mbox.write_bytes(mbox.read_bytes().replace(b"<0@", b"<new@"))
    call_command("import_mail", str(mbox), workspace=workspace_a.slug, as_json=True)
    later = json.loads(capsys.readouterr().out)
    assert (later["imported"], later["unmatched"], later["duplicates"]) == (1, 0, 2)


def test_it_files_everything_under_a_new_client_with_the_client_option(workspace_a,
                                                                      tmp_path, capsys):
    message = tmp_path / "one.eml"
    message.write_bytes(b"From: someone@else.example\nTo: alice@a.example\nSubject: Hi\n"
                        b"Date: Tue, 6 Jan 2026 08:00:00 -0500\n\nHello\n")
    call_command("import_mail", str(message), workspace=workspace_a.slug,
                 client="Nordlys AS", as_json=True)
    assert json.loads(capsys.readouterr().out)["unmatched"] == 0
    row = Interaction.objects.get(workspace=workspace_a, subject="Hi")
    assert row.engagement.client.name == "Nordlys AS"
    assert row.occurred_at == datetime(2026, 1, 6, 13, tzinfo=UTC)
    run = ImportRun.objects.get(workspace=workspace_a, label=str(message))
    assert (run.state, run.imported) == ("done", 1) and row.import_run == run
    with pytest.raises(CommandError, match="no workspace"):
        call_command("import_mail", str(message), workspace="nope")


def test_it_shows_a_message_as_text_and_filters_the_timeline(demo_workspace_a, alice,
                                                            django_capture_on_commit_callbacks):
    client = signed_in(alice)
    upload = SimpleUploadedFile("m.eml", (
        b"From: giulia@bellini-architetti.example\nTo: alice@a.example\n"
        b"Subject: Evil\nDate: Tue, 6 Jan 2026 08:00:00 +0100\nContent-Type: text/html\n\n"
        b"<p onclick=x()>Hello <img src=x onerror=alert(1)> there</p><script>bad()</script>"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/w/{demo_workspace_a.slug}/imports/", {
            "upload-kind": "mail", "upload-file": upload, "upload-client": ""})
    run = ImportRun.objects.filter(workspace=demo_workspace_a).latest("created_at")
    assert response.status_code == 302 and run.state == "done" and run.imported == 1
    progress = client.get(f"/w/{demo_workspace_a.slug}/imports/{run.pk}/", HTTP_HX_REQUEST="true")
    assert b'value="100"' in progress.content and b"hx-trigger" not in progress.content
    row = Interaction.objects.get(workspace=demo_workspace_a, subject="Evil")
    assert row.body == "Hello there" or "<" not in row.body
    page = client.get(f"/w/{demo_workspace_a.slug}/interactions/{row.pk}/")
    assert b"onerror" not in page.content and b"<script>bad" not in page.content
    engagement = row.engagement
    url = f"/w/{demo_workspace_a.slug}/engagements/{engagement.pk}/interactions/"
    assert b"Evil" in client.get(url, {"channel": "email"}).content
    assert b"Evil" not in client.get(url, {"channel": "call"}).content
    assert b"Evil" not in client.get(url, {"direction": "outbound"}).content


def test_it_shows_the_latest_import_on_the_dashboard(demo_workspace_a, alice, bob):
    page = signed_in(alice).get(f"/w/{demo_workspace_a.slug}/")
    assert b"Latest import: demo.mbox" in page.content
    assert b"Latest import" not in signed_in(bob).get(f"/w/{demo_workspace_a.slug}/").content
