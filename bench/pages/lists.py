"""The activity log and every API list under load, on the demo workspace.

    .venv/bin/python bench/pages/lists.py [--seconds 10] [--connections 50]

Loads the demo into a fresh data directory, serves it with gunicorn (2 workers, page cache
off: these pages are not kept anyway) and hits each page with wrk (2 threads, 50
connections, loopback): the activity log (signed-in session) and every GET of the API whose
path takes only the workspace (bearer token), discovered from the OpenAPI document. Prints
requests/s and p99 per page against the target (300 req/s, p99 < 100 ms), and Django's own
sign-in page served the same way as the baseline of the run.
Needs wrk (Debian package wrk).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, _free_port, gunicorn, wrk  # noqa: E402

TARGET_RPS, TARGET_P99_MS = 300, 100.0
SETUP = """
import json
from django.contrib.sessions.backends.db import SessionStore
from handover.api.api import api
from handover.core.actions import do_create_api_token
from handover.core.models import Membership
m = Membership.objects.select_related("user", "workspace").filter(role="owner").first()
s = SessionStore()
s["_auth_user_id"] = str(m.user.pk)
s["_auth_user_backend"] = "handover.core.auth.EmailBackend"
s["_auth_user_hash"] = m.user.get_session_auth_hash()
s.create()
_t, secret = do_create_api_token(m.user, name="bench")
paths = [p for p, ops in api.get_openapi_schema(path_prefix="/api/")["paths"].items()
         if "get" in ops and p.count("{") == 1 and "{ws}" in p]
print(json.dumps({"session": s.session_key, "token": secret, "ws": m.workspace.slug,
                  "paths": paths}))
"""


def handover(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "handover", *args], cwd=ROOT, env=env,
                          check=True, **kwargs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk).")
    data = tempfile.mkdtemp(prefix="bench-lists-")
    env = dict(os.environ, HANDOVER_DATA_DIR=data, HANDOVER_DEBUG="0", HANDOVER_PAGE_CACHE="0",
               HANDOVER_ALLOWED_HOSTS="127.0.0.1,localhost")
    env.pop("DATABASE_URL", None)
    try:
        handover(env, "migrate", "--noinput", "-v0")
        handover(env, "demo", stdout=subprocess.DEVNULL)
        handover(env, "collectstatic", "--noinput", "-v0")
        found = json.loads(handover(env, "shell", "-c", SETUP, capture_output=True,
                                    text=True).stdout.strip().splitlines()[-1])
        ws = found["ws"]
        pages = {"baseline: sign-in page": ("/accounts/login/", {}),
                 "activity log": (f"/w/{ws}/activity/",
                                  {"Cookie": f"sessionid={found['session']}"})}
        for path in found["paths"]:
            pages[f"api {path}"] = (path.replace("{ws}", ws),
                                    {"Authorization": f"Bearer {found['token']}"})
        report = measure(env, pages, args)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    report["target"] = {"rps": TARGET_RPS, "p99_ms": TARGET_P99_MS,
                        "connections": args.connections}
    report["target_met"] = all(row["ok"] for name, row in report["pages"].items()
                               if not name.startswith("baseline"))
    print(json.dumps(report, indent=2))


def measure(env, pages, args) -> dict:
    import urllib.request

    with gunicorn(_free_port(), env) as base:
        results = {}
        for name, (path, headers) in pages.items():
            request = urllib.request.Request(base + path, headers=headers)  # noqa: S310
            with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
                if answer.status != 200:
                    sys.exit(f"{path} answered {answer.status}, not 200")
            wrk(base + path, headers, 2, args.connections)  # warm up
            row = wrk(base + path, headers, args.seconds, args.connections)
            row["ok"] = (row["rps"] >= TARGET_RPS and row["p99_ms"] < TARGET_P99_MS
                         and not row["errors"])
            results[name] = row
        return {"pages": results}


if __name__ == "__main__":
    main()
