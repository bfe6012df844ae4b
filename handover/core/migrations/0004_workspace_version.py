from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0003_scheduled_run"),
    ]

    operations = [
        migrations.AddField(
            model_name="workspace",
            name="version",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
    ]
