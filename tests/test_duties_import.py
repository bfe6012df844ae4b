"""Imports of time-tracker exports: the real files of the corpus and bad input."""

import json
import os
from datetime import date, datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from handover.clients.models import Engagement
from handover.duties.actions.duties import do_create_duty
from handover.duties.actions.time import do_import_time
from handover.duties.models import ImportMapping, TimeEntry
from handover.duties.timeimport.files import ImportFailed
from handover.duties.timeimport.reader import ImportRefused, read

from .conftest import need

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("HANDOVER_CORPUS", ROOT.parent / "shared" / "data"))
TT = CORPUS / "time-tracking"
SOLID = TT / "solidtime-importer-testfiles"
KIMAI = TT / "kimai"
SPECIAL_CLOCKIFY = ("\\\\ \U0001f525 Special characters  ''''''`!@#$%^&*()_+\\-=\\[\\]{};':''"
                    "\\\\|,.''<>\\/?~ \\\\\\")
SPECIAL_TOGGL = ('\\\\ \U0001f525 Special characters  """`!@#$%^&*()_+\\-=\\[\\]{};\':"\\\\|,.'
                 "''<>\\/?~ \\\\\\")

# Values read by hand from each file: (line, project, task, description, date, start, seconds)
EXPECTED = {
    "toggl_time_entries_import_test_1.csv": ("toggl", [
        (2, "Project without Client", "", "", date(2024, 3, 4), "10:23:52", 0),
        (3, "Project for Big Company", "Task 1", "Working hard", date(2024, 3, 4), "10:23:00",
         3601)]),
    "toggl_time_entries_import_test_2.csv": ("toggl", [
        (2, "Real World Project", "A giant task", SPECIAL_TOGGL, date(2024, 10, 15), "12:02:17",
         2)]),
    "clockify_time_entries_import_test_1.csv": ("clockify", [
        (2, "Project without Client", "", "", date(2024, 3, 4), "10:23:52", 0),
        (3, "Project for Big Company", "Task 1", "Working hard", date(2024, 3, 4), "10:23:00",
         3601)]),
    "clockify_time_entries_import_test_2.csv": ("clockify", [
        (2, "Real World Project", "A giant task", SPECIAL_CLOCKIFY, date(2024, 10, 15),
         "11:00:00", 1800)]),
    "clockify_time_entries_import_test_4.csv": ("clockify", [
        (2, "Project without Client", "", "", date(2024, 3, 4), "10:23:52", 0),
        (3, "Project for Big Company", "Task 1", "Working hard", date(2024, 3, 4), "10:23:00",
         3601)]),
    "clockify_time_entries_import_test_5.csv": ("clockify", [
        (2, "Project without Client", "", "", date(2024, 3, 4), "10:23:52", 0),
        (3, "Project for Big Company", "Task 1", "Working hard", date(2024, 3, 4), "10:23:00",
         3601)]),
    "clockify_time_entries_import_test_6.csv": ("clockify", [
        (2, "Project A", "", "", date(2024, 3, 4), "10:23:52", 0),
        (3, "Project B", "Task 1", "Working hard", date(2024, 3, 4), "10:23:00", 3601)]),
    "clockify_time_entries_import_test_7.csv": ("clockify", [
        (2, "Project A", "Task 1", "Working hard", date(2024, 3, 4), "10:23:00", 3601)]),
    "harvest_time_entries_import_test_1.csv": ("harvest", [
        (2, "Project without Client", "", "", date(2024, 3, 4), None, 72000),
        (3, "Project for Big Company", "Task 1", "Working hard", date(2024, 3, 4), None, 36)]),
    "generic_time_entries_import_test_1.csv": ("generic", [
        (2, "Project without Client", "", "", date(2024, 3, 4), "09:23:52", 0),
        (3, "Project for Big Company", "Task 1", "Working hard", date(2024, 3, 4), "09:23:00",
         3601)]),
    "kimai-csv-export-reconstructed-en.csv": ("kimai", [
        (2, "project name", "activity description", "", date(2019, 6, 16), "12:00:00", 360),
        (3, "project name", "activity description", "", date(2019, 6, 16), "12:00:00", 360)]),
    "kimai-csv-export-reconstructed-de-decimal.csv": ("kimai", [
        (2, "project name", "activity description", "", date(2019, 6, 16), "12:00:00", 360),
        (3, "project name", "activity description", "", date(2019, 6, 16), "12:00:00", 360)]),
    "kimai-importer-docs-timesheet-example.csv": ("kimai", [
        (2, "My project", "Testing", "some work has been done", date(2020, 5, 4), "15:50:00",
         7260)]),
}

