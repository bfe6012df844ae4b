from django.urls import path

from . import views

urlpatterns = [
    path("letters/", views.letter_list, name="letter_list"),
    path("letters/new/", views.letter_new, name="letter_new"),
    path("letters/templates/", views.letter_templates, name="letter_templates"),
    path("letters/templates/edit/", views.letter_template_edit, name="letter_template_edit"),
    path("letters/policy/", views.letter_policy, name="letter_policy"),
    path("letters/<int:letter_id>/", views.letter_detail, name="letter_detail"),
    path("letters/<int:letter_id>/approve/", views.letter_approve, name="letter_approve"),
    path("letters/<int:letter_id>/override/", views.letter_override, name="letter_override"),
    path("letters/<int:letter_id>/legal-review/", views.letter_legal_review,
         name="letter_legal_review"),
    path("letters/<int:letter_id>/send/", views.letter_send, name="letter_send"),
    path("letters/<int:letter_id>/discard/", views.letter_discard, name="letter_discard"),
    path("letters/<int:letter_id>/retry/", views.letter_retry, name="letter_retry"),
    path("letters/<int:letter_id>/download/", views.letter_download, name="letter_download"),
]
