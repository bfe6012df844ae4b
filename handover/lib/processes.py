"""Telling one process from a later one that was given the same id (Django-free)."""

from __future__ import annotations

from pathlib import Path


def process_identity(pid: int) -> str:
    """The boot id and start time of a process (Linux; "" elsewhere). With the pid it
    tells a process from a later one given the same id (after a restart, say)."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        stat = Path(f"/proc/{pid}/stat").read_text()
        started = stat.rsplit(")", 1)[1].split()[19]  # field 22: start time, in ticks
    except (OSError, IndexError):
        return ""
    return f"{boot}:{started}"[:80]
