from django.urls import path

from . import health_views, views

urlpatterns = [
    path("interactions/", views.interaction_list, name="interaction_list"),
    path("interactions/unplaced/", views.unplaced, name="unplaced"),
    path("interactions/<int:interaction_id>/", views.interaction_detail,
         name="interaction_detail"),
    path("engagements/<int:engagement_id>/interactions/", views.engagement_interactions,
         name="engagement_interactions"),
    path("imports/", views.import_list, name="import_list"),
    path("imports/<int:import_run_id>/", views.import_detail, name="import_detail"),
    path("invoices/", views.invoice_list, name="invoice_list"),
    path("health/", health_views.health_overview, name="health_overview"),
    path("health/settings/", health_views.health_settings, name="health_settings"),
    path("engagements/<int:engagement_id>/health/", health_views.engagement_health,
         name="engagement_health"),
    path("engagements/<int:engagement_id>/health.pdf", health_views.engagement_health_pdf,
         name="engagement_health_pdf"),
    path("health/findings/<int:health_finding_id>/dismiss/", health_views.finding_dismiss,
         name="health_finding_dismiss"),
]
