"""Code 5.12: a full record of all correspondence with the resident and with other parties, and
of supporting documents, kept through Django's storage."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from putright.complaints import services
from putright.complaints.models import Attachment, Complaint, Correspondence
from putright.complaints.selectors import complaint_timeline
from putright.complaints.services import UploadedDocument, correspondence_record
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError, NotPermittedError
from tests.complaints.lifecycle import events, last_event

Direction = Correspondence.Direction
Medium = Correspondence.Medium

REPORT = UploadedDocument(
    name="Damp survey, March 2026.pdf", content_type="application/pdf", content=b"%PDF-1.7 survey"
)


@pytest.fixture
def complaint(log_complaint):
    return log_complaint()


def record(actor, complaint, **changes):
    arguments = {
        "direction": Direction.INBOUND,
        "medium": Medium.EMAIL,
        "body": "The engineer did not come again today.",
        **changes,
    }
    return correspondence_record(actor=actor, complaint=complaint, **arguments)


def nothing_recorded(complaint) -> bool:
    return (
        not Correspondence.objects.exists()
        and not Attachment.objects.exists()
        and [e.action for e in events(complaint)] == ["complaint.logged"]
    )


# ---------------------------------------------------------------- messages


def test_a_message_from_the_resident_is_kept_with_the_complaint(complaint, officer):
    message = record(Actor.for_user(officer), complaint, subject="  Still waiting  ")
    message.refresh_from_db()
    assert message.complaint == complaint
    assert (message.direction, message.medium, message.subject) == (
        Direction.INBOUND,
        Medium.EMAIL,
        "Still waiting",
    )
    assert message.body == "The engineer did not come again today."
    assert message.recorded_by == officer


def test_correspondence_with_other_parties_is_kept_too(complaint, officer):
    message = record(
        Actor.for_user(officer),
        complaint,
        direction=Direction.OUTBOUND,
        medium=Medium.EMAIL,
        counterpart="  Heating contractor  ",
        body="Please send your job sheet for 2 March.",
    )
    assert message.counterpart == "Heating contractor"


def test_a_resident_can_send_a_message_on_their_complaint(complaint):
    message = record(Actor.resident(complaint.landlord_id), complaint, medium=Medium.ONLINE)
    assert message.recorded_by is None


def test_a_resident_of_another_landlord_cannot_add_to_the_complaint(complaint, other_landlord):
    with pytest.raises(DomainError):
        record(Actor.resident(other_landlord.pk), complaint)
    assert nothing_recorded(complaint)


def test_a_message_needs_a_body_or_a_document(complaint, officer):
    with pytest.raises(DomainError) as error:
        record(Actor.for_user(officer), complaint, body="   ")
    assert error.value.field == "body"
    assert nothing_recorded(complaint)


def test_a_document_alone_is_enough(complaint, officer):
    message = record(Actor.for_user(officer), complaint, body="", documents=[REPORT])
    assert message.attachments.count() == 1


@pytest.mark.parametrize(("field", "value"), [("direction", "sideways"), ("medium", "telegram")])
def test_a_message_needs_a_known_direction_and_medium(complaint, officer, field, value):
    with pytest.raises(DomainError) as error:
        record(Actor.for_user(officer), complaint, **{field: value})
    assert error.value.field == field
    assert nothing_recorded(complaint)


def test_a_message_cannot_be_dated_in_the_future(complaint, officer):
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(DomainError) as error:
        record(Actor.for_user(officer), complaint, occurred_at=tomorrow)
    assert error.value.field == "occurred_at"


def test_recording_correspondence_needs_the_correspondence_permission(complaint, officer):
    watcher = Actor(
        label="Auditor",
        landlord_id=complaint.landlord_id,
        user=officer,
        permissions=frozenset({"complaints.view_all_complaints"}),
    )
    with pytest.raises(NotPermittedError):
        record(watcher, complaint)
    assert nothing_recorded(complaint)


def test_staff_who_cannot_see_the_complaint_cannot_add_to_it(complaint, second_handler):
    with pytest.raises(NotFoundError):
        record(Actor.for_user(second_handler), complaint)


def test_correspondence_is_one_event_and_one_change(complaint, officer):
    record(Actor.for_user(officer), complaint, documents=[REPORT])
    event = last_event(complaint)
    assert event.action == "correspondence.recorded"
    assert event.after == {"direction": Direction.INBOUND, "medium": Medium.EMAIL, "documents": 1}
    assert len(events(complaint)) == 2
    assert Complaint.objects.get(pk=complaint.pk).version == 2


# ---------------------------------------------------------------- who sees it


def test_internal_notes_are_not_visible_to_the_resident(complaint, officer):
    record(Actor.for_user(officer), complaint, direction=Direction.INTERNAL, medium=Medium.NOTE)
    note = last_event(complaint)
    assert note.visible_to_resident is False
    assert note not in complaint_timeline(complaint=complaint, resident_view=True)
    assert note in complaint_timeline(complaint=complaint)


@pytest.mark.parametrize("direction", [Direction.INBOUND, Direction.OUTBOUND])
def test_messages_to_and_from_the_resident_are_visible_to_them(complaint, officer, direction):
    record(Actor.for_user(officer), complaint, direction=direction)
    assert last_event(complaint).visible_to_resident is True


# ---------------------------------------------------------------- documents


def test_a_document_is_stored_through_django_storage_with_its_sha256(complaint, officer):
    message = record(Actor.for_user(officer), complaint, documents=[REPORT])
    attachment = message.attachments.get()
    digest = hashlib.sha256(REPORT.content).hexdigest()
    assert attachment.sha256 == digest
    assert attachment.size == len(REPORT.content)
    assert attachment.original_name == "Damp survey, March 2026.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.complaint == complaint
    assert default_storage.exists(attachment.file.name)
    with default_storage.open(attachment.file.name, "rb") as stored:
        assert stored.read() == REPORT.content


def test_a_document_is_stored_under_an_opaque_name(complaint, officer):
    message = record(Actor.for_user(officer), complaint, documents=[REPORT])
    name = message.attachments.get().file.name
    assert "survey" not in name.lower()
    assert hashlib.sha256(REPORT.content).hexdigest() in name


def test_an_empty_document_is_refused_and_nothing_is_kept(complaint, officer):
    empty = UploadedDocument(name="blank.pdf", content_type="application/pdf", content=b"")
    with pytest.raises(DomainError) as error:
        record(Actor.for_user(officer), complaint, documents=[empty])
    assert error.value.field == "documents"
    assert nothing_recorded(complaint)


def test_a_document_over_the_size_limit_is_refused(complaint, officer):
    too_big = UploadedDocument(
        name="video.mp4",
        content_type="video/mp4",
        content=b"\0" * (services.MAX_ATTACHMENT_BYTES + 1),
    )
    with pytest.raises(DomainError) as error:
        record(Actor.for_user(officer), complaint, documents=[too_big])
    assert error.value.field == "documents"
    assert nothing_recorded(complaint)


def test_a_document_at_the_size_limit_is_kept(complaint, officer):
    largest = UploadedDocument(
        name="scan.tiff", content_type="image/tiff", content=b"\1" * services.MAX_ATTACHMENT_BYTES
    )
    message = record(Actor.for_user(officer), complaint, documents=[largest])
    assert message.attachments.get().size == 20 * 1024 * 1024


def test_a_document_with_no_content_type_is_kept_as_octet_stream(complaint, officer):
    unknown = UploadedDocument(name="notes", content_type="", content=b"notes")
    message = record(Actor.for_user(officer), complaint, documents=[unknown])
    assert message.attachments.get().content_type == "application/octet-stream"
