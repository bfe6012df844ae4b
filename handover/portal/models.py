"""A delivery: archives offered to the client behind an expiring, revocable link."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from handover.clients.models import Client
from handover.core.models import Workspace
from handover.files.models import ExportJob


class Delivery(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    export_job = models.ForeignKey(ExportJob, on_delete=models.CASCADE,
                                   related_name="deliveries")
    client = models.ForeignKey(Client, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    recipient = models.EmailField()
    language = models.CharField(max_length=8, default="en")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    receipt_name = models.CharField(max_length=200, blank=True)
    receipt_at = models.DateTimeField(null=True, blank=True)
    receipt_ip = models.GenericIPAddressField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return self.recipient

    @property
    def is_open(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
