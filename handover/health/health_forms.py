from django import forms

from .health_models import HealthThresholds

FIELDS = ["long_call_minutes", "out_of_hours_percent", "last_minute_per_month",
          "schedule_change_hours", "late_payment_days", "expectations_per_month"]


class ThresholdsForm(forms.ModelForm):
    class Meta:
        model = HealthThresholds
        fields = FIELDS
