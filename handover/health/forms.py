from django import forms

from handover.lib.thresholds import NAMES

from .models import HealthThresholds

FIELDS = list(NAMES)


class ThresholdsForm(forms.ModelForm):
    class Meta:
        model = HealthThresholds
        fields = FIELDS
