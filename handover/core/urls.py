from django.urls import path

from . import views

urlpatterns = [
    path("activity/", views.activity, name="activity"),
    path("members/", views.members, name="members"),
    path("members/invite/", views.invite, name="invite"),
    path("members/<int:membership_id>/role/", views.change_role, name="change_role"),
    path("members/<int:membership_id>/remove/", views.remove_member, name="remove_member"),
    path("invitations/<int:invitation_id>/revoke/", views.revoke_invitation,
         name="revoke_invitation"),
]
