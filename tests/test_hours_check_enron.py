"""Out-of-hours counts over the Enron mailboxes, checked against an independent computation.

Working hours 09:00-18:00 Monday to Friday in America/Chicago. The product code converts with
zoneinfo; the check below converts with the US daylight-saving rule of 1987-2006 written out
by hand (CDT from 02:00 on the first Sunday of April to 02:00 on the last Sunday of
October), so that both must agree on every message of 2000-2002.
"""

import os
from datetime import UTC, date, datetime, time, timedelta
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from handover.lib.hours_check import Schedule, count_out_of_hours, monthly_counts

from .conftest import need

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("HANDOVER_CORPUS", ROOT.parent / "shared" / "data"))
MAILDIR = CORPUS / "emails" / "enron" / "maildir"
MAILBOXES = ("allen-p", "beck-s", "jones-t", "kaminski-v", "kean-s")


def _sunday_on_or_after(day: date) -> date:
    return day + timedelta(days=(6 - day.weekday()) % 7)


def _chicago_offset_hours(moment_utc: datetime) -> int:
    year = moment_utc.year
    first_april_sunday = _sunday_on_or_after(date(year, 4, 1))
    last_october_sunday = _sunday_on_or_after(date(year, 10, 25))
    # 02:00 CST = 08:00 UTC; 02:00 CDT = 07:00 UTC.
    dst_starts = datetime.combine(first_april_sunday, time(8), tzinfo=UTC)
    dst_ends = datetime.combine(last_october_sunday, time(7), tzinfo=UTC)
    return -5 if dst_starts <= moment_utc < dst_ends else -6


def _independent_out_of_hours(moment: datetime) -> bool:
    utc = moment.astimezone(UTC)
    local = (utc + timedelta(hours=_chicago_offset_hours(utc))).replace(tzinfo=None)
    return local.weekday() >= 5 or not (9 <= local.hour < 18)


def _dates(mailbox: str) -> list[datetime]:
    parser = BytesHeaderParser()
    found = []
    for path in sorted((MAILDIR / mailbox / "inbox").rglob("*")):
        if not path.is_file():
            continue
        with open(path, "rb") as fh:
            header = parser.parse(fh).get("Date")
        try:
            moment = parsedate_to_datetime(header) if header else None
        except (TypeError, ValueError):
            moment = None
        if moment is not None and moment.tzinfo is not None:
            found.append(moment)
    return found


@pytest.mark.parametrize("mailbox", MAILBOXES)
def test_it_counts_out_of_hours_mail_like_an_independent_computation(mailbox):
    need((MAILDIR / mailbox / "inbox").is_dir(), f"the Enron corpus is not at {MAILDIR}")
    moments = _dates(mailbox)
    assert len(moments) > 50
    schedule = Schedule.build("America/Chicago", [(d, time(9), time(18)) for d in range(5)])
    expected = sum(_independent_out_of_hours(m) for m in moments)
    assert count_out_of_hours(moments, schedule) == (expected, len(moments))
    months = monthly_counts(moments, schedule)
    assert sum(m.out_of_hours for m in months) == expected
    assert sum(m.total for m in months) == len(moments)
    assert 0 < expected < len(moments)
