"""Killing the export at random points: nothing unverified looks verified, no source lost."""

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from handover.files.engine.export import JOURNAL
from handover.files.engine.verify import verify_archive

from .files_helpers import small_tree

ROOT = Path(__file__).resolve().parent.parent
RUN = ("import sys; from handover.files.engine.export import Exporter; "
       "Exporter(sys.argv[1], sys.argv[2], split_bytes=150_000, engine='zlib:9').run()")


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def start(source: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", RUN, str(source), str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def check(source_files: dict, out: Path) -> int:
    """The invariants after a crash; returns how many archives are marked verified."""
    journal = json.loads((out / JOURNAL).read_text()) if (out / JOURNAL).exists() else {}
    verified = {n for n, e in journal.get("archives", {}).items() if e["state"] == "verified"}
    for name in verified:
        path = out / name
        assert path.exists(), f"{name} is marked verified but missing"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == \
            journal["archives"][name]["sha256"]
        expected = {f["name"]: f for f in journal["archives"][name]["files"]}
        assert verify_archive(str(path), expected=expected) == []
        for row in expected.values():
            assert source_files[row["rel"]] == row["sha256"]
    # Whatever carries a final name is complete and sound, marked or not.
    for path in out.glob("*.zip"):
        assert verify_archive(str(path)) == [], f"{path.name} looks complete but is not"
    return len(verified)


def test_it_survives_twenty_kills_at_random_points(tmp_path):
    source = small_tree(tmp_path / "source", files=60)
    before = snapshot(source)
    rnd = random.Random(2026)
    # A clean run, to know how long an export takes here.
    started = time.monotonic()
    start(source, tmp_path / "timing").wait(timeout=120)
    duration = time.monotonic() - started
    out = tmp_path / "out"
    seen_partial = 0
    for _attempt in range(24):
        process = start(source, out)
        try:
            # Up to half as long again as the clean run: on a loaded machine the kills must
            # still reach the point where archives are verified, not only the start-up.
            process.wait(timeout=rnd.uniform(0.05, duration * 1.5))
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        verified = check(before, out)
        seen_partial += verified > 0
        assert snapshot(source) == before  # no source deleted or changed
    assert seen_partial >= 1, "the kills never landed in the middle of an export"
    start(source, out).wait(timeout=120)
    journal = json.loads((out / JOURNAL).read_text())
    assert journal["archives"] and all(
        e["state"] == "verified" for e in journal["archives"].values())
    assert check(before, out) == len(journal["archives"])
    assert not [p for p in out.iterdir() if p.suffix in (".part", ".tmp")]
