"""handover purge --workspace SLUG [--dry-run|--apply] [--json]: delete what is due."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from handover.files.actions.retention import do_purge_due
from handover.files.cli import dump, workspace_and_owner


class Command(BaseCommand):
    help = ("Move to the trash the files whose archive is verified and received and whose "
            "retention is over; purge what has waited out the grace period. Dry run unless "
            "--apply is given. Nothing on legal hold is touched.")

    def add_arguments(self, parser):
        parser.add_argument("--workspace", required=True)
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", default=True)
        mode.add_argument("--apply", action="store_true")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        workspace, owner = workspace_and_owner(options["workspace"])
        try:
            result = do_purge_due(workspace, actor=owner, apply=options["apply"])
        except ValidationError as err:
            raise CommandError(" ".join(err.messages)) from None
        if options["json"]:
            return dump(self, result)
        verb = _("Moved to the trash") if options["apply"] else _("Would move to the trash")
        for path in result["trash"]:
            self.stdout.write(f"{verb}: {path}")
        verb = _("Purged") if options["apply"] else _("Would purge")
        for path in result["purge"]:
            self.stdout.write(f"{verb}: {path}")
        for path in result["kept_changed"]:
            self.stdout.write(_("Kept, changed since its archive: %(path)s") % {"path": path})
        if not options["apply"]:
            self.stdout.write(_("Dry run: nothing was changed. Run with --apply to do it."))
