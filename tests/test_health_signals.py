"""Score and recommendation from plain counts (no database)."""

from datetime import date

from handover.health.facts import Thresholds, weight
from handover.health.scoring import Inputs, assess, trend


def _months(n=4, inbound=20, out=0, **extra):
    rows = []
    for i in range(n):
        row = {"month": date(2026, i + 1, 1), "inbound": inbound, "out_of_hours": out,
               "weighted_inbound": float(inbound), "weighted_out": float(out),
               "weekend": 0, "holiday": 0, "last_minute": 0, "schedule_changes": 0,
               "disrespect": 0, "serious": 0, "expectations": 0}
        row.update(extra)
        rows.append(row)
    return rows


def test_it_carries_on_when_nothing_is_wrong():
    result = assess(Inputs(months=_months()), Thresholds())
    assert (result["score"], result["recommendation"]) == (100, "carry_on")


def test_it_ends_at_once_on_one_serious_case():
    result = assess(Inputs(months=_months(), disrespect=[3]), Thresholds())
    assert result["recommendation"] == "end_now"
    assert result["reasons"][0][0] == "serious_disrespect"


def test_it_renegotiates_hours_when_contact_out_of_hours_is_common():
    result = assess(Inputs(months=_months(out=6)), Thresholds())
    assert result["breakdown"]["out_of_hours"]["share"] == 30
    assert result["recommendation"] == "renegotiate"
    assert [r[0] for r in result["reasons"]] == ["out_of_hours"]


def test_it_ignores_dismissed_months_and_respects_the_threshold():
    months = _months(out=6)
    dismissed = {m["month"].strftime("%Y-%m") for m in months}
    assert assess(Inputs(months=months, dismissed_months=dismissed),
                  Thresholds())["recommendation"] == "carry_on"
    assert assess(Inputs(months=months), Thresholds(out_of_hours_percent=40))[
        "recommendation"] == "carry_on"


def test_it_gives_notice_when_several_terms_are_broken():
    result = assess(Inputs(months=_months(out=8), last_minute=8, late_invoices=[20, 30],
                           unpaid_overdue=1), Thresholds())
    assert result["recommendation"] == "notice"


def test_it_suggests_a_summary_conversation_for_unspoken_expectations():
    result = assess(Inputs(months=_months(), expectations=5), Thresholds())
    assert result["recommendation"] == "summary"
    late_but_fine = assess(Inputs(months=_months(), late_invoices=[3, 5]), Thresholds())
    assert late_but_fine["recommendation"] == "carry_on"


def test_it_weighs_long_and_late_calls_more():
    from datetime import timedelta

    limits = Thresholds()
    assert weight("email", None, True, limits) == 1.0
    assert weight("call", timedelta(minutes=10), False, limits) == 1.0
    assert weight("call", timedelta(minutes=45), False, limits) == 2.0
    assert weight("call", timedelta(minutes=45), True, limits) == 3.0


def test_it_reads_a_trend():
    assert trend([0, 0, 0, 3, 4, 5]) == "rising"
    assert trend([5, 5, 5, 0, 1, 0]) == "falling"
    assert trend([2, 2, 2, 2]) == "steady"
