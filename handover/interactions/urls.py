from django.urls import path

from . import views

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
]
