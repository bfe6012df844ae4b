"""Views for time: the timer, entries by hand, and imports of tracker exports."""

from __future__ import annotations

import json
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from handover.core.access import can, workspace_view
from handover.core.templatetags.handover import date_long, number
from handover.core.views import form_errors_to_messages

from .. import selectors
from ..actions import time as time_actions
from ..forms import ImportForm, MappingForm, QuickTimeForm, TimeEntryForm, TimerStopForm
from ..timeimport.files import ImportFailed, parse_file
from .duties import not_allowed


def _safe_next(request) -> str:
    """The page the form came from (`next`), when it is a page of this workspace on this
    site; else ""."""
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()},
                                       require_https=request.is_secure()) \
            and target.startswith(f"/w/{request.workspace.slug}/") and "//" not in target:
        return target
    return ""


def _next(request, default_duty=None):
    target = _safe_next(request)
    if target:
        return redirect(target)
    if default_duty is not None:
        return redirect("duty_detail", ws=request.workspace.slug, duty_id=default_duty.pk)
    return redirect("time_list", ws=request.workspace.slug)


def _open_duties(membership):
    return selectors.duty_list(membership, status="open")


@workspace_view("work_on_duties")
def timer_start(request, duty_id: int):
    if request.method != "POST":
        return not_allowed()
    duty = selectors.duty(request.membership, duty_id)
    time_actions.do_start_timer(duty, actor=request.user)
    messages.success(request, _("The timer is running on %(title)s.") % {"title": duty.title})
    return _next(request, duty)


@workspace_view("work_on_duties")
def timer_stop(request, time_entry_id: int):
    if request.method != "POST":
        return not_allowed()
    entry = selectors.time_entry(request.membership, time_entry_id)
    if entry.person_id != request.user.pk:
        raise PermissionDenied
    form = TimerStopForm(request.POST or None)
    occurrences = form.cleaned_data["occurrences"] if form.is_valid() else 1
    try:
        if request.POST.get("discard"):
            time_actions.do_discard_timer(entry, actor=request.user)
            messages.success(request, _("The timer was discarded."))
        else:
            entry = time_actions.do_stop_timer(entry, actor=request.user,
                                               occurrences=occurrences)
            messages.success(request, _("%(minutes)s minutes were logged on %(title)s.")
                             % {"minutes": entry.minutes, "title": entry.duty.title})
    except ValidationError as exc:
        form_errors_to_messages(request, exc)
    return _next(request, entry.duty)


