"""The triage queue: staff read email that named no complaint and decide what becomes of it —
kept with a complaint (Code 5.12), logged as a new contact (Code 3.2), or dismissed with a
reason on record. Whatever a sender wrote is shown as inert text."""

from __future__ import annotations

import pytest

from putright.complaints.models import Attachment, Correspondence
from putright.core.models import Event
from putright.inbound.models import InboundMessage
from putright.staff.views.contacts import DRAFT_KEY
from tests.inbound.conftest import sample

Status = InboundMessage.Status


def message_url(message: InboundMessage, action: str = "") -> str:
    return f"/staff/mail/{message.pk}/{action + '/' if action else ''}"


@pytest.fixture
def hostile(ingest) -> InboundMessage:
    return ingest(sample("hostile_no_reference")).message


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def test_the_queue_lists_messages_waiting_newest_first(officer_client, ingest, complaint):
    waiting = ingest(sample("hostile_no_reference")).message
    ingest(sample("plain_reference_in_subject"))  # kept with the complaint: not waiting

    page = officer_client.get("/staff/mail/").content.decode()

    assert message_url(waiting) in page
    assert "1 message" in page
    assert "still no heating" not in page
    everything = officer_client.get("/staff/mail/?view=all").content.decode()
    assert "still no heating" in everything
    assert "C2026-00001" in everything


def test_the_queue_reads_a_fixed_number_of_queries_however_many_messages(
    officer_client, ingest, django_assert_max_num_queries
):
    for number in range(30):
        ingest(sample("hostile_no_reference").replace(b"hostile-5@", f"hostile-{number}@".encode()))

    with django_assert_max_num_queries(12):
        response = officer_client.get("/staff/mail/?view=all")
    assert response.status_code == 200


def test_hostile_content_is_shown_as_inert_text(officer_client, hostile):
    page = officer_client.get(message_url(hostile)).content.decode()

    for raw in (
        '<img src=x onerror=alert("subject")>',
        '<script>alert("from")</script>',
        '<script>alert("body")</script>',
        '<a href="javascript:alert(1)">',
        "<img src=x onerror=alert(1)>.html",
    ):
        assert raw not in page
    assert "&lt;img src=x onerror=alert(&#34;subject&#34;)&gt; {{ 7*7 }} noisy neighbours" in page
    assert "&lt;script&gt;alert(&#34;body&#34;)&lt;/script&gt;" in page
    # Template syntax a sender wrote is text, never evaluated: no 49, no 012.
    assert "{% for x in range(3) %}{{ x }}{% endfor %}" in page
    assert "&lt;img src=x onerror=alert(1)&gt;.html" in page
    list_page = officer_client.get("/staff/mail/").content.decode()
    assert "<img src=x" not in list_page
    assert "&lt;img src=x onerror=alert(&#34;subject&#34;)&gt;" in list_page


def test_problems_reading_a_message_are_shown_with_it(officer_client, ingest):
    message = ingest(sample("malformed_headers")).message

    page = officer_client.get(message_url(message)).content.decode()

    assert "The date the message was sent could not be read." in page
    assert "Pat Quinn &lt;pat.quinn@@example..org" in page


def test_the_original_is_a_download_never_a_page(officer_client, hostile):
    response = officer_client.get(message_url(hostile, "original"))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == f'attachment; filename="message-{hostile.pk}.eml"'
    assert response.content == sample("hostile_no_reference")


def test_keeping_a_message_with_a_complaint_records_it_as_correspondence(
    officer_client, officer, hostile, complaint
):
    response = officer_client.post(message_url(hostile, "attach"), {"reference": "c2026-00001"})

    assert response.status_code == 302
    assert response["Location"] == message_url(hostile)
    hostile.refresh_from_db()
    assert hostile.status == Status.ATTACHED
    assert hostile.matched_by == InboundMessage.MatchedBy.STAFF
    assert hostile.dealt_with_by == officer
    record = Correspondence.objects.get(complaint=complaint)
    assert record.recorded_by == officer
    assert record.direction == Correspondence.Direction.INBOUND
    assert [a.original_name for a in Attachment.objects.filter(correspondence=record)] == [
        "<img src=x onerror=alert(1)>.html"
    ]
    page = officer_client.get(response["Location"]).content.decode()
    assert "The message is kept with complaint C2026-00001." in page


