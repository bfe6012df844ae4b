"""A step's planned day when it fell before its plan started; one open plan per engagement."""

from django.db import migrations, models
from django.utils import timezone


def close_extra_open_plans(apps, schema_editor):
    """Before the constraint: of several open plans of one engagement, the newest stays
    open and the others are closed (the constraint could not be added otherwise)."""
    Plan = apps.get_model("offboarding", "Plan")
    seen = set()
    for plan in Plan.objects.filter(closed_at__isnull=True).order_by("engagement_id",
                                                                     "-created_at", "-pk"):
        if plan.engagement_id in seen:
            plan.closed_at = timezone.now()
            plan.save(update_fields=["closed_at"])
        seen.add(plan.engagement_id)


class Migration(migrations.Migration):

    dependencies = [
        ('offboarding', '0002_account_holder'),
    ]

    operations = [
        migrations.AddField(
            model_name='planstep',
            name='planned_date',
            field=models.DateField(blank=True, null=True, verbose_name='should have been done by'),
        ),
        migrations.RunPython(close_extra_open_plans, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='plan',
            constraint=models.UniqueConstraint(
                condition=models.Q(('closed_at__isnull', True)), fields=('engagement',),
                name='offboarding_one_open_plan_per_engagement'),
        ),
    ]
