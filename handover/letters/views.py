"""Views for letters, templates and the approval policy. Thin: access, form, action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from handover.core.access import can, workspace_view
from handover.core.views import form_errors_to_messages

from . import actions, selectors
from .documents import letter_docx, letter_pdf
from .explain import explained
from .forms import DraftForm, EditForm, NoteForm, PolicyForm, TemplateForm, placeholder_help
from .kinds import Kind
from .lint import Finding
from .models import LetterState
from .scrub import reasons_of, scrub
from .texts import languages


def _to_letter(request, letter):
    return redirect("letter_detail", ws=request.workspace.slug, letter_id=letter.pk)


@workspace_view("write_letters")
def letter_list(request):
    state = request.GET.get("state", "")
    state = state if state in LetterState.values else ""
    letters = list(selectors.letters_of(request.membership, state=state)[:200])
    reasons = reasons_of(request.workspace)
    for letter in letters:
        letter.subject = scrub(letter.subject, request.workspace, reasons)
    return render(request, "letters/letter_list.html", {
        "letters": letters,
        "states": LetterState.choices, "state": state,
    })


@workspace_view("write_letters")
def letter_new(request):
    initial = {k: request.GET.get(k) for k in ("kind", "engagement", "departure")
               if request.GET.get(k)}
    form = DraftForm(request.POST or None, workspace=request.workspace, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            letter = actions.do_draft_letter(
                request.workspace, actor=request.user, kind=data["kind"],
                language=data["language"] or None, engagement=data["engagement"],
                departure=data["departure"], extra=form.extra())
        except ValidationError as err:
            form_errors_to_messages(request, err)
        else:
            if letter.already_drafted:
                messages.info(request, _("This letter had already been drafted for the "
                                         "departure: here it is."))
            return _to_letter(request, letter)
    return render(request, "letters/letter_new.html", {"form": form})


@workspace_view("write_letters")
def letter_detail(request, letter_id: int):
    letter = selectors.letter(request.membership, letter_id)
    # Shown scrubbed, whatever reached the row: the reason never reaches a letter's page.
    letter.subject = scrub(letter.subject, request.workspace)
    letter.body = scrub(letter.body, request.workspace)
    form = EditForm(request.POST or None, initial={
        "recipient_email": letter.recipient_email, "subject": letter.subject,
        "body": letter.body, "attach_pdf": letter.attach_pdf, "attach_docx": letter.attach_docx})
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_edit_letter(letter, actor=request.user, **form.cleaned_data)
        except ValidationError as err:
            form_errors_to_messages(request, err)
        else:
            messages.success(request, _("The letter was saved and checked again."))
            return _to_letter(request, letter)
    findings = explained([Finding.from_dict(f) for f in letter.findings])
    return render(request, "letters/letter_detail.html", {
        "letter": letter, "form": form, "findings": findings,
        "obstacles": selectors.obstacles(letter),
        "note_form": NoteForm(),
        "may_approve": can(request.membership, "approve_letters"),
        "may_review": selectors.may_review_legally(letter, request.user),
        "needs_approval": letter.kind in selectors.approval_kinds(request.workspace),
        "unapprovable": selectors.unapprovable(letter),
        "editable": letter.state in selectors.OPEN_STATES,
    })


def _post_action(request, letter_id, do, success: str, *, note=False):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    letter = selectors.letter(request.membership, letter_id)
    kwargs = {}
    if note:
        form = NoteForm(request.POST)
        kwargs["note"] = form.data.get("note", "")[:2000]
    try:
        do(letter, actor=request.user, **kwargs)
    except ValidationError as err:
        form_errors_to_messages(request, err)
    else:
        messages.success(request, success)
    return _to_letter(request, letter)


@workspace_view("approve_letters")
def letter_approve(request, letter_id: int):
    return _post_action(request, letter_id, actions.do_approve_letter,
                        _("The letter was approved."))


@workspace_view("approve_letters")
def letter_override(request, letter_id: int):
    return _post_action(request, letter_id, actions.do_override_findings,
                        _("The findings were overridden; the override is in the activity log."),
                        note=True)


@workspace_view("write_letters")
def letter_legal_review(request, letter_id: int):
    return _post_action(request, letter_id, actions.do_record_legal_review,
                        _("The legal review was recorded."), note=True)


@workspace_view("write_letters")
def letter_send(request, letter_id: int):
    return _post_action(request, letter_id, actions.do_send_letter,
                        _("The letter is in the outbox."))


@workspace_view("write_letters")
def letter_discard(request, letter_id: int):
    return _post_action(request, letter_id, actions.do_discard_letter,
                        _("The letter was discarded; it will not be sent."))


@workspace_view("write_letters")
def letter_retry(request, letter_id: int):
    return _post_action(request, letter_id, actions.do_retry_letter,
                        _("The letter will be tried again."))


@workspace_view("write_letters")
def letter_download(request, letter_id: int):
    letter = selectors.letter(request.membership, letter_id)
    fmt = request.GET.get("format", "pdf")
    name = selectors.file_stem(letter)
    if fmt == "pdf":
        content, mime = letter_pdf(letter), "application/pdf"
    elif fmt == "docx":
        content = letter_docx(letter)
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@workspace_view("approve_letters")
def letter_templates(request):
    return render(request, "letters/template_list.html", {
        "grid": selectors.template_grid(request.workspace), "languages": languages(),
    })


@workspace_view("approve_letters")
def letter_template_edit(request):
    kind = request.GET.get("kind", "")
    language = request.GET.get("language", "")
    if kind not in Kind.values or language not in languages():
        return redirect("letter_templates", ws=request.workspace.slug)
    subject, body, own = selectors.template_text(request.workspace, kind, language)
    form = TemplateForm(request.POST or None, initial={"subject": subject, "body": body})
    if request.method == "POST":
        if request.POST.get("reset") and own is not None:
            actions.do_reset_template(own, actor=request.user)
            messages.success(request, _("The shipped template is used again."))
            return redirect("letter_templates", ws=request.workspace.slug)
        if form.is_valid():
            try:
                actions.do_save_template(request.workspace, actor=request.user, kind=kind,
                                         language=language, **form.cleaned_data)
            except ValidationError as err:
                form_errors_to_messages(request, err, form)
            else:
                messages.success(request, _("The template was saved."))
                return redirect("letter_templates", ws=request.workspace.slug)
    return render(request, "letters/template_form.html", {
        "form": form, "kind": Kind(kind), "language": language, "own": own,
        "placeholders": placeholder_help(),
    })


@workspace_view("approve_letters")
def letter_policy(request):
    form = PolicyForm(request.POST or None, workspace=request.workspace, initial={
        "approval_kinds": selectors.approval_kinds(request.workspace),
        "legal_reviewers": list(selectors.legal_reviewers(request.workspace))})
    if request.method == "POST" and form.is_valid():
        actions.do_set_policy(request.workspace, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The approval policy was saved."))
        return redirect("letter_policy", ws=request.workspace.slug)
    return render(request, "letters/policy.html", {"form": form})
