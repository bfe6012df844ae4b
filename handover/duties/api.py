"""API for duties, time entries and reviews: /api/w/{ws}/duties, /time, /duties/{id}/reviews."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from ninja import Router, Schema, Status

from handover.core.access import can
from handover.core.rest.access import membership_in
from handover.core.rest.errors import Invalid
from handover.core.rest.paging import Rows, paged
from handover.core.rest.schemas import ErrorOut, ValidationOut

from . import selectors
from .actions import duties as duty_actions
from .actions import reviews as review_actions
from .actions import time as time_actions
from .forms import DutyForm, ReviewForm, TimeEntryForm
from .models import ProcedureVersion

router = Router(tags=["duties"])


class DutyOut(Schema):
    id: int
    engagement_id: int
    title: str
    description: str
    assignee: str | None
    status: str
    started_on: date
    trial_review_on: date | None
    next_review_on: date | None
    frequency: str
    client_minutes: int | None
    agreed_minutes: int | None
    procedure: str
    procedure_version: int | None


class DutyIn(Schema):
    engagement_id: int
    title: str
    description: str = ""
    assignee: str | None = None
    status: str = "trial"
    started_on: date
    trial_review_on: date | None = None
    frequency: str = "weekly"
    client_minutes: int | None = None
    agreed_minutes: int | None = None
    procedure: str = ""
    reason: str = ""


class DutyPatch(Schema):
    title: str | None = None
    description: str | None = None
    assignee: str | None = None
    status: str | None = None
    started_on: date | None = None
    trial_review_on: date | None = None
    next_review_on: date | None = None
    frequency: str | None = None
    client_minutes: int | None = None
    agreed_minutes: int | None = None
    reason: str


class TimeOut(Schema):
    id: int
    duty_id: int
    person: str
    date: date
    started_at: datetime | None
    ended_at: datetime | None
    minutes: float
    occurrences: int
    note: str
    source: str
    running: bool


class TimeIn(Schema):
    duty_id: int
    date: date
    start: str = ""
    end: str = ""
    minutes: int | None = None
    occurrences: int = 1
    note: str = ""


class ReviewIn(Schema):
    decision: str
    notes: str = ""
    next_review_on: date | None = None
    # A change of scope or price ("renegotiate"): the terms proposed to the client.
    agreed_minutes: int | None = None
    hourly_rate: Decimal | None = None
    scope: str = ""


class TermsAnswerIn(Schema):
    answer: Literal["accepted", "declined"]
    note: str = ""


class ReviewOut(Schema):
    id: int
    duty_id: int
    decision: str
    notes: str
    next_review_on: date | None
    figures: dict
    proposed_terms: dict
    client_answer: str
    letter_id: int | None
    decided_by: str | None
    created_at: datetime


class FiguresOut(Schema):
    occurrences: int
    minutes_total: float
    median: float | None
    low: float | None
    high: float | None
    fastest: float | None
    slowest: float | None
    trend_per_month: float | None
    client_minutes: int | None
    options: dict


def duty_out(duty) -> dict:
    latest = getattr(duty, "latest_versions", None)
    if latest is None:
        current = duty.versions.order_by("-number").first()
    else:
        current = latest[0] if latest else None
    return {
        "id": duty.pk, "engagement_id": duty.engagement_id, "title": duty.title,
        "description": duty.description,
        "assignee": duty.assignee.email if duty.assignee else None, "status": duty.status,
        "started_on": duty.started_on, "trial_review_on": duty.trial_review_on,
        "next_review_on": duty.next_review_on, "frequency": duty.frequency,
        "client_minutes": duty.client_minutes, "agreed_minutes": duty.agreed_minutes,
        "procedure": current.body if current else "",
        "procedure_version": current.number if current else None,
    }


def time_out(entry) -> dict:
    return {"id": entry.pk, "duty_id": entry.duty_id, "person": entry.person.email,
            "date": entry.date, "started_at": entry.started_at, "ended_at": entry.ended_at,
            "minutes": entry.minutes, "occurrences": entry.occurrences, "note": entry.note,
            "source": entry.source, "running": entry.running}


def review_out(review) -> dict:
    return {"id": review.pk, "duty_id": review.duty_id, "decision": review.decision,
            "notes": review.notes, "next_review_on": review.next_review_on,
            "figures": review.figures, "proposed_terms": review.proposed_terms,
            "client_answer": review.client_answer, "letter_id": review.letter_id,
            "decided_by": review.decided_by.email if review.decided_by else None,
            "created_at": review.created_at}


def _valid(form):
    if not form.is_valid():
        raise Invalid.from_form(form)
    return form.cleaned_data


def _assignee(membership, email):
    if not email:
        return ""
    from handover.core.selectors import member_users

    user = member_users(membership.workspace).filter(email__iexact=email).first()
    return user.pk if user else -1


def _raise(exc: ValidationError):
    if hasattr(exc, "error_dict"):
        raise Invalid({k: [str(m) for e in v for m in e.messages]
                       for k, v in exc.error_dict.items()})
    raise Invalid({"__all__": exc.messages})


@router.get("/w/{ws}/duties", response=list[DutyOut])
@paged
def list_duties(request, ws: str, status: str = "open"):
    membership = membership_in(request, ws, "work_on_duties")
    latest = Prefetch("versions", queryset=ProcedureVersion.objects.order_by("-number")[:1],
                      to_attr="latest_versions")
    return Rows(selectors.duty_list(membership, status=status).prefetch_related(latest),
                duty_out)


@router.post("/w/{ws}/duties", response={201: DutyOut, 422: ValidationOut})
def create_duty(request, ws: str, payload: DutyIn):
    membership = membership_in(request, ws, "manage_duties")
    data = payload.dict()
    data["engagement"] = data.pop("engagement_id")
    data["assignee"] = _assignee(membership, data.get("assignee"))
    data = {k: ("" if v is None else v) for k, v in data.items()}
    cleaned = dict(_valid(DutyForm(data=data, membership=membership)))
    engagement = cleaned.pop("engagement")
    return Status(201, duty_out(duty_actions.do_create_duty(engagement, actor=request.auth,
                                                            **cleaned)))


@router.get("/w/{ws}/duties/{duty_id}", response={200: DutyOut, 404: ErrorOut})
def get_duty(request, ws: str, duty_id: int):
    membership = membership_in(request, ws, "work_on_duties")
    return duty_out(selectors.duty(membership, duty_id))


@router.patch("/w/{ws}/duties/{duty_id}", response={200: DutyOut, 422: ValidationOut})
def update_duty(request, ws: str, duty_id: int, payload: DutyPatch):
    membership = membership_in(request, ws, "manage_duties")
    duty = selectors.duty(membership, duty_id)
    current = DutyForm(instance=duty, membership=membership)
    data = {name: current.initial.get(name) for name in current.fields}
    sent = payload.dict(exclude_unset=True)
    if "assignee" in sent:
        sent["assignee"] = _assignee(membership, sent["assignee"])
    data.update(sent)
    data = {k: ("" if v is None else v) for k, v in data.items()}
    cleaned = dict(_valid(DutyForm(data=data, instance=duty, membership=membership)))
    cleaned.pop("engagement", None)
    reason = cleaned.pop("reason")
    try:
        duty_actions.do_update_duty(duty, actor=request.auth, reason=reason, **cleaned)
    except ValidationError as exc:
        _raise(exc)
    return duty_out(duty)


@router.get("/w/{ws}/duties/{duty_id}/figures", response=FiguresOut)
def duty_figures(request, ws: str, duty_id: int):
    from .figures import options

    membership = membership_in(request, ws, "manage_duties")
    duty = selectors.duty(membership, duty_id)
    fig = selectors.figures_for(duty)
    opts = options(fig, client_minutes=duty.client_minutes, agreed_minutes=duty.agreed_minutes,
                   rate=duty.engagement.hourly_rate, per_month=selectors.per_month(duty, fig))
    return {**fig.as_json(), "client_minutes": duty.client_minutes,
            "options": {k: {kk: (str(vv) if vv is not None else None) for kk, vv in v.items()}
                        for k, v in opts.items()}}


@router.get("/w/{ws}/duties/{duty_id}/reviews", response=list[ReviewOut])
@paged
def list_reviews(request, ws: str, duty_id: int):
    membership = membership_in(request, ws, "manage_duties")
    duty = selectors.duty(membership, duty_id)
    return Rows(duty.reviews.select_related("decided_by"), review_out)


@router.post("/w/{ws}/duties/{duty_id}/reviews", response={201: ReviewOut, 422: ValidationOut})
def create_review(request, ws: str, duty_id: int, payload: ReviewIn):
    membership = membership_in(request, ws, "manage_duties")
    duty = selectors.duty(membership, duty_id)
    data = {k: ("" if v is None else v) for k, v in payload.dict().items()}
    form = ReviewForm(data=data, duty=duty)
    cleaned = _valid(form)
    fig = selectors.figures_for(duty)
    review = review_actions.do_record_review(
        duty, actor=request.auth, figures=fig.as_json(), decision=cleaned["decision"],
        notes=cleaned["notes"], next_review_on=cleaned["next_review_on"], terms=form.terms())
    return Status(201, review_out(review))


@router.post("/w/{ws}/reviews/{review_id}/answer",
             response={200: ReviewOut, 422: ValidationOut})
def answer_terms(request, ws: str, review_id: int, payload: TermsAnswerIn):
    """The client's answer to the terms a review proposed; accepted terms apply at once."""
    membership = membership_in(request, ws, "manage_duties")
    review = selectors.review(membership, review_id)
    review = review_actions.do_record_terms_answer(
        review, actor=request.auth, accepted=payload.answer == "accepted", note=payload.note)
    return review_out(review)