# Files that are not time entries, and the reason the import gives.
REFUSED = {
    "kimai/kimai-importer-docs-customer-example.csv": "list of clients or customers",
    "kimai/kimai-importer-docs-project-example.csv": "list of projects",
    "solidtime-importer-testfiles/clockify_projects_import_test_1.csv": "list of projects",
    "solidtime-importer-testfiles/clockify_projects_import_test_2.csv": "list of projects",
    "solidtime-importer-testfiles/clockify_projects_import_test_3.csv": "list of projects",
    "solidtime-importer-testfiles/clockify_projects_import_test_4.csv": "list of projects",
    "solidtime-importer-testfiles/generic_projects_import_test_1.csv": "list of projects",
    "solidtime-importer-testfiles/harvest_projects_import_test_1.csv": "list of projects",
    "solidtime-importer-testfiles/harvest_clients_import_test_1.csv": "list of clients",
    "solidtime-importer-testfiles/clockify_time_entries_import_test_3.csv":
        "line 2: Expected a date such as 2024-10-15 or 10/15/2024, not “13/15/2024”",
    "solidtime-importer-testfiles/solidtime_import_test_1/time_entries.csv":
        "solidtime data export",
    "solidtime-importer-testfiles/solidtime_import_test_1/meta.json": "solidtime data export",
    "solidtime-importer-testfiles/toggl_data_import_test_1/projects.json":
        "Toggl account data export",
}


def path_of(name: str) -> Path:
    return (KIMAI if name.startswith("kimai") else SOLID) / name


@pytest.fixture
def corpus():
    need(TT.is_dir(), f"the corpus is not at {TT} (set HANDOVER_CORPUS)")
    return TT


@pytest.fixture
def duty(workspace_a, alice):
    engagement = Engagement.objects.filter(workspace=workspace_a).order_by("pk").first()
    return do_create_duty(engagement, actor=alice, title="Tracked work", assignee=alice,
                          status="active", started_on=date(2019, 1, 1))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_imports_each_real_export_with_its_durations_dates_and_descriptions(
        corpus, name, workspace_a, alice, duty):
    fmt, rows = EXPECTED[name]
    data = path_of(name).read_bytes()
    keys = {(r.client, r.project, r.task) for r in read(data).rows}
    mapping = dict.fromkeys(keys, duty)
    result = do_import_time(workspace_a, actor=alice, filename=name, data=data,
                            mapping=mapping, time_zone="Europe/Rome")
    assert result.format == fmt
    assert result.imported == len(rows) and result.duplicates == 0
    assert result.seconds == sum(r[-1] for r in rows)
    stored = sorted(TimeEntry.objects.filter(batch=result.batch),
                    key=lambda e: (e.started_at or datetime.min.replace(tzinfo=ZoneInfo("UTC")),
                                   e.seconds, e.source_person))
    assert len(stored) == len(rows)
    expected = sorted(rows, key=lambda r: (r[5] or "", r[6]))
    for entry, (_line, _project, _task, note, day, start, seconds) in zip(stored, expected,
                                                                          strict=True):
        assert entry.date == day
        assert entry.seconds == seconds
        assert entry.note == note
        if start is None:
            assert entry.started_at is None
        elif fmt == "generic":  # ISO times in UTC
            assert entry.started_at.astimezone(ZoneInfo("UTC")).strftime("%H:%M:%S") == start
        else:  # local times of the file, placed in the chosen zone
            assert entry.started_at.astimezone(ZoneInfo("Europe/Rome")).strftime(
                "%H:%M:%S") == start
    # A second import of the same file adds nothing.
    again = do_import_time(workspace_a, actor=alice, filename=name, data=data,
                           time_zone="Europe/Rome")
    assert (again.imported, again.duplicates) == (0, len(rows))
    assert TimeEntry.objects.filter(workspace=workspace_a, source="import").count() == len(rows)


