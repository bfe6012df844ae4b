"""Writes of a duty's review: the decision and what it carries through, and the client's
answer to new terms. Atomic and audited.

- keep: the trial ends, the duty is active until its next review;
- extend: the trial goes on until the new review date;
- renegotiate (change its scope or price): the new terms are stored on the review and a
  proposal letter in the client's language is drafted through the letters app; the terms
  apply to the duty and the engagement only once the client accepts them;
- hand back: the duty is closed; its procedure can be downloaded for the client
  (`duties.documents`), and the page offers the plan of an ending when it was the last
  open duty of the engagement;
- revise: the duty goes on; the procedure is revised through a proposal.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from handover.clients.actions import do_update_engagement
from handover.core.audit import record
from handover.core.templatetags.handover import money, number
from handover.letters.actions import do_draft_letter
from handover.letters.kinds import Kind

from ..models import ChangeKind, ClientAnswer, Decision, Duty, DutyStatus, Review
from .duties import _change  # the duty's story, one way of writing it


def _clean_terms(duty: Duty, terms: dict) -> dict:
    """The terms that differ from today's, as JSON-ready values."""
    out = {}
    minutes = terms.get("agreed_minutes")
    if minutes not in (None, "") and int(minutes) != duty.agreed_minutes:
        if int(minutes) <= 0:
            raise ValidationError({"agreed_minutes": _("The time agreed must be positive.")})
        out["agreed_minutes"] = int(minutes)
    rate = terms.get("hourly_rate")
    if rate not in (None, "") and Decimal(str(rate)) != duty.engagement.hourly_rate:
        if Decimal(str(rate)) <= 0:
            raise ValidationError({"hourly_rate": _("The hourly rate must be positive.")})
        out["hourly_rate"] = str(Decimal(str(rate)).quantize(Decimal("0.01")))
    scope = (terms.get("scope") or "").strip()
    if scope and scope != duty.description.strip():
        out["scope"] = scope
    return out


def _terms_lines(duty: Duty, terms: dict, language: str) -> str:
    """The proposed terms as the letter's lines, in the reader's language."""
    lines = []
    with override(language):
        if "agreed_minutes" in terms:
            lines.append("- " + _("Time per occurrence: %(minutes)s minutes.")
                         % {"minutes": number(terms["agreed_minutes"])})
        if "hourly_rate" in terms:
            lines.append("- " + _("Hourly rate: %(rate)s.") % {
                "rate": money(Decimal(terms["hourly_rate"]), duty.engagement.currency)})
        if "scope" in terms:
            lines.append("- " + _("What the duty covers: %(scope)s")
                         % {"scope": " ".join(terms["scope"].split())})
    return "\n".join(lines)


@transaction.atomic
def do_record_review(duty: Duty, *, actor, decision: str, notes: str = "",
                     next_review_on: date | None = None, figures: dict | None = None,
                     terms: dict | None = None) -> Review:
    duty = Duty.objects.select_for_update().select_related("engagement__client").get(pk=duty.pk)
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose one of the decisions offered.")})
    if not duty.is_open:
        raise ValidationError(_("This duty is closed: there is nothing left to review."))
    if decision != Decision.HAND_BACK and next_review_on is None:
        raise ValidationError({"next_review_on": _("Set the date of the next review.")})
    if decision == Decision.EXTEND and duty.status != DutyStatus.TRIAL:
        raise ValidationError({"decision": _("Only a duty on trial can have its trial "
                                             "extended.")})
    proposed = _clean_terms(duty, terms or {}) if decision == Decision.RENEGOTIATE else {}
    if decision == Decision.RENEGOTIATE and not proposed:
        raise ValidationError(_("Say what changes: a new time per occurrence, a new hourly "
                                "rate or a new description of what the duty covers."))
    review = Review.objects.create(
        workspace=duty.workspace, duty=duty, decision=decision, notes=notes,
        next_review_on=next_review_on, figures=figures or {}, decided_by=actor,
        proposed_terms=proposed,
        client_answer=ClientAnswer.PENDING if proposed else "")
    old_status = duty.status
    if decision == Decision.HAND_BACK:
        duty.status = DutyStatus.HANDED_BACK
        duty.next_review_on = None
    elif decision == Decision.EXTEND:
        duty.trial_review_on = next_review_on
        duty.next_review_on = next_review_on
    else:
        if duty.status == DutyStatus.TRIAL:
            duty.status = DutyStatus.ACTIVE
        duty.next_review_on = next_review_on
    duty.save(update_fields=["status", "next_review_on", "trial_review_on"])
    if proposed:
        client = duty.engagement.client
        review.letter = do_draft_letter(
            duty.workspace, actor=actor, kind=Kind.TERMS_PROPOSAL, engagement=duty.engagement,
            extra={"duty_name": duty.title,
                   "new_terms": _terms_lines(duty, proposed, client.language)})
        review.save(update_fields=["letter"])
    when = next_review_on.isoformat() if next_review_on else ""
    _change(duty, actor, ChangeKind.REVIEW, notes, decision=decision, next_review_on=when,
            old_status=old_status, new_status=duty.status, terms=proposed)
    record(duty.workspace, actor, "duty.reviewed", duty, decision=decision, notes=notes,
           next_review_on=when, terms=proposed)
    return review


@transaction.atomic
def do_record_terms_answer(review: Review, *, actor, accepted: bool, note: str = "") -> Review:
    """The client's answer to the terms a review proposed; accepted terms apply at once to
    the duty (time agreed, what it covers) and the engagement (hourly rate)."""
    review = Review.objects.select_for_update().select_related(
        "duty__engagement").get(pk=review.pk)
    if review.client_answer != ClientAnswer.PENDING:
        raise ValidationError(_("The client's answer to these terms is already recorded."))
    review.client_answer = ClientAnswer.ACCEPTED if accepted else ClientAnswer.DECLINED
    review.client_answer_note, review.answered_at = note, timezone.now()
    review.save(update_fields=["client_answer", "client_answer_note", "answered_at"])
    duty, terms = review.duty, review.proposed_terms
    if accepted:
        fields = []
        if "agreed_minutes" in terms:
            duty.agreed_minutes = terms["agreed_minutes"]
            fields.append("agreed_minutes")
        if "scope" in terms:
            duty.description = terms["scope"]
            fields.append("description")
        if fields:
            duty.save(update_fields=fields)
            _change(duty, actor, ChangeKind.SCOPE, note, fields=fields, review=review.pk)
        if "hourly_rate" in terms:
            do_update_engagement(duty.engagement, actor=actor,
                                 hourly_rate=Decimal(terms["hourly_rate"]))
    _change(duty, actor, ChangeKind.TERMS_ANSWER, note, answer=review.client_answer,
            review=review.pk)
    record(duty.workspace, actor, "duty.terms_answered", duty, answer=review.client_answer,
           note=note)
    return review
