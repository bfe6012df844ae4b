"""Forms for clients, contacts and engagements. The API validates through these too."""

from __future__ import annotations

import re

from babel import Locale
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from handover.core.selectors import member_users
from handover.lib.hours import WEEKDAYS, HoursError, Window, format_windows, parse_windows
from handover.lib.places import (
    CURRENCIES,
    canonical_region,
    holiday_countries,
    is_holiday_country,
    time_zones,
)

from .models import Client, ClientDomain, ClientKind, Contact, Engagement, EngagementStatus
from .selectors import clients_of

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")

WEEKDAY_LABELS = {
    "mon": _("Monday"),
    "tue": _("Tuesday"),
    "wed": _("Wednesday"),
    "thu": _("Thursday"),
    "fri": _("Friday"),
    "sat": _("Saturday"),
    "sun": _("Sunday"),
}

HOURS_ERRORS = {
    "bad_format": _("“%(window)s” is not a time window. Write it as 09:00-13:00."),
    "bad_time": _("“%(window)s” has a time that does not exist on a clock."),
    "ends_before_start": _("“%(window)s” ends before it starts."),
    "overlap": _("The windows %(first)s and %(second)s overlap."),
}


def refuse_lone_surrogates(value) -> None:
    """A lone surrogate (JSON's "\\ud800") cannot be stored: refuse it, never crash on it."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise forms.ValidationError(
                _("This text contains an invalid character (an unpaired surrogate)."),
                code="surrogate",
            ) from None


def refuse_surrogates_in(form) -> None:
    """Check every text field of the form before its own clean methods query the database."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            field.validators.append(refuse_lone_surrogates)


def country_choices() -> list[tuple[str, str]]:
    """Countries the holiday calendar knows, named in the active language."""
    locale = Locale.parse(get_language() or "en", sep="-")
    names = locale.territories
    return sorted(
        ((code, names.get(code, code)) for code in holiday_countries() if len(code) == 2),
        key=lambda item: item[1].casefold(),
    )


def time_zone_choices() -> list[tuple[str, str]]:
    return [(tz, tz.replace("_", " ")) for tz in sorted(time_zones()) if "/" in tz or tz == "UTC"]


class ClientForm(forms.ModelForm):
    email_domains = forms.CharField(
        label=_("E-mail domains"),
        required=False,
        help_text=_("Separate domains with commas, e.g. example.com, example.org."),
    )

    class Meta:
        model = Client
        fields = ["name", "kind", "language", "country", "time_zone", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["kind"].choices = ClientKind.choices
        self.fields["country"] = forms.ChoiceField(label=_("Country"), choices=country_choices())
        self.fields["time_zone"] = forms.ChoiceField(
            label=_("Time zone"), choices=time_zone_choices()
        )
        if self.instance.pk and not self.is_bound:
            self.initial["email_domains"] = ", ".join(self.instance.domain_list)
        refuse_surrogates_in(self)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = Client.objects.filter(workspace=self.workspace, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("A client with this name already exists."))
        return name

    def clean_email_domains(self):
        domains = []
        for raw in re.split(r"[,\s;]+", self.cleaned_data.get("email_domains") or ""):
            domain = raw.strip().lower().lstrip("@")
            if not domain:
                continue
            try:
                domain = domain.encode("idna").decode("ascii")
            except UnicodeError:
                domain = ""
            if not DOMAIN.match(domain):
                raise forms.ValidationError(
                    _("“%(domain)s” is not an e-mail domain."), params={"domain": raw}
                )
            if domain not in domains:
                domains.append(domain)
        taken = ClientDomain.objects.filter(workspace=self.workspace, domain__in=domains)
        if self.instance.pk:
            taken = taken.exclude(client=self.instance)
        first = taken.select_related("client").first()
        if first:
            raise forms.ValidationError(
                _("The domain %(domain)s already belongs to %(client)s."),
                params={"domain": first.domain, "client": first.client.name},
            )
        return domains


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "email", "phone", "role"]

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        refuse_surrogates_in(self)

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if email:
            clash = Contact.objects.filter(workspace=self.workspace, email__iexact=email)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            other = clash.select_related("client").first()
            if other:
                raise forms.ValidationError(
                    _("This address already belongs to %(name)s at %(client)s."),
                    params={"name": other.name, "client": other.client.name},
                )
        return email

    def clean_phone(self):
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone and not re.fullmatch(r"\+?[\d\s().\-/]{4,40}", phone):
            raise forms.ValidationError(
                _("Write the phone number with digits, e.g. +39 02 1234 5678.")
            )
        return phone


class EngagementForm(forms.ModelForm):
    class Meta:
        model = Engagement
        fields = [
            "client", "title", "status", "start_date", "end_date", "account_manager",
            "notice_days", "time_zone", "holiday_country", "holiday_subdivision",
            "lead_time_hours", "payment_terms_days", "hourly_rate", "support_rate", "currency",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["client"].queryset = clients_of(workspace)
        self.fields["account_manager"].queryset = member_users(workspace)
        self.fields["status"].choices = EngagementStatus.choices
        self.fields["time_zone"] = forms.ChoiceField(
            label=_("Time zone"), choices=time_zone_choices()
        )
        self.fields["holiday_country"] = forms.ChoiceField(
            label=_("Public holidays of"), required=False,
            choices=[("", _("No public holidays"))] + country_choices(),
        )
        self.fields["holiday_subdivision"].help_text = _(
            "The region's code, e.g. CT for Catalonia; leave empty for national holidays only."
        )
        self.fields["currency"] = forms.ChoiceField(
            label=_("Currency"), choices=[(c, c) for c in CURRENCIES]
        )
        for key in WEEKDAYS:
            self.fields[f"hours_{key}"] = forms.CharField(
                label=WEEKDAY_LABELS[key], required=False,
                widget=forms.TextInput(attrs={"aria-describedby": "hours-help"}),
            )
        if self.instance.pk and not self.is_bound:
            by_day = self.instance_windows()
            for index, key in enumerate(WEEKDAYS):
                self.initial[f"hours_{key}"] = format_windows(by_day.get(index, []))
        refuse_surrogates_in(self)

    def instance_windows(self):
        by_day: dict[int, list] = {}
        for w in self.instance.working_windows.all():
            by_day.setdefault(w.weekday, []).append(Window(w.start, w.end))
        return by_day

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes before the start date."))
        country = data.get("holiday_country") or ""
        region = (data.get("holiday_subdivision") or "").strip()
        if country and not is_holiday_country(country):
            self.add_error("holiday_country", _("There is no holiday calendar for this country."))
        elif region and not country:
            self.add_error("holiday_subdivision", _("Choose the country first."))
        elif region:
            code = canonical_region(country, region)
            if code is None:
                self.add_error(
                    "holiday_subdivision",
                    _("%(country)s has no region “%(region)s” in the holiday calendar.")
                    % {"country": country, "region": region},
                )
            else:
                data["holiday_subdivision"] = code
        windows = {}
        for index, key in enumerate(WEEKDAYS):
            try:
                windows[index] = parse_windows(data.get(f"hours_{key}", ""))
            except HoursError as err:
                self.add_error(f"hours_{key}", HOURS_ERRORS[err.code] % err.params)
        data["working_hours"] = windows
        return data

    def action_fields(self) -> dict:
        """The cleaned values the engagement actions take."""
        names = [*self.Meta.fields, "working_hours"]
        return {name: self.cleaned_data.get(name) for name in names}
