"""What a departure changes in the other apps: the leaver's open duties and plan steps go
to the successor (through those apps' own actions, so their stories stay whole), and the
accounts the leaver holds in client systems are flagged for revocation.
"""

from __future__ import annotations

from handover.duties.actions.duties import do_update_duty
from handover.duties.selectors import open_duties_of
from handover.offboarding.actions.access import do_flag_accounts
from handover.offboarding.actions.plans import do_reassign_step
from handover.offboarding.selectors import open_steps_of


def open_items(engagement, leaver) -> dict[str, int]:
    return {"duties": open_duties_of(engagement, leaver).count(),
            "plan_steps": open_steps_of(engagement, leaver).count()}


def move_open_items(engagement, leaver, successor, *, actor, reason: str) -> dict[str, int]:
    duties = list(open_duties_of(engagement, leaver))
    for duty in duties:
        do_update_duty(duty, actor=actor, reason=reason, assignee=successor)
    steps = list(open_steps_of(engagement, leaver))
    for step in steps:
        do_reassign_step(step, actor=actor, owner=successor, due=step.due_date)
    return {"duties": len(duties), "plan_steps": len(steps)}


def flag_accesses(departure, *, actor) -> int:
    return do_flag_accounts(departure.workspace, actor=actor, holder=departure.leaver)
