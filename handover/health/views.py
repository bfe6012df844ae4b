"""Health pages: per engagement (HTML and PDF), the overview, and dismissing a finding."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from handover.core.access import workspace_view
from handover.core.documents import render_pdf
from handover.core.pagecache import cached_page

from . import selectors
from .actions.findings import do_dismiss_finding, do_save_thresholds
from .forms import FIELDS, ThresholdsForm
from .models import HealthThresholds
from .presenting import health_context
from .tasks import compute_health


@workspace_view("view_all_engagements")
@cached_page
def health_overview(request):
    return render(request, "health/overview.html",
                  {"states": selectors.dashboard_states(request.workspace, limit=500)})


@workspace_view("view_all_engagements")
@cached_page
def engagement_health(request, engagement_id: int):
    engagement = selectors.engagement_for(request.membership, engagement_id)
    return render(request, "health/engagement_health.html", health_context(engagement))


@workspace_view("view_all_engagements")
def engagement_health_pdf(request, engagement_id: int):
    engagement = selectors.engagement_for(request.membership, engagement_id)
    html = render_to_string("health/report.html", health_context(engagement), request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="health-{engagement.pk}.pdf"'
    return response


@workspace_view("manage_clients")
def finding_dismiss(request, health_finding_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    finding = selectors.finding_for(request.membership, health_finding_id)
    do_dismiss_finding(finding, actor=request.user)
    transaction.on_commit(lambda: compute_health.enqueue(
        request.workspace.pk, engagement_ids=[finding.engagement_id]))
    messages.success(request, _("The finding was dismissed as a false alarm."))
    return redirect("engagement_health", ws=request.workspace.slug,
                    engagement_id=finding.engagement_id)


@workspace_view("manage_clients")
def health_settings(request):
    row = HealthThresholds.objects.filter(workspace=request.workspace).first() \
        or HealthThresholds(workspace=request.workspace)
    form = ThresholdsForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        do_save_thresholds(request.workspace, actor=request.user,
                           **{k: form.cleaned_data[k] for k in FIELDS})
        transaction.on_commit(lambda: compute_health.enqueue(request.workspace.pk))
        messages.success(request, _("The thresholds were saved; health is being recomputed."))
        return redirect("health_overview", ws=request.workspace.slug)
    return render(request, "health/settings.html", {"form": form})
