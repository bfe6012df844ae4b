"""Serve a loaded data directory with gunicorn (2 workers) and hit three pages with wrk
(16 connections, loopback): a trivial page, the dashboard and a health page.

    HANDOVER_DATA_DIR=/tmp/bench-pages .venv/bin/python bench/pages/run.py --engagement ID

Runs twice: as shipped (pages kept per reader until the workspace changes, see
handover/core/pagecache.py), then with HANDOVER_PAGE_CACHE=0, where every request renders
its page: the cost of the first view after a change. Prints requests/s and p99 per page
and compares the shipped figures with the target (500 req/s, p99 < 50 ms).
Needs wrk (Debian package wrk) and a directory filled by bench/pages/load.py.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_RPS, TARGET_P99_MS = 500, 50.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, headers: str | dict, seconds: int, connections: int = 16) -> dict:
    """wrk's figures for one URL; `headers` is a cookie string or a dict of headers."""
    if isinstance(headers, str):
        headers = {"Cookie": headers}
    flags = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *flags, url],
        capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p99_ms": round(_ms(*p99.groups()), 2),
            "errors": int(non2xx.group(1)) if non2xx else 0}


@contextlib.contextmanager
def gunicorn(port: int, env: dict):
    """gunicorn with 2 workers on loopback, once it answers; stopped on leaving."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "handover.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=2)  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline:
                    sys.exit("gunicorn did not start")
                time.sleep(0.2)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def serve_and_measure(port: int, env: dict, session: str, pages: dict, seconds: int) -> dict:
    with gunicorn(port, env) as base:
        cookie = f"sessionid={session}"
        results = {}
        for name, path in pages.items():
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers={"Cookie": cookie})
            status = connection.getresponse().status
            connection.close()
            if status != 200:  # a redirect to the sign-in page would measure the wrong page
                sys.exit(f"{path} answered {status}, not 200: is session.txt valid?")
            wrk(base + path, cookie, 2)  # warm up
            results[name] = wrk(base + path, cookie, seconds)
            results[name]["ok"] = (results[name]["rps"] >= TARGET_RPS
                                   and results[name]["p99_ms"] < TARGET_P99_MS
                                   and not results[name]["errors"])
        return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engagement", type=int, required=True)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--shipped-only", action="store_true",
                        help="skip the run without the page cache")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk).")
    data = Path(os.environ.get("HANDOVER_DATA_DIR", "data"))
    session = (data / "session.txt").read_text().strip()
    env = dict(os.environ, HANDOVER_DEBUG="0", HANDOVER_ALLOWED_HOSTS="127.0.0.1,localhost")
    subprocess.run([sys.executable, "-m", "handover", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True)
    pages = {
        "trivial": "/w/bench/members/",
        "dashboard": "/w/bench/",
        "health": f"/w/bench/engagements/{args.engagement}/health/",
    }
    report = {"shipped": serve_and_measure(_free_port(), dict(env, HANDOVER_PAGE_CACHE="1"),
                                           session, pages, args.seconds)}
    if not args.shipped_only:
        uncached = serve_and_measure(_free_port(), dict(env, HANDOVER_PAGE_CACHE="0"),
                                     session, pages, args.seconds)
        for row in uncached.values():
            row.pop("ok")
        report["every_request_renders"] = uncached
    report["target"] = {"rps": TARGET_RPS, "p99_ms": TARGET_P99_MS}
    report["target_met"] = all(row["ok"] for row in report["shipped"].values())
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
