"""The client's delivery pages. The link's token is exchanged for a session at once."""

from __future__ import annotations

import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handover.core.access import workspace_view

from . import actions, selectors
from .forms import ReceiptForm
from .ranges import UNSATISFIABLE, serve, wanted_range


def _ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def portal_enter(request, token: str):
    found = selectors.delivery_for_token(token)
    if found is None:
        return render(request, "portal/invalid.html", status=404)
    request.session.cycle_key()
    request.session[selectors.SESSION_KEY] = found.pk
    actions.do_open_delivery(found, ip=_ip(request))
    return redirect("portal_home")


def _delivery_or_invalid(request):
    found = selectors.delivery_in_session(request)
    if found is not None and not request.user.is_authenticated:
        translation.activate(found.language)
    return found


def portal_home(request):
    found = _delivery_or_invalid(request)
    if found is None:
        return render(request, "portal/invalid.html", status=403)
    form = ReceiptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_confirm_receipt(found, name=form.cleaned_data["name"], ip=_ip(request))
        except ValidationError as err:
            for message in err.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Thank you: your receipt is recorded."))
        return redirect("portal_home")
    return render(request, "portal/home.html", {
        "delivery": found, "archives": selectors.archives_for(found), "form": form})


def portal_download(request):
    found = _delivery_or_invalid(request)
    if found is None:
        return render(request, "portal/invalid.html", status=403)
    archive = selectors.archives_for(found).filter(name=request.GET.get("archive", "")).first()
    if archive is None:
        raise Http404
    path = os.path.join(found.export_job.out_dir, archive.name)
    if not os.path.exists(path):
        raise Http404
    # A download is recorded once, when it starts at the first byte (a resumed one is not).
    wanted = wanted_range(request.headers.get("Range", ""), request.headers.get("If-Range", ""),
                          size=os.path.getsize(path), etag=archive.sha256)
    if wanted is None or (wanted != UNSATISFIABLE and wanted[0] == 0):
        actions.do_record_download(found, archive, ip=_ip(request))
    return serve(request, path, filename=archive.name, etag=archive.sha256)


@workspace_view("manage_files")
@require_POST
def delivery_revoke(request, delivery_id: int):
    found = selectors.delivery(request.workspace, delivery_id)
    actions.do_revoke_delivery(found, actor=request.user)
    messages.success(request, _("The link was revoked."))
    return redirect("export_job_detail", ws=request.workspace.slug,
                    export_job_id=found.export_job_id)
