"""Views of the core app: home, workspaces, members, invitations, activity, account."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import actions, selectors
from .access import workspace_view
from .activity import kinds, with_sentences
from .forms import InviteForm, JoinForm, LanguageForm, RoleForm, TokenForm, WorkspaceForm
from .models import ApiToken
from .pagecache import cached_page


def form_errors_to_messages(request, err: ValidationError, form=None) -> None:
    """Put an action's ValidationError next to the form's fields, or at the top."""
    if form is not None and hasattr(err, "error_dict"):
        for field, errors in err.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    for message in err.messages:
        messages.error(request, message)


@login_required
def home(request):
    workspace = selectors.workspaces_for(request.user).first()
    if workspace is None:
        if may_create_workspaces(request.user):
            return redirect("workspace_new")
        return render(request, "core/no_workspace.html")
    return redirect("dashboard", ws=workspace.slug)


def may_create_workspaces(user) -> bool:
    """Workspaces are created from the web only where the instance allows it (or by a
    superuser); otherwise `handover create_workspace` makes them and people are invited."""
    return settings.SIGNUP_WORKSPACES or user.is_superuser


@login_required
def workspace_new(request):
    if not may_create_workspaces(request.user):
        return render(request, "core/no_workspace.html", status=403)
    form = WorkspaceForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        try:
            workspace = actions.do_create_workspace(
                form.cleaned_data["name"], actor=request.user,
                language=form.cleaned_data["language"],
            )
        except ValidationError as err:
            form_errors_to_messages(request, err, form)
        else:
            return redirect("dashboard", ws=workspace.slug)
    return render(request, "core/workspace_new.html", {"form": form})


@workspace_view("view_activity")
def activity(request):
    kind = request.GET.get("kind", "")
    if kind not in dict(kinds()):
        kind = ""
    page = Paginator(selectors.activity(request.workspace, verb_prefix=kind), 50).get_page(
        request.GET.get("page")
    )
    rows = with_sentences(page.object_list)
    template = "core/_activity_rows.html" if request.htmx else "core/activity.html"
    return render(request, template, {
        "page": page, "rows": rows, "kinds": kinds(), "kind": kind,
    })


@workspace_view("view_members")
@cached_page
def members(request):
    return render(request, "core/members.html", {
        "members": selectors.members_of(request.workspace),
        "invitations": selectors.pending_invitations(request.workspace),
        "roles": RoleForm.base_fields["role"].choices,
    })


@workspace_view("invite_members")
def invite(request):
    form = InviteForm(request.POST or None, initial={"language": request.workspace.language})
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_invite_member(request.workspace, actor=request.user, **form.cleaned_data)
        except ValidationError as err:
            form_errors_to_messages(request, err, form)
        else:
            messages.success(request, _("The invitation to %(email)s is on its way.")
                             % {"email": form.cleaned_data["email"]})
            return redirect("members", ws=request.workspace.slug)
    return render(request, "core/invite.html", {"form": form})


@workspace_view("change_roles")
def change_role(request, membership_id: int):
    membership = selectors.member(request.workspace, membership_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            actions.do_change_role(membership, actor=request.user, role=form.cleaned_data["role"])
        except ValidationError as err:
            form_errors_to_messages(request, err)
        else:
            messages.success(request, _("%(name)s is now %(role)s.") % {
                "name": membership.user.display_name, "role": membership.get_role_display()})
    return redirect("members", ws=request.workspace.slug)


@workspace_view("change_roles")
def remove_member(request, membership_id: int):
    membership = selectors.member(request.workspace, membership_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        actions.do_remove_member(membership, actor=request.user)
    except ValidationError as err:
        form_errors_to_messages(request, err)
    else:
        messages.success(request, _("%(name)s no longer has access to this workspace.")
                         % {"name": membership.user.display_name})
    return redirect("members", ws=request.workspace.slug)


@workspace_view("invite_members")
def revoke_invitation(request, invitation_id: int):
    invitation = selectors.invitation(request.workspace, invitation_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    actions.do_revoke_invitation(invitation, actor=request.user)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("members", ws=request.workspace.slug)


def accept_invitation(request, token: str):
    invitation = selectors.find_invitation(token)
    if invitation is None or not invitation.is_usable:
        return render(request, "core/invitation_invalid.html", status=410)
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                actions.do_accept_invitation(invitation, actor=request.user)
            except ValidationError as err:
                form_errors_to_messages(request, err)
                return redirect("home")
            return redirect("dashboard", ws=invitation.workspace.slug)
        return render(request, "core/invitation_accept.html", {"invitation": invitation})
    user = get_user_model().objects.filter(email__iexact=invitation.email).first()
    if user is not None and user.has_usable_password():
        messages.info(request, _("Sign in as %(email)s to accept the invitation.")
                      % {"email": invitation.email})
        return redirect(f"{reverse('login')}?next={request.path}")
    form = JoinForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.do_join_by_invitation(
                invitation, name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as err:
            form_errors_to_messages(request, err)
            return render(request, "core/invitation_invalid.html", status=410)
        login(request, user, backend="handover.core.auth.EmailBackend")
        return redirect("dashboard", ws=invitation.workspace.slug)
    return render(request, "core/invitation_join.html", {"invitation": invitation, "form": form})


@require_POST
def set_language(request):
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    response = redirect(target)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            actions.do_set_language(request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE, secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=False,
        )
    return response


@login_required
def account(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = actions.do_create_api_token(
            request.user, name=form.cleaned_data["name"]
        )
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True).order_by(
        "-created_at"
    )
    return render(request, "core/account.html", {
        "form": form, "tokens": tokens, "new_token": new_token,
    })


def favicon(request):
    """The icon's address is known only once the static files are collected (its name holds
    its hash), so it is looked up when asked for, not when the URLs load."""
    return HttpResponsePermanentRedirect(static("handover/favicon.svg"))
