"""Worker pools reset their signals and always stop; `handover serve` ends its whole tree
within ten seconds of SIGTERM, even while the task worker's pool is busy."""

import multiprocessing
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from handover.health.facts import TextReader
from handover.interactions import pools
from handover.interactions.importers import mailsources

from .test_commands import ROOT, free_port, fresh_env, prepared, run


def _default_signals(_n) -> bool:
    return (signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
            and signal.getsignal(signal.SIGINT) == signal.SIG_DFL)


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _graceful(_signum, _frame):
    """Like the task worker's handler: note the request, carry on with the current task."""


@pytest.fixture
def graceful_parent():
    before = (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT))
    signal.signal(signal.SIGTERM, _graceful)
    signal.signal(signal.SIGINT, _graceful)
    yield
    signal.signal(signal.SIGTERM, before[0])
    signal.signal(signal.SIGINT, before[1])


def test_it_resets_signals_in_pool_children_and_stops_a_busy_pool_at_once(graceful_parent):
    already = set(multiprocessing.active_children())
    pool = pools.start(2)
    assert all(pool.map(_default_signals, range(8)))
    busy = [pool.apply_async(_sleep, (60,)) for _ in range(2)]
    time.sleep(0.3)
    started = time.monotonic()
    pools.stop(pool)
    assert time.monotonic() - started < pools.STOP_SECONDS
    assert set(multiprocessing.active_children()) <= already
    assert not any(r.ready() and r.successful() for r in busy)


def test_it_stops_the_text_readers_pool_when_its_block_fails(graceful_parent):
    already = set(multiprocessing.active_children())
    sent = datetime(2026, 3, 10, 9, tzinfo=UTC)
    jobs = [("Please send it by tomorrow.", "", sent, "", "Europe/Rome", timedelta(hours=8))
            ] * 12
    reader = TextReader(processes=2)
    reader.PARALLEL_FROM = 4
    with pytest.raises(RuntimeError), reader:
        assert len(reader.read(jobs)) == 12 and reader.pool is not None
        raise RuntimeError("the caller failed")
    assert reader.pool is None
    assert set(multiprocessing.active_children()) <= already


def test_it_stops_the_mail_parsing_pool_when_its_reader_stops_early(tmp_path, graceful_parent):
    path = tmp_path / "box.mbox"
    path.write_bytes(b"".join(
        b"From x Mon Jan  5 10:00:00 2026\nFrom: a@b.example\nSubject: %d\n"
        b"Date: Mon, 5 Jan 2026 10:00:00 +0000\n\nbody %d\n\n" % (n, n) for n in range(2000)))
    already = set(multiprocessing.active_children())
    items = (("range", str(path), a, b, b - a) for a, b in mailsources.mbox_ranges(path))
    batches = mailsources.parse_all(items, processes=2)
    assert len(next(batches)) == mailsources.BATCH
    assert set(multiprocessing.active_children()) - already  # the pool is there
    batches.close()
    assert set(multiprocessing.active_children()) <= already


def _session(sid: int) -> list[str]:
    """The processes still running in that session (ended ones awaiting reaping aside)."""
    found = subprocess.run(["pgrep", "-s", str(sid), "-a"], capture_output=True, text=True)
    return [line for line in found.stdout.splitlines()
            if line.strip() and not line.endswith("<defunct>")]


COUNT = 4000


def busy_mbox(path, count: int) -> None:
    paragraph = (b"Could you please send the revised plan by tomorrow morning? It is urgent. "
                 b"We also need the slides by Friday and the figures within 3 days. ") * 3
    path.write_bytes(b"".join(
        b"From client@busy.example Mon Jan  5 10:00:00 2026\n"
        b"From: client@busy.example\nTo: owner@busy.example\nSubject: Request %d\n"
        b"Date: Mon, 5 Jan 2026 10:%02d:00 +0100\nMessage-ID: <busy-%d@busy.example>\n\n"
        b"%s\n\n" % (n, n % 60, n, paragraph) for n in range(count)))


def test_it_stops_serve_and_its_whole_tree_within_ten_seconds_while_a_pool_is_busy(
        tmp_path, prepared_data_dir):
    port = free_port()
    env = fresh_env(tmp_path, HANDOVER_BIND=f"127.0.0.1:{port}", HANDOVER_TEXT_POOL_FROM="2",
                    HANDOVER_PASSWORD="a long enough passphrase")
    prepared(tmp_path, prepared_data_dir)
    slug = run("create_workspace", "Busy Studio", "--owner", "owner@busy.example",
               env=env).stdout.strip()
    box = tmp_path / "busy.mbox"
    busy_mbox(box, COUNT)
    imported = run("import_mail", str(box), "--workspace", slug, "--client", "Busy Client",
                   env=env)
    assert imported.returncode == 0, imported.stderr
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen([sys.executable, "-m", "handover", "serve", "--workers", "1"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        # The worker, then its pool: forked children share its command line.
        deadline = time.monotonic() + 180
        workers = []
        while time.monotonic() < deadline and server.poll() is None:
            workers = [p for p in _session(server.pid) if "handover worker" in p]
            if len(workers) >= 3:
                break
            time.sleep(0.05)  # polling for the pool to start, bounded by the deadline
        assert len(workers) >= 3, (workers, (tmp_path / "serve.log").read_text())
        asked = time.monotonic()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        took = time.monotonic() - asked
    finally:
        if server.poll() is None:
            server.kill()
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert took < 10, (took, output)
    assert server.returncode == 0, output
    time.sleep(0.2)
    assert _session(server.pid) == [], output
    # The recompute cut short is started again by the next worker, which finishes it.
    database = sqlite3.connect(tmp_path / "data" / "handover.sqlite3")
    facts = "SELECT COUNT(*) FROM health_interactionfacts"
    assert database.execute(facts).fetchone()[0] < COUNT
    again = run("worker", "--batch", "--no-startup-delay", env=env)
    assert again.returncode == 0 and "Traceback" not in again.stdout + again.stderr
    assert database.execute(facts).fetchone()[0] == COUNT
    database.close()
