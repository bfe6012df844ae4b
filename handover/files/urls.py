from django.urls import path

from . import views

urlpatterns = [
    path("files/", views.files_home, name="files_home"),
    path("files/rules/", views.rules, name="files_rules"),
    path("files/roots/", views.file_roots, name="files_roots"),
    path("files/audits/<int:audit_run_id>/", views.audit_run_detail, name="audit_run_detail"),
    path("files/audits/<int:audit_run_id>/export/", views.audit_run_export,
         name="audit_run_export"),
    path("files/fixes/<int:fix_action_id>/", views.fix_action_apply, name="fix_action_apply"),
    path("files/records/<int:file_record_id>/", views.file_record_action,
         name="file_record_action"),
    path("files/exports/<int:export_job_id>/", views.export_job_detail,
         name="export_job_detail"),
]
