"""Archives: unzip -t, 7z t and sha256sum -c pass; extraction never leaves the target."""

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from handover.files.engine import export as export_engine
from handover.files.engine.export import Exporter, arcname
from handover.files.engine.verify import verify_archive, verify_dir

from .conftest import need
from .files_helpers import blns_names, small_tree, write

UTF8 = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


def hostile_tree(root: Path) -> Path:
    small_tree(root, files=10)
    for i, name in enumerate(blns_names()):
        folder = "blns-a" if i % 2 else "blns-b"
        write(root / folder / name, f"naughty {i}: {name}\n".encode())
    # Bytes that are not UTF-8, control characters, backslashes, a very long name.
    write(Path(os.fsdecode(bytes(root) + b"/bad-\xff\xfe-name.txt")), b"latin-1 name")
    write(root / "ctl\x01\x1bname.txt", b"control")
    write(root / "back\\slash.txt", b"backslash")
    write(root / ("l" * 240 + ".txt"), b"long")
    write(root / "Case.TXT", b"upper")
    write(root / "case.txt", b"lower")
    os.symlink("/etc/passwd", root / "escape-link")
    os.symlink("..", root / "parent-link")
    return root


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    source = hostile_tree(base / "source")
    out = base / "out"
    report = Exporter(str(source), str(out), split_bytes=200_000, force_zip64=True).run()
    return source, out, report


def test_it_verifies_every_archive_and_skips_links(exported):
    source, out, report = exported
    assert report.archives and all(a["state"] == "verified" for a in report.archives)
    assert {"documents.zip", "pdf.zip", "spreadsheets.zip", "images.zip", "other.zip"} <= {
        a["name"] for a in report.archives}
    assert ("escape-link", "symlink_outside") in report.skipped
    assert ("parent-link", "symlink_outside") in report.skipped
    names = {m for z in out.glob("*.zip") for m in zipfile.ZipFile(z).namelist()}
    assert not any("passwd" in n for n in names)
    assert verify_dir(str(out), source=str(source)) == {
        z.name: [] for z in sorted(out.glob("*.zip"))}


def test_it_keeps_paths_times_and_stores_what_is_compressed(exported):
    source, out, _report = exported
    with zipfile.ZipFile(out / "spreadsheets.zip") as archive:
        info = archive.getinfo("Tabelle/dati-0.csv")
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.compress_size < info.file_size / 2
        assert info.flag_bits & 0x800  # UTF-8 names
        assert info.date_time[:3] == (2023, 11, 14)
    with zipfile.ZipFile(out / "images.zip") as archive:
        assert all(i.compress_type == zipfile.ZIP_STORED for i in archive.infolist())
    for name in os.listdir(out):
        assert not name.endswith((".part", ".tmp"))
    for archive in out.glob("*.zip"):
        assert (out / f"{archive.name}.SHA256SUMS").exists()
        assert (out / f"{archive.name}.manifest.csv").exists()


def test_it_passes_unzip_and_7z_tests(exported):
    _source, out, _report = exported
    need(shutil.which("unzip") is not None, "unzip is not installed (apt-get install unzip)")
    need(shutil.which("7z") is not None, "7z is not installed (apt-get install p7zip-full)")
    for archive in sorted(out.glob("*.zip")):
        unzip = subprocess.run(["unzip", "-tq", str(archive)], capture_output=True, env=UTF8)
        assert unzip.returncode == 0, unzip.stdout
        seven = subprocess.run(["7z", "t", str(archive)], capture_output=True, env=UTF8)
        assert seven.returncode == 0 and b"Everything is Ok" in seven.stdout, seven.stdout


@pytest.mark.parametrize("tool", ["zipfile", "unzip", "7z"])
def test_it_extracts_inside_the_target_and_sha256sum_agrees(exported, tmp_path, tool):
    _source, out, _report = exported
    need(tool == "zipfile" or shutil.which(tool) is not None, f"{tool} is not installed")
    sandbox = tmp_path / "sandbox"
    for archive in sorted(out.glob("*.zip")):
        target = sandbox / "target" / archive.stem
        target.mkdir(parents=True)
        if tool == "zipfile":
            zipfile.ZipFile(archive).extractall(target)
        elif tool == "unzip":
            subprocess.run(["unzip", "-q", str(archive), "-d", str(target)], check=True,
                           env=UTF8)
        else:
            subprocess.run(["7z", "x", "-y", f"-o{target}", str(archive)], check=True,
                           env=UTF8, capture_output=True)
        check = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=target,
                               capture_output=True, env=UTF8)
        assert check.returncode == 0, (archive.name, check.stdout[-2000:], check.stderr[-2000:])
    # Nothing landed beside the targets.
    assert {p.name for p in sandbox.iterdir()} == {"target"}
    assert {p.name for p in (sandbox / "target").iterdir()} == {
        z.stem for z in out.glob("*.zip")}


