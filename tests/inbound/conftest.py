from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from putright.complaints.models import Complaint
from putright.core.actors import Actor
from putright.inbound.services import IngestResult, inbound_message_ingest
from putright.outbox.models import OutboxMessage
from putright.outbox.services import Recipient, outbox_enqueue
from tests.support.imap import imap_server  # noqa: F401  (a fixture for the IMAP tests)

SAMPLES = Path(__file__).parent / "samples"
# The Message-ID the samples quote for an email Putright sent; tests put the real one in.
SAMPLE_OUTBOX_ID = b"<outbox.1.0123456789abcdef0123456789abcdef@riverside.example>"
MARCH_2026 = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def sample(name: str) -> bytes:
    return (SAMPLES / f"{name}.eml").read_bytes()


def outbox_message_id(message: OutboxMessage) -> bytes:
    return f"<{message.message_id_token}@riverside.example>".encode()


@pytest.fixture
def complaint(log_complaint) -> Complaint:
    """C2026-00001: the complaint the samples name."""
    complaint = log_complaint(received_at=MARCH_2026)
    assert complaint.reference == "C2026-00001"
    return complaint


@pytest.fixture
def ingest(landlord) -> Callable[[bytes], IngestResult]:
    def ingest(raw: bytes) -> IngestResult:
        return inbound_message_ingest(landlord=landlord, raw=raw)

    return ingest


@pytest.fixture
def letter_email(landlord, complaint) -> OutboxMessage:
    """An email queued to the resident about the complaint, as the letters app queues it."""
    return outbox_enqueue(
        landlord_id=landlord.pk,
        complaint_id=complaint.pk,
        medium="email",
        recipient=Recipient(name="Sam Okafor", email="sam.okafor@example.net"),
        subject=f"Your complaint {complaint.reference}: our response",
        text_body="Dear Sam Okafor, ...",
        html_body="<p>Dear Sam Okafor, ...</p>",
    )


@pytest.fixture
def triage_officer(officer):
    return Actor.for_user(officer)
