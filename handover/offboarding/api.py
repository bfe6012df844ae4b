"""API for offboarding: plans with their steps, ticking a step off, the access inventory."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Prefetch
from ninja import Router, Schema

from handover.core.rest.access import membership_in
from handover.core.rest.errors import Invalid
from handover.core.rest.paging import Rows, paged

from . import selectors
from .actions import plans as plan_actions
from .forms import StepCompleteForm
from .models import PlanStep

router = Router(tags=["offboarding"])


class StepOut(Schema):
    id: int
    title: str
    anchor: str
    offset_days: int
    party: str
    due_date: date
    state: str
    owner: str | None
    note: str
    link: str
    completed_at: datetime | None


class PlanOut(Schema):
    id: int
    engagement_id: int
    scenario: str
    notice_date: date
    earliest_last_day: date
    last_day: date
    support_until: date | None
    closed: bool
    steps: list[StepOut]


class StepDoneIn(Schema):
    state: str = "done"
    note: str = ""
    link: str = ""


class AccountOut(Schema):
    id: int
    client_id: int | None
    engagement_id: int | None
    system: str
    url: str
    login: str
    kind: str
    vault_item: str
    state: str


def step_out(step) -> dict:
    return {"id": step.pk, "title": step.title, "anchor": step.anchor,
            "offset_days": step.offset_days, "party": step.party, "due_date": step.due_date,
            "state": step.state, "owner": step.owner.email if step.owner else None,
            "note": step.note, "link": step.link, "completed_at": step.completed_at}


def plan_out(plan) -> dict:
    steps = getattr(plan, "listed_steps", None)
    if steps is None:
        steps = selectors.steps_of(plan)
    return {"id": plan.pk, "engagement_id": plan.engagement_id, "scenario": plan.scenario,
            "notice_date": plan.notice_date, "earliest_last_day": plan.earliest_last_day,
            "last_day": plan.last_day, "support_until": plan.support_until,
            "closed": plan.closed_at is not None,
            "steps": [step_out(s) for s in steps]}


@router.get("/w/{ws}/offboarding/plans", response=list[PlanOut])
@paged
def list_plans(request, ws: str):
    membership = membership_in(request, ws, "manage_clients")
    steps = PlanStep.objects.select_related("owner").order_by("due_date", "position")
    return Rows(selectors.plans_of(membership).prefetch_related(
        Prefetch("steps", queryset=steps, to_attr="listed_steps")), plan_out)


@router.get("/w/{ws}/offboarding/plans/{plan_id}", response=PlanOut)
def get_plan(request, ws: str, plan_id: int):
    membership = membership_in(request, ws, "manage_clients")
    return plan_out(selectors.plan(membership, plan_id))


@router.post("/w/{ws}/offboarding/steps/{plan_step_id}/done", response=StepOut)
def tick_step(request, ws: str, plan_step_id: int, payload: StepDoneIn):
    membership = membership_in(request, ws, "manage_clients")
    step = selectors.plan_step(membership, plan_step_id)
    form = StepCompleteForm(data=payload.dict())
    if not form.is_valid():
        raise Invalid.from_form(form)
    data = form.cleaned_data
    plan_actions.do_complete_step(step, actor=request.auth, state=data["state"], note=data["note"],
                                  link=data["link"])
    return step_out(step)


def account_out(a) -> dict:
    return {"id": a.pk, "client_id": a.client_id, "engagement_id": a.engagement_id,
            "system": a.system, "url": a.url, "login": a.login, "kind": a.kind,
            "vault_item": a.vault_item, "state": a.state}


@router.get("/w/{ws}/access-accounts", response=list[AccountOut])
@paged
def list_accounts(request, ws: str):
    membership = membership_in(request, ws, "manage_clients")
    return Rows(selectors.accounts_of(membership.workspace), account_out)
