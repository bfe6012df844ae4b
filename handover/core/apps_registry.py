"""What each app contributes to shared places, found by convention, never listed by hand.

An app `handover.<name>` may have:
- `urls.py` with `urlpatterns`, mounted under /w/<ws>/ (and `public_urlpatterns`, mounted
  at the site root, for pages without a workspace such as the client portal);
- `api.py` with a django-ninja `router`, mounted under /api/;
- `activity.py` with SENTENCES, LABELS and KINDS (activity filters);
- `nav.py` with NAV: [(url name, label, capability)];
- `dashboard.py` with `panel(request)` returning a template name and context, or None, and
  optionally `engagement_columns(request, engagement_ids)` returning extra columns of the
  dashboard's engagement list ({"label", "template", "cells": {engagement id: value}});
- `demo.py` with `fill(workspace, actor)`, adding its rows to the demo workspace;
- `startup.py` with STEPS: callables without arguments, run when `handover serve` and
  `handover worker` start;
- `after_import.py` with `after_import(workspace_id)`, run on commit after each import
  that finished (health recomputes then).
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps


def product_apps() -> list[str]:
    return [c.name for c in apps.get_app_configs() if c.name.startswith("handover.")]


@cache
def modules(name: str, *, exclude: tuple[str, ...] = ()) -> tuple[ModuleType, ...]:
    """`handover.<app>.<name>` for every product app that has one, in INSTALLED_APPS order."""
    found = []
    for app in product_apps():
        if app in exclude or find_spec(f"{app}.{name}") is None:
            continue
        found.append(import_module(f"{app}.{name}"))
    return tuple(found)
