from django.utils.translation import gettext_lazy as _

NAV = [
    ("interaction_list", _("Interactions"), "view_all_engagements"),
    ("import_list", _("Import"), "manage_clients"),
    ("invoice_list", _("Invoices"), "view_all_engagements"),
]
