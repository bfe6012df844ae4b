"""Importing password-manager exports: the accounts arrive, the secrets never do."""

import csv
import io
import json
import logging
import os
import stat
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from handover.clients.models import Client
from handover.core.models import AuditEvent
from handover.offboarding.importing import ImportRefused, import_export
from handover.offboarding.models import AccessAccount, AccountKind

from .conftest import need, signed_in

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("HANDOVER_CORPUS", REPO.parent / "shared" / "data"))
TESTDB = CORPUS / "password-managers" / "pass-import-testdb"

# Every LastPass, Bitwarden, 1Password (CSV) and KeePass export of the corpus, with the
# reference file pass-import checks it against.
EXPORTS = {
    "lastpass.csv": "main", "bitwarden.csv": "main", "bitwarden.json": "main",
    "bitwarden-org.csv": "main", "bitwarden-org.json": "main",
    "bitwarden-other.json": "bitwarden-other", "bitwarden-other.csv": "bitwarden-other",
    "1password.csv": "main", "1password4.csv": "main", "1password8.csv": "main",
    "keepass.csv": "main", "keepass.xml": "main", "keepass-other.xml": "keepass-other",
    "keepassx.xml": "main", "keepassx2.csv": "main", "keepassx-other.xml": "keepass-other",
}
IDENTITY = {"title", "url", "login", "group"}


def _host(url):
    host = urlsplit(url if "://" in url else "//" + url).hostname or ""
    return host.lower().removeprefix("www.")


def reference(name):
    items = yaml.safe_load((TESTDB / "references" / f"{name}.yml").read_text())
    entries, secrets = set(), set()
    for item in items:
        title, url, login = (" ".join(str(item.get(k) or "").split())
                             for k in ("title", "url", "login"))
        entries.add((title or _host(url) or login, url, login))
        for key, value in item.items():
            text = str(value)
            if key not in IDENTITY and len(text) >= 6 and text not in ("false", "true"):
                secrets.add(text)
    return entries, secrets


def database_dump() -> str:
    """Every row of every table as text, on SQLite and PostgreSQL alike."""
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from introspection
            lines.extend(f"{table}: {row!r}" for row in cursor.fetchall())
    return "\n".join(lines)


def files_written_since(start: float, *, skip: Path) -> list[Path]:
    roots = {Path(tempfile.gettempdir()), Path(settings.MEDIA_ROOT), Path(settings.DATA_DIR)}
    found = []
    for root in roots:
        for dirpath, _dirs, names in os.walk(root):
            if Path(dirpath).is_relative_to(skip):
                continue
            for name in names:
                path = Path(dirpath) / name
                try:
                    info = path.lstat()
                except OSError:
                    continue
                # Regular files only: other programs' sockets and pipes live here too.
                if (stat.S_ISREG(info.st_mode) and info.st_mtime >= start
                        and info.st_size < 20_000_000):
                    found.append(path)
    return found


