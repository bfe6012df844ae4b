"""Writes of the letters app: drafts, edits, approvals, overrides, sending, templates."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handover.core.audit import record
from handover.core.mail import queue_text, reply_address
from handover.core.models import OutboundEmail, Role
from handover.interactions.actions import do_file_letter

from . import scrub as scrubbing
from . import selectors
from .documents import letter_docx, letter_pdf
from .kinds import SPECS, Kind
from .models import Letter, LetterPolicy, LetterState, LetterTemplate
from .placeholders import left_over, unknown_placeholders
from .render import check, facts_for, render


def _refuse_confidential(workspace, *texts: str) -> None:
    if any(scrubbing.found(t, workspace) for t in texts):
        raise ValidationError(_("This text contains a departure's confidential reason. "
                                "It can never appear in a letter."))


def _findings(letter: Letter) -> list[dict]:
    return [f.as_dict() for f in check(letter.kind, letter.language, letter.body, letter.facts,
                                       letter.departure)]


@transaction.atomic
def do_draft_letter(workspace, *, actor, kind: str, language: str | None = None,
                    engagement=None, client=None, departure=None,
                    extra: dict | None = None, recipient=None, to: str = "") -> Letter:
    """Render and store a draft. `recipient`: a member the letter goes to (talking points);
    `to`: an address that replaces the client's first contact (name it in `extra` as
    `recipient_name`).

    A departure's letter is drafted once per reader: drafting it again returns the letter
    already there (sent, or still open, with `already_drafted` set), unless it was
    discarded. Facts it lacked and that are known now (a successor chosen since) are
    filled in."""
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose one of the kinds of letter offered.")})
    client = client or (engagement.client if engagement is not None else None)
    if SPECS[kind].departure and departure is None:
        raise ValidationError(_("This kind of letter is written for a departure."))
    if SPECS[kind].audience == "client" and client is None:
        raise ValidationError(_("Choose the engagement the letter is about."))
    if departure is not None and SPECS[kind].departure:
        existing = selectors.departure_letter(
            workspace, departure=departure, kind=kind, client=client,
            recipient_email=recipient.email if recipient is not None else to)
        if existing is not None:
            _fill_in(existing, actor=actor, engagement=engagement, client=client,
                     departure=departure, extra=extra)
            existing.already_drafted = True
            return existing
    language = language or (client.language if client else workspace.language)
    out = render(kind, language, workspace=workspace, sender=actor, engagement=engagement,
                 client=client, departure=departure, extra=extra)
    letter = Letter.objects.create(
        workspace=workspace, kind=kind, language=language, engagement=engagement,
        client=client, departure=departure,
        recipient_name=recipient.display_name if recipient is not None else out.recipient_name,
        recipient_email=(recipient.email if recipient is not None else to or (
            out.recipient_email if SPECS[kind].audience == "client" else "")),
        subject=out.subject[:300], body=out.body, facts=out.facts,
        findings=[f.as_dict() for f in out.findings], created_by=actor,
    )
    record(workspace, actor, "letter.drafted", letter, letter_kind=kind, language=language)
    letter.already_drafted = False
    return letter


def _put_in(text: str, facts: dict) -> str:
    """The text with each unfilled placeholder that now has a value replaced by it."""
    for name, start, end in reversed(left_over(text)):
        if facts.get(name):
            text = text[:start] + facts[name] + text[end:]
    return text


def _fill_in(letter: Letter, *, actor, engagement, client, departure, extra) -> None:
    """Fill in, in a letter still open, the facts it lacked that are known now. The rest of
    the text, edits included, stays as it is."""
    if letter.state not in selectors.OPEN_STATES or not selectors.missing_facts(letter):
        return
    facts = facts_for(letter.kind, letter.language, workspace=letter.workspace,
                      sender=letter.created_by or actor, engagement=engagement or
                      letter.engagement, client=client, departure=departure, extra=extra)
    subject, body = _put_in(letter.subject, facts), _put_in(letter.body, facts)
    if (subject, body) == (letter.subject, letter.body):
        return
    letter.subject, letter.body = subject[:300], body
    letter.facts = {**letter.facts, **facts}
    letter.findings = _findings(letter)
    _reset_approvals(letter)
    letter.save()
    record(letter.workspace, actor, "letter.filled_in", letter, letter_kind=letter.kind)


def _reset_approvals(letter: Letter) -> None:
    letter.approved_by = letter.approved_at = None
    letter.override_by = letter.override_at = None
    letter.override_note = ""
    letter.legal_reviewed_by = letter.legal_reviewed_at = None
    letter.state = LetterState.DRAFT


@transaction.atomic
def do_edit_letter(letter: Letter, *, actor, subject: str, body: str, recipient_email: str = "",
                   recipient_name: str | None = None, attach_pdf: bool = False,
                   attach_docx: bool = False) -> Letter:
    if letter.state == LetterState.DISCARDED:
        raise ValidationError(_("This letter was discarded and can no longer be changed."))
    if letter.state not in selectors.OPEN_STATES:
        raise ValidationError(_("This letter has been sent and can no longer be changed."))
    _refuse_confidential(letter.workspace, subject, body)
    changed = (subject, body) != (letter.subject, letter.body)
    letter.subject, letter.body = subject.strip()[:300], body
    letter.recipient_email = recipient_email
    if recipient_name is not None:
        letter.recipient_name = recipient_name
    letter.attach_pdf, letter.attach_docx = attach_pdf, attach_docx
    letter.findings = _findings(letter)
    if changed:
        _reset_approvals(letter)
    letter.save()
    record(letter.workspace, actor, "letter.edited", letter, letter_kind=letter.kind)
    return letter


@transaction.atomic
def do_approve_letter(letter: Letter, *, actor) -> Letter:
    if selectors.role_in(letter.workspace, actor) not in (Role.OWNER, Role.MANAGER):
        raise ValidationError(_("Only an owner or a manager can approve a letter."))
    if letter.state not in selectors.OPEN_STATES:
        raise ValidationError(_("Only a letter that is neither sent nor discarded can be "
                                "approved."))
    refusal = selectors.unapprovable(letter)
    if refusal:
        raise ValidationError(refusal)
    letter.approved_by, letter.approved_at = actor, timezone.now()
    letter.state = LetterState.APPROVED
    letter.save(update_fields=["approved_by", "approved_at", "state"])
    record(letter.workspace, actor, "letter.approved", letter, letter_kind=letter.kind)
    return letter


@transaction.atomic
def do_record_legal_review(letter: Letter, *, actor, note: str) -> Letter:
    if not selectors.may_review_legally(letter, actor):
        raise ValidationError(_("Only the workspace's legal reviewer can record this review."))
    if not note.strip():
        raise ValidationError({"note": _("Write down what the review concluded.")})
    letter.legal_reviewed_by, letter.legal_reviewed_at = actor, timezone.now()
    letter.legal_note = note.strip()
    letter.save(update_fields=["legal_reviewed_by", "legal_reviewed_at", "legal_note"])
    record(letter.workspace, actor, "letter.legal_reviewed", letter, letter_kind=letter.kind)
    return letter


@transaction.atomic
def do_override_findings(letter: Letter, *, actor, note: str) -> Letter:
    if selectors.role_in(letter.workspace, actor) not in (Role.OWNER, Role.MANAGER):
        raise ValidationError(_("Only an owner or a manager can override the checks."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the letter may go out as it is.")})
    letter.override_by, letter.override_at = actor, timezone.now()
    letter.override_note = note.strip()
    letter.save(update_fields=["override_by", "override_at", "override_note"])
    record(letter.workspace, actor, "letter.override", letter, letter_kind=letter.kind,
           rules=sorted({f["rule"] for f in letter.high_findings}), note=letter.override_note)
    return letter


@transaction.atomic
def do_send_letter(letter: Letter, *, actor, attachments=()) -> Letter:
    """Queue the letter in the outbox. `attachments`: more (name, content, mime) to send
    with it, such as a calendar invitation. The client's reply goes to the member who signs
    the letter (its Reply-To, see `_signer`)."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    problems = selectors.obstacles(letter)
    if problems:
        raise ValidationError(problems)
    workspace = letter.workspace
    subject = scrubbing.scrub(letter.subject, workspace)
    body = scrubbing.scrub(letter.body, workspace)
    attachments = list(attachments)
    stem = selectors.file_stem(letter)
    if letter.attach_pdf:
        attachments.append((f"{stem}.pdf", letter_pdf(letter), "application/pdf"))
    if letter.attach_docx:
        attachments.append((f"{stem}.docx", letter_docx(letter),
                            "application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document"))
    letter.email = queue_text(to=letter.recipient_email, kind=f"letter.{letter.kind}",
                              language=letter.language, subject=subject, body=body,
                              workspace=workspace, attachments=attachments,
                              reply_to=reply_address(_signer(letter, actor)))
    letter.state = LetterState.QUEUED
    letter.save(update_fields=["email", "state"])
    record(workspace, actor, "letter.queued", letter, letter_kind=letter.kind,
           to=letter.recipient_email)
    return letter


