"""Duties with their procedure versions and story, time entries, reviews, reports, proposals."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from handover.clients.models import Engagement
from handover.core.models import Workspace

USER = settings.AUTH_USER_MODEL


class DutyStatus(models.TextChoices):
    TRIAL = "trial", _("On trial")
    ACTIVE = "active", pgettext_lazy("duty status", "Active")
    HANDED_BACK = "handed_back", _("Handed back")
    RETIRED = "retired", _("Retired")


class Frequency(models.TextChoices):
    DAILY = "daily", _("Every working day")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every quarter")
    YEARLY = "yearly", _("Every year")
    AS_NEEDED = "as_needed", _("When needed")


# Occurrences in an average month; "when needed" is measured from the time entries.
PER_MONTH = {"daily": 21.0, "weekly": 4.33, "fortnightly": 2.17, "monthly": 1.0,
             "quarterly": 1 / 3, "yearly": 1 / 12}


class Duty(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="duties",
                                   verbose_name=_("engagement"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    assignee = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="duties", verbose_name=_("carried by"))
    status = models.CharField(_("status"), max_length=12, choices=DutyStatus.choices,
                              default=DutyStatus.TRIAL)
    started_on = models.DateField(_("started on"))
    trial_review_on = models.DateField(_("trial review on"), null=True, blank=True)
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)
    frequency = models.CharField(_("how often"), max_length=12, choices=Frequency.choices,
                                 default=Frequency.WEEKLY)
    client_minutes = models.PositiveIntegerField(
        _("the client's own time per occurrence (minutes)"), null=True, blank=True)
    agreed_minutes = models.PositiveIntegerField(
        _("time agreed per occurrence (minutes)"), null=True, blank=True)
    # What an hour of the client's own time is worth to them; the engagement's rate when empty.
    client_hourly_value = models.DecimalField(
        _("value of an hour of the client's own time"), max_digits=8, decimal_places=2,
        null=True, blank=True, validators=[MinValueValidator(0)])
    review_reminded_for = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["engagement__client__name", "title"]
        indexes = [models.Index(fields=["workspace", "status"], name="duty_ws_status")]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (DutyStatus.TRIAL, DutyStatus.ACTIVE)


class ProcedureVersion(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    body = models.TextField(_("procedure"))
    change_note = models.CharField(_("what changed and why"), max_length=500, blank=True)
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["duty", "-number"]
        constraints = [models.UniqueConstraint(fields=["duty", "number"],
                                               name="one_version_number_per_duty")]

    def __str__(self):
        return f"{self.duty.title} v{self.number}"


class ChangeKind(models.TextChoices):
    CREATED = "created", _("Set up")
    PROCEDURE = "procedure", _("Procedure revised")
    SCOPE = "scope", _("Scope changed")
    ASSIGNEE = "assignee", _("Assignee changed")
    STATUS = "status", _("Status changed")
    REVIEW = "review", _("Review")
    PROPOSAL = "proposal", _("Revision proposed")
    PROPOSAL_ACCEPTED = "proposal_accepted", _("Proposal accepted")
    PROPOSAL_DECLINED = "proposal_declined", _("Proposal declined")
    TERMS_ANSWER = "terms_answer", _("The client's answer to new terms")


class DutyChange(models.Model):
    """One event in the story of a duty: the timeline reads these in order."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20, choices=ChangeKind.choices)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    version = models.ForeignKey(ProcedureVersion, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["duty", "created_at", "id"]

    def __str__(self):
        return f"{self.duty_id} {self.kind}"


class ImportBatch(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=12)
    imported_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    seconds = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.filename


class TimeEntry(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        TIMER = "timer", _("Timer")
        IMPORT = "import", _("Imported")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="time_entries",
                             verbose_name=_("duty"))
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="time_entries")
    date = models.DateField(_("date"))
    started_at = models.DateTimeField(_("start"), null=True, blank=True)
    ended_at = models.DateTimeField(_("end"), null=True, blank=True)
    seconds = models.PositiveIntegerField(default=0)
    occurrences = models.PositiveIntegerField(_("occurrences"), default=1)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MANUAL)
    running = models.BooleanField(default=False)
    batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="entries")
    source_person = models.CharField(max_length=254, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=models.Q(running=True),
                                    name="one_running_timer_per_person"),
            models.UniqueConstraint(fields=["workspace", "fingerprint"],
                                    condition=~models.Q(fingerprint=""),
                                    name="imported_entry_once"),
        ]
        indexes = [models.Index(fields=["workspace", "duty", "date"], name="time_ws_duty_date")]

    def __str__(self):
        return f"{self.duty_id} {self.date} {self.seconds}s"

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 1)


class ImportMapping(models.Model):
    """A tracker's client/project/task, remembered as one duty (or as skipped)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    client = models.CharField(max_length=255, blank=True)
    project = models.CharField(max_length=255, blank=True)
    task = models.CharField(max_length=255, blank=True)
    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "client", "project", "task"],
                                               name="one_mapping_per_name")]

    def __str__(self):
        return " / ".join(p for p in (self.client, self.project, self.task) if p)


class Decision(models.TextChoices):
    KEEP = "keep", _("Keep as it is")
    RENEGOTIATE = "renegotiate", _("Change its scope or price")
    HAND_BACK = "hand_back", _("Hand back to the client")
    EXTEND = "extend", _("Extend the trial")
    REVISE = "revise", _("Revise the procedure")


class ClientAnswer(models.TextChoices):
    PENDING = "pending", _("Waiting for the client's answer")
    ACCEPTED = "accepted", _("Accepted by the client")
    DECLINED = "declined", _("Declined by the client")


class Review(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    notes = models.TextField(_("notes"), blank=True)
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)
    figures = models.JSONField(default=dict, blank=True)
    # A change of scope or price: the terms proposed to the client ("agreed_minutes",
    # "hourly_rate", "scope"), applied to the duty and the engagement once accepted.
    proposed_terms = models.JSONField(default=dict, blank=True)
    client_answer = models.CharField(max_length=10, choices=ClientAnswer.choices, blank=True)
    client_answer_note = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    letter = models.ForeignKey("letters.Letter", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    decided_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.duty.title}: {self.get_decision_display()}"


class ReportRequest(models.Model):
    """A collaborator's monthly report on the duties she carries."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    collaborator = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    due_on = models.DateField()
    requested_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-month", "collaborator__name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "collaborator", "month"],
                                               name="one_report_per_month")]

    def __str__(self):
        return f"{self.collaborator} {self.month:%Y-%m}"

    @property
    def is_late(self) -> bool:
        return self.submitted_at is None and self.due_on < timezone.localdate()


class ReportItem(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="items")
    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="+")
    minutes = models.PositiveIntegerField(_("time spent (minutes)"), default=0)
    occurrences = models.PositiveIntegerField(_("occurrences"), default=0)
    changes = models.TextField(_("what changed"), blank=True)
    problems = models.TextField(_("problems"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)

    class Meta:
        ordering = ["duty__title"]
        constraints = [models.UniqueConstraint(fields=["request", "duty"],
                                               name="one_item_per_duty")]

    def __str__(self):
        return f"{self.request} {self.duty}"


class Proposal(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="proposals")
    base = models.ForeignKey(ProcedureVersion, on_delete=models.SET_NULL, null=True,
                             related_name="+")
    body = models.TextField(_("proposed procedure"))
    note = models.CharField(_("what would change and why"), max_length=500)
    proposed_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decision_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.duty.title}: {self.note[:60]}"


MIN_ONE = [MinValueValidator(1)]
