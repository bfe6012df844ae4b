"""A sent letter is filed as an outbound interaction when the health app has one."""

from types import SimpleNamespace

from handover.clients.models import Engagement
from handover.core.models import OutboundEmail
from handover.letters import interactions
from handover.letters.actions import do_draft_letter, do_note_delivery
from handover.letters.models import LetterState


class FakeField(SimpleNamespace):
    concrete = True


class FakeInteraction:
    created: list = []

    class _meta:  # noqa: N801 - mimics a Django model's options
        @staticmethod
        def get_fields():
            return [FakeField(name="workspace", choices=None),
                    FakeField(name="engagement", choices=None),
                    FakeField(name="kind", choices=[("call", "Call"), ("email", "E-mail")]),
                    FakeField(name="direction", choices=[("inbound", "In"), ("outbound", "Out")]),
                    FakeField(name="subject", choices=None),
                    FakeField(name="occurred_at", choices=None),
                    FakeField(name="source_id", choices=None)]

    class objects:  # noqa: N801
        @staticmethod
        def create(**values):
            FakeInteraction.created.append(values)
            return values


def test_it_files_a_sent_letter_as_an_outbound_email_interaction(alice, workspace_a,
                                                                  monkeypatch):
    monkeypatch.setattr(interactions, "_model", lambda: FakeInteraction)
    FakeInteraction.created.clear()
    engagement = Engagement.objects.filter(workspace=workspace_a).first()
    letter = do_draft_letter(workspace_a, actor=alice, kind="notice_of_ending",
                             engagement=engagement)
    email = OutboundEmail.objects.create(workspace=workspace_a, kind="letter.notice_of_ending",
                                         to="x@y.example", subject=letter.subject, body="b",
                                         state=OutboundEmail.State.SENT)
    letter.email = email
    letter.save()
    do_note_delivery(email)
    letter.refresh_from_db()
    assert letter.state == LetterState.SENT
    (values,) = FakeInteraction.created
    assert values["engagement"] == engagement and values["kind"] == "email"
    assert values["direction"] == "outbound" and values["source_id"] == f"letter:{letter.pk}"
    assert values["subject"] == letter.subject


def test_without_the_health_app_nothing_is_filed(alice, workspace_a, monkeypatch):
    monkeypatch.setattr(interactions, "_model", lambda: None)
    engagement = Engagement.objects.filter(workspace=workspace_a).first()
    letter = do_draft_letter(workspace_a, actor=alice, kind="notice_of_ending",
                             engagement=engagement)
    assert interactions.record_outbound(letter) is None
