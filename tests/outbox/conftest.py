from __future__ import annotations

from collections.abc import Callable

import pytest

from putright.outbox.models import DeliverySettings, OutboxMessage
from putright.outbox.services import Attachment, Recipient, outbox_enqueue
from tests.support.notify import (
    EMAIL_TEMPLATE_ID,
    SMS_TEMPLATE_ID,
    notify_server,  # noqa: F401  (a fixture for these tests)
)

LETTER_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Letter</title>
<style>@page {{ size: A4; margin: 2cm }} body {{ font-family: sans-serif }}</style></head>
<body><p>{address}</p><h1>{title}</h1><p>We have received your complaint.</p></body></html>"""


@pytest.fixture
def complaint(log_complaint):
    return log_complaint()


@pytest.fixture
def use_notify(landlord) -> DeliverySettings:
    """The landlord sends email and post through GOV.UK Notify."""
    return DeliverySettings.objects.create(
        landlord=landlord,
        email_provider=DeliverySettings.EmailProvider.NOTIFY,
        post_provider=DeliverySettings.PostProvider.NOTIFY,
        notify_email_template_id=EMAIL_TEMPLATE_ID,
        notify_sms_template_id=SMS_TEMPLATE_ID,
    )


@pytest.fixture
def enqueue(landlord, complaint) -> Callable[..., OutboxMessage]:
    """Queue one message about ``complaint`` as the letters app would."""

    def make(medium: str = "email", **overrides) -> OutboxMessage:
        recipient = overrides.pop(
            "recipient",
            Recipient(
                name="Alex Morgan",
                email="alex@example.org",
                phone="07700900123",
                postal_address="12 Mill Lane\nRiverton\nRV1 2AB",
            ),
        )
        details = {
            "subject": f"Your complaint {complaint.reference}: acknowledgement",
            "text_body": "We have received your complaint.",
            "html_body": "<p>We have received your complaint.</p>",
            "document_html": LETTER_HTML.format(address="12 Mill Lane", title="Acknowledgement"),
            "attachments": (),
            "source": complaint,
        } | overrides
        return outbox_enqueue(
            landlord_id=landlord.pk,
            complaint_id=complaint.pk,
            medium=medium,
            recipient=recipient,
            **details,
        )

    return make


__all__ = ["LETTER_HTML", "Attachment"]
