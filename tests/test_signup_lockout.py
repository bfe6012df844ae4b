"""Who may create a workspace from the web, and sign-in lockouts that hit only the guesser."""

from django.test import Client, override_settings
from django.utils import translation

from handover.core.models import Workspace

from .conftest import PASSWORD, make_user, signed_in


def sign_in(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_it_refuses_new_workspaces_from_the_web_by_default(db):
    newcomer = make_user("newcomer@n.example", "N Newcomer", language="pl")
    client = signed_in(newcomer)
    home = client.get("/")
    assert home.status_code == 200
    with translation.override("pl"):
        title = translation.gettext("You are not in a workspace yet")
    assert title != "You are not in a workspace yet"
    assert title in home.content.decode()
    response = client.post("/w/new/", {"name": "Mine", "language": "pl"})
    assert response.status_code == 403
    assert not Workspace.objects.exists()


@override_settings(SIGNUP_WORKSPACES=True)
def test_it_lets_anyone_create_a_workspace_when_the_instance_allows_it(db):
    newcomer = make_user("newcomer@n.example", "N Newcomer")
    client = signed_in(newcomer)
    assert client.get("/").url == "/w/new/"
    response = client.post("/w/new/", {"name": "Mine", "language": "en"})
    assert response.status_code == 302
    assert Workspace.objects.filter(name="Mine").exists()


def test_it_lets_a_superuser_create_a_workspace(db):
    admin = make_user("admin@n.example", "N Admin")
    admin.is_superuser = True
    admin.save()
    response = signed_in(admin).post("/w/new/", {"name": "Ops", "language": "en"})
    assert response.status_code == 302


def test_it_never_locks_out_people_behind_one_address(alice, charlie):
    """Twenty failures from one proxy address, on someone else's account and on made-up
    ones, leave the other people behind that address signing in."""
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    attacker = Client(**proxy)
    for _ in range(12):
        sign_in(attacker, alice.email, "wrong")
    for number in range(20):
        sign_in(attacker, f"nobody{number}@x.example", "wrong")
    assert sign_in(Client(**proxy), charlie.email, PASSWORD).status_code == 302
    # Alice's own account is the one locked, from every address.
    assert sign_in(Client(REMOTE_ADDR="10.0.0.2"), alice.email, PASSWORD).status_code == 429


def test_it_counts_one_users_typos_against_that_user_only(alice, charlie):
    proxy = {"REMOTE_ADDR": "10.0.0.7"}
    for _ in range(9):
        assert sign_in(Client(**proxy), "ALICE@a.example ", "typo").status_code == 200
    assert sign_in(Client(**proxy), charlie.email, PASSWORD).status_code == 302
    assert sign_in(Client(**proxy), alice.email, "typo").status_code == 429


@override_settings(LOCKOUT_ADDRESS_FAILURES=5)
def test_it_stops_guessing_accounts_from_one_address(alice):
    guesser = {"REMOTE_ADDR": "10.0.0.9"}
    for number in range(5):
        sign_in(Client(**guesser), f"guess{number}@x.example", "wrong")
    assert sign_in(Client(**guesser), "guess9@x.example", "wrong").status_code == 429
    # A real account from that address still answers to its own password.
    assert sign_in(Client(**guesser), alice.email, PASSWORD).status_code == 302
