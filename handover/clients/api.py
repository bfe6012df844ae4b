"""API of the clients app: clients, their contacts and e-mail domains, engagements."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from handover.core.rest.access import bind, membership_in
from handover.core.rest.errors import Invalid
from handover.core.rest.paging import Rows, paged
from handover.core.rest.schemas import ErrorOut, ValidationOut
from handover.core.selectors import member_users
from handover.lib.hours import WEEKDAYS

from . import actions, selectors
from .forms import ClientForm, ContactForm, EngagementForm
from .models import Client, ClientDomain, Contact, Engagement

# How many of a client's e-mail domains an item of the client list carries.
DOMAINS_IN_LIST = 20


class ContactIn(Schema):
    name: str
    email: str = ""
    phone: str = ""
    role: str = ""


class ContactPatch(Schema):
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    role: str | None = None


class ContactOut(Schema):
    id: int
    client_id: int
    name: str
    email: str
    phone: str
    role: str


class ClientIn(Schema):
    name: str
    kind: str = "company"
    language: str = "en"
    country: str
    time_zone: str
    email_domains: list[str] = []
    notes: str = ""


class ClientPatch(Schema):
    name: str | None = None
    kind: str | None = None
    language: str | None = None
    country: str | None = None
    time_zone: str | None = None
    email_domains: list[str] | None = None
    notes: str | None = None


class ClientOut(Schema):
    id: int
    name: str
    kind: str
    language: str
    country: str
    time_zone: str
    email_domains: list[str] = Field(
        description=f"The client's e-mail domains; in the client list, at most the first "
        f"{DOMAINS_IN_LIST} (see email_domain_count).")
    email_domain_count: int
    notes: str
    archived: bool
    created_at: datetime


class EngagementIn(Schema):
    client_id: int
    title: str
    status: str = "active"
    start_date: date
    end_date: date | None = None
    account_manager: str | None = None
    notice_days: int = 30
    time_zone: str
    holiday_country: str = ""
    holiday_subdivision: str = ""
    lead_time_hours: int = 48
    payment_terms_days: int = 30
    hourly_rate: Decimal | None = None
    support_rate: Decimal | None = None
    currency: str = "EUR"
    working_hours: dict[str, list[str]] = {}


class EngagementPatch(Schema):
    client_id: int | None = None
    title: str | None = None
    status: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    account_manager: str | None = None
    notice_days: int | None = None
    time_zone: str | None = None
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    lead_time_hours: int | None = None
    payment_terms_days: int | None = None
    hourly_rate: Decimal | None = None
    support_rate: Decimal | None = None
    currency: str | None = None
    working_hours: dict[str, list[str]] | None = None


class EngagementOut(Schema):
    id: int
    client_id: int
    client: str
    title: str
    status: str
    start_date: date
    end_date: date | None
    account_manager: str | None
    notice_days: int
    time_zone: str
    holiday_country: str
    holiday_subdivision: str
    lead_time_hours: int
    payment_terms_days: int
    hourly_rate: Decimal | None
    support_rate: Decimal | None
    currency: str
    working_hours: dict[str, list[str]]
    archived: bool


# Clients ---------------------------------------------------------------------------------

clients = Router(tags=["clients"])


def client_out(client: Client) -> dict:
    domains = getattr(client, "listed_domains", None)
    if domains is None:
        domains = list(client.domains.order_by("domain").values_list("domain", flat=True))
        count = len(domains)
    else:
        domains, count = [d.domain for d in domains], client.domain_count
    return {
        "id": client.pk, "name": client.name, "kind": client.kind,
        "language": client.language, "country": client.country, "time_zone": client.time_zone,
        "email_domains": domains, "email_domain_count": count, "notes": client.notes,
        "archived": client.archived_at is not None, "created_at": client.created_at,
    }


def _listed_clients(workspace, *, archived: bool):
    """A page's clients with their first domains and how many they have, in two queries."""
    counted = (ClientDomain.objects.filter(client=OuterRef("pk")).order_by()
               .values("client").annotate(n=Count("pk")).values("n"))
    first = ClientDomain.objects.order_by("domain")[:DOMAINS_IN_LIST]
    return (selectors.clients_of(workspace, archived=archived)
            .annotate(domain_count=Coalesce(Subquery(counted), 0))
            .prefetch_related(Prefetch("domains", queryset=first, to_attr="listed_domains"))
            .order_by("name"))


def _client_payload(payload, *, partial: bool) -> dict:
    data = payload.dict(exclude_unset=partial)
    if "email_domains" in data:
        data["email_domains"] = ", ".join(data["email_domains"] or [])
    return data


