"""Log a contact: each path through Appendix B of the Code, from the pages a member of staff uses.

Code 3.2: any member of staff can take a complaint, however it is made. Code 1.4: a request
for something to be done is a service request. Code 1.2, 1.3: dissatisfaction is a complaint
and the resident is given the choice to make one. Code 1.5: dissatisfaction with a service
request raises a complaint and the request stays open.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from putright.complaints.models import Channel, Complaint, ServiceRequest
from putright.complaints.services import service_request_log
from putright.core.actors import Actor
from putright.core.models import Event
from putright.residents.models import Representative, Resident

START = "/staff/contacts/new/"
CHECK = "/staff/contacts/new/check/"
LOGGED = "/staff/contacts/new/logged/"


def step(slug: str) -> str:
    return START if slug == "channel" else f"{START}{slug}/"


def today_parts() -> dict[str, str]:
    today = timezone.localdate()
    return {
        "received_on-day": str(today.day),
        "received_on-month": str(today.month),
        "received_on-year": str(today.year),
    }


class Flow:
    """Answers the pages in order, as a member of staff would, checking each one is accepted."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def answer(self, slug: str, data: dict[str, Any], *, expect: str | None = None) -> Any:
        response = self.client.post(step(slug), data)
        assert response.status_code == 302, _errors(response)
        if expect is not None:
            assert response["Location"] == expect
        return response

    def channel(self, channel: str = Channel.PHONE) -> Any:
        return self.answer("channel", {"channel": channel, **today_parts()})

    def resident(self, resident: Resident, who: str = "resident") -> None:
        self.answer("who", {"who": who})
        self.answer("resident", {"resident": str(resident.pk), "q": resident.name})

    def what(self, description: str = "The boiler has been broken for three weeks.") -> None:
        self.answer("what", {"description": description, "outcome_sought": "Fix it."})

    def log(self) -> Any:
        response = self.client.post(CHECK)
        assert response.status_code == 302, _errors(response)
        assert response["Location"] == LOGGED
        return self.client.get(LOGGED)


def _errors(response: Any) -> str:
    body = response.content.decode() if hasattr(response, "content") else ""
    start = body.find("govuk-error-summary")
    return body[start : start + 800] if start >= 0 else f"status {response.status_code}"


@pytest.fixture
def flow(client, officer) -> Flow:
    client.force_login(officer)
    return Flow(client)


def test_a_request_for_something_to_be_done_is_logged_as_a_service_request(flow, resident):
    flow.channel(Channel.PHONE)
    flow.resident(resident)
    flow.what("Please fix the gate: the latch is broken.")
    flow.answer("kind", {"kind": "service_request"}, expect=CHECK)

    check = flow.client.get(CHECK).content.decode()
    assert "A service request. It is not a complaint" in check
    assert Complaint.objects.count() == 0 and ServiceRequest.objects.count() == 0

    page = flow.log().content.decode()
    request = ServiceRequest.objects.get()
    assert request.resident == resident
    assert request.channel == Channel.PHONE
    assert request.description == "Please fix the gate: the latch is broken."
    assert request.status == ServiceRequest.Status.OPEN
    assert Complaint.objects.count() == 0
    assert "Service request logged" in page
    assert request.reference in page


def test_dissatisfaction_is_logged_as_a_complaint_when_the_resident_chooses_to_complain(
    flow, resident, officer
):
    flow.channel(Channel.PHONE)
    flow.resident(resident)
    flow.what()
    flow.answer("kind", {"kind": "dissatisfied"}, expect=step("choice"))
    flow.answer("choice", {"choice_offered": "on", "wants_to_complain": "yes"}, expect=CHECK)

    page = flow.log().content.decode()
    complaint = Complaint.objects.get()
    stage = complaint.stages.get()
    assert complaint.channel == Channel.PHONE
    assert complaint.resident == resident
    assert complaint.description == "The boiler has been broken for three weeks."
    assert complaint.outcome_sought == "Fix it."
    assert complaint.logged_by == officer
    assert complaint.status == Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
    assert ServiceRequest.objects.count() == 0
    assert "Complaint logged" in page
    assert complaint.reference in page
    # The next due date is the service's, from the landlord's policy and calendar.
    assert f"{stage.acknowledgement_due.day} {stage.acknowledgement_due:%B %Y}" in page
    choice = Event.objects.get(action="contact.choice_to_complain_offered")
    assert choice.complaint_id == complaint.pk
    assert choice.after == {"choice_offered": True, "wants_to_complain": True}


