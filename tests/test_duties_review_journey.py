"""A duty's review says what it means, and each decision carries through: keep, extend the
trial, change its scope or price (a proposal letter, the client's answer), hand it back (the
procedure as a document in the client's language, the plan of an ending offered)."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from handover.clients.models import Engagement
from handover.core.models import AuditEvent
from handover.duties.actions import reviews
from handover.duties.actions import time as time_actions
from handover.duties.figures import per_occurrence, trend, verdict
from handover.duties.models import ClientAnswer, DutyStatus
from handover.letters.models import Letter

from .test_duties import new_duty, url

NEXT = timezone.localdate() + timedelta(days=30)


@pytest.fixture
def engagement(workspace_a):
    """An Italian client's engagement at 40 an hour."""
    engagement = Engagement.objects.filter(workspace=workspace_a,
                                           client__language="it").order_by("pk").first()
    Engagement.objects.filter(pk=engagement.pk).update(hourly_rate=Decimal("40"))
    engagement.refresh_from_db()
    return engagement


def log(duty, actor, minutes_by_day):
    for day, minutes in minutes_by_day:
        time_actions.do_log_time(duty, actor=actor, date=day, seconds=int(minutes * 60))


def weekly(start: date, minutes: list[float]):
    return [(start + timedelta(weeks=n), m) for n, m in enumerate(minutes)]


def test_it_states_a_trend_only_when_enough_entries_over_enough_weeks_support_it():
    start = date(2026, 1, 5)
    assert trend([(d, m) for d, m in weekly(start, [100, 90, 80])]) == (None, "few")
    # Six entries but within a month: still too few weeks.
    days = [(start + timedelta(days=4 * n), 100 - 5 * n) for n in range(6)]
    assert trend(days) == (None, "few")
    assert trend(weekly(start, [90, 40, 85, 45, 88, 42, 86, 44])) == (None, "unclear")
    slope, reason = trend(weekly(start, [100, 94, 88, 83, 77, 72, 66, 61]))
    assert reason == "" and -30 < slope < -20


def test_it_finds_where_the_time_settled_and_says_it_against_the_clients_own():
    entries = [(d, m, 1) for d, m in weekly(date(2026, 1, 5), [140, 120, 100, 96, 100, 98])]
    fig = per_occurrence(entries)
    assert fig.settled == 98 and fig.settled_count == 3
    said = verdict(fig, client_minutes=60, rate=Decimal("40"), client_value=None,
                   per_month=4.33)
    assert (said.kind, said.mine, said.gap) == ("slower", 98, 38)
    assert said.cost_month == Decimal("282.89")  # 98 min x 4.33 a month at 40 an hour
    assert said.value_month == Decimal("173.20")  # the client's 60 min, at the same rate
    assert (said.hours_mine, said.hours_client) == (7.1, 4.3)
    valued = verdict(fig, client_minutes=60, rate=Decimal("40"), client_value=Decimal("80"),
                     per_month=4.33)
    assert valued.value_month == Decimal("346.40")
    assert verdict(per_occurrence([]), client_minutes=60, rate=None, client_value=None,
                   per_month=None).kind == "no_time"


def test_its_review_page_says_the_verdict_in_words(alice, alice_client, workspace_a,
                                                   engagement):
    duty = new_duty(engagement, alice, client_minutes=60)
    log(duty, alice, weekly(date(2026, 1, 5), [140, 120, 100, 96, 100, 98]))
    page = alice_client.get(url(workspace_a, f"duties/{duty.pk}/review/")).content.decode()
    assert "You take 38 minutes more per occurrence than the client would (98 against 60 min)."\
        in page
    assert "Where it settled: 98 min per occurrence" in page
    # Six entries over five weeks: no trend is drawn from them, and the page says why.
    assert "No trend yet: it takes at least six entries over six weeks. From 6 entries." in page


def test_keep_ends_the_trial_and_extend_moves_its_end(alice, engagement):
    kept = new_duty(engagement, alice)
    reviews.do_record_review(kept, actor=alice, decision="keep", next_review_on=NEXT)
    kept.refresh_from_db()
    assert kept.status == DutyStatus.ACTIVE and kept.next_review_on == NEXT
    with pytest.raises(ValidationError):
        reviews.do_record_review(kept, actor=alice, decision="extend", next_review_on=NEXT)

    tried = new_duty(engagement, alice, title="Invoices")
    reviews.do_record_review(tried, actor=alice, decision="extend", next_review_on=NEXT)
    tried.refresh_from_db()
    assert tried.status == DutyStatus.TRIAL and tried.trial_review_on == NEXT
    assert AuditEvent.objects.filter(verb="duty.reviewed", data__decision="extend").exists()


