"""Writes of the departures app: recording, approving, reassigning, deactivating, questions.

The confidential reason is never written into the audit log: only the fact that it changed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handover.clients.actions import do_update_engagement
from handover.clients.models import Engagement
from handover.core.actions import do_remove_member
from handover.core.audit import record
from handover.core.links import absolute
from handover.core.mail import queue_email
from handover.core.models import Membership, Role
from handover.core.templatetags.handover import date_long
from handover.letters.actions import do_draft_letter
from handover.letters.kinds import Kind

from . import elsewhere, selectors
from .models import ClientQuestion, Departure, DepartureState, Reassignment

FIELDS = ("kind", "last_day", "confidential_reason", "new_employer",
          "new_employer_is_competitor", "hr_contact", "legal_contact")


def _is_manager(workspace, user) -> bool:
    return Membership.objects.filter(workspace=workspace, user=user, is_active=True,
                                     role__in=(Role.OWNER, Role.MANAGER)).exists()


@transaction.atomic
def do_record_departure(workspace, *, actor, member: Membership, **fields) -> Departure:
    if member.workspace_id != workspace.pk or not member.is_active:
        raise ValidationError({"member": _("Choose an active member of this workspace.")})
    manager = _is_manager(workspace, actor)
    if not manager and member.user_id != actor.pk:
        raise ValidationError({"member": _("You can only tell your manager about your own "
                                           "departure.")})
    if Departure.objects.filter(workspace=workspace, member=member,
                                state__in=(DepartureState.PROPOSED,
                                           DepartureState.APPROVED)).exists():
        raise ValidationError({"member": _("A departure is already open for this member.")})
    if not manager:
        fields["confidential_reason"] = ""
    departure = Departure.objects.create(
        workspace=workspace, member=member, recorded_by=actor,
        **{k: v for k, v in fields.items() if k in FIELDS})
    record(workspace, actor, "departure.recorded", departure, departure_kind=departure.kind,
           last_day=departure.last_day.isoformat())
    if manager:
        _approve(departure, actor)
    else:
        _tell_managers(departure)
    return departure


def _tell_managers(departure: Departure) -> None:
    """The leaver told Handover first: each owner and manager hears it in their language."""
    from django.urls import reverse

    link = absolute(reverse("departure_detail", kwargs={
        "ws": departure.workspace.slug, "departure_id": departure.pk}))
    managers = Membership.objects.filter(workspace=departure.workspace, is_active=True,
                                         role__in=(Role.OWNER, Role.MANAGER)).select_related(
        "user")
    for membership in managers:
        language = membership.user.language
        queue_email(to=membership.user.email, kind="departure.proposed", language=language,
                    template="departures/email/proposed", workspace=departure.workspace,
                    context={"leaver": departure.leaver.display_name,
                             "workspace": departure.workspace.name, "link": link,
                             "last_day": date_long(departure.last_day, language)})


def _approve(departure: Departure, actor) -> None:
    departure.state, departure.approved_by = DepartureState.APPROVED, actor
    departure.save(update_fields=["state", "approved_by"])
    flagged = elsewhere.flag_accesses(departure, actor=actor)
    record(departure.workspace, actor, "departure.approved", departure, flagged=flagged)


@transaction.atomic
def do_approve_departure(departure: Departure, *, actor) -> Departure:
    if not _is_manager(departure.workspace, actor):
        raise ValidationError(_("Only an owner or a manager can approve a departure."))
    if departure.state != DepartureState.PROPOSED:
        raise ValidationError(_("This departure has already been approved."))
    _approve(departure, actor)
    return departure


@transaction.atomic
def do_update_departure(departure: Departure, *, actor, **fields) -> Departure:
    if not _is_manager(departure.workspace, actor):
        raise ValidationError(_("Only an owner or a manager can change a departure."))
    changed = []
    for name in FIELDS:
        if name in fields and getattr(departure, name) != fields[name]:
            setattr(departure, name, fields[name])
            changed.append(name)
    departure.save()
    if changed:
        record(departure.workspace, actor, "departure.updated", departure, fields=changed)
    return departure


@transaction.atomic
def do_reassign(departure: Departure, *, actor, choices: dict[int, object],
                phones: dict[int, str] | None = None,
                clients: dict[int, object] | None = None) -> list[Reassignment]:
    """Hand each chosen engagement (id → successor user) to its successor, with the open
    duties, plan steps and shared accounts the leaver holds there. Her work at a client
    outside the engagements she looks after goes to the successor chosen for that client:
    the one of its first chosen engagement, else `clients` (client id → successor) for a
    client none of whose engagements she looks after."""
    if not _is_manager(departure.workspace, actor):
        raise ValidationError(_("Only an owner or a manager can reassign clients."))
    if departure.state == DepartureState.PROPOSED:
        raise ValidationError(_("Approve the departure before reassigning its clients."))
    members = set(Membership.objects.filter(workspace=departure.workspace, is_active=True)
                  .values_list("user_id", flat=True))
    for successor in [*choices.values(), *(clients or {}).values()]:
        if successor is not None and (successor.pk not in members
                                      or successor.pk == departure.leaver.pk):
            raise ValidationError(_("Choose a successor who is an active member and not the "
                                    "person leaving."))
    leaver = departure.leaver
    engagements = {e.pk: e for e in Engagement.objects.filter(
        workspace=departure.workspace, pk__in=list(choices)).select_related("client")}
    # The work elsewhere is read before anything moves: the engagements handed on below
    # are no longer the leaver's once they are.
    extra = selectors.work_elsewhere(departure)
    own_clients = ({e.client_id for e in engagements.values()}
                   | set(selectors.affected_engagements(departure)
                         .values_list("client_id", flat=True)))
    done = []
    for engagement_id in sorted(engagements):
        engagement, successor = engagements[engagement_id], choices.get(engagement_id)
        if successor is None:
            continue
        moved = elsewhere.move_open_items(engagement, leaver, successor, actor=actor,
                                          reason=_reason(departure, successor))
        if engagement.account_manager_id != successor.pk:
            do_update_engagement(engagement, actor=actor, account_manager=successor)
        row, _created = Reassignment.objects.update_or_create(
            departure=departure, engagement=engagement,
            defaults={"workspace": departure.workspace, "successor": successor,
                      "successor_phone": (phones or {}).get(engagement_id, "")[:40],
                      "moved_items": moved})
        record(departure.workspace, actor, "departure.reassigned", departure,
               engagement=str(engagement), successor=successor.display_name, moved=moved)
        done.append(row)
    allowed = {client_id for client_id in (clients or {})
               if client_id in extra and client_id not in own_clients}
    by_client = selectors.successor_by_client(
        engagements.values(), choices, {k: v for k, v in (clients or {}).items() if k in allowed})
    for client_id, successor in by_client.items():
        if client_id in extra:
            _move_work_elsewhere(departure, extra[client_id], successor, actor=actor)
    _draft_for_new_successors(departure, actor=actor, rows=done)
    return done


def _reason(departure, successor) -> str:
    return _("%(leaver)s is leaving; %(successor)s takes over.") % {
        "leaver": departure.leaver.display_name, "successor": successor.display_name}


def _move_work_elsewhere(departure, work: dict, successor, *, actor) -> dict[str, int]:
    """The leaver's work at one client outside the engagements she looks after."""
    leaver = departure.leaver
    moved = elsewhere.move_client_accounts(work["client"], leaver, successor, actor=actor)
    for engagement in work["engagements"]:
        moved = elsewhere.added(moved, elsewhere.move_open_items(
            engagement, leaver, successor, actor=actor, reason=_reason(departure, successor)))
    if any(moved.values()):
        record(departure.workspace, actor, "departure.work_moved", departure,
               client=work["client"].name, successor=successor.display_name, moved=moved)
    return moved


