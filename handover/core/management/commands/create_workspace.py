"""handover create_workspace NAME --owner EMAIL: prints the new workspace's slug."""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from handover.core.actions import do_create_workspace, do_ensure_user


class Command(BaseCommand):
    help = "Create a workspace owned by EMAIL (created when needed) and print its slug."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--owner", required=True, metavar="EMAIL")
        parser.add_argument("--language", default="en")

    def handle(self, *args, name, owner, language, **options):
        from django.contrib.auth import get_user_model

        exists = get_user_model().objects.filter(email__iexact=owner).exists()
        password = None
        if not exists:
            password = os.environ.get("HANDOVER_PASSWORD")
            if not password:
                if not self.stdin_is_tty():
                    raise CommandError(
                        f"No account for {owner} yet: set HANDOVER_PASSWORD to create it."
                    )
                password = getpass.getpass(f"Password for {owner}: ")
        try:
            with transaction.atomic():
                user, _created = do_ensure_user(owner, password=password, language=language)
                workspace = do_create_workspace(name, actor=user, language=language)
        except ValidationError as err:
            raise CommandError(" ".join(err.messages)) from err
        self.stdout.write(workspace.slug)

    @staticmethod
    def stdin_is_tty() -> bool:
        return os.isatty(0)
