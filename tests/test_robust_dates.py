"""Dates nobody can use (year 9999, year 0001, an offset of -9999, garbage) are kept as
"date unknown", reported, and never break a recompute; one failing engagement never stops
the others."""

import json
import logging
from datetime import UTC, date, datetime
from importlib import import_module

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from handover.clients.models import Engagement
from handover.health.actions import compute as health_actions
from handover.health.actions.compute import do_compute_health
from handover.health.models import EngagementHealth, InteractionFacts
from handover.interactions.importers.mailparse import parse_date
from handover.interactions.importers.run import run_import
from handover.interactions.models import ImportRun, ImportState, Interaction, Invoice
from handover.lib.textrules.deadlines import find_urgency

from .conftest import first_engagement
from .factories import InteractionFactory

pytestmark = pytest.mark.django_db

UNUSABLE = {
    "Year 9999": "Fri, 31 Dec 9999 23:59:59 +0000",
    "Year 0001": "Mon, 1 Jan 0001 00:00:00 +0100",
    "Offset -9999": "Mon, 5 Jan 2026 10:00:00 -9999",
    "Garbage": "the day after the big storm",
}


def message(n: int, subject: str, when: str) -> bytes:
    return (b"From client@robust.example Mon Jan  5 10:00:00 2026\n"
            b"From: client@robust.example\nTo: alice@a.example\n"
            b"Subject: %s\nDate: %s\nMessage-ID: <robust-%d@robust.example>\n\n"
            b"Please send the revised plan by tomorrow, it is urgent. Thanks.\n\n"
            % (subject.encode(), when.encode(), n))


def robust_mbox(tmp_path):
    parts = [message(n, f"Normal {n}", f"Mon, {n + 1} Feb 2026 09:30:00 +0100")
             for n in range(6)]
    parts += [message(100 + n, subject, when)
              for n, (subject, when) in enumerate(UNUSABLE.items())]
    path = tmp_path / "robust.mbox"
    path.write_bytes(b"".join(parts))
    return path


def test_it_reads_only_usable_dates_from_mail_headers():
    assert parse_date("Mon, 5 Jan 2026 10:00:00 +0100") == (
        datetime(2026, 1, 5, 9, tzinfo=UTC), 60)
    assert parse_date("Sat, 1 Jan 2100 00:00:00 +0000")[0].year == 2100
    for value in [*UNUSABLE.values(), "Wed, 31 Dec 1969 23:59:59 +0000",
                  "Fri, 1 Jan 2101 00:00:00 +0000", "Mon, 5 Jan 2026 10:00:00 +1900"]:
        assert parse_date(value) is None, value


def test_it_imports_an_mbox_with_unusable_dates_and_reports_them(workspace_a, alice,
                                                                 alice_client, tmp_path,
                                                                 capsys):
    path = robust_mbox(tmp_path)
    call_command("import_mail", str(path), workspace=workspace_a.slug,
                 client="Robust Client", as_json=True)
    report = json.loads(capsys.readouterr().out)
    assert (report["imported"], report["failed"], report["unknown_dates"]) == (10, 0, 4)
    assert {u["subject"]: u["date"] for u in report["undated"]} == UNUSABLE
    run = ImportRun.objects.get(workspace=workspace_a, label=str(path))
    assert run.state == ImportState.DONE and run.unknown_dates == 4
    assert {u["subject"] for u in run.undated} == set(UNUSABLE)
    rows = Interaction.objects.filter(workspace=workspace_a, source_id__startswith="robust-")
    unknown = rows.filter(occurred_at__isnull=True)
    assert {r.subject: r.raw_date for r in unknown} == UNUSABLE
    assert rows.filter(occurred_at__isnull=False).count() == 6
    engagement = rows.first().engagement
    assert engagement.client.name == "Robust Client"

    result = do_compute_health(workspace_a)
    assert result["failed"] == []
    assert result["engagements"][engagement.pk]["counts"] is not None
    facts = InteractionFacts.objects.filter(interaction__in=rows)
    assert facts.count() == 6 and not facts.filter(interaction__occurred_at__isnull=True)
    assert facts.filter(last_minute=True).exists()  # the dated ones were read

    ws = workspace_a.slug
    health = alice_client.get(reverse("engagement_health", kwargs={
        "ws": ws, "engagement_id": engagement.pk}))
    assert health.status_code == 200 and b"could not be computed" not in health.content
    listing = alice_client.get(reverse("engagement_interactions", kwargs={
        "ws": ws, "engagement_id": engagement.pk})).content.decode()
    assert listing.count("Date unknown") == 4 and "1970" not in listing
    # Known dates first (newest first), unknown ones after them.
    assert listing.index("Normal 5") < listing.index("Normal 0") < listing.index("Year 9999")
    detail = alice_client.get(reverse("interaction_detail", kwargs={
        "ws": ws, "interaction_id": unknown.get(subject="Year 9999").pk})).content.decode()
    assert "Date unknown" in detail and "31 Dec 9999 23:59:59" in detail
    progress = alice_client.get(reverse("import_detail", kwargs={
        "ws": ws, "import_run_id": run.pk})).content.decode()
    assert "4 items were kept with their dates unknown" in progress
    assert "the day after the big storm" in progress and "Offset -9999" in progress


