"""Concepts defined once and used everywhere: the current engagement, holiday calendars,
long dates, token hashes and the health thresholds' defaults."""

import hashlib
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from handover.clients.actions import (
    do_add_contact,
    do_archive_engagement,
    do_create_client,
    do_create_engagement,
    do_update_engagement,
)
from handover.clients.selectors import current_engagement, current_engagement_ids
from handover.core.actions import do_create_workspace
from handover.core.templatetags.handover import date_long
from handover.health.facts import Thresholds
from handover.health.forms import ThresholdsForm
from handover.health.models import HealthThresholds
from handover.interactions.actions import do_assign_sender, do_ensure_client
from handover.interactions.importers.base import Matcher
from handover.interactions.models import Interaction
from handover.lib import thresholds
from handover.lib.hours_check import HOLIDAY, Schedule, classify, holiday_dates
from handover.lib.public_holidays import public_holidays
from handover.lib.tokens import hash_token
from handover.offboarding import importing
from handover.offboarding.notice import WorkCalendar

from .conftest import make_user
from .factories import InteractionFactory

NEW_YEAR = date(2025, 1, 1)
EPIPHANY = date(2025, 1, 6)  # a holiday in Bavaria, not in the whole of Germany


@pytest.fixture
def owner(db):
    return make_user("owner@one.example", "Owner")


@pytest.fixture
def workspace(owner):
    return do_create_workspace("One Definition", actor=owner, slug="one-definition")


def _engagement(workspace, owner, client, title, status, start):
    return do_create_engagement(workspace, actor=owner, client=client, title=title,
                                status=status, start_date=start, time_zone="Europe/Rome")


@pytest.fixture
def client_with_history(workspace, owner):
    """A client with an engagement in every status; the ended one started last, the
    archived one later still."""
    client = do_create_client(workspace, actor=owner, name="Verdi Srl", language="it",
                              country="IT", time_zone="Europe/Rome",
                              email_domains=["verdi.example"])
    rows = {
        "active": _engagement(workspace, owner, client, "Bookkeeping", "active",
                              date(2022, 1, 10)),
        "ending": _engagement(workspace, owner, client, "Payroll", "ending",
                              date(2023, 3, 1)),
        "ending_older": _engagement(workspace, owner, client, "Audit", "ending",
                                    date(2021, 5, 1)),
        "ended": _engagement(workspace, owner, client, "Website", "ended", date(2024, 6, 1)),
        "archived": _engagement(workspace, owner, client, "Old site", "active",
                                date(2025, 1, 1)),
    }
    do_archive_engagement(rows["archived"], actor=owner)
    return client, rows


def _everywhere(workspace, client) -> set:
    """The current engagement as each of its users finds it."""
    found = current_engagement(workspace, client)
    matcher = Matcher(workspace)
    return {
        found.pk if found else None,
        current_engagement_ids(workspace).get(client.pk),
        matcher.engagements.get(client.pk),
        matcher.for_address("anyone@verdi.example"),
        getattr(importing.current_engagement(workspace, client), "pk", None),
    }


def test_it_ranks_active_then_ending_then_ended_then_the_latest_start(
        workspace, owner, client_with_history):
    client, rows = client_with_history
    assert _everywhere(workspace, client) == {rows["active"].pk}

    # Notice given on the active one: the ending one that started last is current, not
    # the ended one (which "ended" < "ending" ranked first when sorted by the text).
    do_update_engagement(rows["active"], actor=owner, status="ended")
    assert _everywhere(workspace, client) == {rows["ending"].pk}

    do_update_engagement(rows["ending"], actor=owner, status="ended")
    assert _everywhere(workspace, client) == {rows["ending_older"].pk}

    # Only ended ones left: the one that started last (archived ones never count).
    do_update_engagement(rows["ending_older"], actor=owner, status="ended")
    assert _everywhere(workspace, client) == {rows["ended"].pk}


def test_it_files_new_evidence_under_the_current_engagement(workspace, owner,
                                                            client_with_history):
    client, rows = client_with_history
    do_update_engagement(rows["active"], actor=owner, status="ended")
    assert do_ensure_client(workspace, actor=owner, name="verdi srl").pk == rows["ending"].pk
    InteractionFactory(workspace=workspace, counterpart="boss@verdi-group.example",
                       occurred_at=datetime(2025, 3, 3, 10, tzinfo=ZoneInfo("UTC")),
                       source_id="1")
    assert do_assign_sender(workspace, actor=owner, address="boss@verdi-group.example",
                            client=client) == 1
    assert Interaction.objects.get(source_id="1").engagement_id == rows["ending"].pk


