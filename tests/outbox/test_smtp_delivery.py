"""Email through an SMTP server: a real one (aiosmtpd) started by each test."""

from __future__ import annotations

import socket
from email.message import Message

import pytest
from aiosmtpd.controller import Controller

from putright.core.models import Event
from putright.outbox.models import DeliveryAttempt, DeliverySettings, OutboxMessage
from putright.outbox.services import retry_delay
from putright.outbox.worker import deliver_due
from tests.outbox.conftest import Attachment


def _parts(received: Message) -> dict[str, Message]:
    return {
        part.get_filename() or part.get_content_type(): part
        for part in received.walk()
        if not part.is_multipart()
    }


def test_email_carries_a_plain_text_part_an_html_part_and_the_attachments(
    enqueue, smtp_server, landlord
):
    DeliverySettings.objects.create(landlord=landlord, reply_to_email="reply@riverside.example")
    message = enqueue(
        attachments=[
            Attachment("acknowledgement.pdf", "application/pdf", b"%PDF-1.7 letter"),
            Attachment("photo.jpg", "image/jpeg", b"\xff\xd8\xff\xe0 jpeg"),
        ]
    )

    assert deliver_due(worker="test").sent == 1

    [(recipients, received)] = smtp_server.messages
    assert recipients == ["alex@example.org"]
    assert received["To"] == "Alex Morgan <alex@example.org>"
    assert received["From"] == "complaints@riverside.example"
    assert received["Reply-To"] == "reply@riverside.example"
    assert received["Subject"] == message.subject
    assert received["Message-ID"] == (
        f"<outbox.{message.pk}.{message.delivery_key}@riverside.example>"
    )
    parts = _parts(received)
    assert parts["text/plain"].get_payload(decode=True) == b"We have received your complaint."
    assert parts["text/html"].get_payload(decode=True) == (
        b"<p>We have received your complaint.</p>"
    )
    assert parts["acknowledgement.pdf"].get_content_type() == "application/pdf"
    assert parts["acknowledgement.pdf"].get_payload(decode=True) == b"%PDF-1.7 letter"
    assert parts["photo.jpg"].get_payload(decode=True) == b"\xff\xd8\xff\xe0 jpeg"


def test_the_landlords_own_sender_address_names_the_message_id_domain(
    enqueue, smtp_server, landlord
):
    DeliverySettings.objects.create(landlord=landlord, from_email="complaints@hillside.example")
    message = enqueue()

    deliver_due(worker="test")

    [(_, received)] = smtp_server.messages
    assert received["From"] == "complaints@hillside.example"
    assert received["Message-ID"].endswith("@hillside.example>")
    message.refresh_from_db()
    assert message.provider_reference == received["Message-ID"]


def test_a_delivered_email_is_recorded_once_and_shown_on_the_residents_timeline(
    enqueue, smtp_server, complaint
):
    message = enqueue()

    deliver_due(worker="worker-a")

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at is not None
    [attempt] = DeliveryAttempt.objects.filter(message=message)
    assert (attempt.number, attempt.worker, attempt.outcome) == (1, "worker-a", "sent")
    [event] = Event.objects.filter(complaint_id=complaint.pk, action="outbox.sent")
    assert event.visible_to_resident is True
    assert event.summary == f"Email sent to Alex Morgan: {message.subject}"


class Refusing:
    """An SMTP server's handler that refuses at one step with the given reply."""

    def __init__(self, *, at: str, reply: str):
        self.at, self.reply = at, reply
        self.accepted: list[bytes] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.at == "RCPT":
            return self.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.at == "DATA":
            return self.reply
        self.accepted.append(envelope.content)
        return "250 OK"


@pytest.fixture
def refusing_server(settings):
    def start(*, at: str, reply: str) -> Refusing:
        handler = Refusing(at=at, reply=reply)
        controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
        controller.start()
        started.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        return handler

    started: list[Controller] = []
    yield start
    for controller in started:
        controller.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_permanent_refusal_fails_the_email_at_once_and_says_why(
    enqueue, refusing_server, complaint
):
    refusing_server(at="RCPT", reply="550 5.1.1 Mailbox does not exist")
    message = enqueue()

    run = deliver_due(worker="test")

    assert run.failed == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 1
    assert "refused the recipient (SMTP 550)" in message.failure_reason
    event = Event.objects.get(complaint_id=complaint.pk, action="outbox.failed")
    assert event.visible_to_resident is False


def test_a_temporary_refusal_is_tried_again_after_a_backoff(enqueue, refusing_server):
    refusing_server(at="DATA", reply="451 4.3.0 Try again later")
    message = enqueue()

    run = deliver_due(worker="test")

    assert run.retrying == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.QUEUED
    assert "SMTP 451" in message.failure_reason
    assert message.next_attempt_at - message.created_at >= retry_delay(1)


def test_an_unreachable_mail_server_is_tried_again(enqueue, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    message = enqueue()

    assert deliver_due(worker="test").retrying == 1

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.QUEUED
    assert "could not be reached (ConnectionRefusedError)" in message.failure_reason
