"""Views for the dashboard, clients, contacts and engagements. Thin: access, form, action."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from handover.core.access import workspace_view
from handover.core.activity import with_sentences
from handover.core.apps_registry import modules
from handover.core.pagecache import cached_page
from handover.core.selectors import events_for_target
from handover.lib.hours import WEEKDAYS

from . import actions, selectors
from .forms import WEEKDAY_LABELS, ClientForm, ContactForm, EngagementForm
from .models import EngagementStatus


@workspace_view()
@cached_page
def dashboard(request):
    panels = []
    for module in modules("dashboard"):
        found = module.panel(request)  # None, one panel, or a list of them
        panels.extend([] if found is None else found if isinstance(found, list) else [found])
    page = Paginator(selectors.dashboard_rows(request.membership), 50).get_page(
        request.GET.get("page"))
    engagements = list(page.object_list)
    ids = [e.pk for e in engagements]
    columns = [c for module in modules("dashboard") if hasattr(module, "engagement_columns")
               for c in module.engagement_columns(request, ids)]
    return render(request, "clients/dashboard.html", {
        "engagements": engagements,
        "page": page,
        "counts": selectors.status_counts(request.membership),
        "statuses": EngagementStatus.choices,
        "panels": panels,
        "columns": columns,
    })


@workspace_view("view_all_engagements")
def client_list(request):
    archived = request.GET.get("archived") == "1"
    query = request.GET.get("q", "").strip()[:100]
    clients = selectors.client_list(request.workspace, archived=archived, query=query)
    template = "clients/_client_rows.html" if request.htmx else "clients/client_list.html"
    return render(request, template, {"clients": clients, "archived": archived, "q": query})


@workspace_view("manage_clients")
def client_new(request):
    form = ClientForm(request.POST or None, workspace=request.workspace,
                      initial={"language": request.workspace.language})
    if request.method == "POST" and form.is_valid():
        client = actions.do_create_client(request.workspace, actor=request.user,
                                          **form.cleaned_data)
        messages.success(request, _("The client %(name)s was added.") % {"name": client.name})
        return redirect("client_detail", ws=request.workspace.slug, client_id=client.pk)
    return render(request, "clients/client_form.html", {"form": form})


@workspace_view("view_all_engagements")
def client_detail(request, client_id: int):
    client = selectors.client(request.workspace, client_id)
    return render(request, "clients/client_detail.html", {
        "client": client,
        "contacts": selectors.contacts_of(request.workspace, client),
        "engagements": selectors.engagements_of_client(request.membership, client),
        "events": with_sentences(events_for_target(request.workspace, client)[:10]),
        "contact_form": ContactForm(workspace=request.workspace),
    })


@workspace_view("manage_clients")
def client_edit(request, client_id: int):
    client = selectors.client(request.workspace, client_id)
    form = ClientForm(request.POST or None, instance=client, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        actions.do_update_client(client, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The client %(name)s was saved.") % {"name": client.name})
        return redirect("client_detail", ws=request.workspace.slug, client_id=client.pk)
    return render(request, "clients/client_form.html", {"form": form, "client": client})


@workspace_view("manage_clients")
def client_archive(request, client_id: int):
    client = selectors.client(request.workspace, client_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("restore"):
        actions.do_restore_client(client, actor=request.user)
        messages.success(request, _("The client %(name)s was restored.") % {"name": client.name})
    else:
        actions.do_archive_client(client, actor=request.user)
        messages.success(request, _("The client %(name)s was archived.") % {"name": client.name})
    return redirect("client_detail", ws=request.workspace.slug, client_id=client.pk)


@workspace_view("manage_clients")
def contact_new(request, client_id: int):
    client = selectors.client(request.workspace, client_id)
    form = ContactForm(request.POST or None, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        contact = actions.do_add_contact(client, actor=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s was added as a contact.") % {"name": contact.name})
        return redirect("client_detail", ws=request.workspace.slug, client_id=client.pk)
    return render(request, "clients/contact_form.html", {"form": form, "client": client})


@workspace_view("manage_clients")
def contact_edit(request, contact_id: int):
    contact = selectors.contact(request.workspace, contact_id)
    form = ContactForm(request.POST or None, instance=contact, workspace=request.workspace)
    if request.method == "POST":
        if request.POST.get("remove"):
            actions.do_remove_contact(contact, actor=request.user)
            messages.success(request, _("%(name)s was removed.") % {"name": contact.name})
            return redirect("client_detail", ws=request.workspace.slug,
                            client_id=contact.client_id)
        if form.is_valid():
            actions.do_update_contact(contact, actor=request.user, **form.cleaned_data)
            messages.success(request, _("%(name)s was saved.") % {"name": contact.name})
            return redirect("client_detail", ws=request.workspace.slug,
                            client_id=contact.client_id)
    return render(request, "clients/contact_form.html", {
        "form": form, "client": contact.client, "contact": contact,
    })


def _hours_fields(form):
    return [(WEEKDAY_LABELS[key], form[f"hours_{key}"]) for key in WEEKDAYS]


@workspace_view("manage_clients")
def engagement_new(request):
    initial = {"notice_days": 30, "currency": request.workspace.currency}
    client_id = request.GET.get("client", "")
    if client_id.isdigit():
        client = selectors.clients_of(request.workspace).filter(pk=client_id).first()
        if client is not None:
            initial.update(client=client, time_zone=client.time_zone,
                           holiday_country=client.country)
    for key in WEEKDAYS[:5]:
        initial[f"hours_{key}"] = "09:00-13:00, 14:00-18:00"
    form = EngagementForm(request.POST or None, workspace=request.workspace, initial=initial)
    if request.method == "POST" and form.is_valid():
        engagement = actions.do_create_engagement(
            request.workspace, actor=request.user, **form.action_fields()
        )
        messages.success(request, _("The engagement was created."))
        return redirect("engagement_detail", ws=request.workspace.slug,
                        engagement_id=engagement.pk)
    return render(request, "clients/engagement_form.html", {
        "form": form, "hours": _hours_fields(form),
    })


@workspace_view()
def engagement_detail(request, engagement_id: int):
    engagement = selectors.any_engagement(request.membership, engagement_id)
    by_day: dict[int, list] = {}
    for window in engagement.working_windows.all():
        by_day.setdefault(window.weekday, []).append(window)
    week = [(WEEKDAY_LABELS[key], by_day.get(i, [])) for i, key in enumerate(WEEKDAYS)]
    return render(request, "clients/engagement_detail.html", {
        "engagement": engagement,
        "week": week,
        "events": with_sentences(events_for_target(request.workspace, engagement)[:20]),
    })


@workspace_view("manage_clients")
def engagement_edit(request, engagement_id: int):
    engagement = selectors.engagement(request.membership, engagement_id)
    form = EngagementForm(request.POST or None, instance=engagement, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        actions.do_update_engagement(engagement, actor=request.user, **form.action_fields())
        messages.success(request, _("The engagement was saved."))
        return redirect("engagement_detail", ws=request.workspace.slug,
                        engagement_id=engagement.pk)
    return render(request, "clients/engagement_form.html", {
        "form": form, "hours": _hours_fields(form), "engagement": engagement,
    })


@workspace_view("manage_clients")
def engagement_archive(request, engagement_id: int):
    engagement = selectors.any_engagement(request.membership, engagement_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("restore"):
        actions.do_restore_engagement(engagement, actor=request.user)
        messages.success(request, _("The engagement was restored."))
        return redirect("engagement_detail", ws=request.workspace.slug,
                        engagement_id=engagement.pk)
    actions.do_archive_engagement(engagement, actor=request.user)
    messages.success(request, _("The engagement was archived."))
    return redirect("dashboard", ws=request.workspace.slug)
