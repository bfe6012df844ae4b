"""Views of the offboarding app, one module per domain: plans.py (plans, steps, the feed,
the recap, the handover call, support), access.py (the access inventory and revocation
requests), plan_templates.py (plan templates and their steps). urls.py imports the modules;
nothing is re-exported here."""
