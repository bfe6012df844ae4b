"""A folder typed in the browser never reaches outside what the workspace was given."""

import html
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation

from handover.core.actions import do_accept_invitation, do_create_workspace, do_invite_member
from handover.core.models import AuditEvent, Role
from handover.files.actions.audits import (
    do_apply_fix,
    do_grant_file_root,
    do_run_audit,
    do_start_audit,
)
from handover.files.models import AuditRun, FileRootGrant, FixAction
from handover.lib.confine import Refused, confine

from .conftest import make_user, signed_in


def write(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def tree(tmp_path):
    """A file root holding one folder for each of two workspaces, and a secret outside it."""
    root = tmp_path / "shares"
    write(root / "studio-a" / "Rossi" / "brief.txt")
    write(root / "studio-a" / "Rossi" / "~$brief.docx")
    write(root / "studio-b" / "Nowak" / "plan.txt")
    write(tmp_path / "outside" / "secret.txt", b"not yours")
    os.symlink(tmp_path / "outside", root / "studio-b" / "escape")
    with override_settings(FILE_ROOTS=[root]):
        yield root


@pytest.fixture
def fresh(charlie, tree):
    """Charlie's own new workspace, with a manager and a collaborator, opened on studio-b."""
    workspace = do_create_workspace("Charlie Fresh", actor=charlie, slug="charlie-fresh")
    members = {"owner": charlie}
    for role in (Role.MANAGER, Role.COLLABORATOR):
        user = make_user(f"{role}@c.example", f"C {role}")
        invitation, _token = do_invite_member(workspace, actor=charlie, email=user.email,
                                              role=role, language="en")
        do_accept_invitation(invitation, actor=user)
        members[str(role)] = user
    do_grant_file_root(workspace, actor=None, path=str(tree / "studio-b"))
    return workspace, members


def attempts(tree):
    return {
        "/etc": "/etc",
        "the data directory": str(settings.DATA_DIR),
        "inside the data directory": str(Path(settings.DATA_DIR) / "logs"),
        "dot-dot": str(tree / "studio-b" / ".." / "studio-a"),
        "symlink out": str(tree / "studio-b" / "escape"),
        "the other workspace's folder": str(tree / "studio-a"),
        "relative": "studio-b",
    }


@pytest.mark.parametrize("role", ["owner", "manager"])
def test_it_refuses_every_folder_outside_what_the_workspace_was_given(fresh, tree, role):
    workspace, members = fresh
    client = signed_in(members[role])
    for label, typed in attempts(tree).items():
        response = client.post(f"/w/{workspace.slug}/files/", {"root": typed}, follow=True)
        assert response.status_code == 200, label
        assert not AuditRun.objects.filter(workspace=workspace).exists(), label
        page = response.content.decode()
        assert "secret.txt" not in page and "shadow" not in page, label
    # The folder it was given, and one inside it, are accepted.
    response = client.post(f"/w/{workspace.slug}/files/",
                           {"root": str(tree / "studio-b" / "Nowak")})
    assert response.status_code == 302
    run = AuditRun.objects.get(workspace=workspace)
    assert run.root == os.path.realpath(tree / "studio-b" / "Nowak")


def test_it_says_why_in_the_readers_language(fresh, tree):
    workspace, members = fresh
    members["owner"].language = "it"
    members["owner"].save()
    with translation.override("it"):
        not_open = translation.gettext(
            "The folder %(path)s is not open to this workspace. Folders open to it: "
            "%(roots)s.") % {"path": str(tree / "studio-a"), "roots": str(tree / "studio-b")}
        own_data = translation.gettext(
            "The folder %(path)s holds Handover's own data and can never be audited."
        ) % {"path": str(settings.DATA_DIR)}
    assert "is not open to this workspace" not in not_open and "own data" not in own_data
    page = signed_in(members["owner"]).post(
        f"/w/{workspace.slug}/files/", {"root": str(tree / "studio-a")}, follow=True
    ).content.decode()
    assert html.escape(not_open) in page
    # Even below a root that holds it, and opened to the workspace, the data directory stays
    # out of reach.
    parent = Path(settings.DATA_DIR).parent
    with override_settings(FILE_ROOTS=[tree, parent]):
        FileRootGrant.objects.create(workspace=workspace, path=str(parent))
        page = signed_in(members["owner"]).post(
            f"/w/{workspace.slug}/files/", {"root": str(settings.DATA_DIR)}, follow=True
        ).content.decode()
    assert html.escape(own_data) in page
    assert not AuditRun.objects.filter(workspace=workspace).exists()


def test_it_keeps_the_collaborator_away_from_files(fresh, tree):
    workspace, members = fresh
    response = signed_in(members["collaborator"]).post(
        f"/w/{workspace.slug}/files/", {"root": str(tree / "studio-b")})
    assert response.status_code == 403
    assert not AuditRun.objects.filter(workspace=workspace).exists()


def test_it_opens_nothing_when_no_root_is_configured(charlie, tmp_path):
    workspace = do_create_workspace("Charlie Bare", actor=charlie, slug="charlie-bare")
    write(tmp_path / "f" / "a.txt")
    page = signed_in(charlie).get(f"/w/{workspace.slug}/files/").content.decode()
    assert "No folder on the server is open to this workspace yet" in page
    response = signed_in(charlie).post(f"/w/{workspace.slug}/files/",
                                       {"root": str(tmp_path / "f")}, follow=True)
    assert "No folder on the server is open to this workspace" in response.content.decode()
    assert not AuditRun.objects.filter(workspace=workspace).exists()


def test_it_refuses_a_grant_outside_the_roots_or_on_the_data_directory(charlie, tree, tmp_path):
    workspace = do_create_workspace("Charlie Grants", actor=charlie, slug="charlie-grants")
    with pytest.raises(ValidationError):
        do_grant_file_root(workspace, actor=None, path=str(tmp_path / "outside"))
    with pytest.raises(ValidationError):
        do_grant_file_root(workspace, actor=None, path="/etc")
    with override_settings(FILE_ROOTS=[Path(settings.DATA_DIR).parent]):
        with pytest.raises(ValidationError):
            do_grant_file_root(workspace, actor=None, path=str(settings.DATA_DIR))
        with pytest.raises(ValidationError):
            do_grant_file_root(workspace, actor=None, path=str(Path(settings.DATA_DIR).parent))
    assert not FileRootGrant.objects.filter(workspace=workspace).exists()


def test_it_closes_a_folder_once_the_root_is_no_longer_configured(fresh, tree):
    workspace, members = fresh
    with override_settings(FILE_ROOTS=[]):
        response = signed_in(members["owner"]).post(
            f"/w/{workspace.slug}/files/", {"root": str(tree / "studio-b")}, follow=True)
    assert not AuditRun.objects.filter(workspace=workspace).exists()
    assert "No folder on the server is open" in response.content.decode()


def test_it_applies_fixes_only_inside_the_audited_folder(alice, workspace_a, tree):
    do_grant_file_root(workspace_a, actor=None, path=str(tree / "studio-a"))
    run = do_run_audit(do_start_audit(workspace_a, actor=alice, root=str(tree / "studio-a")))
    fix = FixAction.objects.get(audit_run=run, old_path__endswith="~$brief.docx")
    FixAction.objects.filter(pk=fix.pk).update(old_path="../studio-b/Nowak/plan.txt")
    fix.refresh_from_db()
    with pytest.raises(ValidationError):
        do_apply_fix(fix, actor=alice)
    assert (tree / "studio-b" / "Nowak" / "plan.txt").exists()


def test_it_lets_the_superuser_open_and_close_a_folder_from_the_page(fresh, tree):
    workspace, members = fresh
    owner = members["owner"]
    url = f"/w/{workspace.slug}/files/roots/"
    assert signed_in(owner).post(url, {"path": str(tree / "studio-a")}).status_code == 403
    owner.is_superuser = True
    owner.save()
    signed_in(owner).post(url, {"path": str(tree / "studio-a")})
    assert FileRootGrant.objects.filter(workspace=workspace, path=str(tree / "studio-a")).exists()
    signed_in(owner).post(url, {"path": str(tree / "studio-a"), "revoke": "1"})
    assert not FileRootGrant.objects.filter(workspace=workspace,
                                            path=str(tree / "studio-a")).exists()
    verbs = list(AuditEvent.objects.filter(workspace=workspace, verb__startswith="files.root_")
                 .values_list("verb", flat=True))
    assert verbs.count("files.root_granted") == 2 and verbs.count("files.root_revoked") == 1


def test_it_grants_lists_and_revokes_from_the_command_line(charlie, tree, capsys):
    workspace = do_create_workspace("Charlie Cli", actor=charlie, slug="charlie-cli")
    call_command("file_roots", "grant", str(tree / "studio-b"), workspace="charlie-cli")
    call_command("file_roots", "list", workspace="charlie-cli")
    assert str(tree / "studio-b") in capsys.readouterr().out
    call_command("file_roots", "revoke", str(tree / "studio-b"), workspace="charlie-cli")
    assert not FileRootGrant.objects.filter(workspace=workspace).exists()
    with pytest.raises(CommandError):
        call_command("file_roots", "grant", "/etc", workspace="charlie-cli")


def test_it_keeps_any_path_on_the_command_line(alice, workspace_a, tmp_path):
    write(tmp_path / "anywhere" / "a.txt")
    call_command("audit", str(tmp_path / "anywhere"), workspace=workspace_a.slug, json=True)
    assert AuditRun.objects.filter(workspace=workspace_a,
                                   root=str(tmp_path / "anywhere")).exists()


def test_it_refuses_a_folder_holding_a_mount_point(tmp_path):
    write(tmp_path / "root" / "a" / "b.txt")
    inner = str(tmp_path / "root" / "a" / "mnt")
    with pytest.raises(Refused) as refused:
        confine(str(tmp_path / "root" / "a"), [str(tmp_path / "root")], [], mounts=[inner])
    assert refused.value.reason == "mount"
    found = confine(str(tmp_path / "root" / "a"), [str(tmp_path / "root")], [], mounts=["/"])
    assert found.path == os.path.realpath(tmp_path / "root" / "a")
