"""Collaborators' monthly reports, end to end: who is asked and why the others are not, the
demo's collaborator signing in to her request, the late reminder in her language, a phone."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from handover.clients.models import Engagement
from handover.core.actions import (
    do_accept_invitation,
    do_create_workspace,
    do_invite_member,
    do_remove_member,
    do_run_due_jobs,
)
from handover.core.models import Membership, Role, Workspace
from handover.core.templatetags.handover import date_long, month_long
from handover.duties.actions import duties as duty_actions
from handover.duties.actions import reports as report_actions
from handover.duties.actions.reports import NotAsked
from handover.duties.models import Duty, ReportRequest

from .browser import page  # noqa: F401 - the fixture
from .conftest import PASSWORD, make_user, signed_in

MONTH, DUE = "2026-01-15", "2026-02-05"


def join(workspace, owner, email, name, role=Role.COLLABORATOR, language="en"):
    user = make_user(email, name, language)
    invitation, _token = do_invite_member(workspace, actor=owner, email=email, role=role,
                                          language=language)
    do_accept_invitation(invitation, actor=user)
    return user


def carry(workspace, owner, user, title):
    engagement = Engagement.objects.filter(workspace=workspace).order_by("pk").first()
    return duty_actions.do_create_duty(
        engagement, actor=owner, title=title, assignee=user, status="active",
        started_on=date(2025, 11, 3), frequency="weekly", reason="Agreed with the client.")


@pytest.fixture
def team(alice, bob, workspace_a):
    """Bob and a manager carry open duties; the others show each reason for not asking."""
    carry(workspace_a, alice, bob, "Inbox")
    do_create_workspace("Bob Bianchi VA", actor=bob, slug="bob-va")  # owner elsewhere
    carry(workspace_a, alice, alice, "Invoices")  # the owner is never asked
    people = {"bob": bob, "alice": alice}
    people["cora"] = join(workspace_a, alice, "cora@c.example", "Cora Colombo")
    people["dora"] = join(workspace_a, alice, "dora@d.example", "Dora Donati")
    carry(workspace_a, alice, people["dora"], "Calendar")
    people["dora"].is_active = False
    people["dora"].save()
    people["enzo"] = join(workspace_a, alice, "enzo@e.example", "Enzo Esposito",
                          role=Role.MANAGER)
    carry(workspace_a, alice, people["enzo"], "Supplier orders")
    people["fede"] = join(workspace_a, alice, "fede@f.example", "Federica Ferrari")
    carry(workspace_a, alice, people["fede"], "Travel bookings")
    ReportRequest.objects.create(workspace=workspace_a, collaborator=people["fede"],
                                 month=date(2026, 1, 1), due_on=date(2026, 2, 1),
                                 requested_by=alice)
    people["gino"] = join(workspace_a, alice, "gino@g.example", "Gino Galli")
    carry(workspace_a, alice, people["gino"], "Archive")
    do_remove_member(Membership.objects.get(workspace=workspace_a, user=people["gino"]),
                     actor=alice)
    people["hana"] = join(workspace_a, alice, "hana@h.example", "Hana Hill", role=Role.MEMBER)
    return people


def press_send(client, workspace) -> list[str]:
    response = client.post(f"/w/{workspace.slug}/reports/", {"month": MONTH, "due_on": DUE},
                           follow=True)
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


def test_it_moves_the_report_actions_into_their_own_module():
    from handover.duties.actions import duties as duties_module
    from handover.duties.actions.reports import (
        do_remind_late_report,
        do_request_reports,
        do_submit_report,
    )

    for action in (do_request_reports, do_submit_report, do_remind_late_report):
        assert action.__module__ == "handover.duties.actions.reports"
    assert not hasattr(duties_module, "do_submit_report")
    # The daily round stays with the duties and calls the moved actions.
    assert duties_module.do_request_reports is do_request_reports
    assert duties_module.do_remind_late_report is do_remind_late_report


def test_it_returns_who_was_asked_and_why_each_other_collaborator_was_not(
        alice, workspace_a, team):
    done = report_actions.do_request_reports(workspace_a, actor=alice, month=date(2026, 1, 9),
                                             due_on=date(2026, 2, 5))
    assert {r.collaborator for r in done.asked} == {team["bob"], team["enzo"]}
    assert len(done) == 2 and done.month == date(2026, 1, 1)
    assert dict(done.skipped) == {
        team["cora"]: NotAsked.NO_OPEN_DUTY, team["dora"]: NotAsked.INACTIVE,
        team["fede"]: NotAsked.ALREADY_REQUESTED, team["gino"]: NotAsked.LEFT}
    again = report_actions.do_request_reports(workspace_a, actor=alice, month=date(2026, 1, 1),
                                              due_on=date(2026, 2, 5))
    assert again.asked == [] and len(again) == 0
    assert dict(again.skipped)[team["bob"]] == NotAsked.ALREADY_REQUESTED


def test_it_says_who_was_asked_and_why_the_others_were_not(alice, alice_client, workspace_a,
                                                           team):
    said = press_send(alice_client, workspace_a)
    assert said[0] == ("2 collaborators were asked for the report of January 2026, "
                       "due on February 5, 2026.")
    assert set(said[1:]) == {
        "Bob Bianchi was asked for the report of January 2026.",
        "Enzo Esposito was asked for the report of January 2026.",
        "Cora Colombo was not asked: they carry no open duty.",
        "Dora Donati was not asked: their account is not active.",
        "Federica Ferrari was not asked: the report of January 2026 was already requested.",
        "Gino Galli was not asked: they are no longer a member of the workspace, yet still "
        "carry an open duty.",
    }
    assert not [line for line in said if "Alice" in line or "Hana" in line]
    again = press_send(alice_client, workspace_a)
    assert again[0] == "Nobody was asked for the report of January 2026."
    assert ("Bob Bianchi was not asked: the report of January 2026 was already requested."
            in again)


def test_it_says_plainly_when_there_is_nobody_to_ask(alice, alice_client, workspace_a):
    assert press_send(alice_client, workspace_a) == [
        "Nobody was asked for the report of January 2026: the workspace has no collaborators, "
        "and nobody but the owners carries an open duty."]


def test_it_names_each_collaborator_once_in_italian_too(alice, alice_client, workspace_a,
                                                         team, django_capture_on_commit_callbacks):
    """The new sentences are not translated yet: the structure and the Italian date are."""
    team["bob"].language = "it"
    team["bob"].save()
    alice.language = "it"
    alice.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        said = press_send(alice_client, workspace_a)
    assert len(said) == 1 + 6
    assert "5 febbraio 2026" in said[0] and "gennaio 2026" in said[0] and "2" in said[0]
    for key in ("bob", "cora", "dora", "enzo", "fede", "gino"):
        name = team[key].display_name
        assert len([line for line in said[1:] if name in line]) == 1, name
    reasons = [line.replace(team[k].display_name, "") for k in ("cora", "dora", "fede", "gino")
               for line in said[1:] if team[k].display_name in line]
    assert len(set(reasons)) == 4, "each reason is its own sentence"
    with translation.override("it"):
        subject = translation.gettext("Your report on your duties for %(month)s") % {
            "month": "gennaio 2026"}
    assert subject != "Your report on your duties for gennaio 2026"
    assert [m.subject for m in mail.outbox if m.to == [team["bob"].email]] == [subject]


def test_it_asks_bob_though_he_owns_another_workspace(alice, bob, workspace_a):
    carry(workspace_a, alice, bob, "Inbox")
    do_create_workspace("Bob Bianchi VA", actor=bob, slug="bob-va")
    done = report_actions.do_request_reports(workspace_a, actor=alice, month=date(2026, 1, 1),
                                             due_on=date(2026, 2, 5))
    assert [r.collaborator for r in done.asked] == [bob]


def test_it_reminds_a_late_report_from_the_daily_schedule_in_the_collaborators_language(
        alice, bob, workspace_a, django_capture_on_commit_callbacks):
    bob.language = "it"
    bob.save()
    carry(workspace_a, alice, bob, "Inbox")
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    due_on = today - timedelta(days=3)
    report_actions.do_request_reports(workspace_a, actor=alice, month=last_month,
                                      due_on=due_on)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ran = do_run_due_jobs(now=timezone.now())
    assert ("duties.daily", workspace_a.pk) in ran
    request = ReportRequest.objects.get(collaborator=bob, month=last_month)
    assert request.reminded_at is not None
    with translation.override("it"):
        subject = translation.gettext("Reminder: your report for %(month)s is late") % {
            "month": month_long(last_month, "it")}
    late = [m for m in mail.outbox if m.to == [bob.email]]
    assert [m.subject for m in late] == [subject]
    assert date_long(due_on, "it") in late[0].body
    assert f"/w/{workspace_a.slug}/reports/{request.pk}/" in late[0].body


def test_it_does_not_chase_a_late_report_of_someone_who_has_left(alice, bob, workspace_a):
    from handover.core.actions import do_remove_member
    from handover.core.models import Membership
    from handover.duties.actions.duties import do_run_schedule

    carry(workspace_a, alice, bob, "Inbox")
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    report_actions.do_request_reports(workspace_a, actor=alice, month=last_month,
                                      due_on=today - timedelta(days=3))
    do_remove_member(Membership.objects.get(workspace=workspace_a, user=bob), actor=alice)
    assert do_run_schedule(workspace_a, today=today)["late"] == 0
    assert ReportRequest.objects.get(collaborator=bob).reminded_at is None


# --- the demo's collaborator ------------------------------------------------------------------

def collaborator_login(out: str) -> tuple[str, str]:
    found = re.search(r"as the collaborator with (\S+) / (\S+)", out)
    assert found, out
    return found.group(1), found.group(2)


def test_it_prints_a_collaborator_login_that_shows_her_report_request(db, capsys):
    call_command("demo")
    call_command("demo")
    out = capsys.readouterr().out
    assert out.count("as the collaborator with") == 2
    owner_line = next(line for line in out.splitlines() if "demo@handover.example" in line)
    email, password = collaborator_login(out)
    assert password == owner_line.rsplit(" / ", 1)[1] == "demo-handover-2026"
    workspace = Workspace.objects.get(slug="demo")
    membership = Membership.objects.get(workspace=workspace, user__email=email)
    assert membership.role == Role.COLLABORATOR and membership.is_active
    duty = Duty.objects.get(workspace=workspace, assignee=membership.user,
                            status__in=["trial", "active"])
    request = ReportRequest.objects.get(workspace=workspace, collaborator=membership.user)

    client = Client()
    response = client.post("/accounts/login/", {"username": email, "password": password})
    assert response.status_code == 302
    listing = client.get(f"/w/{workspace.slug}/reports/").content.decode()
    assert f"/w/{workspace.slug}/reports/{request.pk}/" in listing
    form = client.get(f"/w/{workspace.slug}/reports/{request.pk}/")
    assert form.status_code == 200
    page_text = form.content.decode()
    assert duty.title in page_text and membership.user.display_name in page_text
    assert f'name="d{duty.pk}-minutes"' in page_text


def test_it_gives_the_demo_collaborator_a_name_no_other_demo_person_has(
        demo_workspace_a, alice):
    members = Membership.objects.filter(workspace=demo_workspace_a).select_related("user")
    collaborators = [m.user for m in members if m.role == Role.COLLABORATOR]
    assert collaborators, "the demo has a collaborator"
    names = [m.user.name for m in members]
    assert len(names) == len(set(names)), names
    contacts = set(demo_workspace_a.clients.values_list("contacts__name", flat=True))
    assert not {u.name for u in collaborators} & contacts
    for user in collaborators:
        assert Duty.objects.filter(workspace=demo_workspace_a, assignee=user,
                                   status__in=["trial", "active"]).exists()
        assert signed_in(user).get(f"/w/{demo_workspace_a.slug}/reports/").status_code == 200
        response = Client().post("/accounts/login/", {"username": user.email,
                                                      "password": "demo-handover-2026"})
        assert response.status_code == 302


# --- on a phone -------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_fits_the_report_form_on_a_phone(page):  # noqa: F811
    alice = make_user("alice@a.example", "Alice Abate")
    workspace = do_create_workspace("Alice Studio", actor=alice, slug="alice-studio")
    from handover.clients.demo import fill as fill_clients

    fill_clients(workspace, alice)
    bob = join(workspace, alice, "bartholomew.longsurname-bianchi@collaborators.example", "")
    carry(workspace, alice, bob, "Weekly supplier-orders reconciliation and archiving")
    carry(workspace, alice, bob, "Inbox")
    done = report_actions.do_request_reports(workspace, actor=alice, month=date(2026, 1, 1),
                                             due_on=date(2026, 2, 5))
    request = done.asked[0]

    page.set_viewport_size({"width": 375, "height": 812})
    page.goto("/")
    page.get_by_label("E-mail address").fill(bob.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/w/{workspace.slug}/**")
    page.goto(f"/w/{workspace.slug}/reports/")
    page.get_by_role("link", name="January 2026").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("link", name="January 2026").click()
    page.get_by_role("button", name="Send the report").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.locator("textarea").first.fill("The supplier portal was down for two days.")
    page.get_by_role("button", name="Send the report").click()
    page.get_by_text("Your report was sent. Thank you.").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    request.refresh_from_db()
    assert request.submitted_at is not None
