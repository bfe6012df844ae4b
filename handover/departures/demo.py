"""Demo rows: a colleague who resigned, with a client question routed to HR."""

from datetime import date

from handover.core.actions import do_accept_invitation, do_ensure_user, do_invite_member
from handover.core.models import Membership, Role

from .actions import do_log_question, do_record_departure


def fill(workspace, actor) -> None:
    email = f"marta.rinaldi@{workspace.slug}.example"
    user, _created = do_ensure_user(email, password=None, name="Marta Rinaldi", language="it")
    invitation, _token = do_invite_member(workspace, actor=actor, email=email,
                                          role=Role.MEMBER, language="it")
    do_accept_invitation(invitation, actor=user)
    member = Membership.objects.get(workspace=workspace, user=user)
    departure = do_record_departure(
        workspace, actor=actor, member=member, kind="resignation", last_day=date(2026, 6, 30),
        new_employer="Agenzia Concorrente Srl", new_employer_is_competitor=True,
        hr_contact=f"{actor.display_name}, {actor.email}", legal_contact="Studio Legale Neri")
    client = workspace.clients.order_by("name").first()
    if client is not None:
        do_log_question(departure, actor=actor, client=client, asked_by="Giulia Bellini",
                        question="Will our ongoing requests be followed up?", routed_to="hr")
