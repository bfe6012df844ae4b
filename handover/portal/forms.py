from django import forms
from django.utils.translation import gettext_lazy as _


class ReceiptForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
