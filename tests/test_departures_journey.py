"""A staff departure walked end to end: the reassignment previewed in words, the leaver's work
moved wherever it is, letters drafted once and discarded when wrong, the letter kind that
fits the departure, and no letter approved or sent with a blank left in it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from handover.clients.models import Engagement
from handover.core.models import AuditEvent, Membership
from handover.departures.actions import (
    do_approve_departure,
    do_draft_departure_letters,
    do_reassign,
    do_record_departure,
)
from handover.departures.models import DepartureKind, Reassignment
from handover.departures.selectors import CLIENT_LETTER, client_kind, tracker
from handover.letters.actions import (
    do_approve_letter,
    do_discard_letter,
    do_draft_letter,
    do_edit_letter,
    do_override_findings,
    do_send_letter,
)
from handover.letters.kinds import Kind
from handover.letters.models import Letter, LetterState
from handover.letters.selectors import obstacles

from .conftest import first_engagement, signed_in
from .letters_world import build, join


def membership(workspace, user):
    return Membership.objects.get(workspace=workspace, user=user)


def leaving(workspace, alice, eve, kind="layoff"):
    departure = do_record_departure(workspace, actor=alice, member=membership(workspace, eve),
                                    kind=kind, last_day=date(2026, 6, 30),
                                    hr_contact="Alice Abate, hr@a.example")
    if departure.state != "approved":
        do_approve_departure(departure, actor=alice)
    return departure


@pytest.fixture
def office(demo_workspace_a, alice):
    """Eve looks after the Polish client (where she also carries two duties, owns a plan step
    and holds accounts) and the Italian client's first engagement; the Norwegian client is
    Alice's, but Eve carries one of its duties."""
    from handover.offboarding.models import PlanStep, StepState

    workspace = demo_workspace_a
    eve = join(workspace, alice, "eve@x.example", "Eve Esposito", "member")
    dora = join(workspace, alice, "dora@x.example", "Dora Dalla", "manager")
    piet = join(workspace, alice, "piet@x.example", "Piet Prins", "member")
    step = (PlanStep.objects.filter(workspace=workspace, state=StepState.OPEN)
            .select_related("plan__engagement").order_by("pk").first())
    polish = step.plan.engagement
    italian = first_engagement(workspace=workspace, client__language="it")
    norwegian = first_engagement(workspace=workspace, client__language="nb")
    assert len({polish.client_id, italian.client_id, norwegian.client_id}) == 3
    Engagement.objects.filter(pk__in=[polish.pk, italian.pk]).update(account_manager=eve)
    Engagement.objects.filter(pk=norwegian.pk).update(account_manager=alice)
    PlanStep.objects.filter(pk=step.pk).update(owner=eve)
    return {"workspace": workspace, "eve": eve, "dora": dora, "piet": piet, "step": step,
            "polish": Engagement.objects.get(pk=polish.pk),
            "italian": Engagement.objects.get(pk=italian.pk),
            "norwegian": Engagement.objects.get(pk=norwegian.pk)}


def duty_for(engagement, person, actor, title):
    from handover.duties.actions.duties import do_create_duty

    return do_create_duty(engagement, actor=actor, title=title, assignee=person,
                          status="active", started_on=date(2026, 1, 5))


def account_for(engagement, person, actor, system, kind="shared", client=None):
    from handover.offboarding.actions.access import do_add_account

    fields = {"engagement": engagement} if engagement is not None else {"client": client}
    return do_add_account(engagement.workspace if engagement is not None else client.workspace,
                          actor=actor, system=system, login="eve", kind=kind, holder=person,
                          **fields)


# 1. The preview says in words what moves -----------------------------------------------


def test_it_previews_in_words_what_moves_with_each_client(office, alice):
    w, eve, dora = office["workspace"], office["eve"], office["dora"]
    polish, italian = office["polish"], office["italian"]
    duty_for(polish, eve, alice, "Monthly customs filing")
    duty_for(polish, eve, alice, "Weekly fleet report")
    for system in ("CRM", "Fleet portal", "Customs gateway"):
        account_for(polish, eve, alice, system)
    account_for(polish, eve, alice, "Eve's mailbox", kind="client_account")
    departure = leaving(w, alice, eve)
    url = f"/w/{w.slug}/departures/{departure.pk}/reassign/"
    page = signed_in(alice).post(url, {f"succ_{polish.pk}": dora.pk,
                                       f"succ_{italian.pk}": dora.pk,
                                       "preview": "1"}).content.decode()
    assert "2 open duties, 1 plan step, and 3 access accounts will move to Dora Dalla." in page
    assert "Nothing else moves with this client." in page
    assert ("1 account that only Eve Esposito can use stays flagged for revocation; it is "
            "not handed on.") in page
    assert "duties:" not in page and "plan_steps" not in page
    assert not Reassignment.objects.exists()  # a preview writes nothing


