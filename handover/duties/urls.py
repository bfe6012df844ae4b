from django.urls import path

from .views import duties, reports, reviews, time

urlpatterns = [
    path("duties/", duties.duty_list, name="duty_list"),
    path("duties/new/", duties.duty_new, name="duty_new"),
    path("duties/<int:duty_id>/", duties.duty_detail, name="duty_detail"),
    path("duties/<int:duty_id>/edit/", duties.duty_edit, name="duty_edit"),
    path("duties/<int:duty_id>/procedure/", duties.procedure_revise, name="procedure_revise"),
    path("duties/<int:duty_id>/versions/", duties.procedure_versions, name="procedure_versions"),
    path("duties/<int:duty_id>/propose/", duties.proposal_new, name="proposal_new"),
    path("duties/<int:duty_id>/review/", reviews.duty_review, name="duty_review"),
    path("duties/<int:duty_id>/handed-back.docx", reviews.handback_document, {"fmt": "docx"},
         name="handback_docx"),
    path("duties/<int:duty_id>/handed-back.pdf", reviews.handback_document, {"fmt": "pdf"},
         name="handback_pdf"),
    path("reviews/<int:review_id>/answer/", reviews.terms_answer, name="terms_answer"),
    path("duties/<int:duty_id>/timer/", time.timer_start, name="timer_start"),
    path("duties/<int:duty_id>/time/", time.time_quick, name="time_quick"),
    path("proposals/<int:proposal_id>/", duties.proposal_detail, name="proposal_detail"),
    path("engagements/<int:engagement_id>/review/", reviews.engagement_review,
         name="engagement_review"),
    path("time/", time.time_list, name="time_list"),
    path("time/import/", time.time_import, name="time_import"),
    path("time/<int:time_entry_id>/", time.time_edit, name="time_edit"),
    path("time/<int:time_entry_id>/stop/", time.timer_stop, name="timer_stop"),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/<int:report_request_id>/", reports.report_form, name="report_form"),
]
