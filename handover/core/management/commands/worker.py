"""handover worker: the background task worker (django-tasks' database worker), after the
start-up steps of every app.

Each product app may have a `startup.py` with STEPS: callables without arguments, run
once when `handover serve` or `handover worker` starts (for example, marking failed the
imports whose process is gone). A step that fails is logged and never stops the start.
"""

import logging

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from handover.core.apps_registry import modules

log = logging.getLogger(__name__)


def run_startup_steps() -> None:
    for module in modules("startup"):
        for step in getattr(module, "STEPS", ()):
            try:
                step()
            except Exception:
                log.exception("The start-up step %s.%s failed", module.__name__,
                              getattr(step, "__name__", step))


class Command(DatabaseWorker):
    help = "Run the background task worker, after the apps' start-up steps."

    def handle(self, *args, **options):
        run_startup_steps()
        return super().handle(*args, **options)