def test_it_counts_one_of_each_in_the_singular(office, alice):
    w, eve, piet, polish = office["workspace"], office["eve"], office["piet"], office["polish"]
    duty_for(polish, eve, alice, "Monthly customs filing")
    account_for(polish, eve, alice, "CRM")
    departure = leaving(w, alice, eve)
    page = signed_in(alice).post(f"/w/{w.slug}/departures/{departure.pk}/reassign/", {
        f"succ_{polish.pk}": piet.pk, "preview": "1"}).content.decode()
    assert "1 open duty, 1 plan step, and 1 access account will move to Piet Prins." in page


# 2. Every piece of the leaver's work moves, at every client ----------------------------


def test_it_moves_a_duty_the_leaver_carries_for_another_client(office, alice):
    from handover.duties.models import Duty, DutyChange

    w, eve, piet, norwegian = (office["workspace"], office["eve"], office["piet"],
                               office["norwegian"])
    duty = duty_for(norwegian, eve, alice, "Quarterly booking audit")
    departure = leaving(w, alice, eve)
    owner = signed_in(alice)
    url = f"/w/{w.slug}/departures/{departure.pk}/reassign/"
    form = owner.get(url).content.decode()
    # Eve does not look after the Norwegian client: it is offered a successor of its own.
    assert f'name="client_{norwegian.client_id}"' in form and "1 open duty" in form
    post = {f"client_{norwegian.client_id}": piet.pk}
    preview = owner.post(url, {**post, "preview": "1"}).content.decode()
    assert norwegian.client.name in preview
    assert "1 open duty will move to Piet Prins." in preview
    assert owner.post(url, {**post, "apply": "1"}).status_code == 302
    duty.refresh_from_db()
    assert duty.assignee == piet
    assert DutyChange.objects.filter(duty=duty, kind="assignee").exists()
    assert Engagement.objects.get(pk=norwegian.pk).account_manager == alice  # not hers
    event = AuditEvent.objects.get(verb="departure.work_moved")
    assert event.data["client"] == norwegian.client.name and event.data["moved"]["duties"] == 1
    # The Duties page no longer shows Eve carrying it.
    assert not Duty.objects.filter(workspace=w, assignee=eve, status="active").exists()
    assert f'name="client_{norwegian.client_id}"' not in owner.get(url).content.decode()


def test_it_moves_the_leavers_work_at_her_clients_other_engagements_to_their_successor(
        office, alice):
    from handover.offboarding.models import AccessAccount, PlanStep

    w, eve, dora, piet = office["workspace"], office["eve"], office["dora"], office["piet"]
    polish, italian, step = office["polish"], office["italian"], office["step"]
    second = (Engagement.objects.filter(workspace=w, client=italian.client)
              .exclude(pk=italian.pk).first())
    assert second is not None, "the demo gives the Italian client a second engagement"
    Engagement.objects.filter(pk=second.pk).update(account_manager=alice)
    on_second = duty_for(second, eve, alice, "Site photos archive")
    shared = account_for(polish, eve, alice, "Fleet portal")
    own = account_for(polish, eve, alice, "Eve's mailbox", kind="client_account")
    loose = account_for(None, eve, alice, "Studio NAS", client=italian.client)
    departure = leaving(w, alice, eve)
    do_reassign(departure, actor=alice, choices={polish.pk: piet, italian.pk: dora})
    on_second.refresh_from_db()
    assert on_second.assignee == dora  # the Italian client's successor
    assert PlanStep.objects.get(pk=step.pk).owner == piet
    assert AccessAccount.objects.get(pk=shared.pk).holder == piet
    assert AccessAccount.objects.get(pk=loose.pk).holder == dora
    # Her own account is revoked, never handed on.
    kept = AccessAccount.objects.get(pk=own.pk)
    assert kept.holder == eve and kept.flagged_at is not None
    row = Reassignment.objects.get(departure=departure, engagement=polish)
    assert row.moved_items == {"duties": 0, "plan_steps": 1, "accounts": 1}
    assert Engagement.objects.get(pk=second.pk).account_manager == alice


# 3. Drafting is idempotent; a draft can be discarded; the tracker shows what matters ---


