"""Reads of the portal, scoped by workspace (or by the delivery held in the session)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse

from handover.core.links import absolute
from handover.files.models import Archive
from handover.lib.tokens import hash_token

from .models import Delivery

SESSION_KEY = "portal_delivery"


def deliveries_of(workspace, export_job):
    return Delivery.objects.filter(workspace=workspace, export_job=export_job)


def delivery(workspace, delivery_id: int) -> Delivery:
    return get_object_or_404(Delivery.objects.filter(workspace=workspace), pk=delivery_id)


def delivery_for_token(token: str) -> Delivery | None:
    found = Delivery.objects.filter(token_hash=hash_token(token)).first()
    return found if found is not None and found.is_open else None


def delivery_in_session(request) -> Delivery | None:
    pk = request.session.get(SESSION_KEY)
    found = Delivery.objects.select_related("export_job").filter(pk=pk).first() if pk else None
    return found if found is not None and found.is_open else None


def archives_for(found: Delivery):
    return Archive.objects.filter(workspace=found.workspace, export_job=found.export_job,
                                  verified_at__isnull=False)


def link_for(token: str) -> str:
    return absolute(reverse("portal_enter", args=[token]))
