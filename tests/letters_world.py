"""A workspace with a leaver who looked after every demo client, and two successors."""

from datetime import date

from handover.clients.models import Engagement
from handover.core.actions import do_accept_invitation, do_invite_member
from handover.core.models import Membership
from handover.departures.actions import do_reassign, do_record_departure

from .conftest import make_user

REASON = "Caught copying client invoices to a private drive. Second written warning ignored."
EXTRA = {"call_time": "Thursday 10:00 CET", "access_list": "- Google Workspace\n- Fatture in Cloud",
         "agenda": "- Contacts\n- Open items", "archive_link": "https://files.example/a/7f3k",
         "duty_name": "Monthly invoicing", "new_terms": "- Time per occurrence: 45 minutes."}


def join(workspace, owner, email, name, role, language="en"):
    user = make_user(email, name, language)
    invitation, _token = do_invite_member(workspace, actor=owner, email=email, role=role,
                                          language=language)
    do_accept_invitation(invitation, actor=user)
    return user


def build(workspace, owner, *, reason=REASON, kind="for_cause", reassign=True):
    """(departure, leaver, successors): the leaver manages every engagement of the workspace."""
    leaver = join(workspace, owner, f"eve@{workspace.slug}.example", "Eve Esposito", "member")
    dora = join(workspace, owner, f"dora@{workspace.slug}.example", "Dora Dalla", "manager")
    piet = join(workspace, owner, f"piet@{workspace.slug}.example", "Piet Prins", "member")
    engagements = list(Engagement.objects.filter(workspace=workspace).order_by("pk"))
    Engagement.objects.filter(workspace=workspace).update(account_manager=leaver)
    departure = do_record_departure(
        workspace, actor=owner, member=Membership.objects.get(workspace=workspace, user=leaver),
        kind=kind, last_day=date(2026, 4, 30), confidential_reason=reason,
        new_employer="Rival Partners", new_employer_is_competitor=True,
        hr_contact="Dora Dalla, hr@a.example", legal_contact="Studio Legale Neri")
    if reassign:
        choices = {e.pk: (dora if i % 2 == 0 else piet) for i, e in enumerate(engagements)}
        do_reassign(departure, actor=owner, choices=choices,
                    phones={e.pk: "+39 02 555 0199" for e in engagements})
    return departure, leaver, (dora, piet)
