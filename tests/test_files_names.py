"""Exports with hostile names: CSV cells that are not formulas, member names safe on Windows,
and a failed export that always says why."""

import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from handover.files.actions.exports import do_run_export, do_start_export
from handover.files.engine import export as export_engine
from handover.files.engine.export import Exporter
from handover.files.engine.manifest import read_manifest
from handover.files.engine.verify import verify_archive, verify_dir
from handover.files.models import ExportJob, JobState
from handover.lib import csvsafe

from .conftest import need, signed_in
from .files_helpers import audited, corrupt_first_member, small_tree, write

UTF8 = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin:/usr/local/bin"}
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

FORMULAS = [
    '=HYPERLINK("https:__evil.example";"open").txt',
    "+SUM(1,2).txt",
    "-2+3.txt",
    "@SUM(1).txt",
    "=cmd|' -C calc'!A0.txt",
    "\tTAB.txt",
    "\rCR.txt",
    "=folder/inside.txt",
]

WINDOWS = [
    "Meeting 10:30.txt",
    "a?.txt",
    "CON.txt",
    "trailing. ",
    "x<y>.txt",
    "nul",
    "Lpt9.log",
    'pipe|star*quote".txt',
    "back\\slash.txt",
    "ctl\x01.txt",
    # Four names that are one name once made safe (and compared without case).
    "same:name.txt",
    "same?name.txt",
    "same_name.txt",
    "SAME_NAME.txt",
    # Two folders that are one folder once made safe.
    "Folder:1/inside.txt",
    "Folder?1/inside.txt",
]

# Restated from the rules Windows gives, independently of the code under test.
BAD_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
DEVICES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
           *(f"lpt{n}" for n in range(10))}


def windows_safe(name: str) -> bool:
    for part in name.split("/"):
        if not part or BAD_CHARS.search(part) or part.endswith((".", " ")):
            return False
        if part.split(".")[0].rstrip(" ").lower() in DEVICES:
            return False
    return True


def tree(root: Path, names: list[str]) -> Path:
    for i, name in enumerate(names):
        write(root / name, f"file {i}: {name!r}\n".encode())
    return root


def rels(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    base = tmp_path_factory.mktemp("names")
    source = tree(base / "source", FORMULAS + WINDOWS)
    out = base / "out"
    report = Exporter(str(source), str(out), engine="zlib").run()
    return source, out, report


def raw_manifests(out: Path):
    """(where, rows read with the csv module as they are) of every manifest, in and beside."""
    for archive in sorted(out.glob("*.zip")):
        with zipfile.ZipFile(archive) as handle:
            inside = handle.read("manifest.csv").decode("utf-8")
        beside = (out / f"{archive.name}.manifest.csv").read_bytes().decode("utf-8")
        assert inside == beside
        for where, text in ((archive.name, inside), (f"{archive.name}.manifest.csv", beside)):
            yield where, list(csv.DictReader(io.StringIO(text, newline="")))


def test_it_quotes_every_trigger_and_reads_back_the_original():
    for value in ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "'=x", "''+x"]:
        written = csvsafe.escape(value)
        assert written == "'" + value
        assert csvsafe.unescape(written) == value
    for value in ["plain.txt", "'quoted", "a=b", "", "1-2"]:
        assert csvsafe.escape(value) == value
        assert csvsafe.unescape(value) == value
    assert csvsafe.escape(-5) == -5
    out = io.StringIO()
    writer = csvsafe.writer(out)
    writer.writerow(["=SUM(A1)", "ok", 3])
    writer.writerow(["\rline", "a\rb", "c\nd"])
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [
        ["'=SUM(A1)", "ok", "3"], ["'\rline", "a\rb", "c\nd"]]
    assert list(csvsafe.reader(io.StringIO(out.getvalue(), newline=""))) == [
        ["=SUM(A1)", "ok", "3"], ["\rline", "a\rb", "c\nd"]]


