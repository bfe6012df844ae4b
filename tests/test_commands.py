"""The `handover` command: scripting helpers, demo, deploy checks and the server."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from handover.clients.models import Client as ClientRow
from handover.clients.models import Engagement
from handover.core.models import Membership, Role, Workspace

ROOT = Path(__file__).resolve().parent.parent


def run(*args, env=None, **kwargs):
    return subprocess.run([sys.executable, "-m", "handover", *args], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=120, **kwargs)


def signs_in(email, password) -> bool:
    response = Client().post("/accounts/login/", {"username": email, "password": password})
    return response.status_code == 302


def fresh_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HANDOVER_", "DJANGO_")) and k != "DATABASE_URL"}
    env.update(HANDOVER_DATA_DIR=str(tmp_path / "data"), **extra)
    return env


def test_it_creates_a_workspace_and_its_owner_and_prints_the_slug(db, capsys, monkeypatch):
    monkeypatch.setenv("HANDOVER_PASSWORD", "a long enough passphrase")
    call_command("create_workspace", "Ufficio Verdi", "--owner", "Verdi@X.example")
    slug = capsys.readouterr().out.strip()
    assert slug == "ufficio-verdi"
    membership = Membership.objects.get(workspace__slug=slug)
    assert membership.role == Role.OWNER and membership.user.email == "verdi@x.example"
    assert signs_in("verdi@x.example", "a long enough passphrase")
    call_command("create_workspace", "Ufficio Verdi", "--owner", "verdi@x.example")
    assert capsys.readouterr().out.strip() == "ufficio-verdi-2"


def test_it_refuses_to_create_an_owner_without_a_password(db, monkeypatch):
    monkeypatch.delenv("HANDOVER_PASSWORD", raising=False)
    monkeypatch.setattr(
        "handover.core.management.commands.create_workspace.Command.stdin_is_tty",
        staticmethod(lambda: False))
    with pytest.raises(CommandError, match="HANDOVER_PASSWORD"):
        call_command("create_workspace", "Nope", "--owner", "nope@x.example")
    assert not Workspace.objects.exists()


def test_it_refuses_a_weak_password_with_the_reason(db, monkeypatch):
    monkeypatch.setenv("HANDOVER_PASSWORD", "123")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_workspace", "Weak", "--owner", "weak@x.example")
    assert not Workspace.objects.exists()


def test_it_prints_an_api_token_that_works(alice, workspace_a, capsys):
    call_command("api_token", alice.email)
    token = capsys.readouterr().out.strip()
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get(
        f"/api/w/{workspace_a.slug}/clients")
    assert response.status_code == 200 and response.json()["count"] == 4
    assert len(response.json()["items"]) == 4
    with pytest.raises(CommandError, match="No active account"):
        call_command("api_token", "ghost@x.example")


def test_it_loads_the_demo_once_with_four_clients_in_four_countries(db, capsys):
    call_command("demo")
    call_command("demo")
    out = capsys.readouterr().out
    assert out.count("Demo workspace created.") == 1
    assert "demo@handover.example / demo-handover-2026" in out
    workspace = Workspace.objects.get(slug="demo")
    clients = ClientRow.objects.filter(workspace=workspace)
    assert sorted(c.country for c in clients) == ["ES", "IT", "NO", "PL"]
    assert sorted(c.language for c in clients) == ["ca", "it", "nb", "pl"]
    assert all(c.contacts.count() >= 2 for c in clients)
    engagements = Engagement.objects.filter(workspace=workspace)
    assert engagements.count() >= 4  # the health demo adds a second engagement for Bellini
    assert all(e.working_windows.exists() for e in engagements)
    assert signs_in("demo@handover.example", "demo-handover-2026")


def test_it_passes_the_deploy_checks_with_the_documented_production_settings(tmp_path):
    env = fresh_env(tmp_path, HANDOVER_HTTPS="1", HANDOVER_ALLOWED_HOSTS="handover.example",
                    HANDOVER_BASE_URL="https://handover.example")
    result = run("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_generates_a_private_secret_key_once_in_the_data_directory(tmp_path):
    env = fresh_env(tmp_path)
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"],
                           env={**env, "DJANGO_SETTINGS_MODULE": "handover.settings"},
                           capture_output=True, text=True, cwd=ROOT, check=True).stdout
    second = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"],
                            env={**env, "DJANGO_SETTINGS_MODULE": "handover.settings"},
                            capture_output=True, text=True, cwd=ROOT, check=True).stdout
    key_file = tmp_path / "data" / "secret_key"
    assert first == second and len(first.strip()) >= 50
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_it_runs_sqlite_in_wal_mode_with_a_busy_timeout_and_immediate_transactions(tmp_path):
    env = fresh_env(tmp_path)
    script = (
        "import django; django.setup();"
        "from django.db import connection; c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0],"
        " connection.transaction_mode)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env={**env, "DJANGO_SETTINGS_MODULE": "handover.settings"},
                         cwd=ROOT, check=True).stdout.split()
    assert out == ["wal", "20000", "IMMEDIATE"]


def test_it_uses_object_storage_when_a_bucket_is_configured(tmp_path):
    env = fresh_env(tmp_path, HANDOVER_S3_BUCKET="handover-files",
                    HANDOVER_S3_ENDPOINT_URL="http://127.0.0.1:9000")
    script = ("import django; django.setup(); from django.core.files.storage import storages;"
              "s = storages['default']; print(type(s).__name__, s.bucket_name)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env={**env, "DJANGO_SETTINGS_MODULE": "handover.settings"},
                         cwd=ROOT, check=True).stdout.split()
    assert out == ["S3Storage", "handover-files"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepared(tmp_path, prepared_data_dir) -> None:
    """Give the test a data directory already migrated and with its static files collected,
    as a restarted server finds it."""
    shutil.copytree(prepared_data_dir, tmp_path / "data")


def test_it_serves_with_a_worker_and_stops_cleanly_on_sigterm(tmp_path, prepared_data_dir):
    port = free_port()
    env = fresh_env(tmp_path, HANDOVER_BIND=f"127.0.0.1:{port}")
    prepared(tmp_path, prepared_data_dir)
    server = subprocess.Popen([sys.executable, "-m", "handover", "serve", "--workers", "1"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        page = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/",
                                            timeout=2) as response:
                    page = response.read().decode()
                    break
            except OSError:
                time.sleep(0.1)  # polling for the port to open, bounded by the deadline
        assert page is not None and "csrfmiddlewaretoken" in page
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/handover/app.css",
                                    timeout=5) as response:
            assert response.status == 200
        for child in ("handover worker", "handover scheduler"):
            running = subprocess.run(["pgrep", "-P", str(server.pid), "-f", child],
                                     capture_output=True, text=True).stdout
            assert running.strip(), f"{child} is running"
    finally:
        asked = time.monotonic()
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=40)
    assert time.monotonic() - asked < 10, output
    assert server.returncode == 0, output
    assert "Traceback" not in output
    left = subprocess.run(["pgrep", "-s", str(server.pid), "-a"], capture_output=True,
                          text=True).stdout.splitlines()
    assert [p for p in left if not p.endswith("<defunct>")] == [], left


def test_it_reports_bad_arguments_without_a_traceback(tmp_path, prepared_data_dir):
    result = run("create_workspace", env=fresh_env(tmp_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "the following arguments" in result.stderr
    result = run("api_token", "ghost@x.example", env=fresh_env(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "run `handover migrate` first" in result.stderr
    shutil.rmtree(tmp_path / "data")
    prepared(tmp_path, prepared_data_dir)  # as `handover migrate` leaves it
    result = run("api_token", "ghost@x.example", env=fresh_env(tmp_path))
    assert result.returncode == 1 and "No active account uses ghost@x.example" in result.stderr



def test_it_collects_the_static_files_again_only_when_a_source_changed(tmp_path, monkeypatch,
                                                                       settings):
    from handover.core import staticfiles

    source = tmp_path / "src"
    source.mkdir()
    (source / "site.css").write_text("body { color: black }")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "static"
    collected = []
    monkeypatch.setattr(staticfiles, "call_command",
                        lambda *a, **k: (settings.STATIC_ROOT.mkdir(exist_ok=True),
                                         collected.append(a)))
    assert staticfiles.collect_static_if_changed() is True
    assert staticfiles.collect_static_if_changed() is False
    (source / "site.css").write_text("body { color: navy; }")
    assert staticfiles.collect_static_if_changed() is True
    (settings.STATIC_ROOT / staticfiles.STAMP).unlink()  # a collection cut short
    assert staticfiles.collect_static_if_changed() is True
    assert collected == [("collectstatic",)] * 3
