"""Out-of-hours classification against working windows, weekends and public holidays."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from handover.lib.hours import END_OF_DAY
from handover.lib.hours_check import (
    DAY_OFF,
    HOLIDAY,
    OUTSIDE_HOURS,
    WEEKEND,
    Schedule,
    classify,
    classify_fields,
    count_out_of_hours,
    heatmap,
    holiday_dates,
    holiday_name,
    local_fields,
    monthly_counts,
    window_minutes,
    working_hour_cells,
)

ROME = ZoneInfo("Europe/Rome")
OFFICE = Schedule.build("Europe/Rome", [(d, time(9), time(13)) for d in range(5)]
                        + [(d, time(14), time(18)) for d in range(4)], "IT", "")


def rome(*args):
    return datetime(*args, tzinfo=ROME)


@pytest.mark.parametrize(("moment", "reason"), [
    (rome(2026, 3, 10, 9, 0), None),              # Tuesday, first minute of the window
    (rome(2026, 3, 10, 12, 59), None),
    (rome(2026, 3, 10, 13, 0), OUTSIDE_HOURS),    # lunch break: the window ends at 13:00
    (rome(2026, 3, 10, 8, 59), OUTSIDE_HOURS),
    (rome(2026, 3, 10, 18, 0), OUTSIDE_HOURS),
    (rome(2026, 3, 13, 15, 0), OUTSIDE_HOURS),    # Friday afternoon has no window
    (rome(2026, 3, 14, 11, 0), WEEKEND),
    (rome(2026, 3, 15, 11, 0), WEEKEND),
    (rome(2026, 4, 25, 10, 0), HOLIDAY),          # Liberation Day, a Saturday: holiday first
    (rome(2026, 4, 6, 10, 0), HOLIDAY),           # Easter Monday
    (rome(2026, 12, 8, 10, 0), HOLIDAY),
])
def test_it_classifies_moments_in_the_engagements_zone(moment, reason):
    assert classify(moment, OFFICE) == reason
    # The same instant given in another zone gives the same answer.
    assert classify(moment.astimezone(UTC), OFFICE) == reason


def test_it_uses_the_regions_holidays():
    catalonia = Schedule.build("Europe/Madrid", [(d, time(9), time(17)) for d in range(5)],
                               "ES", "CT")
    madrid = Schedule.build("Europe/Madrid", [(d, time(9), time(17)) for d in range(5)],
                            "ES", "MD")
    sant_esteve = datetime(2025, 12, 26, 10, 0, tzinfo=ZoneInfo("Europe/Madrid"))
    assert holiday_name(sant_esteve.date(), "ES", "CT")
    assert classify(sant_esteve, catalonia) == HOLIDAY
    assert classify(sant_esteve, madrid) is None


def test_it_counts_a_weekday_without_windows_as_a_day_off():
    four_days = Schedule.build("Europe/Oslo", [(d, time(8), time(16)) for d in range(4)])
    friday = datetime(2026, 3, 13, 10, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    assert classify(friday, four_days) == DAY_OFF


def test_it_handles_windows_that_end_at_midnight_and_daylight_saving():
    late = Schedule.build("America/Chicago", [(d, time(18), END_OF_DAY) for d in range(7)])
    chicago = ZoneInfo("America/Chicago")
    assert classify(datetime(2026, 3, 8, 23, 59, 59, tzinfo=chicago), late) is None
    assert classify(datetime(2026, 3, 8, 17, 59, tzinfo=chicago), late) == OUTSIDE_HOURS
    # 2026-03-08 is the spring-forward day in Chicago: 00:30 UTC is 18:30 CST the day before,
    # 23:30 UTC is 18:30 CDT.
    assert classify(datetime(2026, 3, 9, 0, 30, tzinfo=UTC), late) is None
    assert classify(datetime(2026, 3, 8, 23, 30, tzinfo=UTC), late) is None
    assert classify(datetime(2026, 3, 8, 22, 30, tzinfo=UTC), late) == OUTSIDE_HOURS


def test_it_rejects_naive_moments_and_unknown_zones():
    with pytest.raises(ValueError):
        classify(datetime(2026, 3, 10, 10, 0), OFFICE)
    with pytest.raises(Exception):  # noqa: B017 - zoneinfo raises its own error type
        Schedule.build("Mars/Olympus", [])


def test_it_counts_per_local_month_with_shares():
    moments = [
        rome(2026, 2, 27, 10, 0),   # in hours
        rome(2026, 2, 28, 10, 0),   # Saturday
        rome(2026, 3, 1, 0, 30),    # Sunday, but 23:30 UTC on 28 February
        rome(2026, 3, 2, 10, 0),    # in hours
        rome(2026, 3, 2, 21, 0),    # evening
        rome(2026, 4, 6, 10, 0),    # Easter Monday
    ]
    rows = {row.month: row for row in monthly_counts([m.astimezone(UTC) for m in moments],
                                                     OFFICE)}
    assert sorted(rows) == ["2026-02", "2026-03", "2026-04"]
    assert (rows["2026-02"].total, rows["2026-02"].out_of_hours) == (2, 1)
    assert rows["2026-03"].as_dict() == {
        "month": "2026-03", "total": 3, "out_of_hours": 2, "share": 0.6667,
        "holiday": 0, "weekend": 1, "day_off": 0, "outside_hours": 1,
    }
    assert rows["2026-04"].reasons[HOLIDAY] == 1
    assert count_out_of_hours(moments, OFFICE) == (4, 6)


def test_it_agrees_with_a_brute_force_count_over_a_year_of_hours():
    schedule = Schedule.build("America/Chicago", [(d, time(9), time(18)) for d in range(5)])
    start = datetime(2001, 1, 1, tzinfo=UTC)
    moments = [start + timedelta(minutes=37 * i) for i in range(14_000)]
    expected = 0
    for m in moments:
        here = m.astimezone(ZoneInfo("America/Chicago"))
        if here.weekday() >= 5 or not (9 <= here.hour < 18):
            expected += 1
    assert count_out_of_hours(moments, schedule) == (expected, len(moments))


def test_it_builds_a_heatmap_and_the_working_cells():
    grid = heatmap([rome(2026, 3, 10, 9, 15), rome(2026, 3, 10, 9, 45),
                    rome(2026, 3, 14, 22, 0)], OFFICE)
    assert grid[1][9] == 2 and grid[5][22] == 1 and sum(map(sum, grid)) == 3
    cells = working_hour_cells(OFFICE)
    assert cells[0][9] and cells[0][12] and not cells[0][13] and cells[0][14]
    assert not cells[4][14] and not any(cells[5])


def test_it_gives_the_same_answer_from_stored_local_fields():
    schedule = Schedule.build("Europe/Madrid", [(d, time(9), time(14)) for d in range(5)]
                              + [(4, time(15), END_OF_DAY)], "ES", "CT")
    windows = window_minutes(schedule)
    assert (4, 900, 1440) in windows and (0, 540, 840) in windows
    days = set(holiday_dates(schedule, datetime(2025, 1, 1).date(), datetime(2026, 12, 31).date()))
    assert datetime(2025, 9, 11).date() in days  # Diada, Catalonia only
    start = datetime(2025, 12, 20, tzinfo=UTC)
    for i in range(0, 24 * 21 * 4):
        moment = start + timedelta(minutes=15 * i)
        fields = local_fields(moment, schedule)
        assert classify_fields(fields, windows, days) == classify(moment, schedule), moment


def test_it_classifies_a_million_moments_the_same_with_a_prepared_clock():
    """`Clock` (used for every interaction's facts) agrees with `classify` everywhere:
    windows with a lunch break and a midnight end, a day off, weekends, regional holidays
    and both daylight-saving changes, across several years."""
    import random

    from handover.lib.hours_check import Clock

    schedules = [
        OFFICE,
        Schedule.build("Europe/Madrid", [(d, time(8), END_OF_DAY) for d in (0, 1, 2, 3)]
                       + [(5, time(10), time(12, 30))], "ES", "CT"),
        Schedule.build("America/Chicago", [(d, time(9), time(18)) for d in range(5)], "US",
                       "TX"),
        Schedule.build("Europe/Oslo", [(d, time(7, 45), time(15, 15)) for d in range(5)]),
    ]
    rng = random.Random(11)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for schedule in schedules:
        clock = Clock(schedule)
        moments = [start + timedelta(seconds=rng.randrange(3 * 365 * 86400))
                   for _ in range(4000)]
        # Every quarter hour around both 2025 daylight-saving changes in Europe and the US.
        for first in (datetime(2025, 3, 8, tzinfo=UTC), datetime(2025, 10, 25, tzinfo=UTC),
                      datetime(2025, 11, 1, tzinfo=UTC)):
            moments += [first + timedelta(minutes=15 * k) for k in range(4 * 72)]
        reasons = set()
        for moment in moments:
            expected = classify(moment, schedule)
            assert clock.classify(moment.astimezone(clock.zone)) == expected, moment
            reasons.add(expected)
        assert {None, OUTSIDE_HOURS, WEEKEND} <= reasons
    assert Clock(schedules[1]).classify(datetime(2025, 9, 11, 10, tzinfo=ROME)) == HOLIDAY
