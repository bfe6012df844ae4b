"""Every route that takes an object id answers 404 to a user of another workspace.

Routes are discovered, not listed: every URL pattern of the UI and every path of the API's
OpenAPI document. A keyword `ws` takes a workspace slug and `<model>_id` the id of a row of
that model in Alice's workspace, so routes added later are covered without edits here.
"""

import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from handover.api.api import api
from handover.core.actions import do_invite_member
from handover.core.models import Role

from .conftest import signed_in, token_client

# Keywords that carry a secret token rather than an object id.
NOT_OBJECT_IDS = {"token", "uidb64"}
PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def ui_routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.name

    for route, name in walk(get_resolver().url_patterns):
        if route.startswith("api/"):
            continue
        keys = PARAM.findall(route)
        if keys and not set(keys) <= NOT_OBJECT_IDS:
            yield route, name, keys


def api_routes():
    schema = api.get_openapi_schema(path_prefix="/api/")
    for path, operations in schema["paths"].items():
        keys = re.findall(r"{(\w+)}", path)
        if keys:
            methods = sorted(m.upper() for m in operations)
            yield path, methods, keys


def model_for(key: str):
    wanted = key.removesuffix("_id").replace("_", "")
    for model in apps.get_models():
        if model.__module__.startswith("handover.") and model._meta.model_name == wanted:
            return model
    raise AssertionError(f"route keyword {key!r} names no model: call it <model>_id")


def object_ids(workspace, keys):
    values = {}
    for key in keys:
        if key == "ws":
            continue
        model = model_for(key)
        assert any(f.name == "workspace" for f in model._meta.fields), (
            f"{model.__name__} has no workspace column, so it cannot be scoped"
        )
        row = model.objects.filter(workspace=workspace).order_by("pk").first()
        assert row is not None, (
            f"workspace A has no {model.__name__}: add one to handover/core/demo.py"
        )
        values[key] = row.pk
    return values


def fill_ui(route: str, values: dict) -> str:
    return "/" + PARAM.sub(lambda m: str(values[m.group(1)]), route)


def fill_api(path: str, values: dict) -> str:
    return re.sub(r"{(\w+)}", lambda m: str(values[m.group(1)]), path)


@pytest.fixture
def world(alice, bob, demo_workspace_a, charlie, workspace_b):
    # One row of each kind a route can name; the demo content has the rest.
    do_invite_member(demo_workspace_a, actor=alice, email="dora@d.example", role=Role.MEMBER,
                     language="it")
    return demo_workspace_a, workspace_b


def test_it_discovers_the_routes_of_every_app():
    names = {name for _route, name, _keys in ui_routes()}
    assert {"client_detail", "engagement_detail", "contact_edit", "change_role"} <= names
    paths = {path for path, _methods, _keys in api_routes()}
    assert "/api/w/{ws}/engagements/{engagement_id}" in paths


def test_it_answers_404_to_charlie_on_every_ui_route_with_an_object_id(world, alice, charlie):
    workspace_a, workspace_b = world
    as_alice, as_charlie = signed_in(alice), signed_in(charlie)
    checked = 0
    for route, name, keys in ui_routes():
        ids = object_ids(workspace_a, keys)
        own = fill_ui(route, {**ids, "ws": workspace_a.slug})
        # The ids are real: Alice, who owns them, does not get 404.
        assert as_alice.get(own).status_code != 404, own
        for slug in (workspace_a.slug, workspace_b.slug):
            url = fill_ui(route, {**ids, "ws": slug})
            if slug == workspace_b.slug and not (set(keys) - {"ws"}):
                continue  # Charlie's own workspace page, no object of A in it
            for method in ("get", "post"):
                response = getattr(as_charlie, method)(url)
                assert response.status_code == 404, f"{method.upper()} {url} ({name})"
                checked += 1
    assert checked > 20


def test_it_answers_404_to_charlie_on_every_api_route_with_an_object_id(world, alice, charlie):
    workspace_a, workspace_b = world
    as_alice, as_charlie = token_client(alice), token_client(charlie)
    checked = 0
    for path, methods, keys in api_routes():
        ids = object_ids(workspace_a, keys)
        if "GET" in methods:
            own = fill_api(path, {**ids, "ws": workspace_a.slug})
            assert as_alice.get(own).status_code == 200, own
        for slug in (workspace_a.slug, workspace_b.slug):
            if slug == workspace_b.slug and not (set(keys) - {"ws"}):
                continue
            url = fill_api(path, {**ids, "ws": slug})
            for method in methods:
                response = as_charlie.generic(method, url, data="{}",
                                              content_type="application/json")
                assert response.status_code == 404, f"{method} {url}"
                assert set(response.json()) == {"detail"}, f"{method} {url} leaks data"
                checked += 1
    assert checked > 20
