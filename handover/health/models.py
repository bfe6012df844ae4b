"""Relationship health: per-interaction facts, findings with evidence, monthly summaries,
each engagement's current state, and the thresholds of a workspace. The interactions and
invoices they are computed from are the interactions app's.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handover.clients.models import Engagement
from handover.core.models import Workspace
from handover.interactions.models import Interaction, Invoice
from handover.lib.thresholds import DEFAULTS


class SignalKind(models.TextChoices):
    OUT_OF_HOURS = "out_of_hours", _("Contact out of hours")
    LAST_MINUTE = "last_minute", _("Last-minute requests")
    SCHEDULE_CHANGE = "schedule_change", _("Last-minute schedule changes")
    PAYMENT = "payment", _("Payment")
    DISRESPECT = "disrespect", _("Disrespect")
    EXPECTATIONS = "expectations", _("Unspoken expectations")
    SCOPE_DRIFT = "scope_drift", _("Scope drift")


class Recommendation(models.TextChoices):
    CARRY_ON = "carry_on", _("Carry on")
    SUMMARY = "summary", _("Hold a summary conversation about expectations")
    RENEGOTIATE = "renegotiate", _("Renegotiate the terms")
    NOTICE = "notice", _("Give notice")
    END_NOW = "end_now", _("End the engagement at once")


class HealthThresholds(models.Model):
    """A workspace's thresholds; a workspace without a row uses the defaults
    (handover.lib.thresholds)."""

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="+")
    long_call_minutes = models.PositiveIntegerField(
        _("long call (minutes)"), default=DEFAULTS["long_call_minutes"])
    out_of_hours_percent = models.PositiveIntegerField(
        _("out-of-hours contact worth raising (%)"), default=DEFAULTS["out_of_hours_percent"])
    last_minute_per_month = models.PositiveIntegerField(
        _("last-minute requests per month worth raising"),
        default=DEFAULTS["last_minute_per_month"])
    schedule_change_hours = models.PositiveIntegerField(
        _("a change less than this before the start is last-minute (hours)"),
        default=DEFAULTS["schedule_change_hours"])
    late_payment_days = models.PositiveIntegerField(
        _("payment this late is worth raising (days)"), default=DEFAULTS["late_payment_days"])
    expectations_per_month = models.PositiveIntegerField(
        _("rework or clarification messages per month worth raising"),
        default=DEFAULTS["expectations_per_month"])

    def __str__(self):
        return str(self.workspace)


class InteractionFacts(models.Model):
    """What one interaction says, computed once (after its import) so that signals are
    recomputed in SQL without re-reading text."""

    interaction = models.OneToOneField(Interaction, on_delete=models.CASCADE,
                                       primary_key=True, related_name="facts")
    # No single-column indexes: the (workspace, engagement, month) index serves every read,
    # and each index more is paid on every one of a million inserts.
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+",
                                  db_index=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="+",
                                   db_index=False)
    inbound = models.BooleanField(default=True)
    channel = models.CharField(max_length=20)
    local_date = models.DateField()
    month = models.DateField()  # first day of the local month
    weekday = models.PositiveSmallIntegerField()
    minute = models.PositiveSmallIntegerField()
    off_class = models.CharField(max_length=16, blank=True)  # see hours_check.REASONS
    weight = models.FloatField(default=1.0)
    language = models.CharField(max_length=8, blank=True)
    findings = models.JSONField(default=list, blank=True)
    disrespect = models.PositiveSmallIntegerField(default=0)  # highest severity, 0 = none
    expectation = models.BooleanField(default=False)
    last_minute = models.BooleanField(default=False)
    late_change = models.BooleanField(default=False)
    deadline = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["workspace", "engagement", "month"],
                                name="facts_engagement_month")]

    def __str__(self):
        return f"facts {self.interaction_id}"


class HealthFinding(models.Model):
    """One piece of evidence for a signal: an interaction or an invoice, or a count."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE,
                                   related_name="health_findings")
    signal = models.CharField(max_length=20, choices=SignalKind.choices)
    key = models.CharField(max_length=80)  # stable across recomputation
    severity = models.PositiveSmallIntegerField(default=1)
    occurred_at = models.DateTimeField()
    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE,
                                    null=True, blank=True, related_name="+")
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE,
                                null=True, blank=True, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-severity", "-occurred_at"]
        constraints = [models.UniqueConstraint(fields=["engagement", "key"],
                                               name="health_finding_key_unique")]
        indexes = [models.Index(fields=["engagement", "-severity", "-occurred_at"],
                                name="health_finding_page")]

    def __str__(self):
        return f"{self.get_signal_display()} {self.key}"


class HealthMonth(models.Model):
    """Per engagement and local month: the counts behind every signal (precomputed)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    inbound = models.PositiveIntegerField(default=0)
    out_of_hours = models.PositiveIntegerField(default=0)
    weighted_inbound = models.FloatField(default=0)
    weighted_out = models.FloatField(default=0)
    weekend = models.PositiveIntegerField(default=0)
    holiday = models.PositiveIntegerField(default=0)
    last_minute = models.PositiveIntegerField(default=0)
    schedule_changes = models.PositiveIntegerField(default=0)
    disrespect = models.PositiveIntegerField(default=0)
    serious = models.PositiveIntegerField(default=0)
    expectations = models.PositiveIntegerField(default=0)
    invoices_due = models.PositiveIntegerField(default=0)
    late_days = models.PositiveIntegerField(default=0)  # sum over invoices due this month

    class Meta:
        ordering = ["month"]
        constraints = [models.UniqueConstraint(fields=["engagement", "month"],
                                               name="health_month_unique")]

    def __str__(self):
        return f"{self.engagement_id} {self.month:%Y-%m}"


class EngagementHealth(models.Model):
    """An engagement's current state, read by the pages; last week's kept for the digest."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE,
                                      related_name="health")
    score = models.PositiveSmallIntegerField(default=100)
    recommendation = models.CharField(max_length=12, choices=Recommendation.choices,
                                      default=Recommendation.CARRY_ON)
    reasons = models.JSONField(default=list, blank=True)  # [[code, {params}], ...]
    breakdown = models.JSONField(default=dict, blank=True)  # signal -> {penalty, ...}
    counts = models.JSONField(default=dict, blank=True)  # signal -> count (not dismissed)
    heatmap = models.JSONField(default=list, blank=True)  # 7 x 24 inbound counts
    invoice_delays = models.JSONField(default=list, blank=True)  # [[number, due, days, paid]]
    computed_at = models.DateTimeField(default=timezone.now)
    # Set when the last recompute of this engagement failed (the figures, if any, are
    # from before); cleared by the next one that succeeds.
    failed_at = models.DateTimeField(null=True, blank=True)
    last_week_score = models.PositiveSmallIntegerField(null=True, blank=True)
    last_week_recommendation = models.CharField(max_length=12, blank=True)
    last_week_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["score"]

    def __str__(self):
        return f"{self.engagement_id}: {self.score}"

    @property
    def advice(self) -> str:
        """The recommendation as the dashboard shows it: once the engagement is ending or
        ended, advice about its future (give notice, renegotiate) no longer applies."""
        status = self.engagement.status
        if status == "ending":
            return str(_("Ending: its plan is under way"))
        if status == "ended":
            return str(_("Ended"))
        return self.get_recommendation_display()

    @property
    def has_figures(self) -> bool:
        """False for a row that only records a failure (never computed successfully)."""
        return bool(self.breakdown)

    @property
    def changed(self) -> bool:
        return self.last_week_at is not None and (
            self.last_week_recommendation != self.recommendation
            or self.last_week_score != self.score)

