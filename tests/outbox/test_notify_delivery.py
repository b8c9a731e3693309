"""GOV.UK Notify: email, text messages and precompiled letters, against a local Notify."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.utils import timezone
from pypdf import PdfReader

from putright.outbox.models import DeliveryAttempt, OutboxMessage
from putright.outbox.providers import deliver
from putright.outbox.services import DEFAULT_LEASE, outbox_claim_due
from putright.outbox.worker import deliver_due
from tests.support.notify import EMAIL_TEMPLATE_ID, SERVICE_ID, SMS_TEMPLATE_ID


def test_email_goes_to_notify_with_subject_body_and_the_messages_reference(
    enqueue, use_notify, notify_server
):
    message = enqueue("email")

    assert deliver_due(worker="test").sent == 1

    [sent] = notify_server.sent("email")
    assert sent["email_address"] == "alex@example.org"
    assert sent["template_id"] == EMAIL_TEMPLATE_ID
    assert sent["personalisation"] == {
        "subject": message.subject,
        "body": "We have received your complaint.",
    }
    assert sent["reference"] == message.delivery_key
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.provider_reference == sent["id"]


def test_a_text_message_goes_to_notify_with_its_body(enqueue, notify_server, use_notify):
    message = enqueue("sms", text_body="Your complaint has been acknowledged.")

    deliver_due(worker="test")

    [sent] = notify_server.sent("sms")
    assert sent["phone_number"] == "07700900123"
    assert sent["template_id"] == SMS_TEMPLATE_ID
    assert sent["personalisation"] == {"body": "Your complaint has been acknowledged."}
    assert sent["reference"] == message.delivery_key


def test_a_letter_goes_to_notify_as_a_precompiled_pdf_of_its_document(
    enqueue, notify_server, use_notify
):
    message = enqueue("post")

    deliver_due(worker="test")

    [sent] = notify_server.sent("letter")
    assert sent["reference"] == message.delivery_key
    text = PdfReader(io.BytesIO(sent["pdf"])).pages[0].extract_text()
    assert "12 Mill Lane" in text
    assert "Acknowledgement" in text


def test_notify_refuses_a_request_signed_with_the_wrong_key(
    enqueue, notify_server, use_notify, settings
):
    settings.NOTIFY_API_KEY = f"wrong-{SERVICE_ID}-00000000-0000-0000-0000-000000000000"
    message = enqueue("email")

    assert deliver_due(worker="test").failed == 1

    assert notify_server.sent() == []
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.failure_reason.startswith("GOV.UK Notify refused to send this email (403:")


@pytest.mark.parametrize(
    ("status", "error", "notify_message", "outcome"),
    [
        (
            400,
            "BadRequestError",
            "Can't send to this recipient using a team-only API key",
            "failed",
        ),
        (403, "AuthError", "Invalid token: API key not found", "failed"),
        (429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests", "queued"),
        (429, "TooManyRequestsError", "Exceeded send limits (250000) for today", "queued"),
        (500, "Exception", "Internal server error", "queued"),
    ],
)
def test_notify_errors_are_permanent_or_retried_as_notify_documents_them(
    enqueue, notify_server, use_notify, status, error, notify_message, outcome
):
    notify_server.fail_next(status, error, notify_message)
    message = enqueue("email")

    deliver_due(worker="test")

    message.refresh_from_db()
    assert message.status == outcome
    assert message.failure_reason == (
        f"GOV.UK Notify refused to send this email ({status}: {notify_message})."
    )


def test_notifys_own_validation_error_fails_the_message(enqueue, notify_server, use_notify):
    use_notify.notify_email_template_id = "00000000-0000-0000-0000-000000000000"
    use_notify.save()
    message = enqueue("email")

    deliver_due(worker="test")

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert "(400: Template not found)" in message.failure_reason


def test_a_missing_template_id_fails_with_a_reason_an_administrator_can_act_on(
    enqueue, notify_server, use_notify
):
    use_notify.notify_sms_template_id = ""
    use_notify.save()
    message = enqueue("sms")

    deliver_due(worker="test")

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.failure_reason == (
        "GOV.UK Notify is chosen but no Notify text message template ID is set in the "
        "landlord's delivery settings."
    )


def test_without_an_api_key_notify_messages_fail_and_say_so(enqueue, use_notify, settings):
    settings.NOTIFY_API_KEY = ""
    message = enqueue("email")

    deliver_due(worker="test")

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert "API key (NOTIFY_API_KEY) is missing" in message.failure_reason


def test_an_unreachable_notify_is_tried_again(enqueue, use_notify, settings):
    settings.NOTIFY_API_KEY = f"key-{SERVICE_ID}-{'0' * 8}-{'0' * 4}-{'0' * 4}-{'0' * 4}-{'0' * 12}"
    settings.NOTIFY_BASE_URL = "http://127.0.0.1:9"
    message = enqueue("email")

    assert deliver_due(worker="test").retrying == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.QUEUED


def test_a_retry_finds_what_notify_already_has_instead_of_sending_again(
    enqueue, notify_server, use_notify
):
    message = enqueue("email")
    # A worker hands the message to Notify, then dies before recording it.
    [claim] = outbox_claim_due(worker="died", limit=1)
    deliver(claim)
    assert len(notify_server.sent()) == 1

    with time_machine.travel(timezone.now() + DEFAULT_LEASE + DEFAULT_LEASE, tick=False):
        run = deliver_due(worker="restarted")

    assert run.sent == 1
    assert len(notify_server.sent()) == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.provider_reference == notify_server.sent()[0]["id"]
    attempt = DeliveryAttempt.objects.get(message=message)
    assert (attempt.number, attempt.outcome) == (2, "found")
    assert ("GET", f"/v2/notifications?reference={message.delivery_key}") in (
        notify_server.requests
    )
