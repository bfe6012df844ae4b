"""Forms for duties, procedures, time, imports, reviews, reports and proposals."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handover.clients.selectors import visible_engagements
from handover.core.selectors import member_users

from .models import Decision, Duty, DutyStatus
from .timeimport.reader import FORMAT_NAMES, FORMATS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DutyForm(forms.ModelForm):
    procedure = forms.CharField(
        label=_("Procedure"), required=False, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("How the duty is done, step by step. Markdown: # headings, - lists, "
                    "**bold**."))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Duty
        fields = ["engagement", "title", "description", "assignee", "status", "started_on",
                  "trial_review_on", "next_review_on", "frequency", "client_minutes",
                  "client_hourly_value", "agreed_minutes"]
        widgets = {"started_on": DATE, "trial_review_on": DATE, "next_review_on": DATE,
                   "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = visible_engagements(membership)
        self.fields["assignee"].queryset = member_users(membership.workspace)
        self.fields["assignee"].label_from_instance = lambda user: user.display_name
        self.fields["reason"].help_text = _("Why the duty is added or changed: kept in its "
                                            "history.")
        if self.instance.pk:
            del self.fields["procedure"]
            del self.fields["engagement"]
            self.fields["reason"].required = True
        else:
            del self.fields["next_review_on"]
            self.fields["status"].choices = [
                (DutyStatus.TRIAL, DutyStatus.TRIAL.label),
                (DutyStatus.ACTIVE, DutyStatus.ACTIVE.label)]

    def clean(self):
        data = super().clean()
        if (not self.instance.pk and data.get("status") == DutyStatus.TRIAL
                and not data.get("trial_review_on")):
            self.add_error("trial_review_on", _("A duty on trial needs a review date."))
        started, review = data.get("started_on"), data.get("trial_review_on")
        if started and review and review < started:
            self.add_error("trial_review_on", _("The review comes after the start."))
        return data


class ProcedureForm(forms.Form):
    body = forms.CharField(label=_("Procedure"), widget=forms.Textarea(attrs={"rows": 14}))
    change_note = forms.CharField(label=_("What changed and why"), max_length=500)


class ProposalForm(forms.Form):
    body = forms.CharField(label=_("Proposed procedure"),
                           widget=forms.Textarea(attrs={"rows": 14}))
    note = forms.CharField(label=_("What would change and why"), max_length=500)


class DecideForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class TimeEntryForm(forms.Form):
    duty = forms.ModelChoiceField(label=_("Duty"), queryset=Duty.objects.none())
    date = forms.DateField(label=_("Date"), widget=DATE)
    start = forms.TimeField(label=_("From"), required=False,
                            widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("To"), required=False,
                          widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(label=_("Minutes"), required=False, min_value=0,
                                 max_value=24 * 60,
                                 help_text=_("Either the minutes or the times from and to."))
    occurrences = forms.IntegerField(label=_("Occurrences"), min_value=0, max_value=1000,
                                     initial=1)
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)

    def __init__(self, *args, duties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duty"].queryset = duties

    def clean(self):
        data = super().clean()
        start, end, minutes = data.get("start"), data.get("end"), data.get("minutes")
        day = data.get("date")
        if start and end and day:
            begin = timezone.make_aware(datetime.combine(day, start))
            finish = timezone.make_aware(datetime.combine(day, end))
            if finish < begin:
                raise forms.ValidationError(_("The entry ends before it starts."))
            data["started_at"], data["ended_at"] = begin, finish
            data["seconds"] = int((finish - begin) / timedelta(seconds=1))
        elif minutes is not None:
            data["started_at"] = data["ended_at"] = None
            data["seconds"] = minutes * 60
        else:
            raise forms.ValidationError(_("Give the minutes, or the times from and to."))
        return data

    def action_fields(self) -> dict:
        d = self.cleaned_data
        return {"date": d["date"], "started_at": d["started_at"], "ended_at": d["ended_at"],
                "seconds": d["seconds"], "occurrences": d["occurrences"], "note": d["note"]}


class TimerStopForm(forms.Form):
    occurrences = forms.IntegerField(label=_("Occurrences done"), min_value=0, max_value=1000,
                                     initial=1)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Export file (CSV)"))
    format = forms.ChoiceField(
        label=_("Format"), initial="auto",
        choices=[("auto", _("Recognise it"))] + [(f, FORMAT_NAMES[f]) for f in FORMATS])

    MAX_BYTES = 20 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class MappingForm(forms.Form):
    """One choice per tracker name without a duty yet: a duty, or leave those entries out."""

    SKIP = "skip"

    def __init__(self, *args, keys, duties, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = keys
        choices = [("", "—"), (self.SKIP, _("Leave these entries out"))] + [
            (str(d.pk), f"{d.engagement.client.name}: {d.title}") for d in duties]
        self.duties = {str(d.pk): d for d in duties}
        for i, key in enumerate(keys):
            label = " / ".join(p for p in key if p) or _("(no project)")
            self.fields[f"map_{i}"] = forms.ChoiceField(label=label, choices=choices)

    def mapping(self) -> dict:
        found = {}
        for i, key in enumerate(self.keys):
            value = self.cleaned_data[f"map_{i}"]
            found[key] = None if value == self.SKIP else self.duties[value]
        return found


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices,
                                 widget=forms.RadioSelect)
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    next_review_on = forms.DateField(
        label=_("Next review on"), required=False, widget=DATE,
        help_text=_("When extending the trial: the new end of the trial."))
    # A change of scope or price: what is proposed to the client.
    agreed_minutes = forms.IntegerField(
        label=_("New time agreed per occurrence (minutes)"), required=False, min_value=1,
        max_value=24 * 60)
    hourly_rate = forms.DecimalField(label=_("New hourly rate"), required=False,
                                     min_value=Decimal("0.01"), max_digits=8,
                                     decimal_places=2)
    scope = forms.CharField(label=_("What the duty covers from now on"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, duty=None, **kwargs):
        super().__init__(*args, **kwargs)
        if duty is not None and duty.status != DutyStatus.TRIAL:
            self.fields["decision"].choices = [
                c for c in Decision.choices if c[0] != Decision.EXTEND]

    def clean(self):
        data = super().clean()
        if data.get("decision") != Decision.HAND_BACK and not data.get("next_review_on"):
            self.add_error("next_review_on", _("Set the date of the next review."))
        if data.get("next_review_on") and data["next_review_on"] <= timezone.localdate():
            self.add_error("next_review_on", _("The next review comes after today."))
        return data

    def terms(self) -> dict:
        return {name: self.cleaned_data.get(name)
                for name in ("agreed_minutes", "hourly_rate", "scope")}


class TermsAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accepted", _("Accepted")),
                                        ("declined", _("Declined"))])
    note = forms.CharField(label=_("What the client said"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class RequestReportsForm(forms.Form):
    month = forms.DateField(label=_("Month (any day of it)"), widget=DATE)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)


class ReportItemForm(forms.Form):
    minutes = forms.IntegerField(label=_("Time spent (minutes)"), min_value=0,
                                 max_value=31 * 24 * 60)
    occurrences = forms.IntegerField(label=_("How many times it came up"), min_value=0,
                                     max_value=10_000, required=False)
    changes = forms.CharField(label=_("What changed in the way it is done"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    problems = forms.CharField(label=_("Problems"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    suggestions = forms.CharField(label=_("Suggestions"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class QuickTimeForm(forms.Form):
    """Time logged by hand on one duty, from wherever the duty is shown (the duty's page, the
    list, the dashboard): a day up to today, the minutes, how many occurrences, a note."""

    date = forms.DateField(label=_("Date"), widget=DATE)
    minutes = forms.IntegerField(
        label=_("Minutes"), min_value=0, max_value=24 * 60,
        widget=forms.NumberInput(attrs={"min": 0, "max": 24 * 60, "inputmode": "numeric"}),
        error_messages={"required": _("Give the minutes you spent."),
                        "min_value": _("The time cannot be negative."),
                        "max_value": _("One entry can last 24 hours at most.")})
    occurrences = forms.IntegerField(label=_("Occurrences"), min_value=0, max_value=1000,
                                     initial=1)
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)

    def __init__(self, *args, duty, **kwargs):
        kwargs.setdefault("auto_id", f"quick-{duty.pk}-%s")
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["date"].initial = today
        self.fields["date"].widget.attrs["max"] = today.isoformat()

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day

    def action_fields(self) -> dict:
        d = self.cleaned_data
        return {"date": d["date"], "seconds": d["minutes"] * 60,
                "occurrences": d["occurrences"], "note": d["note"]}