def test_dissatisfaction_with_a_service_request_raises_a_linked_complaint_and_it_stays_open(
    flow, resident, officer, landlord
):
    request = service_request_log(
        actor=Actor.for_user(officer),
        landlord=landlord,
        description="Repair the leaking gutter.",
        channel=Channel.EMAIL,
        resident=resident,
    )
    flow.channel(Channel.LETTER)
    flow.resident(resident)
    flow.what("Nobody has come about the gutter in six weeks.")
    flow.answer("kind", {"kind": "dissatisfied_with_request"}, expect=step("earlier-request"))
    earlier = flow.client.get(step("earlier-request")).content.decode()
    assert request.reference in earlier
    flow.answer("earlier-request", {"service_request": str(request.pk)}, expect=step("choice"))
    flow.answer("choice", {"choice_offered": "on", "wants_to_complain": "yes"}, expect=CHECK)
    assert "The service request stays open" in flow.client.get(CHECK).content.decode()

    page = flow.log().content.decode()
    complaint = Complaint.objects.get()
    request.refresh_from_db()
    assert complaint.service_request == request
    assert complaint.channel == Channel.LETTER
    assert complaint.description == "Nobody has come about the gutter in six weeks."
    assert request.status == ServiceRequest.Status.OPEN
    assert request.dissatisfaction_expressed_at is not None
    assert ServiceRequest.objects.count() == 1
    assert complaint.reference in page and request.reference in page
    assert "stays open" in page


def test_a_request_never_recorded_is_recorded_and_the_complaint_raised_from_it(flow, resident):
    flow.channel(Channel.IN_PERSON)
    flow.resident(resident)
    flow.what("I asked for the fence to be fixed in March and nothing happened.")
    flow.answer("kind", {"kind": "dissatisfied_with_request"})
    page = flow.client.get(step("earlier-request")).content.decode()
    assert "No service requests are on record for this resident" in page
    flow.answer("earlier-request", {"service_request": "new", "original_request": "Fix the fence."})
    flow.answer("choice", {"choice_offered": "on", "wants_to_complain": "yes"})
    flow.log()

    request = ServiceRequest.objects.get()
    complaint = Complaint.objects.get()
    assert request.description == "Fix the fence."
    assert request.status == ServiceRequest.Status.OPEN
    assert complaint.service_request == request
    assert complaint.channel == Channel.IN_PERSON


