"""Activity sentences for dismissed findings and thresholds."""

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "health_finding.dismissed": _(
        "%(actor)s dismissed a health finding on %(target)s as a false alarm."),
    "health_thresholds.updated": _("%(actor)s changed the thresholds of client health."),
}

LABELS = {}

KINDS = (
    ("health_", _("Health")),
)
