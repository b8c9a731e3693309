"""Queueing: a message exists exactly when the action that caused it does."""

from __future__ import annotations

import pytest
from django.db import transaction

from putright.core.errors import DomainError
from putright.core.models import Event
from putright.outbox.models import DeliverySettings, OutboxMessage
from putright.outbox.selectors import outbox_messages_for
from putright.outbox.services import Attachment, Recipient, outbox_enqueue


class ActionFailed(Exception):
    pass


def test_a_message_queued_in_an_action_that_rolls_back_is_never_sent(enqueue):
    with pytest.raises(ActionFailed), transaction.atomic():
        enqueue()
        raise ActionFailed

    assert not OutboxMessage.objects.exists()


def test_a_message_is_queued_due_now_with_its_attachments_and_source(enqueue, complaint):
    message = enqueue(attachments=[Attachment("letter.pdf", "application/pdf", b"%PDF-1.7")])

    assert message.status == OutboxMessage.Status.QUEUED
    assert message.next_attempt_at == message.created_at
    assert (message.source_type, message.source_id) == ("complaints.complaint", complaint.pk)
    assert [(a.filename, bytes(a.content)) for a in message.attachments.all()] == [
        ("letter.pdf", b"%PDF-1.7")
    ]


def test_each_message_gets_its_own_delivery_key(enqueue):
    assert enqueue().delivery_key != enqueue().delivery_key


def test_without_delivery_settings_email_goes_by_smtp_and_letters_to_the_post_room(enqueue):
    assert enqueue("email").provider == "smtp"
    assert enqueue("post").provider == "print"


def test_the_landlords_delivery_settings_choose_notify(enqueue, use_notify):
    assert enqueue("email").provider == "notify"
    assert enqueue("post").provider == "notify"


def test_text_messages_always_go_through_notify(enqueue):
    assert enqueue("sms").provider == "notify"


def test_the_provider_is_fixed_when_queued(enqueue, landlord):
    message = enqueue("email")
    DeliverySettings.objects.create(landlord=landlord, email_provider="notify")

    message.refresh_from_db()
    assert message.provider == "smtp"


@pytest.mark.parametrize(
    ("medium", "recipient", "refusal"),
    [
        ("email", Recipient(name="Alex Morgan", phone="07700900123"), "no email address"),
        ("sms", Recipient(name="Alex Morgan", email="alex@example.org"), "no mobile number"),
        ("post", Recipient(name="Alex Morgan", email="alex@example.org"), "no postal address"),
    ],
)
def test_a_message_without_an_address_for_its_medium_is_refused(
    enqueue, medium, recipient, refusal
):
    with pytest.raises(DomainError, match=refusal):
        enqueue(medium, recipient=recipient)
    assert not OutboxMessage.objects.exists()


def test_a_letter_for_the_post_needs_its_printable_document(enqueue):
    with pytest.raises(DomainError, match="printable document"):
        enqueue("post", document_html="")


def test_an_unknown_medium_is_refused(landlord):
    with pytest.raises(DomainError, match="cannot send by 'fax'"):
        outbox_enqueue(
            landlord_id=landlord.pk,
            complaint_id=None,
            medium="fax",
            recipient=Recipient(name="Alex Morgan"),
            subject="Hello",
            text_body="Hello",
            html_body="",
        )


def test_queueing_is_recorded_on_the_complaint_but_not_shown_to_the_resident(enqueue, complaint):
    message = enqueue()

    event = Event.objects.get(complaint_id=complaint.pk, action="outbox.queued")
    assert event.subject_id == message.pk
    assert event.visible_to_resident is False


def test_messages_for_a_source_are_listed_oldest_first(enqueue, complaint, resident):
    first, second = enqueue("email"), enqueue("sms")
    enqueue("email", source=resident)

    assert outbox_messages_for(source=complaint) == [first, second]
