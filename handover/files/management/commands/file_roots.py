"""handover file_roots list|grant|revoke: which server folders a workspace may audit."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from handover.files.cli import dump, workspace_and_owner
from handover.lib.confine import within


class Command(BaseCommand):
    help = ("List, open or close the server folders a workspace may audit from the browser "
            "(below HANDOVER_FILE_ROOTS).")

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["list", "grant", "revoke"])
        parser.add_argument("path", nargs="?", default="")
        parser.add_argument("--workspace", help="the workspace's slug")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, verb, path, workspace, json, **options):
        from handover.files import selectors
        from handover.files.actions import audits as audit_actions

        if verb == "list":
            return self._list(workspace, json)
        if not path or not workspace:
            raise CommandError(_("Give the folder and --workspace SLUG."))
        space, _owner = workspace_and_owner(workspace)
        if verb == "grant":
            try:
                grant = audit_actions.do_grant_file_root(space, actor=None, path=path)
            except ValidationError as err:
                raise CommandError(" ".join(err.messages)) from None
            self.stdout.write(_("%(path)s is open to %(workspace)s.") % {
                "path": grant.path, "workspace": space.slug})
            return
        grant = selectors.root_grants(space).filter(path=os.path.realpath(path)).first()
        if grant is None:
            raise CommandError(_("%(path)s is not open to %(workspace)s.") % {
                "path": path, "workspace": space.slug})
        audit_actions.do_revoke_file_root(grant, actor=None)
        self.stdout.write(_("%(path)s is closed to %(workspace)s.") % {
            "path": grant.path, "workspace": space.slug})

    def _list(self, workspace, as_json):
        from handover.files.models import FileRootGrant

        grants = FileRootGrant.objects.select_related("workspace").order_by(
            "workspace__slug", "path")
        if workspace:
            grants = grants.filter(workspace__slug=workspace)
        roots = [str(root) for root in settings.FILE_ROOTS]
        rows = [{"workspace": g.workspace.slug, "path": g.path,
                 "open": any(within(g.path, r) for r in roots)} for g in grants]
        if as_json:
            return dump(self, {"file_roots": roots, "grants": rows})
        self.stdout.write(_("File roots (HANDOVER_FILE_ROOTS): %(roots)s") % {
            "roots": ", ".join(roots) or "—"})
        for row in rows:
            state = "" if row["open"] else " " + _("(no longer below a file root)")
            self.stdout.write(f"{row['workspace']}\t{row['path']}{state}")
