"""The offboarding journey's letters are the letters app's kinds: shipped in five languages,
checked, overridden per workspace and held back by the approval policy like every other."""

import re
from datetime import UTC, date, datetime

import pytest
from django.conf import settings
from icalendar import Calendar

from handover.clients.models import Client
from handover.core.models import AuditEvent, OutboundEmail
from handover.letters.actions import (
    do_approve_letter,
    do_save_template,
    do_send_letter,
    do_set_policy,
)
from handover.letters.kinds import DEFAULT_APPROVAL, Kind
from handover.letters.models import Letter, LetterState
from handover.offboarding.actions import access as actions
from handover.offboarding.actions import plans as plan_actions
from handover.offboarding.models import AccessAccount, AccountState, Plan

from .conftest import make_user, signed_in

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LEFT_OVER = re.compile(r"\{\w*\}|%\(\w+\)s")
CALL_AT = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)


def _plan(workspace, language=None) -> Plan:
    plan = Plan.objects.select_related("engagement__client").get(workspace=workspace)
    if language:
        Client.objects.filter(pk=plan.engagement.client_id).update(language=language)
        plan = Plan.objects.select_related("engagement__client").get(pk=plan.pk)
    return plan


def _accounts(plan) -> list[AccessAccount]:
    return list(AccessAccount.objects.filter(engagement=plan.engagement).order_by("pk"))


def _with_call(plan, email="tomasz@example.org") -> Plan:
    plan.successor_name, plan.successor_email, plan.call_at = "Tomasz", email, CALL_AT
    plan.save()
    return plan


