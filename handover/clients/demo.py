"""The demo's clients: four, in four countries, each with contacts and an engagement.

They are filled first (INSTALLED_APPS order): every other app's demo builds on them."""

from datetime import date, time
from decimal import Decimal

from handover.lib.hours import Window

from .actions import do_add_contact, do_create_client, do_create_engagement


def _days(spec: dict[int, list[tuple[str, str]]]) -> dict[int, list[Window]]:
    def clock(text):
        h, m = text.split(":")
        return time(int(h), int(m))

    return {day: [Window(clock(a), clock(b)) for a, b in windows] for day, windows in spec.items()}


OFFICE = {d: [("09:00", "13:00"), ("14:00", "18:00")] for d in range(5)}

CLIENTS = [
    {
        "client": dict(name="Studio Bellini Architetti", kind="company", language="it",
                       country="IT", time_zone="Europe/Rome",
                       notes="Studio di architettura a Milano; gestione agenda e fatturazione.",
                       email_domains=["bellini-architetti.example"]),
        "contacts": [
            dict(name="Giulia Bellini", email="giulia@bellini-architetti.example",
                 phone="+39 02 5550 1234", role="Titolare"),
            dict(name="Marco Ferri", email="marco.ferri@bellini-architetti.example",
                 phone="+39 02 5550 1240", role="Responsabile amministrativo"),
        ],
        "engagement": dict(title="Assistenza amministrativa", start_date=date(2023, 3, 1),
                           notice_days=30, time_zone="Europe/Rome", holiday_country="IT",
                           holiday_subdivision="MI", lead_time_hours=48, payment_terms_days=30,
                           hourly_rate=Decimal("32.00"), support_rate=Decimal("45.00"),
                           currency="EUR", hours=OFFICE),
    },
    {
        "client": dict(name="Kowalczyk Logistyka Sp. z o.o.", kind="company", language="pl",
                       country="PL", time_zone="Europe/Warsaw",
                       notes="Firma transportowa w Krakowie; obsługa skrzynki i kalendarza.",
                       email_domains=["kowalczyk-logistyka.example"]),
        "contacts": [
            dict(name="Anna Kowalczyk", email="anna@kowalczyk-logistyka.example",
                 phone="+48 12 555 0101", role="Prezes zarządu"),
            dict(name="Piotr Nowak", email="piotr.nowak@kowalczyk-logistyka.example",
                 phone="+48 12 555 0102", role="Kierownik biura"),
        ],
        "engagement": dict(title="Obsługa biura zdalnego", start_date=date(2024, 1, 15),
                           notice_days=30, time_zone="Europe/Warsaw", holiday_country="PL",
                           holiday_subdivision="", lead_time_hours=24, payment_terms_days=14,
                           hourly_rate=Decimal("140.00"), support_rate=Decimal("190.00"),
                           currency="PLN",
                           hours={d: [("08:00", "16:00")] for d in range(5)}),
    },
    {
        "client": dict(name="Fundació Mar Blava", kind="nonprofit", language="ca",
                       country="ES", time_zone="Europe/Madrid",
                       notes="Fundació a Barcelona; comunicació amb patrons i voluntariat.",
                       email_domains=["marblava.example"]),
        "contacts": [
            dict(name="Núria Puig", email="nuria.puig@marblava.example",
                 phone="+34 93 555 0110", role="Directora"),
            dict(name="Jordi Vidal", email="jordi.vidal@marblava.example",
                 phone="+34 93 555 0111", role="Coordinador de projectes"),
        ],
        "engagement": dict(title="Suport a la comunicació", start_date=date(2022, 9, 1),
                           notice_days=60, time_zone="Europe/Madrid", holiday_country="ES",
                           holiday_subdivision="CT", lead_time_hours=72, payment_terms_days=30,
                           hourly_rate=Decimal("35.00"), support_rate=Decimal("50.00"),
                           currency="EUR",
                           hours={**{d: [("09:00", "14:00"), ("15:30", "18:30")]
                                     for d in range(4)}, 4: [("08:00", "15:00")]}),
    },
    {
        "client": dict(name="Fjordlys Reiser AS", kind="company", language="nb",
                       country="NO", time_zone="Europe/Oslo",
                       notes="Reisebyrå i Bergen; kundeservice og booking.",
                       email_domains=["fjordlys.example"]),
        "contacts": [
            dict(name="Ingrid Solberg", email="ingrid@fjordlys.example",
                 phone="+47 55 55 01 20", role="Daglig leder"),
            dict(name="Lars Haugen", email="lars.haugen@fjordlys.example",
                 phone="+47 55 55 01 21", role="Salgssjef"),
        ],
        "engagement": dict(title="Kundeservice og booking", start_date=date(2025, 2, 3),
                           notice_days=30, time_zone="Europe/Oslo", holiday_country="NO",
                           holiday_subdivision="46", lead_time_hours=24, payment_terms_days=14,
                           hourly_rate=Decimal("650.00"), support_rate=Decimal("850.00"),
                           currency="NOK",
                           hours={d: [("08:00", "15:30")] for d in range(5)}),
    },
]


def fill(workspace, actor) -> None:
    for spec in CLIENTS:
        client = do_create_client(workspace, actor=actor, **spec["client"])
        for contact in spec["contacts"]:
            do_add_contact(client, actor=actor, **contact)
        terms = dict(spec["engagement"])
        hours = _days(terms.pop("hours"))
        do_create_engagement(workspace, actor=actor, client=client, account_manager=actor,
                             working_hours=hours, **terms)
