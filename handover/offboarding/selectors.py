"""Reads for offboarding, always scoped to one workspace (or a member's engagements)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.apps import apps
from django.db.models import BooleanField, Case, Q, QuerySet, Sum, Value, When
from django.shortcuts import get_object_or_404

from handover.clients.models import Client, ClientDomain, Contact
from handover.clients.selectors import visible_engagements
from handover.core.models import Membership, Workspace

from .models import (
    AccessAccount,
    Plan,
    PlanStep,
    PlanTemplate,
    StepState,
    SupportKind,
    SupportRequest,
    TemplateStep,
)


def templates_of(workspace: Workspace) -> QuerySet[PlanTemplate]:
    return PlanTemplate.objects.filter(workspace=workspace).prefetch_related("steps")


def template(workspace: Workspace, template_id: int) -> PlanTemplate:
    return get_object_or_404(PlanTemplate.objects.filter(workspace=workspace), pk=template_id)


def template_step(workspace: Workspace, step_id: int) -> TemplateStep:
    return get_object_or_404(TemplateStep.objects.filter(workspace=workspace)
                             .select_related("template"), pk=step_id)


def plans_of(membership: Membership) -> QuerySet[Plan]:
    return Plan.objects.filter(
        workspace=membership.workspace, engagement__in=visible_engagements(membership)
    ).select_related("engagement__client")


def plan(membership: Membership, plan_id: int) -> Plan:
    return get_object_or_404(plans_of(membership), pk=plan_id)


def plan_by_feed_token(token: str) -> Plan | None:
    if len(token) < 32:
        return None
    return (Plan.objects.filter(feed_token=token).select_related("engagement__client")
            .first())


def plan_step(membership: Membership, step_id: int) -> PlanStep:
    return get_object_or_404(
        PlanStep.objects.filter(workspace=membership.workspace,
                                plan__in=plans_of(membership)).select_related("plan"),
        pk=step_id)


def steps_of(plan_obj: Plan) -> QuerySet[PlanStep]:
    return PlanStep.objects.filter(workspace=plan_obj.workspace, plan=plan_obj).select_related(
        "owner", "completed_by").order_by("due_date", "position")


def open_steps(plan_obj: Plan) -> QuerySet[PlanStep]:
    return steps_of(plan_obj).filter(state=StepState.OPEN)


def _late(today: date) -> Q:
    """Overdue: open and due before today, or laid out after the day it should have been
    done by (its planned day fell before the plan started)."""
    return Q(state=StepState.OPEN) & (Q(due_date__lt=today) | Q(planned_date__isnull=False))


def steps_marked(plan_obj: Plan, today: date) -> QuerySet[PlanStep]:
    """The plan's steps, each with `overdue`."""
    return steps_of(plan_obj).annotate(overdue=Case(
        When(_late(today), then=Value(True)), default=Value(False),
        output_field=BooleanField()))


def _open_steps_of_open_plans(membership: Membership) -> QuerySet[PlanStep]:
    return PlanStep.objects.filter(
        workspace=membership.workspace, state=StepState.OPEN,
        plan__closed_at__isnull=True, plan__in=plans_of(membership),
    ).select_related("plan__engagement__client", "owner").order_by("due_date", "position")


def overdue(membership: Membership, today: date) -> QuerySet[PlanStep]:
    """Open steps of open plans that are late (see `_late`)."""
    return _open_steps_of_open_plans(membership).filter(_late(today))


def due_this_week(membership: Membership, today: date) -> QuerySet[PlanStep]:
    """Open steps due from today to the end of this week; late ones are in `overdue`."""
    end = today + timedelta(days=6 - today.weekday())
    return _open_steps_of_open_plans(membership).filter(
        due_date__gte=today, due_date__lte=end).exclude(_late(today))


def open_plan_of(workspace: Workspace, engagement) -> Plan | None:
    """The engagement's plan that is not closed yet (there is at most one)."""
    return Plan.objects.filter(workspace=workspace, engagement=engagement,
                               closed_at__isnull=True).first()


def contacts_for_recap(workspace: Workspace, client) -> QuerySet[Contact]:
    return Contact.objects.filter(workspace=workspace, client=client).order_by("name")


def contact_by_email(workspace: Workspace, client, email: str) -> Contact | None:
    """The client's contact with this address, if the address is one of theirs."""
    if not email:
        return None
    return Contact.objects.filter(workspace=workspace, client=client,
                                  email__iexact=email).order_by("pk").first()


def member_language(workspace: Workspace, email: str) -> str:
    """The language of the workspace's active member with this address ("" if none)."""
    from handover.core.selectors import member_users

    if not email:
        return ""
    user = member_users(workspace).filter(email__iexact=email).first()
    return user.language if user is not None else ""


def accounts_of(workspace: Workspace, *, engagement=None,
                unassigned: bool = False) -> QuerySet[AccessAccount]:
    accounts = AccessAccount.objects.filter(workspace=workspace).select_related(
        "client", "engagement__client")
    if unassigned:
        return accounts.filter(client__isnull=True)
    if engagement is not None:
        accounts = accounts.filter(engagement=engagement)
    return accounts


def account(workspace: Workspace, account_id: int) -> AccessAccount:
    return get_object_or_404(accounts_of(workspace), pk=account_id)


def support_of(plan_obj: Plan) -> QuerySet[SupportRequest]:
    return SupportRequest.objects.filter(workspace=plan_obj.workspace, plan=plan_obj)


def support_totals(plan_obj: Plan) -> dict:
    requests = support_of(plan_obj)
    free = requests.filter(kind=SupportKind.FREE).count()
    minutes = requests.filter(kind=SupportKind.BILLABLE).aggregate(
        m=Sum("minutes"))["m"] or 0
    rate = plan_obj.support_rate or Decimal("0")
    amount = (rate * minutes / 60).quantize(Decimal("0.01"))
    return {"free": free, "free_left": max(plan_obj.free_questions - free, 0),
            "minutes": minutes, "amount": amount}


def client_matching(workspace: Workspace) -> tuple[dict, dict]:
    """({e-mail domain: client}, {casefolded name: client}) of the workspace's live clients."""
    domains = {d.domain.lower(): d.client for d in ClientDomain.objects.filter(
        workspace=workspace, client__archived_at__isnull=True).select_related("client")}
    names = {c.name.casefold(): c for c in Client.objects.filter(
        workspace=workspace, archived_at__isnull=True)}
    return domains, names


def rows_about(app_label: str, workspace: Workspace, engagement) -> list[tuple[type, list]]:
    """Rows of another app's models that point at the engagement, when that app exists.

    Read defensively: the app may be absent or have no such model yet.
    """
    if not apps.is_installed(f"handover.{app_label}"):
        return []
    found = []
    for model in apps.get_app_config(app_label).get_models():
        names = {f.name for f in model._meta.fields}
        if {"engagement", "workspace"} <= names:
            found.append((model, list(model.objects.filter(workspace=workspace,
                                                           engagement=engagement)[:200])))
    return found


def open_steps_of(engagement, person) -> QuerySet[PlanStep]:
    """Open plan steps of the engagement owned by `person` (a departure hands them on)."""
    return PlanStep.objects.filter(
        workspace=engagement.workspace, plan__engagement=engagement, owner=person,
        state=StepState.OPEN,
    )
