"""Letters, the workspace's own versions of the templates, and its approval policy."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handover.clients.models import Client, Engagement
from handover.core.models import OutboundEmail, Workspace

from .kinds import DEFAULT_APPROVAL, Kind


class LetterTemplate(models.Model):
    """A workspace's own text for one kind in one language, replacing the shipped one."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "kind", "language"],
                                               name="one_template_per_kind_language")]

    def __str__(self):
        return f"{self.kind} ({self.language})"


def default_approval():
    return [str(k) for k in DEFAULT_APPROVAL]


class LetterPolicy(models.Model):
    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="+")
    approval_kinds = models.JSONField(_("kinds that need a manager's approval"),
                                      default=default_approval)
    # Members who may record the legal review of a public statement (owners when empty).
    legal_reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                             related_name="+")

    def __str__(self):
        return f"policy of {self.workspace}"


class LetterState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # Never sent and never to be: drafting the departure's letters again makes a new one.
    DISCARDED = "discarded", _("Discarded")


class Letter(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="+")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+")
    departure = models.ForeignKey("departures.Departure", on_delete=models.CASCADE, null=True,
                                  blank=True, related_name="letters")
    recipient_name = models.CharField(_("recipient"), max_length=200, blank=True)
    recipient_email = models.EmailField(_("recipient's e-mail address"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    # The facts the lint checks the text for, as rendered: {name: value}.
    facts = models.JSONField(default=dict, blank=True)
    findings = models.JSONField(default=list, blank=True)
    attach_pdf = models.BooleanField(_("attach a PDF copy"), default=False)
    attach_docx = models.BooleanField(_("attach a DOCX copy"), default=False)
    state = models.CharField(max_length=10, choices=LetterState.choices,
                             default=LetterState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    legal_reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                          null=True, blank=True, related_name="+")
    legal_reviewed_at = models.DateTimeField(null=True, blank=True)
    legal_note = models.TextField(blank=True)
    override_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    override_at = models.DateTimeField(null=True, blank=True)
    override_note = models.TextField(blank=True)
    email = models.ForeignKey(OutboundEmail, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "state"], name="letter_ws_state")]

    def __str__(self):
        return self.subject

    @property
    def high_findings(self) -> list[dict]:
        return [f for f in self.findings if f.get("severity") == "high"]
