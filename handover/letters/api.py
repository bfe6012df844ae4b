"""API for letters: draft, read (with the checks explained), edit, approve, send."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from handover.clients.models import Engagement
from handover.core.rest.access import membership_in
from handover.core.rest.errors import Invalid
from handover.core.rest.paging import Rows, paged

from . import actions, selectors
from .explain import explained
from .lint import Finding
from .scrub import reasons_of, scrub

router = Router(tags=["letters"])


class DraftIn(Schema):
    kind: str
    engagement_id: int | None = None
    departure_id: int | None = None
    language: str = ""
    call_time: str = ""
    agenda: str = ""
    access_list: str = ""
    archive_link: str = ""


class EditIn(Schema):
    subject: str | None = None
    body: str | None = None
    recipient_email: str | None = None
    attach_pdf: bool | None = None
    attach_docx: bool | None = None


class NoteIn(Schema):
    note: str = ""


def _invalid(err: ValidationError) -> Invalid:
    if hasattr(err, "error_dict"):
        return Invalid({k: list(v) for k, v in err.message_dict.items()})
    return Invalid({"__all__": err.messages})


def letter_out(letter, *, reasons: list[str] | None = None, full: bool = True) -> dict:
    """The letter, confidential reasons scrubbed; `full` adds what still stops sending."""
    email = letter.email
    if reasons is None:
        reasons = reasons_of(letter.workspace)
    out = {
        "id": letter.pk, "kind": letter.kind, "language": letter.language,
        "state": letter.state, "client_id": letter.client_id,
        "engagement_id": letter.engagement_id, "departure_id": letter.departure_id,
        "recipient_name": letter.recipient_name, "recipient_email": letter.recipient_email,
        "subject": scrub(letter.subject, letter.workspace, reasons),
        "body": scrub(letter.body, letter.workspace, reasons),
        "findings": explained([Finding.from_dict(f) for f in letter.findings]),
        "approved": letter.approved_by_id is not None,
        "legal_reviewed": letter.legal_reviewed_by_id is not None,
        "overridden": letter.override_by_id is not None,
        "outbox": None if email is None else {
            "state": email.state, "attempts": email.attempts, "last_error": email.last_error},
        "failure": letter.failure,
    }
    if full:
        out["obstacles"] = selectors.obstacles(letter)
    return out


@router.get("/w/{ws}/letters", response=list[dict])
@paged
def list_letters(request, ws: str, state: str = ""):
    """Each letter without `obstacles` (what still stops sending): see GET /letters/{id}."""
    membership = membership_in(request, ws, "write_letters")
    workspace = membership.workspace
    reasons = reasons_of(workspace)

    def out(letter):
        letter.workspace = workspace  # the same row: no query per letter
        return letter_out(letter, reasons=reasons, full=False)

    return Rows(selectors.letters_of(membership, state=state), out)


@router.post("/w/{ws}/letters", response={201: dict})
def draft_letter(request, ws: str, payload: DraftIn):
    from handover.departures.selectors import departures_of

    membership = membership_in(request, ws, "write_letters")
    engagement = departure = None
    if payload.engagement_id:
        engagement = Engagement.objects.filter(workspace=membership.workspace,
                                               pk=payload.engagement_id).first()
        if engagement is None:
            raise Invalid({"engagement_id": [_("No such engagement in this workspace.")]})
    if payload.departure_id:
        departure = departures_of(membership).filter(pk=payload.departure_id).first()
        if departure is None:
            raise Invalid({"departure_id": [_("No such departure in this workspace.")]})
    try:
        letter = actions.do_draft_letter(
            membership.workspace, actor=request.auth, kind=payload.kind,
            language=payload.language or None, engagement=engagement, departure=departure,
            extra={"call_time": payload.call_time, "agenda": payload.agenda,
                   "access_list": payload.access_list,
                   "archive_link": payload.archive_link})
    except ValidationError as err:
        raise _invalid(err) from err
    return Status(201, letter_out(letter))


@router.get("/w/{ws}/letters/{letter_id}", response=dict)
def get_letter(request, ws: str, letter_id: int):
    membership = membership_in(request, ws, "write_letters")
    return letter_out(selectors.letter(membership, letter_id))


@router.patch("/w/{ws}/letters/{letter_id}", response=dict)
def edit_letter(request, ws: str, letter_id: int, payload: EditIn):
    membership = membership_in(request, ws, "write_letters")
    letter = selectors.letter(membership, letter_id)
    data = {"subject": letter.subject, "body": letter.body,
            "recipient_email": letter.recipient_email, "attach_pdf": letter.attach_pdf,
            "attach_docx": letter.attach_docx}
    data.update(payload.dict(exclude_unset=True, exclude_none=True))
    try:
        actions.do_edit_letter(letter, actor=request.auth, **data)
    except ValidationError as err:
        raise _invalid(err) from err
    return letter_out(letter)


def _act(request, ws, letter_id, capability, do, **kwargs):
    membership = membership_in(request, ws, capability)
    letter = selectors.letter(membership, letter_id)
    try:
        letter = do(letter, actor=request.auth, **kwargs)
    except ValidationError as err:
        raise _invalid(err) from err
    return letter_out(letter)


@router.post("/w/{ws}/letters/{letter_id}/approve", response=dict)
def approve_letter(request, ws: str, letter_id: int):
    return _act(request, ws, letter_id, "approve_letters", actions.do_approve_letter)


@router.post("/w/{ws}/letters/{letter_id}/override", response=dict)
def override_letter(request, ws: str, letter_id: int, payload: NoteIn):
    return _act(request, ws, letter_id, "approve_letters", actions.do_override_findings,
                note=payload.note)


@router.post("/w/{ws}/letters/{letter_id}/legal-review", response=dict)
def legal_review(request, ws: str, letter_id: int, payload: NoteIn):
    return _act(request, ws, letter_id, "write_letters", actions.do_record_legal_review,
                note=payload.note)


@router.post("/w/{ws}/letters/{letter_id}/send", response=dict)
def send_letter(request, ws: str, letter_id: int):
    return _act(request, ws, letter_id, "write_letters", actions.do_send_letter)
