"""Views: timelines, one interaction, the unplaced senders, imports with progress, invoices."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from handover.clients import selectors as client_selectors
from handover.core.access import workspace_view

from . import actions, selectors
from .forms import AssignForm, FilterForm, ImapForm, InvoiceForm, UploadForm
from .importers.base import Refused
from .importers.imap import check_host, parse_url
from .models import ImportKind
from .tasks import run_import_task


def _timeline(request, engagement=None):
    filters = FilterForm(request.GET or None)
    rows = selectors.interactions_for(request.membership, engagement=engagement,
                                      **filters.values())
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "interactions/timeline.html", {
        "engagement": engagement, "filters": filters, "page": page,
        "unplaced": selectors.unplaced_count(request.workspace),
    })


@workspace_view("view_all_engagements")
def interaction_list(request):
    return _timeline(request)


@workspace_view()
def engagement_interactions(request, engagement_id: int):
    return _timeline(request, client_selectors.engagement(request.membership, engagement_id))


@workspace_view()
def interaction_detail(request, interaction_id: int):
    return render(request, "interactions/interaction_detail.html", {
        "interaction": selectors.interaction(request.membership, interaction_id)})


@workspace_view("manage_clients")
def unplaced(request):
    form = AssignForm(request.POST or None, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        filed = actions.do_assign_sender(request.workspace, actor=request.user,
                                         **form.cleaned_data)
        messages.success(request, _("%(count)d interactions were filed under %(client)s.") % {
            "count": filed, "client": form.cleaned_data["client"].name})
        return redirect("unplaced", ws=request.workspace.slug)
    return render(request, "interactions/unplaced.html", {
        "senders": selectors.unplaced_senders(request.workspace)[:200], "form": form})


def _start(request, run):
    transaction.on_commit(lambda: run_import_task.enqueue(run.pk))
    return redirect("import_detail", ws=request.workspace.slug, import_run_id=run.pk)


@sensitive_post_parameters("imap-password")
@workspace_view("manage_clients")
def import_list(request):
    upload = UploadForm(prefix="upload")
    imap = ImapForm(prefix="imap")
    if request.method == "POST" and "upload-file" in request.FILES:
        upload = UploadForm(request.POST, request.FILES, prefix="upload")
        if upload.is_valid():
            data = upload.cleaned_data
            run = actions.do_create_import(request.workspace, actor=request.user,
                                           kind=data["kind"], label=data["file"].name,
                                           upload=data["file"], client_name=data["client"])
            return _start(request, run)
    elif request.method == "POST":
        imap = ImapForm(request.POST, prefix="imap")
        if imap.is_valid():
            try:
                check_host(parse_url(imap.url()).host)
            except Refused as err:
                imap.add_error("host", str(err))
            else:
                run = actions.do_create_import(
                    request.workspace, actor=request.user, kind=ImportKind.MAIL,
                    label=imap.url(), client_name=imap.cleaned_data["client"],
                    password=imap.cleaned_data["password"])
                return _start(request, run)
    return render(request, "interactions/import_list.html", {
        "upload": upload, "imap": imap, "runs": selectors.import_runs(request.workspace)[:20]})


@workspace_view("manage_clients")
def import_detail(request, import_run_id: int):
    run = selectors.import_run(request.workspace, import_run_id)
    template = "interactions/_progress.html" if request.htmx else "interactions/import_detail.html"
    return render(request, template, {"run": run})


@workspace_view("view_all_engagements")
def invoice_list(request):
    form = InvoiceForm(request.POST or None, workspace=request.workspace,
                       initial={"currency": request.workspace.currency})
    if request.method == "POST":
        from handover.core.access import require

        require(request.membership, "manage_clients")
        if form.is_valid():
            invoice = actions.do_save_invoice(request.workspace, actor=request.user,
                                              **form.cleaned_data)
            messages.success(request, _("The invoice %(number)s was saved.") % {
                "number": invoice.number})
            return redirect("invoice_list", ws=request.workspace.slug)
    return render(request, "interactions/invoice_list.html", {
        "form": form, "invoices": selectors.invoices(request.membership)[:200]})
