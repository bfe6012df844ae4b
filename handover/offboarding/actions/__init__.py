"""Writes of the offboarding app, one module per domain: plans.py (plan templates, plans and
their steps, the feed, the recap, the handover call, support; `PlanRefused`), access.py (the
access inventory and revocation requests). Callers import from the module
(`from handover.offboarding.actions.plans import do_start_plan`); nothing is re-exported
here."""
