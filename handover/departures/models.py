"""A member leaving: the departure, its reassignments and the client questions it raises."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handover.clients.models import Client, Engagement
from handover.core.models import Membership, Workspace


class DepartureKind(models.TextChoices):
    RESIGNATION = "resignation", _("Resignation")
    FOR_CAUSE = "for_cause", _("Let go for cause")
    PERFORMANCE = "performance", _("Let go for performance")
    LAYOFF = "layoff", _("Layoff")
    RETIREMENT = "retirement", _("Retirement")
    END_OF_CONTRACT = "end_of_contract", _("End of contract")


class DepartureState(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting a manager")
    APPROVED = "approved", _("Approved")
    COMPLETED = "completed", _("Completed")


class Departure(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="departures",
                               verbose_name=_("member"))
    kind = models.CharField(_("kind"), max_length=20, choices=DepartureKind.choices)
    last_day = models.DateField(_("last day"))
    # Seen only by owners and managers; never in anything a client reads.
    confidential_reason = models.TextField(_("confidential reason"), blank=True)
    new_employer = models.CharField(_("new employer"), max_length=200, blank=True)
    new_employer_is_competitor = models.BooleanField(_("the new employer is a competitor"),
                                                     default=False)
    hr_contact = models.CharField(_("HR contact"), max_length=200, blank=True)
    legal_contact = models.CharField(_("legal contact"), max_length=200, blank=True)
    state = models.CharField(max_length=12, choices=DepartureState.choices,
                             default=DepartureState.PROPOSED)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    deactivation_blocked_at = models.DateTimeField(null=True, blank=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_day", "-id"]

    def __str__(self):
        return self.member.user.display_name

    @property
    def leaver(self):
        return self.member.user


class Reassignment(models.Model):
    """One engagement of the leaver handed to a successor."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    departure = models.ForeignKey(Departure, on_delete=models.CASCADE,
                                  related_name="reassignments")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="+")
    successor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("successor"))
    successor_phone = models.CharField(_("successor's phone"), max_length=40, blank=True)
    moved_items = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["departure", "engagement"],
                                               name="one_reassignment_per_engagement")]

    def __str__(self):
        return f"{self.engagement} → {self.successor}"


class RoutedTo(models.TextChoices):
    HR = "hr", _("HR")
    LEGAL = "legal", _("Lawyer")


class ClientQuestion(models.Model):
    """A client's question about a departure, passed to HR or the lawyer."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    departure = models.ForeignKey(Departure, on_delete=models.CASCADE, related_name="questions")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("client"))
    asked_by = models.CharField(_("asked by"), max_length=200)
    question = models.TextField(_("question"))
    routed_to = models.CharField(_("routed to"), max_length=8, choices=RoutedTo.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.client}: {self.question[:40]}"
