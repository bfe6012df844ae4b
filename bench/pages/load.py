"""Load N engagements and M interactions into a fresh data directory, compute health and
time it: facts for new interactions, then a full recompute of summaries from the facts.

    HANDOVER_DATA_DIR=/tmp/bench-pages .venv/bin/python bench/pages/load.py \
        --engagements 1000 --interactions 1000000

Prints the figures as JSON (and writes session.txt: a signed-in session cookie for wrk).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handover.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402

from handover.clients.models import Client, Engagement, WorkingWindow  # noqa: E402
from handover.core.actions import do_create_workspace  # noqa: E402
from handover.core.models import Workspace  # noqa: E402
from handover.health.actions.compute import do_compute_health  # noqa: E402
from handover.health.models import InteractionFacts  # noqa: E402
from handover.interactions.models import Interaction, Invoice  # noqa: E402

TEXTS = [
    "Hello, please find attached the notes from Monday's meeting. Many thanks.",
    "I need the board pack by tomorrow morning, please.",
    "That's not what I asked for. Please redo it.",
    "Can you send the revised figures by tonight? ASAP please.",
    "This is useless, you idiot.",
]
ZONES = ["Europe/Rome", "Europe/Warsaw", "Europe/Madrid", "Europe/Oslo", "America/Chicago"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engagements", type=int, default=100)
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--text-share", type=float, default=0.01,
                        help="share of interactions with a text to analyse")
    parser.add_argument("--again", action="store_true",
                        help="keep the loaded interactions; drop their facts and time again")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if args.again:
        return time_compute(Workspace.objects.get(slug="bench"), args, load=0.0)
    rng = random.Random(5)
    User = get_user_model()
    user = User.objects.create_user(email="bench@bench.example", password=None)
    workspace = do_create_workspace("Bench", actor=user, slug="bench")
    t0 = time.perf_counter()
    clients = Client.objects.bulk_create([
        Client(workspace=workspace, name=f"Client {i:04d}", language="en", country="IT",
               time_zone=ZONES[i % 5]) for i in range(args.engagements)])
    engagements = Engagement.objects.bulk_create([
        Engagement(workspace=workspace, client=c, title=f"Engagement {i}",
                   start_date=date(2024, 1, 1), time_zone=c.time_zone, holiday_country="IT",
                   account_manager=user)
        for i, c in enumerate(clients)])
    WorkingWindow.objects.bulk_create([
        WorkingWindow(engagement=e, weekday=d, start=clock(9), end=clock(18))
        for e in engagements for d in range(5)])
    Invoice.objects.bulk_create([
        Invoice(workspace=workspace, engagement=e, number=f"B-{e.pk}-{k}",
                issued=date(2025, 1, 1) + timedelta(days=30 * k),
                due=date(2025, 1, 31) + timedelta(days=30 * k),
                paid_on=date(2025, 1, 31) + timedelta(days=30 * k + rng.choice([0, 0, 3, 20])),
                amount=1000) for e in engagements for k in range(6)])
    start = datetime(2025, 1, 1, tzinfo=UTC)
    span = 365 * 24 * 3600
    batch, made = [], 0
    for n in range(args.interactions):
        e = engagements[n % len(engagements)]
        text = rng.choice(TEXTS) if rng.random() < args.text_share else ""
        batch.append(Interaction(
            workspace=workspace, engagement=e, channel="email" if n % 7 else "call",
            direction="inbound" if n % 3 else "outbound",
            occurred_at=start + timedelta(seconds=rng.randrange(span)), body=text,
            duration=timedelta(minutes=rng.choice([5, 45])) if not n % 7 else None,
            source="bench", source_id=str(n)))
        if len(batch) == 20_000:
            Interaction.objects.bulk_create(batch, batch_size=5000)
            made += len(batch)
            batch = []
    Interaction.objects.bulk_create(batch, batch_size=5000)
    time_compute(workspace, args, load=time.perf_counter() - t0)


def time_compute(workspace, args, *, load: float):
    InteractionFacts.objects.filter(workspace=workspace).delete()
    user = get_user_model().objects.get(email="bench@bench.example")
    engagements = list(Engagement.objects.filter(workspace=workspace).order_by("pk")[:1])
    t1 = time.perf_counter()
    first = do_compute_health(workspace)
    facts_and_summaries = time.perf_counter() - t1
    t2 = time.perf_counter()
    do_compute_health(workspace)
    recompute = time.perf_counter() - t2
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "handover.core.auth.EmailBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    Path(os.environ.get("HANDOVER_DATA_DIR", "data"), "session.txt").write_text(
        session.session_key)
    print(json.dumps({
        "engagements": Engagement.objects.filter(workspace=workspace).count(),
        "interactions": Interaction.objects.filter(workspace=workspace).count(),
        "load_seconds": round(load, 1), "facts_added": first["facts_added"],
        "first_compute_seconds": round(facts_and_summaries, 1),
        "recompute_seconds": round(recompute, 1),
        # The target: every interaction's facts and all summaries within a minute.
        "target_seconds": 60, "target_met": facts_and_summaries < 60,
        "engagement_id": engagements[0].pk,
    }))


if __name__ == "__main__":
    main()
