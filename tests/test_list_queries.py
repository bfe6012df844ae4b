"""Every list page runs a bounded number of queries, whatever the number of rows.

Each page is read over the demo workspace (four clients and what hangs on them) and again
after all but one client are gone: the count must not grow with the rows (no query per
row), and it stays under a ceiling that says what the page is allowed to cost.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handover.clients.models import Client

from .conftest import signed_in

# Page (URL name) -> most queries it may run, page cache off.
PAGES = {
    "dashboard": 30,
    "client_list": 12,
    "duty_list": 14,
    "time_list": 16,
    "report_list": 14,
    "interaction_list": 14,
    "invoice_list": 14,
    "import_list": 12,
    "health_overview": 16,
    "files_home": 12,
    "letter_list": 14,
    "departure_list": 12,
    "plan_list": 14,
    "access_account_list": 14,
    "activity": 10,
    "members": 12,
}


def count(client, url) -> int:
    client.get(url)  # warm: per-process lookups (registries, the language) are not per row
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


@pytest.fixture
def reader(alice, demo_workspace_a, settings):
    settings.PAGE_CACHE = False
    return signed_in(alice)


def test_it_reads_every_list_page_in_a_bounded_number_of_queries(reader, demo_workspace_a):
    over = {}
    for name, ceiling in PAGES.items():
        url = reverse(name, kwargs={"ws": demo_workspace_a.slug})
        found = count(reader, url)
        if found > ceiling:
            over[name] = found
    assert not over, f"pages over their query ceiling: {over}"


def test_it_runs_no_query_per_row(reader, demo_workspace_a):
    """With four clients and all that hangs on them, then with one: a page that asks once
    per row asks at least three times more with four."""
    urls = {name: reverse(name, kwargs={"ws": demo_workspace_a.slug}) for name in PAGES}
    with_four = {name: count(reader, url) for name, url in urls.items()}
    keep = Client.objects.filter(workspace=demo_workspace_a).order_by("pk").first()
    Client.objects.filter(workspace=demo_workspace_a).exclude(pk=keep.pk).delete()
    with_one = {name: count(reader, url) for name, url in urls.items()}
    grew = {name: (with_one[name], with_four[name]) for name in urls
            if with_four[name] > with_one[name] + 2}
    assert not grew, f"pages whose queries grow with their rows (one client, four): {grew}"
