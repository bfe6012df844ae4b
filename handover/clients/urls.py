from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("clients/", views.client_list, name="client_list"),
    path("clients/new/", views.client_new, name="client_new"),
    path("clients/<int:client_id>/", views.client_detail, name="client_detail"),
    path("clients/<int:client_id>/edit/", views.client_edit, name="client_edit"),
    path("clients/<int:client_id>/archive/", views.client_archive, name="client_archive"),
    path("clients/<int:client_id>/contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/<int:contact_id>/", views.contact_edit, name="contact_edit"),
    path("engagements/new/", views.engagement_new, name="engagement_new"),
    path("engagements/<int:engagement_id>/", views.engagement_detail, name="engagement_detail"),
    path("engagements/<int:engagement_id>/edit/", views.engagement_edit, name="engagement_edit"),
    path("engagements/<int:engagement_id>/archive/", views.engagement_archive,
         name="engagement_archive"),
]
