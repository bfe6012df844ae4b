"""Activity sentences for deliveries through the client portal."""

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "delivery.created": _("%(actor)s sent %(recipient)s a delivery link for %(archives)s "
                          "archives, open until %(expires)s."),
    "delivery.revoked": _("%(actor)s revoked the delivery link sent to %(recipient)s."),
    "delivery.opened": _("%(recipient)s opened the delivery page from %(ip)s."),
    "delivery.downloaded": _("The client downloaded %(archive)s from %(ip)s."),
    "delivery.receipt_confirmed": _("%(name)s confirmed receipt of the files from %(ip)s."),
}

KINDS = (("delivery.", _("Deliveries")),)
