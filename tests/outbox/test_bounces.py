"""Bounces: a non-delivery report read by inbound mail is recorded against the email."""

from __future__ import annotations

import pytest

from putright.core.models import Event
from putright.outbox.models import Bounce, OutboxMessage
from putright.outbox.services import outbox_record_bounce
from putright.outbox.worker import deliver_due


def test_a_bounce_is_recorded_against_the_email_it_names_and_on_the_complaint(
    enqueue, smtp_server, complaint
):
    message = enqueue("email")
    deliver_due(worker="test")
    [(_, received)] = smtp_server.messages

    bounced = outbox_record_bounce(
        message_id=received["Message-ID"], reason="550 5.1.1 <alex@example.org>: no such user"
    )

    assert bounced == message
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.BOUNCED
    assert message.failure_reason == "550 5.1.1 <alex@example.org>: no such user"
    assert Bounce.objects.filter(message=message).count() == 1
    event = Event.objects.get(complaint_id=complaint.pk, action="outbox.bounced")
    assert event.visible_to_resident is False


def test_a_bounce_with_the_message_id_unbracketed_still_finds_its_email(enqueue):
    message = enqueue("email")

    found = outbox_record_bounce(
        message_id=f"outbox.{message.pk}.{message.delivery_key}@riverside.example",
        reason="Mailbox full",
    )

    assert found == message


@pytest.mark.parametrize(
    "message_id",
    [
        "<CAF=1234@mail.example.com>",
        "<outbox.999999.0123abcd@riverside.example>",
        "",
    ],
)
def test_a_message_id_the_outbox_never_sent_is_ignored(enqueue, message_id):
    enqueue("email")

    assert outbox_record_bounce(message_id=message_id, reason="Undeliverable") is None
    assert not Bounce.objects.exists()


def test_a_guessed_message_id_with_the_wrong_key_is_ignored(enqueue):
    message = enqueue("email")

    forged = f"<outbox.{message.pk}.{'0' * 32}@riverside.example>"

    assert outbox_record_bounce(message_id=forged, reason="Undeliverable") is None
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.QUEUED
