"""handover import_calendar SOURCE --workspace SLUG [--client NAME] [--json]."""

from handover.interactions.management.base import ImportCommand


class Command(ImportCommand):
    help = "Import an iCalendar file or a folder of them into the workspace."
    kind = "calendar"
    source_help = "an iCalendar file or a folder of them"
