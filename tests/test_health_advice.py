"""The dashboard never tells to give notice on an engagement that is already ending."""

import re

from django.core.cache import caches

from handover.clients.actions import do_update_engagement
from handover.health.models import EngagementHealth


def test_it_follows_the_engagements_state_instead_of_advising_notice(
        alice, alice_client, demo_workspace_a):
    state = EngagementHealth.objects.filter(workspace=demo_workspace_a).exclude(
        breakdown={}).filter(engagement__status="active").select_related("engagement").first()
    EngagementHealth.objects.filter(pk=state.pk).update(recommendation="notice")
    dashboard = f"/w/{demo_workspace_a.slug}/"
    link = f"engagements/{state.engagement_id}/health/"

    def rows():
        page = alice_client.get(dashboard).content.decode()
        return re.findall(rf'{re.escape(link)}".*?</tr>', page, flags=re.S)

    assert rows() and all("Give notice" in row for row in rows())
    do_update_engagement(state.engagement, actor=alice, status="ending")
    caches["pages"].clear()  # the test's transaction never commits: no version is raised
    assert rows() and all("Give notice" not in row and "Ending: its plan" in row
                          for row in rows())
