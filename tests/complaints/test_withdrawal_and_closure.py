"""Withdrawal and closure: a complaint closes once it has its response (or was not accepted), and
its remedies and outstanding actions are still followed through (Code 6.6, 6.17, 7.3)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from putright.complaints.models import Complaint, Refusal
from putright.complaints.services import complaint_close, complaint_refuse, complaint_withdraw
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.remedies.models import OutstandingAction, Remedy
from putright.remedies.services import (
    action_add,
    action_complete,
    action_update,
    remedy_complete,
    remedy_offer,
)
from tests.complaints.lifecycle import last_event

Status = Complaint.Status


def status_of(complaint) -> str:
    return Complaint.objects.get(pk=complaint.pk).status


def close(user, complaint, note=""):
    return complaint_close(actor=Actor.for_user(user), complaint=complaint, note=note)


def in_a_week() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=7)


# ---------------------------------------------------------------- withdrawal


def test_a_resident_can_withdraw_an_open_complaint(log_complaint, lifecycle):
    complaint = lifecycle.investigating(log_complaint())
    complaint_withdraw(
        actor=Actor.resident(complaint.landlord_id),
        complaint=complaint,
        reason="  The boiler was fixed.  ",
    )
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.status == Status.WITHDRAWN
    assert stored.withdrawn_at is not None
    assert stored.withdrawal_reason == "The boiler was fixed."
    event = last_event(complaint)
    assert event.action == "complaint.withdrawn"
    assert event.visible_to_resident
    assert event.before == {"status": Status.STAGE1_INVESTIGATING}


def test_staff_can_record_a_withdrawal_without_a_reason(log_complaint, officer):
    complaint = log_complaint()
    complaint_withdraw(actor=Actor.for_user(officer), complaint=complaint)
    assert status_of(complaint) == Status.WITHDRAWN
    assert last_event(complaint).actor_user == officer


def test_a_stage_two_request_can_be_withdrawn(log_complaint, lifecycle):
    complaint = lifecycle.escalate(lifecycle.responded(log_complaint()))
    complaint_withdraw(actor=Actor.resident(complaint.landlord_id), complaint=complaint)
    assert status_of(complaint) == Status.WITHDRAWN


@pytest.mark.parametrize("point", ["responded", "closed", "withdrawn"])
def test_only_an_open_complaint_can_be_withdrawn(log_complaint, lifecycle, point):
    complaint = log_complaint()
    if point == "withdrawn":
        complaint_withdraw(actor=Actor.resident(complaint.landlord_id), complaint=complaint)
    else:
        lifecycle.responded(complaint)
        if point == "closed":
            lifecycle.close(complaint)
    before = status_of(complaint)
    with pytest.raises(DomainError):
        complaint_withdraw(actor=Actor.resident(complaint.landlord_id), complaint=complaint)
    assert status_of(complaint) == before


def test_a_resident_of_another_landlord_cannot_withdraw_the_complaint(
    log_complaint, other_landlord
):
    complaint = log_complaint()
    with pytest.raises(DomainError):
        complaint_withdraw(actor=Actor.resident(other_landlord.pk), complaint=complaint)
    assert status_of(complaint) == Status.STAGE1_AWAITING_ACKNOWLEDGEMENT


def test_outstanding_actions_are_still_tracked_after_a_withdrawal(
    log_complaint, lifecycle, handler
):
    complaint = lifecycle.investigating(log_complaint())
    action = action_add(
        actor=Actor.for_user(handler),
        complaint=complaint,
        description="Service the boiler.",
        due_on=in_a_week(),
        owner=handler,
    )
    complaint_withdraw(actor=Actor.resident(complaint.landlord_id), complaint=complaint)
    action_update(actor=Actor.for_user(handler), action=action, text="Engineer booked.")
    action_complete(actor=Actor.for_user(handler), action=action)
    action.refresh_from_db()
    assert action.status == OutstandingAction.Status.COMPLETED
    assert action.updates.count() == 1


# ---------------------------------------------------------------- closure


@pytest.mark.parametrize("point", ["awaiting_acknowledgement", "investigating"])
def test_a_complaint_cannot_be_closed_before_its_response(log_complaint, lifecycle, officer, point):
    complaint = log_complaint()
    if point == "investigating":
        lifecycle.investigating(complaint)
    before = status_of(complaint)
    with pytest.raises(DomainError):
        close(officer, complaint)
    assert status_of(complaint) == before
    assert Complaint.objects.get(pk=complaint.pk).closed_at is None


def test_a_stage_two_request_cannot_be_closed_before_its_final_response(
    log_complaint, lifecycle, officer
):
    complaint = lifecycle.escalate(lifecycle.responded(log_complaint()))
    with pytest.raises(DomainError):
        close(officer, complaint)
    assert status_of(complaint) == Status.STAGE2_AWAITING_ACKNOWLEDGEMENT


def test_a_complaint_can_be_closed_after_its_stage_one_response(log_complaint, lifecycle, officer):
    complaint = lifecycle.responded(log_complaint())
    close(officer, complaint, note="  No escalation asked for.  ")
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.status == Status.CLOSED
    assert stored.closed_at is not None
    event = last_event(complaint)
    assert event.action == "complaint.closed"
    assert event.summary == "Complaint closed: No escalation asked for."
    assert event.before == {"status": Status.STAGE1_RESPONDED}


def test_a_complaint_can_be_closed_after_its_final_response(log_complaint, lifecycle, officer):
    complaint = lifecycle.stage_two_responded(log_complaint())
    close(officer, complaint)
    assert status_of(complaint) == Status.CLOSED


@pytest.mark.parametrize("stage", [1, 2])
def test_a_complaint_or_stage_two_request_refused_can_be_closed(
    log_complaint, lifecycle, officer, stage
):
    complaint = log_complaint()
    if stage == 2:
        lifecycle.escalate(lifecycle.responded(complaint))
    complaint_refuse(
        actor=Actor.for_user(officer),
        complaint=complaint,
        ground=Refusal.Ground.PREVIOUSLY_CONSIDERED,
        evidence="Complaint C2025-00012 decided the same matter.",
        explanation="This was considered in 2025.",
        ombudsman_right_explained=True,
    )
    close(officer, complaint)
    assert status_of(complaint) == Status.CLOSED


def test_an_anonymous_complaint_can_be_closed_after_investigation_without_a_response(
    log_complaint, lifecycle, officer
):
    complaint = lifecycle.investigating(log_complaint(resident=None, is_anonymous=True))
    close(officer, complaint, note="Findings: the stairwell lights were repaired.")
    assert status_of(complaint) == Status.CLOSED


def test_an_anonymous_complaint_is_investigated_before_it_is_closed(log_complaint, officer):
    complaint = log_complaint(resident=None, is_anonymous=True)
    with pytest.raises(DomainError):
        close(officer, complaint)


def test_a_withdrawn_complaint_is_already_finished_and_is_not_closed(log_complaint, officer):
    complaint = log_complaint()
    complaint_withdraw(actor=Actor.resident(complaint.landlord_id), complaint=complaint)
    with pytest.raises(DomainError):
        close(officer, complaint)
    assert status_of(complaint) == Status.WITHDRAWN


def test_a_closed_complaint_cannot_be_closed_again(log_complaint, lifecycle, officer):
    complaint = lifecycle.close(lifecycle.responded(log_complaint()))
    with pytest.raises(DomainError):
        close(officer, complaint)


def test_closing_needs_the_triage_permission(log_complaint, lifecycle, handler):
    complaint = lifecycle.responded(log_complaint())
    with pytest.raises(NotPermittedError):
        close(handler, complaint)
    assert status_of(complaint) == Status.STAGE1_RESPONDED


# ---------------------------------------------------------------- after closure (6.6, 6.17, 7.3)


def test_remedies_and_actions_are_followed_through_after_closure(log_complaint, lifecycle, handler):
    complaint = lifecycle.investigating(log_complaint())
    remedy = remedy_offer(
        actor=Actor.for_user(handler),
        complaint=complaint,
        kind=Remedy.Kind.APOLOGY,
        description="A written apology from the repairs manager.",
        due_on=in_a_week(),
    )
    action = action_add(
        actor=Actor.for_user(handler),
        complaint=complaint,
        description="Replace the boiler.",
        due_on=in_a_week(),
        owner=handler,
    )
    lifecycle.close(lifecycle.respond(complaint))
    remedy_complete(actor=Actor.for_user(handler), remedy=remedy)
    action_complete(actor=Actor.for_user(handler), action=action)
    remedy.refresh_from_db()
    action.refresh_from_db()
    assert remedy.status == Remedy.Status.COMPLETED
    assert action.status == OutstandingAction.Status.COMPLETED
    assert status_of(complaint) == Status.CLOSED


def test_a_remedy_can_still_be_offered_after_closure(log_complaint, lifecycle, handler):
    complaint = lifecycle.close(lifecycle.responded(log_complaint()))
    remedy = remedy_offer(
        actor=Actor.for_user(handler),
        complaint=complaint,
        kind=Remedy.Kind.EXPLANATION,
        description="A letter explaining the repair timetable.",
        due_on=in_a_week(),
    )
    assert remedy.stage.number == 1
