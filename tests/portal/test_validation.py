"""Every question's error messages, in GOV.UK's words, and the uploads the service refuses."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from putright.complaints.models import Attachment, Complaint
from putright.portal.uploads import MAX_FILE_BYTES, sniff_content_type
from tests.portal.conftest import ANSWERS, EXECUTABLE, PNG, errors_of, step_url, word_document

NO_DATE = {
    f"{name}-{part}": ""
    for name in ("occurred_on", "became_aware_on")
    for part in ("day", "month", "year")
}


def when(**parts: str) -> dict[str, str]:
    return {**NO_DATE, **parts}


CASES = [
    ("who", {}, "Select who the complaint is for"),
    ("who", {"who": "everyone"}, "Select who the complaint is for"),
    ("resident", {"name": "", "email": "sam@example.org"}, "Enter your full name"),
    (
        "resident",
        {"name": "Sam", "email": "", "phone": ""},
        "Enter your email address or phone number",
    ),
    (
        "resident",
        {"name": "Sam", "email": "sam@"},
        "Enter an email address in the correct format, like name@example.com",
    ),
    (
        "resident",
        {"name": "Sam", "phone": "call me"},
        "Enter a phone number, like 01632 960 001 or 07700 900 982",
    ),
    (
        "resident",
        {"name": "S" * 201, "phone": "01632 960 001"},
        "Your full name must be 200 characters or fewer",
    ),
    (
        "address",
        {"address_line_1": "", "town": "Riverton", "postcode": "RV3 4CD"},
        "Enter address line 1, typically the building and street",
    ),
    (
        "address",
        {"address_line_1": "3 River Court", "town": "", "postcode": "RV3 4CD"},
        "Enter town or city",
    ),
    (
        "address",
        {"address_line_1": "3 River Court", "town": "Riverton", "postcode": ""},
        "Enter postcode",
    ),
    (
        "address",
        {"address_line_1": "3 River Court", "town": "Riverton", "postcode": "12345"},
        "Enter a real postcode, like RV1 2AB",
    ),
    ("what", {"description": ""}, "Enter what went wrong"),
    ("what", {"description": "x" * 5001}, "What went wrong must be 5000 characters or fewer"),
    (
        "when",
        when(**{"occurred_on-day": "31", "occurred_on-month": "2", "occurred_on-year": "2026"}),
        "Date it happened must be a real date",
    ),
    (
        "when",
        when(**{"occurred_on-day": "3", "occurred_on-month": "", "occurred_on-year": "2026"}),
        "Date it happened must include a day, month and year",
    ),
    (
        "when",
        when(**{"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "2999"}),
        "The date it happened must be today or in the past",
    ),
    (
        "when",
        when(
            **{
                "occurred_on-day": "5",
                "occurred_on-month": "5",
                "occurred_on-year": "2026",
                "became_aware_on-day": "1",
                "became_aware_on-month": "5",
                "became_aware_on-year": "2026",
            }
        ),
        "The date you found out must be the same as or after the date it happened",
    ),
    ("contact", {"contact_frequency": "news"}, "Select how we should contact you"),
    ("contact", {"preferred_contact_method": "email"}, "Select how often you would like an update"),
    (
        "adjustments",
        {},
        "Select the help you need, or that you do not need any help",
    ),
    (
        "adjustments",
        {"adjustments": ["none", "large_print"]},
        "Select the help you need, or that you do not need any help, but not both",
    ),
    ("adjustments", {"adjustments": ["other"]}, "Tell us what else would help"),
    ("adjustments", {"adjustments": ["interpreter"]}, "Tell us which language you need"),
]


@pytest.mark.parametrize(("slug", "data", "message"), CASES)
def test_each_question_says_what_is_wrong(client, landlord, slug, data, message):
    client.post(step_url("who"), ANSWERS["who"])
    client.post(step_url("resident"), ANSWERS["resident"])
    response = client.post(step_url(slug), data)
    assert response.status_code == 200
    assert message in errors_of(response)


REPRESENTATIVE_CASES = [
    (
        {"relationship": "friend", "email": "jo@example.org", "consent": "yes"},
        "Enter your full name",
    ),
    ({"name": "Jo", "email": "jo@example.org", "consent": "yes"}, "Select how you know them"),
    (
        {"name": "Jo", "relationship": "friend", "consent": "yes"},
        "Enter your email address or phone number",
    ),
    (
        {"name": "Jo", "relationship": "friend", "email": "jo@example.org"},
        "Select if they have agreed to you complaining for them",
    ),
]


@pytest.mark.parametrize(("data", "message"), REPRESENTATIVE_CASES)
def test_a_representative_is_asked_who_they_are_and_for_the_residents_agreement(
    client, landlord, data, message
):
    client.post(step_url("who"), {"who": "someone_else"})
    response = client.post(step_url("representative"), data)
    assert message in errors_of(response)


def test_the_representatives_page_is_skipped_for_a_resident_complaining_for_themselves(
    client, landlord
):
    response = client.post(step_url("who"), {"who": "myself"})
    assert response["Location"] == step_url("resident")


def test_choosing_email_without_giving_an_email_address_is_explained(client, landlord):
    client.post(step_url("who"), {"who": "myself"})
    client.post(step_url("resident"), {"name": "Sam", "phone": "01632 960 001"})
    response = client.post(
        step_url("contact"), {"preferred_contact_method": "email", "contact_frequency": "news"}
    )
    assert errors_of(response) == [
        "You did not give an email address. Go back and add one, or choose another way"
    ]


# ---------------------------------------------------------------- uploads


def png(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, "image/png")


def upload(client, name: str, content: bytes, content_type: str = "image/jpeg"):
    return client.post(
        step_url("documents"),
        {"action": "upload", "documents": SimpleUploadedFile(name, content, content_type)},
    )


def test_a_photo_is_kept_until_the_complaint_is_sent_and_then_stored_with_it(
    client, landlord, answer, send
):
    answer()
    assert upload(client, "damp.png", PNG, "image/png").status_code == 302
    assert (
        "damp.png" in client.get("/resident/make-a-complaint/check-your-answers/").content.decode()
    )
    send()
    attachment = Attachment.objects.get()
    assert attachment.complaint == Complaint.objects.get()
    assert attachment.original_name == "damp.png"
    assert attachment.content_type == "image/png"
    assert attachment.file.read() == PNG


def test_an_executable_named_as_a_photo_is_refused(client, landlord):
    response = upload(client, "photo.jpg", EXECUTABLE)
    assert errors_of(response) == [
        "photo.jpg must be a JPG, PNG, GIF, WEBP, HEIC, PDF or Word (DOCX) file"
    ]


def test_a_file_over_the_size_limit_is_refused(client, landlord):
    response = upload(client, "big.png", PNG + b"\x00" * MAX_FILE_BYTES, "image/png")
    assert errors_of(response) == ["big.png must be smaller than 10 MB"]


def test_an_empty_file_is_refused(client, landlord):
    assert errors_of(upload(client, "empty.pdf", b"", "application/pdf")) == ["empty.pdf is empty"]


def test_no_more_than_five_files_can_be_added(client, landlord):
    for n in range(5):
        assert upload(client, f"photo{n}.png", PNG, "image/png").status_code == 302
    assert errors_of(upload(client, "photo6.png", PNG, "image/png")) == [
        "You can upload up to 5 files"
    ]


def test_a_file_added_can_be_removed_again(client, landlord):
    upload(client, "damp.png", PNG, "image/png")
    page = client.get(step_url("documents")).content.decode()
    assert "damp.png" in page
    key = page.split('name="remove" value="')[1].split('"')[0]
    client.post(step_url("documents"), {"remove": key})
    assert "damp.png" not in client.get(step_url("documents")).content.decode()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"GIF89a" + b"\x00" * 10, "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 8, "image/heic"),
        (
            word_document(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (EXECUTABLE, None),
        (b"#!/bin/sh\nrm -rf /\n", None),
        (b"PK\x03\x04not really a zip", None),
        (b"<html><script>alert(1)</script></html>", None),
    ],
)
def test_a_files_type_is_judged_by_its_content(content, expected):
    assert sniff_content_type(content) == expected


def test_files_left_behind_by_a_complaint_never_sent_are_deleted_after_a_day(
    client, landlord, answer, send, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 11, 2, 10, tzinfo=datetime.UTC), tick=False)
    answer()
    upload(client, "damp.png", PNG, "image/png")
    time_machine.shift(datetime.timedelta(days=1, minutes=1))
    # Another resident's upload sweeps out the abandoned file.
    other = Client()
    other.post(step_url("documents"), {"action": "upload", "documents": png("other.png")})
    response = send()
    assert errors_of(response) == [
        "We deleted damp.png because it was added more than a day ago. "
        "Upload it again, or send your complaint without it."
    ]
    assert "damp.png" not in client.get(step_url("documents")).content.decode()
    assert send().status_code == 302
    assert not Attachment.objects.exists()