def test_it_has_no_current_engagement_without_a_live_one(workspace, owner):
    client = do_create_client(workspace, actor=owner, name="Bianchi", language="it",
                              country="IT", time_zone="Europe/Rome")
    do_add_contact(client, actor=owner, name="Ada", email="ada@bianchi.example")
    archived = _engagement(workspace, owner, client, "Gone", "active", date(2024, 1, 1))
    do_archive_engagement(archived, actor=owner)
    assert current_engagement(workspace, client) is None
    assert client.pk not in current_engagement_ids(workspace)
    assert Matcher(workspace).for_address("ada@bianchi.example") is None


def test_it_keeps_the_current_engagement_inside_its_workspace(workspace, owner,
                                                              client_with_history):
    client, _rows = client_with_history
    other = do_create_workspace("Elsewhere", actor=owner, slug="elsewhere")
    assert current_engagement(other, client) is None
    assert current_engagement_ids(other) == {}


def test_it_falls_back_to_national_holidays_for_an_unknown_region():
    bavaria = public_holidays("de", "by", 2025)  # any case
    national = public_holidays("DE", "", 2025)
    assert EPIPHANY in bavaria and NEW_YEAR in bavaria
    assert EPIPHANY not in national and NEW_YEAR in national
    assert dict(public_holidays("DE", "Atlantis", 2025)) == dict(national)
    assert dict(public_holidays("ZZ", "BY", 2025)) == {}
    assert dict(public_holidays("", "", 2025)) == {}
    assert all(day.year == 2025 for day in national)


def test_it_gives_both_calendars_the_same_holidays():
    windows = [(d, time(9), time(17)) for d in range(5)]
    for region in ("BY", "Atlantis", ""):
        schedule = Schedule.build("Europe/Berlin", windows, "DE", region)
        calendar = WorkCalendar("DE", region)
        days = holiday_dates(schedule, date(2025, 1, 1), date(2025, 12, 31))
        working = calendar.holidays_between(date(2025, 1, 1), date(2025, 12, 31))
        assert [d for d in days if d.weekday() < 5] == [d for d, _name in working]
        moment = datetime(2025, 1, 1, 10, tzinfo=ZoneInfo("Europe/Berlin"))
        assert classify(moment, schedule) == HOLIDAY
        assert not calendar.is_working_day(NEW_YEAR)
    assert classify(datetime(2025, 1, 1, 10, tzinfo=ZoneInfo("Europe/Berlin")),
                    Schedule.build("Europe/Berlin", windows, "ZZ", "")) is None
    assert WorkCalendar("ZZ", "").is_working_day(NEW_YEAR)


def test_it_names_holidays_in_the_readers_language():
    assert WorkCalendar("IT", "", language="it").holiday(date(2025, 12, 25)) == "Natale"
    assert WorkCalendar("IT", "Atlantis", language="it").holiday(
        date(2025, 12, 25)) == "Natale"
    assert WorkCalendar("IT", "", language="en").holiday(date(2025, 12, 25)) == \
        "Christmas Day"


def test_it_writes_long_dates_in_the_active_or_the_given_language():
    day = date(2025, 2, 3)
    assert date_long(day) == "February 3, 2025"
    assert date_long(day, "it") == "3 febbraio 2025"
    with translation.override("pl"):
        assert date_long(day) == "3 lutego 2025"
        assert date_long(day, "nb") == "3. februar 2025"
    assert date_long(None, "it") == ""


def test_it_hashes_tokens_once():
    from handover.core import actions as core_actions
    from handover.portal import actions as portal_actions

    assert core_actions.hash_token is hash_token is portal_actions.hash_token
    assert hash_token("secret") == hashlib.sha256(b"secret").hexdigest()


def test_it_defines_the_health_thresholds_defaults_once():
    model_defaults = {name: HealthThresholds._meta.get_field(name).default
                      for name in thresholds.NAMES}
    assert model_defaults == thresholds.DEFAULTS
    assert {name: getattr(Thresholds(), name) for name in thresholds.NAMES} == \
        thresholds.DEFAULTS
    assert list(ThresholdsForm.base_fields) == list(thresholds.NAMES)
    assert thresholds.DEFAULTS["late_payment_days"] == 7
