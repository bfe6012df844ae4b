"""Out-of-hours counts per Enron mailbox, imported through the importers and computed by the
health app (facts, then monthly summaries in SQL), against an independent computation: the
US daylight-saving rule of 1987-2006 written out by hand over the stored UTC times."""

from datetime import UTC, date, time

import pytest

from handover.clients.actions import do_create_client, do_create_engagement
from handover.core.actions import do_create_workspace
from handover.health.actions.compute import do_compute_health
from handover.health.models import EngagementHealth, HealthMonth
from handover.interactions.importers.run import run_import
from handover.interactions.models import Interaction
from handover.lib.hours import Window

from .conftest import make_user, need
from .test_hours_check_enron import MAILBOXES, MAILDIR, _independent_out_of_hours


def _independent_hour(moment) -> tuple[int, int]:
    from datetime import timedelta

    from .test_hours_check_enron import _chicago_offset_hours

    utc = moment.astimezone(UTC)
    local = utc + timedelta(hours=_chicago_offset_hours(utc))
    return local.weekday(), local.hour


@pytest.mark.django_db
@pytest.mark.parametrize("mailbox", MAILBOXES)
def test_it_counts_out_of_hours_per_enron_mailbox_like_an_independent_computation(mailbox):
    inbox = MAILDIR / mailbox / "inbox"
    need(inbox.is_dir(), f"the Enron corpus is not at {MAILDIR}")
    owner = make_user(f"{mailbox}@owner.example", "Owner")
    workspace = do_create_workspace(f"Enron {mailbox}", actor=owner, slug=f"enron-{mailbox}")
    client = do_create_client(workspace, actor=owner, name="Enron", country="US",
                              time_zone="America/Chicago")
    engagement = do_create_engagement(
        workspace, actor=owner, client=client, title=mailbox, start_date=date(2000, 1, 1),
        time_zone="America/Chicago",
        working_hours={d: [Window(time(9), time(18))] for d in range(5)})
    report = run_import("mail", workspace, actor=owner, source=str(inbox), client_name="Enron")
    assert report.imported > 50
    do_compute_health(workspace)

    moments = list(Interaction.objects.filter(
        workspace=workspace, engagement=engagement, direction="inbound",
        occurred_at__isnull=False,
    ).values_list("occurred_at", flat=True))
    expected = sum(_independent_out_of_hours(m) for m in moments)
    months = HealthMonth.objects.filter(engagement=engagement)
    assert sum(m.out_of_hours for m in months) == expected
    assert sum(m.inbound for m in months) == len(moments)
    assert 0 < expected < len(moments)
    grid = [[0] * 24 for _ in range(7)]
    for m in moments:
        weekday, hour = _independent_hour(m)
        grid[weekday][hour] += 1
    assert EngagementHealth.objects.get(engagement=engagement).heatmap == grid
