from django.urls import path

from . import views

urlpatterns = [
    path("departures/", views.departure_list, name="departure_list"),
    path("departures/new/", views.departure_new, name="departure_new"),
    path("departures/<int:departure_id>/", views.departure_detail, name="departure_detail"),
    path("departures/<int:departure_id>/edit/", views.departure_edit, name="departure_edit"),
    path("departures/<int:departure_id>/approve/", views.departure_approve,
         name="departure_approve"),
    path("departures/<int:departure_id>/reassign/", views.departure_reassign,
         name="departure_reassign"),
    path("departures/<int:departure_id>/letters/", views.departure_letters,
         name="departure_letters"),
    path("departures/<int:departure_id>/questions/", views.departure_question,
         name="departure_question"),
]
