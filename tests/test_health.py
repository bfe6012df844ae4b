"""Relationship health: signals from the demo, pages in five languages, PDF, dismissals,
the command, the digest."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from handover.clients.models import Engagement
from handover.core.models import AuditEvent
from handover.health.actions.compute import do_compute_health
from handover.health.digest import do_send_weekly_digest
from handover.health.models import EngagementHealth, HealthFinding, HealthMonth, InteractionFacts
from handover.health.presenting import highlighted
from handover.interactions.actions import do_write_interactions
from handover.interactions.models import Interaction

from .conftest import signed_in

pytestmark = pytest.mark.django_db
RECOMMENDATIONS = {"carry_on", "summary", "renegotiate", "notice", "end_now"}


def _health_json(workspace, *extra):
    from io import StringIO

    out = StringIO()
    call_command("health", "--workspace", workspace.slug, "--json", *extra, stdout=out)
    return json.loads(out.getvalue())


def test_it_names_every_recommendation_on_the_demo(demo_workspace_a):
    data = _health_json(demo_workspace_a)
    found = {row["recommendation"] for row in data["engagements"]}
    assert found == RECOMMENDATIONS
    by_rec = {row["recommendation"]: row for row in data["engagements"]}
    assert by_rec["end_now"]["counts"]["disrespect"] >= 1
    assert by_rec["notice"]["counts"]["last_minute"] >= 4
    assert by_rec["renegotiate"]["counts"]["payment"] >= 2
    assert by_rec["summary"]["counts"]["expectations"] >= 3
    assert by_rec["carry_on"]["score"] == 100
    assert all(row["reasons"] for row in data["engagements"])


def test_it_limits_the_command_to_one_engagement_and_refuses_bad_input(workspace_a):
    engagement = Engagement.objects.filter(workspace=workspace_a).first()
    data = _health_json(workspace_a, "--engagement", str(engagement.pk))
    assert [row["engagement"] for row in data["engagements"]] == [engagement.pk]
    with pytest.raises(CommandError, match="no workspace"):
        call_command("health", "--workspace", "nope")
    with pytest.raises(CommandError, match="no engagement"):
        call_command("health", "--workspace", workspace_a.slug, "--engagement", "999999")


def test_it_computes_facts_incrementally(demo_workspace_a):
    engagement = Engagement.objects.filter(workspace=demo_workspace_a,
                                           client__language="nb").first()
    before = InteractionFacts.objects.filter(workspace=demo_workspace_a).count()
    assert before == Interaction.objects.filter(workspace=demo_workspace_a,
                                                engagement__isnull=False).count()
    # Saturday 23:00 in Oslo, with an insult aimed at the reader.
    late = datetime(2026, 3, 7, 22, 0, tzinfo=UTC)
    do_write_interactions(demo_workspace_a, [Interaction(
        workspace=demo_workspace_a, engagement=engagement, channel="email", direction="inbound",
        occurred_at=late, body="Du er en idiot.", source="test", source_id="1")])
    result = do_compute_health(demo_workspace_a)
    assert result["facts_added"] == 1
    facts = InteractionFacts.objects.get(interaction__source_id="1")
    assert facts.off_class == "weekend" and facts.weekday == 5 and facts.minute == 23 * 60
    assert facts.disrespect == 3
    state = EngagementHealth.objects.get(engagement=engagement)
    assert state.recommendation == "end_now"
    assert state.heatmap[5][23] == 1
    assert do_compute_health(demo_workspace_a)["facts_added"] == 0
    month = HealthMonth.objects.get(engagement=engagement, month=datetime(2026, 3, 1).date())
    assert month.weekend == 1 and month.serious == 1


def test_it_dismisses_a_finding_and_stops_counting_it(demo_workspace_a, alice,
                                                     django_capture_on_commit_callbacks):
    state = EngagementHealth.objects.get(workspace=demo_workspace_a, recommendation="end_now")
    finding = HealthFinding.objects.get(engagement=state.engagement, signal="disrespect")
    client = signed_in(alice)
    url = reverse("health_finding_dismiss", kwargs={"ws": demo_workspace_a.slug,
                                                    "health_finding_id": finding.pk})
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.recommendation != "end_now"
    assert state.counts["disrespect"] == 0
    finding.refresh_from_db()
    assert finding.dismissed_at is not None
    assert AuditEvent.objects.filter(verb="health_finding.dismissed").count() == 1
    do_compute_health(demo_workspace_a)  # still dismissed after recomputing
    assert HealthFinding.objects.get(pk=finding.pk).dismissed_at is not None
    state.refresh_from_db()
    assert state.recommendation != "end_now"


@pytest.mark.parametrize("language", ["en", "it", "pl", "ca", "nb"])
def test_it_renders_the_health_page_and_pdf_in_every_language(demo_workspace_a, alice, language):
    alice.language = language
    alice.save()
    client = signed_in(alice)
    for state in EngagementHealth.objects.filter(workspace=demo_workspace_a):
        kwargs = {"ws": demo_workspace_a.slug, "engagement_id": state.engagement_id}
        page = client.get(reverse("engagement_health", kwargs=kwargs),
                          HTTP_ACCEPT_LANGUAGE=language)
        assert page.status_code == 200
        html = page.content.decode()
        assert "<svg" in html and 'class="heatmap"' in html
        assert f'lang="{language}"' in html
    notice = EngagementHealth.objects.get(workspace=demo_workspace_a, recommendation="notice")
    month = HealthFinding.objects.filter(engagement_id=notice.engagement_id,
                                         key__startswith="m:").first()
    html = client.get(reverse("engagement_health", kwargs={
        "ws": demo_workspace_a.slug, "engagement_id": notice.engagement_id})).content.decode()
    from babel.dates import format_date

    day = datetime.fromisoformat(month.data["month"] + "-01").date()
    assert format_date(day, "LLLL yyyy", locale=language) in html  # the month, in words
    assert f'{month.data["month"]}:' not in html  # not the raw "2026-10"
    state = EngagementHealth.objects.get(workspace=demo_workspace_a, recommendation="end_now")
    html = client.get(reverse("engagement_health", kwargs={
        "ws": demo_workspace_a.slug, "engagement_id": state.engagement_id})).content.decode()
    assert "<mark" in html and "idiotk" in html.lower()
    pdf = client.get(reverse("engagement_health_pdf", kwargs={
        "ws": demo_workspace_a.slug, "engagement_id": state.engagement_id}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_it_shows_the_dashboard_panel_and_overview(demo_workspace_a, alice):
    client = signed_in(alice)
    html = client.get(reverse("dashboard", kwargs={"ws": demo_workspace_a.slug})).content.decode()
    assert "Segreteria del cantiere di via Tortona" in html
    overview = client.get(reverse("health_overview", kwargs={"ws": demo_workspace_a.slug}))
    assert overview.status_code == 200


def test_it_shows_each_engagements_health_in_the_dashboard_list(demo_workspace_a, alice, bob):
    from handover.health.actions.compute import do_compute_health
    from handover.health.actions.findings import do_snapshot_week

    do_snapshot_week(demo_workspace_a)
    fine = EngagementHealth.objects.get(workspace=demo_workspace_a, recommendation="carry_on")
    url = reverse("dashboard", kwargs={"ws": demo_workspace_a.slug})
    html = signed_in(alice).get(url).content.decode()
    table = html.split('<table class="engagements">')[1].split("</table>")[0]
    assert "<th scope=\"col\">Health</th>" in table
    for state in EngagementHealth.objects.filter(workspace=demo_workspace_a):
        link = reverse("engagement_health", kwargs={"ws": demo_workspace_a.slug,
                                                    "engagement_id": state.engagement_id})
        assert f'href="{link}"><strong>{state.score}</strong>' in table
    assert "last week" not in table  # nothing changed since the snapshot
    do_write_interactions(demo_workspace_a, [Interaction(
        workspace=demo_workspace_a, engagement=fine.engagement, channel="email",
        direction="inbound", occurred_at=datetime.now(UTC) - timedelta(days=1),
        body="Du er en idiot.", source="test", source_id="column")])
    do_compute_health(demo_workspace_a)
    alice.language = "it"
    alice.save()
    table = signed_in(alice).get(url).content.decode().split(
        '<table class="engagements">')[1]
    assert "era 100 la settimana scorsa" in table
    # A collaborator sees her own engagements, not their health.
    Engagement.objects.filter(pk=fine.engagement_id).update(account_manager=bob)
    table = signed_in(bob).get(url).content.decode().split('<table class="engagements">')[1]
    assert fine.engagement.title in table and "/health/" not in table


def test_it_hides_health_from_another_workspace(demo_workspace_a, charlie):
    state = EngagementHealth.objects.filter(workspace=demo_workspace_a).first()
    response = signed_in(charlie).get(reverse("engagement_health", kwargs={
        "ws": demo_workspace_a.slug, "engagement_id": state.engagement_id}))
    assert response.status_code == 404


INVOICE_WORDS = {"en": ("paid", "unpaid", "Jul 26"), "it": ("pagata", "non pagata", "lug 26"),
                 "pl": ("zapłacona", "niezapłacona", "lip 26"),
                 "ca": ("pagada", "no pagada", "jul. 26"), "nb": ("betalt", "ubetalt", "jul 26")}


@pytest.mark.parametrize("language", sorted(INVOICE_WORDS))
def test_it_draws_invoice_delays_by_due_month_in_the_readers_language(language):
    from django.utils import translation

    from handover.health.presenting import _date_text
    from handover.health.svg import delays_svg

    paid, unpaid, july = INVOICE_WORDS[language]
    rows = [["<script>x</script>-2026-0001-A-VERY-LONG-NUMBER", "2026-06-30", 22, True],
            ["TOR-005", "2026-07-31", 45, False], ["old-row", "2026-05-31", 3]]
    with translation.override(language):
        svg = str(delays_svg(rows, "title", labels={
            "paid": paid, "unpaid": unpaid, "threshold": "%(days)s",
            "tooltip": "%(number)s %(due)s %(days)s"}, limit=7, date_text=_date_text))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert july in svg and 'rotate(-45' in svg  # month labels under the bars, never overlapping
    assert f">{paid}<" in svg and f">{unpaid}<" in svg and "stroke-dasharray" in svg
    assert svg.count("<rect") == 3 + 2  # three bars (an old row counts as paid), two keys


def test_it_escapes_the_evidence_and_marks_the_words():
    text = "<b>You idiot</b> & more"
    out = highlighted(text, [{"start": 7, "end": 12, "category": "insult"}])
    assert out == '&lt;b&gt;You <mark title="insult">idiot</mark>&lt;/b&gt; &amp; more'


def test_it_mails_a_weekly_digest_of_what_changed(demo_workspace_a,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = do_send_weekly_digest(demo_workspace_a)
    assert first["changed"] == 5 and first["sent"] >= 1
    assert any("via Tortona" in m.body for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = do_send_weekly_digest(demo_workspace_a)
    assert second == {"changed": 0, "sent": 0}
    assert not mail.outbox
    engagement = EngagementHealth.objects.get(workspace=demo_workspace_a,
                                              recommendation="carry_on").engagement
    do_write_interactions(demo_workspace_a, [Interaction(
        workspace=demo_workspace_a, engagement=engagement, channel="email", direction="inbound",
        occurred_at=datetime.now(UTC) - timedelta(days=1), body="Du er en idiot.",
        source="test", source_id="digest")])
    with django_capture_on_commit_callbacks(execute=True):
        third = do_send_weekly_digest(demo_workspace_a)
    assert third["changed"] == 1
    assert str(engagement) in mail.outbox[0].body


def test_it_recomputes_after_an_import_finishes(workspace_a, alice,
                                                django_capture_on_commit_callbacks):
    from handover.interactions.actions import do_create_import, do_finish_import

    engagement = Engagement.objects.filter(workspace=workspace_a).first()
    do_write_interactions(workspace_a, [Interaction(
        workspace=workspace_a, engagement=engagement, channel="email", direction="inbound",
        occurred_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC), body="Hello", source="test",
        source_id="hook")])
    assert not InteractionFacts.objects.filter(interaction__source_id="hook").exists()
    run = do_create_import(workspace_a, actor=alice, kind="mail", label="test")
    with django_capture_on_commit_callbacks(execute=True):
        do_finish_import(run, report=None)
    assert InteractionFacts.objects.filter(interaction__source_id="hook").exists()


def test_it_saves_thresholds_and_recomputes_with_them(demo_workspace_a, alice, bob,
                                                      django_capture_on_commit_callbacks):
    url = reverse("health_settings", kwargs={"ws": demo_workspace_a.slug})
    assert signed_in(bob).get(url).status_code == 403
    client = signed_in(alice)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"long_call_minutes": "x"})
    assert bad.status_code == 200 and b"errorlist" in bad.content
    values = {"long_call_minutes": 30, "out_of_hours_percent": 90, "last_minute_per_month": 2,
              "schedule_change_hours": 24, "late_payment_days": 7,
              "expectations_per_month": 2}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, values).status_code == 302
    site = EngagementHealth.objects.get(workspace=demo_workspace_a,
                                        engagement__title__contains="via Tortona")
    assert site.breakdown["out_of_hours"]["flag"] is False
    assert AuditEvent.objects.filter(verb="health_thresholds.updated").count() == 1


def test_it_moves_facts_with_an_interaction_filed_elsewhere(workspace_a):
    first, second = Engagement.objects.filter(workspace=workspace_a)[:2]
    do_write_interactions(workspace_a, [Interaction(
        workspace=workspace_a, engagement=first, channel="email", direction="inbound",
        occurred_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC), body="Hello", source="test",
        source_id="moved")])
    do_compute_health(workspace_a)
    Interaction.objects.filter(source_id="moved").update(engagement=second)
    do_compute_health(workspace_a)
    assert InteractionFacts.objects.get(interaction__source_id="moved").engagement == second


def test_it_reads_pending_interactions_with_aware_times_and_durations(demo_workspace_a):
    from datetime import UTC, timedelta

    from handover.health.facts import pending_rows

    rows = pending_rows(Interaction.objects.filter(workspace=demo_workspace_a), 0, 10_000)
    by_pk = {i.pk: i for i in Interaction.objects.filter(workspace=demo_workspace_a)}
    assert len(rows) == len(by_pk)
    for row in rows:
        stored = by_pk[row.pk]
        assert row.occurred_at.tzinfo is not None and row.occurred_at == stored.occurred_at
        assert row.occurred_at.utcoffset() == timedelta(0) or row.occurred_at.tzinfo == UTC
        assert row.duration == stored.duration and row.old_time == stored.old_time
        assert row.due_at == stored.due_at and row.body == stored.body
    assert any(row.duration for row in rows) and any(row.old_time for row in rows)
    assert pending_rows(Interaction.objects.filter(workspace=demo_workspace_a),
                        rows[-1].pk, 10) == []


def test_it_reads_texts_the_same_in_worker_processes():
    """Large chunks of texts go to a pool of forked processes; the verdicts are the same
    as in this process, in the same order."""
    from datetime import UTC, timedelta

    from handover.health.facts import TextReader, read_text

    texts = ["Hello, please find the notes attached. Many thanks.",
             "I need the board pack by tomorrow morning, ASAP.",
             "That's not what I asked for. Redo it.",
             "Jesteś skończoną idiotką, wszystko zepsułaś!",
             "Mi serve il preventivo entro stasera, è urgente."]
    sent = datetime(2026, 3, 10, 9, tzinfo=UTC)
    jobs = [(texts[i % 5], "", sent + timedelta(minutes=i), "", "Europe/Rome",
             timedelta(hours=48)) for i in range(60)]
    reader = TextReader(processes=2)
    reader.PARALLEL_FROM = 10
    with reader:
        pooled = reader.read(jobs)
        assert reader.pool is not None
    assert reader.pool is None
    assert pooled == [read_text(job) for job in jobs]
    assert {verdict[0] for verdict in pooled} >= {"en", "pl", "it"}
    assert any(verdict[2] == 3 for verdict in pooled) and any(v[5] for v in pooled)


@pytest.mark.parametrize("today", ["2026-12-04", "2027-01-07", "2027-04-06", "2027-08-16",
                                   "2027-10-13", "2027-12-27"])
def test_the_demo_shows_every_recommendation_whatever_the_date(today, alice, monkeypatch):
    """The demo's story is dated from the day it is loaded: holidays, month lengths and
    invoices falling due must never hide one of the five recommendations (on 4 December
    2026 a Catalan holiday used to hide the summary conversation)."""
    from django.utils import timezone

    from handover.core.actions import do_create_workspace
    from handover.core.demo import fill_workspace

    moment = datetime.fromisoformat(f"{today}T10:00:00+00:00")
    monkeypatch.setattr(timezone, "now", lambda: moment)
    workspace = do_create_workspace("Dated", actor=alice, slug=f"dated-{today}")
    fill_workspace(workspace, alice)
    assert {row["recommendation"] for row in _health_json(workspace)["engagements"]} \
        == RECOMMENDATIONS
