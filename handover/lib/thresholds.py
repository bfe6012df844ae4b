"""The thresholds of relationship health and their defaults, defined once (Django-free).

A workspace without saved thresholds uses these; the model's field defaults, the settings
form's fields and the computation's `Thresholds` all come from here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Thresholds:
    long_call_minutes: int = 30
    out_of_hours_percent: int = 15
    last_minute_per_month: int = 2
    schedule_change_hours: int = 24
    late_payment_days: int = 7
    expectations_per_month: int = 2


DEFAULTS: dict[str, int] = asdict(Thresholds())
NAMES: tuple[str, ...] = tuple(DEFAULTS)
