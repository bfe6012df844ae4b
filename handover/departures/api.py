"""API for departures: list, read (the reason only for owners and managers), record."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from handover.core.models import Membership
from handover.core.rest.access import membership_in
from handover.core.rest.errors import Invalid
from handover.core.rest.paging import Rows, paged

from . import actions, selectors

router = Router(tags=["departures"])


class DepartureIn(Schema):
    member_id: int
    kind: str
    last_day: date
    confidential_reason: str = ""
    new_employer: str = ""
    new_employer_is_competitor: bool = False
    hr_contact: str = ""
    legal_contact: str = ""


def departure_out(departure, membership, *, tracker: bool = True) -> dict:
    """The departure; the reason and (with `tracker`) the tracker only for managers."""
    out = {
        "id": departure.pk, "member": departure.leaver.display_name, "kind": departure.kind,
        "last_day": departure.last_day.isoformat(), "state": departure.state,
        "hr_contact": departure.hr_contact, "legal_contact": departure.legal_contact,
        "deactivated": departure.deactivated_at is not None,
    }
    if selectors.may_see_reason(membership):
        out["confidential_reason"] = departure.confidential_reason
    if tracker and selectors.may_see_reason(membership):
        out["tracker"] = [{
            "client_id": row["client"].pk, "client": row["client"].name,
            "successors": [s.display_name for s in row["successors"]],
            "letter_id": row["letter"].pk if row["letter"] else None,
            "letter_state": row["letter"].state if row["letter"] else None,
            "told": row["told"], "missing": row["missing"], "questions": row["questions"],
        } for row in selectors.tracker(departure)]
    return out


@router.get("/w/{ws}/departures", response=list[dict])
@paged
def list_departures(request, ws: str):
    """The tracker of each departure is in its own page (GET /departures/{id})."""
    membership = membership_in(request, ws, "record_departure")
    return Rows(selectors.departures_of(membership),
                lambda d: departure_out(d, membership, tracker=False))


@router.get("/w/{ws}/departures/{departure_id}", response=dict)
def get_departure(request, ws: str, departure_id: int):
    membership = membership_in(request, ws, "record_departure")
    return departure_out(selectors.departure(membership, departure_id), membership)


@router.post("/w/{ws}/departures", response={201: dict})
def record_departure(request, ws: str, payload: DepartureIn):
    membership = membership_in(request, ws, "record_departure")
    data = payload.dict()
    member = Membership.objects.filter(workspace=membership.workspace,
                                       pk=data.pop("member_id")).first()
    if member is None:
        raise Invalid({"member_id": [_("No such member in this workspace.")]})
    try:
        departure = actions.do_record_departure(membership.workspace, actor=request.auth,
                                                member=member, **data)
    except ValidationError as err:
        errors = err.message_dict if hasattr(err, "error_dict") else {"__all__": err.messages}
        raise Invalid({k: list(v) for k, v in errors.items()}) from err
    return Status(201, departure_out(departure, membership))
