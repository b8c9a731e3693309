"""Logging a contact as Appendix B of the Code directs: the rules, without the pages.

Code 1.2: a complaint is an expression of dissatisfaction, however made. Code 1.3: the
resident is given the choice to make one. Code 1.4: a request for action is a service
request. Code 1.5: dissatisfaction with a service request raises a complaint, and the
request is still followed through. Code 3.6: a representative may act for a resident.
"""

from __future__ import annotations

import datetime

import pytest

from putright.complaints.contacts import (
    Contact,
    ContactKind,
    NewRepresentative,
    NewResident,
    Outcome,
    contact_check_people,
    contact_log,
    contact_outcome,
    contact_resident_search,
)
from putright.complaints.models import Channel, Complaint, ServiceRequest
from putright.complaints.services import service_request_log
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.models import Event
from putright.residents.models import Property, Representative, Resident
from putright.residents.services import resident_create


@pytest.mark.parametrize(
    ("kind", "wants", "on_record", "outcome"),
    [
        (ContactKind.SERVICE_REQUEST, None, True, Outcome.SERVICE_REQUEST),
        (ContactKind.DISSATISFIED, True, True, Outcome.COMPLAINT),
        (ContactKind.DISSATISFIED, False, True, Outcome.SERVICE_REQUEST),
        (ContactKind.DISSATISFIED_WITH_REQUEST, True, True, Outcome.COMPLAINT_FROM_REQUEST),
        (ContactKind.DISSATISFIED_WITH_REQUEST, True, False, Outcome.COMPLAINT_FROM_REQUEST),
        (ContactKind.DISSATISFIED_WITH_REQUEST, False, True, Outcome.CHOICE_ON_REQUEST),
        (ContactKind.DISSATISFIED_WITH_REQUEST, False, False, Outcome.SERVICE_REQUEST),
    ],
)
def test_appendix_b_decides_what_a_contact_is_recorded_as(kind, wants, on_record, outcome):
    assert (
        contact_outcome(kind=kind, wants_to_complain=wants, earlier_request_on_record=on_record)
        == outcome
    )


def _contact(**overrides) -> Contact:
    values = {
        "channel": Channel.PHONE,
        "description": "Nobody has fixed the boiler.",
        "kind": ContactKind.DISSATISFIED,
        "choice_offered": True,
        "wants_to_complain": True,
    }
    values.update(overrides)
    return Contact(**values)


def test_dissatisfaction_cannot_be_logged_without_recording_the_choice_to_complain(
    officer, landlord, resident
):
    with pytest.raises(DomainError) as caught:
        contact_log(
            actor=Actor.for_user(officer),
            landlord=landlord,
            contact=_contact(resident=resident, choice_offered=False),
        )
    assert caught.value.provision == "1.3"
    assert caught.value.field == "choice_offered"
    with pytest.raises(DomainError) as unanswered:
        contact_log(
            actor=Actor.for_user(officer),
            landlord=landlord,
            contact=_contact(resident=resident, wants_to_complain=None),
        )
    assert unanswered.value.field == "wants_to_complain"
    assert Complaint.objects.count() == 0 and ServiceRequest.objects.count() == 0


def test_a_service_request_needs_no_choice_to_complain(officer, landlord, resident):
    logged = contact_log(
        actor=Actor.for_user(officer),
        landlord=landlord,
        contact=_contact(
            resident=resident,
            kind=ContactKind.SERVICE_REQUEST,
            choice_offered=False,
            wants_to_complain=None,
        ),
    )
    assert logged.outcome == Outcome.SERVICE_REQUEST
    assert logged.complaint is None and logged.acknowledgement_due is None
    assert not Event.objects.filter(action="contact.choice_to_complain_offered").exists()


def test_the_complaint_is_due_for_acknowledgement_as_the_policy_says(officer, landlord, resident):
    logged = contact_log(
        actor=Actor.for_user(officer), landlord=landlord, contact=_contact(resident=resident)
    )
    assert logged.complaint is not None
    assert logged.acknowledgement_due == logged.complaint.stages.get().acknowledgement_due


def test_a_complaint_is_raised_only_from_the_residents_own_service_request(
    officer, landlord, resident, system_actor
):
    neighbour = resident_create(
        actor=system_actor, landlord=landlord, name="Chris Neighbour", email="c@example.org"
    )
    theirs = service_request_log(
        actor=Actor.for_user(officer),
        landlord=landlord,
        description="Fix the door.",
        channel=Channel.PHONE,
        resident=neighbour,
    )
    with pytest.raises(DomainError) as caught:
        contact_log(
            actor=Actor.for_user(officer),
            landlord=landlord,
            contact=_contact(
                resident=resident,
                kind=ContactKind.DISSATISFIED_WITH_REQUEST,
                service_request=theirs,
            ),
        )
    assert caught.value.provision == "1.5"
    assert Complaint.objects.count() == 0