def read_or_nothing(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # gone or unreadable since the walk
        return b""


@pytest.mark.parametrize("filename", sorted(EXPORTS))
def test_it_imports_every_export_of_the_corpus_with_its_reference_entries(
        filename, alice, workspace_a):
    need(TESTDB.is_dir(), f"the corpus is not at {TESTDB}")
    expected, secrets = reference(EXPORTS[filename])
    before = database_dump()
    report = import_export(workspace_a, actor=alice, raw=(TESTDB / filename).read_bytes())
    stored = set(AccessAccount.objects.filter(workspace=workspace_a, source=report["format"])
                 .values_list("system", "url", "login"))
    if filename == "bitwarden-other.csv":
        # This CSV holds only some of the reference's items (CSV cannot carry cards).
        records = list(csv.DictReader(io.StringIO((TESTDB / filename).read_text())))
        assert stored <= expected and len(stored) == len(records) > 0
    else:
        assert stored == expected
    assert report["imported"] == len(stored) and report["failed"] == 0
    dump = database_dump()
    leaked = [s for s in secrets if s in dump and s not in before]
    assert not leaked, f"{len(leaked)} secrets of {filename} reached the database"


CANARY = "CANARY-5ecret-"


def canary_exports() -> dict[str, tuple[str, bytes]]:
    """One small export per format, each secret field holding a canary."""
    pw, note, totp, field = (CANARY + "pw", CANARY + "note", CANARY + "totp",
                             CANARY + "field")
    lastpass = ("url,username,password,totp,extra,name,grouping,fav\n"
                f"https://crm.bellini-architetti.example/,elena,{pw},{totp},{note},"
                "CRM,Studio Bellini Architetti,0\n")
    bitwarden_csv = ("folder,favorite,type,name,notes,fields,login_uri,login_username,"
                     "login_password,login_totp\n"
                     f'Fjordlys,,login,Booking,{note},"pin: {field}",https://book.fjordlys'
                     f".example,elena,{pw},{totp}\n")
    bitwarden_json = json.dumps({"encrypted": False, "folders": [], "items": [
        {"type": 1, "name": "Mail", "notes": note, "folderId": None,
         "fields": [{"name": "pin", "value": field, "type": 1}],
         "login": {"uris": [{"uri": "https://mail.marblava.example"}], "username": "elena",
                   "password": pw, "totp": totp}},
        {"type": 3, "name": "Card", "card": {"number": CANARY + "4111", "code": field}}]})
    onepassword = ("Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes\n"
                   f"ERP,https://erp.kowalczyk-logistyka.example,elena,{pw},{totp},false,"
                   f"false,,{note}\n")
    keepass_xml = (
        '<?xml version="1.0" encoding="utf-8"?><KeePassFile><Root><Group><Name>Root</Name>'
        "<Group><Name>Clients</Name><Entry>"
        "<String><Key>Title</Key><Value>Wiki</Value></String>"
        "<String><Key>UserName</Key><Value>elena</Value></String>"
        f'<String><Key>Password</Key><Value ProtectInMemory="True">{pw}</Value></String>'
        "<String><Key>URL</Key><Value>https://wiki.fjordlys.example</Value></String>"
        f"<String><Key>Notes</Key><Value>{note}</Value></String>"
        f"<String><Key>otp</Key><Value>{totp}</Value></String>"
        f"<String><Key>PIN</Key><Value>{field}</Value></String>"
        "</Entry></Group></Group></Root></KeePassFile>")
    keepass_csv = ('"Group","Title","Username","Password","URL","Notes"\n'
                   f'"Root/Mar Blava","Drive","elena","{pw}","","{note}"\n')
    return {
        "lastpass.csv": ("lastpass", lastpass.encode()),
        "bitwarden.csv": ("bitwarden", bitwarden_csv.encode()),
        "bitwarden.json": ("bitwarden", bitwarden_json.encode()),
        "1password.csv": ("1password", onepassword.encode()),
        "keepass.xml": ("keepass", keepass_xml.encode()),
        "keepass.csv": ("keepass", keepass_csv.encode()),
    }


def test_it_keeps_planted_secrets_out_of_the_database_logs_and_temporary_files(
        alice, workspace_a, tmp_path, capsys):
    inputs = tmp_path / "exports"
    inputs.mkdir()
    start = time.time() - 1
    logged = io.StringIO()
    handler = logging.StreamHandler(logged)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    # Every SQL statement with its parameters goes to the log too.
    connection.force_debug_cursor = True
    sql_log = logging.getLogger("django.db.backends")
    sql_level = sql_log.level
    sql_log.setLevel(logging.DEBUG)
    try:
        _import_everything(alice, workspace_a, inputs)
    finally:
        connection.force_debug_cursor = False
        sql_log.setLevel(sql_level)
        root.removeHandler(handler)
        root.setLevel(old_level)
    assert AccessAccount.objects.filter(workspace=workspace_a, source__gt="").count() == 7
    assert CANARY not in database_dump()
    assert "INSERT" in logged.getvalue(), "no SQL logged: the log check would prove nothing"
    assert CANARY not in logged.getvalue()
    out = capsys.readouterr()
    assert CANARY not in out.out + out.err
    for path in files_written_since(start, skip=inputs):
        assert CANARY.encode() not in read_or_nothing(path), path


def _import_everything(alice, workspace_a, inputs):
    as_alice = signed_in(alice)
    url = f"/w/{workspace_a.slug}/access/import/"
    for name, (fmt, content) in canary_exports().items():
        path = inputs / name
        path.write_bytes(content)
        call_command("import_accounts", str(path), "--workspace", workspace_a.slug,
                     "--format", fmt)
        # The same file again through the browser form: all duplicates now.
        with path.open("rb") as fh:
            response = as_alice.post(url, {"file": fh, "format": "auto"})
        assert response.status_code == 200
        report = response.context["report"]
        assert report["imported"] == 0 and report["duplicates"] >= 1, name
        assert CANARY not in response.content.decode()
    # A damaged file with a canary in it: refused, and the reason does not quote it.
    broken = inputs / "broken.json"
    broken.write_bytes(b'{"items": [{"name": "x", "login": {"password": "'
                       + CANARY.encode() + b'damaged"}')
    with pytest.raises(CommandError) as err:
        call_command("import_accounts", str(broken), "--workspace", workspace_a.slug)
    assert CANARY not in str(err.value)


def test_it_matches_accounts_to_clients_by_domain_and_by_folder(alice, workspace_a, tmp_path):
    for _name, (_fmt, content) in canary_exports().items():
        import_export(workspace_a, actor=alice, raw=content)
    by_system = {a.system: a for a in AccessAccount.objects.filter(workspace=workspace_a,
                                                                    source__gt="")}
    bellini = Client.objects.get(workspace=workspace_a, name__startswith="Studio Bellini")
    assert by_system["CRM"].client == bellini  # by the URL's domain
    assert by_system["CRM"].engagement.client == bellini
    assert by_system["Wiki"].client.name == "Fjordlys Reiser AS"  # subdomain of the domain
    assert by_system["Drive"].client is None  # folder "Mar Blava" is not a client's name
    assert by_system["Card"].client is None and by_system["Card"].login == ""
    # A folder named like the client matches when the URL says nothing.
    content = ('"Group","Title","Username","Password","URL","Notes"\n'
               '"Root/Fundació Mar Blava","Drive 2","elena","x","",""\n').encode()
    report = import_export(workspace_a, actor=alice, raw=content)
    assert report == {"format": "keepass", "imported": 1, "duplicates": 0, "unmatched": 0,
                      "failed": 0}
    drive = AccessAccount.objects.get(workspace=workspace_a, system="Drive 2")
    assert drive.client.name == "Fundació Mar Blava"
    # The login in the client's own domain marks an account created for me there.
    content = ("url,username,password,extra,name,grouping,fav\n"
               "https://intranet.marblava.example,elena@marblava.example,x,,Intranet,,0\n")
    import_export(workspace_a, actor=alice, raw=content.encode())
    intranet = AccessAccount.objects.get(workspace=workspace_a, system="Intranet")
    assert intranet.kind == AccountKind.CLIENT_ACCOUNT


@pytest.mark.parametrize("content, fmt, words", [
    (b"", "auto", "empty"),
    (b"\x00\x01\x02PK\x03\x04 binary", "auto", "not a text export"),
    (b"a,b,c\n1,2,3\n", "auto", "columns"),
    (b'{"items": [', "auto", "damaged near line 1"),
    (b'{"something": 1}', "auto", "not a Bitwarden export"),
    (b"<html><body/></html>", "auto", "not a KeePass export"),
    (b"<KeePassFile><Root>", "auto", "damaged"),
    (b'{"encrypted": true, "items": []}', "auto", "encrypted"),
    (b"url,username,password,extra,name,grouping,fav\n", "keepass", "columns"),
    (b"<KeePassFile><Root/></KeePassFile>", "lastpass", "not a lastpass export"),
])
def test_it_refuses_an_unknown_or_damaged_file_and_stores_nothing(
        content, fmt, words, alice, workspace_a):
    before = AccessAccount.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ImportRefused) as err:
        import_export(workspace_a, actor=alice, raw=content, fmt=fmt)
    assert words.lower() in str(err.value).lower()
    assert (AccessAccount.objects.count(), AuditEvent.objects.count()) == before


