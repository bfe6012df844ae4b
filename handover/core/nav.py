from django.utils.translation import gettext_lazy as _

NAV = [
    ("members", _("Members"), "view_members"),
    ("activity", _("Activity"), "view_activity"),
]
