"""Letters in the UI and the API: drafting, checks explained, templates, policy."""

import pytest

from handover.core.models import AuditEvent
from handover.letters.models import Letter, LetterTemplate

from .conftest import first_engagement, signed_in, token_client
from .letters_world import REASON, build


@pytest.fixture
def world(alice, workspace_a):
    departure, leaver, successors = build(workspace_a, alice)
    return workspace_a, departure, leaver, successors


def test_a_writer_drafts_in_the_ui_and_sees_the_checks_explained(demo_workspace_a, world, alice):
    workspace, departure, leaver, (dora, piet) = world
    engagement = first_engagement(workspace=workspace, client__language="nb")
    owner = signed_in(alice)
    response = owner.post(f"/w/{workspace.slug}/letters/new/", {
        "kind": "handover_call", "engagement": engagement.pk, "language": ""})
    letter = Letter.objects.get(workspace=workspace, kind="handover_call")
    assert response.status_code == 302 and letter.language == "nb"
    page = owner.get(f"/w/{workspace.slug}/letters/{letter.pk}/").content.decode()
    assert "has no value yet" in page and "Send the letter" in page and " disabled" in page
    response = owner.post(f"/w/{workspace.slug}/letters/{letter.pk}/", {
        "recipient_email": letter.recipient_email, "subject": letter.subject,
        "body": letter.body.replace("{call_time}", "torsdag 4. juni kl. 10")
                           .replace("{agenda}", "- Kontakter")
                           + "\nHan ble sparket.\n"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert [f["rule"] for f in letter.findings] == ["reason"]
    page = owner.get(f"/w/{workspace.slug}/letters/{letter.pk}/").content.decode()
    assert "gives a reason for the departure" in page
    # A farewell needs a departure: the form says so instead of failing.
    response = owner.post(f"/w/{workspace.slug}/letters/new/", {
        "kind": "farewell", "engagement": engagement.pk})
    assert response.status_code == 200 and "written for a departure" in response.content.decode()


def test_templates_are_edited_per_language_and_unknown_placeholders_refused(world, alice):
    workspace, *_ = world
    owner = signed_in(alice)
    url = f"/w/{workspace.slug}/letters/templates/edit/?kind=farewell&language=it"
    page = owner.get(url).content.decode()
    assert "Gentile {recipient_name}" in page and "{successor_contact}" in page
    response = owner.post(url, {"subject": "Saluti", "body": "Gentile {destinatario},\n"})
    assert response.status_code == 200 and "{destinatario}" in response.content.decode()
    response = owner.post(url, {"subject": "Saluti", "body": "Gentile {recipient_name},\n"
                                                             + REASON})
    assert response.status_code == 200 and "confidential reason" in response.content.decode()
    assert not LetterTemplate.objects.exists()
    response = owner.post(url, {"subject": "Saluti da {workspace_name}",
                                "body": "Gentile {recipient_name},\n{successor_name}\n"})
    assert response.status_code == 302
    assert LetterTemplate.objects.get(workspace=workspace, kind="farewell", language="it")
    assert owner.post(url, {"reset": "1"}).status_code == 302
    assert not LetterTemplate.objects.exists()
    # Members do not change the workspace's templates.
    (dora, piet) = world[3]
    assert signed_in(piet).get(url).status_code == 403


def test_the_api_drafts_explains_and_refuses_the_reason(world, alice):
    workspace, departure, leaver, (dora, piet) = world
    engagement = first_engagement(workspace=workspace, client__language="it")
    api = token_client(alice)
    response = api.post(f"/api/w/{workspace.slug}/letters", {
        "kind": "no_longer_with_us", "engagement_id": engagement.pk,
        "departure_id": departure.pk}, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["language"] == "it" and data["findings"] == []
    assert "This kind of letter needs a manager's approval." in data["obstacles"]
    url = f"/api/w/{workspace.slug}/letters/{data['id']}"
    bad = api.patch(url, {"body": data["body"] + REASON}, content_type="application/json")
    assert bad.status_code == 422 and REASON not in bad.content.decode()
    assert api.post(url + "/approve").json()["approved"] is True
    assert token_client(piet).post(url + "/approve").status_code == 403
    sent = api.post(url + "/send").json()
    assert sent["state"] in ("queued", "sent") and sent["outbox"]["state"] in ("queued", "sent")
    assert AuditEvent.objects.filter(verb="letter.queued").exists()
    missing = api.post(f"/api/w/{workspace.slug}/letters", {"kind": "farewell"},
                       content_type="application/json")
    assert missing.status_code == 422


def test_the_policy_page_saves_which_kinds_need_approval(world, alice):
    workspace, *_ = world
    owner = signed_in(alice)
    url = f"/w/{workspace.slug}/letters/policy/"
    assert owner.get(url).status_code == 200
    assert owner.post(url, {"approval_kinds": ["notice_of_ending"]}).status_code == 302
    from handover.letters.selectors import approval_kinds

    assert approval_kinds(workspace) == ["notice_of_ending"]
    assert AuditEvent.objects.filter(verb="letter_policy.changed").exists()
