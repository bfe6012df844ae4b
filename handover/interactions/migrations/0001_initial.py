"""The interactions app takes over four models from the health app, rows and all.

The tables stay where they are (`db_table` keeps their health_ names): this migration only
adds the models to this app's state, and health's 0005 removes them from its own. On a
fresh database the health migrations create the tables first (dependency below); on an
existing one nothing is copied or altered.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The tables were created by the health app's migrations: they must exist first.
        ('health', '0004_dates_unknown_and_dead_imports'),
        ('clients', '0002_initial'),
        ('core', '0004_workspace_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                    migrations.CreateModel(
                        name='ImportRun',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('kind', models.CharField(choices=[('mail', 'Mail'), ('calendar', 'Calendar'), ('calls', 'Call log'), ('invoices', 'Invoices')], max_length=10)),
                            ('label', models.CharField(max_length=300)),
                            ('state', models.CharField(choices=[('queued', 'Waiting'), ('running', 'Running'), ('done', 'Finished'), ('failed', 'Failed')], default='queued', max_length=10)),
                            ('client_name', models.CharField(blank=True, max_length=200)),
                            ('upload', models.FileField(blank=True, upload_to='imports/')),
                            ('sealed_secret', models.TextField(blank=True)),
                            ('total', models.PositiveIntegerField(default=0)),
                            ('processed', models.PositiveIntegerField(default=0)),
                            ('imported', models.PositiveIntegerField(default=0)),
                            ('duplicates', models.PositiveIntegerField(default=0)),
                            ('unmatched', models.PositiveIntegerField(default=0)),
                            ('failed', models.PositiveIntegerField(default=0)),
                            ('failures', models.JSONField(blank=True, default=list)),
                            ('unknown_dates', models.PositiveIntegerField(default=0)),
                            ('undated', models.JSONField(blank=True, default=list)),
                            ('error', models.TextField(blank=True)),
                            ('host', models.CharField(blank=True, max_length=255)),
                            ('pid', models.PositiveIntegerField(blank=True, null=True)),
                            ('process', models.CharField(blank=True, max_length=80)),
                            ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                            ('finished_at', models.DateTimeField(blank=True, null=True)),
                            ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                            ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.workspace')),
                        ],
                        options={
                            'db_table': 'health_importrun',
                            'ordering': ['-created_at'],
                        },
                    ),
                    migrations.CreateModel(
                        name='ImapCursor',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('host', models.CharField(max_length=253)),
                            ('username', models.CharField(max_length=320)),
                            ('folder', models.CharField(max_length=300)),
                            ('uidvalidity', models.BigIntegerField()),
                            ('last_uid', models.BigIntegerField(default=0)),
                            ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.workspace')),
                        ],
                        options={
                            'db_table': 'health_imapcursor',
                            'constraints': [models.UniqueConstraint(fields=('workspace', 'host', 'username', 'folder'), name='imap_cursor_unique')],
                        },
                    ),
                    migrations.CreateModel(
                        name='Interaction',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('channel', models.CharField(choices=[('email', 'E-mail'), ('call', 'Call'), ('meeting', 'Meeting'), ('chat', 'Chat'), ('task_request', 'Task request'), ('schedule_change', 'Schedule change')], max_length=20, verbose_name='channel')),
                            ('direction', models.CharField(choices=[('inbound', 'Inbound'), ('outbound', 'Outbound')], default='inbound', max_length=10, verbose_name='direction')),
                            ('occurred_at', models.DateTimeField(blank=True, null=True, verbose_name='when')),
                            ('raw_date', models.CharField(blank=True, db_default='', default='', max_length=200, verbose_name='date as written')),
                            ('utc_offset_minutes', models.SmallIntegerField(blank=True, null=True)),
                            ('duration', models.DurationField(blank=True, null=True, verbose_name='duration')),
                            ('subject', models.CharField(blank=True, max_length=500, verbose_name='subject')),
                            ('body', models.TextField(blank=True, verbose_name='text')),
                            ('sender', models.CharField(blank=True, max_length=320, verbose_name='from')),
                            ('participants', models.JSONField(blank=True, default=list, verbose_name='participants')),
                            ('counterpart', models.CharField(blank=True, max_length=320)),
                            ('due_at', models.DateTimeField(blank=True, null=True, verbose_name='requested by')),
                            ('old_time', models.DateTimeField(blank=True, null=True, verbose_name='previous time')),
                            ('new_time', models.DateTimeField(blank=True, null=True, verbose_name='new time')),
                            ('sequence', models.IntegerField(default=0)),
                            ('source', models.CharField(max_length=20)),
                            ('source_id', models.CharField(max_length=300)),
                            ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                            ('engagement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='interactions', to='clients.engagement', verbose_name='engagement')),
                            ('import_run', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='interactions.importrun')),
                            ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.workspace')),
                        ],
                        options={
                            'db_table': 'health_interaction',
                            'ordering': [models.OrderBy(models.F('occurred_at'), descending=True, nulls_last=True)],
                            'indexes': [models.Index(fields=['workspace', 'engagement', 'occurred_at'], name='interaction_timeline'), models.Index(fields=['workspace', 'counterpart'], name='interaction_counterpart')],
                            'constraints': [models.UniqueConstraint(fields=('workspace', 'source', 'source_id'), name='interaction_source_unique')],
                        },
                    ),
                    migrations.CreateModel(
                        name='Invoice',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('number', models.CharField(max_length=60, verbose_name='number')),
                            ('issued', models.DateField(verbose_name='issued on')),
                            ('due', models.DateField(verbose_name='due on')),
                            ('paid_on', models.DateField(blank=True, null=True, verbose_name='paid on')),
                            ('amount', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='amount')),
                            ('currency', models.CharField(default='EUR', max_length=3, verbose_name='currency')),
                            ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                            ('engagement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invoices', to='clients.engagement', verbose_name='engagement')),
                            ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.workspace')),
                        ],
                        options={
                            'db_table': 'health_invoice',
                            'ordering': ['-issued', 'number'],
                            'constraints': [models.UniqueConstraint(fields=('workspace', 'number'), name='invoice_number_unique')],
                        },
                    ),
            ],
        ),
    ]
