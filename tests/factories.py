"""Factories for single rows (factory-boy), for tests that need one row in a given state and
not the journey that leads to it. Richer states come from the real actions."""

from datetime import UTC, date, datetime

import factory
from factory.django import DjangoModelFactory

from handover.clients.models import Client, Engagement
from handover.core.models import Membership, OutboundEmail, Role, User, Workspace
from handover.interactions.models import Interaction


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@factory.example")
    name = factory.Sequence(lambda n: f"Person {n}")
    language = "en"


class WorkspaceFactory(DjangoModelFactory):
    class Meta:
        model = Workspace

    name = factory.Sequence(lambda n: f"Studio {n}")
    slug = factory.Sequence(lambda n: f"studio-{n}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    workspace = factory.SubFactory(WorkspaceFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.OWNER


class ClientFactory(DjangoModelFactory):
    class Meta:
        model = Client

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Client {n}")
    language = "it"
    country = "IT"
    time_zone = "Europe/Rome"


class EngagementFactory(DjangoModelFactory):
    class Meta:
        model = Engagement

    client = factory.SubFactory(ClientFactory)
    workspace = factory.SelfAttribute("client.workspace")
    title = factory.Sequence(lambda n: f"Engagement {n}")
    start_date = date(2026, 1, 5)
    time_zone = factory.SelfAttribute("client.time_zone")


class InteractionFactory(DjangoModelFactory):
    class Meta:
        model = Interaction

    workspace = factory.SubFactory(WorkspaceFactory)
    channel = "email"
    direction = "inbound"
    source = "test"
    source_id = factory.Sequence(str)
    occurred_at = datetime(2026, 3, 3, 10, tzinfo=UTC)


class OutboundEmailFactory(DjangoModelFactory):
    class Meta:
        model = OutboundEmail

    to = factory.Sequence(lambda n: f"reader{n}@factory.example")
    subject = "A message"
    body = "Hello."
