"""Forms for imports, assigning senders and invoices."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from handover.clients.models import Client, Engagement
from handover.lib.places import CURRENCIES

from .models import Channel, Direction, ImportKind, Invoice
from .selectors import PERIODS

MAX_UPLOAD = 2 * 1024 * 1024 * 1024


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(label=_("File"))
    client = forms.CharField(label=_("File everything under this client (optional)"),
                             max_length=200, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 2 GB."))
        return upload


class ImapForm(forms.Form):
    host = forms.CharField(label=_("IMAP server"), max_length=253)
    port = forms.IntegerField(label=_("Port"), min_value=1, max_value=65535, initial=993)
    security = forms.ChoiceField(label=_("Security"), choices=[
        ("tls", _("TLS")), ("starttls", _("STARTTLS"))])
    username = forms.CharField(label=_("User name"), max_length=320)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=500)
    folder = forms.CharField(label=_("Folder"), max_length=300, initial="INBOX")
    client = forms.CharField(label=_("File everything under this client (optional)"),
                             max_length=200, required=False)

    def url(self) -> str:
        from urllib.parse import quote

        data = self.cleaned_data
        scheme = "imaps" if data["security"] == "tls" else "imap"
        return (f"{scheme}://{quote(data['username'], safe='')}@{data['host']}:{data['port']}"
                f"/{quote(data['folder'])}")


class AssignForm(forms.Form):
    address = forms.EmailField(max_length=320)
    client = forms.ModelChoiceField(label=_("Client"), queryset=Client.objects.none())
    whole_domain = forms.BooleanField(label=_("Everyone at this domain"), required=False)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.filter(workspace=workspace,
                                                                archived_at__isnull=True)


class FilterForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), required=False,
                                choices=[("", _("All channels")), *Channel.choices])
    direction = forms.ChoiceField(label=_("Direction"), required=False,
                                  choices=[("", _("Both directions")), *Direction.choices])
    period = forms.ChoiceField(label=_("Period"), required=False, choices=[
        ("", _("Any time")), ("7", _("Last 7 days")), ("30", _("Last 30 days")),
        ("90", _("Last 90 days")), ("365", _("Last year"))])

    def values(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {k: data[k] for k in ("channel", "direction", "period") if data.get(k)
                and (k != "period" or data[k] in PERIODS)}


class InvoiceForm(forms.ModelForm):
    currency = forms.ChoiceField(label=_("Currency"), choices=[(c, c) for c in CURRENCIES])

    class Meta:
        model = Invoice
        fields = ["engagement", "number", "issued", "due", "paid_on", "amount", "currency"]
        widgets = {f: forms.DateInput(attrs={"type": "date"})
                   for f in ("issued", "due", "paid_on")}

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["engagement"].queryset = Engagement.objects.filter(
            workspace=workspace, archived_at__isnull=True).select_related("client")

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if Invoice.objects.filter(workspace=self.workspace, number=number).exists():
            raise forms.ValidationError(_("An invoice with this number already exists."))
        return number

    def clean(self):
        data = super().clean()
        if data.get("issued") and data.get("due") and data["due"] < data["issued"]:
            self.add_error("due", _("The due date cannot be before the issue date."))
        return data