def test_it_keeps_call_and_task_dates_it_cannot_use_as_unknown(workspace_a, alice,
                                                              tmp_path):
    calls = tmp_path / "calls.csv"
    calls.write_text("date,number,notes\n"
                     "2026-02-03 10:15,+39 02 5550 1234,fine\n"
                     "9999-12-31 23:59,+39 02 5550 1235,far future\n"
                     "0001-01-01 00:00,+39 02 5550 1236,far past\n")
    report = run_import("calls", workspace_a, actor=alice, source=str(calls),
                        time_zone="Europe/Rome")
    assert (report.imported, report.failed, report.unknown_dates) == (3, 0, 2)
    stored = Interaction.objects.filter(workspace=workspace_a, source="calls")
    assert {r.body: r.raw_date for r in stored.filter(occurred_at__isnull=True)} == {
        "far future": "9999-12-31 23:59", "far past": "0001-01-01 00:00"}

    invoices = tmp_path / "invoices.csv"
    invoices.write_text("number,client,issued,due,amount\n"
                        "R-1,,2026-01-10,2026-02-10,100\n"
                        "R-2,,2026-01-10,9999-12-31,100\n")
    engagement = first_engagement(workspace=workspace_a)
    report = run_import("invoices", workspace_a, actor=alice, source=str(invoices),
                        client_name=engagement.client.name)
    assert (report.imported, report.failed) == (1, 1)
    assert "outside the years 1970 to 2100" in report.failures[0]["reason"]
    assert Invoice.objects.get(workspace=workspace_a, number="R-1").due == date(2026, 2, 10)

    ics = tmp_path / "tasks.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
                   "BEGIN:VTODO\r\nUID:far-task\r\nDTSTAMP:20260105T100000Z\r\n"
                   "DUE:99991231T235959Z\r\nSUMMARY:Far task\r\nEND:VTODO\r\n"
                   "BEGIN:VTODO\r\nUID:old-task\r\nDTSTAMP:00010101T000000Z\r\n"
                   "DUE:20260110T100000Z\r\nSUMMARY:Old task\r\nEND:VTODO\r\n"
                   "END:VCALENDAR\r\n")
    report = run_import("calendar", workspace_a, actor=alice, source=str(ics))
    assert (report.imported, report.failed, report.unknown_dates) == (2, 0, 2)
    far = Interaction.objects.get(workspace=workspace_a, source_id="todo|far-task")
    assert far.due_at is None and far.occurred_at is not None and "9999" in far.raw_date
    old = Interaction.objects.get(workspace=workspace_a, source_id="todo|old-task")
    assert old.occurred_at is None and "0001" in old.raw_date
    assert do_compute_health(workspace_a)["failed"] == []


def test_it_never_overflows_the_text_rules_whatever_the_reference_date():
    text = ("Please send the report by tomorrow. Can you fix the site within 3 days? "
            "I need the slides by Friday and the invoice by 31 December.")
    normal = find_urgency(text, language="en", sent_at=datetime(2026, 3, 10, 9, tzinfo=UTC),
                          tz="Europe/Rome")
    assert len(normal.deadlines) >= 3  # the same text does name deadlines
    for sent_at, tz in [(datetime(9999, 12, 31, 23, 59, tzinfo=UTC), "Pacific/Kiritimati"),
                        (datetime(9999, 12, 31, 23, 59, tzinfo=UTC), None),
                        (datetime(1, 1, 1, tzinfo=UTC), "America/Los_Angeles")]:
        found = find_urgency(text, language="en", sent_at=sent_at, tz=tz)
        assert all(isinstance(d.at, datetime) for d in found.deadlines)
        found.is_last_minute(normal.notice)  # arithmetic on what was found stays safe


