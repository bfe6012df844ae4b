"""What runs when `handover serve` and `handover worker` start (see core's worker command):
imports whose process is gone are marked failed, so that nobody waits on them, and health
recomputes cut short by a stop are started again."""

from .actions import do_fail_dead_imports, do_requeue_interrupted_recomputes

STEPS = [do_fail_dead_imports, do_requeue_interrupted_recomputes]
