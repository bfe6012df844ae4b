"""Background tasks of the core app. Tasks take ids, load, and call an action."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .models import OutboundEmail
from .outbox import do_deliver_email


@task()
def deliver_email(email_id: int) -> str:
    email = OutboundEmail.objects.filter(pk=email_id).first()
    if email is None or email.state in (OutboundEmail.State.SENT, OutboundEmail.State.FAILED):
        return "skipped"
    do_deliver_email(email)
    email.refresh_from_db()
    if email.state == OutboundEmail.State.QUEUED and deliver_email.get_backend().supports_defer:
        # Back off: 1, 4, 9, 16 minutes...
        delay = timedelta(minutes=email.attempts**2)
        deliver_email.using(run_after=timezone.now() + delay).enqueue(email_id)
    return email.state
