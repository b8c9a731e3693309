"""Mail coming in, from real .eml samples: kept with the complaint it names (Code 5.12), or
left for a person in the triage queue, never lost (Code 3.2), each message stored once."""

from __future__ import annotations

import pytest

from putright.complaints.models import Attachment, Correspondence
from putright.core.models import Event
from putright.inbound.models import InboundMessage
from putright.inbound.selectors import inbound_message_raw
from putright.outbox.models import OutboxMessage
from tests.inbound.conftest import MARCH_2026, SAMPLE_OUTBOX_ID, outbox_message_id, sample

Status = InboundMessage.Status
MatchedBy = InboundMessage.MatchedBy


def test_a_reference_in_the_subject_keeps_the_email_with_that_complaint(ingest, complaint):
    result = ingest(sample("plain_reference_in_subject"))

    message = result.message
    assert result.created
    assert message.status == Status.ATTACHED
    assert message.matched_by == MatchedBy.SUBJECT
    assert message.complaint == complaint
    record = Correspondence.objects.get(complaint=complaint)
    assert record == message.correspondence
    assert record.direction == Correspondence.Direction.INBOUND
    assert record.medium == Correspondence.Medium.EMAIL
    assert record.subject == "Re: Your complaint C2026-00001 \N{EN DASH} still no heating"
    assert record.counterpart == "Alex Morgan <alex@example.org>"
    assert "spent £42 on electric heaters" in record.body
    # When the resident sent it (the Date header), not when a server passed it on.
    assert record.occurred_at.isoformat() == "2026-03-09T09:13:58+00:00"


def test_the_email_shows_on_the_complaints_history_for_the_resident_too(ingest, complaint):
    ingest(sample("plain_reference_in_subject"))

    event = Event.objects.get(complaint_id=complaint.pk, action="correspondence.recorded")
    assert event.actor_label == "Mail coming in"
    assert event.visible_to_resident
    complaint.refresh_from_db()
    assert complaint.version == 2  # the record changed: an older form is refused


def test_the_original_is_stored_exactly_as_it_arrived(ingest, complaint):
    raw = sample("plain_reference_in_subject")

    message = ingest(raw).message

    assert inbound_message_raw(message=message) == raw
    assert message.raw_size == len(raw)
    assert message.raw.name.endswith(f"{message.raw_sha256}.eml")


def test_the_same_message_delivered_twice_is_stored_once(ingest, complaint):
    first = ingest(sample("plain_reference_in_subject"))
    second = ingest(sample("plain_reference_in_subject"))

    assert first.created and not second.created
    assert second.message.pk == first.message.pk
    assert InboundMessage.objects.count() == 1
    assert Correspondence.objects.filter(complaint=complaint).count() == 1


def test_a_message_with_no_message_id_is_still_stored_once(ingest):
    first = ingest(sample("malformed_headers"))
    second = ingest(sample("malformed_headers"))

    assert first.message.message_key.startswith("sha256:")
    assert not second.created
    assert InboundMessage.objects.count() == 1


def test_a_reference_in_the_text_of_an_html_only_email_matches(ingest, complaint):
    message = ingest(sample("html_only_reference_in_body")).message

    assert message.matched_by == MatchedBy.BODY
    assert message.has_html
    record = message.correspondence
    assert "About my complaint C2026-00001: the mould in the back bedroom" in record.body
    assert "- It is on the ceiling" in record.body
    assert "here (https://photos.example.com/album/42)" in record.body
    for script in ("document.cookie", "alert", "<script", "onload", "Newsletter title", "color:"):
        assert script not in record.body
    # The HTML is kept only as a file of the record, downloaded, never shown as a page.
    html = Attachment.objects.get(correspondence=record)
    assert html.original_name == "original-message.html"
    assert html.content_type == "text/html"
    assert b"<script>" in html.file.read()


def test_attachments_are_kept_with_the_complaint_as_documents(ingest, complaint):
    message = ingest(sample("with_attachments")).message

    documents = {
        a.original_name: a for a in Attachment.objects.filter(correspondence=message.correspondence)
    }
    assert set(documents) == {"damp in bedroom.jpg", "receipt.pdf"}
    assert documents["receipt.pdf"].content_type == "application/pdf"
    assert documents["receipt.pdf"].file.read().startswith(b"%PDF")
    assert documents["damp in bedroom.jpg"].file.read().startswith(b"\xff\xd8")
    # The HTML alternative of a message with a text part is the same message, not a document.
    assert not message.has_html
    assert message.correspondence.body == (
        "Here are the photos of the damp and the receipt for the heaters."
    )


