"""handover demo: load the demo workspace (idempotent) and print how to sign in, as its owner
and as its collaborator."""

from django.core.management.base import BaseCommand
from django.db import transaction

from handover.core.actions import do_create_workspace, do_ensure_user
from handover.core.demo import COLLABORATOR_EMAIL, collaborator, demo_password, fill_workspace
from handover.core.links import absolute
from handover.core.models import Workspace

DEMO_SLUG = "demo"
DEMO_EMAIL = "demo@handover.example"


class Command(BaseCommand):
    help = "Load the demo workspace (once) and print its sign-in details."

    def handle(self, *args, **options):
        password = demo_password()
        with transaction.atomic():
            user, _created = do_ensure_user(DEMO_EMAIL, password=password,
                                            name="Elena Marchetti", language="en")
            workspace = Workspace.objects.filter(slug=DEMO_SLUG).first()
            if workspace is None:
                workspace = do_create_workspace("Elena Marchetti — Virtual Assistance",
                                                actor=user, slug=DEMO_SLUG)
                fill_workspace(workspace, user)
                self.stdout.write("Demo workspace created.")
            # A demo loaded before she existed gets her too (without the duties' demo rows).
            collaborator(workspace, user)
        self.stdout.write(f"Sign in at {absolute('/')} with {DEMO_EMAIL} / {password}")
        self.stdout.write(f"Sign in as the collaborator with {COLLABORATOR_EMAIL} / {password}")
