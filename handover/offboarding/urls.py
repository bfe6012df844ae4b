from django.urls import path

from .views import access, plan_templates, plans

urlpatterns = [
    path("offboarding/", plans.plan_list, name="plan_list"),
    path("offboarding/new/", plans.plan_new, name="plan_new"),
    path("offboarding/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("offboarding/<int:plan_id>/close/", plans.plan_close, name="plan_close"),
    path("offboarding/<int:plan_id>/feed/", plans.plan_feed, name="plan_feed"),
    path("offboarding/<int:plan_id>/plan.ics", plans.plan_calendar, name="plan_calendar"),
    path("offboarding/<int:plan_id>/recap/", plans.plan_recap, name="plan_recap"),
    path("offboarding/<int:plan_id>/recap.pdf", plans.recap_pdf, name="recap_pdf"),
    path("offboarding/<int:plan_id>/recap.docx", plans.recap_docx, name="recap_docx"),
    path("offboarding/<int:plan_id>/call/", plans.plan_call, name="plan_call"),
    path("offboarding/<int:plan_id>/support/", plans.plan_support, name="plan_support"),
    path("offboarding/steps/<int:plan_step_id>/done/", plans.step_complete,
         name="step_complete"),
    path("offboarding/steps/<int:plan_step_id>/evidence/", plans.step_evidence,
         name="step_evidence"),
    path("offboarding/steps/<int:plan_step_id>/reopen/", plans.step_reopen, name="step_reopen"),
    path("offboarding/steps/<int:plan_step_id>/reassign/", plans.step_reassign,
         name="step_reassign"),
    path("offboarding/templates/", plan_templates.template_list, name="plan_template_list"),
    path("offboarding/templates/<int:plan_template_id>/", plan_templates.template_detail,
         name="plan_template_detail"),
    path("offboarding/template-steps/<int:template_step_id>/",
         plan_templates.template_step_edit, name="template_step_edit"),
    path("access/", access.account_list, name="access_account_list"),
    path("access/import/", access.account_import, name="access_account_import"),
    path("access/<int:access_account_id>/", access.account_edit,
         name="access_account_edit"),
    path("access/engagements/<int:engagement_id>/revocation/", access.revocation_new,
         name="revocation_new"),
]

public_urlpatterns = [
    path("feeds/offboarding/<str:token>.ics", plans.plan_feed_public, name="plan_feed_public"),
]
