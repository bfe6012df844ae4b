"""Writes for the access inventory: accounts, their states, the revocation request,
vault imports, the accounts a leaving member holds. Each is atomic and audited."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from handover.clients.models import Engagement
from handover.core.audit import record
from handover.core.models import Workspace
from handover.core.templatetags.handover import date_long
from handover.letters import actions as letters
from handover.letters import selectors as letter_selectors
from handover.letters.kinds import Kind

from .. import selectors
from ..models import AccessAccount, AccountKind, AccountState
from .plans import PlanRefused

ACCOUNT_FIELDS = ("client", "engagement", "system", "url", "login", "kind", "vault_item",
                  "holder")


def _check_account_scope(workspace: Workspace, fields: dict) -> None:
    for name in ("client", "engagement"):
        obj = fields.get(name)
        if obj is not None and obj.workspace_id != workspace.pk:
            raise ValueError(f"{name} from another workspace")
    holder = fields.get("holder")
    if holder is not None and not holder.memberships.filter(workspace=workspace).exists():
        raise ValueError("holder is not a member of the workspace")
    if fields.get("engagement") is not None:
        fields["client"] = fields["engagement"].client


@transaction.atomic
def do_add_account(workspace: Workspace, *, actor, **fields) -> AccessAccount:
    _check_account_scope(workspace, fields)
    account = AccessAccount.objects.create(
        workspace=workspace, **{k: fields[k] for k in ACCOUNT_FIELDS if k in fields})
    record(workspace, actor, "access_account.added", account, system=account.system,
           login=account.login)
    return account


@transaction.atomic
def do_update_account(account: AccessAccount, *, actor, **fields) -> AccessAccount:
    _check_account_scope(account.workspace, fields)
    for name in ACCOUNT_FIELDS:
        if name in fields:
            setattr(account, name, fields[name])
    account.save()
    record(account.workspace, actor, "access_account.updated", account, system=account.system)
    return account


@transaction.atomic
def do_remove_account(account: AccessAccount, *, actor) -> None:
    record(account.workspace, actor, "access_account.deleted", account, system=account.system)
    account.delete()


NEXT_STATE = {
    AccountState.REQUESTED: (AccountState.ACTIVE, AccountState.REQUESTED),
    AccountState.REVOKED: (AccountState.ACTIVE, AccountState.REQUESTED),
    AccountState.REMOVED: (AccountState.REVOKED, AccountState.ACTIVE, AccountState.REQUESTED),
    AccountState.ACTIVE: (AccountState.REQUESTED, AccountState.REVOKED, AccountState.REMOVED),
}


@transaction.atomic
def do_set_account_state(account: AccessAccount, *, actor, state: str) -> AccessAccount:
    if account.state not in NEXT_STATE[state]:
        raise ValueError("state change not allowed")
    old = account.state
    now = timezone.now()
    account.state = state
    if state == AccountState.REQUESTED:
        account.requested_at = now
    elif state == AccountState.REVOKED:
        account.revoked_at = now
    elif state == AccountState.REMOVED:
        account.removed_at = now
    account.save()
    record(account.workspace, actor, "access_account.state_changed", account,
           system=account.system, old_state=old, new_state=state)
    return account


@transaction.atomic
def do_request_revocation(engagement: Engagement, *, actor, accounts, to: str,
                          author: str = "", last_day: date | None = None):
    """The letters app's access-revocation request to the client, listing the accounts.

    Returns the letter. It is queued at once unless the letters app stops it (the
    workspace's policy asks for approval of this kind, or the check found a serious
    problem): then it waits as a draft in Letters and the accounts stay as they are.
    Once queued, each account is marked as requested, waiting for the client's
    confirmation.
    """
    accounts = [a for a in accounts if a.workspace_id == engagement.workspace_id]
    if not accounts:
        raise PlanRefused("no_accounts")
    workspace, client = engagement.workspace, engagement.client
    language = client.language
    lines = "\n".join(
        f"- {a.system}" + (f" ({a.url})" if a.url else "") + (f": {a.login}" if a.login else "")
        for a in accounts)
    day = last_day or engagement.end_date or timezone.localdate()
    contact = selectors.contact_by_email(workspace, client, to)
    extra = {"access_list": lines, "end_date": date_long(day, language),
             "recipient_name": contact.name if contact is not None else client.name,
             "sender_name": author}
    letter = letters.do_draft_letter(workspace, actor=actor, kind=Kind.ACCESS_REVOCATION,
                                     language=language, engagement=engagement, to=to,
                                     extra=extra)
    if letter_selectors.obstacles(letter):
        return letter
    letter = letters.do_send_letter(letter, actor=actor)
    now = timezone.now()
    for account in accounts:
        account.state, account.requested_at, account.request_email = (
            AccountState.REQUESTED, now, letter.email)
        account.save(update_fields=["state", "requested_at", "request_email"])
    record(workspace, actor, "access_account.revocation_requested", engagement,
           to=to, count=len(accounts))
    return letter


@transaction.atomic
def do_import_accounts(workspace: Workspace, *, actor, entries, source: str,
                       matcher) -> dict[str, int]:
    """Store parsed vault entries (which hold no secrets); `matcher(entry)` finds the client.

    Returns counts: imported, duplicates, unmatched (stored without a client).
    """
    have = set(AccessAccount.objects.filter(workspace=workspace)
               .values_list("system", "url", "login"))
    report = {"imported": 0, "duplicates": 0, "unmatched": 0}
    rows = []
    for entry in entries:
        key = (entry.name, entry.url, entry.login)
        if key in have:
            report["duplicates"] += 1
            continue
        have.add(key)
        client, engagement = matcher(entry)
        if client is None:
            report["unmatched"] += 1
        rows.append(AccessAccount(
            workspace=workspace, client=client, engagement=engagement, system=entry.name,
            url=entry.url, login=entry.login, vault_item=entry.name, folder=entry.folder,
            source=source,
            kind=AccountKind.CLIENT_ACCOUNT if client is not None and entry.login.lower()
            .endswith(tuple("@" + d for d in client.domain_list)) else AccountKind.SHARED))
    AccessAccount.objects.bulk_create(rows)
    report["imported"] = len(rows)
    record(workspace, actor, "access_account.imported", None, source=source, **report)
    return report


@transaction.atomic
def do_flag_accounts(workspace: Workspace, *, actor, holder) -> int:
    """Flag for revocation the active accounts a leaving member holds in client systems."""
    accounts = list(AccessAccount.objects.filter(
        workspace=workspace, holder=holder, state=AccountState.ACTIVE, flagged_at__isnull=True))
    now = timezone.now()
    for account in accounts:
        account.flagged_at = now
        account.save(update_fields=["flagged_at"])
        record(workspace, actor, "access_account.flagged", account, system=account.system,
               holder=holder.display_name)
    return len(accounts)