@router.get("/w/{ws}/time", response=list[TimeOut])
@paged
def list_time(request, ws: str, duty_id: int | None = None):
    membership = membership_in(request, ws, "work_on_duties")
    entries = selectors.visible_time(membership)
    if duty_id:
        entries = entries.filter(duty_id=duty_id)
    return Rows(entries, time_out)


@router.post("/w/{ws}/time", response={201: TimeOut, 422: ValidationOut})
def create_time(request, ws: str, payload: TimeIn):
    membership = membership_in(request, ws, "work_on_duties")
    data = payload.dict()
    data["duty"] = data.pop("duty_id")
    data = {k: ("" if v is None else v) for k, v in data.items()}
    form = TimeEntryForm(data=data, duties=selectors.duty_list(membership, status="open"))
    cleaned = _valid(form)
    try:
        entry = time_actions.do_log_time(cleaned["duty"], actor=request.auth,
                                         **form.action_fields())
    except ValidationError as exc:
        _raise(exc)
    return Status(201, time_out(entry))


@router.get("/w/{ws}/time/{time_entry_id}", response=TimeOut)
def get_time(request, ws: str, time_entry_id: int):
    membership = membership_in(request, ws, "work_on_duties")
    return time_out(selectors.time_entry(membership, time_entry_id))


@router.delete("/w/{ws}/time/{time_entry_id}", response={204: None})
def delete_time(request, ws: str, time_entry_id: int):
    membership = membership_in(request, ws, "work_on_duties")
    entry = selectors.time_entry(membership, time_entry_id)
    if entry.person_id != request.auth.pk and not can(membership, "manage_duties"):
        raise PermissionDenied
    time_actions.do_delete_time(entry, actor=request.auth)
    return Status(204, None)
