"""Track my complaint: a single-use, expiring link by email, then the complaint in plain words,
and what the resident can do from there (Code 6.12: stage 2 without a reason)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from putright.complaints.models import Complaint, Correspondence
from putright.complaints.services import correspondence_record
from putright.core.actors import Actor
from putright.core.models import Event
from putright.residents.models import ContactMethod
from tests.portal.conftest import EXECUTABLE, PNG, errors_of

TRACK = "/resident/track/"
STATUS = "/resident/your-complaint/"


@pytest.fixture
def request_link(client, smtp_server, django_capture_on_commit_callbacks):
    """Ask for a link as the resident would; return the link from the email, or None."""

    def ask(reference: str, email: str = "", postcode: str = "", **extra) -> str | None:
        before = len(smtp_server.messages)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                TRACK, {"reference": reference, "email": email, "postcode": postcode}, **extra
            )
        assert response.status_code == 302, errors_of(response)
        assert response["Location"] == "/resident/track/check-your-email/"
        if len(smtp_server.messages) == before:
            return None
        _, message = smtp_server.messages[-1]
        text = next(
            part.get_payload(decode=True).decode()
            for part in message.walk()
            if part.get_content_type() == "text/plain"
        )
        return re.search(r"http://testserver(/resident/sign-in/[^/\s]+/)", text).group(1)

    return ask


@pytest.fixture
def signed_in(client, online_complaint, request_link):
    link = request_link(online_complaint.reference, email="sam@example.org")
    assert client.post(link)["Location"] == STATUS
    return online_complaint


def test_a_sign_in_link_is_emailed_to_the_address_on_record(
    online_complaint, request_link, smtp_server
):
    link = request_link(online_complaint.reference, email="Sam@Example.org")
    assert link is not None
    recipients, message = smtp_server.messages[-1]
    assert recipients == ["sam@example.org"]
    assert online_complaint.reference in message["Subject"]


def test_the_postcode_of_the_home_sends_the_link_to_the_email_on_record(
    online_complaint, request_link, smtp_server
):
    assert request_link(online_complaint.reference.lower(), postcode="rv34cd") is not None
    assert smtp_server.messages[-1][0] == ["sam@example.org"]


@pytest.mark.parametrize(
    ("reference", "email", "postcode"),
    [
        ("C2026-00001", "someone@example.org", ""),
        ("C2026-00001", "", "ZZ9 9ZZ"),
        ("C2099-12345", "sam@example.org", ""),
    ],
)
def test_whether_a_reference_exists_is_not_revealed_to_someone_who_does_not_know_the_resident(
    client, online_complaint, request_link, smtp_server, reference, email, postcode
):
    assert online_complaint.reference == "C2026-00001"
    assert request_link(reference, email=email, postcode=postcode) is None
    assert smtp_server.messages == []


def test_a_link_shows_a_button_and_only_pressing_it_uses_the_link(
    client, online_complaint, request_link
):
    link = request_link(online_complaint.reference, email="sam@example.org")
    # A mail system checking links opens them; that must not use the link up.
    assert client.get(link).status_code == 200
    assert client.get(link).status_code == 200
    assert client.post(link)["Location"] == STATUS
    assert "Your complaint" in client.get(STATUS).content.decode()


def test_a_used_link_is_refused_politely(client, online_complaint, request_link):
    link = request_link(online_complaint.reference, email="sam@example.org")
    client.post(link)
    response = client.post(link)
    assert response.status_code == 200
    assert "This link has already been used. Each link works once." in response.content.decode()


def test_an_expired_link_is_refused_politely(client, online_complaint, request_link, time_machine):
    time_machine.move_to(datetime.datetime.now(datetime.UTC), tick=False)
    link = request_link(online_complaint.reference, email="sam@example.org")
    time_machine.shift(datetime.timedelta(minutes=31))
    response = client.post(link)
    assert "This link has expired. Ask for a new one." in response.content.decode()
    assert client.get(STATUS)["Location"].startswith(TRACK)


def test_a_changed_link_is_refused(client, online_complaint, request_link):
    link = request_link(online_complaint.reference, email="sam@example.org")
    response = client.post(link[:-3] + "xx/")
    assert "This link does not work." in response.content.decode()


def test_only_a_hash_of_the_links_secret_is_stored(online_complaint, request_link):
    link = request_link(online_complaint.reference, email="sam@example.org")
    stored = online_complaint.sign_in_links.get()
    assert stored.secret_sha256 not in link
    assert len(stored.secret_sha256) == 64


def test_sign_in_links_are_rate_limited_per_client_address(client, online_complaint, request_link):
    for _ in range(5):
        request_link(online_complaint.reference, email="sam@example.org", REMOTE_ADDR="192.0.2.1")
    response = client.post(
        TRACK,
        {"reference": online_complaint.reference, "email": "sam@example.org"},
        REMOTE_ADDR="192.0.2.1",
    )
    assert "You have tried this too many times" in errors_of(response)[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "sam@example.org"}, "Enter your complaint reference"),
        ({"reference": "C2026-00001"}, "Enter your email address or the postcode of the home"),
        (
            {"reference": "C2026-00001", "email": "sam"},
            "Enter an email address in the correct format, like name@example.com",
        ),
        ({"reference": "C2026-00001", "postcode": "RIVER"}, "Enter a real postcode, like RV1 2AB"),
    ],
)
def test_the_track_page_says_what_is_missing(client, landlord, data, message):
    assert message in errors_of(client.post(TRACK, data))


def test_the_status_page_needs_a_sign_in(client, online_complaint):
    assert client.get(STATUS)["Location"] == f"{TRACK}?signed_out=1"


def test_a_sign_in_lasts_an_hour(client, signed_in, time_machine):
    time_machine.move_to(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=61))
    assert client.get(STATUS)["Location"].startswith(TRACK)


def test_signing_out_ends_the_sign_in(client, signed_in):
    client.post("/resident/sign-out/")
    assert client.get(STATUS)["Location"].startswith(TRACK)


def test_the_status_page_shows_the_stage_and_the_acknowledgement_due_date(client, signed_in):
    html = client.get(STATUS).content.decode()
    due = signed_in.stages.get(number=1).acknowledgement_due
    assert "Stage 1: we have received it" in html
    assert f"{due.day} {due:%B %Y}" in html
    assert "We received your complaint" in html


def test_after_acknowledgement_the_status_page_shows_the_response_due_date(
    client, signed_in, lifecycle
):
    complaint = lifecycle.investigating(signed_in)
    html = client.get(STATUS).content.decode()
    due = complaint.stages.get(number=1).response_due
    assert "Stage 1: we are looking into it" in html
    assert "We will send you our answer by" in html
    assert f"{due.day} {due:%B %Y}" in html


def test_internal_notes_are_never_shown_to_the_resident(client, signed_in, officer):
    correspondence_record(
        actor=Actor.for_user(officer),
        complaint=signed_in,
        direction=Correspondence.Direction.INTERNAL,
        medium=Correspondence.Medium.NOTE,
        body="Private note for staff",
        subject="Staff only subject",
    )
    html = client.get(STATUS).content.decode()
    assert "Staff only subject" not in html
    assert "Private note" not in html


def test_stage_two_can_be_asked_for_after_the_stage_one_response_without_a_reason(
    client, signed_in, lifecycle
):
    lifecycle.responded(signed_in)
    assert "/resident/your-complaint/stage-2/" in client.get(STATUS).content.decode()
    response = client.post("/resident/your-complaint/stage-2/", {"reason": ""})
    assert response["Location"] == f"{STATUS}?done=stage2"
    complaint = Complaint.objects.get(pk=signed_in.pk)
    assert complaint.status == Complaint.Status.STAGE2_AWAITING_ACKNOWLEDGEMENT
    assert complaint.stages.get(number=2).escalation_reason == ""


def test_a_reason_for_stage_two_is_kept_when_one_is_given(client, signed_in, lifecycle):
    lifecycle.responded(signed_in)
    client.post("/resident/your-complaint/stage-2/", {"reason": "The damp is back."})
    assert signed_in.stages.get(number=2).escalation_reason == "The damp is back."


def test_stage_two_cannot_be_asked_for_before_the_stage_one_response(client, signed_in):
    assert "/resident/your-complaint/stage-2/" not in client.get(STATUS).content.decode()
    response = client.post("/resident/your-complaint/stage-2/", {"reason": ""})
    assert errors_of(response) == [
        "A complaint can go to stage 2 only after the stage 1 response has been given. "
        "(Complaint Handling Code 6.10)"
    ]


def test_a_resident_withdraws_their_complaint(client, signed_in):
    response = client.post("/resident/your-complaint/withdraw/", {"confirm": "yes", "reason": ""})
    assert response["Location"] == f"{STATUS}?done=withdrawn"
    assert Complaint.objects.get(pk=signed_in.pk).status == Complaint.Status.WITHDRAWN
    assert "You withdrew your complaint" in client.get(STATUS).content.decode()


def test_withdrawing_must_be_confirmed(client, signed_in):
    response = client.post("/resident/your-complaint/withdraw/", {})
    assert errors_of(response) == ["Select if you want to withdraw your complaint"]
    client.post("/resident/your-complaint/withdraw/", {"confirm": "no"})
    assert Complaint.objects.get(pk=signed_in.pk).is_open


def test_a_resident_changes_how_we_contact_them(client, signed_in):
    response = client.post(
        "/resident/your-complaint/contact-preferences/",
        {"preferred_contact_method": "phone", "contact_frequency": "fortnightly"},
    )
    assert response["Location"] == f"{STATUS}?done=preferences"
    resident = Complaint.objects.get(pk=signed_in.pk).resident
    assert resident.preferred_contact_method == ContactMethod.PHONE
    assert resident.contact_frequency == "Every 2 weeks"


def test_a_resident_adds_information_and_a_photo(client, signed_in):
    response = client.post(
        "/resident/your-complaint/add-information/",
        {
            "message": "The mould has spread to the hall.",
            "documents": SimpleUploadedFile("hall.png", PNG, "image/png"),
        },
    )
    assert response["Location"] == f"{STATUS}?done=information"
    message = Correspondence.objects.get(complaint=signed_in)
    assert message.direction == Correspondence.Direction.INBOUND
    assert message.body == "The mould has spread to the hall."
    assert message.attachments.get().original_name == "hall.png"


def test_added_information_needs_a_message_or_a_file(client, signed_in):
    response = client.post("/resident/your-complaint/add-information/", {"message": ""})
    assert errors_of(response) == ["Enter what you would like to tell us, or upload a file"]


def test_a_disguised_file_is_refused_when_adding_information(client, signed_in):
    response = client.post(
        "/resident/your-complaint/add-information/",
        {"message": "See photo", "documents": SimpleUploadedFile("photo.jpg", EXECUTABLE)},
    )
    assert errors_of(response) == [
        "photo.jpg must be a JPG, PNG, GIF, WEBP, HEIC, PDF or Word (DOCX) file"
    ]
    assert not Correspondence.objects.filter(complaint=signed_in).exists()


def test_letters_sent_can_be_read_and_downloaded(client, signed_in, lifecycle):
    from putright.letters.selectors import letter_list_sent

    lifecycle.investigating(signed_in)
    letters = letter_list_sent(complaint=signed_in)
    assert letters, "acknowledging a complaint sends the resident a letter"
    letter = letters[0]
    html = client.get(STATUS).content.decode()
    assert letter.subject in html
    page = client.get(f"/resident/your-complaint/letters/{letter.pk}/")
    assert page.status_code == 200
    pdf = client.get(f"/resident/your-complaint/letters/{letter.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_another_complaints_letter_cannot_be_opened(client, signed_in, lifecycle, log_complaint):
    from putright.letters.selectors import letter_list_sent

    other = lifecycle.investigating(log_complaint())
    letter = letter_list_sent(complaint=other)[0]
    assert client.get(f"/resident/your-complaint/letters/{letter.pk}/").status_code == 404
    assert client.get(f"/resident/your-complaint/letters/{letter.pk}/pdf/").status_code == 404


def test_signing_in_is_in_the_case_history_without_personal_data(signed_in):
    event = Event.objects.get(complaint_id=signed_in.pk, action="portal.signed_in")
    assert "sam" not in event.summary.lower()
    assert not event.visible_to_resident


def test_a_mail_server_that_is_down_does_not_reveal_that_the_details_matched(
    client, online_complaint, settings, django_capture_on_commit_callbacks
):
    from tests.support.smtp import _free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()  # nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            TRACK, {"reference": online_complaint.reference, "email": "sam@example.org"}
        )
    assert response["Location"] == "/resident/track/check-your-email/"


def test_the_status_page_reads_a_fixed_number_of_queries_however_long_the_history(
    client, signed_in, officer
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_message(n: int) -> None:
        correspondence_record(
            actor=Actor.for_user(officer),
            complaint=Complaint.objects.get(pk=signed_in.pk),
            direction=Correspondence.Direction.OUTBOUND,
            medium=Correspondence.Medium.EMAIL,
            body=f"Update {n}",
        )

    add_message(1)
    with CaptureQueriesContext(connection) as short:
        client.get(STATUS)
    for n in range(2, 6):
        add_message(n)
    with CaptureQueriesContext(connection) as long:
        html = client.get(STATUS).content.decode()
    assert html.count("A message was added to your complaint") == 5
    assert len(long.captured_queries) == len(short.captured_queries)


def test_remedies_and_outstanding_actions_are_shown_with_their_progress(
    client, signed_in, lifecycle, handler
):
    from putright.remedies.models import Remedy
    from putright.remedies.services import action_add, action_update, remedy_offer

    complaint = lifecycle.investigating(signed_in)
    actor = Actor.for_user(handler)
    due = datetime.date.today() + datetime.timedelta(days=20)
    remedy_offer(
        actor=actor,
        complaint=complaint,
        kind=Remedy.Kind.APOLOGY,
        description="A written apology for the delay",
        due_on=due,
    )
    action = action_add(
        actor=actor,
        complaint=Complaint.objects.get(pk=complaint.pk),
        description="Treat the damp in the bedroom",
        due_on=due,
        owner_description="Damp and mould team",
    )
    action_update(
        actor=actor,
        action=action,
        text="The contractor visits on Monday",
        given_to_resident_on=datetime.date.today(),
    )
    action_update(actor=actor, action=action, text="Internal: chase the contractor")
    html = client.get(STATUS).content.decode()
    assert "A written apology for the delay" in html
    assert "Treat the damp in the bedroom" in html
    assert f"By {due.day} {due:%B %Y}" in html
    assert "The contractor visits on Monday" in html
    # Only updates given to the resident are shown to them (Code 6.6).
    assert "chase the contractor" not in html
