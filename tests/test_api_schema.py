"""Schemathesis over the whole API, in process (WSGI), as Alice with a real token.

Each operation gets a few generated requests (plus schemathesis's examples and edge cases
from the schema); every answer must be no 5xx, a documented status code and a body that
matches the documented schema. Ids in the path are real rows of Alice's workspace, so the
generated bodies reach the forms and actions rather than stopping at 404.
"""

import json
import re

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from handover.api.api import api
from handover.core.actions import do_create_api_token

from .test_route_matrix import model_for

# Generated requests per operation: the whole run stays well under two minutes on 2 cores.
EXAMPLES = 8

schema = schemathesis.openapi.from_dict(
    json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/"), default=str)))
schema.app = get_wsgi_application()

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def real_ids(workspace, path: str) -> dict:
    """The first row of the workspace for each `<model>_id` (0, a 404, once deleted)."""
    ids = {}
    for key in re.findall(r"{(\w+_id)}", path):
        row = model_for(key).objects.filter(workspace=workspace).order_by("pk").first()
        ids[key] = row.pk if row else 0
    return ids


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The app is called as WSGI, not through Django's test client, so the request signals
    would close the database connection that holds the test's transaction (PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def alice_token(alice, workspace_a):
    _token, secret = do_create_api_token(alice, name="schemathesis")
    return secret


@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_the_api_answers_every_generated_request_as_documented(case, alice_token, demo_workspace_a):
    case.path_parameters = {**(case.path_parameters or {}), "ws": demo_workspace_a.slug,
                            **real_ids(demo_workspace_a, case.path)}
    case.call_and_validate(headers={"Authorization": f"Bearer {alice_token}"}, checks=CHECKS)
