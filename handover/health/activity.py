"""Activity sentences of the health app. The interaction/import/invoice verbs belong to the
interactions work (#4); when merging, keep that branch's sentences for them."""

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "health_finding.dismissed": _(
        "%(actor)s dismissed a health finding on %(target)s as a false alarm."),
    "health_thresholds.updated": _("%(actor)s changed the thresholds of client health."),
    "import.started": _("%(actor)s started the import %(target)s."),
    "import.finished": _("The import %(target)s finished."),
    "interaction.assigned": _("%(actor)s filed the mail of %(address)s under %(target)s."),
    "invoice.created": _("%(actor)s added the invoice %(target)s."),
    "invoice.updated": _("%(actor)s changed the invoice %(target)s."),
}
KINDS = (("health_", _("Health")),)