def test_it_reads_the_rows_of_the_real_exports_as_read_by_hand(corpus):
    for name, (fmt, rows) in EXPECTED.items():
        parsed = read(path_of(name).read_bytes())
        assert parsed.format == fmt, name
        got = [(r.line, r.project, r.task, r.description, r.day, r.seconds) for r in parsed.rows]
        assert got == [(r[0], r[1], r[2], r[3], r[4], r[6]) for r in rows], name


def test_it_refuses_every_file_that_is_not_an_export_of_time_entries_with_the_reason(corpus):
    for relative, reason in REFUSED.items():
        with pytest.raises(ImportRefused) as caught:
            read((TT / relative).read_bytes())
        text = f"line {caught.value.line}: {caught.value.reason}"
        assert reason in text, relative


def test_it_refuses_every_json_file_of_the_toggl_account_exports(corpus):
    files = sorted(SOLID.glob("toggl_data_import_test_*/**/*.json"))
    assert len(files) >= 14
    for path in files:
        with pytest.raises(ImportRefused, match="holds no time entries"):
            read(path.read_bytes())


def test_it_names_the_file_and_line_of_a_bad_date_and_imports_nothing(corpus, workspace_a,
                                                                      alice, duty):
    name = "clockify_time_entries_import_test_3.csv"
    with pytest.raises(ImportFailed) as caught:
        do_import_time(workspace_a, actor=alice, filename=name,
                       data=path_of(name).read_bytes())
    assert caught.value.message.startswith(f"{name}, line 2: Expected a date")
    assert not TimeEntry.objects.filter(workspace=workspace_a, source="import").exists()


HEADER = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date," \
         "End time,Duration,Tags\n"


def toggl(*rows: str) -> bytes:
    return ("\ufeff" + HEADER + "".join(r + "\n" for r in rows)).encode()


GOOD = "Ann,ann@x.example,Acme,Books,,Invoices,No,2025-01-06,09:00:00,2025-01-06,09:45:00," \
       "00:45:00,"


@pytest.mark.parametrize("row, reason", [
    ("Ann,ann@x.example,Acme,Books,,Late,No,2025-01-06,10:00:00,2025-01-06,09:00:00,,",
     "line 3: The entry ends (2025-01-06 09:00:00) before it starts (2025-01-06 10:00:00)."),
    ("Ann,ann@x.example,Acme,Books,,Long,No,2025-01-06,08:00:00,2025-01-07,10:00:00,26:00:00,",
     "line 3: The entry lasts 26.0 hours; one entry can last 24 hours at most."),
    ("Ann,ann@x.example,Acme,Books,,Odd,No,2025-01-06,25:00,2025-01-06,26:00,,",
     "line 3: Expected a time of day such as 14:30 or 2:30 PM, not “25:00”."),
])
def test_it_refuses_a_file_with_one_bad_entry_whole(workspace_a, alice, duty, row, reason):
    with pytest.raises(ImportFailed) as caught:
        do_import_time(workspace_a, actor=alice, filename="t.csv", data=toggl(GOOD, row),
                       mapping={("Acme", "Books", ""): duty})
    assert caught.value.message == f"t.csv, {reason}"
    assert not TimeEntry.objects.filter(workspace=workspace_a).exclude(
        source="manual").exists()
    assert not ImportMapping.objects.filter(workspace=workspace_a).exists()


def test_it_refuses_a_negative_duration(workspace_a, alice, duty):
    data = b"Date,From,To,Duration,User,Customer,Project,Activity,Description\n" \
           b"2020-05-04,15:50,17:51,-7260,u@x.example,C,P,A,D\n"
    with pytest.raises(ImportFailed, match="line 2"):
        do_import_time(workspace_a, actor=alice, filename="k.csv", data=data,
                       mapping={("C", "P", "A"): duty})