def test_an_attachment_too_large_for_the_record_stays_in_the_original(
    ingest, complaint, monkeypatch
):
    # The record's own limit, made small so the sample's photo is over it.
    monkeypatch.setattr("putright.inbound.services.MAX_ATTACHMENT_BYTES", 500)

    message = ingest(sample("with_attachments")).message

    kept = Attachment.objects.filter(correspondence=message.correspondence)
    assert [a.original_name for a in kept] == ["receipt.pdf"]
    assert any("damp in bedroom.jpg is larger than" in p for p in message.problems)


def test_a_reply_in_a_chain_matches_the_complaint_of_the_email_it_replies_to(ingest, complaint):
    ingest(sample("plain_reference_in_subject"))

    reply = ingest(sample("reply_in_chain")).message

    assert reply.matched_by == MatchedBy.REPLY
    assert reply.complaint == complaint


def test_a_message_the_complaint_record_cannot_take_is_still_kept_for_triage(ingest, complaint):
    ingest(sample("plain_reference_in_subject"))
    raw = sample("reply_in_chain")
    empty_reply = raw[: raw.index(b"\n\n") + 2]  # the headers of the reply, and no text

    message = ingest(empty_reply).message

    assert message.status == Status.TO_TRIAGE
    assert message.problems == [
        "It belongs with complaint C2026-00001, but could not be kept with it: "
        "Enter the message, or attach a document."
    ]
    assert Correspondence.objects.filter(complaint=complaint).count() == 1


def test_a_reply_to_an_email_putright_sent_matches_its_complaint(ingest, complaint, letter_email):
    raw = sample("reply_to_letter").replace(SAMPLE_OUTBOX_ID, outbox_message_id(letter_email))

    reply = ingest(raw).message

    assert reply.matched_by == MatchedBy.REPLY
    assert reply.complaint == complaint


def test_a_reply_naming_a_message_id_putright_did_not_send_is_left_for_triage(
    ingest, complaint, letter_email
):
    forged = outbox_message_id(letter_email).replace(b"outbox.", b"outbox.9").replace(b"0", b"1")

    reply = ingest(sample("reply_to_letter").replace(SAMPLE_OUTBOX_ID, forged)).message

    assert reply.status == Status.TO_TRIAGE
    assert reply.complaint is None


def test_a_reference_to_another_landlords_complaint_does_not_match(other_landlord, complaint):
    from putright.inbound.services import inbound_message_ingest

    message = inbound_message_ingest(
        landlord=other_landlord, raw=sample("plain_reference_in_subject")
    ).message

    assert message.status == Status.TO_TRIAGE
    assert not Correspondence.objects.exists()


def test_a_reference_from_someone_not_on_record_is_checked_by_a_person_first(ingest, complaint):
    # References follow each other, so anyone can write one: only the resident's (or their
    # representative's) address on record puts an email straight into the complaint's record.
    raw = sample("plain_reference_in_subject").replace(
        b"From: Alex Morgan <alex@example.org>", b"From: Someone <someone@example.com>"
    )

    message = ingest(raw).message

    assert message.status == Status.TO_TRIAGE
    assert message.suggested_reference == "C2026-00001"
    assert (
        "is not from the email address of the resident or their representative"
        in (message.problems[0])
    )
    assert not Correspondence.objects.exists()


def test_a_representatives_email_naming_the_complaint_is_kept_with_it(
    ingest, landlord, resident, log_complaint, system_actor
):
    from putright.residents.services import representative_add

    representative = representative_add(
        actor=system_actor,
        resident=resident,
        name="Chris Adviser",
        relationship="advocate",
        authority_given_on=MARCH_2026.date(),
        authority_evidence="Signed consent form",
        email="chris@advice.example",
    )
    complaint = log_complaint(received_at=MARCH_2026, representative=representative)
    raw = sample("plain_reference_in_subject").replace(
        b"From: Alex Morgan <alex@example.org>", b"From: Chris <Chris@ADVICE.example>"
    )

    message = ingest(raw).message

    assert message.complaint == complaint


def test_a_reference_to_no_complaint_is_left_for_triage(ingest):
    message = ingest(sample("plain_reference_in_subject")).message

    assert message.status == Status.TO_TRIAGE
    assert message.complaint is None
    assert Event.objects.filter(action="inbound.left_for_triage", subject_id=message.pk).exists()


def test_a_message_naming_two_complaints_is_left_for_a_person_to_decide(
    ingest, complaint, log_complaint
):
    second = log_complaint(received_at=complaint.received_at)
    raw = sample("plain_reference_in_subject").replace(
        b"Subject: Re: Your complaint C2026-00001",
        f"Subject: Re: complaints C2026-00001 and {second.reference}".encode(),
    )

    message = ingest(raw).message

    assert message.status == Status.TO_TRIAGE
    assert message.problems == [
        f"The message names more than one complaint: C2026-00001, {second.reference}."
    ]


