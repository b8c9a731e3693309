"""Logging a complaint (Code 1.2, 1.3, 3.2, 3.6, 5.4, 6.2): however it is made, whoever makes it,
counted from the working day it is received."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from putright.complaints.models import Category, Channel, Complaint, Stage
from putright.complaints.services import ComplaintDetails, complaint_log
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.models import Event
from putright.landlords.models import Entity, ServiceArea
from putright.landlords.services import landlord_policy_update
from putright.residents.models import Representative
from putright.residents.services import property_create, representative_add, resident_create
from putright.workdays.models import ClosureDay
from putright.workdays.rules import WorkingCalendar
from tests.complaints.lifecycle import LONDON, events, london, stage_of


def received_on_and_due(complaint: Complaint) -> tuple[datetime.date, datetime.date]:
    return complaint.received_on, stage_of(complaint, 1).acknowledgement_due


# ---------------------------------------------------------------- any channel (1.2, 3.2)


@pytest.mark.parametrize("channel", Channel.values)
def test_a_complaint_can_be_logged_however_it_is_made(log_complaint, channel):
    complaint = log_complaint(channel=channel)
    assert complaint.channel == channel
    assert complaint.status == Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
    assert complaint.stages.get().number == 1


def test_a_complaint_is_logged_at_stage_one_with_no_earlier_stage(log_complaint):
    # Code 5.2: no "stage 0" or informal stage before stage 1.
    complaint = log_complaint()
    assert list(complaint.stages.values_list("number", flat=True)) == [1]


def test_a_complaint_can_be_logged_by_a_handler_not_only_the_complaints_team(
    landlord, handler, resident
):
    # Code 3.2: residents can raise complaints with any member of staff.
    complaint = complaint_log(
        actor=Actor.for_user(handler),
        landlord=landlord,
        details=ComplaintDetails(
            description="Mould.", channel=Channel.IN_PERSON, resident=resident
        ),
    )
    assert complaint.logged_by == handler


def test_a_resident_can_log_their_own_complaint(landlord, resident):
    complaint = complaint_log(
        actor=Actor.resident(landlord.pk),
        landlord=landlord,
        details=ComplaintDetails(
            description="Mould.", channel=Channel.ONLINE_FORM, resident=resident
        ),
    )
    assert complaint.logged_by is None
    assert complaint.resident == resident


def test_the_original_complaint_and_when_it_was_received_are_kept(log_complaint):
    # Code 5.12: the record includes the original complaint and the date received.
    at = london(2026, 3, 2, 9, 30)
    complaint = log_complaint(received_at=at, description="  The boiler has failed again.  ")
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.description == "The boiler has failed again."
    assert stored.received_at == at


def test_a_complaint_needs_a_description(log_complaint):
    with pytest.raises(DomainError) as error:
        log_complaint(description="   ")
    assert error.value.field == "description"
    assert not Complaint.objects.exists()


def test_an_unknown_channel_is_refused(log_complaint):
    with pytest.raises(DomainError) as error:
        log_complaint(channel="carrier_pigeon")
    assert error.value.field == "channel"


# ---------------------------------------------------------------- references


def test_a_reference_is_the_prefix_the_year_received_and_a_five_digit_number(log_complaint):
    complaint = log_complaint(received_at=london(2026, 3, 2))
    assert re.fullmatch(r"C2026-\d{5}", complaint.reference)
    assert complaint.reference == "C2026-00001"


def test_references_are_unique_and_run_in_order(log_complaint):
    references = [log_complaint(received_at=london(2026, 3, 2)).reference for _ in range(3)]
    assert references == ["C2026-00001", "C2026-00002", "C2026-00003"]


def test_the_reference_year_is_the_year_the_complaint_was_received(log_complaint):
    assert log_complaint(received_at=london(2025, 6, 2)).reference == "C2025-00001"
    assert log_complaint(received_at=london(2026, 6, 1)).reference == "C2026-00001"


def test_each_landlord_numbers_its_own_references_with_its_own_prefix(
    log_complaint, other_landlord, other_landlord_officer
):
    ours = log_complaint(received_at=london(2026, 3, 2))
    theirs = complaint_log(
        actor=Actor.for_user(other_landlord_officer),
        landlord=other_landlord,
        details=ComplaintDetails(
            description="Noise.",
            channel=Channel.EMAIL,
            is_anonymous=True,
            received_at=london(2026, 3, 2),
        ),
    )
    assert ours.reference == "C2026-00001"
    assert theirs.reference == "H2026-00001"


# ---------------------------------------------------------------- the working day received (6.2)


def test_a_complaint_received_before_the_cut_off_counts_as_received_that_day(log_complaint):
    complaint = log_complaint(received_at=london(2026, 3, 2, 16, 59))  # Monday
    assert complaint.received_on == datetime.date(2026, 3, 2)


def test_a_complaint_received_at_the_cut_off_counts_as_received_the_next_working_day(
    log_complaint,
):
    complaint = log_complaint(received_at=london(2026, 3, 2, 17, 0))
    assert complaint.received_on == datetime.date(2026, 3, 3)


def test_a_complaint_received_on_christmas_eve_evening_counts_as_received_on_29_december(
    log_complaint,
):
    # Thursday 24 December 2026, after the cut-off. Friday 25 December is Christmas Day,
    # Saturday 26 December Boxing Day, observed on Monday 28 December: the next working day
    # is Tuesday 29 December.
    with time_machine.travel(london(2027, 1, 4, 9), tick=False):
        complaint = log_complaint(received_at=london(2026, 12, 24, 18, 0))
    assert complaint.received_on == datetime.date(2026, 12, 29)


def test_a_complaint_received_at_the_weekend_counts_as_received_on_monday(log_complaint):
    complaint = log_complaint(received_at=london(2026, 3, 7, 10, 0))  # Saturday
    assert complaint.received_on == datetime.date(2026, 3, 9)


def test_a_complaint_received_on_a_bank_holiday_counts_as_received_the_next_working_day(
    log_complaint,
):
    # Good Friday 3 April and Easter Monday 6 April 2026.
    assert log_complaint(received_at=london(2026, 4, 3, 9)).received_on == datetime.date(2026, 4, 7)
    assert log_complaint(received_at=london(2026, 4, 6, 9)).received_on == datetime.date(2026, 4, 7)


def test_the_cut_off_is_a_london_time_in_summer_as_in_winter(log_complaint):
    # 16:30 UTC on 1 July is 17:30 in London (BST): after the cut-off.
    complaint = log_complaint(
        received_at=datetime.datetime(2026, 7, 1, 16, 30, tzinfo=datetime.UTC)
    )
    assert complaint.received_on == datetime.date(2026, 7, 2)


def test_a_landlord_closure_day_is_not_a_working_day(landlord, log_complaint):
    ClosureDay.objects.create(landlord=landlord, date=datetime.date(2026, 3, 3), description="Move")
    complaint = log_complaint(received_at=london(2026, 3, 2, 17, 30))
    assert complaint.received_on == datetime.date(2026, 3, 4)


def test_a_landlords_later_cut_off_keeps_an_evening_complaint_on_the_day(
    landlord, system_actor, log_complaint
):
    landlord_policy_update(
        landlord=landlord, actor=system_actor, receipt_cutoff_time=datetime.time(18, 0)
    )
    complaint = log_complaint(received_at=london(2026, 3, 2, 17, 30))
    assert complaint.received_on == datetime.date(2026, 3, 2)


# ---------------------------------------------------------------- acknowledgement deadline (6.2)


def test_acknowledgement_is_due_five_working_days_after_the_complaint_is_received(log_complaint):
    complaint = log_complaint(received_at=london(2026, 3, 2, 9))  # Monday
    assert received_on_and_due(complaint) == (datetime.date(2026, 3, 2), datetime.date(2026, 3, 9))


def test_acknowledgement_deadline_skips_christmas_and_new_year(log_complaint):
    # Received Thursday 24 December 2026 in the morning: 29, 30, 31 December, 4 and 5 January.
    with time_machine.travel(london(2027, 1, 4, 9), tick=False):
        complaint = log_complaint(received_at=london(2026, 12, 24, 10, 0))
    assert received_on_and_due(complaint) == (
        datetime.date(2026, 12, 24),
        datetime.date(2027, 1, 5),
    )


def test_acknowledgement_deadline_runs_from_the_working_day_received_not_the_calendar_day(
    log_complaint,
):
    with time_machine.travel(london(2027, 1, 4, 9), tick=False):
        complaint = log_complaint(received_at=london(2026, 12, 24, 18, 0))
    assert received_on_and_due(complaint) == (
        datetime.date(2026, 12, 29),
        datetime.date(2027, 1, 6),
    )


def test_a_stricter_policy_of_three_days_brings_the_acknowledgement_forward(
    landlord, system_actor, log_complaint
):
    landlord_policy_update(landlord=landlord, actor=system_actor, stage1_acknowledgement_days=3)
    complaint = log_complaint(received_at=london(2026, 3, 2, 9))
    assert stage_of(complaint, 1).acknowledgement_due == datetime.date(2026, 3, 5)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    received_at=st.datetimes(
        min_value=datetime.datetime(2021, 1, 1),
        max_value=datetime.datetime(2026, 10, 31),
        timezones=st.just(datetime.UTC),
    ),
    days=st.integers(min_value=1, max_value=5),
)
def test_acknowledgement_due_is_always_a_working_day_the_policys_days_after_receipt(
    landlord, system_actor, log_complaint, received_at, days
):
    landlord_policy_update(landlord=landlord, actor=system_actor, stage1_acknowledgement_days=days)
    complaint = log_complaint(received_at=received_at)
    received_on, due = received_on_and_due(complaint)
    calendar = WorkingCalendar()
    local_day = received_at.astimezone(LONDON).date()
    assert calendar.is_working_day(received_on)
    assert received_on >= local_day
    assert calendar.working_days_between(local_day, received_on) <= 1
    assert calendar.is_working_day(due)
    assert calendar.working_days_between(received_on, due) == days


# ---------------------------------------------------------------- who the complaint is from


def test_the_home_is_the_residents_home_unless_another_is_given(log_complaint, resident):
    assert log_complaint().home == resident.home


def test_the_entity_follows_the_service_area(landlord, log_complaint):
    company = Entity.objects.create(landlord=landlord, name="Riverside Lettings")
    lettings = ServiceArea.objects.create(landlord=landlord, name="Lettings", entity=company)
    assert log_complaint(service_area=lettings).entity == company


def test_an_anonymous_complaint_can_be_logged(log_complaint):
    complaint = log_complaint(resident=None, is_anonymous=True)
    assert complaint.is_anonymous
    assert complaint.resident is None


def test_an_anonymous_complaint_cannot_name_a_resident(log_complaint, resident):
    with pytest.raises(DomainError) as error:
        log_complaint(resident=resident, is_anonymous=True)
    assert error.value.field == "is_anonymous"
    assert not Complaint.objects.exists()


def test_an_anonymous_complaint_cannot_name_a_representative(log_complaint, resident, system_actor):
    friend = representative_add(
        actor=system_actor,
        resident=resident,
        name="Jo Friend",
        relationship=Representative.Relationship.FRIEND,
        authority_given_on=None,
    )
    with pytest.raises(DomainError) as error:
        log_complaint(resident=None, representative=friend, is_anonymous=True)
    assert error.value.field == "is_anonymous"


def test_a_complaint_must_say_who_it_is_from_or_be_recorded_as_anonymous(log_complaint):
    with pytest.raises(DomainError) as error:
        log_complaint(resident=None)
    assert error.value.field == "resident"


def test_a_complaint_can_be_made_through_a_representative(log_complaint, resident, system_actor):
    # Code 1.3, 3.6: a complaint made by a representative is handled like any other.
    councillor = representative_add(
        actor=system_actor,
        resident=resident,
        name="Cllr Patel",
        relationship=Representative.Relationship.COUNCILLOR,
        authority_given_on=datetime.date(2026, 1, 5),
        authority_evidence="Signed consent form.",
    )
    complaint = log_complaint(representative=councillor, channel=Channel.COUNCILLOR_OR_MP)
    assert complaint.representative == councillor
    assert complaint.resident == resident


def test_a_representative_must_be_acting_for_the_resident_who_is_complaining(
    landlord, log_complaint, system_actor
):
    neighbour = resident_create(
        actor=system_actor, landlord=landlord, name="Sam Next-door", email="sam@example.org"
    )
    their_friend = representative_add(
        actor=system_actor,
        resident=neighbour,
        name="Jo Friend",
        relationship=Representative.Relationship.FRIEND,
        authority_given_on=None,
    )
    with pytest.raises(DomainError) as error:
        log_complaint(representative=their_friend)
    assert error.value.provision == "3.6"
    assert error.value.field == "representative"
    assert not Complaint.objects.exists()


def make_elsewhere(kind: str, other_landlord, system_actor):
    if kind == "resident":
        return resident_create(
            actor=Actor.system(other_landlord.pk),
            landlord=other_landlord,
            name="Sam Other",
            email="s@example.org",
        )
    if kind == "home":
        return property_create(
            actor=Actor.system(other_landlord.pk),
            landlord=other_landlord,
            address_line_1="1 Hill",
            postcode="HL1 1AA",
        )
    if kind == "category":
        return Category.objects.create(landlord=other_landlord, name="Repairs")
    if kind == "service_area":
        return ServiceArea.objects.create(landlord=other_landlord, name="Repairs")
    return Entity.objects.create(landlord=other_landlord, name="Hillside Homes Ltd")


@pytest.mark.parametrize("kind", ["resident", "home", "category", "service_area", "entity"])
def test_a_record_belonging_to_another_landlord_is_refused(
    log_complaint, other_landlord, system_actor, kind
):
    elsewhere = make_elsewhere(kind, other_landlord, system_actor)
    with pytest.raises(DomainError) as error:
        log_complaint(**{kind: elsewhere})
    assert error.value.field == kind
    assert not Complaint.objects.exists()


def test_staff_of_another_landlord_cannot_log_a_complaint_against_this_landlord(
    landlord, other_landlord_officer
):
    with pytest.raises(NotPermittedError):
        complaint_log(
            actor=Actor.for_user(other_landlord_officer),
            landlord=landlord,
            details=ComplaintDetails(
                description="Noise.", channel=Channel.EMAIL, is_anonymous=True
            ),
        )
    assert not Complaint.objects.exists()


def test_a_role_without_permission_to_log_complaints_cannot_log_one(
    landlord, board_member, resident
):
    with pytest.raises(NotPermittedError):
        complaint_log(
            actor=Actor.for_user(board_member),
            landlord=landlord,
            details=ComplaintDetails(
                description="Mould.", channel=Channel.PHONE, resident=resident
            ),
        )
    assert not Complaint.objects.exists()
    assert not Event.objects.filter(action="complaint.logged").exists()


# ---------------------------------------------------------------- third parties (5.4, 5.5)


def test_a_third_party_handling_the_response_is_recorded_on_the_complaint(log_complaint):
    # Code 5.4: a contractor who handles the response does so within this complaint.
    complaint = log_complaint(
        third_party_name="  Northern Heating Ltd  ", third_party_handles_response=True
    )
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.third_party_name == "Northern Heating Ltd"
    assert stored.third_party_handles_response is True


def test_a_third_party_handling_the_response_must_be_named(log_complaint):
    with pytest.raises(DomainError) as error:
        log_complaint(third_party_name="  ", third_party_handles_response=True)
    assert (error.value.provision, error.value.field) == ("5.4", "third_party_name")
    assert not Complaint.objects.exists()


def test_a_third_party_name_longer_than_the_record_holds_is_refused_not_cut(log_complaint):
    with pytest.raises(DomainError) as error:
        log_complaint(third_party_name="N" * 201)
    assert error.value.field == "third_party_name"
    assert not Complaint.objects.exists()


def test_a_third_party_involved_but_not_handling_the_response_is_recorded_as_such(
    log_complaint,
):
    complaint = log_complaint(third_party_name="Northern Heating Ltd")
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.third_party_name, stored.third_party_handles_response) == (
        "Northern Heating Ltd",
        False,
    )


def test_a_complaint_with_no_third_party_records_none(log_complaint):
    stored = Complaint.objects.get(pk=log_complaint().pk)
    assert (stored.third_party_name, stored.third_party_handles_response) == ("", False)


def test_a_complaint_handled_by_a_third_party_goes_through_the_same_two_stages(
    log_complaint, lifecycle
):
    # Code 5.4: residents must not be expected to go through two complaints processes.
    complaint = log_complaint(
        third_party_name="Northern Heating Ltd", third_party_handles_response=True
    )
    assert complaint.status == Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
    complaint = lifecycle.stage_two_responded(complaint)
    assert complaint.status == Complaint.Status.STAGE2_RESPONDED
    assert list(complaint.stages.order_by("number").values_list("number", flat=True)) == [1, 2]
    assert complaint.third_party_handles_response is True


# ---------------------------------------------------------------- dates


def test_a_complaint_cannot_be_received_in_the_future(log_complaint):
    with (
        time_machine.travel(london(2026, 3, 2, 9), tick=False),
        pytest.raises(DomainError) as error,
    ):
        log_complaint(received_at=london(2026, 3, 2, 9, 10))
    assert error.value.field == "received_at"
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("field", ["occurred_on", "became_aware_on"])
def test_the_issue_cannot_have_happened_in_the_future(log_complaint, field):
    with (
        time_machine.travel(london(2026, 3, 2, 9), tick=False),
        pytest.raises(DomainError) as error,
    ):
        log_complaint(received_at=london(2026, 3, 2, 8), **{field: datetime.date(2026, 3, 3)})
    assert error.value.field == field


def test_logging_does_not_judge_the_twelve_month_limit(log_complaint):
    # Code 2.3: an old issue is accepted or refused by a recorded decision, never at the door.
    complaint = log_complaint(occurred_on=datetime.date(2023, 1, 9))
    assert complaint.status == Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT


# ---------------------------------------------------------------- the record (5.12)


def test_logging_records_one_event_the_resident_can_see_with_the_deadline(log_complaint, officer):
    complaint = log_complaint(received_at=london(2026, 3, 2, 9))
    [event] = events(complaint)
    assert event.action == "complaint.logged"
    assert event.actor_user == officer
    assert event.visible_to_resident
    assert event.after == {
        "reference": complaint.reference,
        "received_on": "2026-03-02",
        "acknowledgement_due": "2026-03-09",
    }
    assert complaint.version == 1


def test_a_complaint_is_logged_with_its_stage_one_request(log_complaint):
    at = london(2026, 3, 2, 17, 30)
    complaint = log_complaint(received_at=at)
    stage = Stage.objects.get(complaint=complaint)
    assert (stage.number, stage.requested_at, stage.requested_on) == (
        1,
        at,
        datetime.date(2026, 3, 3),
    )
