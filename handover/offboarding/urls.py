from django.urls import path

from . import views, views_access, views_templates

urlpatterns = [
    path("offboarding/", views.plan_list, name="plan_list"),
    path("offboarding/new/", views.plan_new, name="plan_new"),
    path("offboarding/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("offboarding/<int:plan_id>/close/", views.plan_close, name="plan_close"),
    path("offboarding/<int:plan_id>/feed/", views.plan_feed, name="plan_feed"),
    path("offboarding/<int:plan_id>/plan.ics", views.plan_calendar, name="plan_calendar"),
    path("offboarding/<int:plan_id>/recap/", views.plan_recap, name="plan_recap"),
    path("offboarding/<int:plan_id>/recap.pdf", views.recap_pdf, name="recap_pdf"),
    path("offboarding/<int:plan_id>/recap.docx", views.recap_docx, name="recap_docx"),
    path("offboarding/<int:plan_id>/call/", views.plan_call, name="plan_call"),
    path("offboarding/<int:plan_id>/support/", views.plan_support, name="plan_support"),
    path("offboarding/steps/<int:plan_step_id>/done/", views.step_complete,
         name="step_complete"),
    path("offboarding/steps/<int:plan_step_id>/evidence/", views.step_evidence,
         name="step_evidence"),
    path("offboarding/steps/<int:plan_step_id>/reopen/", views.step_reopen, name="step_reopen"),
    path("offboarding/steps/<int:plan_step_id>/reassign/", views.step_reassign,
         name="step_reassign"),
    path("offboarding/templates/", views_templates.template_list, name="plan_template_list"),
    path("offboarding/templates/<int:plan_template_id>/", views_templates.template_detail,
         name="plan_template_detail"),
    path("offboarding/template-steps/<int:template_step_id>/",
         views_templates.template_step_edit, name="template_step_edit"),
    path("access/", views_access.account_list, name="access_account_list"),
    path("access/import/", views_access.account_import, name="access_account_import"),
    path("access/<int:access_account_id>/", views_access.account_edit,
         name="access_account_edit"),
    path("access/engagements/<int:engagement_id>/revocation/", views_access.revocation_new,
         name="revocation_new"),
]

public_urlpatterns = [
    path("feeds/offboarding/<str:token>.ics", views.plan_feed_public, name="plan_feed_public"),
]
