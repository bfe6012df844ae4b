"""In Chromium, in Italian and then in Norwegian: four duties on trial reviewed to each of the
four decisions (keep, change its price, hand it back, extend the trial), the client's answer
to the new terms, and a collaborator's monthly report at phone width."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from handover.clients.demo import fill as fill_clients
from handover.clients.models import Engagement
from handover.core.actions import do_create_workspace
from handover.duties.actions import duties as duty_actions
from handover.duties.actions import reports as report_actions
from handover.duties.actions import time as time_actions
from handover.duties.models import ClientAnswer, Duty, DutyStatus, ReportRequest, Review
from handover.letters.models import Letter

from .browser import page  # noqa: F401 - the fixture
from .conftest import PASSWORD, make_user
from .letters_world import join

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/handover-shots"  # noqa: S108 - looked at by the person running the walk
ENGLISH = ("You take", "Where it settled", "Record the decision", "New terms waiting",
           "Handed back to the client", "Send the report")


def sign_in(page, email):  # noqa: F811
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/w/**")


def no_english(page):  # noqa: F811
    text = page.locator("main").inner_text()
    assert not [phrase for phrase in ENGLISH if phrase in text], text[:600]


def trial_duties(workspace, owner, engagement):
    start = timezone.localdate() - timedelta(weeks=9)
    duties = []
    for title in ("Keep", "Price", "Back", "Extend"):
        duty = duty_actions.do_create_duty(
            engagement, actor=owner, title=f"{title} duty", assignee=owner, status="trial",
            started_on=start, trial_review_on=timezone.localdate(), frequency="weekly",
            client_minutes=60, agreed_minutes=45, procedure="1. Apri il file.\n2. Controlla.",
            reason="In prova.")
        for week, minutes in enumerate([110, 95, 90, 84, 80, 78, 77, 76]):
            time_actions.do_log_time(duty, actor=owner, date=start + timedelta(weeks=week),
                                     seconds=minutes * 60)
        duties.append(duty)
    return duties


def decide(page, workspace, duty, decision, shot, **fields):  # noqa: F811
    page.goto(f"/w/{workspace.slug}/duties/{duty.pk}/review/")
    page.locator(".verdict-sentence").wait_for()
    no_english(page)
    page.locator(f"input[name=decision][value={decision}]").check()
    for name, value in fields.items():
        page.locator(f"[name={name}]").fill(value)
    page.screenshot(path=f"{SHOTS}/{shot}.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (shot, width)
    page.locator("form.card button[type=submit]").click()
    page.wait_for_url(f"**/duties/{duty.pk}/")


@pytest.mark.parametrize("language", ["it", "nb"])
def test_it_reviews_four_trials_to_four_decisions_and_a_collaborator_reports(
        page, language):  # noqa: F811
    owner = make_user("owner@walk.example", "Owner Walk", language=language)
    workspace = do_create_workspace("Walk Studio", actor=owner, slug="walk")
    fill_clients(workspace, owner)
    engagement = Engagement.objects.filter(workspace=workspace, client__language=language
                                           ).order_by("pk").first()
    Engagement.objects.filter(pk=engagement.pk).update(hourly_rate=Decimal("40"))
    keep, price, back, extend = trial_duties(workspace, owner, engagement)
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, owner.email)
    later = (timezone.localdate() + timedelta(days=60)).isoformat()

    decide(page, workspace, keep, "keep", f"{language}-1-keep", next_review_on=later)
    decide(page, workspace, price, "renegotiate", f"{language}-2-price",
           next_review_on=later, hourly_rate="46")
    review = Review.objects.get(duty=price)
    letter = Letter.objects.get(pk=review.letter_id)
    assert letter.kind == "terms_proposal" and letter.language == language
    assert "{" not in letter.body and "46" in letter.body
    page.locator(f"#terms-{review.pk}").wait_for()
    no_english(page)
    page.screenshot(path=f"{SHOTS}/{language}-3-terms.png", full_page=True)
    page.locator(f"#terms-{review.pk} ~ form button[value=accepted], "
                 f"form[action$='/reviews/{review.pk}/answer/'] button[value=accepted]"
                 ).first.click()
    page.wait_for_url(f"**/duties/{price.pk}/")
    review.refresh_from_db()
    engagement.refresh_from_db()
    assert review.client_answer == ClientAnswer.ACCEPTED
    assert engagement.hourly_rate == Decimal("46")

    decide(page, workspace, back, "hand_back", f"{language}-4-back")
    page.locator("#handed-back").wait_for()
    no_english(page)
    with page.expect_download() as download:
        page.locator("a[href$='handed-back.docx']").click()
    assert download.value.suggested_filename == "back-duty.docx"
    decide(page, workspace, extend, "extend", f"{language}-5-extend", next_review_on=later)
    states = dict(Duty.objects.filter(workspace=workspace).values_list("title", "status"))
    assert states == {"Keep duty": DutyStatus.ACTIVE, "Price duty": DutyStatus.ACTIVE,
                      "Back duty": DutyStatus.HANDED_BACK, "Extend duty": DutyStatus.TRIAL}
    assert Duty.objects.get(pk=extend.pk).trial_review_on.isoformat() == later
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width

    # A collaborator, asked for last month's report, sends it from her phone.
    helper = join(workspace, owner, "helper@walk.example", "Hedda Helper", "collaborator",
                  language=language)
    Duty.objects.filter(pk=keep.pk).update(assignee=helper)
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    report_actions.do_request_reports(workspace, actor=owner, month=month,
                                      due_on=timezone.localdate() + timedelta(days=5))
    request = ReportRequest.objects.get(collaborator=helper)
    page.context.clear_cookies()
    sign_in(page, helper.email)
    page.goto(f"/w/{workspace.slug}/reports/{request.pk}/")
    page.locator(f"input[name=d{keep.pk}-minutes]").fill("300")
    page.locator(f"textarea[name=d{keep.pk}-suggestions]").fill("…")
    page.screenshot(path=f"{SHOTS}/{language}-6-report.png", full_page=True)
    no_english(page)
    page.locator("main form button.primary").click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.submitted_at is not None
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

