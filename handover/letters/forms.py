"""Forms for drafting and editing letters, templates and the approval policy."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from handover.clients.models import Engagement
from handover.core.selectors import member_users

from .kinds import SPECS, Kind
from .placeholders import REGISTRY, unknown_placeholders

LANGUAGE_OR_CLIENT = [("", _("The client's language"))] + list(settings.LANGUAGES)


class DraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    engagement = forms.ModelChoiceField(label=_("Engagement"), queryset=Engagement.objects.none(),
                                        required=False)
    departure = forms.ModelChoiceField(label=_("Departure"), queryset=None, required=False)
    language = forms.ChoiceField(label=_("Language of the letter"), choices=LANGUAGE_OR_CLIENT,
                                 required=False)
    call_time = forms.CharField(label=_("Time of the handover call"), required=False,
                                max_length=200)
    agenda = forms.CharField(label=_("Agenda"), required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))
    access_list = forms.CharField(label=_("Accesses to revoke"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    archive_link = forms.CharField(label=_("Archive link"), required=False, max_length=500)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        from handover.departures.models import Departure

        self.fields["engagement"].queryset = Engagement.objects.filter(
            workspace=workspace, archived_at__isnull=True).select_related("client")
        self.fields["departure"].queryset = Departure.objects.filter(
            workspace=workspace).select_related("member__user")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind and SPECS[kind].departure and not data.get("departure"):
            self.add_error("departure", _("This kind of letter is written for a departure."))
        if kind and SPECS[kind].audience == "client" and not data.get("engagement"):
            self.add_error("engagement", _("Choose the engagement the letter is about."))
        return data

    def extra(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in ("call_time", "agenda", "access_list",
                                                   "archive_link")}


class EditForm(forms.Form):
    recipient_email = forms.EmailField(label=_("To"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(label=_("Letter"), widget=forms.Textarea(attrs={"rows": 16}))
    attach_pdf = forms.BooleanField(label=_("Attach a PDF copy"), required=False)
    attach_docx = forms.BooleanField(label=_("Attach a DOCX copy"), required=False)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=2000)


class TemplateForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(label=_("Template"), widget=forms.Textarea(attrs={"rows": 18}))

    def clean(self):
        data = super().clean()
        for name in ("subject", "body"):
            unknown = unknown_placeholders(data.get(name, ""))
            if unknown:
                self.add_error(name, _("Unknown placeholders: %(names)s. Use only those listed "
                                       "beside the editor.") % {
                    "names": ", ".join(f"{{{n}}}" for n in unknown)})
        return data


class PolicyForm(forms.Form):
    approval_kinds = forms.MultipleChoiceField(
        label=_("Kinds that need a manager's approval"), choices=Kind.choices,
        required=False, widget=forms.CheckboxSelectMultiple)
    legal_reviewers = forms.ModelMultipleChoiceField(
        label=_("Legal reviewers of public statements"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When nobody is chosen, the owners record the legal review."))

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_reviewers"].queryset = member_users(workspace)


def placeholder_help() -> list[tuple[str, str, str]]:
    return [(name, str(text), source) for name, (text, source) in REGISTRY.items()]
