"""Code 5.12: every message in or out, and every document, kept with the complaint."""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile

from putright.complaints.models import Attachment, Correspondence
from tests.api.conftest import problem_of, snapshot

# Not valid UTF-8, with NULs and a CRLF: bytes that any re-encoding on the way would change.
PDF = b"%PDF-1.7\r\n\x00\xff\xfe binary \x00 payload \x80\x81" + bytes(range(256)) * 40
PHOTO = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\x01" * 5000


def upload(client, reference: str, headers: dict | None = None, **fields):
    data = {
        "direction": "in",
        "medium": "email",
        "subject": "Photos of the mould",
        "body": "Please see attached.",
        "counterpart": "Alex Morgan",
        "documents": [
            SimpleUploadedFile("survey report.pdf", PDF, content_type="application/pdf"),
            SimpleUploadedFile("kitchen.jpg", PHOTO, content_type="image/jpeg"),
        ],
        **fields,
    }
    return client.post_multipart(f"/complaints/{reference}/correspondence", data, headers)


def test_a_message_with_documents_is_recorded_and_the_bytes_come_back_unchanged(
    handler_api, journey
):
    reference = journey.investigating()
    version = snapshot(reference)[0]
    response = upload(handler_api, reference)
    assert response.status_code == 201, response.content
    message = response.json()
    assert (message["direction"], message["medium"]) == ("in", "email")
    assert message["subject"] == "Photos of the mould"
    pdf, photo = message["attachments"]
    assert pdf["original_name"] == "survey report.pdf"
    assert pdf["content_type"] == "application/pdf"
    assert (pdf["size"], pdf["sha256"]) == (len(PDF), hashlib.sha256(PDF).hexdigest())
    assert photo["sha256"] == hashlib.sha256(PHOTO).hexdigest()
    assert snapshot(reference)[0] == version + 1

    download = handler_api.get(f"/complaints/{reference}/attachments/{pdf['id']}")
    assert download.status_code == 200
    assert download.content == PDF
    assert hashlib.sha256(download.content).hexdigest() == pdf["sha256"]
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"] == 'attachment; filename="survey report.pdf"'
    assert handler_api.get(f"/complaints/{reference}/attachments/{photo['id']}").content == PHOTO


def test_the_stored_file_name_is_opaque(handler_api, journey):
    reference = journey.investigating()
    assert upload(handler_api, reference).status_code == 201
    for attachment in Attachment.objects.all():
        assert attachment.original_name not in attachment.file.name
        assert attachment.sha256 in attachment.file.name


def test_a_message_without_documents_is_a_plain_form(officer_api, journey):
    reference = journey.log()
    response = officer_api.post_multipart(
        f"/complaints/{reference}/correspondence",
        {"direction": "internal", "medium": "note", "body": "Called the contractor."},
    )
    assert response.status_code == 201, response.content
    assert response.json()["attachments"] == []


def test_correspondence_is_listed_newest_first(officer_api, journey):
    reference = journey.log()
    for body in ("first", "second"):
        officer_api.post_multipart(
            f"/complaints/{reference}/correspondence",
            {"direction": "out", "medium": "letter", "body": body},
        )
    response = officer_api.get(f"/complaints/{reference}/correspondence")
    assert response.status_code == 200
    assert [m["body"] for m in response.json()] == ["second", "first"]


def test_a_message_must_say_its_direction_and_medium(officer_api, journey):
    reference = journey.log()
    before = snapshot(reference)
    missing = officer_api.post_multipart(
        f"/complaints/{reference}/correspondence", {"medium": "email", "body": "Hello"}
    )
    assert problem_of(missing, 422)["field"] == "direction"
    wrong = officer_api.post_multipart(
        f"/complaints/{reference}/correspondence",
        {"direction": "sideways", "medium": "email", "body": "Hello"},
    )
    assert problem_of(wrong, 422)["field"] == "direction"
    assert snapshot(reference) == before
    assert not Correspondence.objects.exists()


def test_an_empty_message_or_an_empty_document_is_refused(officer_api, journey):
    reference = journey.log()
    empty = officer_api.post_multipart(
        f"/complaints/{reference}/correspondence", {"direction": "in", "medium": "email"}
    )
    assert problem_of(empty, 422)["field"] == "body"
    empty_file = upload(
        officer_api, reference, documents=[SimpleUploadedFile("blank.txt", b"", "text/plain")]
    )
    assert problem_of(empty_file, 422)["field"] == "documents"
    assert not Correspondence.objects.exists()
    assert not Attachment.objects.exists()


def test_a_document_is_not_served_from_another_complaint(officer_api, journey):
    first, second = journey.log(), journey.log()
    attachment = upload(officer_api, first).json()["attachments"][0]
    problem_of(officer_api.get(f"/complaints/{second}/attachments/{attachment['id']}"), 404)
    problem_of(officer_api.get(f"/complaints/{first}/attachments/999999"), 404)


def test_documents_of_a_complaint_outside_the_team_are_404(officer_api, outsider_api, journey):
    reference = journey.log()
    attachment = upload(officer_api, reference).json()["attachments"][0]
    problem_of(outsider_api.get(f"/complaints/{reference}/attachments/{attachment['id']}"), 404)
    problem_of(outsider_api.get(f"/complaints/{reference}/correspondence"), 404)
    problem_of(upload(outsider_api, reference), 404)
    assert Attachment.objects.count() == 2


def test_the_governing_body_sees_no_correspondence(governing_body_api, officer_api, journey):
    reference = journey.log()
    upload(officer_api, reference)
    problem_of(governing_body_api.get(f"/complaints/{reference}/correspondence"), 404)


def test_a_document_name_that_is_not_ascii_downloads_under_its_own_name(officer_api, journey):
    reference = journey.log()
    name = "Küche “damp” €.jpg"
    message = upload(
        officer_api, reference, documents=[SimpleUploadedFile(name, PHOTO, "image/jpeg")]
    ).json()
    (attachment,) = message["attachments"]
    assert attachment["original_name"] == name
    download = officer_api.get(f"/complaints/{reference}/attachments/{attachment['id']}")
    assert download["Content-Disposition"] == (
        "attachment; filename*=utf-8''K%C3%BCche%20%E2%80%9Cdamp%E2%80%9D%20%E2%82%AC.jpg"
    )
    assert download.content == PHOTO
