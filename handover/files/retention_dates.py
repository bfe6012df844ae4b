"""The retention period that applies to a file: the workspace's own rule, else the default."""

from __future__ import annotations

from handover.files.engine.retention import Period, default_period, delete_after

from .models import RetentionRule


def period_for(workspace, country: str, kind: str) -> Period:
    own = RetentionRule.objects.filter(workspace=workspace, country=country.upper(),
                                       kind=kind).first()
    if own is not None:
        return Period(own.years, own.start, own.legal_basis)
    return default_period(country, kind)


def dates_for(workspace, engagement, client, kind: str):
    """(delete-after date or None, legal basis)."""
    country = (client.country if client else "") or ""
    period = period_for(workspace, country, kind)
    end = engagement.end_date if engagement else None
    return delete_after(end, period), period.basis