@transaction.atomic
def do_deactivate_leaver(departure: Departure, *, actor=None, now=None) -> bool:
    """Deactivate the leaver's membership once the last day is over. True when done.

    The scheduler's `departures.deactivate` job calls it for each leaver whose last day has
    ended (`selectors.leavers_due`), every few minutes."""
    departure = Departure.objects.select_for_update().get(pk=departure.pk)
    now = now or timezone.now()
    if departure.deactivated_at is not None or departure.state != DepartureState.APPROVED:
        return False
    if now < selectors.end_of_last_day(departure):
        return False
    membership = departure.member
    if membership.is_active:
        try:
            with transaction.atomic():
                do_remove_member(membership, actor=actor)
        except ValidationError:
            # The last owner of the workspace: someone must take ownership first. Said once,
            # not at each run of the job.
            if departure.deactivation_blocked_at is None:
                departure.deactivation_blocked_at = now
                departure.save(update_fields=["deactivation_blocked_at"])
                record(departure.workspace, actor, "departure.deactivation_blocked", departure)
            return False
    departure.deactivated_at = now
    departure.state = DepartureState.COMPLETED
    departure.save(update_fields=["deactivated_at", "state"])
    flagged = elsewhere.flag_accesses(departure, actor=actor)
    record(departure.workspace, actor, "departure.deactivated", departure, flagged=flagged)
    return True


