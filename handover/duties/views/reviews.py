"""Views of a duty's review: the figures and verdict, the decision, the client's answer to new
terms, and the procedure handed back to the client. Thin: access, form, action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from handover.clients.selectors import engagement as get_engagement
from handover.core.access import workspace_view
from handover.core.views import form_errors_to_messages

from .. import selectors
from ..actions import reviews as review_actions
from ..documents import handback_docx, handback_pdf
from ..figures import chart_svg, options, verdict
from ..forms import ReviewForm, TermsAnswerForm
from ..models import Decision


def _back(request, duty):
    return redirect("duty_detail", ws=request.workspace.slug, duty_id=duty.pk)


def review_context(duty):
    fig = selectors.figures_for(duty)
    rate = duty.engagement.hourly_rate
    month = selectors.per_month(duty, fig)
    return fig, {
        "fig": fig,
        "per_month": month,
        "verdict": verdict(fig, client_minutes=duty.client_minutes, rate=rate,
                           client_value=duty.client_hourly_value, per_month=month),
        "client_value": duty.client_hourly_value or rate,
        "options": options(fig, client_minutes=duty.client_minutes,
                           agreed_minutes=duty.agreed_minutes, rate=rate, per_month=month),
        "chart": chart_svg(fig.points, client_minutes=duty.client_minutes,
                           label=_("Minutes per occurrence over time")),
        "rate": rate, "currency": duty.engagement.currency,
    }


@workspace_view("manage_duties")
def duty_review(request, duty_id: int):
    duty = selectors.duty(request.membership, duty_id)
    fig, context = review_context(duty)
    form = ReviewForm(request.POST or None, duty=duty)
    if request.method == "POST" and form.is_valid():
        figures = {**fig.as_json(), "client_minutes": duty.client_minutes,
                   "rate": str(context["rate"] or ""), "currency": context["currency"]}
        data = form.cleaned_data
        try:
            review = review_actions.do_record_review(
                duty, actor=request.user, figures=figures, decision=data["decision"],
                notes=data["notes"], next_review_on=data["next_review_on"],
                terms=form.terms())
        except ValidationError as err:
            form_errors_to_messages(request, err, form)
        else:
            messages.success(request, _decided(review))
            if review.decision == Decision.HAND_BACK and not selectors.other_open_duties(duty):
                messages.info(request, _(
                    "It was the last open duty of %(engagement)s: if the engagement ends too, "
                    "start the plan of its ending.") % {"engagement": duty.engagement.title})
            return _back(request, duty)
    return render(request, "duties/duty_review.html", {
        **context, "duty": duty, "form": form, "decisions": Decision,
        "reviews": duty.reviews.select_related("decided_by")[:10],
    })


def _decided(review) -> str:
    if review.decision == Decision.RENEGOTIATE:
        return _("The new terms are recorded and the proposal letter is drafted: they apply "
                 "once the client accepts them.")
    if review.decision == Decision.HAND_BACK:
        return _("The duty is handed back. Its procedure is ready for the client to download.")
    if review.decision == Decision.EXTEND:
        return _("The trial goes on until the new review date.")
    return _("The decision was recorded.")


@workspace_view("manage_duties")
def terms_answer(request, review_id: int):
    review = selectors.review(request.membership, review_id)
    form = TermsAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review_actions.do_record_terms_answer(
                review, actor=request.user, accepted=form.cleaned_data["answer"] == "accepted",
                note=form.cleaned_data["note"])
        except ValidationError as err:
            form_errors_to_messages(request, err, form)
        else:
            messages.success(request, _("The client's answer is recorded."))
    elif request.method == "POST":
        form_errors_to_messages(request, ValidationError(form.errors), form)
    return _back(request, review.duty)


@workspace_view("work_on_duties")
def handback_document(request, duty_id: int, fmt: str):
    duty = selectors.duty(request.membership, duty_id)
    version = selectors.versions(duty).first()
    language = duty.engagement.client.language
    if fmt == "pdf":
        body, kind = handback_pdf(duty, version, language), "application/pdf"
    else:
        body = handback_docx(duty, version, language)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=kind)
    name = slugify(duty.title) or "procedure"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@workspace_view("manage_duties")
def engagement_review(request, engagement_id: int):
    engagement = get_engagement(request.membership, engagement_id)
    rows = []
    for duty in selectors.duty_list(request.membership, status="", engagement_id=engagement.pk):
        _fig, context = review_context(duty)
        rows.append({"duty": duty, **context})
    return render(request, "duties/engagement_review.html", {
        "engagement": engagement, "rows": rows,
    })

