"""Activity sentences for clients, contacts and engagements."""

from django.utils.translation import gettext_lazy as _

from .models import EngagementStatus

SENTENCES = {
    "client.created": _("%(actor)s added the client %(target)s."),
    "client.updated": _("%(actor)s updated the client %(target)s."),
    "client.archived": _("%(actor)s archived the client %(target)s."),
    "client.restored": _("%(actor)s restored the client %(target)s."),
    "contact.created": _("%(actor)s added %(target)s as a contact at %(client)s."),
    "contact.updated": _("%(actor)s updated the contact %(target)s at %(client)s."),
    "contact.removed": _("%(actor)s removed the contact %(target)s at %(client)s."),
    "engagement.created": _("%(actor)s started the engagement %(target)s."),
    "engagement.updated": _("%(actor)s changed the terms of the engagement %(target)s."),
    "engagement.status_changed": _(
        "%(actor)s changed the status of %(target)s from %(old_status)s to %(new_status)s."
    ),
    "engagement.archived": _("%(actor)s archived the engagement %(target)s."),
    "engagement.restored": _("%(actor)s restored the engagement %(target)s."),
}

# Data values shown in the reader's language.
LABELS = {"old_status": EngagementStatus, "new_status": EngagementStatus}

KINDS = (
    ("client.", _("Clients")),
    ("contact.", _("Contacts")),
    ("engagement.", _("Engagements")),
)
