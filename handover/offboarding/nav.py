from django.utils.translation import gettext_lazy as _

NAV = [
    ("plan_list", _("Offboarding"), "manage_clients"),
    ("access_account_list", _("Access"), "manage_clients"),
]
