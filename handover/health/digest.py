"""The weekly digest: recompute, compare with last week, mail the owners and managers."""

from django.db import transaction

from handover.core.mail import queue_email
from handover.core.models import Membership, Role

from .actions.compute import do_compute_health
from .actions.findings import do_snapshot_week


@transaction.atomic
def do_send_weekly_digest(workspace) -> dict:
    do_compute_health(workspace)
    changed = do_snapshot_week(workspace)
    if not changed:
        return {"changed": 0, "sent": 0}
    sent = 0
    for m in Membership.objects.filter(workspace=workspace, is_active=True,
                                       role__in=[Role.OWNER, Role.MANAGER]).select_related("user"):
        queue_email(to=m.user.email, kind="health.digest",
                    language=getattr(m.user, "language", "") or workspace.language,
                    template="health/email/digest", workspace=workspace,
                    context={"workspace": workspace, "changed": changed, "user": m.user})
        sent += 1
    return {"changed": len(changed), "sent": sent}