def test_malformed_headers_do_not_stop_the_message_being_stored(ingest):
    message = ingest(sample("malformed_headers")).message

    assert message.status == Status.TO_TRIAGE
    assert message.from_address == ""
    assert message.from_name == "Pat Quinn <pat.quinn@@example..org"
    assert message.sent_at is None
    assert message.subject.startswith("Caf\N{REPLACEMENT CHARACTER} next door")
    # NUL and other control characters never reach the database (PostgreSQL refuses NUL).
    assert "\x00" not in message.body_text
    assert message.body_text.endswith("nothing has happened.\nPat")
    assert message.problems == [
        "The sender's address could not be read; the From header is shown as it arrived.",
        "The To header is not well formed; it is shown as it arrived.",
        "The date the message was sent could not be read.",
    ]


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe\x00garbage with no headers at all",
        b"Subject: =?utf-8?B?\xff?=\nContent-Type: multipart/mixed\n\nno boundary",
        b"Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain; "
        b"charset=utf-8\nContent-Transfer-Encoding: base64\n\n!!!!\n--x",
        b"From: a@b.c\nContent-Type: message/rfc822\n\nnot really a message",
        b"Content-Type: text/html\n\n<p>unclosed <head><script>x",
    ],
    ids=["no-headers", "bad-multipart", "bad-base64", "bad-rfc822", "bad-html"],
)
def test_whatever_arrives_is_stored_for_a_person_to_read(ingest, raw):
    result = ingest(raw)

    assert result.created
    assert result.message.status == Status.TO_TRIAGE
    assert inbound_message_raw(message=result.message) == raw


def test_an_empty_message_is_refused(ingest):
    from putright.core.errors import DomainError

    with pytest.raises(DomainError, match="empty"):
        ingest(b"  \n")


# ------------------------------------------------ bounces and delivery reports


def test_a_delivery_status_notification_records_the_bounce_against_the_email(
    ingest, complaint, letter_email
):
    raw = sample("dsn_bounce").replace(SAMPLE_OUTBOX_ID, outbox_message_id(letter_email))

    message = ingest(raw).message

    assert message.status == Status.BOUNCE
    assert message.outbox_message_pk == letter_email.pk
    letter_email.refresh_from_db()
    assert letter_email.status == OutboxMessage.Status.BOUNCED
    assert "5.1.1" in letter_email.failure_reason
    assert "User unknown" in letter_email.failure_reason
    # A bounce is about our email, not from the resident: it is not their correspondence.
    assert not Correspondence.objects.exists()
    assert Event.objects.filter(complaint_id=complaint.pk, action="outbox.bounced").exists()


def test_an_older_bounce_format_quoting_the_email_is_recorded_too(ingest, complaint, letter_email):
    raw = sample("qmail_bounce").replace(SAMPLE_OUTBOX_ID, outbox_message_id(letter_email))

    message = ingest(raw).message

    assert message.status == Status.BOUNCE
    letter_email.refresh_from_db()
    assert letter_email.status == OutboxMessage.Status.BOUNCED
    assert letter_email.failure_reason == "Sorry, no mailbox here by that name. (#5.1.1)"


def test_a_delay_warning_is_kept_but_nothing_is_recorded_against_the_email(
    ingest, complaint, letter_email
):
    raw = sample("dsn_delayed").replace(SAMPLE_OUTBOX_ID, outbox_message_id(letter_email))

    message = ingest(raw).message

    assert message.status == Status.DELIVERY_REPORT
    letter_email.refresh_from_db()
    assert letter_email.status == OutboxMessage.Status.QUEUED


def test_a_bounce_for_an_email_putright_did_not_send_is_left_for_triage(ingest, complaint):
    message = ingest(sample("dsn_bounce")).message

    assert message.status == Status.TO_TRIAGE
    assert "could not be delivered, but not one Putright sent" in message.problems[0]
    assert not Correspondence.objects.exists()


# ------------------------------------------------ the same message, delivered at the same moment


@pytest.mark.django_db(transaction=True)
def test_the_same_message_arriving_at_the_same_moment_is_stored_once(landlord):
    # Two mail server deliveries, or two overlapping mailbox polls, racing each other.
    import threading

    from django.db import connection

    from putright.inbound.services import inbound_message_ingest

    raw = sample("hostile_no_reference")
    start = threading.Barrier(4)
    stored: list[int] = []
    errors: list[BaseException] = []

    def deliver() -> None:
        try:
            start.wait()
            stored.append(inbound_message_ingest(landlord=landlord, raw=raw).message.pk)
        except BaseException as error:  # reported below, on the test's own thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert InboundMessage.objects.count() == 1
    assert stored == [InboundMessage.objects.get().pk] * 4
