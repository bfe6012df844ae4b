"""Clients, contacts and engagements through the UI, with validation next to the fields."""

from django.utils import translation

from handover.clients.models import Client, ClientDomain, Contact, Engagement, WorkingWindow
from handover.core.activity import describe
from handover.core.models import AuditEvent

from .conftest import signed_in

ENGAGEMENT = {
    "title": "Bookkeeping", "status": "active", "start_date": "2026-01-05", "end_date": "",
    "notice_days": "45", "time_zone": "Europe/Rome", "holiday_country": "IT",
    "holiday_subdivision": "", "lead_time_hours": "24", "payment_terms_days": "30",
    "hourly_rate": "40.00", "support_rate": "55.50", "currency": "EUR",
    "hours_mon": "09:00-13:00, 14:00-18:00", "hours_tue": "9-17", "hours_wed": "",
    "hours_thu": "", "hours_fri": "08:30-12:30", "hours_sat": "", "hours_sun": "",
}


def test_it_creates_a_client_with_domains_and_a_contact(alice, workspace_a):
    client = signed_in(alice)
    response = client.post(f"/w/{workspace_a.slug}/clients/new/", {
        "name": "  Rossi   Srl ", "kind": "company", "language": "it", "country": "IT",
        "time_zone": "Europe/Rome", "email_domains": "Rossi.example, @rossi-group.example",
        "notes": "",
    })
    assert response.status_code == 302
    created = Client.objects.get(workspace=workspace_a, name="Rossi Srl")
    assert sorted(created.domain_list) == ["rossi-group.example", "rossi.example"]
    response = client.post(f"/w/{workspace_a.slug}/clients/{created.pk}/contacts/new/", {
        "name": "Paola Rossi", "email": "Paola@Rossi.example", "phone": "+39 06 555 1234",
        "role": "CEO"})
    assert response.status_code == 302
    assert Contact.objects.get(client=created).email == "paola@rossi.example"
    page = client.get(f"/w/{workspace_a.slug}/clients/{created.pk}/").content.decode()
    assert "Paola Rossi" in page and "rossi-group.example" in page


def test_it_shows_each_error_next_to_its_field(alice, workspace_a):
    client = signed_in(alice)
    existing = Client.objects.filter(workspace=workspace_a).first()
    taken = ClientDomain.objects.filter(client=existing).first().domain
    response = client.post(f"/w/{workspace_a.slug}/clients/new/", {
        "name": existing.name.upper(), "kind": "company", "language": "xx", "country": "ZZ",
        "time_zone": "Mars/Olympus", "email_domains": f"ok.example, {taken}"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"name", "language", "country", "time_zone", "email_domains"}
    assert "already exists" in form.errors["name"][0]
    assert existing.name in form.errors["email_domains"][0]
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert Client.objects.filter(workspace=workspace_a).count() == 4


def test_it_creates_an_engagement_with_several_windows_a_day(alice, workspace_a):
    client = signed_in(alice)
    target = Client.objects.filter(workspace=workspace_a).first()
    response = client.post(f"/w/{workspace_a.slug}/engagements/new/",
                           {**ENGAGEMENT, "client": target.pk, "account_manager": alice.pk})
    assert response.status_code == 302, response.context["form"].errors
    engagement = Engagement.objects.get(workspace=workspace_a, title="Bookkeeping")
    windows = [(w.weekday, f"{w.start:%H:%M}", f"{w.end:%H:%M}")
               for w in WorkingWindow.objects.filter(engagement=engagement)]
    assert windows == [(0, "09:00", "13:00"), (0, "14:00", "18:00"), (1, "09:00", "17:00"),
                       (4, "08:30", "12:30")]
    assert engagement.notice_days == 45 and str(engagement.support_rate) == "55.50"
    event = AuditEvent.objects.get(verb="engagement.created", target_id=str(engagement.pk))
    assert event.data["hours"]["0"] == "09:00-13:00, 14:00-18:00"


def test_it_refuses_bad_terms_with_the_reason(alice, workspace_a):
    client = signed_in(alice)
    target = Client.objects.filter(workspace=workspace_a).first()
    bad = {**ENGAGEMENT, "client": target.pk, "end_date": "2025-12-31",
           "holiday_country": "ES", "holiday_subdivision": "XX", "hourly_rate": "-3",
           "hours_mon": "09:00-13:00, 12:00-15:00", "hours_tue": "18:00-09:00",
           "hours_wed": "nine to five", "hours_thu": "25:00-26:00"}
    response = client.post(f"/w/{workspace_a.slug}/engagements/new/", bad)
    errors = response.context["form"].errors
    assert set(errors) == {"end_date", "holiday_subdivision", "hourly_rate", "hours_mon",
                           "hours_tue", "hours_wed", "hours_thu"}
    assert "overlap" in errors["hours_mon"][0]
    assert "ends before it starts" in errors["hours_tue"][0]
    assert not Engagement.objects.filter(title="Bookkeeping").exists()


def test_it_accepts_a_valid_region_in_any_case(alice, workspace_a):
    client = signed_in(alice)
    target = Client.objects.filter(workspace=workspace_a).first()
    response = client.post(f"/w/{workspace_a.slug}/engagements/new/", {
        **ENGAGEMENT, "client": target.pk, "holiday_country": "ES",
        "holiday_subdivision": "ct"})
    assert response.status_code == 302
    assert Engagement.objects.get(title="Bookkeeping").holiday_subdivision == "CT"


def test_it_edits_an_engagement_and_logs_what_changed(alice, workspace_a):
    client = signed_in(alice)
    engagement = Engagement.objects.filter(workspace=workspace_a).first()
    page = client.get(f"/w/{workspace_a.slug}/engagements/{engagement.pk}/edit/")
    form = page.context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()
            if name in form.fields}
    data.update({"status": "ending", "client": engagement.client_id,
                 "account_manager": alice.pk,
                 "start_date": engagement.start_date.isoformat()})
    response = client.post(f"/w/{workspace_a.slug}/engagements/{engagement.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    event = AuditEvent.objects.filter(target_type="clients.engagement",
                                      target_id=str(engagement.pk)).first()
    assert event.verb == "engagement.status_changed", event.data
    with translation.override("it"):
        sentence = describe(event)
    assert "In chiusura" in sentence and "Attivo" in sentence


