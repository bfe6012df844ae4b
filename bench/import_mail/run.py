"""Benchmark: import a generated mbox into SQLite, next to `mu index` on the same messages.

    .venv/bin/python bench/import_mail/run.py [--messages 100000] [--keep DIR]

Generates (deterministically) an mbox of realistic messages: multipart alternatives,
attachments, several charsets and time zones. Converts it to a Maildir, times `mu index`
(Debian package maildir-utils) on it, then times `handover import_mail` on the mbox into a
fresh SQLite database, sampling the resident memory of the whole process tree. Prints
messages per second for both, the ratio, and the peak memory.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_RATIO = 2.0
MEMORY_LIMIT_MB = 400

NAMES = ["Giulia Bellini", "Anna Kowalczyk", "Núria Puig", "Kari Nordmann", "Marco Ferri",
         "Piotr Nowak", "Jordi Vidal", "Ingrid Berg", "John Smith", "Zoë Martin"]
DOMAINS = ["bellini-architetti.example", "kowalczyk-logistyka.example", "marblava.example",
           "fjord.example", "acme.example", "example.org"]
ZONES = ["+0100", "+0200", "-0500", "-0800", "+0000", "+0530", "+0900"]
SUBJECTS = ["Agenda for next week", "Invoice %d", "Re: site visit", "Question about the offer",
            "Urgent: contract %d", "Fwd: minutes", "Holiday schedule", "Call tomorrow?"]
TEXTS = {
    "utf-8": "Dzień dobry, ecco il programma. Bon dia! Hei, takk for sist. Grüße, Zoë.",
    "iso-8859-1": "Bonjour, voilà le document. Grüße aus Köln. Año nuevo.",
    "iso-8859-2": "Dzień dobry, proszę o potwierdzenie spotkania w środę.",
    "windows-1252": "Thanks – see the “final” figures attached. Cheers.",
    "us-ascii": "Hello, please find the notes below. Best regards.",
}
WORDS = ["meeting", "report", "budget", "schedule", "client", "project", "delivery", "invoice", "review", "plan", "update", "quarter", "office", "team", "deadline", "proposal", "contract", "figures", "notes", "agenda"]


def paragraph(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def message(i: int, rng: random.Random) -> bytes:
    name = rng.choice(NAMES)
    domain = rng.choice(DOMAINS)
    sender = f"{name.split()[0].lower()}@{domain}"
    charset = rng.choice(list(TEXTS))
    day = 1 + i % 28
    when = (f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][i % 7]}, {day} "
            f"{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'][i % 6]} 2025 "
            f"{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d} {rng.choice(ZONES)}")
    subject = rng.choice(SUBJECTS).replace("%d", str(i))
    body = TEXTS[charset] + "\n\n" + "\n\n".join(
        paragraph(rng, rng.randint(30, 90)) for _ in range(rng.randint(3, 8)))
    encoded_name = "=?utf-8?b?" + base64.b64encode(name.encode()).decode() + "?="
    head = (f"Return-Path: <{sender}>\nReceived: from mx.{domain} by mail.example; {when}\n"
            f"From: {encoded_name} <{sender}>\nTo: Alice <alice@a.example>\n"
            f"Subject: {subject}\nDate: {when}\nMessage-ID: <{i}.bench@{domain}>\n"
            f"MIME-Version: 1.0\n")
    boundary = f"=_b{i}_alt"
    html_body = "<html><body>" + "".join(f"<p>{p}</p>" for p in body.split("\n\n")) + \
        "</body></html>"
    alternative = (
        f"Content-Type: multipart/alternative; boundary=\"{boundary}\"\n\n"
        f"--{boundary}\nContent-Type: text/plain; charset={charset}\n"
        f"Content-Transfer-Encoding: 8bit\n\n").encode() + \
        body.encode(charset, "replace") + (
        f"\n--{boundary}\nContent-Type: text/html; charset=utf-8\n"
        f"Content-Transfer-Encoding: quoted-printable\n\n{html_body}\n--{boundary}--\n"
    ).encode()
    if i % 4 == 0:
        outer = f"=_b{i}_mixed"
        attachment = base64.encodebytes(rng.randbytes(rng.randint(1500, 6000))).decode()
        return (head + f"Content-Type: multipart/mixed; boundary=\"{outer}\"\n\n"
                f"--{outer}\n").encode() + alternative + (
            f"--{outer}\nContent-Type: application/pdf; name=\"doc{i}.pdf\"\n"
            f"Content-Disposition: attachment; filename=\"doc{i}.pdf\"\n"
            f"Content-Transfer-Encoding: base64\n\n{attachment}--{outer}--\n").encode()
    return head.encode() + alternative


def generate(folder: Path, count: int) -> tuple[Path, Path]:
    rng = random.Random(20260301)
    mbox = folder / "bench.mbox"
    maildir = folder / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    with open(mbox, "wb") as out:
        for i in range(count):
            raw = message(i, rng)
            escaped = raw.replace(b"\nFrom ", b"\n>From ")
            out.write(b"From bench@example.org Mon Jan  6 10:00:00 2025\n" + escaped + b"\n")
            (maildir / "cur" / f"{i}.bench:2,S").write_bytes(raw)
    return mbox, maildir


def tree_rss_kb(pid: int) -> int:
    """Resident memory of the process and all its descendants, in kB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as handle:
                status = handle.read()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        ppid = int(fields.get("PPid", "0").strip())
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def timed(cmd: list[str], env: dict) -> tuple[float, int, str]:
    started = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kb(process.pid))
        time.sleep(0.1)
    elapsed = time.perf_counter() - started
    out, err = process.communicate()
    if process.returncode:
        sys.exit(f"{cmd[0]} failed: {err.decode(errors='replace')[-2000:]}")
    return elapsed, peak // 1024, out.decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--keep", help="work in this folder and keep it")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="handover-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"Generating {args.messages:,} messages in {work} ...", flush=True)
        mbox, maildir = generate(work, args.messages)
        size_mb = mbox.stat().st_size / 1e6
        print(f"mbox: {size_mb:,.0f} MB", flush=True)

        mu = shutil.which("mu")
        mu_rate = None
        if mu:
            muhome = work / "mu"
            subprocess.run([mu, "init", f"--muhome={muhome}", f"--maildir={maildir}"],
                           check=True, capture_output=True)
            mu_seconds, mu_peak, _ = timed([mu, "index", f"--muhome={muhome}"], dict(os.environ))
            mu_rate = args.messages / mu_seconds
            print(f"mu index: {mu_seconds:.1f} s, {mu_rate:,.0f} messages/s, "
                  f"peak {mu_peak} MB", flush=True)
        else:
            print("mu is not installed (apt-get install maildir-utils): no baseline")

        env = dict(os.environ, HANDOVER_DATA_DIR=str(work / "data"), DATABASE_URL="",
                   HANDOVER_PASSWORD="bench-password-123")
        env.pop("DATABASE_URL")
        handover = [sys.executable, "-m", "handover"]
        subprocess.run([*handover, "migrate", "-v0"], env=env, check=True)
        slug = subprocess.run([*handover, "create_workspace", "Bench", "--owner",
                               "bench@a.example"], env=env, check=True,
                              capture_output=True, text=True).stdout.strip()
        seconds, peak, out = timed([*handover, "import_mail", str(mbox), "--workspace", slug,
                                    "--json"], env)
        report = json.loads(out)
        rate = args.messages / seconds
        print(f"handover import_mail: {seconds:.1f} s, {rate:,.0f} messages/s, "
              f"peak {peak} MB (whole process tree)")
        print(f"report: imported {report['imported']:,}, duplicates {report['duplicates']:,}, "
              f"unmatched {report['unmatched']:,}, failed {report['failed']:,}")
        ok = report["imported"] == args.messages and peak < MEMORY_LIMIT_MB
        if mu_rate:
            ratio = rate / mu_rate
            ok = ok and ratio >= TARGET_RATIO
            print(f"ratio to mu index: {ratio:.2f}x (target {TARGET_RATIO:.0f}x)")
        print(f"memory: {peak} MB (limit {MEMORY_LIMIT_MB} MB)")
        print("TARGET MET" if ok else "TARGET NOT MET")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
