"""Activity sentences for departures. The confidential reason is never part of them."""

from django.utils.translation import gettext_lazy as _

from .models import DepartureKind, RoutedTo

SENTENCES = {
    "departure.recorded": _("%(actor)s recorded the departure of %(target)s "
                            "(%(departure_kind)s, last day %(last_day)s)."),
    "departure.approved": _("%(actor)s approved the departure of %(target)s."),
    "departure.updated": _("%(actor)s updated the departure of %(target)s."),
    "departure.reassigned": _("%(actor)s handed %(engagement)s from %(target)s to "
                              "%(successor)s."),
    "departure.work_moved": _("%(actor)s handed the open work of %(target)s at %(client)s to "
                              "%(successor)s."),
    "departure.deactivated": _("The account of %(target)s was deactivated after the last "
                               "day."),
    "departure.deactivation_blocked": _("The account of %(target)s could not be deactivated: "
                                        "the workspace needs another owner first."),
    "departure.question_logged": _("%(actor)s logged a question from %(client)s about "
                                   "%(target)s and passed it to %(routed_to)s."),
}

LABELS = {"departure_kind": DepartureKind, "routed_to": RoutedTo}

KINDS = (("departure.", _("Departures")),)
