"""What the API returns and accepts for clients, contacts and engagements."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

# How many of a client's e-mail domains an item of the client list carries.
DOMAINS_IN_LIST = 20


class ErrorOut(Schema):
    """Every error of the API: a sentence, and with 422 the sentences per field."""

    detail: str = Field(description="What went wrong, as a sentence in the user's language.")
    errors: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Only with 422: the reasons per field (`__all__` for the whole request).")


class ValidationOut(ErrorOut):
    errors: dict[str, list[str]] = Field(
        description="The reasons per field (`__all__` for the whole request).")


class WorkspaceOut(Schema):
    slug: str
    name: str
    role: str


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