def test_nothing_is_kept_unless_the_whole_contact_is_logged(officer, landlord):
    with pytest.raises(DomainError):
        contact_log(
            actor=Actor.for_user(officer),
            landlord=landlord,
            contact=_contact(
                channel="carrier pigeon",
                new_resident=NewResident(
                    name="Priya Shah", address_line_1="3 Canal Row", postcode="RV2 9ZZ"
                ),
                new_representative=NewRepresentative(name="Jo Shah", relationship="relative"),
            ),
        )
    assert Resident.objects.count() == 0
    assert Property.objects.count() == 0
    assert Representative.objects.count() == 0
    assert Complaint.objects.count() == 0


def test_checking_a_new_resident_and_representative_keeps_nothing(officer, landlord):
    actor = Actor.for_user(officer)
    good = _contact(
        new_resident=NewResident(name="Priya Shah", email="priya@example.org"),
        new_representative=NewRepresentative(name="Jo Shah", relationship="relative"),
    )
    contact_check_people(actor=actor, landlord=landlord, contact=good)
    assert Resident.objects.count() == 0 and Representative.objects.count() == 0
    assert not Event.objects.filter(action__in=["resident.created", "representative.added"])

    with pytest.raises(DomainError) as caught:
        contact_check_people(
            actor=actor,
            landlord=landlord,
            contact=_contact(
                new_resident=NewResident(name="Priya Shah", email="priya@example.org"),
                new_representative=NewRepresentative(
                    name="Jo Shah",
                    relationship="relative",
                    authority_given_on=datetime.date(2026, 1, 1),
                ),
            ),
        )
    assert caught.value.provision == "3.6"
    assert caught.value.field == "authority_evidence"


def test_a_representative_must_act_for_the_resident_who_made_contact(
    officer, landlord, resident, system_actor
):
    from putright.residents.services import representative_add

    neighbour = resident_create(
        actor=system_actor, landlord=landlord, name="Chris Neighbour", email="c@example.org"
    )
    someone_elses = representative_add(
        actor=system_actor,
        resident=neighbour,
        name="Jo Neighbour",
        relationship="relative",
        authority_given_on=None,
    )
    with pytest.raises(DomainError) as caught:
        contact_log(
            actor=Actor.for_user(officer),
            landlord=landlord,
            contact=_contact(resident=resident, representative=someone_elses),
        )
    assert caught.value.provision == "3.6"


def test_a_governing_body_member_cannot_log_a_contact(board_member, landlord, resident):
    with pytest.raises(NotPermittedError):
        contact_log(
            actor=Actor.for_user(board_member),
            landlord=landlord,
            contact=_contact(resident=resident),
        )


def test_residents_are_found_by_name_address_or_postcode_and_only_the_landlords_own(
    officer, resident, other_landlord
):
    actor = Actor.for_user(officer)
    resident_create(
        actor=Actor.system(None), landlord=other_landlord, name="Alex Morgan", email="x@y.org"
    )
    assert contact_resident_search(actor=actor, query="rv12ab") == [resident]
    assert contact_resident_search(actor=actor, query="RV1 2AB") == [resident]
    assert contact_resident_search(actor=actor, query="morgan mill") == [resident]
    assert contact_resident_search(actor=actor, query="morgan elm") == []
    assert contact_resident_search(actor=actor, query="   ") == []


def test_a_representative_complaining_about_a_service_request_is_named_on_the_complaint(
    officer, landlord, resident
):
    actor = Actor.for_user(officer)
    request = service_request_log(
        actor=actor,
        landlord=landlord,
        description="Fix the roof.",
        channel=Channel.PHONE,
        resident=resident,
    )
    logged = contact_log(
        actor=actor,
        landlord=landlord,
        contact=_contact(
            resident=resident,
            kind=ContactKind.DISSATISFIED_WITH_REQUEST,
            service_request=request,
            new_representative=NewRepresentative(name="Jo Morgan", relationship="relative"),
            outcome_sought="The roof fixed this month.",
        ),
    )
    assert logged.outcome == Outcome.COMPLAINT_FROM_REQUEST
    assert logged.complaint is not None
    assert logged.complaint.service_request == request
    assert logged.complaint.representative == Representative.objects.get()
    assert logged.complaint.outcome_sought == "The roof fixed this month."
    request.refresh_from_db()
    assert request.status == ServiceRequest.Status.OPEN
