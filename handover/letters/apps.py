from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "handover.letters"
    label = "letters"
    verbose_name = _("Letters")

    def ready(self):
        from handover.core.mail import email_delivered

        email_delivered.connect(_delivered, dispatch_uid="letters.delivered")


def _delivered(sender, email, **kwargs):
    if email.kind.startswith("letter."):
        from .actions import do_note_delivery

        do_note_delivery(email)
