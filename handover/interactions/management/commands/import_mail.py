"""handover import_mail SOURCE --workspace SLUG [--client NAME] [--json]."""

from handover.interactions.management.base import ImportCommand


class Command(ImportCommand):
    help = "Import an mbox file, a Maildir, a folder of messages or an IMAP folder."
    kind = "mail"
    source_help = "an mbox file, a Maildir, a folder of messages, or imaps://user@host:port/FOLDER"
