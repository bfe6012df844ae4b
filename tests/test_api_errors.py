"""The API's one error shape, its limits on bodies, paging, and what a list costs."""

import json
import re

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from handover.api.api import api
from handover.clients.models import Client, ClientDomain
from handover.core.rest.paging import MAX_LIMIT

from .conftest import signed_in, token_client
from .test_route_matrix import fill_api, object_ids


def send(client, method, url, raw: str | bytes):
    return client.generic(method, url, data=raw, content_type="application/json")


def one_shape(response, status: int) -> dict:
    """The response is JSON in the one error shape, with the expected status."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert set(body) <= {"detail", "errors"}
    for field, messages in body.get("errors", {}).items():
        assert isinstance(field, str) and messages
        assert all(isinstance(m, str) and m for m in messages)
    return body


def test_it_refuses_a_lone_surrogate_with_422_before_any_form_runs(alice, workspace_a):
    api_client = token_client(alice)
    base = f"/api/w/{workspace_a.slug}"
    before = Client.objects.count()
    # The escape is written out in the JSON text, as a probe would send it.
    raw = '{"name": "\\ud800x", "country": "IT", "time_zone": "Europe/Rome"}'
    body = one_shape(send(api_client, "POST", f"{base}/clients", raw), 422)
    assert set(body["errors"]) == {"name"}
    # In a list, in a nested key and in a PATCH: the same answer.
    raw = ('{"name": "Ok", "country": "IT", "time_zone": "Europe/Rome", '
           '"email_domains": ["ok.example", "\\udfff.example"]}')
    assert set(one_shape(send(api_client, "POST", f"{base}/clients", raw), 422)["errors"]) \
        == {"email_domains"}
    engagement = workspace_a.engagements.order_by("pk").first()
    raw = '{"working_hours": {"\\udbff": ["09:00-10:00"]}}'
    assert set(one_shape(send(api_client, "PATCH", f"{base}/engagements/{engagement.pk}",
                              raw), 422)["errors"]) == {"working_hours"}
    assert Client.objects.count() == before
    # A query string cannot carry one: Django decodes it with replacement characters.
    assert api_client.get(f"{base}/letters?state=%ED%A0%80").status_code == 200
    # A correct surrogate pair is an ordinary character and is accepted.
    raw = '{"name": "Emoji \\ud83d\\ude00 Ltd", "country": "IT", "time_zone": "Europe/Rome"}'
    created = send(api_client, "POST", f"{base}/clients", raw)
    assert created.status_code == 201 and created.json()["name"] == "Emoji \U0001f600 Ltd"


def test_the_client_forms_refuse_a_lone_surrogate_and_a_form_post_cannot_carry_one(
        alice, workspace_a):
    from handover.clients.forms import ClientForm, ContactForm

    form = ClientForm(data={"name": "\ud800x", "kind": "company", "language": "en",
                            "country": "IT", "time_zone": "Europe/Rome"},
                      workspace=workspace_a)
    assert not form.is_valid() and "name" in form.errors
    contact = ContactForm(data={"name": "Ok", "email": "a\udc80@x.example"},
                          workspace=workspace_a)
    assert not contact.is_valid() and "email" in contact.errors
    # %ED%A0%80 is a surrogate's UTF-8 form: Django decodes it as replacement characters.
    raw = ("name=Surrogate%ED%A0%80Ltd&kind=company&language=en&country=IT"
           "&time_zone=Europe%2FRome&email_domains=&notes=")
    response = signed_in(alice).post(f"/w/{workspace_a.slug}/clients/new/", raw,
                                     content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 302)
    for name in Client.objects.values_list("name", flat=True):
        name.encode("utf-8")  # nothing stored that cannot be encoded


def test_it_answers_413_in_json_to_a_body_over_the_limit(alice, workspace_a):
    big = json.dumps({"name": "Big", "country": "IT", "time_zone": "Europe/Rome",
                      "notes": "x" * 3_000_000})
    assert len(big) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = send(token_client(alice), "POST", f"/api/w/{workspace_a.slug}/clients", big)
    assert "errors" not in one_shape(response, 413)
    assert not Client.objects.filter(name="Big").exists()


def test_it_answers_400_in_json_to_a_body_that_is_not_json(alice, workspace_a):
    api_client = token_client(alice)
    url = f"/api/w/{workspace_a.slug}/clients"
    for raw in ('{"name": ', "NaN", b"\xff\xfe{", '{"name": "x",}'):
        one_shape(send(api_client, "POST", url, raw), 400)


def test_a_type_error_answers_like_a_form_error(alice, workspace_a):
    api_client = token_client(alice)
    base = f"/api/w/{workspace_a.slug}"
    client_id = Client.objects.filter(workspace=workspace_a).first().pk
    typed = one_shape(send(api_client, "POST", f"{base}/engagements", json.dumps({
        "client_id": client_id, "title": "T", "start_date": "2026-01-01",
        "time_zone": "Europe/Rome", "notice_days": "soon"})), 422)
    form = one_shape(send(api_client, "POST", f"{base}/engagements", json.dumps({
        "client_id": client_id, "title": "T", "start_date": "2026-01-01",
        "time_zone": "Nowhere/City"})), 422)
    assert set(typed) == set(form) == {"detail", "errors"}
    assert typed["detail"] == form["detail"]
    assert set(typed["errors"]) == {"notice_days"} and set(form["errors"]) == {"time_zone"}
    # A missing field and a bad query parameter too.
    missing = one_shape(send(api_client, "POST", f"{base}/clients", "{}"), 422)
    assert {"name", "country", "time_zone"} <= set(missing["errors"])
    query = one_shape(api_client.get(f"{base}/clients?archived=perhaps"), 422)
    assert set(query["errors"]) == {"archived"}


def test_every_other_error_has_the_same_shape(alice, bob, workspace_a):
    base = f"/api/w/{workspace_a.slug}"
    from django.test import Client as Browser

    one_shape(Browser().get(f"{base}/clients"), 401)
    one_shape(token_client(bob).get(f"{base}/clients"), 403)
    one_shape(token_client(alice).get(f"{base}/clients/0"), 404)
    one_shape(token_client(alice).get("/api/w/nowhere/clients"), 404)
    wrong = token_client(alice).put(f"{base}/clients")
    one_shape(wrong, 405)
    assert set(wrong["Allow"].split(", ")) == {"GET", "POST"}


def test_it_keeps_the_client_list_small_for_a_client_with_ten_thousand_domains(
        alice, workspace_a):
    big = Client.objects.filter(workspace=workspace_a).order_by("name").first()
    ClientDomain.objects.bulk_create(
        ClientDomain(workspace=workspace_a, client=big, domain=f"d{i:05}.example")
        for i in range(10_000))
    api_client = token_client(alice)
    response = api_client.get(f"/api/w/{workspace_a.slug}/clients")
    assert response.status_code == 200
    assert len(response.content) < 20_000
    item = next(c for c in response.json()["items"] if c["id"] == big.pk)
    assert 0 < len(item["email_domains"]) <= 20
    # The client's own page has them all; the list item starts the same and counts them.
    whole = api_client.get(f"/api/w/{workspace_a.slug}/clients/{big.pk}").json()
    assert item["email_domain_count"] == whole["email_domain_count"] == \
        len(whole["email_domains"]) >= 10_000
    assert item["email_domains"] == whole["email_domains"][:len(item["email_domains"])]


def test_it_refuses_a_limit_above_the_maximum_in_the_one_shape(alice, workspace_a):
    api_client = token_client(alice)
    url = f"/api/w/{workspace_a.slug}/clients"
    for bad in (MAX_LIMIT + 1, 0, -1):
        body = one_shape(api_client.get(f"{url}?limit={bad}"), 422)
        assert set(body["errors"]) == {"limit"}
    assert set(one_shape(api_client.get(f"{url}?offset=-1"), 422)["errors"]) == {"offset"}
    assert api_client.get(f"{url}?limit={MAX_LIMIT}").json()["limit"] == MAX_LIMIT


def test_offset_and_limit_walk_the_list_without_overlap(alice, workspace_a):
    api_client = token_client(alice)
    url = f"/api/w/{workspace_a.slug}/clients"
    whole = api_client.get(url).json()
    assert whole["limit"] == 50 and whole["offset"] == 0
    assert whole["count"] == len(whole["items"]) >= 3
    walked = []
    for offset in range(0, whole["count"], 2):
        page = api_client.get(f"{url}?limit=2&offset={offset}").json()
        assert page["count"] == whole["count"] and page["offset"] == offset
        assert len(page["items"]) <= 2
        walked += [c["id"] for c in page["items"]]
    assert walked == [c["id"] for c in whole["items"]]
    beyond = api_client.get(f"{url}?offset={whole['count']}").json()
    assert beyond["items"] == [] and beyond["count"] == whole["count"]


def openapi() -> dict:
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/"), default=str))


def list_paths():
    """Every paged GET of the API, found in its OpenAPI document."""
    schema = openapi()
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get and {"limit", "offset"} <= {p["name"] for p in get.get("parameters", [])}:
            yield path


def test_every_list_is_paged_and_documented():
    paths = set(list_paths())
    assert {"/api/workspaces", "/api/w/{ws}/clients", "/api/w/{ws}/engagements",
            "/api/w/{ws}/duties", "/api/w/{ws}/time", "/api/w/{ws}/letters",
            "/api/w/{ws}/departures", "/api/w/{ws}/offboarding/plans",
            "/api/w/{ws}/access-accounts", "/api/w/{ws}/files/audits"} <= paths
    schema = openapi()
    for path in paths:
        responses = schema["paths"][path]["get"]["responses"]
        paged = responses["200"]["content"]["application/json"]["schema"]["$ref"]
        name = paged.rsplit("/", 1)[1]
        assert set(schema["components"]["schemas"][name]["required"]) == {
            "count", "items", "limit", "offset"}
        assert {"401", "422"} <= set(responses)


def test_every_operation_documents_its_errors_in_the_one_shape():
    schema = openapi()
    shapes = {"#/components/schemas/ErrorOut", "#/components/schemas/ValidationOut"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "401" in responses, (method, path)
            if "{ws}" in path:
                assert {"403", "404"} <= set(responses), (method, path)
            if "requestBody" in operation:
                assert {"400", "413", "422"} <= set(responses), (method, path)
            for code, response in responses.items():
                if code.startswith(("4", "5")):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref in shapes, (method, path, code)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:200])
    return len(captured)


def test_each_list_runs_a_few_queries_whatever_the_page_size(
        alice, demo_workspace_a, django_assert_max_num_queries):
    from handover.letters.actions import do_draft_letter

    # More than one row in the lists the demo keeps short.
    for engagement in demo_workspace_a.engagements.order_by("pk")[:3]:
        do_draft_letter(demo_workspace_a, actor=alice, kind="early_warning", language=None,
                        engagement=engagement, departure=None, extra={})
    api_client = token_client(alice)
    api_client.get("/api/workspaces")  # the token's first use is recorded once
    checked = 0
    for path in list_paths():
        keys = [k for k in re.findall(r"{(\w+)}", path) if k != "ws"]
        url = fill_api(path, {"ws": demo_workspace_a.slug, **object_ids(demo_workspace_a, keys)})
        one = queries(api_client, f"{url}?limit=1")
        with django_assert_max_num_queries(12):
            many = api_client.get(f"{url}?limit={MAX_LIMIT}")
        rows = len(many.json()["items"])
        assert queries(api_client, f"{url}?limit={MAX_LIMIT}") == one, (url, rows)
        checked += rows > 1
    assert checked >= 6


def test_it_answers_an_unknown_api_path_in_the_one_error_shape(alice, workspace_a):
    response = token_client(alice).get("/api/no/such/thing")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail"}