@workspace_view("work_on_duties")
def time_quick(request, duty_id: int):
    """Time logged on one duty from the page showing it. With htmx the inline form answers
    with itself (its errors, or a confirmation and an empty form again); without, a success
    goes back to `next` and errors show on a page of their own."""
    duty = selectors.duty(request.membership, duty_id)
    form = QuickTimeForm(request.POST or None, duty=duty)
    entry = None
    if request.method == "POST" and form.is_valid():
        try:
            entry = time_actions.do_log_time(duty, actor=request.user, **form.action_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not request.htmx:
                messages.success(request, _("Logged %(minutes)s min on %(title)s for %(date)s.")
                                 % {"minutes": number(entry.minutes), "title": duty.title,
                                    "date": date_long(entry.date)})
                return _next(request, duty)
            form = QuickTimeForm(duty=duty)
    context = {"duty": duty, "form": form, "entry": entry, "next": _safe_next(request),
               "with_entries": request.POST.get("entries") == "1"}
    if not request.htmx:
        return render(request, "duties/time_quick.html", context)
    if entry is not None and context["with_entries"]:
        context["entries"] = selectors.visible_time(request.membership).filter(duty=duty)[:20]
    return render(request, "duties/_quick_time.html", context)


@workspace_view("work_on_duties")
def time_list(request):
    duties = _open_duties(request.membership)
    initial = {"occurrences": 1}
    if request.GET.get("duty", "").isdigit():
        initial["duty"] = request.GET["duty"]
    form = TimeEntryForm(request.POST or None, duties=duties, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            time_actions.do_log_time(form.cleaned_data["duty"], actor=request.user,
                                     **form.action_fields())
        except ValidationError as exc:
            form_errors_to_messages(request, exc, form)
        else:
            messages.success(request, _("The time was logged."))
            return redirect("time_list", ws=request.workspace.slug)
    return render(request, "duties/time_list.html", {
        "form": form, "entries": selectors.visible_time(request.membership)[:100],
        "timer": selectors.running_timer(request.user, request.workspace),
        "duties": duties,
    })


@workspace_view("work_on_duties")
def time_edit(request, time_entry_id: int):
    entry = selectors.time_entry(request.membership, time_entry_id)
    duties = selectors.visible_duties(request.membership)
    initial = {"duty": entry.duty, "date": entry.date, "minutes": round(entry.seconds / 60),
               "occurrences": entry.occurrences, "note": entry.note}
    form = TimeEntryForm(request.POST or None, duties=duties, initial=initial)
    if request.method == "POST":
        if request.POST.get("delete"):
            time_actions.do_delete_time(entry, actor=request.user)
            messages.success(request, _("The entry was deleted."))
            return redirect("time_list", ws=request.workspace.slug)
        if form.is_valid():
            data = form.action_fields()
            try:
                time_actions.do_update_time(entry, actor=request.user,
                                            duty=form.cleaned_data["duty"], date=data["date"],
                                            seconds=data["seconds"],
                                            occurrences=data["occurrences"], note=data["note"])
            except ValidationError as exc:
                form_errors_to_messages(request, exc, form)
            else:
                messages.success(request, _("The entry was saved."))
                return redirect("time_list", ws=request.workspace.slug)
    return render(request, "duties/time_form.html", {"form": form, "entry": entry})


PENDING = "imports/pending/"


def _pending_name(request) -> str | None:
    name = request.POST.get("pending", "")
    prefix = f"{PENDING}{request.workspace.pk}-{request.user.pk}-"
    if name.startswith(prefix) and "/" not in name[len(PENDING):] and ".." not in name:
        return name
    return None


@workspace_view("work_on_duties")
def time_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    duties = list(_open_duties(request.membership))
    mapping_form = None
    context = {"form": form}
    data = filename = None
    pending = _pending_name(request) if request.method == "POST" else None
    if pending and default_storage.exists(pending):
        with default_storage.open(pending, "rb") as handle:
            data = handle.read()
        filename, fmt = request.POST.get("filename", "export.csv")[:200], \
            request.POST.get("format", "auto")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data, filename, fmt = upload.read(), upload.name, form.cleaned_data["format"]
    if data is not None:
        try:
            parsed = parse_file(filename, data, format=fmt)
            mapping = {}
            if pending:
                keys = [tuple(k) for k in _keys_from(request)]
                mapping_form = MappingForm(request.POST, keys=keys, duties=duties)
                if mapping_form.is_valid():
                    mapping = mapping_form.mapping()
            result = time_actions.do_import_time(
                request.workspace, actor=request.user, filename=filename, data=data,
                format=parsed.format, mapping=mapping,
                own_time_only=not can(request.membership, "manage_duties"))
        except ImportFailed as exc:
            messages.error(request, exc.message)
            return render(request, "duties/time_import.html", context)
        if result.unmapped:
            if not pending:
                pending = default_storage.save(
                    f"{PENDING}{request.workspace.pk}-{request.user.pk}-{uuid.uuid4().hex}.csv",
                    ContentFile(data))
            mapping_form = mapping_form if mapping_form and mapping_form.is_bound and \
                mapping_form.keys == result.unmapped else MappingForm(
                    keys=result.unmapped, duties=duties)
            context.update(mapping_form=mapping_form, pending=pending, filename=filename,
                           format=parsed.format,
                           key_fields=[(i, json.dumps(k)) for i, k in enumerate(result.unmapped)])
            return render(request, "duties/time_import.html", context)
        if pending:
            default_storage.delete(pending)
        messages.success(request, _(
            "%(file)s: %(imported)s entries imported (%(minutes)s minutes), %(duplicates)s "
            "already there.") % {"file": filename, "imported": result.imported,
                                 "minutes": result.minutes, "duplicates": result.duplicates})
        return redirect("time_list", ws=request.workspace.slug)
    context["mappings"] = selectors.mappings(request.workspace)
    return render(request, "duties/time_import.html", context)


def _keys_from(request):
    keys, i = [], 0
    while f"key_{i}" in request.POST:
        try:
            key = json.loads(request.POST[f"key_{i}"])
        except ValueError:
            key = None
        if isinstance(key, list) and len(key) == 3 and all(isinstance(p, str) for p in key):
            keys.append(key)
        i += 1
    return keys
