"""Views for the access inventory: accounts, import from a vault export, revocation."""

from __future__ import annotations

from django.contrib import messages
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from handover.clients.selectors import engagement as engagement_of
from handover.core.access import workspace_view

from .. import selectors
from ..actions import access as access_actions
from ..forms import AccountForm, AccountStateForm, ImportForm, RevocationForm
from ..importing import ImportRefused, import_export
from ..models import AccountState
from .plans import letter_waits

MAX_IMPORT_BYTES = 20 * 1024 * 1024


class InMemoryOnly(MemoryFileUploadHandler):
    """Keeps an uploaded export in memory: it never lands in a temporary file."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = content_length <= MAX_IMPORT_BYTES


@workspace_view("manage_clients")
def account_list(request):
    form = AccountForm(request.POST or None, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        access_actions.do_add_account(request.workspace, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The account was added."))
        return redirect("access_account_list", ws=request.workspace.slug)
    accounts = selectors.accounts_of(request.workspace).order_by(
        "client__name", "engagement_id", "system", "login")
    return render(request, "offboarding/account_list.html", {
        "accounts": accounts, "form": form, "states": AccountState,
    })


@workspace_view("manage_clients")
def account_edit(request, access_account_id: int):
    account = selectors.account(request.workspace, access_account_id)
    if request.method == "POST" and "state" in request.POST:
        state_form = AccountStateForm(request.POST)
        if state_form.is_valid():
            try:
                access_actions.do_set_account_state(account, actor=request.user,
                                                    state=state_form.cleaned_data["state"])
            except ValueError:
                messages.error(request, _("The account cannot go to that state from here."))
        return redirect("access_account_list", ws=request.workspace.slug)
    if request.method == "POST" and request.POST.get("remove"):
        access_actions.do_remove_account(account, actor=request.user)
        return redirect("access_account_list", ws=request.workspace.slug)
    form = AccountForm(request.POST or None, instance=account, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        access_actions.do_update_account(account, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The account was saved."))
        return redirect("access_account_list", ws=request.workspace.slug)
    return render(request, "offboarding/account_form.html", {"form": form, "account": account})


@csrf_exempt
@workspace_view("manage_clients")
def account_import(request):
    # Before anything reads the body: the upload stays in memory, then CSRF is checked.
    request.upload_handlers = [InMemoryOnly(request)]
    return _account_import(request)


@csrf_protect
def _account_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST":
        if not request.FILES and request.POST is not None:
            form.add_error(None, _("Choose an export file of at most 20 MB."))
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            raw = upload.read()
            upload.close()
            try:
                report = import_export(request.workspace, actor=request.user, raw=raw,
                                       fmt=form.cleaned_data["format"])
            except ImportRefused as err:
                form.add_error("file", _("Nothing was imported. %(reason)s")
                               % {"reason": err})
            del raw
    return render(request, "offboarding/account_import.html", {
        "form": form, "report": report, "max_mb": MAX_IMPORT_BYTES // (1024 * 1024),
    })


@workspace_view("manage_clients")
def revocation_new(request, engagement_id: int):
    engagement = engagement_of(request.membership, engagement_id)
    contact = engagement.client.contacts.exclude(email="").order_by("pk").first()
    form = RevocationForm(request.POST or None, workspace=request.workspace,
                          engagement=engagement,
                          initial={"to": contact.email if contact else ""})
    if request.method == "POST" and form.is_valid():
        plan = selectors.plans_of(request.membership).filter(engagement=engagement).first()
        letter = access_actions.do_request_revocation(
            engagement, actor=request.user, accounts=list(form.cleaned_data["accounts"]),
            to=form.cleaned_data["to"], author=request.user.display_name,
            last_day=plan.last_day if plan else None)
        if letter.email_id is None:
            return letter_waits(request, letter)
        messages.success(request, _("The request is in the outbox."))
        return redirect("access_account_list", ws=request.workspace.slug)
    return render(request, "offboarding/revocation.html", {
        "form": form, "engagement": engagement,
        "accounts": selectors.accounts_of(request.workspace, engagement=engagement),
    })