def _signer(letter: Letter, actor):
    """Who answers the client: the member whose name the letter is drafted with (its
    `sender_name`, the author), while still an active member of the workspace; otherwise
    the member who sends it."""
    author = letter.created_by
    if author is not None and author.is_active and selectors.role_in(letter.workspace, author):
        return author
    return actor


@transaction.atomic
def do_discard_letter(letter: Letter, *, actor) -> Letter:
    """Set aside a letter that was never sent: a draft, or an approved letter still waiting.
    It stays in the list, marked discarded; drafting the departure's letters again makes a
    new one."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if letter.state not in selectors.OPEN_STATES:
        raise ValidationError(_("Only a draft, or an approved letter not yet sent, can be "
                                "discarded."))
    letter.state = LetterState.DISCARDED
    letter.save(update_fields=["state"])
    record(letter.workspace, actor, "letter.discarded", letter, letter_kind=letter.kind,
           was_approved=letter.approved_by_id is not None)
    return letter


def _to_the_client(letter: Letter) -> bool:
    """Only a message to the client is an interaction with it (an invitation sent to a
    successor is not)."""
    client = letter.client
    address = letter.recipient_email.lower()
    if client is None or not address:
        return False
    domains = {d.lower() for d in client.domain_list}
    return (address.rpartition("@")[2] in domains
            or client.contacts.filter(email__iexact=address).exists())


@transaction.atomic
def do_note_delivery(email: OutboundEmail) -> Letter | None:
    """The outbox finished with a letter's message: mark it sent (and file the interaction)
    or failed with the reason."""
    letter = Letter.objects.filter(email=email).select_related("engagement").first()
    if letter is None:
        return None
    if email.state == OutboundEmail.State.SENT:
        letter.state, letter.sent_at, letter.failure = LetterState.SENT, email.sent_at, ""
        record(letter.workspace, None, "letter.sent", letter, letter_kind=letter.kind, to=email.to)
        if letter.engagement_id is not None and _to_the_client(letter):
            do_file_letter(letter.engagement, actor=None, letter_id=letter.pk,
                           to=letter.recipient_email, subject=letter.subject,
                           body=letter.body, sent_at=letter.sent_at)
    else:
        letter.state, letter.failure = LetterState.FAILED, email.last_error
        record(letter.workspace, None, "letter.failed", letter, letter_kind=letter.kind,
               to=email.to,
               error=email.last_error[:300])
    letter.save(update_fields=["state", "sent_at", "failure"])
    return letter


@transaction.atomic
def do_retry_letter(letter: Letter, *, actor) -> Letter:
    """Queue a failed letter's message again."""
    if letter.state != LetterState.FAILED or letter.email is None:
        raise ValidationError(_("Only a letter whose delivery failed can be tried again."))
    email = letter.email
    email.state, email.attempts, email.last_error = OutboundEmail.State.QUEUED, 0, ""
    email.save(update_fields=["state", "attempts", "last_error"])
    letter.state, letter.failure = LetterState.QUEUED, ""
    letter.save(update_fields=["state", "failure"])
    from handover.core.mail import _enqueue

    transaction.on_commit(lambda: _enqueue(email.pk))
    record(letter.workspace, actor, "letter.retried", letter, letter_kind=letter.kind)
    return letter


