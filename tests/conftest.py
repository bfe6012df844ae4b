"""Personas and shared fixtures.

Alice owns workspace A, Bob is a collaborator in A and Charlie owns workspace B. Both
workspaces hold the demo's clients, with their contacts and engagements; a test that needs
what the other apps' demos add (health scores, letters, departures, duties, files,
offboarding plans, interactions...) asks for `demo_workspace_a` or `demo_workspace_b`.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from handover.clients.demo import fill as fill_clients
from handover.core.actions import (
    do_accept_invitation,
    do_create_api_token,
    do_create_workspace,
    do_ensure_user,
    do_invite_member,
)
from handover.core.apps_registry import modules
from handover.core.models import Role

PASSWORD = "correct horse battery staple"
IN_CI = os.environ.get("HANDOVER_CI") == "1"


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Each test starts in English: a request in another language (the signed-in user's) must
    not leak its language into the next test run by the same worker."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_pages_from_another_test():
    """Cached pages are keyed by ids and versions that a rolled-back test gives out again."""
    from django.core.cache import caches

    caches["pages"].clear()
    yield
    caches["pages"].clear()


def need(condition: bool, reason: str) -> None:
    """Skip on a bare machine, fail in CI, when something a test needs is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def make_user(email, name, language="en"):
    user, _ = do_ensure_user(email, password=PASSWORD, name=name, language=language)
    return user


@pytest.fixture
def alice(db):
    return make_user("alice@a.example", "Alice Abate")


def fill_the_rest_of_the_demo(workspace, actor) -> None:
    """What `handover.core.demo.fill_workspace` adds after the clients: every other app's
    demo rows, in the same order."""
    demos = [m for m in modules("demo") if m.__name__ != "handover.core.demo"]
    assert demos[0].fill is fill_clients, "the clients' demo comes first"
    for module in demos[1:]:
        module.fill(workspace, actor)


@pytest.fixture
def workspace_a(alice):
    """Alice's workspace with the demo's clients, their contacts and engagements."""
    workspace = do_create_workspace("Alice Studio", actor=alice, slug="alice-studio")
    fill_clients(workspace, alice)
    return workspace


@pytest.fixture
def demo_workspace_a(workspace_a, alice):
    """Workspace A with the whole demo, as `handover demo` fills it."""
    fill_the_rest_of_the_demo(workspace_a, alice)
    return workspace_a


@pytest.fixture
def bob(workspace_a, alice):
    bob = make_user("bob@b.example", "Bob Bianchi")
    invitation, _token = do_invite_member(
        workspace_a, actor=alice, email=bob.email, role=Role.COLLABORATOR, language="en"
    )
    do_accept_invitation(invitation, actor=bob)
    return bob


@pytest.fixture
def charlie(db):
    return make_user("charlie@c.example", "Charlie Conti")


@pytest.fixture
def workspace_b(charlie):
    """Charlie's workspace with the demo's clients, their contacts and engagements."""
    workspace = do_create_workspace("Charlie Consulting", actor=charlie, slug="charlie")
    fill_clients(workspace, charlie)
    return workspace


@pytest.fixture
def demo_workspace_b(workspace_b, charlie):
    """Workspace B with the whole demo."""
    fill_the_rest_of_the_demo(workspace_b, charlie)
    return workspace_b


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="handover.core.auth.EmailBackend")
    return client


@pytest.fixture
def alice_client(alice, workspace_a):
    return signed_in(alice)


@pytest.fixture
def charlie_client(charlie, workspace_b):
    return signed_in(charlie)


def token_client(user) -> Client:
    _token, secret = do_create_api_token(user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def first_engagement(**lookup):
    """The client's first engagement (the demo gives one Italian client a second one)."""
    from handover.clients.models import Engagement

    return Engagement.objects.filter(**lookup).order_by("pk").first()


@pytest.fixture(scope="session")
def prepared_data_dir(tmp_path_factory) -> Path:
    """A data directory as `handover serve` leaves it at its first start (the SQLite database
    migrated, the static files collected), made once for the whole run (shared by xdist's
    workers under a lock); a test copies it rather than paying both again."""
    import fcntl
    import subprocess
    import sys

    # This run's own folder: shared by xdist's workers (their parent), never by two runs.
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    data = shared / "prepared-data"
    with open(shared / "prepared-data.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (data / "static" / ".sources").is_file():
            env = {k: v for k, v in os.environ.items()
                   if not k.startswith(("HANDOVER_", "DJANGO_")) and k != "DATABASE_URL"}
            script = ("import django; django.setup(); from django.core.management import "
                      "call_command; call_command('migrate', verbosity=0); from "
                      "handover.core.staticfiles import collect_static_if_changed as c; c()")
            subprocess.run([sys.executable, "-c", script], check=True,
                           cwd=Path(__file__).resolve().parent.parent,
                           env={**env, "HANDOVER_DATA_DIR": str(data),
                                "DJANGO_SETTINGS_MODULE": "handover.settings"})
    return data
