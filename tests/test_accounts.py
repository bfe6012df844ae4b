"""Signing in and out, lockout, password reset, invitations and roles."""

import re
from datetime import timedelta

from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone, translation

from handover.core.actions import do_invite_member
from handover.core.models import AuditEvent, Invitation, Membership, OutboundEmail, Role

from .conftest import PASSWORD, signed_in


def sign_in(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_it_signs_in_by_email_case_insensitively_and_signs_out(alice, workspace_a):
    client = Client()
    response = sign_in(client, "ALICE@a.example", PASSWORD)
    assert response.status_code == 302
    assert client.get("/").url == f"/w/{workspace_a.slug}/"
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get(f"/w/{workspace_a.slug}/").status_code == 302


def test_it_shows_a_wrong_password_next_to_the_form_without_revealing_which(alice):
    response = sign_in(Client(), "alice@a.example", "wrong")
    assert response.status_code == 200
    assert "The e-mail address or the password is not right." in response.content.decode()


def test_it_locks_the_account_after_ten_failures_and_says_so_in_polish(alice):
    client = Client(HTTP_ACCEPT_LANGUAGE="pl")
    for _ in range(9):
        assert sign_in(client, alice.email, "wrong").status_code == 200
    locked = sign_in(client, alice.email, "wrong")
    assert locked.status_code == 429
    # Even the right password is refused while the lock lasts, from any address.
    other = Client(HTTP_ACCEPT_LANGUAGE="pl", REMOTE_ADDR="10.9.9.9")
    again = sign_in(other, alice.email, PASSWORD)
    assert again.status_code == 429
    page = again.content.decode()
    with translation.override("pl"):
        title = translation.gettext("Account locked")
        sentence = translation.ngettext(
            "Too many failed sign-ins. This account is locked for %(minutes)s minute; "
            "try again after that.",
            "Too many failed sign-ins. This account is locked for %(minutes)s minutes; "
            "try again after that.", 30) % {"minutes": 30}
    assert title != "Account locked"
    assert title in page and sentence in page
    assert '<html lang="pl">' in page


@override_settings(AXES_COOLOFF_TIME=timedelta(minutes=30))
def test_it_lets_the_account_in_again_after_the_cool_off(alice):
    from axes.models import AccessAttempt

    client = Client()
    for _ in range(10):
        sign_in(client, alice.email, "wrong")
    assert sign_in(client, alice.email, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert sign_in(Client(), alice.email, PASSWORD).status_code == 302


def test_it_sends_a_password_reset_link_in_the_users_language_through_the_outbox(
    alice, django_capture_on_commit_callbacks
):
    alice.language = "it"
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/accounts/password-reset/", {"email": "alice@a.example"})
    assert response.status_code == 302
    queued = OutboundEmail.objects.get(kind="password_reset")
    assert queued.state == OutboundEmail.State.SENT and queued.language == "it"
    assert len(mail.outbox) == 1
    with translation.override("it"):
        assert mail.outbox[0].subject == translation.gettext("Choose a new Handover password")
    link = re.search(r"http://\S+/accounts/reset/\S+/", mail.outbox[0].body).group(0)
    path = link.split("127.0.0.1:8000", 1)[1]
    client = Client()
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new = "a much better passphrase 42"
    done = client.post(form_page.redirect_chain[-1][0],
                       {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert sign_in(Client(), alice.email, new).status_code == 302


def test_it_sends_nothing_for_an_unknown_address_but_answers_the_same(db):
    response = Client().post("/accounts/password-reset/", {"email": "nobody@x.example"})
    assert response.status_code == 302
    assert mail.outbox == [] and not OutboundEmail.objects.exists()


def test_it_invites_a_newcomer_who_joins_through_the_link_once(
    alice, workspace_a, django_capture_on_commit_callbacks
):
    owner = signed_in(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(f"/w/{workspace_a.slug}/members/invite/",
                              {"email": "Nina@N.example", "role": "member", "language": "ca"})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["nina@n.example"]
    with translation.override("ca"):
        assert translation.gettext("Member") in message.body
    path = re.search(r"/invitations/\S+/", message.body).group(0)
    newcomer = Client()
    assert newcomer.get(path).status_code == 200
    joined = newcomer.post(path, {"name": "Nina Noor", "password1": "a fine long secret 9",
                                  "password2": "a fine long secret 9"})
    assert joined.status_code == 302 and joined.url == f"/w/{workspace_a.slug}/"
    membership = Membership.objects.get(workspace=workspace_a, user__email="nina@n.example")
    assert membership.role == Role.MEMBER and membership.user.language == "ca"
    assert Client().get(path).status_code == 410
    verbs = set(AuditEvent.objects.filter(workspace=workspace_a).values_list("verb", flat=True))
    assert {"member.invited", "member.joined"} <= verbs


def test_it_refuses_an_expired_or_withdrawn_invitation(alice, workspace_a):
    invitation, token = do_invite_member(workspace_a, actor=alice, email="late@x.example",
                                         role="member", language="en")
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(f"/invitations/{token}/").status_code == 410
    second, token2 = do_invite_member(workspace_a, actor=alice, email="gone@x.example",
                                      role="member", language="en")
    signed_in(alice).post(f"/w/{workspace_a.slug}/invitations/{second.pk}/revoke/")
    assert Client().get(f"/invitations/{token2}/").status_code == 410
    assert Client().get("/invitations/not-a-token/").status_code == 410


def test_it_asks_an_existing_user_to_sign_in_with_the_invited_address(alice, workspace_a,
                                                                       charlie):
    _invitation, token = do_invite_member(workspace_a, actor=alice, email=charlie.email,
                                          role="manager", language="en")
    assert Client().get(f"/invitations/{token}/").url.startswith("/accounts/login/")
    client = signed_in(charlie)
    assert client.post(f"/invitations/{token}/").url == f"/w/{workspace_a.slug}/"
    assert Membership.objects.get(workspace=workspace_a, user=charlie).role == Role.MANAGER


def test_it_lets_only_owners_change_roles_and_keeps_one_owner(alice, bob, workspace_a):
    bob_membership = Membership.objects.get(workspace=workspace_a, user=bob)
    url = f"/w/{workspace_a.slug}/members/{bob_membership.pk}/role/"
    assert signed_in(bob).post(url, {"role": "owner"}).status_code == 403
    assert signed_in(alice).post(url, {"role": "manager"}).status_code == 302
    bob_membership.refresh_from_db()
    assert bob_membership.role == Role.MANAGER
    own = Membership.objects.get(workspace=workspace_a, user=alice)
    response = signed_in(alice).post(
        f"/w/{workspace_a.slug}/members/{own.pk}/role/", {"role": "member"}, follow=True)
    assert "A workspace needs at least one owner." in response.content.decode()
    own.refresh_from_db()
    assert own.role == Role.OWNER
    event = AuditEvent.objects.get(verb="member.role_changed")
    assert event.data["old_role"] == "collaborator" and event.data["new_role"] == "manager"


def test_it_sets_cookies_httponly_and_protects_forms_with_csrf(alice, workspace_a):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/")
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert sign_in(client, alice.email, PASSWORD).status_code == 403
    token = page.cookies["csrftoken"].value
    response = client.post("/accounts/login/", {
        "username": alice.email, "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"] is True
    assert response.cookies["sessionid"]["samesite"] == "Lax"
