"""The REST API: tokens, OpenAPI, clients, contacts and engagements, scoped like the UI."""

import json

from django.test import Client

from handover.clients.models import Engagement
from handover.core.models import ApiToken, AuditEvent

from .conftest import token_client


def call(client, method, url, body=None):
    response = client.generic(method, url, data=json.dumps(body or {}),
                              content_type="application/json")
    return response.status_code, (response.json() if response.content else None)


def test_it_publishes_an_openapi_document_with_every_endpoint(db):
    schema = Client().get("/api/openapi.json").json()
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/w/{ws}/clients"])
    assert {"get", "patch"} <= set(paths["/api/w/{ws}/engagements/{engagement_id}"])
    assert "delete" in paths["/api/w/{ws}/contacts/{contact_id}"]
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["TokenAuth"].items()


def test_it_refuses_requests_without_a_valid_token(workspace_a):
    assert Client().get(f"/api/w/{workspace_a.slug}/clients").status_code == 401
    bad = Client(HTTP_AUTHORIZATION="Bearer hov_nope")
    assert bad.get(f"/api/w/{workspace_a.slug}/clients").status_code == 401


def test_it_stores_only_a_hash_of_the_token(alice):
    client = token_client(alice)
    secret = client.defaults["HTTP_AUTHORIZATION"].split()[1]
    stored = ApiToken.objects.get(user=alice)
    assert secret not in (stored.key_hash, stored.prefix) and secret.startswith(stored.prefix)


def test_it_creates_reads_and_updates_a_client_and_its_contacts(alice, workspace_a):
    api = token_client(alice)
    base = f"/api/w/{workspace_a.slug}"
    status, created = call(api, "POST", f"{base}/clients", {
        "name": "Nordvik AS", "language": "nb", "country": "NO", "time_zone": "Europe/Oslo",
        "email_domains": ["nordvik.example"]})
    assert status == 201 and created["kind"] == "company"
    assert created["email_domains"] == ["nordvik.example"]
    status, contact = call(api, "POST", f"{base}/clients/{created['id']}/contacts",
                           {"name": "Kari Nordvik", "email": "kari@nordvik.example"})
    assert status == 201
    status, patched = call(api, "PATCH", f"{base}/clients/{created['id']}",
                           {"notes": "Ferry operator", "email_domains": []})
    assert status == 200 and patched["notes"] == "Ferry operator"
    assert patched["email_domains"] == [] and patched["name"] == "Nordvik AS"
    event = AuditEvent.objects.filter(verb="client.updated").first()
    assert event.data["changes"]["notes"] == ["", "Ferry operator"]
    assert event.data["changes"]["email_domains"] == [["nordvik.example"], []]
    status, _ = call(api, "DELETE", f"{base}/contacts/{contact['id']}")
    assert status == 204
    status, listed = call(api, "GET", f"{base}/clients/{created['id']}/contacts")
    assert listed["items"] == [] and listed["count"] == 0


def test_it_answers_422_with_the_reason_per_field(alice, workspace_a):
    api = token_client(alice)
    status, body = call(api, "POST", f"/api/w/{workspace_a.slug}/clients", {
        "name": "X", "country": "QQ", "time_zone": "Nowhere/City",
        "email_domains": ["not a domain"]})
    assert status == 422
    assert set(body["errors"]) == {"country", "time_zone", "email_domains"}


def test_it_creates_and_patches_an_engagement_with_all_its_terms(alice, workspace_a):
    api = token_client(alice)
    base = f"/api/w/{workspace_a.slug}"
    _status, clients = call(api, "GET", f"{base}/clients")
    status, created = call(api, "POST", f"{base}/engagements", {
        "client_id": clients["items"][0]["id"], "title": "Translations", "start_date": "2026-02-01",
        "time_zone": "Europe/Madrid", "holiday_country": "ES", "holiday_subdivision": "ct",
        "account_manager": alice.email, "hourly_rate": "30", "currency": "EUR",
        "working_hours": {"mon": ["09:00-14:00", "15:00-18:00"], "fri": ["09:00-15:00"]}})
    assert status == 201, created
    assert created["holiday_subdivision"] == "CT" and created["notice_days"] == 30
    assert created["working_hours"]["mon"] == ["09:00-14:00", "15:00-18:00"]
    assert created["account_manager"] == alice.email
    status, patched = call(api, "PATCH", f"{base}/engagements/{created['id']}",
                           {"status": "ending", "end_date": "2026-12-31"})
    assert status == 200 and patched["status"] == "ending"
    assert patched["working_hours"]["fri"] == ["09:00-15:00"]
    status, body = call(api, "PATCH", f"{base}/engagements/{created['id']}",
                        {"working_hours": {"someday": ["09:00-10:00"]}})
    assert status == 422 and "working_hours" in body["errors"]
    status, body = call(api, "PATCH", f"{base}/engagements/{created['id']}",
                        {"account_manager": "stranger@x.example"})
    assert status == 422 and "account_manager" in body["errors"]


def test_it_gives_a_collaborator_only_their_engagements_and_no_writes(alice, bob, workspace_a):
    api = token_client(bob)
    _status, listed = call(api, "GET", f"/api/w/{workspace_a.slug}/engagements")
    assert listed["items"] == [] and listed["count"] == 0
    engagement = Engagement.objects.filter(workspace=workspace_a).first()
    status, _ = call(api, "GET", f"/api/w/{workspace_a.slug}/engagements/{engagement.pk}")
    assert status == 404
    status, _ = call(api, "POST", f"/api/w/{workspace_a.slug}/clients",
                     {"name": "Nope", "country": "IT", "time_zone": "Europe/Rome"})
    assert status == 403
    status, _ = call(api, "GET", f"/api/w/{workspace_a.slug}/clients")
    assert status == 403


def test_it_lists_the_users_workspaces_with_roles(alice, bob, workspace_a):
    _status, listed = call(token_client(bob), "GET", "/api/workspaces")
    assert listed["items"] == [{"slug": workspace_a.slug, "name": workspace_a.name,
                                "role": "collaborator"}]
    assert listed["count"] == 1
