"""Deletion: only archived, received, not held, due, unchanged files; trash, then purge."""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from handover.clients.models import Engagement
from handover.files.actions.audits import do_run_audit, do_start_audit
from handover.files.actions.exports import do_run_export, do_start_export
from handover.files.actions.retention import (
    do_purge_file,
    do_set_legal_hold,
    do_set_retention_rule,
    do_trash_file,
)
from handover.files.models import FileRecord, FileState
from handover.portal.actions import do_confirm_receipt, do_create_delivery

from .files_helpers import write


@pytest.fixture
def handed_over(workspace_a, alice, tmp_path):
    """A Polish client's folder, ended two years ago, exported; receipt not yet confirmed."""
    root = tmp_path / "client"
    write(root / "notatki.txt", b"operational notes\n" * 100)
    write(root / "zdjecie.jpg", b"\xff\xd8\xff photo")
    write(root / "faktura-2024-01.pdf", b"%PDF invoice")
    write(root / "umowa.pdf", b"%PDF contract")
    engagement = Engagement.objects.filter(workspace=workspace_a, client__country="PL").first()
    Engagement.objects.filter(pk=engagement.pk).update(
        end_date=timezone.localdate() - timedelta(days=730), status="ended")
    engagement.refresh_from_db()
    run = do_run_audit(do_start_audit(workspace_a, actor=alice, root=str(root),
                                      engagement=engagement, anywhere=True))
    job = do_run_export(do_start_export(run, actor=alice, out_dir=str(tmp_path / "out")))
    delivery, _token = do_create_delivery(job, actor=alice, recipient="anna@k.example")
    return root, run, delivery


def rec(run, path) -> FileRecord:
    return run.files.get(path=path)


def test_it_waits_for_the_receipt_and_the_retention(handed_over, alice):
    root, run, delivery = handed_over
    notes = rec(run, "notatki.txt")
    assert notes.state == FileState.ARCHIVED and notes.retention_kind == "operational"
    with pytest.raises(ValidationError, match="receipt"):
        do_trash_file(notes, actor=alice)
    do_confirm_receipt(delivery, name="Anna Kowalczyk", ip="198.51.100.7")
    invoice = rec(run, "faktura-2024-01.pdf")
    assert invoice.retention_kind == "accounting"
    assert invoice.delete_after == date(run.engagement.end_date.year + 6, 1, 1)
    with pytest.raises(ValidationError, match="retention"):
        do_trash_file(invoice, actor=alice)
    do_trash_file(notes, actor=alice)
    notes.refresh_from_db()
    assert notes.state == FileState.TRASHED and not (root / "notatki.txt").exists()
    with pytest.raises(ValidationError, match="grace"):
        do_purge_file(notes, actor=alice)
    do_purge_file(notes, actor=alice, now=timezone.now() + timedelta(days=15))
    notes.refresh_from_db()
    assert notes.state == FileState.PURGED


def test_it_never_deletes_a_held_or_changed_file(handed_over, alice):
    root, run, delivery = handed_over
    do_confirm_receipt(delivery, name="Anna Kowalczyk", ip="198.51.100.7")
    photo = rec(run, "zdjecie.jpg")
    do_set_legal_hold(photo, actor=alice, hold=True, reason="Dispute over the photos")
    with pytest.raises(ValidationError, match="legal hold"):
        do_trash_file(photo, actor=alice)
    with pytest.raises(ValidationError):
        do_set_legal_hold(photo, actor=alice, hold=True, reason="")
    write(root / "notatki.txt", b"edited after the export")
    notes = do_trash_file(rec(run, "notatki.txt"), actor=alice)
    assert notes.state == FileState.CHANGED
    assert (root / "notatki.txt").read_bytes() == b"edited after the export"


def test_its_purge_command_is_a_dry_run_unless_told(demo_workspace_a, handed_over, alice, capsys):
    root, run, delivery = handed_over
    do_confirm_receipt(delivery, name="Anna Kowalczyk", ip="198.51.100.7")
    slug = run.workspace.slug
    call_command("purge", workspace=slug, json=True)
    plan = json.loads(capsys.readouterr().out)
    assert sorted(plan["trash"]) == ["notatki.txt", "zdjecie.jpg"] and not plan["applied"]
    assert (root / "notatki.txt").exists()
    call_command("purge", workspace=slug, apply=True)
    assert "Moved to the trash: notatki.txt" in capsys.readouterr().out
    assert not (root / "notatki.txt").exists() and (root / "faktura-2024-01.pdf").exists()
    assert (root / "umowa.pdf").exists()  # a contract: six years in Poland
    FileRecord.objects.filter(audit_run=run, state=FileState.TRASHED).update(
        trashed_at=timezone.now() - timedelta(days=15))
    call_command("purge", workspace=slug, apply=True, json=True)
    done = json.loads(capsys.readouterr().out)
    assert sorted(done["purge"]) == ["notatki.txt", "zdjecie.jpg"]
    assert rec(run, "zdjecie.jpg").state == FileState.PURGED
    with pytest.raises(CommandError, match="no workspace"):
        call_command("purge", workspace="nope")


def test_it_applies_the_workspaces_own_retention_and_a_later_end_date(handed_over, alice):
    _root, run, delivery = handed_over
    do_confirm_receipt(delivery, name="Anna Kowalczyk", ip="198.51.100.7")
    notes = rec(run, "notatki.txt")
    do_set_retention_rule(run.workspace, actor=alice, country="PL", kind="operational",
                          years=5, legal_basis="Our contract with the client, clause 9")
    notes.refresh_from_db()
    assert notes.legal_basis == "Our contract with the client, clause 9"
    assert notes.delete_after == run.engagement.end_date.replace(
        year=run.engagement.end_date.year + 5)
    with pytest.raises(ValidationError, match="retention"):
        do_trash_file(notes, actor=alice)
    Engagement.objects.filter(pk=run.engagement_id).update(
        end_date=timezone.localdate() - timedelta(days=6 * 366))
    assert do_trash_file(notes, actor=alice).state == FileState.TRASHED
