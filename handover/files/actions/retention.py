"""Writes of the files app's retention: rules, legal holds, trash and purge."""

from __future__ import annotations

import os
import shutil

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handover.core.audit import record

from .. import selectors
from ..engine.verify import hash_path
from ..models import FileRecord, FileState, RetentionRule
from ..retention_dates import dates_for
from .audits import _inside, _trash_dir


# Retention rules -------------------------------------------------------------------------
@transaction.atomic
def do_set_retention_rule(workspace, *, actor, country: str, kind: str, years: int,
                          legal_basis: str, start: str = "end") -> RetentionRule:
    if not legal_basis.strip():
        raise ValidationError(_("Name the legal basis of the period."))
    rule, _created = RetentionRule.objects.update_or_create(
        workspace=workspace, country=country.upper(), kind=kind,
        defaults={"years": years, "legal_basis": legal_basis.strip(), "start": start})
    record(workspace, actor, "files.retention_changed", None, country=country.upper(),
           retention_kind=kind, years=years, legal_basis=legal_basis.strip())
    affected = FileRecord.objects.filter(
        workspace=workspace, retention_kind=kind, audit_run__client__country=country.upper(),
    ).exclude(state=FileState.PURGED).select_related("audit_run__engagement",
                                                     "audit_run__client")
    for file_record in affected:
        _refresh_retention(file_record)
    return rule


def _refresh_retention(file_record: FileRecord) -> None:
    """Recompute the delete-after date: the rule or the engagement's end may have changed."""
    run = file_record.audit_run
    day, basis = dates_for(file_record.workspace, run.engagement, run.client,
                           file_record.retention_kind)
    if (day, basis) != (file_record.delete_after, file_record.legal_basis):
        file_record.delete_after, file_record.legal_basis = day, basis
        file_record.save(update_fields=["delete_after", "legal_basis"])

# Legal holds, trash and purge -------------------------------------------------------------
@transaction.atomic
def do_set_legal_hold(file_record: FileRecord, *, actor, hold: bool, reason: str = "") -> None:
    if hold and not reason.strip():
        raise ValidationError(_("Say why the file is on legal hold."))
    file_record.legal_hold, file_record.hold_reason = hold, reason.strip() if hold else ""
    file_record.save(update_fields=["legal_hold", "hold_reason"])
    record(file_record.workspace, actor,
           "files.hold_placed" if hold else "files.hold_released", file_record,
           path=file_record.path, reason=reason.strip())


@transaction.atomic
def do_trash_file(file_record: FileRecord, *, actor, today=None) -> FileRecord:
    file_record = FileRecord.objects.select_for_update().get(pk=file_record.pk)
    _refresh_retention(file_record)
    blockers = selectors.trash_blockers(file_record, today=today)
    if blockers:
        raise ValidationError(_("%(path)s stays: %(reasons)s.") % {
            "path": file_record.path, "reasons": "; ".join(blockers)})
    source = _inside(file_record.audit_run, file_record.path)
    try:
        current = hash_path(source)
    except OSError:
        current = ""
    if current != file_record.sha256:
        file_record.state = FileState.CHANGED
        file_record.save(update_fields=["state"])
        record(file_record.workspace, actor, "files.changed_kept", file_record,
               path=file_record.path)
        return file_record
    target = os.path.join(_trash_dir(file_record.workspace), str(file_record.pk),
                          os.path.basename(source))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.move(source, target)
    file_record.state, file_record.trash_path = FileState.TRASHED, target
    file_record.trashed_at = timezone.now()
    file_record.save(update_fields=["state", "trash_path", "trashed_at"])
    record(file_record.workspace, actor, "files.trashed", file_record, path=file_record.path,
           sha256=file_record.sha256, archive=file_record.archive.name)
    return file_record


@transaction.atomic
def do_purge_file(file_record: FileRecord, *, actor, now=None) -> FileRecord:
    file_record = FileRecord.objects.select_for_update().get(pk=file_record.pk)
    blockers = selectors.purge_blockers(file_record, now=now)
    if blockers:
        raise ValidationError(_("%(path)s stays: %(reasons)s.") % {
            "path": file_record.path, "reasons": "; ".join(blockers)})
    if os.path.lexists(file_record.trash_path):
        os.unlink(file_record.trash_path)
    file_record.state, file_record.trash_path = FileState.PURGED, ""
    file_record.save(update_fields=["state", "trash_path"])
    record(file_record.workspace, actor, "files.purged", file_record, path=file_record.path,
           sha256=file_record.sha256)
    return file_record


def do_purge_due(workspace, *, actor, apply: bool, now=None) -> dict:
    """What `handover purge` does: trash what is due, purge what has waited in the trash."""
    from ..selectors import purge_candidates

    now = now or timezone.now()
    to_trash, to_purge = purge_candidates(workspace, now=now)
    result = {"trash": [r.path for r in to_trash], "purge": [r.path for r in to_purge],
              "kept_changed": [], "applied": apply}
    if apply:
        for file_record in to_trash:
            done = do_trash_file(file_record, actor=actor, today=now.date())
            if done.state == FileState.CHANGED:
                result["kept_changed"].append(done.path)
        for file_record in to_purge:
            do_purge_file(file_record, actor=actor, now=now)
    return result
