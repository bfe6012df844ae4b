"""Offboarding: plan templates, plans and their steps, the access inventory, support after."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handover.clients.models import Client, Engagement
from handover.core.models import OutboundEmail, Workspace


class Scenario(models.TextChoices):
    WE_END = "we_end", _("I end the engagement")
    CLIENT_ENDS = "client_ends", _("The client ends the engagement")
    STAFF_LEAVES = "staff_leaves", _("A team member leaves")
    STAFF_LET_GO = "staff_let_go", _("A team member is let go")


class Anchor(models.TextChoices):
    NOTICE = "notice", _("the notice day")
    LAST_DAY = "last_day", _("the last day")


class Party(models.TextChoices):
    ME = "me", _("Me")
    CLIENT = "client", _("The client")
    SUCCESSOR = "successor", _("The successor")


class StepState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")


class PlanTemplate(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    scenario = models.CharField(_("scenario"), max_length=20, choices=Scenario.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["scenario", "language", "name"]

    def __str__(self):
        return self.name


class StepFields(models.Model):
    title = models.CharField(_("title"), max_length=300)
    anchor = models.CharField(_("counted from"), max_length=10, choices=Anchor.choices)
    offset_days = models.IntegerField(_("days from it"))
    party = models.CharField(_("done by"), max_length=10, choices=Party.choices,
                             default=Party.ME)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    @property
    def distance(self) -> int:
        return abs(self.offset_days)


class TemplateStep(StepFields):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    template = models.ForeignKey(PlanTemplate, on_delete=models.CASCADE, related_name="steps")

    class Meta(StepFields.Meta):
        pass

    def __str__(self):
        return self.title


class Plan(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE,
                                   related_name="offboarding_plans")
    scenario = models.CharField(_("scenario"), max_length=20, choices=Scenario.choices)
    notice_date = models.DateField(_("notice given on"))
    last_day = models.DateField(_("last working day"))
    earliest_last_day = models.DateField()
    override_reason = models.TextField(blank=True)
    support_until = models.DateField(_("available for questions until"), null=True, blank=True)
    support_rate = models.DecimalField(
        _("support rate"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    free_questions = models.PositiveIntegerField(_("free spot questions"), default=3)
    successor_name = models.CharField(_("successor's name"), max_length=200, blank=True)
    successor_email = models.EmailField(_("successor's e-mail address"), blank=True)
    call_at = models.DateTimeField(_("handover call"), null=True, blank=True)
    call_minutes = models.PositiveIntegerField(_("length (minutes)"), default=60)
    call_invited_at = models.DateTimeField(null=True, blank=True)
    recording_url = models.URLField(_("recording's link"), blank=True)
    call_notes = models.TextField(_("notes from the call"), blank=True)
    recap = models.TextField(_("recap document"), blank=True)
    feed_token = models.CharField(max_length=64, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(
            fields=["engagement"], condition=models.Q(closed_at__isnull=True),
            name="offboarding_one_open_plan_per_engagement")]

    def __str__(self):
        return str(self.engagement)


class PlanStep(StepFields):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    due_date = models.DateField(_("due"))
    # The day the template gave, when it fell before the plan started (late from the start).
    planned_date = models.DateField(_("should have been done by"), null=True, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("owner"))
    state = models.CharField(_("state"), max_length=10, choices=StepState.choices,
                             default=StepState.OPEN)
    note = models.TextField(_("note"), blank=True)
    link = models.URLField(_("link"), blank=True, max_length=500)
    evidence = models.FileField(_("file"), upload_to="offboarding/evidence/%Y/%m/",
                                blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta(StepFields.Meta):
        indexes = [models.Index(fields=["workspace", "state", "due_date"],
                                name="planstep_ws_state_due")]

    def __str__(self):
        return self.title


class AccountKind(models.TextChoices):
    CLIENT_ACCOUNT = "client_account", _("Account created for me in the client's domain")
    INVITED = "invited", _("My own account, invited")
    SHARED = "shared", _("Shared credential")


class AccountState(models.TextChoices):
    ACTIVE = "active", _("Active")
    REQUESTED = "requested", _("Revocation requested")
    REVOKED = "revoked", _("Revoked (client confirmed)")
    REMOVED = "removed", _("Removed from my vault")


class AccessAccount(models.Model):
    """Where I can sign in for a client. The secret itself is never stored."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+", verbose_name=_("client"))
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, null=True,
                                   blank=True, related_name="access_accounts",
                                   verbose_name=_("engagement"))
    system = models.CharField(_("system"), max_length=300)
    url = models.CharField(_("address"), max_length=300, blank=True)
    login = models.CharField(_("login name"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AccountKind.choices,
                            default=AccountKind.SHARED)
    vault_item = models.CharField(_("vault item"), max_length=300, blank=True)
    folder = models.CharField(_("folder"), max_length=300, blank=True)
    source = models.CharField(max_length=20, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=AccountState.choices,
                             default=AccountState.ACTIVE)
    requested_at = models.DateTimeField(null=True, blank=True)
    request_email = models.ForeignKey(OutboundEmail, on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    # The member who signs in with it (a staff member's accounts are flagged when they leave).
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+", verbose_name=_("held by"))
    flagged_at = models.DateTimeField(_("flagged for revocation"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["system", "login", "pk"]

    def __str__(self):
        return f"{self.system} ({self.login})" if self.login else self.system


class SupportKind(models.TextChoices):
    FREE = "free", _("Free spot question")
    BILLABLE = "billable", _("Billable time")


class SupportRequest(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="support_requests")
    day = models.DateField(_("date"))
    summary = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=SupportKind.choices,
                            default=SupportKind.FREE)
    minutes = models.PositiveIntegerField(_("minutes"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["day", "pk"]

    def __str__(self):
        return self.summary