def test_it_never_names_a_member_outside_the_target():
    assert arcname("../../etc/passwd") == "etc/passwd"
    assert arcname("/abs/./x/../y") == "abs/x/y"
    assert arcname("a\\..\\b") == "a_.._b"
    assert arcname("ctl\x00\x07") == "ctl__"
    assert arcname(os.fsdecode(b"bad\xff")) == "bad\ufffd"
    assert arcname("x.txt;1") == "x.txt_1"


def test_it_reports_an_unreadable_file_and_goes_on(tmp_path, monkeypatch):
    source = small_tree(tmp_path / "source", files=6)
    real = export_engine.open_nofollow

    def refuse(path):
        if path.endswith("relazione 3.html"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(export_engine, "open_nofollow", refuse)
    report = Exporter(str(source), str(tmp_path / "out"), workers=2).run()
    assert report.errors == [{"path": "Documenti/Relazioni/relazione 3.html",
                              "error": "Permission denied"}]
    assert all(a["state"] == "verified" for a in report.archives)
    with zipfile.ZipFile(tmp_path / "out" / "documents.zip") as archive:
        assert "Documenti/Relazioni/relazione 3.html" not in archive.namelist()


def test_it_finds_a_corrupted_member(tmp_path):
    source = small_tree(tmp_path / "source", files=6)
    Exporter(str(source), str(tmp_path / "out")).run()
    path = tmp_path / "out" / "spreadsheets.zip"
    data = bytearray(path.read_bytes())
    data[200] ^= 0xFF
    path.write_bytes(bytes(data))
    problems = verify_archive(str(path))
    assert problems and any("CRC" in p or "cannot be read" in p for p in problems)
    assert verify_dir(str(tmp_path / "out"))["spreadsheets.zip"]
    assert verify_dir(str(tmp_path / "out"))["images.zip"] == []


def test_it_splits_large_groups_and_resumes_without_redoing(tmp_path):
    source = small_tree(tmp_path / "source", files=30)
    out = tmp_path / "out"
    first = Exporter(str(source), str(out), split_bytes=60_000).run()
    parts = sorted(a["name"] for a in first.archives if a["group"] == "images")
    assert len(parts) > 2 and parts[0] == "images-part1.zip"
    second = Exporter(str(source), str(out), split_bytes=60_000).run()
    assert all(a.get("resumed") for a in second.archives)
    changed = source / "Tabelle" / "dati-0.csv"
    write(changed, changed.read_bytes().replace(b"0", b"1"), mtime=1_800_000_000)
    third = Exporter(str(source), str(out), split_bytes=60_000).run()
    redone = [a["name"] for a in third.archives if not a.get("resumed")]
    assert redone == ["spreadsheets-part1.zip"]
    assert verify_dir(str(out), source=str(source))["spreadsheets-part1.zip"] == []


def test_its_export_and_verify_commands_report_in_json(tmp_path, capsys):
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    source = small_tree(tmp_path / "source", files=8)
    call_command("export", str(source), out=str(tmp_path / "out"), json=True, engine="zlib-ng")
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == [] and {a["state"] for a in report["archives"]} == {"verified"}
    call_command("verify", str(tmp_path / "out"), source=str(source), json=True)
    assert json.loads(capsys.readouterr().out)["ok"] is True
    write(source / "Tabelle" / "dati-0.csv", b"changed")
    with pytest.raises(CommandError, match="did not verify"):
        call_command("verify", str(tmp_path / "out"), source=str(source), json=True)
    result = json.loads(capsys.readouterr().out)
    assert result["archives"]["spreadsheets.zip"] == ["Tabelle/dati-0.csv: the source has changed"]
    with pytest.raises(CommandError, match="Unknown deflate engine"):
        call_command("export", str(source), out=str(tmp_path / "o2"), engine="brotli")