def test_new_terms_are_proposed_in_a_letter_and_apply_only_once_the_client_accepts(
        alice, alice_client, workspace_a, engagement):
    duty = new_duty(engagement, alice, agreed_minutes=30)
    with pytest.raises(ValidationError):  # nothing changes: nothing to propose
        reviews.do_record_review(duty, actor=alice, decision="renegotiate",
                                 next_review_on=NEXT, terms={"agreed_minutes": 30})
    response = alice_client.post(url(workspace_a, f"duties/{duty.pk}/review/"), {
        "decision": "renegotiate", "next_review_on": NEXT.isoformat(),
        "agreed_minutes": "45", "hourly_rate": "45.00", "scope": ""})
    assert response.status_code == 302
    review = duty.reviews.get()
    assert review.proposed_terms == {"agreed_minutes": 45, "hourly_rate": "45.00"}
    assert review.client_answer == ClientAnswer.PENDING
    letter = Letter.objects.get(pk=review.letter_id)
    assert letter.kind == "terms_proposal" and letter.language == "it"
    assert duty.title in letter.body and "45" in letter.body and "{" not in letter.body
    duty.refresh_from_db()
    engagement.refresh_from_db()
    assert duty.agreed_minutes == 30 and engagement.hourly_rate == Decimal("40")
    page = alice_client.get(url(workspace_a, f"duties/{duty.pk}/")).content.decode()
    assert "New terms waiting for the client" in page

    alice_client.post(url(workspace_a, f"reviews/{review.pk}/answer/"),
                      {"answer": "accepted", "note": "Fine from March."})
    duty.refresh_from_db()
    engagement.refresh_from_db()
    review.refresh_from_db()
    assert review.client_answer == ClientAnswer.ACCEPTED
    assert duty.agreed_minutes == 45 and engagement.hourly_rate == Decimal("45.00")
    assert AuditEvent.objects.filter(verb="duty.terms_answered").count() == 1
    with pytest.raises(ValidationError):
        reviews.do_record_terms_answer(review, actor=alice, accepted=False)


def test_declined_terms_change_nothing(alice, engagement):
    duty = new_duty(engagement, alice, agreed_minutes=30)
    review = reviews.do_record_review(duty, actor=alice, decision="renegotiate",
                                      next_review_on=NEXT, terms={"agreed_minutes": 50})
    reviews.do_record_terms_answer(review, actor=alice, accepted=False, note="Too much.")
    duty.refresh_from_db()
    assert duty.agreed_minutes == 30
    assert duty.changes.filter(kind="terms_answer").get().reason == "Too much."


def test_a_duty_handed_back_gives_the_client_its_procedure_and_offers_the_ending(
        alice, alice_client, workspace_a, engagement):
    from docx import Document

    from handover.duties.models import Duty

    Duty.objects.filter(engagement=engagement).update(status=DutyStatus.RETIRED)
    duty = new_duty(engagement, alice)
    response = alice_client.post(url(workspace_a, f"duties/{duty.pk}/review/"),
                                 {"decision": "hand_back", "notes": "The client takes it."})
    assert response.status_code == 302
    duty.refresh_from_db()
    assert duty.status == DutyStatus.HANDED_BACK and duty.next_review_on is None
    page = alice_client.get(url(workspace_a, f"duties/{duty.pk}/")).content.decode()
    assert f"offboarding/new/?engagement={engagement.pk}" in page
    document = alice_client.get(url(workspace_a, f"duties/{duty.pk}/handed-back.docx"))
    text = "\n".join(p.text for p in Document(io.BytesIO(document.content)).paragraphs)
    assert "Come si svolge Payroll check" in text  # the client's language
    assert "Open the sheet." in text and "Check the totals." in text
    pdf = alice_client.get(url(workspace_a, f"duties/{duty.pk}/handed-back.pdf"))
    assert pdf.content.startswith(b"%PDF")
    with pytest.raises(ValidationError):
        reviews.do_record_review(duty, actor=alice, decision="keep", next_review_on=NEXT)


def test_its_first_procedure_version_keeps_the_reason_typed(alice, engagement):
    duty = new_duty(engagement, alice, reason="The client asked for it.")
    assert duty.versions.get().change_note == "The client asked for it."


def test_the_api_proposes_new_terms_and_records_the_clients_answer(alice, workspace_a,
                                                                   engagement):
    from .conftest import token_client

    api = token_client(alice)
    duty = new_duty(engagement, alice, agreed_minutes=30)
    made = api.post(f"/api/w/{workspace_a.slug}/duties/{duty.pk}/reviews", {
        "decision": "renegotiate", "next_review_on": NEXT.isoformat(), "agreed_minutes": 40},
        content_type="application/json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["proposed_terms"] == {"agreed_minutes": 40}
    assert body["client_answer"] == "pending" and body["letter_id"]
    answered = api.post(f"/api/w/{workspace_a.slug}/reviews/{body['id']}/answer",
                        {"answer": "accepted"}, content_type="application/json")
    assert answered.status_code == 200 and answered.json()["client_answer"] == "accepted"
    duty.refresh_from_db()
    assert duty.agreed_minutes == 40
    again = api.post(f"/api/w/{workspace_a.slug}/reviews/{body['id']}/answer",
                     {"answer": "declined"}, content_type="application/json")
    assert again.status_code == 422
