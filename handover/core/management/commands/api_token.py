"""handover api_token EMAIL: prints a new API token for that user."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from handover.core.actions import do_create_api_token


class Command(BaseCommand):
    help = "Create an API token for EMAIL and print it (shown once; only its hash is kept)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="command line")

    def handle(self, *args, email, name, **options):
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account uses {email}.")
        _token, secret = do_create_api_token(user, name=name)
        self.stdout.write(secret)