def test_a_reference_that_matches_no_complaint_is_shown_and_what_was_typed_is_kept(
    officer_client, hostile, complaint
):
    response = officer_client.post(message_url(hostile, "attach"), {"reference": "C2026-09999"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "There is no complaint C2026-09999 that you can see" in page
    assert 'value="C2026-09999"' in page
    hostile.refresh_from_db()
    assert hostile.status == Status.TO_TRIAGE


def test_the_complaint_a_message_names_is_offered_for_a_person_to_confirm(
    officer_client, ingest, complaint
):
    raw = sample("plain_reference_in_subject").replace(
        b"alex@example.org>", b"someone@example.com>"
    )
    message = ingest(raw).message

    page = officer_client.get(message_url(message, "attach")).content.decode()

    assert 'value="C2026-00001"' in page


def test_a_reference_is_required(officer_client, hostile):
    page = officer_client.post(message_url(hostile, "attach"), {"reference": " "}).content.decode()

    assert "Enter the reference of the complaint" in page


def test_dismissing_needs_a_reason_which_is_kept_on_record(officer_client, hostile):
    refused = officer_client.post(message_url(hostile, "dismiss"), {"reason": ""})
    assert "Enter why the message needs nothing more doing with it" in refused.content.decode()

    response = officer_client.post(message_url(hostile, "dismiss"), {"reason": "Advertising"})

    assert response.status_code == 302
    hostile.refresh_from_db()
    assert hostile.status == Status.DISMISSED
    assert hostile.dismissal_reason == "Advertising"
    event = Event.objects.get(action="inbound.dismissed", subject_id=hostile.pk)
    assert event.after["reason"] == "Advertising"
    assert "Dismissed:" in officer_client.get(message_url(hostile)).content.decode()


def test_a_message_dealt_with_cannot_be_dealt_with_again(officer_client, hostile, complaint):
    officer_client.post(message_url(hostile, "dismiss"), {"reason": "Advertising"})

    response = officer_client.post(message_url(hostile, "attach"), {"reference": "C2026-00001"})

    assert "This message has been dealt with already: dismissed." in response.content.decode()
    assert not Correspondence.objects.exists()


def test_logging_as_a_new_contact_fills_in_log_a_contact(officer_client, hostile):
    response = officer_client.post(message_url(hostile, "log-contact"))

    assert response.status_code == 302
    assert response["Location"] == "/staff/contacts/new/"
    hostile.refresh_from_db()
    assert hostile.status == Status.CONTACT
    draft = officer_client.session[DRAFT_KEY]
    assert draft["channel"] == {"channel": "email", "received_on": "2026-03-18"}
    assert draft["what"]["description"].startswith(
        '<img src=x onerror=alert("subject")> {{ 7*7 }} noisy neighbours\n\n'
        "My neighbours are noisy."
    )
    # The first page of "Log a contact" shows the answers, for the member of staff to check.
    first = officer_client.get(response["Location"]).content.decode()
    assert 'value="email" checked' in first
    officer_client.post("/staff/contacts/new/who/", {"who": "anonymous"})
    what = officer_client.get("/staff/contacts/new/what/").content.decode()
    assert "My neighbours are noisy. &lt;script&gt;" in what


def test_a_message_passed_on_as_a_contact_can_still_be_kept_with_the_complaint_logged(
    officer_client, hostile, complaint
):
    officer_client.post(message_url(hostile, "log-contact"))

    officer_client.post(message_url(hostile, "attach"), {"reference": complaint.reference})

    hostile.refresh_from_db()
    assert hostile.status == Status.ATTACHED


@pytest.mark.parametrize("action", ["", "attach", "dismiss", "original"])
def test_staff_who_do_not_triage_mail_cannot_open_it(client, handler, hostile, action):
    client.force_login(handler)

    assert client.get(message_url(hostile, action)).status_code == 403
    assert client.post(message_url(hostile, "log-contact")).status_code == 403
    hostile.refresh_from_db()
    assert hostile.status == Status.TO_TRIAGE


def test_another_landlords_mail_cannot_be_opened(client, other_landlord_officer, hostile):
    client.force_login(other_landlord_officer)

    assert client.get(message_url(hostile)).status_code == 404
    assert client.post(message_url(hostile, "dismiss"), {"reason": "x"}).status_code == 404
