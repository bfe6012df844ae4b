"""handover import_calls SOURCE --workspace SLUG [--client NAME] [--json]."""

from handover.interactions.management.base import ImportCommand


class Command(ImportCommand):
    help = "Import a call-log CSV file into the workspace."
    kind = "calls"
    source_help = "a call-log CSV file"