def test_it_turns_far_dates_stored_before_into_unknown_ones(workspace_a, alice):
    engagement = first_engagement(workspace=workspace_a)
    far = InteractionFactory(
        workspace=workspace_a, engagement=engagement, source="mail",
        source_id="far-before", subject="Stored before the fix", body="Please reply ASAP.",
        occurred_at=datetime(9999, 12, 31, 23, 59, tzinfo=UTC))
    # Even before the data step, a recompute leaves such a row out instead of failing.
    assert do_compute_health(workspace_a)["failed"] == []
    assert not InteractionFacts.objects.filter(interaction=far).exists()
    name = ("health", "0004_dates_unknown_and_dead_imports")
    step = import_module(f"handover.health.migrations.{name[1]}")
    # The data step reads the models as they were then (Interaction was health's).
    step.unknown_dates(MigrationLoader(connection).project_state(name).apps, None)
    far.refresh_from_db()
    assert far.occurred_at is None and far.raw_date.startswith("9999-12-31T23:59")


def test_it_carries_on_with_the_other_engagements_when_one_fails(workspace_a, alice, alice_client,
                                                       monkeypatch, caplog):
    do_compute_health(workspace_a)
    engagements = list(Engagement.objects.filter(workspace=workspace_a).order_by("pk"))
    assert len(engagements) >= 3
    broken, never = engagements[0], engagements[1]
    before = EngagementHealth.objects.get(engagement=broken)
    EngagementHealth.objects.filter(engagement=never).delete()
    EngagementHealth.objects.filter(workspace=workspace_a).exclude(
        engagement__in=[broken, never]).update(score=1)
    real = health_actions._assess_engagement

    def assess(ctx, engagement, state):
        if engagement.pk in (broken.pk, never.pk):
            raise RuntimeError(f"broken on purpose {engagement.pk}")
        return real(ctx, engagement, state)

    monkeypatch.setattr(health_actions, "_assess_engagement", assess)
    with caplog.at_level(logging.ERROR, logger="handover.health.actions.compute"):
        result = do_compute_health(workspace_a)
    assert result["failed"] == [broken.pk, never.pk]
    logged = [r for r in caplog.records if "could not be computed" in r.getMessage()]
    assert len(logged) == 2 and all(r.exc_info for r in logged)
    others = EngagementHealth.objects.filter(workspace=workspace_a).exclude(
        engagement__in=[broken, never])
    assert others.count() == len(engagements) - 2
    assert not others.filter(score=1).exists() and not others.filter(failed_at__isnull=False)
    kept = EngagementHealth.objects.get(engagement=broken)
    assert kept.failed_at is not None and kept.score == before.score and kept.has_figures
    assert not EngagementHealth.objects.get(engagement=never).has_figures

    ws = workspace_a.slug
    for engagement, figures in ((broken, True), (never, False)):
        page = alice_client.get(reverse("engagement_health", kwargs={
            "ws": ws, "engagement_id": engagement.pk})).content.decode()
        assert "could not be computed at the last recompute" in page
        assert ("Score:" in page) is figures
    overview = alice_client.get(reverse("health_overview", kwargs={"ws": ws})).content
    assert b"Could not be computed" in overview

    monkeypatch.setattr(health_actions, "_assess_engagement", real)
    assert do_compute_health(workspace_a)["failed"] == []
    assert EngagementHealth.objects.get(engagement=broken).failed_at is None
    assert EngagementHealth.objects.get(engagement=never).has_figures


def test_it_lists_the_unknown_dates_in_words_on_the_command_line(workspace_a, tmp_path, capsys):
    path = tmp_path / "one.mbox"
    path.write_bytes(message(1, "Normal", "Mon, 2 Feb 2026 09:30:00 +0100")
                     + message(2, "Far", UNUSABLE["Year 9999"]))
    call_command("import_mail", str(path), workspace=workspace_a.slug)
    out = capsys.readouterr().out
    assert "Imported: 2, duplicates: 0, unmatched: 2, failed: 0." in out
    assert "1 item was kept with its date unknown; its date as written:" in out
    assert "(Far): Fri, 31 Dec 9999 23:59:59 +0000" in out
