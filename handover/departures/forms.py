"""Forms for departures, reassignments and client questions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from handover.clients.models import Client
from handover.core.models import Membership
from handover.core.selectors import member_users

from .models import DepartureKind, RoutedTo


class DepartureForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Who is leaving"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of departure"), choices=DepartureKind.choices)
    last_day = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    confidential_reason = forms.CharField(
        label=_("Confidential reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen only by owners and managers. It never appears in any letter."))
    new_employer = forms.CharField(label=_("New employer"), required=False, max_length=200)
    new_employer_is_competitor = forms.BooleanField(
        label=_("The new employer is a competitor"), required=False,
        help_text=_("Letters that name it are flagged."))
    hr_contact = forms.CharField(label=_("Who answers questions about the departure (HR)"),
                                 required=False, max_length=200)
    legal_contact = forms.CharField(label=_("Who answers legal questions"), required=False,
                                    max_length=200)

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(workspace=membership.workspace,
                                            is_active=True).select_related("user")
        from handover.core.access import can

        if not can(membership, "manage_departures"):
            members = members.filter(user=membership.user)
            del self.fields["confidential_reason"]
        self.fields["member"].queryset = members.order_by("user__name")
        self.fields["member"].label_from_instance = lambda m: m.user.display_name


class QuestionForm(forms.Form):
    client = forms.ModelChoiceField(label=_("Client"), queryset=None)
    asked_by = forms.CharField(label=_("Asked by"), max_length=200)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    routed_to = forms.ChoiceField(label=_("Pass it to"), choices=RoutedTo.choices)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.filter(workspace=workspace)


def successor_choices(workspace, leaver):
    return member_users(workspace).exclude(pk=leaver.pk)


def _successor(post, field: str, users: dict, errors: list):
    """The member chosen in `field`, None when none was chosen or the choice is not allowed
    (then said in `errors`)."""
    value = post.get(field, "")
    if value and value not in users:
        errors.append(str(_("Choose a successor who is an active member and not the "
                            "person leaving.")))
    return users.get(value) if value else None


def parse_reassignment(post, workspace, engagements, leaver) -> tuple[dict, dict, list[str]]:
    """{engagement id: successor}, {engagement id: phone}, errors from `succ_<id>` fields."""
    users = {str(u.pk): u for u in successor_choices(workspace, leaver)}
    choices, phones, errors = {}, {}, []
    for engagement in engagements:
        successor = _successor(post, f"succ_{engagement.pk}", users, errors)
        if successor is not None:
            choices[engagement.pk] = successor
            phones[engagement.pk] = post.get(f"phone_{engagement.pk}", "").strip()[:40]
    return choices, phones, errors


def parse_other_clients(post, workspace, others, leaver) -> tuple[dict, list[str]]:
    """{client id: successor}, errors from the `client_<id>` fields: a successor for each
    client where the leaver has open work but looks after none of its engagements."""
    users = {str(u.pk): u for u in successor_choices(workspace, leaver)}
    choices, errors = {}, []
    for row in others:
        successor = _successor(post, f"client_{row['client'].pk}", users, errors)
        if successor is not None:
            choices[row["client"].pk] = successor
    return choices, errors
