"""Interactions with clients (mail, calls, meetings...), invoices, and the import runs.

The tables keep the names they had in the health app (`db_table`): the models moved, the
rows did not (migrations/0001_initial.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handover.clients.models import Engagement
from handover.core.models import Workspace


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    CHAT = "chat", _("Chat")
    TASK_REQUEST = "task_request", _("Task request")
    SCHEDULE_CHANGE = "schedule_change", _("Schedule change")


class Direction(models.TextChoices):
    INBOUND = "inbound", _("Inbound")
    OUTBOUND = "outbound", _("Outbound")


class Interaction(models.Model):
    """One message, call, meeting... `engagement` is empty while it is unplaced."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, null=True, blank=True,
        related_name="interactions", verbose_name=_("engagement"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.INBOUND
    )
    # Empty when the date is unknown: the source gave none that can be used (outside
    # 1970-2100, an absurd offset, unreadable); `raw_date` then keeps it as written.
    occurred_at = models.DateTimeField(_("when"), null=True, blank=True)
    raw_date = models.CharField(_("date as written"), max_length=200, blank=True, default="",
                                db_default="")
    utc_offset_minutes = models.SmallIntegerField(null=True, blank=True)
    duration = models.DurationField(_("duration"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    sender = models.CharField(_("from"), max_length=320, blank=True)
    participants = models.JSONField(_("participants"), default=list, blank=True)
    counterpart = models.CharField(max_length=320, blank=True)
    due_at = models.DateTimeField(_("requested by"), null=True, blank=True)
    old_time = models.DateTimeField(_("previous time"), null=True, blank=True)
    new_time = models.DateTimeField(_("new time"), null=True, blank=True)
    sequence = models.IntegerField(default=0)  # iCalendar SEQUENCE: which version is newer
    source = models.CharField(max_length=20)
    source_id = models.CharField(max_length=300)
    import_run = models.ForeignKey(
        "ImportRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "health_interaction"
        ordering = [models.F("occurred_at").desc(nulls_last=True)]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "source", "source_id"],
                                    name="interaction_source_unique")
        ]
        indexes = [
            models.Index(fields=["workspace", "engagement", "occurred_at"],
                         name="interaction_timeline"),
            models.Index(fields=["workspace", "counterpart"], name="interaction_counterpart"),
        ]

    def __str__(self):
        return self.subject or self.get_channel_display()

    @property
    def date_unknown(self) -> bool:
        return self.occurred_at is None


class Invoice(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE,
                                   related_name="invoices", verbose_name=_("engagement"))
    number = models.CharField(_("number"), max_length=60)
    issued = models.DateField(_("issued on"))
    due = models.DateField(_("due on"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "health_invoice"
        ordering = ["-issued", "number"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="invoice_number_unique")
        ]

    def __str__(self):
        return self.number


class ImportKind(models.TextChoices):
    MAIL = "mail", _("Mail")
    CALENDAR = "calendar", _("Calendar")
    CALLS = "calls", _("Call log")
    INVOICES = "invoices", _("Invoices")


class ImportState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class ImportRun(models.Model):
    """One import: its progress (polled by the page) and its final report."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ImportKind.choices)
    label = models.CharField(max_length=300)
    state = models.CharField(max_length=10, choices=ImportState.choices,
                             default=ImportState.QUEUED)
    client_name = models.CharField(max_length=200, blank=True)
    upload = models.FileField(upload_to="imports/", blank=True)
    # An IMAP password, sealed with the instance key; wiped when the run ends.
    sealed_secret = models.TextField(blank=True)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    unmatched = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    failures = models.JSONField(default=list, blank=True)
    unknown_dates = models.PositiveIntegerField(default=0)
    undated = models.JSONField(default=list, blank=True)  # [{item, subject, date}]
    error = models.TextField(blank=True)
    # The process running the import, so that a start-up on this machine can tell a run
    # whose process died (killed, machine restarted) from one still going elsewhere.
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    process = models.CharField(max_length=80, blank=True)  # boot id and start time (Linux)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "health_importrun"
        ordering = ["-created_at"]

    def __str__(self):
        return self.label

    @property
    def percent(self) -> int:
        if self.state == ImportState.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, int(100 * self.processed / self.total))


class ImapCursor(models.Model):
    """How far an IMAP folder was imported: incremental by UID within one UIDVALIDITY."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    host = models.CharField(max_length=253)
    username = models.CharField(max_length=320)
    folder = models.CharField(max_length=300)
    uidvalidity = models.BigIntegerField()
    last_uid = models.BigIntegerField(default=0)

    class Meta:
        db_table = "health_imapcursor"
        constraints = [
            models.UniqueConstraint(fields=["workspace", "host", "username", "folder"],
                                    name="imap_cursor_unique")
        ]

    def __str__(self):
        return f"{self.username}@{self.host}/{self.folder}"
