"""Working hours: a weekday's windows written as text ("09:00-13:00, 14:00-18:00")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*[-–—]\s*(\d{1,2})(?:[:.](\d{2}))?\s*$")
END_OF_DAY = time(23, 59, 59)


class HoursError(ValueError):
    """A window that cannot be read. `code` names the problem, `params` fill the message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True, order=True)
class Window:
    start: time
    end: time

    def label(self) -> str:
        end = "24:00" if self.end == END_OF_DAY else f"{self.end:%H:%M}"
        return f"{self.start:%H:%M}-{end}"


def _clock(hours: str, minutes: str | None, *, is_end: bool, text: str) -> time:
    h, m = int(hours), int(minutes or 0)
    if is_end and h == 24 and m == 0:
        return END_OF_DAY
    if h > 23 or m > 59:
        raise HoursError("bad_time", window=text.strip())
    return time(h, m)


def parse_windows(text: str) -> list[Window]:
    """Read the windows of one day; an empty text means a day off.

    Raises HoursError for text that is not a list of HH:MM-HH:MM, a window that ends before
    it starts, or windows that overlap.
    """
    windows: list[Window] = []
    for part in re.split(r"[,;]", text or ""):
        if not part.strip():
            continue
        match = _WINDOW.match(part)
        if not match:
            raise HoursError("bad_format", window=part.strip())
        start = _clock(match[1], match[2], is_end=False, text=part)
        end = _clock(match[3], match[4], is_end=True, text=part)
        if end <= start:
            raise HoursError("ends_before_start", window=part.strip())
        windows.append(Window(start, end))
    windows.sort()
    for earlier, later in zip(windows, windows[1:], strict=False):
        if later.start < earlier.end:
            raise HoursError("overlap", first=earlier.label(), second=later.label())
    return windows


def format_windows(windows: list[Window]) -> str:
    return ", ".join(w.label() for w in sorted(windows))


def within(windows: list[Window], moment: time) -> bool:
    return any(w.start <= moment < w.end or (w.end == END_OF_DAY and moment >= w.start)
               for w in windows)
