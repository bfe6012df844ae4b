"""Activity sentences for letters, their templates and the approval policy."""

from django.utils.translation import gettext_lazy as _

from .kinds import Kind

SENTENCES = {
    "letter.drafted": _("%(actor)s drafted the letter %(target)s (%(letter_kind)s)."),
    "letter.edited": _("%(actor)s edited the letter %(target)s."),
    "letter.approved": _("%(actor)s approved the letter %(target)s."),
    "letter.legal_reviewed": _("%(actor)s recorded the legal review of %(target)s."),
    "letter.override": _("%(actor)s overrode the checks on the letter %(target)s: %(note)s"),
    "letter.queued": _("%(actor)s sent the letter %(target)s to %(to)s."),
    "letter.sent": _("The letter %(target)s was delivered to %(to)s."),
    "letter.failed": _("The letter %(target)s could not be delivered to %(to)s: %(error)s"),
    "letter.retried": _("%(actor)s asked to try the letter %(target)s again."),
    "letter.discarded": _("%(actor)s discarded the letter %(target)s; it will not be sent."),
    "letter.filled_in": _("%(actor)s filled in the facts the letter %(target)s was "
                          "missing."),
    "letter_template.saved": _("%(actor)s saved the template %(letter_kind)s (%(language)s)."),
    "letter_template.reset": _("%(actor)s went back to the shipped template %(letter_kind)s "
                               "(%(language)s)."),
    "letter_policy.changed": _("%(actor)s changed which letters need approval."),
}

LABELS = {"letter_kind": Kind}

KINDS = (("letter", _("Letters")),)