@clients.get("/w/{ws}/clients", response=list[ClientOut])
@paged
def list_clients(request, ws: str, archived: bool = False):
    membership = membership_in(request, ws, "view_all_engagements")
    return Rows(_listed_clients(membership.workspace, archived=archived), client_out)


@clients.post("/w/{ws}/clients", response={201: ClientOut, 422: ValidationOut})
def create_client(request, ws: str, payload: ClientIn):
    membership = membership_in(request, ws, "manage_clients")
    data = _client_payload(payload, partial=False)
    form = bind(ClientForm, membership.workspace, data)
    client = actions.do_create_client(membership.workspace, actor=request.auth,
                                      **form.cleaned_data)
    return Status(201, client_out(client))


@clients.get("/w/{ws}/clients/{client_id}", response={200: ClientOut, 404: ErrorOut})
def get_client(request, ws: str, client_id: int):
    membership = membership_in(request, ws, "view_all_engagements")
    return client_out(selectors.client(membership.workspace, client_id))


@clients.patch("/w/{ws}/clients/{client_id}", response={200: ClientOut, 422: ValidationOut})
def update_client(request, ws: str, client_id: int, payload: ClientPatch):
    membership = membership_in(request, ws, "manage_clients")
    client = selectors.client(membership.workspace, client_id)
    form = bind(ClientForm, membership.workspace, _client_payload(payload, partial=True),
                 instance=client)
    actions.do_update_client(client, actor=request.auth, **form.cleaned_data)
    return client_out(client)


@clients.post("/w/{ws}/clients/{client_id}/archive", response=ClientOut)
def archive_client(request, ws: str, client_id: int):
    membership = membership_in(request, ws, "manage_clients")
    client = selectors.client(membership.workspace, client_id)
    return client_out(actions.do_archive_client(client, actor=request.auth))


@clients.post("/w/{ws}/clients/{client_id}/restore", response=ClientOut)
def restore_client(request, ws: str, client_id: int):
    membership = membership_in(request, ws, "manage_clients")
    client = selectors.client(membership.workspace, client_id)
    return client_out(actions.do_restore_client(client, actor=request.auth))


# Contacts --------------------------------------------------------------------------------

def contact_out(contact: Contact) -> dict:
    return {"id": contact.pk, "client_id": contact.client_id, "name": contact.name,
            "email": contact.email, "phone": contact.phone, "role": contact.role}


@clients.get("/w/{ws}/clients/{client_id}/contacts", response=list[ContactOut])
@paged
def list_contacts(request, ws: str, client_id: int):
    membership = membership_in(request, ws, "view_all_engagements")
    client = selectors.client(membership.workspace, client_id)
    return Rows(selectors.contacts_of(membership.workspace, client), contact_out)


@clients.post("/w/{ws}/clients/{client_id}/contacts",
              response={201: ContactOut, 422: ValidationOut})
def create_contact(request, ws: str, client_id: int, payload: ContactIn):
    membership = membership_in(request, ws, "manage_clients")
    client = selectors.client(membership.workspace, client_id)
    form = bind(ContactForm, membership.workspace, payload.dict())
    contact = actions.do_add_contact(client, actor=request.auth, **form.cleaned_data)
    return Status(201, contact_out(contact))


@clients.get("/w/{ws}/contacts/{contact_id}", response=ContactOut)
def get_contact(request, ws: str, contact_id: int):
    membership = membership_in(request, ws, "view_all_engagements")
    return contact_out(selectors.contact(membership.workspace, contact_id))


@clients.patch("/w/{ws}/contacts/{contact_id}", response={200: ContactOut, 422: ValidationOut})
def update_contact(request, ws: str, contact_id: int, payload: ContactPatch):
    membership = membership_in(request, ws, "manage_clients")
    contact = selectors.contact(membership.workspace, contact_id)
    form = bind(ContactForm, membership.workspace, payload.dict(exclude_unset=True),
                 instance=contact)
    return contact_out(actions.do_update_contact(contact, actor=request.auth,
                                                 **form.cleaned_data))


@clients.delete("/w/{ws}/contacts/{contact_id}", response={204: None})
def delete_contact(request, ws: str, contact_id: int):
    membership = membership_in(request, ws, "manage_clients")
    actions.do_remove_contact(selectors.contact(membership.workspace, contact_id),
                              actor=request.auth)
    return Status(204, None)


# Engagements -----------------------------------------------------------------------------

