"""The real corpus: every e-mail and calendar file imported or reported, Enron counts."""

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from handover.clients.actions import do_create_client, do_create_engagement
from handover.interactions.importers.run import run_import
from handover.interactions.models import Interaction

from .conftest import need

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> Path:
    candidates = [os.environ.get("HANDOVER_CORPUS", ""), ROOT.parent / "shared" / "data",
                  ROOT.parent.parent / "shared" / "data"]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    need(False, "the test corpus is not there (set HANDOVER_CORPUS)")


def _files(folder: Path) -> set[str]:
    return {str(p) for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")}


@pytest.mark.django_db
def test_it_imports_or_explains_every_mail_file_and_reimports_only_duplicates(workspace_a,
                                                                             alice):
    folder = corpus() / "emails"
    demo = Interaction.objects.filter(workspace=workspace_a, source="mail").count()
    first = run_import("mail", workspace_a, actor=alice, source=str(folder))
    assert first.imported > 2000
    reported = {f["item"] for f in first.failures}
    assert all(f["reason"] for f in first.failures)
    stored = Interaction.objects.filter(workspace=workspace_a, source="mail")
    assert stored.count() == demo + first.imported
    # Every file is accounted for: a message stored from it, or a failure naming it.
    assert reported <= _files(folder) | {r for r in reported if " @ " in r}
    second = run_import("mail", workspace_a, actor=alice, source=str(folder))
    assert (second.imported, second.failed) == (0, first.failed)
    assert second.duplicates == first.imported + first.duplicates
    assert stored.count() == demo + first.imported
    assert not stored.filter(body__icontains="<html").exists()


@pytest.mark.django_db
def test_it_imports_or_explains_every_calendar_and_reimports_only_duplicates(workspace_a,
                                                                            alice):
    folder = corpus() / "calendars"
    first = run_import("calendar", workspace_a, actor=alice, source=str(folder))
    assert first.imported > 100
    assert first.failed == len({f["item"] for f in first.failures})
    second = run_import("calendar", workspace_a, actor=alice, source=str(folder))
    assert second.imported == 0
    assert second.failed == first.failed
    assert second.duplicates == first.imported + first.duplicates


@pytest.mark.django_db
@pytest.mark.parametrize("user", ["allen-p", "beck-s", "jones-t", "kaminski-v", "kean-s"])
def test_it_imports_each_enron_mailbox_with_the_right_count(workspace_a, alice, user):
    inbox = corpus() / "emails" / "enron" / "maildir" / user / "inbox"
    files = [p for p in inbox.rglob("*") if p.is_file()]  # sub-folders included
    distinct = {hashlib.sha256(p.read_bytes()).digest() for p in files}
    report = run_import("mail", workspace_a, actor=alice, source=str(inbox))
    assert report.failed == 0
    assert report.imported + report.duplicates == len(files)
    assert report.imported == len(distinct)


@pytest.mark.django_db
def test_it_keeps_enron_dates_in_their_time_zone_and_matches_the_domain(workspace_a, alice):
    enron = do_create_client(workspace_a, actor=alice, name="Enron", country="US",
                             time_zone="America/Chicago", email_domains=["enron.com"])
    engagement = do_create_engagement(workspace_a, actor=alice, client=enron,
                                      title="Trading desk", start_date=datetime(2001, 1, 1),
                                      time_zone="America/Chicago")
    inbox = corpus() / "emails" / "enron" / "maildir" / "allen-p" / "inbox"
    report = run_import("mail", workspace_a, actor=alice, source=str(inbox))
    message = Interaction.objects.get(workspace=workspace_a, subject="RE: West Position",
                                      sender="heather.dunton@enron.com")
    assert message.occurred_at == datetime(2001, 12, 7, 18, 6, 42, tzinfo=UTC)
    assert message.utc_offset_minutes == -480
    assert message.engagement == engagement
    placed = Interaction.objects.filter(workspace=workspace_a, engagement=engagement)
    assert placed.filter(sender__endswith="@mailman.enron.com").exists()  # a sub-domain
    unplaced = Interaction.objects.filter(workspace=workspace_a, engagement__isnull=True)
    assert report.unmatched == unplaced.count() > 0
    assert placed.count() + unplaced.count() == report.imported

    def enron(row):
        return any(a.endswith(("@enron.com", ".enron.com")) for a in [row.sender,
                                                                      *row.participants])

    assert all(enron(row) for row in placed.filter(source_id__startswith="sha1:"))
    assert not any(enron(row) for row in unplaced)