@transaction.atomic
def do_save_template(workspace, *, actor, kind: str, language: str, subject: str,
                     body: str) -> LetterTemplate:
    unknown = unknown_placeholders(subject) + unknown_placeholders(body)
    if unknown:
        raise ValidationError({"body": _("Unknown placeholders: %(names)s. Use only those "
                                         "listed beside the editor.")
                               % {"names": ", ".join(f"{{{n}}}" for n in unknown)}})
    _refuse_confidential(workspace, subject, body)
    template, _created = LetterTemplate.objects.update_or_create(
        workspace=workspace, kind=kind, language=language,
        defaults={"subject": subject.strip(), "body": body, "updated_by": actor,
                  "updated_at": timezone.now()})
    record(workspace, actor, "letter_template.saved", template, letter_kind=kind, language=language)
    return template


@transaction.atomic
def do_reset_template(template: LetterTemplate, *, actor) -> None:
    record(template.workspace, actor, "letter_template.reset", template, letter_kind=template.kind,
           language=template.language)
    template.delete()


@transaction.atomic
def do_set_policy(workspace, *, actor, approval_kinds: list[str], legal_reviewers=()) -> None:
    policy = LetterPolicy.objects.get_or_create(workspace=workspace)[0]
    policy.approval_kinds = [k for k in approval_kinds if k in Kind.values]
    policy.save(update_fields=["approval_kinds"])
    policy.legal_reviewers.set(legal_reviewers)
    record(workspace, actor, "letter_policy.changed", policy,
           kinds=policy.approval_kinds)
