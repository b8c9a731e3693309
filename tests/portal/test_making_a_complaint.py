"""Making a complaint online: a question a page, check your answers, send (Code 3.1, 3.6, 5.10)."""

from __future__ import annotations

import pytest

from putright.complaints.models import Channel, Complaint
from putright.core.actors import Actor
from putright.core.models import Event
from putright.residents.models import ReasonableAdjustment
from tests.portal.conftest import BASE, REPRESENTATIVE, errors_of, step_url


def test_a_complaint_made_online_arrives_at_stage_one_with_the_channel_online_form(
    client, landlord, answer, send
):
    answer()
    response = send()
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.ONLINE_FORM
    assert complaint.status == Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
    assert complaint.resident.name == "Sam Taylor"
    assert complaint.home.postcode == "RV3 4CD"
    assert complaint.outcome_sought == "Treat the damp and say sorry."
    assert complaint.resident.contact_frequency == "Every week"
    logged = Event.objects.get(complaint_id=complaint.pk, action="complaint.logged")
    assert logged.actor_label == "Resident (online)"
    assert logged.actor_user is None


def test_the_confirmation_gives_the_reference_and_the_real_acknowledgement_date(
    client, landlord, answer, send
):
    answer()
    page = client.get(send()["Location"]).content.decode()
    complaint = Complaint.objects.get()
    due = complaint.stages.get(number=1).acknowledgement_due
    assert complaint.reference in page
    assert f"We will contact you by {due.day} {due:%B %Y}" in page
    assert "0300 111 3000" in page  # Code 3.7: the Ombudsman, at once


def test_the_acknowledgement_date_follows_the_landlords_policy(
    client, landlord, answer, send, system_actor
):
    from putright.landlords.services import landlord_policy_update

    landlord_policy_update(landlord=landlord, actor=system_actor, stage1_acknowledgement_days=2)
    answer()
    send()
    stage = Complaint.objects.get().stages.get(number=1)
    from putright.workdays.selectors import calendar_for_landlord

    calendar = calendar_for_landlord(landlord_id=landlord.pk)
    assert stage.acknowledgement_due == calendar.add_working_days(stage.requested_on, 2)


def test_a_representative_complains_for_a_resident_with_their_consent(
    client, landlord, answer, send
):
    answer(
        representative=REPRESENTATIVE,
        who={"who": "someone_else"},
        resident={"name": "Pat Taylor", "email": "", "phone": ""},
    )
    send()
    complaint = Complaint.objects.get()
    assert complaint.resident.name == "Pat Taylor"
    assert complaint.representative.name == "Jo Taylor"
    assert complaint.representative.has_authority
    assert "online complaint form" in complaint.representative.authority_evidence


def test_a_representative_without_consent_yet_is_recorded_as_awaiting_it(
    client, landlord, answer, send
):
    answer(
        representative={**REPRESENTATIVE, "consent": "not_yet"},
        who={"who": "someone_else"},
        resident={"name": "Pat Taylor", "email": "", "phone": ""},
    )
    send()
    assert not Complaint.objects.get().representative.has_authority


def test_adjustments_asked_for_are_recorded_for_review(client, landlord, answer, send):
    answer(
        adjustments={
            "adjustments": ["large_print", "interpreter"],
            "adjustment_details": "Polish",
        }
    )
    send()
    resident = Complaint.objects.get().resident
    kinds = set(resident.adjustments.values_list("kind", flat=True))
    assert kinds == {ReasonableAdjustment.Kind.LARGE_PRINT, ReasonableAdjustment.Kind.INTERPRETER}


def test_something_that_happened_years_ago_is_never_refused_by_the_form(
    client, landlord, answer, send
):
    # Code 2.3: the 12 months are judged by staff, with discretion; never a block here.
    answer(when={"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "2019"})
    send()
    assert Complaint.objects.get().occurred_on.year == 2019


def test_answers_are_kept_when_going_back(client, landlord, answer):
    answer()
    page = client.get(step_url("what")).content.decode()
    assert "The damp in my bedroom was reported in May" in page
    page = client.get(step_url("address")).content.decode()
    assert 'value="RV3 4CD"' in page


def test_an_answer_with_an_error_keeps_what_was_typed(client, landlord):
    client.post(step_url("who"), {"who": "myself"})
    response = client.post(
        step_url("resident"), {"name": "Sam Taylor", "email": "not-an-email", "phone": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Sam Taylor"' in html
    assert 'value="not-an-email"' in html
    assert "<title>Error: " in html


def test_check_your_answers_lists_every_answer_with_a_way_to_change_it(client, landlord, answer):
    answer()
    html = client.get(f"{BASE}/check-your-answers/").content.decode()
    for text in ("Sam Taylor", "3 River Court", "RV3 4CD", "Treat the damp", "Every week"):
        assert text in html
    assert f'href="{step_url("address")}?return=check"' in html


def test_changing_an_answer_returns_to_check_your_answers(client, landlord, answer):
    answer()
    response = client.post(
        step_url("outcome") + "?return=check", {"outcome_sought": "Only treat the damp."}
    )
    assert response["Location"] == f"{BASE}/check-your-answers/"


def test_the_check_page_sends_an_unfinished_complaint_back_to_its_first_question(client, landlord):
    client.post(step_url("who"), {"who": "myself"})
    response = client.get(f"{BASE}/check-your-answers/")
    assert response["Location"] == step_url("resident")


def test_the_honeypot_filled_in_records_nothing(client, landlord, answer, send):
    answer()
    response = send(website="http://spam.example")
    assert response.status_code == 200
    assert errors_of(response) == [
        "We could not send your complaint. Please phone or email us instead."
    ]
    assert not Complaint.objects.exists()


def test_submissions_are_rate_limited_per_client_address(client, landlord, answer, send):
    for _ in range(10):
        answer()
        assert send(REMOTE_ADDR="203.0.113.9").status_code == 302
    answer()
    response = send(REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    assert "You have tried this too many times" in errors_of(response)[0]
    assert Complaint.objects.count() == 10
    # Another address is not held back by the first.
    assert send(REMOTE_ADDR="198.51.100.7").status_code == 302


def test_a_resident_actor_cannot_log_a_complaint_for_another_landlord(landlord, other_landlord):
    from putright.complaints.services import ComplaintDetails, complaint_log
    from putright.core.errors import NotPermittedError

    with pytest.raises(NotPermittedError):
        complaint_log(
            actor=Actor.resident(other_landlord.pk),
            landlord=landlord,
            details=ComplaintDetails(
                description="x", channel=Channel.ONLINE_FORM, is_anonymous=True
            ),
        )


def test_no_complaint_is_recorded_until_the_answers_are_sent(client, landlord, answer):
    answer()
    assert not Complaint.objects.exists()


def test_the_complaint_arrives_in_the_staff_queue_to_acknowledge(
    client, landlord, answer, send, officer
):
    answer()
    send()
    reference = Complaint.objects.get().reference
    client.force_login(officer)
    assert reference in client.get("/staff/queues/acknowledge-stage-1/").content.decode()
