"""Activity sentences for audits, fixes, exports, holds, the trash and purges."""

from django.utils.translation import gettext_lazy as _

from .models import FixAction, RetentionKind

SENTENCES = {
    "files.rules_changed": _("%(actor)s changed the naming rule of the workspace."),
    "files.retention_changed": _(
        "%(actor)s set the retention of %(retention_kind)s files in %(country)s to %(years)s years "
        "(%(legal_basis)s)."),
    "files.root_granted": _("%(actor)s opened the server folder %(path)s to this workspace."),
    "files.root_revoked": _("%(actor)s closed the server folder %(path)s to this workspace."),
    "files.audit_started": _("%(actor)s started an audit of the folder %(root)s."),
    "files.audited": _("%(actor)s audited %(root)s: %(files)s files, %(findings)s findings."),
    "files.fix_applied": _("%(actor)s applied a change to %(old_path)s (%(change)s)."),
    "files.fix_undone": _("%(actor)s undid the change to %(old_path)s (%(change)s)."),
    "files.export_started": _("%(actor)s started exporting %(root)s."),
    "files.archive_verified": _(
        "%(actor)s verified the archive %(name)s: %(files)s files, SHA-256 %(sha256)s."),
    "files.exported": _("%(actor)s finished an export: %(archives)s archives verified, "
                        "%(errors)s files could not be read."),
    "files.hold_placed": _("%(actor)s put %(path)s on legal hold: %(reason)s."),
    "files.hold_released": _("%(actor)s released the legal hold on %(path)s."),
    "files.changed_kept": _("%(actor)s kept %(path)s: it changed after it was archived."),
    "files.trashed": _("%(actor)s moved %(path)s to the trash (archived in %(archive)s)."),
    "files.purged": _("%(actor)s deleted %(path)s for good."),
}

KINDS = (("files.", _("Files")),)

# Data values shown in the reader's language.
LABELS = {"retention_kind": RetentionKind, "change": FixAction.Kind}
