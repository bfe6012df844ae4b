"""Views for departures: record, approve, reassign with a preview, letters, tracker, questions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handover.core.access import can, workspace_view
from handover.core.views import form_errors_to_messages

from . import actions, selectors
from .forms import (
    DepartureForm,
    QuestionForm,
    parse_other_clients,
    parse_reassignment,
    successor_choices,
)


def _to(request, departure):
    return redirect("departure_detail", ws=request.workspace.slug, departure_id=departure.pk)


@workspace_view("record_departure")
def departure_list(request):
    return render(request, "departures/departure_list.html", {
        "departures": selectors.departures_of(request.membership)})


@workspace_view("record_departure")
def departure_new(request):
    form = DepartureForm(request.POST or None, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        member = data.pop("member")
        try:
            departure = actions.do_record_departure(request.workspace, actor=request.user,
                                                    member=member, **data)
        except ValidationError as err:
            form_errors_to_messages(request, err)
        else:
            messages.success(request, _("The departure was recorded."))
            return _to(request, departure)
    return render(request, "departures/departure_form.html", {"form": form})


@workspace_view("record_departure")
def departure_detail(request, departure_id: int):
    departure = selectors.departure(request.membership, departure_id)
    manager = can(request.membership, "manage_departures")
    return render(request, "departures/departure_detail.html", {
        "departure": departure,
        "show_reason": selectors.may_see_reason(request.membership),
        "manager": manager,
        "engagements": selectors.affected_engagements(departure),
        "tracker": selectors.tracker(departure) if manager else [],
        "questions": selectors.questions_of(departure) if manager else [],
        "question_form": QuestionForm(workspace=request.workspace),
        "letter_kinds": selectors.LETTER_KINDS,
        "default_kind": selectors.client_kind(departure),
    })


@workspace_view("manage_departures")
def departure_edit(request, departure_id: int):
    departure = selectors.departure(request.membership, departure_id)
    initial = {name: getattr(departure, name) for name in actions.FIELDS}
    form = DepartureForm(request.POST or None, membership=request.membership,
                         initial={**initial, "member": departure.member})
    del form.fields["member"]
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_departure(departure, actor=request.user, **form.cleaned_data)
        except ValidationError as err:
            form_errors_to_messages(request, err)
        else:
            messages.success(request, _("The departure was saved."))
            return _to(request, departure)
    return render(request, "departures/departure_form.html", {"form": form,
                                                              "departure": departure})


@workspace_view("manage_departures")
def departure_approve(request, departure_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    departure = selectors.departure(request.membership, departure_id)
    try:
        actions.do_approve_departure(departure, actor=request.user)
    except ValidationError as err:
        form_errors_to_messages(request, err)
    else:
        messages.success(request, _("The departure was approved."))
    return _to(request, departure)


@workspace_view("manage_departures")
def departure_reassign(request, departure_id: int):
    departure = selectors.departure(request.membership, departure_id)
    engagements = list(selectors.affected_engagements(departure))
    others = selectors.other_clients(departure)
    successors = successor_choices(request.workspace, departure.leaver)
    preview = None
    if request.method == "POST":
        choices, phones, errors = parse_reassignment(request.POST, request.workspace,
                                                     engagements, departure.leaver)
        clients, client_errors = parse_other_clients(request.POST, request.workspace, others,
                                                     departure.leaver)
        errors = list(dict.fromkeys(errors + client_errors))
        for error in errors:
            messages.error(request, error)
        if not errors and not choices and not clients:
            messages.error(request, _("Choose a successor for at least one engagement."))
        elif not errors and request.POST.get("apply"):
            try:
                rows = actions.do_reassign(departure, actor=request.user, choices=choices,
                                           phones=phones, clients=clients)
            except ValidationError as err:
                form_errors_to_messages(request, err)
            else:
                if rows:
                    messages.success(request, _("%(count)s engagements were reassigned.")
                                     % {"count": len(rows)})
                if clients:
                    messages.success(request, _("The open work at the other clients was "
                                                "handed on."))
                return _to(request, departure)
        elif not errors:
            preview = [row for row in selectors.reassignment_preview(departure, choices,
                                                                     clients)
                       if row["to"] is not None]
            for row in preview:
                if row["engagement"] is not None:
                    row["phone"] = phones.get(row["engagement"].pk, "")
    return render(request, "departures/reassign.html", {
        "departure": departure, "engagements": engagements, "others": others,
        "successors": successors, "preview": preview, "posted": request.POST,
    })


@workspace_view("manage_departures")
def departure_letters(request, departure_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    departure = selectors.departure(request.membership, departure_id)
    kind = request.POST.get("kind", "")
    try:
        letters = actions.do_draft_departure_letters(departure, actor=request.user, kind=kind)
    except ValidationError as err:
        form_errors_to_messages(request, err)
    else:
        kept = sum(1 for letter in letters if getattr(letter, "already_drafted", False))
        new = len(letters) - kept
        if new or not kept:
            messages.success(request, ngettext("%(count)s letter was drafted.",
                                               "%(count)s letters were drafted.", new)
                             % {"count": new})
        if kept:
            messages.info(request, ngettext(
                "%(count)s letter had already been drafted: it was kept, not drafted again.",
                "%(count)s letters had already been drafted: they were kept, not drafted "
                "again.", kept) % {"count": kept})
    return _to(request, departure)


@workspace_view("manage_departures")
def departure_question(request, departure_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    departure = selectors.departure(request.membership, departure_id)
    form = QuestionForm(request.POST, workspace=request.workspace)
    if form.is_valid():
        actions.do_log_question(departure, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The question was logged and routed."))
    else:
        messages.error(request, _("Give the client, who asked, the question and where it goes."))
    return _to(request, departure)
