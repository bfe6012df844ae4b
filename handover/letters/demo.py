"""Demo rows: a drafted notice of ending for the first engagement."""

from handover.clients.models import Engagement

from .actions import do_draft_letter


def fill(workspace, actor) -> None:
    engagement = (Engagement.objects.filter(workspace=workspace).select_related("client")
                  .order_by("pk").first())
    if engagement is not None:
        do_draft_letter(workspace, actor=actor, kind="notice_of_ending", engagement=engagement)
