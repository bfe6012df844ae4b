from django.utils.translation import gettext_lazy as _

NAV = [("client_list", _("Clients"), "view_all_engagements")]
