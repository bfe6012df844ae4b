"""The audit: findings under the workspace's rules, hashes, hostile names, fixes and undo."""

import hashlib
import json
import os
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from handover.clients.models import Engagement
from handover.core.models import AuditEvent
from handover.files.actions.audits import (
    do_apply_fix,
    do_run_audit,
    do_start_audit,
    do_undo_fix,
)
from handover.files.engine.naming import Rules, audit
from handover.files.engine.walk import hash_entries, walk
from handover.files.models import FixAction

from .files_helpers import write

RULES = {"preset": "date_topic_version",
         "folders": [{"folder": "Invoices", "keywords": ["invoice"]},
                     {"folder": "Images", "groups": ["images"]}]}


def messy(root: Path) -> Path:
    write(root / "2025-01-10_brief_v1.docx", b"brief")
    write(root / "Invoices/2025-02-01_invoice-7_v1.pdf", b"%PDF same")
    write(root / "2025-02-01_invoice-8_v1.pdf", b"%PDF other")  # wrong folder
    write(root / "Old/copy of invoice.pdf", b"%PDF same")  # duplicate, name, folder
    write(root / "Images/2025-03-01_logo_v2.png", b"\x89PNG logo")
    write(root / "~$brief.docx", b"lock")
    write(root / "notes: draft?.txt", b"colon and question mark")
    write(root / "tab\there.txt", b"control character")
    write(root / ("x" * 250 + ".txt"), b"long")
    write(Path(os.fsdecode(bytes(root) + b"/caf\xe9.txt")), b"latin-1")
    (root / "Empty" / "Inner").mkdir(parents=True)
    os.symlink("/etc", root / "etc-link")
    return root


def kinds(findings):
    return {(f.kind, f.path) for f in findings}


def test_it_finds_what_is_out_of_order(tmp_path):
    root = messy(tmp_path / "client")
    walked = walk(str(root))
    hash_entries(str(root), walked.files, workers=2)
    found = kinds(audit(walked.files, walked.empty_dirs, walked.skipped, Rules.from_dict(RULES)))
    assert ("wrong_folder", "2025-02-01_invoice-8_v1.pdf") in found
    assert ("duplicate", "Old/copy of invoice.pdf") in found
    assert ("naming", "Old/copy of invoice.pdf") in found
    assert ("temporary", "~$brief.docx") in found
    assert ("illegal_windows", "notes: draft?.txt") in found
    assert ("illegal_macos", "notes: draft?.txt") in found
    assert ("control_characters", "tab\there.txt") in found
    assert ("too_long", "x" * 250 + ".txt") in found
    assert ("invalid_utf8", os.fsdecode(b"caf\xe9.txt")) in found
    assert ("empty_folder", "Empty/Inner") in found
    assert ("symlink_outside", "etc-link") in found
    assert not any(p == "2025-01-10_brief_v1.docx" for _k, p in found)
    assert not any(p == "Images/2025-03-01_logo_v2.png" for _k, p in found)


@pytest.mark.parametrize("engine", ["threads", "processes"])
def test_it_hashes_like_sha256sum_on_every_engine(tmp_path, engine):
    root = tmp_path / "big"
    write(root / "a.bin", os.urandom(3 << 20))
    write(root / "b.bin", b"")
    walked = walk(str(root))
    hash_entries(str(root), walked.files, workers=2, engine=engine)
    for entry in walked.files:
        assert entry.sha256 == hashlib.sha256((root / entry.rel).read_bytes()).hexdigest()


def test_it_rejects_bad_rules():
    with pytest.raises(ValueError, match="regular expression"):
        Rules.from_dict({"pattern": "(["})
    with pytest.raises(ValueError, match="Unknown preset"):
        Rules.from_dict({"preset": "nope"})


