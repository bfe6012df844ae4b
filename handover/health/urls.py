from django.urls import path

from . import views

urlpatterns = [
    path("health/", views.health_overview, name="health_overview"),
    path("health/settings/", views.health_settings, name="health_settings"),
    path("engagements/<int:engagement_id>/health/", views.engagement_health,
         name="engagement_health"),
    path("engagements/<int:engagement_id>/health.pdf", views.engagement_health_pdf,
         name="engagement_health_pdf"),
    path("health/findings/<int:health_finding_id>/dismiss/", views.finding_dismiss,
         name="health_finding_dismiss"),
]