@pytest.mark.parametrize("code", LANGUAGES)
def test_it_sends_both_letters_complete_and_clean_in_each_language(
        code, alice, demo_workspace_a, django_capture_on_commit_callbacks, mailoutbox):
    plan = _plan(demo_workspace_a, code)
    accounts = _accounts(plan)[:2]
    with django_capture_on_commit_callbacks(execute=True):
        revocation = actions.do_request_revocation(
            plan.engagement, actor=alice, accounts=accounts,
            to="anna@kowalczyk-logistyka.example", author=alice.display_name)
        invitation = plan_actions.do_invite_successor(
            _with_call(plan), actor=alice, agenda=["Kontakty", "Faktury"],
            author=alice.display_name)
    for letter, kind in ((revocation, Kind.ACCESS_REVOCATION), (invitation, Kind.HANDOVER_CALL)):
        letter.refresh_from_db()
        assert letter.kind == kind and letter.language == code
        assert letter.findings == [], (kind, code, letter.findings)  # the lint ran: clean
        assert letter.state == LetterState.SENT and letter.email.language == code
        text = letter.email.subject + "\n" + letter.email.body
        assert not LEFT_OVER.search(text), (kind, code, text)
        assert plan.engagement.title in letter.email.subject
        assert alice.display_name in letter.email.body
    assert accounts[0].system in revocation.email.body
    assert "Kontakty" in invitation.email.body and "Faktury" in invitation.email.body
    assert invitation.email.to == "tomasz@example.org"
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"anna@kowalczyk-logistyka.example", "tomasz@example.org"}
    name, content, mime = by_address["tomasz@example.org"].attachments[0]
    assert name == "invitation.ics" and mime.startswith("text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["summary"]) == invitation.subject


def test_a_workspace_override_of_the_revocation_request_is_what_the_client_receives(
        alice, demo_workspace_a, django_capture_on_commit_callbacks, mailoutbox):
    plan = _plan(demo_workspace_a)  # the Polish client
    do_save_template(demo_workspace_a, actor=alice, kind=Kind.ACCESS_REVOCATION, language="pl",
                     subject="Dostępy do zamknięcia: {engagement_title}",
                     body="Dzień dobry,\n\ndo {end_date} proszę zamknąć:\n\n{access_list}\n\n"
                          "Dziękuję!\n{sender_name}\n")
    with django_capture_on_commit_callbacks(execute=True):
        letter = actions.do_request_revocation(
            plan.engagement, actor=alice, accounts=_accounts(plan)[:1],
            to="anna@kowalczyk-logistyka.example", author=alice.display_name,
            last_day=date(2026, 12, 20))
    message = mailoutbox[-1]
    assert "do 20 grudnia 2026 proszę" in message.body  # the plan's last day, in Polish
    assert message.subject == f"Dostępy do zamknięcia: {plan.engagement.title}"
    assert message.body.startswith("Dzień dobry,\n\ndo ") and "Dziękuję!" in message.body
    assert "Poczta Kowalczyk" in message.body
    letter.refresh_from_db()
    assert letter.email.kind == "letter.access_revocation" and letter.findings == []
    # English is untouched: the override is per kind and language.
    Client.objects.filter(pk=plan.engagement.client_id).update(language="en")
    english = actions.do_request_revocation(
        _plan(demo_workspace_a).engagement, actor=alice, accounts=_accounts(plan)[1:2],
        to="anna@kowalczyk-logistyka.example")
    assert english.subject.startswith("Please revoke my access")


def test_a_serious_finding_holds_the_request_back_and_the_accounts_stay_active(
        alice, demo_workspace_a):
    plan = _plan(demo_workspace_a, "en")
    do_save_template(demo_workspace_a, actor=alice, kind=Kind.ACCESS_REVOCATION, language="en",
                     subject="Access: {engagement_title}",
                     body="Dear {recipient_name},\n\nBetween you and me, please close these "
                          "by {end_date}:\n{access_list}\n\n{sender_name}\n")
    client = signed_in(alice)
    url = f"/w/{demo_workspace_a.slug}/access/engagements/{plan.engagement_id}/revocation/"
    accounts = _accounts(plan)[:2]
    response = client.post(url, {"to": "anna@kowalczyk-logistyka.example",
                                 "accounts": [a.pk for a in accounts]})
    letter = Letter.objects.get(workspace=demo_workspace_a, kind=Kind.ACCESS_REVOCATION)
    assert response.status_code == 302
    assert response.url == f"/w/{demo_workspace_a.slug}/letters/{letter.pk}/"
    assert [f["rule"] for f in letter.high_findings] == ["confidential"]
    assert letter.state == LetterState.DRAFT and letter.email is None
    assert not OutboundEmail.objects.filter(kind="letter.access_revocation").exists()
    assert {a.state for a in AccessAccount.objects.filter(pk__in=[a.pk for a in accounts])} == {
        AccountState.ACTIVE}
    assert not AuditEvent.objects.filter(verb="access_account.revocation_requested").exists()
    page = client.get(response.url).content.decode()
    assert "The check found serious problems" in page


def test_the_invitation_waits_for_approval_when_the_policy_asks_for_it(
        alice, demo_workspace_a, django_capture_on_commit_callbacks, mailoutbox):
    assert Kind.HANDOVER_CALL not in DEFAULT_APPROVAL
    assert Kind.ACCESS_REVOCATION not in DEFAULT_APPROVAL
    do_set_policy(demo_workspace_a, actor=alice, approval_kinds=[Kind.HANDOVER_CALL])
    plan = _with_call(_plan(demo_workspace_a))
    client = signed_in(alice)
    url = f"/w/{demo_workspace_a.slug}/offboarding/{plan.pk}/call/"
    response = client.post(url, {
        "successor_name": "Tomasz", "successor_email": "tomasz@example.org",
        "call_at": "2026-12-14T10:00", "call_minutes": "60", "recording_url": "",
        "call_notes": "", "invite": "1"})
    letter = Letter.objects.get(workspace=demo_workspace_a, kind=Kind.HANDOVER_CALL)
    assert response.url == f"/w/{demo_workspace_a.slug}/letters/{letter.pk}/"
    plan.refresh_from_db()
    assert plan.call_invited_at is None and letter.email is None
    assert letter.recipient_email == "tomasz@example.org" and letter.recipient_name == "Tomasz"
    do_approve_letter(letter, actor=alice)
    with django_capture_on_commit_callbacks(execute=True):
        do_send_letter(letter, actor=alice)
    assert mailoutbox[-1].to == ["tomasz@example.org"]


def test_the_invitation_is_written_in_a_member_successors_own_language(
        alice, demo_workspace_a, django_capture_on_commit_callbacks):
    from handover.core.actions import do_accept_invitation, do_invite_member

    successor = make_user("nora@a.example", "Nora Nilsen", "nb")
    invitation, _token = do_invite_member(demo_workspace_a, actor=alice, email=successor.email,
                                          role="member", language="nb")
    do_accept_invitation(invitation, actor=successor)
    plan = _with_call(_plan(demo_workspace_a), email="NORA@a.example")  # the client is Polish
    with django_capture_on_commit_callbacks(execute=True):
        letter = plan_actions.do_invite_successor(plan, actor=alice, agenda=["Kontakter"])
    assert letter.language == "nb" and letter.subject.startswith("Overleveringsmøte")
    assert letter.body.startswith("Hei Tomasz,")


def test_only_the_letter_to_the_client_is_filed_as_an_interaction(
        alice, demo_workspace_a, django_capture_on_commit_callbacks):
    from handover.interactions.models import Interaction

    plan = _plan(demo_workspace_a)
    with django_capture_on_commit_callbacks(execute=True):
        revocation = actions.do_request_revocation(
            plan.engagement, actor=alice, accounts=_accounts(plan)[:1],
            to="anna@kowalczyk-logistyka.example")
        invitation = plan_actions.do_invite_successor(_with_call(plan), actor=alice,
                                                 agenda=["Kontakty"])
    filed = set(Interaction.objects.filter(workspace=demo_workspace_a,
                                           source_id__startswith="letter:")
                .values_list("source_id", flat=True))
    assert f"letter:{revocation.pk}" in filed and f"letter:{invitation.pk}" not in filed
