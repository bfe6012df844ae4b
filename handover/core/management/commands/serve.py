"""handover serve: migrate, collect the static files if they changed, then the WSGI server,
the task worker (which runs the start-up steps) and the scheduler; on SIGTERM (or Ctrl+C)
everything ends within ten seconds.

Each child runs in its own process group, so that what it started (gunicorn's workers, a
worker's pool of text readers) can be stopped with it. On the first signal each child is
asked to stop (SIGTERM); a child still running after ASK_AGAIN seconds is asked again (the
task worker then gives up its current task and records it as failed); whatever is left
after KILL_AFTER seconds is killed, group and all. A second signal kills at once.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from handover.core.staticfiles import collect_static_if_changed

from .worker import run_startup_steps

ASK_AGAIN = 4.0
KILL_AFTER = 8.0
GRACEFUL_SECONDS = 3  # gunicorn's time to finish the requests in flight


def _kill_group(child: subprocess.Popen) -> None:
    """SIGKILL the child's process group: the child and anything it left behind."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)


class Command(BaseCommand):
    help = "Migrate, collect static files, then run gunicorn and the background worker."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=settings.BIND)
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("HANDOVER_WEB_WORKERS", "2")))
        parser.add_argument("--no-worker", action="store_true",
                            help="Do not start the background task worker and scheduler.")

    def handle(self, *args, bind, workers, no_worker, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not settings.DEBUG:
            collect_static_if_changed()
        if no_worker:
            run_startup_steps()  # otherwise the worker started below runs them, once
        python = sys.executable
        commands = [[python, "-m", "gunicorn", "handover.wsgi:application", "--bind", bind,
                     "--workers", str(workers), "--access-logfile", "-",
                     "--graceful-timeout", str(GRACEFUL_SECONDS)]]
        if not no_worker:
            commands.append([python, "-m", "handover", "worker"])
            commands.append([python, "-m", "handover", "scheduler"])
        # The children build mail links from HANDOVER_BIND when HANDOVER_BASE_URL is unset
        # (core/links.py): they get the address actually bound, --bind included.
        child_env = {**os.environ, "HANDOVER_BIND": bind}
        children = [subprocess.Popen(command, process_group=0, env=child_env)
                    for command in commands]
        self.stdout.write(f"Handover is serving on http://{bind}/ (Ctrl+C to stop)")
        self.stdout.flush()
        code = self._supervise(children)
        sys.exit(code)

    def _supervise(self, children: list[subprocess.Popen]) -> int:
        """Wait for a signal (or a child that stops by itself), then stop every child
        within STOP_SECONDS. Returns the exit code."""
        state = {"since": None, "asked_again": False, "killed": False}

        def alive():
            return [c for c in children if c.poll() is None]

        def ask(signum=signal.SIGTERM):
            for child in alive():
                with contextlib.suppress(ProcessLookupError):
                    child.send_signal(signum)

        def on_signal(_signum, _frame):
            if state["since"] is None:
                state["since"] = time.monotonic()
                ask()
            else:  # asked twice: no more waiting
                state["killed"] = True
                for child in children:
                    _kill_group(child)

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        code = 0
        while alive():
            if state["since"] is None:
                done = [c for c in children if c.poll() is not None]
                if done:
                    code = done[0].returncode or 1
                    self.stderr.write(
                        "A Handover process stopped unexpectedly; stopping the rest.")
                    state["since"] = time.monotonic()
                    ask()
            else:
                waited = time.monotonic() - state["since"]
                if waited >= ASK_AGAIN and not state["asked_again"]:
                    state["asked_again"] = True
                    ask()
                if waited >= KILL_AFTER and not state["killed"]:
                    state["killed"] = True
                    for child in alive():
                        _kill_group(child)
            time.sleep(0.1)
        # Whatever a child left behind in its group (an orphaned pool, say) goes with it.
        for child in children:
            _kill_group(child)
        return code