def test_the_choice_to_complain_must_be_recorded_and_nothing_typed_is_lost(flow, resident):
    flow.channel()
    flow.resident(resident)
    flow.what()
    flow.answer("kind", {"kind": "dissatisfied"})

    response = flow.client.post(step("choice"), {"wants_to_complain": "no"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "<title>Error: " in page
    assert (
        "Give the resident the choice to make a complaint, and record that you did. "
        "(Complaint Handling Code 1.3)" in page
    )
    assert 'href="#id_choice_offered"' in page
    # Their answer to the other question is still chosen.
    assert 'value="no" checked' in page
    # And the check page cannot be reached without it.
    assert flow.client.get(CHECK)["Location"] == step("choice")


def test_a_resident_who_chooses_not_to_complain_has_their_request_followed_up(flow, resident):
    flow.channel(Channel.SOCIAL_MEDIA)
    flow.resident(resident)
    flow.what("Your contractor left rubbish in my garden.")
    flow.answer("kind", {"kind": "dissatisfied"})
    flow.answer("choice", {"choice_offered": "on", "wants_to_complain": "no"})
    check = flow.client.get(CHECK).content.decode()
    assert "Yes. They chose not to make a complaint" in check

    flow.log()
    request = ServiceRequest.objects.get()
    assert request.channel == Channel.SOCIAL_MEDIA
    assert Complaint.objects.count() == 0
    choice = Event.objects.get(action="contact.choice_to_complain_offered")
    assert choice.subject_type == "complaints.servicerequest"
    assert choice.subject_id == request.pk
    assert choice.after == {"choice_offered": True, "wants_to_complain": False}


def test_choosing_not_to_complain_about_a_request_records_the_choice_on_that_request(
    flow, resident, officer, landlord
):
    request = service_request_log(
        actor=Actor.for_user(officer),
        landlord=landlord,
        description="Clear the blocked drain.",
        channel=Channel.PHONE,
        resident=resident,
    )
    flow.channel()
    flow.resident(resident)
    flow.what("The drain is still blocked.")
    flow.answer("kind", {"kind": "dissatisfied_with_request"})
    flow.answer("earlier-request", {"service_request": str(request.pk)})
    flow.answer("choice", {"choice_offered": "on", "wants_to_complain": "no"})
    page = flow.log().content.decode()

    assert ServiceRequest.objects.get() == request
    assert Complaint.objects.count() == 0
    choice = Event.objects.get(action="contact.choice_to_complain_offered")
    assert (choice.subject_type, choice.subject_id) == ("complaints.servicerequest", request.pk)
    assert "Contact recorded" in page
    assert request.reference in page


def test_a_missing_answer_shows_the_error_summary_and_keeps_what_was_typed(flow, resident):
    flow.channel()
    flow.resident(resident)
    response = flow.client.post(step("what"), {"description": "", "outcome_sought": "A refund"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert '<a href="#id_description">Enter what they said</a>' in page
    assert "A refund" in page

    # Going back shows the answers given so far.
    channel = flow.client.get(START).content.decode()
    assert 'value="phone" checked' in channel
    who = flow.client.get(step("who")).content.decode()
    assert 'value="resident" checked' in who


def test_a_date_in_the_future_is_refused_and_the_date_kept(flow):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = flow.client.post(
        START,
        {
            "channel": "email",
            "received_on-day": str(tomorrow.day),
            "received_on-month": str(tomorrow.month),
            "received_on-year": str(tomorrow.year),
        },
    )
    page = response.content.decode()
    assert "The date they contacted you must be today or in the past" in page
    assert 'href="#id_received_on-day"' in page
    assert f'value="{tomorrow.year}"' in page


def test_an_earlier_contact_counts_from_the_day_it_was_made(flow, resident, landlord):
    received = timezone.localdate() - datetime.timedelta(days=7)
    flow.answer(
        "channel",
        {
            "channel": "letter",
            "received_on-day": str(received.day),
            "received_on-month": str(received.month),
            "received_on-year": str(received.year),
        },
    )
    flow.resident(resident)
    flow.what()
    flow.answer("kind", {"kind": "dissatisfied"})
    flow.answer("choice", {"choice_offered": "on", "wants_to_complain": "yes"})
    flow.log()
    complaint = Complaint.objects.get()
    assert timezone.localtime(complaint.received_at).date() == received


def test_nothing_is_reached_out_of_order(flow):
    assert flow.client.get(step("kind"))["Location"] == START
    assert flow.client.get(CHECK)["Location"] == START
    assert flow.client.get(LOGGED)["Location"] == START


def test_a_new_resident_is_recorded_with_the_contact(flow):
    flow.channel()
    flow.answer("who", {"who": "resident"})
    flow.answer("resident", {"resident": "new", "q": "Priya"}, expect=step("new-resident"))
    flow.answer(
        "new-resident",
        {
            "name": "Priya Shah",
            "address_line_1": "3 Canal Row",
            "postcode": "rv2 9zz",
            "phone": "0161 000 0000",
            "preferred_contact_method": "phone",
        },
        expect=step("what"),
    )
    assert Resident.objects.filter(name="Priya Shah").count() == 0  # only when logged
    flow.what()
    flow.answer("kind", {"kind": "service_request"})
    assert "Priya Shah (new)" in flow.client.get(CHECK).content.decode()
    flow.log()
    resident = Resident.objects.get(name="Priya Shah")
    assert resident.home is not None and resident.home.postcode == "RV2 9ZZ"
    assert ServiceRequest.objects.get().resident == resident


def test_a_new_resident_with_no_way_to_reach_them_is_refused_at_once(flow):
    flow.channel()
    flow.answer("who", {"who": "resident"})
    flow.answer("resident", {"resident": "new", "q": ""})
    response = flow.client.post(
        step("new-resident"), {"name": "Priya Shah", "preferred_contact_method": "email"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Record at least one way to reach the resident" in page
    assert 'value="Priya Shah"' in page
    assert Resident.objects.count() == 0


def test_finding_a_resident_by_postcode_lists_them_to_choose(flow, resident):
    flow.channel()
    flow.answer("who", {"who": "resident"})
    page = flow.client.get(step("resident"), {"q": "rv12ab"}).content.decode()
    assert "1 resident found" in page
    assert "Alex Morgan" in page and "12 Mill Lane" in page
    nobody = flow.client.get(step("resident"), {"q": "Nobody Here"}).content.decode()
    assert "No residents found" in nobody


def test_another_landlords_resident_cannot_be_chosen(flow, other_landlord, system_actor):
    from putright.residents.services import resident_create

    stranger = resident_create(
        actor=Actor.system(None),
        landlord=other_landlord,
        name="Sam Other",
        email="sam@example.org",
    )
    flow.channel()
    flow.answer("who", {"who": "resident"})
    assert "Sam Other" not in flow.client.get(step("resident"), {"q": "Sam"}).content.decode()
    response = flow.client.post(step("resident"), {"resident": str(stranger.pk), "q": "Sam"})
    assert response.status_code == 200
    assert "Choose the resident, or record a new resident" in response.content.decode()


def test_a_representative_with_the_residents_consent_makes_a_complaint_for_them(flow, resident):
    flow.channel(Channel.REPRESENTATIVE)
    flow.resident(resident, who="representative")
    consent_day = timezone.localdate() - datetime.timedelta(days=2)
    flow.answer(
        "representative",
        {
            "representative": "new",
            "name": "Jo Morgan",
            "relationship": "relative",
            "phone": "07700 900000",
            "consent": "yes",
            "authority_given_on-day": str(consent_day.day),
            "authority_given_on-month": str(consent_day.month),
            "authority_given_on-year": str(consent_day.year),
            "authority_evidence": "Signed consent form received by email.",
        },
        expect=step("what"),
    )
    flow.what()
    flow.answer("kind", {"kind": "dissatisfied"})
    flow.answer("choice", {"choice_offered": "on", "wants_to_complain": "yes"})
    check = flow.client.get(CHECK).content.decode()
    assert "Jo Morgan (Relative)" in check
    assert "Signed consent form received by email." in check
    flow.log()

    complaint = Complaint.objects.get()
    representative = Representative.objects.get()
    assert complaint.representative == representative
    assert complaint.resident == resident
    assert representative.resident == resident
    assert representative.authority_given_on == consent_day
    assert representative.has_authority


def test_a_representatives_consent_needs_how_it_was_given(flow, resident):
    flow.channel()
    flow.resident(resident, who="representative")
    today = timezone.localdate()
    response = flow.client.post(
        step("representative"),
        {
            "representative": "new",
            "name": "Jo Morgan",
            "relationship": "relative",
            "consent": "yes",
            "authority_given_on-day": str(today.day),
            "authority_given_on-month": str(today.month),
            "authority_given_on-year": str(today.year),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Record how the resident gave their consent. (Complaint Handling Code 3.6)" in page
    assert 'value="Jo Morgan"' in page
    assert Representative.objects.count() == 0


def test_a_representative_without_consent_yet_is_recorded_as_such(flow, resident):
    flow.channel()
    flow.resident(resident, who="representative")
    flow.answer(
        "representative",
        {
            "representative": "new",
            "name": "Cllr Lee",
            "relationship": "councillor",
            "consent": "no",
        },
    )
    flow.what()
    flow.answer("kind", {"kind": "service_request"})
    assert "Not yet given" in flow.client.get(CHECK).content.decode()
    flow.log()
    representative = Representative.objects.get()
    assert not representative.has_authority


def test_a_representative_on_record_can_be_chosen(flow, resident, system_actor):
    from putright.residents.services import representative_add

    on_record = representative_add(
        actor=system_actor,
        resident=resident,
        name="Jo Morgan",
        relationship="relative",
        authority_given_on=timezone.localdate(),
        authority_evidence="In writing.",
    )
    flow.channel()
    flow.resident(resident, who="representative")
    page = flow.client.get(step("representative")).content.decode()
    assert "Jo Morgan (Relative)" in page
    flow.answer("representative", {"representative": str(on_record.pk)})
    flow.what()
    flow.answer("kind", {"kind": "dissatisfied"})
    flow.answer("choice", {"choice_offered": "on", "wants_to_complain": "yes"})
    flow.log()
    assert Complaint.objects.get().representative == on_record
    assert Representative.objects.count() == 1


def test_consent_given_now_is_recorded_for_a_representative_already_on_record(
    flow, resident, system_actor
):
    from putright.residents.services import representative_add

    on_record = representative_add(
        actor=system_actor,
        resident=resident,
        name="Jo Morgan",
        relationship="relative",
        authority_given_on=None,
    )
    flow.channel()
    flow.resident(resident, who="representative")
    page = flow.client.get(step("representative")).content.decode()
    assert "consent is not on record yet" in page
    today = timezone.localdate()
    flow.answer(
        "representative",
        {
            "representative": str(on_record.pk),
            "consent": "yes",
            "authority_given_on-day": str(today.day),
            "authority_given_on-month": str(today.month),
            "authority_given_on-year": str(today.year),
            "authority_evidence": "Told me on the phone, with the resident on the line.",
        },
    )
    flow.what()
    flow.answer("kind", {"kind": "dissatisfied"})
    flow.answer("choice", {"choice_offered": "on", "wants_to_complain": "yes"})
    flow.log()
    on_record.refresh_from_db()
    assert on_record.authority_given_on == today
    assert Complaint.objects.get().representative == on_record
    assert Event.objects.filter(action="representative.authority_confirmed").exists()


def test_someone_who_does_not_give_their_name_can_still_complain(flow):
    flow.channel(Channel.PHONE)
    flow.answer("who", {"who": "anonymous"}, expect=step("what"))
    flow.what()
    flow.answer("kind", {"kind": "dissatisfied"})
    flow.answer("choice", {"choice_offered": "on", "wants_to_complain": "yes"})
    flow.log()
    complaint = Complaint.objects.get()
    assert complaint.is_anonymous and complaint.resident is None


def test_changing_an_answer_returns_to_check_your_answers(flow, resident):
    flow.channel(Channel.PHONE)
    flow.resident(resident)
    flow.what()
    flow.answer("kind", {"kind": "service_request"})
    response = flow.client.post(f"{START}?return=check", {"channel": "email", **today_parts()})
    assert response["Location"] == CHECK
    # Changing the answer Appendix B turns on asks the question it now needs.
    response = flow.client.post(f"{step('kind')}?return=check", {"kind": "dissatisfied"})
    assert response["Location"] == f"{step('choice')}?return=check"
    flow.client.post(
        f"{step('choice')}?return=check", {"choice_offered": "on", "wants_to_complain": "yes"}
    )
    flow.log()
    assert Complaint.objects.get().channel == Channel.EMAIL


def test_changing_the_resident_forgets_the_request_chosen_for_the_old_one(
    flow, resident, officer, landlord, system_actor
):
    from putright.residents.services import resident_create

    request = service_request_log(
        actor=Actor.for_user(officer),
        landlord=landlord,
        description="Fix the door.",
        channel=Channel.PHONE,
        resident=resident,
    )
    neighbour = resident_create(
        actor=system_actor, landlord=landlord, name="Chris Neighbour", email="c@example.org"
    )
    flow.channel()
    flow.resident(resident)
    flow.what()
    flow.answer("kind", {"kind": "dissatisfied_with_request"})
    flow.answer("earlier-request", {"service_request": str(request.pk)})
    flow.answer("choice", {"choice_offered": "on", "wants_to_complain": "yes"})
    response = flow.client.post(
        f"{step('resident')}?return=check", {"resident": str(neighbour.pk), "q": "Chris"}
    )
    assert response["Location"] == f"{step('earlier-request')}?return=check"


def test_starting_again_forgets_the_answers(flow, resident):
    flow.channel()
    flow.resident(resident)
    flow.client.post("/staff/contacts/new/start-again/")
    assert flow.client.get(step("what"))["Location"] == START
    assert "checked" not in flow.client.get(START).content.decode().split("<form")[1]


def test_logging_twice_does_not_record_the_contact_twice(flow, resident):
    flow.channel()
    flow.resident(resident)
    flow.what()
    flow.answer("kind", {"kind": "service_request"})
    flow.log()
    again = flow.client.post(CHECK)
    assert again.status_code == 302 and again["Location"] == START
    assert ServiceRequest.objects.count() == 1


def test_the_log_a_contact_link_is_in_the_staff_navigation(flow):
    page = flow.client.get(START).content.decode()
    assert 'href="/staff/contacts/new/"' in page
    assert "Log a contact" in page


@pytest.mark.parametrize("role", ["complaints_officer", "complaint_handler", "senior_lead"])
def test_every_role_that_logs_complaints_can_log_a_contact(client, make_staff, resident, role):
    client.force_login(make_staff(role))
    flow = Flow(client)
    flow.channel()
    flow.resident(resident)
    flow.what()
    flow.answer("kind", {"kind": "dissatisfied"})
    flow.answer("choice", {"choice_offered": "on", "wants_to_complain": "yes"})
    flow.log()
    assert Complaint.objects.count() == 1


def test_a_governing_body_member_cannot_log_a_contact(client, board_member):
    client.force_login(board_member)
    for url in (START, step("who"), CHECK, LOGGED):
        assert client.get(url).status_code == 403
    assert client.post(START, {"channel": "phone", **today_parts()}).status_code == 403
    assert client.post(CHECK).status_code == 403
    assert client.post("/staff/contacts/new/start-again/").status_code == 403


def test_someone_signed_out_is_sent_to_sign_in(client, landlord):
    response = client.get(START)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/")
