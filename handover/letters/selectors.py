"""Reads for letters, templates and the policy, always scoped to one workspace."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from handover.core.access import can
from handover.core.models import Membership, Role

from .kinds import SPECS, Kind
from .models import Letter, LetterPolicy, LetterState, LetterTemplate
from .placeholders import REGISTRY, left_over
from .texts import languages, shipped

# A letter still being written: it can be edited, approved, sent or discarded.
OPEN_STATES = (LetterState.DRAFT, LetterState.APPROVED)


def letters_of(membership, *, state: str = "") -> QuerySet[Letter]:
    letters = Letter.objects.filter(workspace=membership.workspace).select_related(
        "client", "engagement", "email", "departure")
    if not can(membership, "approve_letters"):
        # Members see the letters they wrote and those of their engagements.
        from django.db.models import Q

        letters = letters.filter(Q(created_by=membership.user)
                                 | Q(engagement__account_manager=membership.user))
    if state:
        letters = letters.filter(state=state)
    return letters


def letter(membership, letter_id: int) -> Letter:
    return get_object_or_404(letters_of(membership), pk=letter_id)


def template_grid(workspace) -> list[dict]:
    own = {(t.kind, t.language): t for t in LetterTemplate.objects.filter(workspace=workspace)}
    return [{"kind": kind, "label": label,
             "cells": [{"language": lang, "own": own.get((kind, lang))} for lang in languages()]}
            for kind, label in Kind.choices]


def template_text(workspace, kind: str, language: str) -> tuple[str, str, LetterTemplate | None]:
    row = LetterTemplate.objects.filter(workspace=workspace, kind=kind, language=language).first()
    if row is not None:
        return row.subject, row.body, row
    return (*shipped(kind, language), None)


def letters_of_departure(workspace, departure, *,
                         discarded: bool = True) -> QuerySet[Letter]:
    letters = Letter.objects.filter(workspace=workspace, departure=departure).select_related(
        "client", "email")
    return letters if discarded else letters.exclude(state=LetterState.DISCARDED)


def departure_letter(workspace, *, departure, kind: str, client=None,
                     recipient_email: str = "") -> Letter | None:
    """The letter of this kind already drafted for the departure and this reader, unless it
    was discarded: the client's (client letters), the member's (talking points), the one
    public statement. A sent letter comes first, then the latest."""
    letters = letters_of_departure(workspace, departure, discarded=False).filter(kind=kind)
    audience = SPECS[kind].audience
    if audience == "client":
        letters = letters.filter(client=client)
    elif audience == "staff":
        letters = letters.filter(recipient_email__iexact=recipient_email)
    sent = letters.filter(state=LetterState.SENT).order_by("-sent_at", "-pk").first()
    return sent or letters.order_by("-created_at", "-pk").first()


def missing_facts(letter: Letter) -> list[str]:
    """The placeholders still unfilled in the letter's subject or body, each named once."""
    names = [name for name, _start, _end in left_over(letter.subject) + left_over(letter.body)]
    return list(dict.fromkeys(names))


def describe_facts(names: list[str]) -> str:
    """The facts in words, in the reader's language: the registry's description of each."""
    return " ".join(str(REGISTRY[name][0]) for name in names if name in REGISTRY)


def unapprovable(letter: Letter) -> str:
    """Why the letter cannot be approved yet, or ""."""
    missing = missing_facts(letter)
    if not missing:
        return ""
    return _("This letter cannot be approved while facts are missing: %(missing)s") % {
        "missing": describe_facts(missing)}


def policy_of(workspace) -> LetterPolicy:
    """The workspace's policy; an unsaved default one when it never set its own."""
    return LetterPolicy.objects.filter(workspace=workspace).first() or LetterPolicy(
        workspace=workspace)


def approval_kinds(workspace) -> list[str]:
    return list(policy_of(workspace).approval_kinds)


def legal_reviewers(workspace):
    policy = policy_of(workspace)
    return policy.legal_reviewers.all() if policy.pk else get_user_model().objects.none()


def role_in(workspace, user) -> str | None:
    return (Membership.objects.filter(workspace=workspace, user=user, is_active=True)
            .values_list("role", flat=True).first())


def may_review_legally(letter: Letter, user) -> bool:
    reviewers = legal_reviewers(letter.workspace)
    if reviewers.exists():
        return reviewers.filter(pk=user.pk).exists()
    return role_in(letter.workspace, user) == Role.OWNER


def obstacles(letter: Letter) -> list[str]:
    """What still stops the letter from being sent, in the reader's language."""
    out = []
    if letter.state == LetterState.DISCARDED:
        out.append(_("The letter was discarded."))
    elif letter.state not in OPEN_STATES:
        out.append(_("The letter has already been handed to the outbox."))
    missing = missing_facts(letter)
    if missing:
        out.append(_("This letter cannot be sent while facts are missing: %(missing)s") % {
            "missing": describe_facts(missing)})
    if not letter.recipient_email:
        out.append(_("The letter has no recipient's e-mail address."))
    if letter.high_findings and letter.override_by_id is None:
        out.append(_("The check found serious problems: correct the letter or ask a manager "
                     "to override them."))
    if letter.kind in approval_kinds(letter.workspace) and not letter.approved_by_id:
        out.append(_("This kind of letter needs a manager's approval."))
    if letter.kind == Kind.PUBLIC_STATEMENT and not letter.legal_reviewed_by_id:
        out.append(_("A public statement needs a recorded legal review."))
    return out


def file_stem(letter: Letter) -> str:
    return slugify(f"{letter.kind}-{letter.client or letter.workspace}")[:60] or "letter"
