"""The demo workspace: what every app adds to it (`handover.<app>.demo.fill`), clients first.

The test suite builds persona Alice's workspace from the same modules (the clients' demo
alone, or all of them for `demo_workspace_a`), so every later capability should add its
demo rows in its own app's demo.py.

Two demo people sign in, both with the demo password (`HANDOVER_DEMO_PASSWORD`, else the
documented one): the owner, made by `handover demo`, and the collaborator below, whom the
apps' demos give work (the duties demo: a duty to carry and her monthly report).
"""

import os

from handover.core.actions import do_accept_invitation, do_ensure_user, do_invite_member
from handover.core.apps_registry import modules
from handover.core.models import Membership, Role

DEMO_PASSWORD = "demo-handover-2026"  # noqa: S105 - the documented demo login
COLLABORATOR_EMAIL = "chiara.demo@handover.example"
COLLABORATOR_NAME = "Chiara Lombardi"  # no other demo person is called so


def demo_password() -> str:
    return os.environ.get("HANDOVER_DEMO_PASSWORD", DEMO_PASSWORD)


def collaborator(workspace, actor):
    """The demo's collaborator, a member of `workspace` who signs in with the demo password;
    made when missing (idempotent)."""
    user, _created = do_ensure_user(COLLABORATOR_EMAIL, password=demo_password(),
                                    name=COLLABORATOR_NAME, language="it")
    if not Membership.objects.filter(workspace=workspace, user=user).exists():
        invitation, _token = do_invite_member(workspace, actor=actor, email=COLLABORATOR_EMAIL,
                                              role=Role.COLLABORATOR, language="it")
        do_accept_invitation(invitation, actor=user)
    return user


def fill_workspace(workspace, actor) -> None:
    for module in modules("demo"):
        if module.__name__ != __name__:
            module.fill(workspace, actor)
