from django.utils.translation import gettext_lazy as _

NAV = [("departure_list", _("Departures"), "record_departure")]
