"""handover demo: load the demo workspace (idempotent) and print how to sign in."""

import os

from django.core.management.base import BaseCommand
from django.db import transaction

from handover.core.actions import do_create_workspace, do_ensure_user
from handover.core.demo import fill_workspace
from handover.core.models import Workspace

DEMO_SLUG = "demo"
DEMO_EMAIL = "demo@handover.example"
DEMO_PASSWORD = "demo-handover-2026"  # noqa: S105 - the documented demo login


class Command(BaseCommand):
    help = "Load the demo workspace (once) and print its sign-in details."

    def handle(self, *args, **options):
        password = os.environ.get("HANDOVER_DEMO_PASSWORD", DEMO_PASSWORD)
        with transaction.atomic():
            user, _created = do_ensure_user(DEMO_EMAIL, password=password,
                                            name="Elena Marchetti", language="en")
            if not Workspace.objects.filter(slug=DEMO_SLUG).exists():
                workspace = do_create_workspace("Elena Marchetti — Virtual Assistance",
                                                actor=user, slug=DEMO_SLUG)
                fill_workspace(workspace, user)
                self.stdout.write("Demo workspace created.")
        self.stdout.write(f"Sign in at http://127.0.0.1:8000/ with {DEMO_EMAIL} / {password}")