def test_it_writes_no_csv_without_the_safe_helper():
    package = Path(__file__).resolve().parent.parent / "handover"
    writers = re.compile(r"\bcsv\.(writer|DictWriter)\(")
    offenders = [str(p.relative_to(package)) for p in package.rglob("*.py")
                 if p.name != "csvsafe.py" and writers.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_it_quotes_formula_names_in_every_manifest(exported):
    _source, out, report = exported
    assert report.archives and all(a["state"] == "verified" for a in report.archives)
    quoted = 0
    for where, rows in raw_manifests(out):
        for row in rows:
            assert None not in row and None not in row.values(), (where, row)
            for column, cell in row.items():
                assert not cell.startswith(TRIGGERS), (where, column, cell)
            if row["source"][1:] in FORMULAS:
                quoted += 1
                assert row["source"].startswith("'")
                if row["source"][1] in "=+-@":
                    assert row["name"].startswith("'"), (where, row)
    assert quoted == 2 * len(FORMULAS)  # each file once inside its archive, once beside


def test_it_keeps_the_originals_in_the_manifest_and_reads_them_back(exported):
    source, out, _report = exported
    seen = {}
    for archive in sorted(out.glob("*.zip")):
        with zipfile.ZipFile(archive) as handle:
            for row in read_manifest(handle.read("manifest.csv")):
                assert handle.read(row["name"]) == (source / row["source"]).read_bytes()
                seen[row["source"]] = row["name"]
    assert set(seen) == rels(source) == set(FORMULAS + WINDOWS)
    assert seen["Meeting 10:30.txt"] == "Meeting 10_30.txt"
    assert seen["CON.txt"] == "CON_.txt"
    # Of names that collide, one that needed no change keeps it; the others get a suffix.
    same = {seen[n] for n in ("same:name.txt", "same?name.txt", "same_name.txt",
                              "SAME_NAME.txt")}
    assert len({n.lower() for n in same}) == 4
    assert seen["SAME_NAME.txt"] == "SAME_NAME.txt"
    assert seen["same:name.txt"] != "same_name.txt" and seen["same?name.txt"] != "same_name.txt"


def test_it_stores_safe_unique_member_names_and_verifies(exported):
    source, out, _report = exported
    names = [n for z in sorted(out.glob("*.zip")) for n in zipfile.ZipFile(z).namelist()
             if n not in ("SHA256SUMS", "manifest.csv")]
    assert len(names) == len(FORMULAS + WINDOWS)
    assert [n for n in names if not windows_safe(n)] == []
    for archive in out.glob("*.zip"):
        members = [n.lower() for n in zipfile.ZipFile(archive).namelist()]
        folders = {n.rsplit("/", 1)[0] for n in members if "/" in n}
        assert len(members) == len(set(members))
        assert not folders & set(members)
    folders = {n.split("/")[0] for n in names if "/" in n and n.startswith("Folder")}
    assert len(folders) == 2
    assert verify_dir(str(out), source=str(source)) == {
        z.name: [] for z in sorted(out.glob("*.zip"))}


def test_its_names_are_what_unzip_lists(exported):
    _source, out, _report = exported
    need(shutil.which("unzip") is not None, "unzip is not installed (apt-get install unzip)")
    listed = set()
    for archive in sorted(out.glob("*.zip")):
        result = subprocess.run(["unzip", "-Z1", str(archive)], capture_output=True, env=UTF8,
                                check=True)
        listed |= set(result.stdout.decode("utf-8").splitlines())
        test = subprocess.run(["unzip", "-tq", str(archive)], capture_output=True, env=UTF8)
        assert test.returncode == 0, test.stdout
    assert "Meeting 10_30.txt" in listed and "x_y_.txt" in listed and "trailing__" in listed
    assert [n for n in listed if not windows_safe(n)] == []


def test_it_passes_sha256sum_inside_and_beside(exported, tmp_path):
    _source, out, _report = exported
    need(shutil.which("sha256sum") is not None, "sha256sum is not installed (coreutils)")
    for archive in sorted(out.glob("*.zip")):
        target = tmp_path / archive.stem
        zipfile.ZipFile(archive).extractall(target)
        inside = subprocess.run(["sha256sum", "--strict", "-c", "SHA256SUMS"], cwd=target,
                                capture_output=True, env=UTF8)
        assert inside.returncode == 0, (archive.name, inside.stdout, inside.stderr)
        shutil.copy(out / f"{archive.name}.SHA256SUMS", target / "beside.sums")
        beside = subprocess.run(["sha256sum", "--strict", "-c", "beside.sums"], cwd=target,
                                capture_output=True, env=UTF8)
        assert beside.returncode == 0, (archive.name, beside.stdout, beside.stderr)
        checked = beside.stdout.decode("utf-8").count(": OK")
        assert checked == len(zipfile.ZipFile(archive).namelist()) - 2
    whole = subprocess.run(["sha256sum", "--strict", "-c", "ARCHIVES.SHA256SUMS"], cwd=out,
                           capture_output=True, env=UTF8)
    assert whole.returncode == 0, whole.stdout


def test_it_refuses_names_that_leave_the_target_and_says_why(tmp_path):
    path = tmp_path / "hostile.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("../up.txt", "/etc/abs.txt", "C:/drive.txt"):
            archive.writestr(zipfile.ZipInfo(name), b"x")
        archive.writestr("SHA256SUMS", b"")
    problems = " ".join(verify_archive(str(path)))
    assert "'../up.txt': refused" in problems and "parent folder" in problems
    assert "'/etc/abs.txt': refused" in problems and "absolute path" in problems
    assert "'C:/drive.txt': refused" in problems and "drive letter" in problems


# A failed export says why ----------------------------------------------------------------
@pytest.fixture
def corrupting(monkeypatch):
    """The first archive written is damaged on disk before its verification."""
    real, hit = export_engine.verify_archive, []

    def damaged(path, **kwargs):
        if not hit:
            hit.append(path)
            corrupt_first_member(path)
        return real(path, **kwargs)

    monkeypatch.setattr(export_engine, "verify_archive", damaged)
    return hit


def page_and_partial(user, job):
    client = signed_in(user)
    url = f"/w/{job.workspace.slug}/files/exports/{job.pk}/"
    page = client.get(url)
    partial = client.get(url + "?progress=1", HTTP_HX_REQUEST="true")
    assert page.status_code == partial.status_code == 200
    return page.content.decode(), partial.content.decode()


def test_it_shows_why_an_archive_failed_on_the_page(workspace_a, alice, tmp_path, corrupting):
    run = audited(workspace_a, alice, small_tree(tmp_path / "client", files=6))
    job = do_run_export(do_start_export(run, actor=alice, out_dir=str(tmp_path / "out")))
    assert job.state == JobState.FAILED and corrupting
    failed = Path(corrupting[0]).name.removesuffix(".part")
    assert job.report["failed"] == [failed]
    assert f"The archive {failed} did not pass its verification:" in job.error
    assert "CRC" in job.error or "cannot be read" in job.error
    for html in page_and_partial(alice, job):
        assert not re.search(r"It stopped:\s*</p>", html)
        assert f"It stopped: The archive {failed} did not pass its verification:" in html


def test_it_shows_why_an_export_stopped_on_the_page(workspace_a, alice, tmp_path):
    run = audited(workspace_a, alice, small_tree(tmp_path / "client", files=3))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the archives should go")
    job = do_run_export(do_start_export(run, actor=alice, out_dir=str(blocked)))
    assert job.state == JobState.FAILED
    assert job.error.startswith("The export stopped: ") and str(blocked) in job.error
    for html in page_and_partial(alice, job):
        assert not re.search(r"It stopped:\s*</p>", html)
        assert "The export stopped: " in html and str(blocked) in html


def test_it_never_shows_an_empty_reason_for_an_old_failed_job(workspace_a, alice, tmp_path):
    run = audited(workspace_a, alice, small_tree(tmp_path / "client", files=2))
    job = ExportJob.objects.create(workspace=workspace_a, audit_run=run, out_dir=str(tmp_path),
                                   state=JobState.FAILED, error="")
    for html in page_and_partial(alice, job):
        assert not re.search(r"It stopped:\s*</p>", html)
        assert "It stopped without recording a reason." in html


def test_its_command_says_why_an_archive_failed(tmp_path, corrupting):
    source = small_tree(tmp_path / "source", files=6)
    with pytest.raises(CommandError, match="did not pass its verification: .*(CRC|cannot be)"):
        call_command("export", str(source), out=str(tmp_path / "out"), engine="zlib")


def test_its_recorded_command_says_why_an_archive_failed(workspace_a, alice, tmp_path,
                                                          corrupting):
    source = small_tree(tmp_path / "source", files=6)
    audited(workspace_a, alice, source)
    with pytest.raises(CommandError, match="did not pass its verification: .*(CRC|cannot be)"):
        call_command("export", str(source), out=str(tmp_path / "out"), engine="zlib",
                     workspace=workspace_a.slug, json=True)


def test_its_command_exports_windows_unsafe_names(tmp_path, capsys):
    source = tree(tmp_path / "source", WINDOWS)
    call_command("export", str(source), out=str(tmp_path / "out"), engine="zlib", json=True)
    capsys.readouterr()
    call_command("verify", str(tmp_path / "out"), source=str(source), json=True)
    assert '"ok": true' in capsys.readouterr().out