def test_it_drafts_each_letter_once_however_often_it_is_asked(alice, workspace_a):
    departure, eve, (dora, piet) = build(workspace_a, alice, kind="resignation", reason="")
    drafted = list(departure.letters.order_by("pk"))  # by the reassignment
    assert {x.kind for x in drafted} == {Kind.FAREWELL}
    again = do_draft_departure_letters(departure, actor=dora, kind="farewell")
    assert sorted(x.pk for x in again) == [x.pk for x in drafted]
    assert all(x.already_drafted for x in again)
    assert departure.letters.count() == len(drafted)
    points = do_draft_departure_letters(departure, actor=dora, kind="talking_points")
    assert [x.pk for x in do_draft_departure_letters(departure, actor=dora,
                                                     kind="talking_points")] \
        == [x.pk for x in points]
    (statement,) = do_draft_departure_letters(departure, actor=dora, kind="public_statement")
    assert do_draft_departure_letters(departure, actor=dora,
                                      kind="public_statement")[0].pk == statement.pk
    # From the letters' own form: the same letter again, and it says so.
    engagement = drafted[0].engagement
    response = signed_in(dora).post(f"/w/{workspace_a.slug}/letters/new/", {
        "kind": "farewell", "engagement": engagement.pk, "departure": departure.pk},
        follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/letters/{drafted[0].pk}/")
    assert "had already been drafted" in response.content.decode()
    # Through the departure's page: nothing new, and it says so.
    response = signed_in(dora).post(
        f"/w/{workspace_a.slug}/departures/{departure.pk}/letters/", {"kind": "farewell"},
        follow=True)
    assert "had already been drafted" in response.content.decode()
    assert departure.letters.filter(kind="farewell").count() == len(drafted)


def test_it_discards_a_draft_with_an_audit_event_and_never_a_sent_letter(
        alice, charlie, workspace_b, workspace_a, django_capture_on_commit_callbacks):
    departure, eve, (dora, piet) = build(workspace_a, alice, kind="resignation", reason="")
    first, second, *_rest = departure.letters.order_by("pk")
    page = signed_in(dora).get(f"/w/{workspace_a.slug}/letters/{first.pk}/").content.decode()
    assert "Discard this draft" in page
    response = signed_in(dora).post(f"/w/{workspace_a.slug}/letters/{first.pk}/discard/")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.state == LetterState.DISCARDED
    # Someone of another workspace cannot reach it.
    assert signed_in(charlie).post(
        f"/w/{workspace_a.slug}/letters/{second.pk}/discard/").status_code == 404
    event = AuditEvent.objects.get(verb="letter.discarded", target_id=str(first.pk))
    assert event.actor == dora
    with pytest.raises(ValidationError):
        do_approve_letter(first, actor=dora)
    with pytest.raises(ValidationError):
        do_edit_letter(first, actor=dora, subject="x", body="y")
    assert any("discarded" in o for o in obstacles(first))
    # Drafting again replaces the discarded one, for that client only.
    redrafted = do_draft_departure_letters(departure, actor=dora, kind="farewell")
    fresh = next(x for x in redrafted if x.client_id == first.client_id)
    assert fresh.pk != first.pk and not fresh.already_drafted
    assert sum(not x.already_drafted for x in redrafted) == 1
    # A sent letter cannot be discarded.
    do_approve_letter(second, actor=dora)
    with django_capture_on_commit_callbacks(execute=True):
        do_send_letter(second, actor=dora)
    second.refresh_from_db()
    assert second.state == LetterState.SENT
    with pytest.raises(ValidationError, match="discarded"):
        do_discard_letter(second, actor=dora)
    assert "Discard this draft" not in signed_in(dora).get(
        f"/w/{workspace_a.slug}/letters/{second.pk}/").content.decode()
    assert AuditEvent.objects.filter(verb="letter.discarded").count() == 1


def test_it_tracks_the_sent_letter_never_a_duplicate_or_a_discarded_one(
        alice, workspace_a, django_capture_on_commit_callbacks):
    departure, eve, (dora, piet) = build(workspace_a, alice, kind="resignation", reason="")
    letter = departure.letters.order_by("pk").first()
    client_id = letter.client_id
    do_approve_letter(letter, actor=dora)
    with django_capture_on_commit_callbacks(execute=True):
        do_send_letter(letter, actor=dora)
    # Drafting again after it was sent gives back the sent letter, not a second copy.
    again = do_draft_departure_letters(departure, actor=dora, kind="farewell")
    assert next(x for x in again if x.client_id == client_id).pk == letter.pk
    # A hand-written second letter of the other kind, then discarded, changes nothing.
    extra = do_draft_letter(workspace_a, actor=dora, kind=Kind.NO_LONGER_WITH_US,
                            engagement=letter.engagement, departure=departure)
    do_discard_letter(extra, actor=dora)
    rows = {row["client"].pk: row for row in tracker(departure)}
    assert rows[client_id]["letter"].pk == letter.pk and rows[client_id]["told"]
    others = [row for pk, row in rows.items() if pk != client_id]
    assert others and all(row["letter"].state == LetterState.DRAFT and not row["told"]
                          for row in others)
    page = signed_in(dora).get(f"/w/{workspace_a.slug}/departures/{departure.pk}/")
    told = page.content.decode().split(f'data-client="{letter.client.name}"')[1].split("</tr>")[0]
    assert "Sent" in told and "Told" in told and "Not yet" not in told
    # A client whose only letter was discarded shows none.
    other = others[0]
    do_discard_letter(other["letter"], actor=dora)
    rows = {row["client"].pk: row for row in tracker(departure)}
    assert rows[other["client"].pk]["letter"] is None


# 4. The letter kind offered first fits the departure ------------------------------------

EXPECTED = {
    "resignation": Kind.FAREWELL,
    "retirement": Kind.FAREWELL,
    "for_cause": Kind.NO_LONGER_WITH_US,
    "performance": Kind.NO_LONGER_WITH_US,
    "layoff": Kind.NO_LONGER_WITH_US,
    "end_of_contract": Kind.NO_LONGER_WITH_US,
}


def test_it_maps_every_kind_of_departure_to_a_client_letter():
    assert set(EXPECTED) == set(DepartureKind.values) == set(CLIENT_LETTER)


@pytest.mark.parametrize("departure_kind", sorted(EXPECTED))
def test_it_offers_first_the_letter_that_fits_the_kind_of_departure(
        alice, workspace_a, departure_kind):
    departure, eve, (dora, piet) = build(workspace_a, alice, kind=departure_kind,
                                         reassign=False)
    assert client_kind(departure) == EXPECTED[departure_kind]
    page = signed_in(dora).get(
        f"/w/{workspace_a.slug}/departures/{departure.pk}/").content.decode()
    picker = page.split('id="letter-kind"')[1].split("</select>")[0]
    assert f'<option value="{EXPECTED[departure_kind]}" selected>' in picker
    assert picker.count(" selected") == 1
    # The letters the reassignment drafts are of the same kind.
    engagement = Engagement.objects.filter(workspace=workspace_a).order_by("pk").first()
    do_reassign(departure, actor=alice, choices={engagement.pk: dora})
    assert {x.kind for x in departure.letters.all()} == {EXPECTED[departure_kind]}


# 5. No letter with a blank goes for approval or out -------------------------------------


def test_it_refuses_to_approve_or_send_a_letter_with_facts_missing(
        alice, workspace_a, django_capture_on_commit_callbacks):
    departure, eve, (dora, piet) = build(workspace_a, alice, kind="resignation", reason="",
                                         reassign=False)
    engagement = Engagement.objects.filter(workspace=workspace_a).order_by("pk").first()
    client = engagement.client
    letter = do_draft_letter(workspace_a, actor=dora, kind=Kind.FAREWELL,
                             engagement=engagement, departure=departure)
    assert "{successor_name}" in letter.body and "{successor_contact}" in letter.body
    with pytest.raises(ValidationError) as refused:
        do_approve_letter(letter, actor=dora)
    message = " ".join(refused.value.messages)
    assert "cannot be approved" in message
    assert "The name of the colleague who takes over." in message
    assert "The successor's e-mail address and phone number." in message
    assert Letter.objects.get(pk=letter.pk).state == LetterState.DRAFT
    # An override of the checks does not let a blank through either.
    do_override_findings(letter, actor=dora, note="Sending as it is.")
    letter.refresh_from_db()
    with pytest.raises(ValidationError, match="The name of the colleague who takes over"):
        do_send_letter(letter, actor=dora)
    # The letter's page and the tracker say what is missing.
    page = signed_in(dora).get(f"/w/{workspace_a.slug}/letters/{letter.pk}/").content.decode()
    assert "cannot be approved while facts are missing" in page
    rows = {row["client"].pk: row for row in tracker(departure)}
    assert rows[client.pk]["missing"] == (
        f"Choose a successor for {client.name} before this letter can be approved.")
    detail = signed_in(dora).get(
        f"/w/{workspace_a.slug}/departures/{departure.pk}/").content.decode()
    assert f"Choose a successor for {client.name} before this letter can be approved." in detail
    # Once a successor is chosen, the same letter is filled in and can be approved.
    do_reassign(departure, actor=alice, choices={engagement.pk: piet})
    letter.refresh_from_db()
    assert departure.letters.filter(client=client, kind=Kind.FAREWELL).count() == 1
    assert "{successor_name}" not in letter.body and "Piet Prins" in letter.body
    assert AuditEvent.objects.filter(verb="letter.filled_in", target_id=str(letter.pk)).exists()
    rows = {row["client"].pk: row for row in tracker(departure)}
    assert rows[client.pk]["letter"].pk == letter.pk and rows[client.pk]["missing"] == ""
    do_approve_letter(letter, actor=dora)
    assert obstacles(letter) == []
