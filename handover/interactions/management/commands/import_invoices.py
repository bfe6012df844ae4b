"""handover import_invoices SOURCE --workspace SLUG [--client NAME] [--json]."""

from handover.interactions.management.base import ImportCommand


class Command(ImportCommand):
    help = "Import an invoice-list CSV file into the workspace."
    kind = "invoices"
    source_help = "an invoice-list CSV file"
