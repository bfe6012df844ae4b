"""Audit events about moved models keep finding their target: `target_type` is the model's
label ("health.importrun" becomes "interactions.importrun"), and so are the content types."""

from django.db import migrations

MODELS = ("interaction", "invoice", "importrun", "imapcursor")


def _relabel(apps, old: str, new: str) -> None:
    AuditEvent = apps.get_model("core", "AuditEvent")
    for model in MODELS:
        AuditEvent.objects.filter(target_type=f"{old}.{model}").update(
            target_type=f"{new}.{model}")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).delete()
        else:
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def forward(apps, schema_editor):
    _relabel(apps, "health", "interactions")


def backward(apps, schema_editor):
    _relabel(apps, "interactions", "health")


class Migration(migrations.Migration):

    dependencies = [
        ("interactions", "0001_initial"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=True)]