def test_it_archives_a_client_with_its_engagements_and_restores_them(alice, workspace_a):
    client = signed_in(alice)
    target = Client.objects.filter(workspace=workspace_a).first()
    client.post(f"/w/{workspace_a.slug}/clients/{target.pk}/archive/")
    assert not Engagement.objects.filter(client=target, archived_at__isnull=True).exists()
    def rows(url):
        return client.get(url).content.decode().split('id="client-rows"')[1]

    assert target.name not in rows(f"/w/{workspace_a.slug}/clients/")
    assert target.name in rows(f"/w/{workspace_a.slug}/clients/?archived=1")
    client.post(f"/w/{workspace_a.slug}/clients/{target.pk}/archive/", {"restore": "1"})
    assert Engagement.objects.filter(client=target, archived_at__isnull=True).exists()


def test_it_narrows_the_client_list_as_you_type_with_htmx(alice, workspace_a):
    response = signed_in(alice).get(f"/w/{workspace_a.slug}/clients/?q=fjord",
                                    HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Fjordlys" in html and "Bellini" not in html


def test_it_shows_a_collaborator_only_the_engagements_they_manage(alice, bob, workspace_a):
    from handover.clients.actions import do_update_engagement

    mine = Engagement.objects.filter(workspace=workspace_a).first()
    do_update_engagement(mine, actor=alice, account_manager=bob)
    others = Engagement.objects.filter(workspace=workspace_a).exclude(pk=mine.pk)
    client = signed_in(bob)
    dashboard = client.get(f"/w/{workspace_a.slug}/").content.decode()
    assert mine.title in dashboard
    assert all(e.title not in dashboard for e in others)
    assert client.get(f"/w/{workspace_a.slug}/engagements/{mine.pk}/").status_code == 200
    assert client.get(f"/w/{workspace_a.slug}/engagements/{others[0].pk}/").status_code == 404
    assert client.get(f"/w/{workspace_a.slug}/clients/").status_code == 403
    assert client.get(f"/w/{workspace_a.slug}/activity/").status_code == 403


def test_it_tells_the_whole_story_in_the_activity_log_in_each_language(alice, workspace_a):
    client = signed_in(alice)
    for code in ("en", "it", "pl", "ca", "nb"):
        alice.language = code
        alice.save()
        page = client.get(f"/w/{workspace_a.slug}/activity/").content.decode()
        with translation.override(code):
            for event in AuditEvent.objects.filter(workspace=workspace_a)[:10]:
                assert describe(event).replace("'", "&#x27;") in page
    with translation.override("en"):
        sentences = [describe(e) for e in AuditEvent.objects.filter(workspace=workspace_a)]
    assert "Alice Abate created the workspace Alice Studio." in sentences
    assert "Alice Abate added the client Fjordlys Reiser AS." in sentences


def test_it_has_a_sentence_for_every_verb_the_actions_write(alice, workspace_a):
    from handover.core.activity import registry

    sentences, _labels = registry()
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert verbs and verbs <= set(sentences)
