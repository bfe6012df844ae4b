"""Forms for offboarding plans, templates, the access inventory and support after the end."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from handover.clients.selectors import visible_engagements
from handover.core.selectors import member_users
from handover.core.templatetags.handover import date_long

from . import selectors
from .models import (
    AccessAccount,
    AccountState,
    Plan,
    PlanTemplate,
    StepState,
    SupportRequest,
    TemplateStep,
)
from .notice import compute, required_notice_days
from .workdays import calendar_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanStartForm(forms.Form):
    engagement = forms.ModelChoiceField(label=_("Engagement"), queryset=None)
    template = forms.ModelChoiceField(label=_("Scenario and template"), queryset=None)
    notice_date = forms.DateField(label=_("Notice given on"), widget=DATE)
    last_day = forms.DateField(
        label=_("Last working day"), widget=DATE, required=False,
        help_text=_("Leave empty to take the earliest day the notice allows."))
    confirm_short_notice = forms.BooleanField(
        label=_("I confirm the shorter notice"), required=False)
    override_reason = forms.CharField(
        label=_("Reason for ending earlier than the notice allows"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only needed for a last day before the notice ends; it is recorded in "
                    "the activity log."))

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = visible_engagements(membership).exclude(
            status="ended")
        self.fields["template"].queryset = selectors.templates_of(membership.workspace)
        self.workspace = membership.workspace
        self.notice = None
        self.open_plan = None

    def clean(self):
        data = super().clean()
        engagement, notice_date = data.get("engagement"), data.get("notice_date")
        if engagement is None or notice_date is None:
            return data
        self.open_plan = selectors.open_plan_of(self.workspace, engagement)
        if self.open_plan is not None:
            self.add_error(None, _(
                "This engagement already has an open offboarding plan. Close it before "
                "starting another one."))
        minimum = required_notice_days(engagement.notice_days)
        self.notice = compute(notice_date, minimum, calendar_for(engagement),
                              data.get("last_day"))
        reason = data.get("override_reason", "").strip()
        if self.notice.too_early and not (data.get("confirm_short_notice") and reason):
            self.add_error("last_day", _(
                "The notice must be at least %(days)s days: the earliest last day that "
                "respects it is %(earliest)s. To end earlier, tick “I confirm the shorter "
                "notice” and give the reason.") % {
                    "days": minimum, "earliest": date_long(self.notice.earliest_last_day)})
        return data


class ClosePlanForm(forms.Form):
    """What becomes of the engagement when a plan is closed before its last day."""

    outcome = forms.ChoiceField(label=_("The engagement"), widget=forms.RadioSelect,
                                choices=[("active", _("stays active")),
                                         ("ends", _("ends on the date below"))])
    end_date = forms.DateField(label=_("Ends on"), widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == "ends" and not data.get("end_date"):
            self.add_error("end_date", _("Give the day the engagement ends."))
        return data


class TemplateForm(forms.ModelForm):
    class Meta:
        model = PlanTemplate
        fields = ["name"]


class TemplateStepForm(forms.ModelForm):
    class Meta:
        model = TemplateStep
        fields = ["title", "anchor", "offset_days", "party"]
        help_texts = {"offset_days": _("Negative for days before, positive for days after.")}

    def clean_offset_days(self):
        value = self.cleaned_data["offset_days"]
        if abs(value) > 730:
            raise forms.ValidationError(_("Keep it within two years of the day."))
        return value


class StepCompleteForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=[
        (StepState.DONE, StepState.DONE.label), (StepState.SKIPPED, StepState.SKIPPED.label)])
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    link = forms.URLField(label=_("Link"), required=False, max_length=500,
                          assume_scheme="https")
    evidence = forms.FileField(label=_("File"), required=False)

    def clean_evidence(self):
        file = self.cleaned_data.get("evidence")
        if file and file.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return file


class StepReassignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Due"), widget=DATE)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = member_users(workspace)


class RecapForm(forms.Form):
    recap = forms.CharField(label=_("Recap document"), widget=forms.Textarea(attrs={"rows": 24}),
                            max_length=100_000)


class CallForm(forms.ModelForm):
    call_at = forms.DateTimeField(label=_("Handover call"), required=False,
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                             format="%Y-%m-%dT%H:%M"))
    recording_url = forms.URLField(label=_("Recording's link"), required=False,
                                   assume_scheme="https")

    class Meta:
        model = Plan
        fields = ["successor_name", "successor_email", "call_at", "call_minutes",
                  "recording_url", "call_notes"]
        widgets = {"call_notes": forms.Textarea(attrs={"rows": 4})}


class SupportForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["support_until", "support_rate", "free_questions"]
        widgets = {"support_until": DATE}


class SupportRequestForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["day", "summary", "kind", "minutes"]
        widgets = {"day": DATE}


class AccountForm(forms.ModelForm):
    class Meta:
        model = AccessAccount
        fields = ["engagement", "system", "url", "login", "kind", "vault_item", "holder"]
        help_texts = {"vault_item": _("The name of the item in your password manager. "
                                      "Never write the password here.")}

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = visible_engagements(membership)
        self.fields["holder"].queryset = member_users(membership.workspace)
        self.fields["holder"].help_text = _("The member who signs in with this account.")


class AccountStateForm(forms.Form):
    state = forms.ChoiceField(choices=AccountState.choices)


class RevocationForm(forms.Form):
    to = forms.EmailField(label=_("Send to"))
    accounts = forms.ModelMultipleChoiceField(label=_("Accounts"), queryset=None,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, workspace, engagement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accounts"].queryset = selectors.accounts_of(
            workspace, engagement=engagement).filter(state=AccountState.ACTIVE)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Export file"))
    format = forms.ChoiceField(label=_("Format"), choices=[
        ("auto", _("Recognise it")), ("lastpass", "LastPass"), ("bitwarden", "Bitwarden"),
        ("1password", "1Password"), ("keepass", "KeePass")])
