"""Forked worker pools that always stop. Django-free.

A forked child inherits its parent's signal handlers. Under the task worker that is a
"finish the current task first" handler for SIGTERM, so a pool's children would ignore
`Pool.terminate()` and the worker would wait on them for ever. Here each child resets
SIGTERM and SIGINT to their default action as it starts (and, on Linux, asks to be killed
when its parent dies), and a pool is always stopped on the way out, with a deadline after
which what is left is killed.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator
from multiprocessing.pool import Pool

STOP_SECONDS = 5.0
PR_SET_PDEATHSIG = 1


def _reset_signals(parent: int) -> None:
    """Pool initializer: default SIGTERM and SIGINT handling in the child."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):  # best effort: only a safety net
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)


def start(processes: int) -> Pool:
    return multiprocessing.get_context("fork").Pool(processes, initializer=_reset_signals,
                                                    initargs=(os.getpid(),))


def stop(pool: Pool, timeout: float = STOP_SECONDS) -> None:
    """Terminate the pool and wait for it, at most `timeout` seconds; children still there
    after that are killed. Never raises."""
    stopper = threading.Thread(target=pool.terminate, name="pool-stop", daemon=True)
    stopper.start()
    stopper.join(timeout)
    if stopper.is_alive():
        for child in list(getattr(pool, "_pool", [])):
            with contextlib.suppress(Exception):
                if child.exitcode is None:
                    child.kill()
        stopper.join(timeout)
    with contextlib.suppress(Exception):
        if not stopper.is_alive():
            pool.join()


@contextlib.contextmanager
def forked_pool(processes: int) -> Iterator[Pool]:
    """A pool of `processes` forked children, stopped whatever happens in the block."""
    pool = start(processes)
    try:
        yield pool
    finally:
        stop(pool)
