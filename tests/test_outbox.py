"""Mail goes through the outbox: queued with the write, sent by a task, retried, then failed."""

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django_tasks import task_backends

from handover.core.mail import queue_email
from handover.core.models import OutboundEmail
from handover.core.outbox import do_deliver_email


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("550 relay not permitted")


def queue(**extra):
    return queue_email(to="pia@x.example", kind="invitation", language="pl",
                       template="core/email/invitation",
                       context={"workspace": "W", "inviter": "I", "role": "R",
                                "link": "http://l", "days": 7}, **extra)


def test_it_sends_nothing_until_the_write_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email = queue()
    assert mail.outbox == [] and email.state == OutboundEmail.State.QUEUED
    for callback in callbacks:
        callback()
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.SENT and email.sent_at is not None
    assert mail.outbox[0].extra_headers["Content-Language"] == "pl"


@override_settings(EMAIL_BACKEND="tests.test_outbox.RefusingBackend", OUTBOX_MAX_ATTEMPTS=3)
def test_it_retries_a_refused_delivery_and_then_shows_it_failed_with_the_reason(db):
    email = queue()
    for expected in ("queued", "queued", "failed"):
        email = do_deliver_email(email)
        assert email.state == expected
    assert email.attempts == 3 and "550 relay not permitted" in email.last_error
    assert do_deliver_email(email).attempts == 3  # a failed message is not tried again


@override_settings(
    EMAIL_BACKEND="tests.test_outbox.RefusingBackend",
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
)
def test_it_schedules_the_next_try_later_when_the_queue_can_wait(db):
    from handover.core.tasks import deliver_email

    email = queue()
    backend = task_backends["default"]
    backend.clear()
    deliver_email.call(email.pk)
    (retry,) = backend.results
    assert retry.args == [email.pk] and retry.task.run_after is not None
