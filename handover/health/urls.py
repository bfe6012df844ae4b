from django.urls import path

from . import health_views

urlpatterns = [
    path("health/", health_views.health_overview, name="health_overview"),
    path("health/settings/", health_views.health_settings, name="health_settings"),
    path("engagements/<int:engagement_id>/health/", health_views.engagement_health,
         name="engagement_health"),
    path("engagements/<int:engagement_id>/health.pdf", health_views.engagement_health_pdf,
         name="engagement_health_pdf"),
    path("health/findings/<int:health_finding_id>/dismiss/", health_views.finding_dismiss,
         name="health_finding_dismiss"),
]
