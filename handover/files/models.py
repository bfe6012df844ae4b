"""Audited folders and their files, fixes with an undo log, exports, archives, retention."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handover.clients.models import Client, Engagement
from handover.core.models import Workspace


class RetentionKind(models.TextChoices):
    OPERATIONAL = "operational", _("Operational file")
    CONTRACT = "contract", _("Contract")
    ACCOUNTING = "accounting", _("Invoice or accounting record")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


FINDINGS = {
    "naming": _("Breaks the naming rule"),
    "wrong_folder": _("In the wrong folder"),
    "duplicate": _("Exact duplicate"),
    "temporary": _("Temporary or system file"),
    "too_long": _("Name too long"),
    "illegal_windows": _("Name not allowed on Windows"),
    "illegal_macos": _("Name awkward on macOS"),
    "control_characters": _("Control characters in the name"),
    "invalid_utf8": _("Name is not valid UTF-8"),
    "empty_folder": _("Empty folder"),
    "symlink": _("Link, not followed"),
    "symlink_outside": _("Link pointing outside the folder, not followed"),
    "unreadable": _("Unreadable"),
    "special": _("Special file, skipped"),
}


class NamingRule(models.Model):
    """The workspace's naming rule (a preset or a pattern) and its folder rules."""

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE,
                                     related_name="naming_rule")
    preset = models.CharField(_("preset"), max_length=40, blank=True)
    pattern = models.CharField(_("custom pattern"), max_length=300, blank=True)
    folders = models.JSONField(_("folder rules"), default=list, blank=True)

    def __str__(self):
        return self.preset or self.pattern

    def as_dict(self) -> dict:
        return {"preset": self.preset, "pattern": self.pattern, "folders": self.folders}


class RetentionRule(models.Model):
    """A workspace's own period for a country and class, replacing the default."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    country = models.CharField(_("country"), max_length=2)
    kind = models.CharField(_("class"), max_length=20, choices=RetentionKind.choices)
    years = models.PositiveSmallIntegerField(_("years"))
    start = models.CharField(max_length=12, default="end")
    legal_basis = models.CharField(_("legal basis"), max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "country", "kind"],
                                               name="retention_rule_unique")]

    def __str__(self):
        return f"{self.country} {self.kind}: {self.years}"


class FileRootGrant(models.Model):
    """A server folder a workspace may audit from the browser (below HANDOVER_FILE_ROOTS).

    Granted by a superuser or `handover file_roots`; the command line itself is not bound."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    path = models.TextField(_("folder"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["workspace", "path"],
                                               name="files_root_once_per_workspace")]

    def __str__(self):
        return self.path


class AuditRun(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("client"))
    engagement = models.ForeignKey(Engagement, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("engagement"))
    root = models.TextField(_("folder"))
    rules = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done_bytes = models.BigIntegerField(default=0)
    total_bytes = models.BigIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.root

    @property
    def percent(self) -> int:
        return int(100 * self.done_bytes / self.total_bytes) if self.total_bytes else 0


class FileState(models.TextChoices):
    PRESENT = "present", _("In the folder")
    ARCHIVED = "archived", _("Archived and verified")
    TRASHED = "trashed", _("In the trash")
    PURGED = "purged", _("Deleted for good")
    CHANGED = "changed", _("Changed since the archive")
    UNREADABLE = "unreadable", _("Unreadable")


class FileRecord(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    audit_run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="files")
    path = models.TextField()
    size = models.BigIntegerField(default=0)
    modified_at = models.DateTimeField(null=True)
    group = models.CharField(max_length=20)
    mime = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    owner = models.CharField(max_length=300, blank=True)
    client_owned = models.BooleanField(null=True)
    findings = models.JSONField(default=list, blank=True)
    retention_kind = models.CharField(max_length=20, choices=RetentionKind.choices,
                                      default=RetentionKind.OPERATIONAL)
    delete_after = models.DateField(null=True, blank=True)
    legal_basis = models.CharField(max_length=300, blank=True)
    legal_hold = models.BooleanField(default=False)
    hold_reason = models.CharField(max_length=300, blank=True)
    archive = models.ForeignKey("Archive", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="files")
    state = models.CharField(max_length=12, choices=FileState.choices,
                             default=FileState.PRESENT)
    trash_path = models.TextField(blank=True)
    trashed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["path"]
        indexes = [models.Index(fields=["workspace", "state"], name="filerecord_ws_state")]

    def __str__(self):
        return self.path

    @property
    def finding_labels(self) -> list[str]:
        return [str(FINDINGS.get(kind, kind)) for kind in self.findings]


class FixAction(models.Model):
    """A proposed rename, move or deletion to the trash; applied and undone through actions."""

    class Kind(models.TextChoices):
        RENAME = "rename", _("Rename")
        MOVE = "move", _("Move")
        DELETE = "delete", _("Move to the trash")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPLIED = "applied", _("Applied")
        UNDONE = "undone", _("Undone")
        FAILED = "failed", _("Failed")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    audit_run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="fixes")
    finding = models.CharField(max_length=30)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    old_path = models.TextField()
    new_path = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    error = models.CharField(max_length=300, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["old_path", "id"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path or '—'}"

    @property
    def finding_label(self) -> str:
        return str(FINDINGS.get(self.finding, self.finding))


class ExportJob(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    audit_run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="exports")
    out_dir = models.TextField()
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done_bytes = models.BigIntegerField(default=0)
    total_bytes = models.BigIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.out_dir

    @property
    def percent(self) -> int:
        return int(100 * self.done_bytes / self.total_bytes) if self.total_bytes else 0


class Archive(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    export_job = models.ForeignKey(ExportJob, on_delete=models.CASCADE, related_name="archives")
    name = models.CharField(max_length=200)
    group = models.CharField(max_length=20)
    size = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    member_count = models.PositiveIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
