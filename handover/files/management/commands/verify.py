"""handover verify DIR [--source PATH] [--json]: re-read every archive and member."""

import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from handover.files.cli import dump, progress_bar
from handover.files.engine.verify import verify_dir


class Command(BaseCommand):
    help = "Check exported archives: CRC and SHA-256 of every member, and the sources."

    def add_arguments(self, parser):
        parser.add_argument("dir")
        parser.add_argument("--source")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        folder, source = options["dir"], options["source"]
        if not os.path.isdir(folder):
            raise CommandError(_("The folder %(path)s does not exist.") % {"path": folder})
        if source and not os.path.isdir(source):
            raise CommandError(_("The folder %(path)s does not exist.") % {"path": source})
        show = not options["json"] and sys.stderr.isatty()
        done = [0]
        with progress_bar(_("Verifying"), show) as tick:
            def advance(amount):
                done[0] += amount
                tick(done[0], None)

            result = verify_dir(folder, source=source, progress=advance)
        if not result:
            raise CommandError(_("There is no archive in %(path)s.") % {"path": folder})
        if options["json"]:
            dump(self, {"archives": result, "ok": not any(result.values())})
        else:
            for name, problems in result.items():
                self.stdout.write(f"{name}: " + (_("verified") if not problems else
                                                 "; ".join(problems)))
        if any(result.values()):
            raise CommandError(_("Some archives did not verify."))
