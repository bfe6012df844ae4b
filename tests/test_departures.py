"""Departures: told to a manager first, approved, clients reassigned, letters, tracker."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from handover.clients.models import Client, Engagement
from handover.core.models import AuditEvent, Membership
from handover.core.schedule import jobs
from handover.departures.actions import (
    do_approve_departure,
    do_deactivate_leaver,
    do_draft_departure_letters,
    do_log_question,
    do_reassign,
    do_record_departure,
)
from handover.departures.models import DepartureState, Reassignment
from handover.departures.selectors import end_of_last_day, leavers_due, tracker
from handover.departures.tasks import deactivate_due_leavers
from handover.letters.actions import (
    do_approve_letter,
    do_edit_letter,
    do_override_findings,
    do_record_legal_review,
    do_send_letter,
    do_set_policy,
)
from handover.letters.models import LetterState
from handover.letters.selectors import obstacles

from .conftest import signed_in
from .letters_world import build, join


@pytest.fixture
def team(alice, workspace_a):
    eve = join(workspace_a, alice, "eve@x.example", "Eve Esposito", "member")
    dora = join(workspace_a, alice, "dora@x.example", "Dora Dalla", "manager")
    piet = join(workspace_a, alice, "piet@x.example", "Piet Prins", "member")
    Engagement.objects.filter(workspace=workspace_a).update(account_manager=eve)
    return workspace_a, eve, dora, piet


def membership(workspace, user):
    return Membership.objects.get(workspace=workspace, user=user)


def test_a_leaver_tells_her_manager_first_and_nothing_moves_until_approval(team):
    workspace, eve, dora, piet = team
    departure = do_record_departure(workspace, actor=eve, member=membership(workspace, eve),
                                    kind="resignation", last_day=date(2026, 5, 15),
                                    confidential_reason="she says: burnout",
                                    new_employer="Rival Partners",
                                    new_employer_is_competitor=True)
    assert departure.state == DepartureState.PROPOSED
    assert departure.confidential_reason == ""  # only managers record a reason
    with pytest.raises(ValidationError):
        do_draft_departure_letters(departure, actor=dora, kind="farewell")
    with pytest.raises(ValidationError):
        do_approve_departure(departure, actor=piet)
    with pytest.raises(ValidationError):
        do_record_departure(workspace, actor=piet, member=membership(workspace, eve),
                            kind="layoff", last_day=date(2026, 5, 1))
    do_approve_departure(departure, actor=dora)
    assert departure.state == DepartureState.APPROVED


def test_the_bulk_reassignment_previews_then_applies(team, alice):
    workspace, eve, dora, piet = team
    departure = do_record_departure(workspace, actor=alice, member=membership(workspace, eve),
                                    kind="layoff", last_day=date(2026, 5, 15))
    engagements = list(Engagement.objects.filter(workspace=workspace).order_by("pk"))
    owner = signed_in(alice)
    url = f"/w/{workspace.slug}/departures/{departure.pk}/reassign/"
    page = owner.get(url).content.decode()
    assert all(e.title in page for e in engagements)
    post = {f"succ_{engagements[0].pk}": dora.pk, f"succ_{engagements[1].pk}": piet.pk,
            f"phone_{engagements[0].pk}": "+39 02 555 0199", "preview": "1"}
    preview = owner.post(url, post).content.decode()
    assert "Apply the reassignment" in preview and "Dora Dalla" in preview
    assert not Reassignment.objects.exists()
    assert Engagement.objects.get(pk=engagements[0].pk).account_manager == eve
    post.pop("preview")
    response = owner.post(url, {**post, "apply": "1"})
    assert response.status_code == 302
    assert Engagement.objects.get(pk=engagements[0].pk).account_manager == dora
    assert Engagement.objects.get(pk=engagements[1].pk).account_manager == piet
    assert Engagement.objects.get(pk=engagements[2].pk).account_manager == eve
    row = Reassignment.objects.get(engagement=engagements[0])
    assert row.successor_phone == "+39 02 555 0199"
    assert AuditEvent.objects.filter(verb="departure.reassigned").count() == 2
    # A layoff: the company's neutral notice is drafted for each reassigned client.
    drafted = departure.letters.all()
    assert {(x.kind, x.client_id) for x in drafted} == {
        ("no_longer_with_us", engagements[0].client_id),
        ("no_longer_with_us", engagements[1].client_id)}
    # The leaver cannot be her own successor.
    bad = owner.post(url, {f"succ_{engagements[2].pk}": eve.pk, "apply": "1"})
    assert bad.status_code == 200 and "not the person leaving" in bad.content.decode()


def test_it_deactivates_the_leaver_at_the_first_run_of_the_job_after_the_last_day(team, alice):
    workspace, eve, dora, piet = team
    departure = do_record_departure(workspace, actor=alice, member=membership(workspace, eve),
                                    kind="retirement", last_day=date(2026, 5, 15))
    end = end_of_last_day(departure)
    assert list(leavers_due(workspace.pk, now=end - timedelta(minutes=1))) == []
    assert list(leavers_due(workspace.pk, now=end + timedelta(seconds=1))) == [departure]
    assert not do_deactivate_leaver(departure, now=end - timedelta(minutes=1))
    assert membership(workspace, eve).is_active
    assert deactivate_due_leavers.call(workspace.pk) == 1  # the job, long after the day
    departure.refresh_from_db()
    assert departure.state == DepartureState.COMPLETED
    assert not membership(workspace, eve).is_active
    assert AuditEvent.objects.filter(verb="member.removed").exists()
    assert not do_deactivate_leaver(departure, now=timezone.now())  # once only
    assert deactivate_due_leavers.call(workspace.pk) == 0
    assert "departures.deactivate" in {job.name for job in jobs()}


def test_letters_need_approval_a_competitor_blocks_and_the_override_is_audited(
        alice, workspace_a, django_capture_on_commit_callbacks):
    departure, eve, (dora, piet) = build(workspace_a, alice, kind="resignation", reason="")
    letters = do_draft_departure_letters(departure, actor=dora, kind="farewell")
    assert len(letters) == Client.objects.filter(workspace=workspace_a).count()
    letter = letters[0]
    assert any("approval" in o for o in obstacles(letter))
    with pytest.raises(ValidationError):
        do_send_letter(letter, actor=dora)
    with pytest.raises(ValidationError):
        do_approve_letter(letter, actor=piet)  # a member cannot approve
    do_edit_letter(letter, actor=eve, subject=letter.subject,
                   body=letter.body + "\nI am joining Rival Partners.\n",
                   recipient_email=letter.recipient_email)
    assert [f["rule"] for f in letter.high_findings] == ["competitor"]
    do_approve_letter(letter, actor=dora)
    with pytest.raises(ValidationError, match="serious problems"):
        do_send_letter(letter, actor=dora)
    with pytest.raises(ValidationError):
        do_override_findings(letter, actor=piet, note="fine")
    do_override_findings(letter, actor=dora, note="The client already knows; agreed with HR.")
    event = AuditEvent.objects.get(verb="letter.override", target_id=str(letter.pk))
    assert event.data["rules"] == ["competitor"] and event.actor == dora
    with django_capture_on_commit_callbacks(execute=True):
        do_send_letter(letter, actor=dora)
    letter.refresh_from_db()
    assert letter.state == LetterState.SENT
    rows = {row["client"].pk: row for row in tracker(departure)}
    assert rows[letter.client_id]["told"]
    assert sum(row["told"] for row in rows.values()) == 1


def test_a_policy_can_waive_approval_but_a_public_statement_needs_a_legal_review(
        alice, workspace_a, django_capture_on_commit_callbacks):
    departure, eve, (dora, piet) = build(workspace_a, alice)
    do_set_policy(workspace_a, actor=alice, approval_kinds=[], legal_reviewers=[piet])
    (farewell, *_rest) = do_draft_departure_letters(departure, actor=dora, kind="farewell")
    assert obstacles(farewell) == []
    (statement,) = do_draft_departure_letters(departure, actor=dora, kind="public_statement")
    do_edit_letter(statement, actor=dora, subject=statement.subject, body=statement.body,
                   recipient_email="press@news.example")
    assert any("legal review" in o for o in obstacles(statement))
    with pytest.raises(ValidationError):
        do_record_legal_review(statement, actor=alice, note="ok")  # Piet is the reviewer
    with pytest.raises(ValidationError):
        do_record_legal_review(statement, actor=piet, note="  ")
    do_record_legal_review(statement, actor=piet, note="Reviewed with counsel; no liability.")
    assert obstacles(statement) == []
    with django_capture_on_commit_callbacks(execute=True):
        do_send_letter(statement, actor=dora)
    statement.refresh_from_db()
    assert statement.state == LetterState.SENT


def test_questions_are_logged_and_routed_and_counted_in_the_tracker(alice, workspace_a):
    departure, eve, (dora, piet) = build(workspace_a, alice)
    client = Client.objects.get(workspace=workspace_a, language="pl")
    do_log_question(departure, actor=dora, client=client, asked_by="Anna Kowalczyk",
                    question="Did she take our data with her?", routed_to="legal")
    response = signed_in(dora).post(
        f"/w/{workspace_a.slug}/departures/{departure.pk}/questions/",
        {"client": client.pk, "asked_by": "Piotr Nowak", "question": "Why did she leave?",
         "routed_to": "hr"})
    assert response.status_code == 302
    rows = {row["client"].pk: row for row in tracker(departure)}
    assert rows[client.pk]["questions"] == 2
    page = signed_in(dora).get(f"/w/{workspace_a.slug}/departures/{departure.pk}/")
    text = page.content.decode()
    assert "Did she take our data with her?" in text and "Lawyer" in text
    # A member who is not a manager cannot log or read them.
    assert signed_in(piet).post(
        f"/w/{workspace_a.slug}/departures/{departure.pk}/questions/", {}).status_code == 403


def test_the_reassignment_refuses_someone_outside_the_workspace(team, alice, charlie):
    workspace, eve, dora, piet = team
    departure = do_record_departure(workspace, actor=alice, member=membership(workspace, eve),
                                    kind="layoff", last_day=date(2026, 5, 15))
    engagement = Engagement.objects.filter(workspace=workspace).first()
    with pytest.raises(ValidationError):
        do_reassign(departure, actor=alice, choices={engagement.pk: charlie})
    assert Engagement.objects.get(pk=engagement.pk).account_manager == eve


def test_the_talking_points_go_to_each_successor_in_their_language(alice, workspace_a):
    departure, eve, (dora, piet) = build(workspace_a, alice)
    piet.language = "nb"
    piet.save()
    letters = do_draft_departure_letters(departure, actor=alice, kind="talking_points")
    by_email = {letter.recipient_email: letter for letter in letters}
    assert set(by_email) == {dora.email, piet.email}
    assert by_email[piet.email].language == "nb"
    assert "Eve Esposito" in by_email[piet.email].body
    assert by_email[piet.email].findings == []
    assert "Studio Legale Neri" in by_email[dora.email].body


def test_a_member_who_tells_first_reaches_the_managers_by_mail(
        demo_workspace_a, team, alice, django_capture_on_commit_callbacks):
    from django.core import mail

    workspace, eve, dora, piet = team
    dora.language = "pl"
    dora.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(eve).post(f"/w/{workspace.slug}/departures/new/", {
            "member": membership(workspace, eve).pk, "kind": "resignation",
            "last_day": "2026-05-15", "confidential_reason": "ignored"})
    assert response.status_code == 302
    to = {m.to[0]: m for m in mail.outbox}
    assert set(to) == {alice.email, dora.email}
    assert "15 maja 2026" in to[dora.email].body
    assert to[dora.email].extra_headers["Content-Language"] == "pl"
    departure = eve.memberships.get().departures.get()
    assert departure.confidential_reason == ""
    # The manager completes it, approves it, and the dashboard shows it.
    owner = signed_in(alice)
    edit = owner.post(f"/w/{workspace.slug}/departures/{departure.pk}/edit/", {
        "kind": "resignation", "last_day": "2026-05-20", "confidential_reason": "Burnout.",
        "hr_contact": "Dora Dalla"})
    assert edit.status_code == 302
    departure.refresh_from_db()
    assert departure.last_day == date(2026, 5, 20) and departure.confidential_reason
    assert owner.post(f"/w/{workspace.slug}/departures/{departure.pk}/approve/").status_code \
        == 302
    dashboard = owner.get(f"/w/{workspace.slug}/").content.decode()
    assert "Departures and letters" in dashboard and "Eve Esposito" in dashboard


def test_the_last_owner_is_not_deactivated_until_someone_else_owns_the_workspace(
        alice, workspace_a):
    departure = do_record_departure(workspace_a, actor=alice,
                                    member=membership(workspace_a, alice),
                                    kind="retirement", last_day=date(2026, 1, 31))
    assert not do_deactivate_leaver(departure, now=end_of_last_day(departure)
                                    + timedelta(hours=1))
    assert membership(workspace_a, alice).is_active
    assert not do_deactivate_leaver(departure, now=end_of_last_day(departure)
                                    + timedelta(hours=2))  # the job's next run
    assert AuditEvent.objects.filter(verb="departure.deactivation_blocked").count() == 1


def test_it_hands_the_leavers_duties_and_steps_on_and_flags_her_accounts(demo_workspace_a, team):
    from handover.duties.models import Duty, DutyChange
    from handover.offboarding.actions.access import do_add_account
    from handover.offboarding.models import AccessAccount, PlanStep, StepState

    workspace, eve, dora, piet = team
    duty = Duty.objects.filter(workspace=workspace).first()
    engagement = duty.engagement
    Duty.objects.filter(pk=duty.pk).update(assignee=eve, status="active")
    step = PlanStep.objects.filter(workspace=workspace, state=StepState.OPEN).first()
    PlanStep.objects.filter(pk=step.pk).update(owner=eve)
    step_engagement = step.plan.engagement
    account = do_add_account(workspace, actor=dora, engagement=engagement, system="CRM",
                             login="eve", holder=eve)
    departure = do_record_departure(workspace, actor=dora, member=membership(workspace, eve),
                                    kind="layoff", last_day=date(2026, 6, 30))
    if departure.state != DepartureState.APPROVED:
        do_approve_departure(departure, actor=dora)
    assert AccessAccount.objects.get(pk=account.pk).flagged_at is not None
    do_reassign(departure, actor=dora, choices={engagement.pk: piet,
                                                step_engagement.pk: piet})
    duty.refresh_from_db()
    assert duty.assignee == piet
    assert DutyChange.objects.filter(duty=duty, kind="assignee").exists()
    assert PlanStep.objects.get(pk=step.pk).owner == piet
    row = Reassignment.objects.get(departure=departure, engagement=engagement)
    assert row.moved_items["duties"] >= 1
