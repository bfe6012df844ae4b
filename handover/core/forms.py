"""Forms for signing in, workspaces, invitations, roles and the account."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .links import absolute
from .mail import queue_email
from .models import Role


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is not right."),
        "inactive": _("This account has been deactivated."),
    }


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the message sent through the outbox in the user's language."""

    def save(self, *args, **kwargs):
        self._users = {u.email.lower(): u for u in self.get_users(self.cleaned_data["email"])}
        return super().save(*args, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        user = self._users.get(to_email.lower())
        link = absolute(reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        ))
        queue_email(
            to=to_email,
            kind="password_reset",
            language=getattr(user, "language", None) or settings.LANGUAGE_CODE,
            template="core/email/password_reset",
            context={"link": link, "name": getattr(user, "display_name", "")},
        )


class WorkspaceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    language = forms.ChoiceField(label=_("Default language"), choices=settings.LANGUAGES)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    language = forms.ChoiceField(label=_("Language of the invitation"),
                                 choices=settings.LANGUAGES)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class JoinForm(forms.Form):
    """A new person's details when accepting an invitation."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), strip=False)

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                password_validation.validate_password(
                    p1, get_user_model()(email=self.email, name=data.get("name", ""))
                )
            except forms.ValidationError as err:
                self.add_error("password1", err)
        return data


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100, required=False)
