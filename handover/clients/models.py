"""Clients, their contacts and e-mail domains, and engagements with their terms."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handover.core.models import Workspace


class ClientKind(models.TextChoices):
    COMPANY = "company", _("Company")
    INDIVIDUAL = "individual", _("Individual")
    AGENCY = "agency", _("Agency")
    NONPROFIT = "nonprofit", _("Non-profit organisation")
    PUBLIC = "public", _("Public body")


class Client(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="clients")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ClientKind.choices, default=ClientKind.COMPANY
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    country = models.CharField(_("country"), max_length=2)
    time_zone = models.CharField(_("time zone"), max_length=64)
    notes = models.TextField(_("notes"), blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "workspace", Lower("name"), name="client_name_unique_in_workspace"
            )
        ]
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def domain_list(self) -> list[str]:
        return [d.domain for d in self.domains.all()]


class ClientDomain(models.Model):
    """An e-mail domain of the client: mail from it is filed under the client."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "domain"], name="domain_unique_in_workspace"
            )
        ]
        ordering = ["domain"]

    def __str__(self):
        return self.domain


class Contact(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts",
                               verbose_name=_("client"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "workspace",
                Lower("email"),
                condition=~models.Q(email=""),
                name="contact_email_unique_in_workspace",
            )
        ]
        ordering = ["name"]

    def __str__(self):
        return self.name


class EngagementStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDING = "ending", _("Ending")
    ENDED = "ended", _("Ended")


class Engagement(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="engagements")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="engagements",
                               verbose_name=_("client"))
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=EngagementStatus.choices,
        default=EngagementStatus.ACTIVE,
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="managed_engagements", verbose_name=_("account manager"),
    )
    notice_days = models.PositiveIntegerField(_("notice period (days)"), default=30)
    time_zone = models.CharField(_("time zone"), max_length=64)
    holiday_country = models.CharField(_("public holidays of"), max_length=3, blank=True)
    holiday_subdivision = models.CharField(_("region"), max_length=40, blank=True)
    lead_time_hours = models.PositiveIntegerField(_("lead time for tasks (hours)"), default=48)
    payment_terms_days = models.PositiveIntegerField(_("payment terms (days)"), default=30)
    hourly_rate = models.DecimalField(
        _("hourly rate"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    support_rate = models.DecimalField(
        _("support rate after the end"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["client__name", "-start_date"]
        indexes = [models.Index(fields=["workspace", "status"], name="engagement_ws_status")]

    def __str__(self):
        return f"{self.client.name}: {self.title}"


class WorkingWindow(models.Model):
    """One stretch of agreed working time on a weekday (0 = Monday), in the engagement's zone."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="working_windows"
    )
    weekday = models.PositiveSmallIntegerField()
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(start__lt=models.F("end")),
                                   name="window_starts_before_it_ends"),
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="weekday_0_to_6"),
        ]

    def __str__(self):
        return f"{self.weekday} {self.start:%H:%M}-{self.end:%H:%M}"