def test_it_applies_and_undoes_the_proposed_fixes(workspace_a, alice, tmp_path):
    root = messy(tmp_path / "client")
    engagement = Engagement.objects.filter(workspace=workspace_a, client__country="PL").first()
    run = do_run_audit(do_start_audit(workspace_a, actor=alice, root=str(root),
                                      engagement=engagement, rules=RULES, anywhere=True),
                       workers=2)
    assert run.state == "done" and run.summary["files"] == 10
    move = run.fixes.get(old_path="2025-02-01_invoice-8_v1.pdf")
    assert (move.kind, move.new_path) == ("move", "Invoices/2025-02-01_invoice-8_v1.pdf")
    do_apply_fix(move, actor=alice)
    assert (root / "Invoices/2025-02-01_invoice-8_v1.pdf").exists()
    assert not (root / "2025-02-01_invoice-8_v1.pdf").exists()
    do_undo_fix(move, actor=alice)
    assert (root / "2025-02-01_invoice-8_v1.pdf").exists()
    rename = run.fixes.get(old_path="notes: draft?.txt")
    do_apply_fix(rename, actor=alice)
    assert (root / "notes_ draft_.txt").exists()
    trash = run.fixes.get(old_path="~$brief.docx")
    do_apply_fix(trash, actor=alice)
    assert not (root / "~$brief.docx").exists()
    do_undo_fix(trash, actor=alice)
    assert (root / "~$brief.docx").read_bytes() == b"lock"
    with pytest.raises(ValidationError):
        do_undo_fix(move, actor=alice)  # undone already
    evil = FixAction.objects.create(workspace=workspace_a, audit_run=run, finding="naming",
                                    kind="move", old_path="2025-01-10_brief_v1.docx",
                                    new_path="../../outside.docx")
    with pytest.raises(ValidationError, match="outside"):
        do_apply_fix(evil, actor=alice)
    verbs = AuditEvent.objects.filter(workspace=workspace_a, target_type="files.fixaction",
                                      ).order_by("id").values_list("verb", flat=True)
    assert list(verbs)[-5:] == ["files.fix_applied", "files.fix_undone", "files.fix_applied",
                                "files.fix_applied", "files.fix_undone"]


def test_it_tells_apart_what_the_client_owns(workspace_a, alice, tmp_path):
    root = tmp_path / "drive"
    write(root / "Shared/plan.xlsx", b"PK plan")
    write(root / "Mine/notes.txt", b"notes")
    listing = tmp_path / "lsjson.json"
    listing.write_text(json.dumps([
        {"Path": "Shared/plan.xlsx", "Name": "plan.xlsx", "Size": 7,
         "Metadata": {"owner": "giulia@bellini-architetti.example"}},
        {"Path": "Mine/notes.txt", "Name": "notes.txt", "Size": 5,
         "Metadata": {"owner": "alice@a.example"}}]))
    engagement = Engagement.objects.filter(workspace=workspace_a, client__country="IT").first()
    run = do_run_audit(do_start_audit(workspace_a, actor=alice, root=str(root),
                                      engagement=engagement, anywhere=True),
                       listing=str(listing))
    owned = {f.path: f.client_owned for f in run.files.all()}
    assert owned == {"Shared/plan.xlsx": True, "Mine/notes.txt": False}
    assert (run.summary["client_owned"], run.summary["to_transfer"]) == (1, 1)


def test_its_commands_explain_bad_input(tmp_path, capsys):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("audit", str(tmp_path / "missing"))
    (tmp_path / "rules.json").write_text("{not json")
    (tmp_path / "dir").mkdir()
    with pytest.raises(CommandError, match="rules file"):
        call_command("audit", str(tmp_path / "dir"), rules=str(tmp_path / "rules.json"))
    with pytest.raises(CommandError, match="outside the folder"):
        call_command("export", str(tmp_path / "dir"), out=str(tmp_path / "dir" / "out"))
    with pytest.raises(CommandError, match="no archive"):
        call_command("verify", str(tmp_path / "dir"))


def test_its_audit_command_prints_json(tmp_path, capsys):
    root = messy(tmp_path / "client")
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps(RULES))
    call_command("audit", str(root), rules=str(rules), json=True)
    data = json.loads(capsys.readouterr().out)
    assert data["files"] == 10
    assert {"kind": "temporary", "path": "~$brief.docx", "detail": "a temporary or system file",
            "fix": ["delete", ""]} in data["findings"]
    assert data["hashes"]["2025-01-10_brief_v1.docx"] == hashlib.sha256(b"brief").hexdigest()
    assert "caf\\xe9.txt" in data["hashes"]
