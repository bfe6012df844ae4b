"""A sent letter to the client is filed as one outbound e-mail interaction of its engagement."""

from django.utils import timezone

from handover.clients.models import Engagement
from handover.core.activity import describe
from handover.core.models import AuditEvent, OutboundEmail
from handover.interactions.actions import do_file_letter
from handover.interactions.models import Channel, Direction, Interaction
from handover.letters.actions import do_draft_letter, do_note_delivery
from handover.letters.models import LetterState

from .factories import OutboundEmailFactory


def _sent(letter, workspace):
    email = OutboundEmailFactory(workspace=workspace, kind=f"letter.{letter.kind}",
                                 to=letter.recipient_email, subject=letter.subject,
                                 state=OutboundEmail.State.SENT, sent_at=timezone.now())
    letter.email = email
    letter.save()
    return email


def _letter(alice, workspace_a, **extra):
    engagement = Engagement.objects.filter(workspace=workspace_a).select_related(
        "client").first()
    contact = engagement.client.contacts.exclude(email="").first()
    letter = do_draft_letter(workspace_a, actor=alice, kind="notice_of_ending",
                             engagement=engagement, to=extra.get("to", contact.email))
    return engagement, contact, letter


def test_it_files_a_sent_letter_to_a_client_contact_once(alice, workspace_a):
    engagement, contact, letter = _letter(alice, workspace_a)
    email = _sent(letter, workspace_a)
    do_note_delivery(email)
    letter.refresh_from_db()
    assert letter.state == LetterState.SENT
    (row,) = Interaction.objects.filter(source="letter")
    assert row.workspace_id == workspace_a.pk and row.engagement_id == engagement.pk
    assert row.channel == Channel.EMAIL and row.direction == Direction.OUTBOUND
    assert row.subject == letter.subject and row.body == letter.body
    assert row.counterpart == contact.email.lower() and row.occurred_at == letter.sent_at
    assert row.source_id == f"letter:{letter.pk}"
    event = AuditEvent.objects.get(verb="interaction.filed")
    assert event.target_id == str(row.pk) and event.data["letter"] == letter.pk
    assert describe(event) == f"The sent letter “{letter.subject}” was filed in the client's " \
        "timeline."

    again = do_file_letter(engagement, actor=None, letter_id=letter.pk,
                           to=letter.recipient_email, subject=letter.subject, body=letter.body,
                           sent_at=letter.sent_at)
    assert again is None
    assert Interaction.objects.filter(source="letter").count() == 1
    assert AuditEvent.objects.filter(verb="interaction.filed").count() == 1


def test_it_files_nothing_for_a_letter_to_someone_else(alice, workspace_a):
    _engagement, _contact, letter = _letter(alice, workspace_a, to="successor@elsewhere.example")
    do_note_delivery(_sent(letter, workspace_a))
    letter.refresh_from_db()
    assert letter.state == LetterState.SENT
    assert not Interaction.objects.filter(source="letter").exists()
