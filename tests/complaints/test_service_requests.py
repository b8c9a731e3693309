"""Service requests (Code 1.4, 1.5): recorded and monitored, not complaints; dissatisfaction
with one raises a complaint at once, and the request is still followed through."""

from __future__ import annotations

import re

import pytest

from putright.complaints.models import Channel, Complaint, ServiceRequest
from putright.complaints.services import (
    service_request_close,
    service_request_log,
    service_request_record_dissatisfaction,
)
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.models import Event
from putright.residents.services import resident_create
from tests.complaints.lifecycle import london


@pytest.fixture
def service_request(landlord, officer, resident):
    return service_request_log(
        actor=Actor.for_user(officer),
        landlord=landlord,
        description="The boiler makes a banging noise.",
        channel=Channel.PHONE,
        resident=resident,
        received_at=london(2026, 3, 2, 9),
    )


def complain(user, service_request, **changes):
    arguments = {
        "description": "Nobody has come to look at the boiler in three weeks.",
        "channel": Channel.PHONE,
        **changes,
    }
    return service_request_record_dissatisfaction(
        actor=Actor.for_user(user), service_request=service_request, **arguments
    )


# ---------------------------------------------------------------- a service request (1.4)


def test_a_service_request_is_recorded_with_its_own_reference(service_request, resident):
    assert re.fullmatch(r"SR2026-\d{5}", service_request.reference)
    assert service_request.status == ServiceRequest.Status.OPEN
    assert service_request.home == resident.home
    event = Event.objects.get(action="service_request.logged")
    assert event.subject_id == service_request.pk


def test_a_service_request_is_not_a_complaint(service_request):
    assert not Complaint.objects.exists()


def test_a_service_request_needs_a_description(landlord, officer):
    with pytest.raises(DomainError) as error:
        service_request_log(
            actor=Actor.for_user(officer), landlord=landlord, description=" ", channel=Channel.PHONE
        )
    assert (error.value.provision, error.value.field) == ("1.4", "description")


def test_a_service_request_needs_a_known_channel(landlord, officer):
    with pytest.raises(DomainError) as error:
        service_request_log(
            actor=Actor.for_user(officer), landlord=landlord, description="Leak", channel="fax"
        )
    assert error.value.field == "channel"


def test_logging_a_service_request_needs_the_log_permission(landlord, board_member):
    with pytest.raises(NotPermittedError):
        service_request_log(
            actor=Actor.for_user(board_member),
            landlord=landlord,
            description="Leak.",
            channel=Channel.PHONE,
        )
    assert not ServiceRequest.objects.exists()


def test_a_service_request_cannot_name_a_resident_of_another_landlord(
    landlord, officer, other_landlord, system_actor
):
    stranger = resident_create(
        actor=Actor.system(other_landlord.pk),
        landlord=other_landlord,
        name="Sam Other",
        email="s@example.org",
    )
    with pytest.raises(DomainError) as error:
        service_request_log(
            actor=Actor.for_user(officer),
            landlord=landlord,
            description="Leak.",
            channel=Channel.PHONE,
            resident=stranger,
        )
    assert error.value.field == "resident"
    assert not ServiceRequest.objects.exists()


def test_staff_of_another_landlord_cannot_log_a_service_request_here(
    landlord, other_landlord_officer
):
    with pytest.raises(NotPermittedError):
        service_request_log(
            actor=Actor.for_user(other_landlord_officer),
            landlord=landlord,
            description="Leak.",
            channel=Channel.PHONE,
        )


def test_a_service_request_is_closed_once(service_request, officer):
    service_request_close(
        actor=Actor.for_user(officer), service_request=service_request, note="Done"
    )
    service_request.refresh_from_db()
    assert service_request.status == ServiceRequest.Status.CLOSED
    assert service_request.closed_at is not None
    with pytest.raises(DomainError):
        service_request_close(actor=Actor.for_user(officer), service_request=service_request)


# ---------------------------------------------------------------- dissatisfaction (1.5)


def test_dissatisfaction_with_a_service_request_raises_a_linked_complaint(
    service_request, officer, resident
):
    complaint = complain(officer, service_request)
    assert complaint.service_request == service_request
    assert complaint.resident == resident
    assert complaint.status == Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
    assert complaint.description == "Nobody has come to look at the boiler in three weeks."


def test_the_service_request_stays_open_when_the_resident_complains(service_request, officer):
    complain(officer, service_request)
    service_request.refresh_from_db()
    assert service_request.status == ServiceRequest.Status.OPEN
    assert service_request.closed_at is None
    assert service_request.dissatisfaction_expressed_at is not None


def test_the_service_request_is_still_followed_through_after_the_complaint(
    service_request, officer
):
    complain(officer, service_request)
    service_request_close(actor=Actor.for_user(officer), service_request=service_request)
    service_request.refresh_from_db()
    assert service_request.status == ServiceRequest.Status.CLOSED


def test_the_first_expression_of_dissatisfaction_is_kept(service_request, officer):
    first = london(2026, 3, 9, 10)
    complain(officer, service_request, received_at=first)
    complain(officer, service_request, received_at=london(2026, 3, 16, 10))
    service_request.refresh_from_db()
    assert service_request.dissatisfaction_expressed_at == first
    assert service_request.complaints.count() == 2


def test_dissatisfaction_is_recorded_on_the_service_request_and_the_complaint(
    service_request, officer
):
    complaint = complain(officer, service_request)
    raised = Event.objects.get(action="service_request.complaint_raised")
    assert raised.subject_id == service_request.pk
    assert raised.after == {"complaint": complaint.reference}
    assert Event.objects.filter(complaint_id=complaint.pk, action="complaint.logged").count() == 1


def test_dissatisfaction_with_an_anonymous_service_request_raises_an_anonymous_complaint(
    landlord, officer
):
    request = service_request_log(
        actor=Actor.for_user(officer),
        landlord=landlord,
        description="The communal door is broken.",
        channel=Channel.EMAIL,
    )
    assert complain(officer, request).is_anonymous


def test_dissatisfaction_can_only_be_recorded_by_someone_who_may_log_complaints(
    service_request, board_member
):
    with pytest.raises(NotPermittedError):
        complain(board_member, service_request)
    assert not Complaint.objects.exists()