@transaction.atomic
def do_log_question(departure: Departure, *, actor, client, asked_by: str, question: str,
                    routed_to: str) -> ClientQuestion:
    if client.workspace_id != departure.workspace_id:
        raise ValidationError({"client": _("Choose a client of this workspace.")})
    row = ClientQuestion.objects.create(
        workspace=departure.workspace, departure=departure, client=client,
        asked_by=asked_by.strip(), question=question.strip(), routed_to=routed_to,
        recorded_by=actor)
    record(departure.workspace, actor, "departure.question_logged", departure,
           client=client.name, routed_to=routed_to)
    return row


# Letters of a departure ----------------------------------------------------------------
# Each is drafted once per reader (`do_draft_letter`): drafting again returns the letter
# already there, sent or still open, unless it was discarded.


def _draft_for_new_successors(departure, *, actor, rows) -> list:
    """After a reassignment: the letter this kind of departure calls for, for each client
    handed on (the one already there when it has one, with the successor filled in)."""
    kind = selectors.client_kind(departure)
    return _draft_for_clients(departure, actor=actor, kind=kind, rows=rows)


def _draft_for_clients(departure, *, actor, kind, rows) -> list:
    letters, seen = [], set()
    for row in rows:
        if row.engagement.client_id in seen:
            continue
        seen.add(row.engagement.client_id)
        letters.append(do_draft_letter(departure.workspace, actor=actor, kind=kind,
                                       engagement=row.engagement, departure=departure))
    return letters


@transaction.atomic
def do_draft_departure_letters(departure, *, actor, kind: str) -> list:
    """The letters of one kind for the departure. Drafting again returns the letters
    already there (`already_drafted` set on each) and drafts only the missing ones."""
    if departure.state == DepartureState.PROPOSED:
        raise ValidationError(_("Approve the departure before drafting its letters."))
    if kind == Kind.TALKING_POINTS:
        # One copy for each colleague who takes over a client, in that colleague's language.
        successors = {r.successor_id: r.successor
                      for r in departure.reassignments.select_related("successor")}
        if not successors:
            raise ValidationError(_("Reassign the clients first: the talking points go to "
                                    "the colleagues who take over."))
        return [do_draft_letter(departure.workspace, actor=actor, kind=kind,
                                language=user.language, departure=departure, recipient=user)
                for user in successors.values()]
    if kind == Kind.PUBLIC_STATEMENT:
        return [do_draft_letter(departure.workspace, actor=actor, kind=kind,
                                language=departure.workspace.language, departure=departure)]
    if kind not in selectors.CLIENT_KINDS:
        raise ValidationError(_("Choose one of the kinds of letter offered."))
    rows = list(departure.reassignments.select_related("engagement__client")
                .order_by("engagement__client__name", "engagement_id"))
    if not rows:
        raise ValidationError(_("Reassign the clients first: each letter introduces the "
                                "successor."))
    return _draft_for_clients(departure, actor=actor, kind=kind, rows=rows)
