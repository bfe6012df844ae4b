"""An import whose process is killed is marked failed at the next start, with a sentence
saying so; running it again finishes it, every message present once."""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from handover.interactions.actions import do_create_import
from handover.interactions.models import ImportRun, ImportState
from handover.interactions.startup import dead_import_runs, fail_dead_imports
from handover.lib.processes import process_identity

from .test_commands import ROOT, fresh_env, prepared, run

STOPPED = "The import stopped before it finished; run it again."


def dead_pid() -> int:
    """The id of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.django_db
def test_it_fails_only_the_runs_nobody_is_working_on(workspace_a, alice):
    from django_tasks_db.models import DBTaskResult

    from handover.interactions.tasks import run_import_task

    here = socket.gethostname()

    def make(label, **fields):
        run = do_create_import(workspace_a, actor=alice, kind="mail", label=label)
        ImportRun.objects.filter(pk=run.pk).update(**fields)
        return run

    old = timezone.now() - timedelta(hours=1)
    killed = make("killed here", state=ImportState.RUNNING, host=here, pid=dead_pid())
    parent = os.getppid()
    alive = make("running here", state=ImportState.RUNNING, host=here, pid=parent,
                 process=process_identity(parent))
    reused = make("its id given to another process since", state=ImportState.RUNNING,
                  host=here, pid=parent, process="an-earlier-boot:12345")
    restarted = make("recorded by an earlier process with this id",
                     state=ImportState.RUNNING, host=here, pid=os.getpid())
    elsewhere = make("running elsewhere", state=ImportState.RUNNING,
                     host="another-machine.example", pid=dead_pid())
    orphan = make("queued without a task", created_at=old)
    waiting = make("queued with its task", created_at=old)
    fresh = make("queued a moment ago")
    finished = make("finished", state=ImportState.DONE, host=here, pid=dead_pid())
    DBTaskResult.objects.create(
        args_kwargs={"args": [waiting.pk], "kwargs": {}}, task_path=run_import_task.module_path,
        queue_name="default", backend_name="default", run_after=timezone.now(),
        status="READY")
    assert process_identity(parent) != ""
    assert {r.pk for r in dead_import_runs()} == {killed.pk, orphan.pk, reused.pk,
                                                   restarted.pk}
    assert fail_dead_imports() == 4
    states = dict(ImportRun.objects.values_list("pk", "state"))
    assert {states[r.pk] for r in (killed, orphan, reused, restarted)} == {
        ImportState.FAILED}
    assert {states[r.pk] for r in (alive, elsewhere, waiting, fresh)} <= {
        ImportState.QUEUED, ImportState.RUNNING}
    assert states[finished.pk] == ImportState.DONE
    failed = ImportRun.objects.get(pk=killed.pk)
    assert failed.error == STOPPED and failed.finished_at is not None
    assert fail_dead_imports() == 0


def big_mbox(path, count: int) -> None:
    with open(path, "wb") as out:
        for n in range(count):
            out.write(b"From c@big.example Mon Jan  5 10:00:00 2026\nFrom: c@big.example\n"
                      b"To: owner@big.example\nSubject: Message %d\n"
                      b"Date: Mon, 5 Jan 2026 10:%02d:00 +0100\n"
                      b"Message-ID: <big-%d@big.example>\n\nA short note about the plan, "
                      b"number %d, with a few more words to make a line or two.\n\n"
                      % (n, n % 60, n, n))


def _session(sid: int) -> str:
    """The processes still running in that session (ended ones awaiting reaping aside)."""
    found = subprocess.run(["pgrep", "-s", str(sid), "-a"], capture_output=True, text=True)
    return "\n".join(line for line in found.stdout.splitlines()
                     if line.strip() and not line.endswith("<defunct>"))


def test_it_fails_a_killed_import_at_the_next_start_and_a_rerun_finishes_it(tmp_path,
                                                                          prepared_data_dir):
    count = 20_000  # more than the megabyte set below: parsed by a pool of worker processes
    env = fresh_env(tmp_path, HANDOVER_PASSWORD="a long enough passphrase",
                    HANDOVER_MAIL_POOL_FROM_MB="1")
    prepared(tmp_path, prepared_data_dir)
    slug = run("create_workspace", "Big Studio", "--owner", "owner@big.example",
               env=env).stdout.strip()
    box = tmp_path / "big.mbox"
    big_mbox(box, count)
    database = sqlite3.connect(tmp_path / "data" / "handover.sqlite3", timeout=30)
    stored = "SELECT COUNT(*) FROM health_interaction WHERE source_id LIKE 'big-%'"
    importing = subprocess.Popen(
        [sys.executable, "-m", "handover", "import_mail", str(box), "--workspace", slug],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and importing.poll() is None:
            if database.execute(stored).fetchone()[0] > 0:
                break
            time.sleep(0.02)  # polling for the first batch, bounded by the deadline
        importing.send_signal(signal.SIGKILL)
        importing.wait(timeout=10)
    finally:
        if importing.poll() is None:
            importing.kill()
    before = database.execute(stored).fetchone()[0]
    assert 0 < before < count
    state, pid = database.execute("SELECT state, pid FROM health_importrun").fetchone()
    assert (state, pid) == ("running", importing.pid)
    time.sleep(1)
    assert _session(importing.pid) == ""  # its parsing pool went with it

    started = run("worker", "--batch", "--no-startup-delay", env=env)
    assert started.returncode == 0, started.stderr
    state, error = database.execute("SELECT state, error FROM health_importrun").fetchone()
    assert (state, error) == ("failed", STOPPED)

    again = run("import_mail", str(box), "--workspace", slug, "--json", env=env)
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert (report["imported"], report["duplicates"]) == (count - before, before)
    distinct = ("SELECT COUNT(DISTINCT source_id) FROM health_interaction "
                "WHERE source_id LIKE 'big-%'")
    assert database.execute(stored).fetchone()[0] == count
    assert database.execute(distinct).fetchone()[0] == count
    states = [s for (s,) in database.execute(
        "SELECT state FROM health_importrun ORDER BY id").fetchall()]
    assert states == ["failed", "done"]
    database.close()
