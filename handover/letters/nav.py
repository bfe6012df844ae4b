from django.utils.translation import gettext_lazy as _

NAV = [("letter_list", _("Letters"), "write_letters")]
