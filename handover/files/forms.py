"""Forms of the files app (used by the pages and the API alike)."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from handover.clients.models import Engagement

from .engine.naming import PRESET_LABELS, Rules
from .models import RetentionKind


class AuditForm(forms.Form):
    root = forms.CharField(label=_("Folder on the server"), max_length=1000,
                           help_text=_("Its full path, inside one of the folders listed above."))
    engagement = forms.ModelChoiceField(label=_("Engagement"), queryset=Engagement.objects.none(),
                                        required=False)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = Engagement.objects.filter(
            workspace=workspace).select_related("client")


class NamingRuleForm(forms.Form):
    preset = forms.ChoiceField(label=_("Preset"), required=False, choices=[
        ("", _("None")), *PRESET_LABELS.items()])
    pattern = forms.CharField(label=_("Custom pattern (regular expression)"), required=False,
                              max_length=300)
    folders = forms.CharField(
        label=_("Folder rules (JSON)"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_('For example [{"folder": "Invoices", "keywords": ["invoice"]}, '
                    '{"folder": "Images", "groups": ["images"]}]'))

    def clean_folders(self):
        text = self.cleaned_data["folders"].strip() or "[]"
        try:
            folders = json.loads(text)
            Rules.from_dict({"folders": folders})
        except ValueError:
            raise forms.ValidationError(
                _("Write the folder rules as a JSON list of objects with a folder name.")) from None
        return folders

    def clean(self):
        data = super().clean()
        try:
            Rules.from_dict({"preset": data.get("preset"), "pattern": data.get("pattern")})
        except ValueError:
            raise forms.ValidationError(
                _("The pattern is not a valid regular expression.")) from None
        return data


class RetentionRuleForm(forms.Form):
    country = forms.CharField(label=_("Country (two letters)"), max_length=2, min_length=2)
    kind = forms.ChoiceField(label=_("Class"), choices=RetentionKind.choices)
    years = forms.IntegerField(label=_("Years"), min_value=0, max_value=100)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300)


class HoldForm(forms.Form):
    hold = forms.BooleanField(required=False)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class DeliveryForm(forms.Form):
    recipient = forms.EmailField(label=_("Client's e-mail address"))
    days = forms.IntegerField(label=_("Link open for (days)"), min_value=1, max_value=90,
                              initial=14)
