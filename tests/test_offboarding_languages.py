"""Plans, templates, letters and documents in all five languages."""

import io
import re

import pytest
from django.conf import settings
from django.utils import translation

from handover.clients.models import Client
from handover.core.actions import do_create_workspace
from handover.core.activity import describe, registry
from handover.core.documents import render_docx
from handover.core.models import AuditEvent, OutboundEmail
from handover.core.templatetags.handover import date_long
from handover.letters.placeholders import fill
from handover.letters.texts import shipped
from handover.offboarding import defaults
from handover.offboarding.actions import access as access_actions
from handover.offboarding.actions import plans as actions
from handover.offboarding.models import AccessAccount, Plan, PlanStep, PlanTemplate
from handover.offboarding.recap import blocks, draft

from .conftest import signed_in

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
RECAP_HEADINGS = {"contacts": "Contacts", "duties": "Duties and procedures",
                  "systems": "Systems and accounts", "open_items": "Open items",
                  "dates": "Key dates"}


def test_it_ships_every_template_in_the_five_languages():
    # The letters to the client are the letters app's kinds: its own tests check them.
    assert set(defaults.TITLES) == set(LANGUAGES)
    keys = {key for steps in defaults.SCENARIO_STEPS.values() for key, *_rest in steps}
    for code in LANGUAGES:
        assert set(defaults.TITLES[code]) == keys, code
        assert set(defaults.TEMPLATE_NAMES[code]) == set(defaults.SCENARIO_STEPS), code
        if code != "en":
            same = [k for k in keys if defaults.TITLES[code][k] == defaults.TITLES["en"][k]]
            assert not same, (code, same)


@pytest.mark.parametrize("code", LANGUAGES)
def test_it_seeds_the_templates_in_the_language_asked(code, alice):
    workspace = do_create_workspace(f"Studio {code}", actor=alice, slug=f"studio-{code}")
    made = actions.do_seed_templates(workspace, actor=alice, language=code)
    assert len(made) == 4
    for template in made:
        titles = list(template.steps.order_by("position").values_list("title", flat=True))
        expected = [s["title"] for s in defaults.template_steps(template.scenario, code)]
        assert titles == expected and template.name == defaults.template_name(
            template.scenario, code)
    assert actions.do_seed_templates(workspace, actor=alice, language=code) == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_it_shows_every_offboarding_page_in_the_users_language(code, alice, demo_workspace_a):
    alice.language = code
    alice.save()
    client = signed_in(alice)
    plan = Plan.objects.get(workspace=demo_workspace_a)
    step = PlanStep.objects.filter(plan=plan).first()
    template = PlanTemplate.objects.filter(workspace=demo_workspace_a).first()
    account = AccessAccount.objects.filter(workspace=demo_workspace_a).first()
    base = f"/w/{demo_workspace_a.slug}"
    pages = [
        "/offboarding/", "/offboarding/new/", f"/offboarding/{plan.pk}/",
        f"/offboarding/{plan.pk}/recap/", f"/offboarding/{plan.pk}/call/",
        f"/offboarding/{plan.pk}/support/", f"/offboarding/steps/{step.pk}/done/",
        f"/offboarding/steps/{step.pk}/reassign/", "/offboarding/templates/",
        f"/offboarding/templates/{template.pk}/",
        f"/offboarding/template-steps/{template.steps.first().pk}/",
        "/access/", "/access/import/", f"/access/{account.pk}/",
        f"/access/engagements/{plan.engagement_id}/revocation/",
    ]
    with translation.override(code):
        scenario = translation.gettext("I end the engagement")
    for page in pages:
        response = client.get(base + page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert f'<html lang="{code}">' in html, page
    detail = client.get(f"{base}/offboarding/{plan.pk}/").content.decode()
    assert scenario.replace("'", "&#x27;") in detail


@pytest.mark.parametrize("code", LANGUAGES)
def test_it_writes_the_recap_and_the_letters_in_the_clients_language(
        code, alice, demo_workspace_a, django_capture_on_commit_callbacks):
    plan = Plan.objects.get(workspace=demo_workspace_a)
    Client.objects.filter(pk=plan.engagement.client_id).update(language=code)
    plan.refresh_from_db()
    text = draft(plan, author="Alice Abate")
    title, doc = blocks(text)
    headings = [value for kind, value in doc if kind == "heading"]
    with translation.override(code):
        table = {key: translation.gettext(msgid) for key, msgid in RECAP_HEADINGS.items()}
        expected_title = translation.gettext("Handover notes: %(engagement)s") % {
            "engagement": plan.engagement.title}
    assert title == expected_title
    # The demo gives that engagement duties, so their procedures come between the two.
    assert headings[:3] == [table["contacts"], table["duties"], table["systems"]]
    assert table["open_items"] in headings and table["dates"] in headings
    from docx import Document

    document = Document(io.BytesIO(render_docx(doc, title=title, language=code)))
    assert table["contacts"] in [p.text for p in document.paragraphs]

    accounts = list(AccessAccount.objects.filter(engagement=plan.engagement)[:2])
    with django_capture_on_commit_callbacks(execute=True):
        access_actions.do_request_revocation(plan.engagement, actor=alice, accounts=accounts,
                                      to="anna@kowalczyk-logistyka.example", author="Alice")
    letter = OutboundEmail.objects.get(kind="letter.access_revocation")
    assert letter.language == code
    subject, body = shipped("access_revocation", code)
    assert letter.subject == fill(subject, {"engagement_title": plan.engagement.title})
    assert accounts[0].system in letter.body
    assert date_long(plan.engagement.end_date, code) in letter.body
    assert not PLACEHOLDER.search(letter.body) and "{" not in letter.body


def test_it_has_a_sentence_for_every_offboarding_verb_in_each_language(alice, demo_workspace_a):
    sentences, _labels = registry()
    verbs = set(AuditEvent.objects.filter(workspace=demo_workspace_a)
                .values_list("verb", flat=True))
    ours = {v for v in verbs if v.split(".")[0] in (
        "offboarding_plan", "plan_step", "plan_template", "access_account", "support_request")}
    assert len(ours) >= 5
    from handover.offboarding.activity import SENTENCES

    assert set(SENTENCES) <= set(sentences)
    for event in AuditEvent.objects.filter(workspace=demo_workspace_a, verb__in=ours):
        assert event.verb in SENTENCES
        for code in LANGUAGES:
            with translation.override(code):
                sentence = describe(event)
            assert "%(" not in sentence and sentence, (event.verb, code)