def test_it_reads_12_hour_clocks_us_and_european_dates_and_decimals():
    us = ("Project,Client,Description,Task,User,Email,Start Date,Start Time,End Date,End Time\n"
          "P,C,evening,T,U,u@x.example,12/31/2024,11:30 PM,01/01/2025,12:15 AM\n")
    row = read(us.encode()).rows[0]
    assert (row.start.isoformat(), row.end.isoformat(), row.seconds) == (
        "2024-12-31T23:30:00", "2025-01-01T00:15:00", 2700)
    european = ("Project,Client,Description,Task,User,Email,Start Date,Start Time,End Date,"
                "End Time\nP,C,d,T,U,u@x.example,25/03/2025,09:00,25/03/2025,09:30\n"
                "P,C,d,T,U,u@x.example,03/04/2025,09:00,03/04/2025,10:00\n")
    rows = read(european.encode()).rows
    assert [r.day for r in rows] == [date(2025, 3, 25), date(2025, 4, 3)]
    harvest = ("Date,Client,Project,Task,Notes,Hours,First Name,Last Name\n"
               "04.03.2024,C,P,T,n,\"1,5\",A,B\n2024-03-05,C,P,T,n,2.25,A,B\n")
    assert [r.seconds for r in read(harvest.encode()).rows] == [5400, 8100]
    semicolons = "Date;From;To;Duration;User;Customer;Project;Activity;Description\n" \
                 "2020-05-04;23:30;00:30;1:00;u;C;P;A;over midnight\n"
    row = read(semicolons.encode()).rows[0]
    assert (row.seconds, row.end.date()) == (3600, date(2020, 5, 5))


def test_it_remembers_the_mapping_of_projects_to_duties_for_the_next_import(
        workspace_a, alice, duty):
    first = do_import_time(workspace_a, actor=alice, filename="a.csv", data=toggl(GOOD))
    assert first.unmapped == [("Acme", "Books", "")] and first.imported == 0
    assert not TimeEntry.objects.filter(workspace=workspace_a, source="import").exists()
    do_import_time(workspace_a, actor=alice, filename="a.csv", data=toggl(GOOD),
                   mapping={("Acme", "Books", ""): duty})
    other = GOOD.replace("2025-01-06", "2025-01-13")
    later = do_import_time(workspace_a, actor=alice, filename="b.csv", data=toggl(other))
    assert (later.unmapped, later.imported, later.seconds) == ([], 1, 2700)
    assert TimeEntry.objects.filter(duty=duty, source="import").count() == 2


def test_it_imports_from_the_command_line_with_a_json_report(corpus, workspace_a, duty):
    path = str(path_of("toggl_time_entries_import_test_1.csv"))
    out = StringIO()
    call_command("import_time", path, "--workspace", workspace_a.slug, "--duty", str(duty.pk),
                 "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert (report["imported"], report["duplicates"], report["failed"]) == (2, 0, 0)
    assert report["minutes"] == round(3601 / 60, 2)
    out = StringIO()
    call_command("import_time", path, "--workspace", workspace_a.slug, "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert (report["imported"], report["duplicates"], report["minutes"]) == (2 - 2, 2, 0)


def test_it_explains_on_the_command_line_what_is_wrong(corpus, workspace_a, duty):
    bad = str(path_of("clockify_time_entries_import_test_3.csv"))
    out = StringIO()
    with pytest.raises(CommandError, match="line 2: Expected a date"):
        call_command("import_time", bad, "--workspace", workspace_a.slug, "--duty",
                     str(duty.pk), "--json", stdout=out)
    assert json.loads(out.getvalue())["failed"] == 1
    with pytest.raises(CommandError, match="have no duty yet"):
        call_command("import_time", str(path_of("harvest_time_entries_import_test_1.csv")),
                     "--workspace", workspace_a.slug, stdout=StringIO())
    with pytest.raises(CommandError, match="There is no workspace"):
        call_command("import_time", bad, "--workspace", "nope", stdout=StringIO())
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("import_time", "/nonexistent.csv", "--workspace", workspace_a.slug,
                     stdout=StringIO())


def test_it_maps_projects_given_on_the_command_line_and_runs_the_daily_round(
        workspace_a, duty, tmp_path):
    path = tmp_path / "toggl.csv"
    path.write_bytes(toggl(GOOD))
    out = StringIO()
    call_command("import_time", str(path), "--workspace", workspace_a.slug, "--map",
                 "Acme::Books::=Tracked work", stdout=out)
    assert "1 imported, 0 already there, 0 left out, 45.0 minutes." in out.getvalue()
    assert TimeEntry.objects.get(duty=duty, source="import").seconds == 2700
    with pytest.raises(CommandError, match="No duty “Nothing”"):
        call_command("import_time", str(path), "--workspace", workspace_a.slug, "--map",
                     "Acme::Books=Nothing", stdout=StringIO())
    out = StringIO()
    call_command("duty_reminders", "--workspace", workspace_a.slug, "--json", stdout=out)
    assert set(json.loads(out.getvalue())) == {"reviews", "requests", "late"}
