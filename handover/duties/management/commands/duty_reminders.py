"""handover duty_reminders: the daily round (reviews due, monthly report requests, late reports).

Run it once a day (cron or a systemd timer); it never sends the same reminder twice.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from handover.core.models import Workspace
from handover.duties.actions.duties import do_run_schedule


class Command(BaseCommand):
    help = "Send the reminders of reviews and reports that are due, in every workspace."

    def add_arguments(self, parser):
        parser.add_argument("--workspace", metavar="SLUG")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, workspace=None, **options):
        workspaces = Workspace.objects.order_by("pk")
        if workspace:
            workspaces = workspaces.filter(slug=workspace)
            if not workspaces.exists():
                raise CommandError(_("There is no workspace “%(slug)s”.") % {"slug": workspace})
        totals = {"reviews": 0, "requests": 0, "late": 0}
        for ws in workspaces:
            for key, value in do_run_schedule(ws).items():
                totals[key] += value
        if options["json"]:
            self.stdout.write(json.dumps(totals))
        else:
            self.stdout.write(_("%(reviews)s review reminders, %(requests)s report requests, "
                                "%(late)s late-report reminders.") % totals)