def engagement_out(engagement: Engagement) -> dict:
    hours: dict[str, list[str]] = {key: [] for key in WEEKDAYS}
    for w in engagement.working_windows.all():
        end = "24:00" if w.end.second == 59 else f"{w.end:%H:%M}"
        hours[WEEKDAYS[w.weekday]].append(f"{w.start:%H:%M}-{end}")
    return {
        "id": engagement.pk, "client_id": engagement.client_id,
        "client": engagement.client.name, "title": engagement.title,
        "status": engagement.status, "start_date": engagement.start_date,
        "end_date": engagement.end_date,
        "account_manager": engagement.account_manager.email
        if engagement.account_manager else None,
        "notice_days": engagement.notice_days, "time_zone": engagement.time_zone,
        "holiday_country": engagement.holiday_country,
        "holiday_subdivision": engagement.holiday_subdivision,
        "lead_time_hours": engagement.lead_time_hours,
        "payment_terms_days": engagement.payment_terms_days,
        "hourly_rate": engagement.hourly_rate, "support_rate": engagement.support_rate,
        "currency": engagement.currency, "working_hours": hours,
        "archived": engagement.archived_at is not None,
    }


def _engagement_payload(payload, workspace, *, partial: bool) -> dict:
    data = payload.dict(exclude_unset=partial)
    if "client_id" in data:
        data["client"] = data.pop("client_id")
    if "account_manager" in data:
        email = data.pop("account_manager") or ""
        user = member_users(workspace).filter(email__iexact=email).first() if email else None
        data["account_manager"] = user.pk if user else ("" if not email else -1)
    hours = data.pop("working_hours", None)
    if hours is not None:
        unknown = sorted(set(hours) - set(WEEKDAYS))
        if unknown:
            raise Invalid({"working_hours": [
                _("Unknown weekday “%(day)s”: use %(days)s.")
                % {"day": unknown[0], "days": ", ".join(WEEKDAYS)}
            ]})
        for key in WEEKDAYS:
            data[f"hours_{key}"] = ", ".join(hours.get(key, []))
    return data


engagements = Router(tags=["engagements"])


@engagements.get("/w/{ws}/engagements", response=list[EngagementOut])
@paged
def list_engagements(request, ws: str, archived: bool = False):
    membership = membership_in(request, ws, "view_workspace")
    return Rows(selectors.visible_engagements(membership, archived=archived), engagement_out)


@engagements.post("/w/{ws}/engagements", response={201: EngagementOut, 422: ValidationOut})
def create_engagement(request, ws: str, payload: EngagementIn):
    membership = membership_in(request, ws, "manage_clients")
    data = _engagement_payload(payload, membership.workspace, partial=False)
    form = bind(EngagementForm, membership.workspace, data)
    engagement = actions.do_create_engagement(membership.workspace, actor=request.auth,
                                              **form.action_fields())
    return Status(201, engagement_out(engagement))


@engagements.get("/w/{ws}/engagements/{engagement_id}", response=EngagementOut)
def get_engagement(request, ws: str, engagement_id: int):
    membership = membership_in(request, ws, "view_workspace")
    return engagement_out(selectors.any_engagement(membership, engagement_id))


@engagements.patch("/w/{ws}/engagements/{engagement_id}",
                   response={200: EngagementOut, 422: ValidationOut})
def update_engagement(request, ws: str, engagement_id: int, payload: EngagementPatch):
    membership = membership_in(request, ws, "manage_clients")
    engagement = selectors.engagement(membership, engagement_id)
    data = _engagement_payload(payload, membership.workspace, partial=True)
    form = bind(EngagementForm, membership.workspace, data, instance=engagement)
    actions.do_update_engagement(engagement, actor=request.auth, **form.action_fields())
    engagement.refresh_from_db()
    return engagement_out(engagement)


@engagements.post("/w/{ws}/engagements/{engagement_id}/archive", response=EngagementOut)
def archive_engagement(request, ws: str, engagement_id: int):
    membership = membership_in(request, ws, "manage_clients")
    engagement = selectors.engagement(membership, engagement_id)
    return engagement_out(actions.do_archive_engagement(engagement, actor=request.auth))


@engagements.post("/w/{ws}/engagements/{engagement_id}/restore", response=EngagementOut)
def restore_engagement(request, ws: str, engagement_id: int):
    membership = membership_in(request, ws, "manage_clients")
    engagement = selectors.any_engagement(membership, engagement_id)
    return engagement_out(actions.do_restore_engagement(engagement, actor=request.auth))


router = Router()
router.add_router("/", clients)
router.add_router("/", engagements)
