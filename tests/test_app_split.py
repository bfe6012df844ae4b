"""The interactions app took Interaction, Invoice, ImportRun and ImapCursor over from the
health app without copying a row: rows written before the move are read through the new
models afterwards, and health's facts and findings still point at them."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from handover.core.actions import do_create_workspace
from handover.core.models import AuditEvent
from handover.health.models import HealthFinding, InteractionFacts
from handover.interactions.actions import do_ensure_client
from handover.interactions.models import ImapCursor, ImportRun, Interaction, Invoice

from .conftest import make_user

BEFORE = [("health", "0004_dates_unknown_and_dead_imports"), ("interactions", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _old_rows(old, workspace, engagement, user) -> dict:
    """Rows written through the health app's models as they were before the move."""
    model = lambda name: old.get_model("health", name)  # noqa: E731
    run = model("ImportRun").objects.create(workspace_id=workspace.pk, kind="mail",
                                            label="old.mbox", state="done",
                                            created_by_id=user.pk, imported=1)
    interaction = model("Interaction").objects.create(
        workspace_id=workspace.pk, engagement_id=engagement.pk, channel="email",
        direction="inbound", occurred_at=datetime(2025, 3, 4, 10, tzinfo=UTC),
        subject="Before the move", source="mail", source_id="old-1", import_run_id=run.pk)
    invoice = model("Invoice").objects.create(
        workspace_id=workspace.pk, engagement_id=engagement.pk, number="OLD-1",
        issued=date(2025, 1, 1), due=date(2025, 1, 31), amount=Decimal("10.00"))
    cursor = model("ImapCursor").objects.create(workspace_id=workspace.pk, host="imap.example",
                                                username="me", folder="INBOX", uidvalidity=7,
                                                last_uid=42)
    model("InteractionFacts").objects.create(
        interaction_id=interaction.pk, workspace_id=workspace.pk, engagement_id=engagement.pk,
        channel="email", local_date=date(2025, 3, 4), month=date(2025, 3, 1), weekday=1,
        minute=600)
    model("HealthFinding").objects.create(
        workspace_id=workspace.pk, engagement_id=engagement.pk, signal="disrespect",
        key=f"d:{interaction.pk}", occurred_at=interaction.occurred_at,
        interaction_id=interaction.pk)
    model("HealthFinding").objects.create(
        workspace_id=workspace.pk, engagement_id=engagement.pk, signal="payment",
        key=f"i:{invoice.pk}", occurred_at=datetime(2025, 2, 1, tzinfo=UTC),
        invoice_id=invoice.pk)
    old.get_model("core", "AuditEvent").objects.create(
        workspace_id=workspace.pk, verb="import.finished", target_type="health.importrun",
        target_id=str(run.pk), target_label=run.label)
    return {"run": run.pk, "interaction": interaction.pk, "invoice": invoice.pk,
            "cursor": cursor.pk}


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_rows_written_before_the_split():
    latest = _latest()
    user = make_user("mover@a.example", "Mover")
    workspace = do_create_workspace("Moving Studio", actor=user, slug="moving")
    engagement = do_ensure_client(workspace, actor=user, name="Old Client")
    try:
        old = _migrate(BEFORE)
        with pytest.raises(LookupError):
            old.get_model("interactions", "Interaction")
        ids = _old_rows(old, workspace, engagement, user)
    finally:
        _migrate(latest)

    interaction = Interaction.objects.get(pk=ids["interaction"])
    assert interaction.subject == "Before the move" and interaction.engagement == engagement
    assert interaction.import_run == ImportRun.objects.get(pk=ids["run"], label="old.mbox")
    assert Invoice.objects.get(pk=ids["invoice"]).number == "OLD-1"
    assert ImapCursor.objects.get(pk=ids["cursor"]).last_uid == 42
    assert InteractionFacts.objects.get(interaction=interaction).minute == 600
    assert interaction.facts.month == date(2025, 3, 1)
    by_key = {f.key: f for f in HealthFinding.objects.filter(engagement=engagement)}
    assert by_key[f"d:{interaction.pk}"].interaction == interaction
    assert by_key[f"i:{ids['invoice']}"].invoice.number == "OLD-1"
    event = AuditEvent.objects.get(verb="import.finished", target_id=str(ids["run"]))
    assert event.target_type == "interactions.importrun"

    # New rows go on after the old ones in the same tables, and deletes still cascade.
    fresh = Interaction.objects.create(workspace=workspace, engagement=engagement,
                                       channel="call", source="calls", source_id="new-1")
    assert fresh.pk > interaction.pk
    interaction.delete()
    assert not InteractionFacts.objects.filter(pk=ids["interaction"]).exists()
    assert not HealthFinding.objects.filter(key=f"d:{ids['interaction']}").exists()
