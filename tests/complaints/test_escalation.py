"""Escalation to stage 2 (Code 5.3, 6.10, 6.11, 6.12): after the stage 1 response, for any
reason or none, to a second and last stage."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from putright.complaints.models import Complaint, Stage
from putright.complaints.services import complaint_escalate, complaint_withdraw
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError
from putright.landlords.services import landlord_policy_update
from tests.complaints.lifecycle import events, last_event, london, stage_of

Status = Complaint.Status


@pytest.fixture(autouse=True)
def friday_noon(time_machine):
    """Today is Friday 13 March 2026, noon in London."""
    time_machine.move_to(london(2026, 3, 13, 12), tick=False)


@pytest.fixture
def responded(log_complaint, lifecycle):
    return lifecycle.responded(log_complaint(received_at=london(2026, 3, 2, 9)))


def escalate(complaint, actor=None, **arguments):
    return complaint_escalate(
        actor=actor or Actor.resident(complaint.landlord_id), complaint=complaint, **arguments
    )


# ---------------------------------------------------------------- when (6.10)


def test_a_complaint_goes_to_stage_two_after_the_stage_one_response(responded):
    stage = escalate(responded)
    assert stage.number == 2
    assert Complaint.objects.get(pk=responded.pk).status == Status.STAGE2_AWAITING_ACKNOWLEDGEMENT


@pytest.mark.parametrize("point", ["awaiting_acknowledgement", "investigating"])
def test_a_complaint_cannot_go_to_stage_two_before_the_stage_one_response(
    log_complaint, lifecycle, point
):
    complaint = log_complaint()
    if point == "investigating":
        lifecycle.investigating(complaint)
    with pytest.raises(DomainError) as error:
        escalate(complaint)
    assert error.value.provision == "6.10"
    assert not complaint.stages.filter(number=2).exists()


def test_a_withdrawn_complaint_cannot_go_to_stage_two(log_complaint):
    complaint = log_complaint()
    complaint_withdraw(actor=Actor.resident(complaint.landlord_id), complaint=complaint)
    with pytest.raises(DomainError) as error:
        escalate(complaint)
    assert error.value.provision == "6.10"


def test_an_anonymous_complaint_closed_after_investigation_cannot_go_to_stage_two(
    log_complaint, lifecycle
):
    complaint = lifecycle.investigating(log_complaint(resident=None, is_anonymous=True))
    lifecycle.close(complaint)
    with pytest.raises(DomainError) as error:
        escalate(complaint)
    assert error.value.provision == "6.10"


def test_escalating_a_closed_complaint_reopens_it_at_stage_two(responded, lifecycle):
    lifecycle.close(responded)
    assert Complaint.objects.get(pk=responded.pk).closed_at is not None
    escalate(responded)
    complaint = Complaint.objects.get(pk=responded.pk)
    assert complaint.status == Status.STAGE2_AWAITING_ACKNOWLEDGEMENT
    assert complaint.closed_at is None


# ---------------------------------------------------------------- no reason required (6.12)


def test_a_resident_need_not_give_a_reason_for_stage_two(responded):
    stage = escalate(responded, reason="")
    assert stage.escalation_reason == ""
    assert Complaint.objects.get(pk=responded.pk).status == Status.STAGE2_AWAITING_ACKNOWLEDGEMENT


def test_a_reason_for_stage_two_is_kept_when_the_resident_gives_one(responded):
    stage = escalate(responded, reason="  The compensation does not cover the damage.  ")
    stage.refresh_from_db()
    assert stage.escalation_reason == "The compensation does not cover the damage."


# ---------------------------------------------------------------- no third stage (5.3)


def test_there_is_no_third_stage(responded):
    escalate(responded)
    with pytest.raises(DomainError) as error:
        escalate(responded)
    assert error.value.provision == "5.3"
    assert responded.stages.count() == 2


def test_after_the_final_response_there_is_no_further_stage(log_complaint, lifecycle):
    complaint = lifecycle.stage_two_responded(log_complaint())
    with pytest.raises(DomainError) as error:
        escalate(complaint)
    assert error.value.provision == "5.3"
    assert Complaint.objects.get(pk=complaint.pk).status == Status.STAGE2_RESPONDED


@pytest.mark.parametrize("number", [0, 3])
def test_the_database_refuses_a_stage_zero_or_a_third_stage(log_complaint, number):
    # Code 5.2, 5.3: even code that bypasses the services cannot add another stage.
    complaint = log_complaint()
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.create(
            complaint=complaint,
            number=number,
            requested_at=complaint.received_at,
            requested_on=complaint.received_on,
            acknowledgement_due=complaint.received_on,
        )
    assert list(complaint.stages.values_list("number", flat=True)) == [1]


# ---------------------------------------------------------------- the stage 2 deadline (6.11)


def test_stage_two_acknowledgement_is_due_five_working_days_after_the_request(responded):
    stage = escalate(responded, requested_at=london(2026, 3, 9, 10))  # Monday
    assert stage.requested_on == datetime.date(2026, 3, 9)
    assert stage.acknowledgement_due == datetime.date(2026, 3, 16)


def test_a_stage_two_request_after_the_cut_off_counts_from_the_next_working_day(responded):
    stage = escalate(responded, requested_at=london(2026, 3, 6, 17, 45))  # Friday evening
    assert stage.requested_on == datetime.date(2026, 3, 9)
    assert stage.acknowledgement_due == datetime.date(2026, 3, 16)


def test_the_stage_two_acknowledgement_deadline_skips_bank_holidays(
    time_machine, log_complaint, lifecycle
):
    time_machine.move_to(london(2026, 4, 2, 12), tick=False)
    complaint = lifecycle.responded(log_complaint(received_at=london(2026, 3, 30, 9)))
    stage = escalate(complaint, requested_at=london(2026, 4, 2, 11))  # Thursday before Easter
    assert stage.acknowledgement_due == datetime.date(2026, 4, 13)


def test_a_stricter_policy_brings_the_stage_two_acknowledgement_forward(
    landlord, system_actor, responded
):
    landlord_policy_update(landlord=landlord, actor=system_actor, stage2_acknowledgement_days=3)
    stage = escalate(responded, requested_at=london(2026, 3, 9, 10))
    assert stage.acknowledgement_due == datetime.date(2026, 3, 12)


def test_a_request_for_stage_two_cannot_be_received_in_the_future(responded):
    with pytest.raises(DomainError) as error:
        escalate(responded, requested_at=london(2026, 3, 14, 9))
    assert error.value.field == "requested_at"
    assert not responded.stages.filter(number=2).exists()


# ---------------------------------------------------------------- who, and the record


def test_staff_can_record_a_residents_request_for_stage_two(responded, officer):
    escalate(responded, actor=Actor.for_user(officer))
    assert last_event(responded).actor_user == officer


def test_a_resident_of_another_landlord_cannot_escalate_the_complaint(responded, other_landlord):
    with pytest.raises(DomainError):
        escalate(responded, actor=Actor.resident(other_landlord.pk))
    assert not responded.stages.filter(number=2).exists()


def test_staff_who_cannot_see_the_complaint_cannot_escalate_it(responded, second_handler):
    with pytest.raises(NotFoundError):
        escalate(responded, actor=Actor.for_user(second_handler))


def test_escalation_is_one_event_the_resident_can_see(responded):
    before = len(events(responded))
    escalate(responded, requested_at=london(2026, 3, 9, 10))
    assert len(events(responded)) == before + 1
    event = last_event(responded)
    assert event.action == "complaint.escalated"
    assert event.visible_to_resident
    assert event.after == {"requested_on": "2026-03-09", "acknowledgement_due": "2026-03-16"}


def test_stage_one_is_left_as_it_was_answered(responded):
    answered = stage_of(responded, 1)
    escalate(responded)
    again = stage_of(responded, 1)
    assert (again.outcome, again.responded_at, again.handler_id) == (
        answered.outcome,
        answered.responded_at,
        answered.handler_id,
    )
