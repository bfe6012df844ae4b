"""Activity sentences for imports, filing senders and invoices."""

from django.utils.translation import gettext_lazy as _

from .models import ImportKind

SENTENCES = {
    "import.started": _("%(actor)s started importing %(target)s."),
    "import.finished": _(
        "The import of %(target)s finished: %(imported)s new, %(duplicates)s already there, "
        "%(unmatched)s unplaced, %(failed)s failed."
    ),
    "interaction.filed": _("The sent letter “%(target)s” was filed in the client's timeline."),
    "interaction.assigned": _("%(actor)s filed the mail of %(address)s under %(target)s."),
    "invoice.created": _("%(actor)s recorded the invoice %(target)s."),
    "invoice.updated": _("%(actor)s updated the invoice %(target)s."),
}

LABELS = {"kind": ImportKind}

KINDS = (
    ("import.", _("Imports")),
    ("interaction.", _("Interactions")),
    ("invoice.", _("Invoices")),
)
