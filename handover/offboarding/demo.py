"""Demo offboarding: shipped templates, a plan for the Kraków client, its accounts."""

from datetime import date

from handover.clients.models import Engagement

from .actions import access as access_actions
from .actions import plans as plan_actions
from .models import AccountKind, PlanTemplate, Scenario


def fill(workspace, actor) -> None:
    plan_actions.do_seed_templates(workspace, actor=actor, language=workspace.language)
    engagement = (Engagement.objects.filter(workspace=workspace, client__country="PL")
                  .select_related("client").first())
    if engagement is None:
        return
    template = PlanTemplate.objects.filter(workspace=workspace,
                                           scenario=Scenario.WE_END).first()
    plan = plan_actions.do_start_plan(engagement, actor=actor, template=template,
                                      notice_date=date(2026, 11, 2))
    for system, url, login, kind in (
        ("Poczta Kowalczyk", "https://poczta.kowalczyk-logistyka.example",
         "asystentka@kowalczyk-logistyka.example", AccountKind.CLIENT_ACCOUNT),
        ("Kalendarz zespołu", "https://kalendarz.kowalczyk-logistyka.example",
         "asystentka@kowalczyk-logistyka.example", AccountKind.CLIENT_ACCOUNT),
        ("Trello", "https://trello.com", "elena.assist@example.org", AccountKind.INVITED),
        ("Panel przewoźnika", "https://panel.przewoznik.example", "kowalczyk-biuro",
         AccountKind.SHARED),
    ):
        access_actions.do_add_account(workspace, actor=actor, engagement=engagement,
                                      system=system, url=url, login=login, kind=kind,
                                      vault_item=f"{system} — {login}")
    first = plan.steps.order_by("position").first()
    plan_actions.do_complete_step(first, actor=actor, note="Rozmowa telefoniczna z Anną.")
    plan_actions.do_log_support_request(plan, actor=actor, day=date(2026, 12, 10),
                                        summary="Gdzie jest szablon faktury?", kind="free",
                                        minutes=0)
