"""handover serve: migrate, then run the WSGI server and the task worker; stop on SIGTERM."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, collect static files, then run gunicorn and the background worker."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("HANDOVER_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("HANDOVER_WEB_WORKERS", "2")))
        parser.add_argument("--no-worker", action="store_true",
                            help="Do not start the background task worker and scheduler.")

    def handle(self, *args, bind, workers, no_worker, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        python = sys.executable
        children = [subprocess.Popen([
            python, "-m", "gunicorn", "handover.wsgi:application", "--bind", bind,
            "--workers", str(workers), "--access-logfile", "-", "--graceful-timeout", "20",
        ])]
        if not no_worker:
            children.append(subprocess.Popen([python, "-m", "handover", "db_worker"]))
            children.append(subprocess.Popen([python, "-m", "handover", "scheduler"]))
        self.stdout.write(f"Handover is serving on http://{bind}/ (Ctrl+C to stop)")

        stopping = False

        def stop(signum, _frame):
            nonlocal stopping
            stopping = True
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        code = 0
        while True:
            done = [c for c in children if c.poll() is not None]
            if done and not stopping:
                code = done[0].returncode or 1
                self.stderr.write("A Handover process stopped unexpectedly; stopping the rest.")
                stop(signal.SIGTERM, None)
            if all(c.poll() is not None for c in children):
                break
            time.sleep(0.2)
        deadline = time.monotonic() + 25
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
        sys.exit(code)
