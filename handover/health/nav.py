from django.utils.translation import gettext_lazy as _

NAV = [
    ("health_overview", _("Health"), "view_all_engagements"),
]