def test_it_reports_the_import_as_json_and_explains_bad_arguments(
        alice, workspace_a, tmp_path, capsys):
    path = tmp_path / "vault.csv"
    path.write_text("url,username,password,extra,name,grouping,fav\n"
                    "https://a.example,me,pw1,,A,,0\nhttps://a.example,me,pw1,,A,,0\n"
                    "https://b.example,me,pw2,,B,,0\n")
    call_command("import_accounts", str(path), "--workspace", workspace_a.slug, "--json")
    report = json.loads(capsys.readouterr().out)
    assert report == {"format": "lastpass", "imported": 2, "duplicates": 1, "unmatched": 2,
                      "failed": 0}
    call_command("import_accounts", str(path), "--workspace", workspace_a.slug)
    assert "0 imported, 3 duplicates" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no workspace nowhere"):
        call_command("import_accounts", str(path), "--workspace", "nowhere")
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("import_accounts", str(tmp_path / "missing.csv"),
                     "--workspace", workspace_a.slug)
    path.write_text("just some words\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_accounts", str(path), "--workspace", workspace_a.slug)


def test_it_keeps_a_large_upload_in_memory_and_checks_its_csrf_token(
        alice, workspace_a, monkeypatch):
    from django.core.files import uploadedfile
    from django.test import Client as BrowserClient

    made = []
    real = uploadedfile.tempfile.NamedTemporaryFile

    def recording(*args, **kwargs):
        made.append(kwargs.get("suffix", ""))
        return real(*args, **kwargs)

    monkeypatch.setattr(uploadedfile.tempfile, "NamedTemporaryFile", recording)
    notes = CANARY * 80
    rows = "".join(f"https://s{i}.example,user{i},{CANARY}{i},{notes},Site {i},,0\n"
                   for i in range(2_500))
    content = ("url,username,password,extra,name,grouping,fav\n" + rows).encode()
    assert len(content) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    url = f"/w/{workspace_a.slug}/access/import/"
    response = signed_in(alice).post(url, {"file": io.BytesIO(content), "format": "auto"})
    assert response.context["report"]["imported"] == 2_500
    assert made == [], "the export was spooled to a temporary file"
    # The form still needs its CSRF token, though the view reads the body itself.
    browser = BrowserClient(enforce_csrf_checks=True)
    browser.force_login(alice, backend="handover.core.auth.EmailBackend")
    refused = browser.post(url, {"file": io.BytesIO(content[:200]), "format": "auto"})
    assert refused.status_code == 403
