from django.urls import path

from . import views

urlpatterns = [
    path("deliveries/<int:delivery_id>/revoke/", views.delivery_revoke, name="delivery_revoke"),
]

public_urlpatterns = [
    path("portal/", views.portal_home, name="portal_home"),
    path("portal/download/", views.portal_download, name="portal_download"),
    path("portal/<str:token>/", views.portal_enter, name="portal_enter"),
]
