from django.utils.translation import gettext_lazy as _

NAV = [
    ("duty_list", _("Duties"), "work_on_duties"),
    ("time_list", _("Time"), "work_on_duties"),
    ("report_list", _("Reports"), "work_on_duties"),
]
