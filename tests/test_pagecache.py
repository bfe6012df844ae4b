"""Cached pages: served again only while nothing they show has changed, never across readers,
with each browser's own CSRF token."""

import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from handover.clients.actions import do_create_client
from handover.core.actions import do_invite_member
from handover.core.models import Role, Workspace
from handover.core.versions import touch

from .conftest import first_engagement, signed_in
from .factories import MembershipFactory, WorkspaceFactory

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def quiet_workspace(db):
    """A workspace with no write pending in the test's transaction (a pending raise would
    absorb the ones under test)."""
    return WorkspaceFactory(name="Quiet", slug="quiet")


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


def test_it_serves_the_dashboard_again_without_rendering_it(alice_client, demo_workspace_a):
    url = f"/w/{demo_workspace_a.slug}/"
    first, cold = queries(alice_client, url)
    second, warm = queries(alice_client, url)
    assert warm < cold
    assert warm <= 5  # session, user, membership with its workspace, and no more than two
    tokens = re.compile(rb"[A-Za-z0-9]{64}")  # each serving masks the CSRF token anew
    assert tokens.sub(b"", first.content) == tokens.sub(b"", second.content)


def test_it_shows_a_change_once_the_workspace_version_moves(
        alice, quiet_workspace, django_capture_on_commit_callbacks):
    MembershipFactory(workspace=quiet_workspace, user=alice, role=Role.OWNER)
    browser = signed_in(alice)
    url = f"/w/{quiet_workspace.slug}/members/"
    _page, cold = queries(browser, url)
    _page, warm = queries(browser, url)
    assert warm < cold  # served from the cache
    # Another reader's write (not this session's): only the version says it happened.
    with django_capture_on_commit_callbacks(execute=True):
        do_invite_member(quiet_workspace, actor=alice, email="fresh@f.example",
                         role=Role.MEMBER, language="en")
    assert Workspace.objects.get(pk=quiet_workspace.pk).version == 1
    page, _count = queries(browser, url)
    assert "fresh@f.example" in page.content.decode()


def test_it_renders_the_health_page_again_after_a_dismissal(alice_client, demo_workspace_a):
    from handover.health.actions.compute import do_compute_health
    from handover.health.models import HealthFinding

    do_compute_health(demo_workspace_a)
    finding = HealthFinding.objects.filter(workspace=demo_workspace_a,
                                           dismissed_at__isnull=True).first()
    assert finding is not None
    url = f"/w/{demo_workspace_a.slug}/engagements/{finding.engagement_id}/health/"
    before = alice_client.get(url).content.decode()
    dismiss = f"/w/{demo_workspace_a.slug}/health/findings/{finding.pk}/dismiss/"
    assert dismiss in before
    # The dismissal commits inside the test's transaction (no on-commit version raise
    # here): the session's own generation is what makes the next page fresh.
    alice_client.post(dismiss)
    after = alice_client.get(url).content.decode()
    assert dismiss not in after


def test_it_gives_each_browser_its_own_working_csrf_token(alice, workspace_a):
    url = f"/w/{workspace_a.slug}/members/"
    tokens = []
    for _ in range(2):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(alice, backend="handover.core.auth.EmailBackend")
        page = browser.get(url)
        token = TOKEN.search(page.content.decode()).group(1)
        tokens.append(token)
        answer = browser.post("/language/", {"language": "pl", "next": url,
                                                 "csrfmiddlewaretoken": token})
        assert answer.status_code == 302, answer.status_code
        browser.post("/language/", {"language": "en", "next": url,
                                        "csrfmiddlewaretoken": token})
    assert tokens[0] != tokens[1]
    assert "csrfslot" not in page.content.decode()


def test_it_never_serves_one_readers_page_to_another(alice, bob, demo_workspace_a):
    url = f"/w/{demo_workspace_a.slug}/"
    alice_page = signed_in(alice).get(url).content.decode()
    bob_page = signed_in(bob).get(url).content.decode()
    assert alice.display_name in alice_page and alice.display_name not in bob_page
    assert bob.display_name in bob_page


def test_it_answers_404_to_an_outsider_whatever_is_cached(alice_client, charlie_client,
                                                          demo_workspace_a):
    engagement = first_engagement(workspace=demo_workspace_a)
    for url in (f"/w/{demo_workspace_a.slug}/", f"/w/{demo_workspace_a.slug}/members/",
                f"/w/{demo_workspace_a.slug}/engagements/{engagement.pk}/health/"):
        assert alice_client.get(url).status_code == 200
        assert charlie_client.get(url).status_code == 404


def test_it_follows_the_readers_language(alice_client, workspace_a):
    url = f"/w/{workspace_a.slug}/members/"
    english = alice_client.get(url).content.decode()
    alice_client.post("/language/", {"language": "it", "next": url})
    italian = alice_client.get(url).content.decode()
    assert 'lang="it"' in italian and 'lang="en"' in english.split(">")[1] + english[:200]


def test_it_shows_a_flash_message_once_and_never_keeps_it(alice_client, workspace_a):
    url = f"/w/{workspace_a.slug}/members/"
    alice_client.get(url)
    alice_client.post(f"/w/{workspace_a.slug}/members/invite/",
                      {"email": "newcomer@n.example", "role": "member", "language": "en"})
    with_message = alice_client.get(url).content.decode()
    assert "newcomer@n.example" in with_message and 'class="messages"' in with_message
    again = alice_client.get(url).content.decode()
    assert 'class="messages"' not in again
    assert "newcomer@n.example" in again  # the pending invitation itself is listed


def test_it_can_be_switched_off(alice_client, demo_workspace_a, settings):
    settings.PAGE_CACHE = False
    url = f"/w/{demo_workspace_a.slug}/"
    _page, first = queries(alice_client, url)
    _page, second = queries(alice_client, url)
    assert second == first


def test_touch_raises_the_version_once_per_transaction(
        quiet_workspace, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        touch(quiet_workspace.pk)
        touch(quiet_workspace.pk)
        touch(quiet_workspace.pk)
    assert len(callbacks) == 1
    assert Workspace.objects.get(pk=quiet_workspace.pk).version == 1


def test_a_rolled_back_write_raises_nothing(quiet_workspace,
                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                touch(quiet_workspace.pk)
                raise RuntimeError("refused")
        except RuntimeError:
            pass
        with transaction.atomic():
            touch(quiet_workspace.pk)
    assert len(callbacks) == 1
    assert Workspace.objects.get(pk=quiet_workspace.pk).version == 1


@pytest.mark.parametrize("verb", ["client", "health"])
def test_every_audited_write_and_every_recompute_raises_the_version(
        verb, alice, quiet_workspace, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        if verb == "client":
            do_create_client(quiet_workspace, actor=alice, name="Versioned Sp. z o.o.",
                             language="pl", country="PL", time_zone="Europe/Warsaw")
        else:
            from handover.health.actions.compute import do_compute_health

            do_compute_health(quiet_workspace)
    assert Workspace.objects.get(pk=quiet_workspace.pk).version == 1
