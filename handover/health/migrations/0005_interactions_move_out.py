"""Interaction, Invoice, ImportRun and ImapCursor now belong to the interactions app.

State only: the tables keep their names and rows (the interactions app's models set
`db_table`), the foreign keys of facts and findings keep pointing at the same tables, so
the database is not touched. The interactions app's 0001 adds the models to its state
first (it depends on this app's 0004, so the tables exist by then on a fresh database).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("health", "0004_dates_unknown_and_dead_imports"),
        ("interactions", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="interactionfacts",
                    name="interaction",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                        related_name="facts", serialize=False, to="interactions.interaction"),
                ),
                migrations.AlterField(
                    model_name="healthfinding",
                    name="interaction",
                    field=models.ForeignKey(
                        blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                        related_name="+", to="interactions.interaction"),
                ),
                migrations.AlterField(
                    model_name="healthfinding",
                    name="invoice",
                    field=models.ForeignKey(
                        blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                        related_name="+", to="interactions.invoice"),
                ),
                # Interaction first: it refers to ImportRun.
                migrations.DeleteModel(name="Interaction"),
                migrations.DeleteModel(name="Invoice"),
                migrations.DeleteModel(name="ImapCursor"),
                migrations.DeleteModel(name="ImportRun"),
            ],
        ),
    ]
