"""handover scheduler: enqueue periodic jobs when due (started by `handover serve`)."""

import signal
import threading

from django.core.management.base import BaseCommand

from handover.core.actions import do_run_due_jobs


class Command(BaseCommand):
    help = "Every minute, enqueue the periodic jobs that are due (see core/schedule.py)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and stop.")
        parser.add_argument("--every", type=int, default=60, help="Seconds between checks.")

    def handle(self, *args, once, every, **options):
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        while True:
            started = do_run_due_jobs()
            if once:
                for name, workspace_id in started:
                    self.stdout.write(f"{name} workspace={workspace_id}")
                return
            if stop.wait(every):
                return
