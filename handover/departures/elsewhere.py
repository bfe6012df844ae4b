"""What a departure changes in the other apps: the leaver's open duties, plan steps and
shared accounts go to the successor (through those apps' own actions, so their stories stay
whole), and the accounts the leaver holds in client systems are flagged for revocation.

The leaver's work is found wherever it is, not only in the engagements she looks after: a
duty she carries for a client someone else looks after goes to that client's successor too.
Only shared credentials change holder; an account that is hers alone (created for her in the
client's domain, or her own account invited in) cannot be handed on: it stays flagged for
revocation.
"""

from __future__ import annotations

from handover.clients.models import Engagement
from handover.duties.actions.duties import do_update_duty
from handover.duties.selectors import open_duties_of
from handover.offboarding.actions.access import do_flag_accounts, do_update_account
from handover.offboarding.actions.plans import do_reassign_step
from handover.offboarding.models import AccountKind, AccountState
from handover.offboarding.selectors import accounts_of, open_steps_of

ITEMS = ("duties", "plan_steps", "accounts")


def nothing() -> dict[str, int]:
    return dict.fromkeys(ITEMS, 0)


def added(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {name: a.get(name, 0) + b.get(name, 0) for name in ITEMS}


def _active_accounts(workspace, leaver):
    return accounts_of(workspace).filter(holder=leaver, state=AccountState.ACTIVE)


def _shared_accounts(workspace, leaver):
    return _active_accounts(workspace, leaver).filter(kind=AccountKind.SHARED)


def _accounts_of_engagement(engagement, leaver):
    return _shared_accounts(engagement.workspace, leaver).filter(engagement=engagement)


def _accounts_of_client(client, leaver):
    """Shared accounts at the client tied to none of its engagements."""
    return _shared_accounts(client.workspace, leaver).filter(client=client,
                                                             engagement__isnull=True)


def open_items(engagement, leaver) -> dict[str, int]:
    return {"duties": open_duties_of(engagement, leaver).count(),
            "plan_steps": open_steps_of(engagement, leaver).count(),
            "accounts": _accounts_of_engagement(engagement, leaver).count()}


def client_items(client, leaver) -> dict[str, int]:
    """What the leaver holds at the client outside any engagement."""
    return {**nothing(), "accounts": _accounts_of_client(client, leaver).count()}


def engagements_holding(workspace, leaver) -> list:
    """Every engagement of the workspace where the leaver carries an open duty, owns an open
    plan step or holds a shared account, whoever looks after it."""
    candidates = Engagement.objects.filter(workspace=workspace)
    ids = (set(candidates.filter(duties__assignee=leaver).values_list("pk", flat=True))
           | set(candidates.filter(offboarding_plans__steps__owner=leaver)
                 .values_list("pk", flat=True))
           | set(_shared_accounts(workspace, leaver).filter(engagement__isnull=False)
                 .values_list("engagement_id", flat=True)))
    engagements = (Engagement.objects.filter(workspace=workspace, pk__in=ids)
                   .select_related("client", "account_manager").order_by("client__name", "pk"))
    return [e for e in engagements if any(open_items(e, leaver).values())]


def clients_holding_accounts(workspace, leaver) -> list:
    """Clients where the leaver holds a shared account tied to none of their engagements."""
    accounts = _shared_accounts(workspace, leaver).filter(client__isnull=False,
                                                          engagement__isnull=True)
    return list({a.client_id: a.client for a in accounts}.values())


def personal_accounts(workspace, leaver) -> dict[int, int]:
    """{client id: the leaver's own active accounts there}: revoked, never handed on."""
    out: dict[int, int] = {}
    for account in _active_accounts(workspace, leaver).exclude(kind=AccountKind.SHARED):
        if account.client_id is not None:
            out[account.client_id] = out.get(account.client_id, 0) + 1
    return out


def move_open_items(engagement, leaver, successor, *, actor, reason: str) -> dict[str, int]:
    duties = list(open_duties_of(engagement, leaver))
    for duty in duties:
        do_update_duty(duty, actor=actor, reason=reason, assignee=successor)
    steps = list(open_steps_of(engagement, leaver))
    for step in steps:
        do_reassign_step(step, actor=actor, owner=successor, due=step.due_date)
    accounts = list(_accounts_of_engagement(engagement, leaver))
    for account in accounts:
        do_update_account(account, actor=actor, holder=successor)
    return {"duties": len(duties), "plan_steps": len(steps), "accounts": len(accounts)}


def move_client_accounts(client, leaver, successor, *, actor) -> dict[str, int]:
    accounts = list(_accounts_of_client(client, leaver))
    for account in accounts:
        do_update_account(account, actor=actor, holder=successor)
    return {**nothing(), "accounts": len(accounts)}


def flag_accesses(departure, *, actor) -> int:
    return do_flag_accounts(departure.workspace, actor=actor, holder=departure.leaver)
