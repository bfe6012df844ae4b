from django.urls import path

from . import report_views, time_views, views

urlpatterns = [
    path("duties/", views.duty_list, name="duty_list"),
    path("duties/new/", views.duty_new, name="duty_new"),
    path("duties/<int:duty_id>/", views.duty_detail, name="duty_detail"),
    path("duties/<int:duty_id>/edit/", views.duty_edit, name="duty_edit"),
    path("duties/<int:duty_id>/procedure/", views.procedure_revise, name="procedure_revise"),
    path("duties/<int:duty_id>/versions/", views.procedure_versions, name="procedure_versions"),
    path("duties/<int:duty_id>/propose/", views.proposal_new, name="proposal_new"),
    path("duties/<int:duty_id>/review/", views.duty_review, name="duty_review"),
    path("duties/<int:duty_id>/timer/", time_views.timer_start, name="timer_start"),
    path("proposals/<int:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("engagements/<int:engagement_id>/review/", views.engagement_review,
         name="engagement_review"),
    path("time/", time_views.time_list, name="time_list"),
    path("time/import/", time_views.time_import, name="time_import"),
    path("time/<int:time_entry_id>/", time_views.time_edit, name="time_edit"),
    path("time/<int:time_entry_id>/stop/", time_views.timer_stop, name="timer_stop"),
    path("reports/", report_views.report_list, name="report_list"),
    path("reports/<int:report_request_id>/", report_views.report_form, name="report_form"),
]
