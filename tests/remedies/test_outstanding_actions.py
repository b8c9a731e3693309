"""Outstanding actions (Code 6.6, 6.17): what is still to be done once the answer is known, with
an owner and a date, updates to the resident, and tracked to completion."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from putright.complaints.models import Complaint
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.remedies.models import ActionUpdate, OutstandingAction
from putright.remedies.services import action_add, action_cancel, action_complete, action_update
from tests.complaints.lifecycle import events, last_event

Status = OutstandingAction.Status


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def complaint(log_complaint, lifecycle):
    return lifecycle.investigating(log_complaint())


def add(user, complaint, **changes):
    arguments = {
        "description": "Replace the boiler.",
        "due_on": in_days(14),
        "owner": user,
        **changes,
    }
    return action_add(actor=Actor.for_user(user), complaint=complaint, **arguments)


@pytest.fixture
def action(complaint, handler):
    return add(handler, complaint)


# ---------------------------------------------------------------- adding an action


def test_an_outstanding_action_has_an_owner_and_a_due_date(complaint, handler):
    action = add(handler, complaint, description="  Replace the boiler.  ")
    action.refresh_from_db()
    assert (action.description, action.owner, action.due_on, action.status) == (
        "Replace the boiler.",
        handler,
        in_days(14),
        Status.OPEN,
    )
    assert action.stage.number == 1
    event = last_event(complaint)
    assert event.action == "action.added"
    assert event.visible_to_resident
    assert event.after == {"due_on": in_days(14).isoformat()}


def test_an_outstanding_action_needs_an_owner(complaint, handler):
    with pytest.raises(DomainError) as error:
        add(handler, complaint, owner=None, owner_description="  ")
    assert (error.value.provision, error.value.field) == ("6.6", "owner")
    assert not OutstandingAction.objects.exists()


def test_a_team_or_contractor_can_own_an_action(complaint, handler):
    action = add(handler, complaint, owner=None, owner_description="  Heating contractor  ")
    assert (action.owner, action.owner_description) == (None, "Heating contractor")


def test_an_outstanding_action_needs_a_description(complaint, handler):
    with pytest.raises(DomainError) as error:
        add(handler, complaint, description="")
    assert (error.value.provision, error.value.field) == ("6.6", "description")


def test_the_owner_must_work_for_the_landlord(complaint, handler, other_landlord_officer):
    with pytest.raises(DomainError) as error:
        add(handler, complaint, owner=other_landlord_officer)
    assert error.value.field == "owner"


def test_an_outstanding_action_cannot_be_due_in_the_past(complaint, handler):
    with pytest.raises(DomainError) as error:
        add(handler, complaint, due_on=in_days(-1))
    assert error.value.field == "due_on"


def test_an_action_due_today_can_be_added(complaint, handler):
    assert add(handler, complaint, due_on=in_days(0)).due_on == timezone.localdate()


def test_an_action_added_at_stage_two_belongs_to_stage_two(
    log_complaint, lifecycle, second_handler
):
    complaint = lifecycle.stage_two_investigating(log_complaint())
    assert add(second_handler, complaint).stage.number == 2


def test_adding_an_action_needs_the_handle_permission(complaint, officer):
    watcher = Actor(
        label="Auditor",
        landlord_id=complaint.landlord_id,
        user=officer,
        permissions=frozenset({"complaints.view_all_complaints"}),
    )
    with pytest.raises(NotPermittedError):
        action_add(
            actor=watcher,
            complaint=complaint,
            description="Fix it.",
            due_on=in_days(1),
            owner_description="Repairs",
        )


# ---------------------------------------------------------------- updates (6.6)


def test_updates_on_an_action_are_recorded_with_when_the_resident_was_told(action, handler):
    update = action_update(
        actor=Actor.for_user(handler),
        action=action,
        text="The engineer is booked for Thursday.",
        given_to_resident_on=timezone.localdate(),
    )
    update.refresh_from_db()
    assert update.text == "The engineer is booked for Thursday."
    assert update.given_to_resident_on == timezone.localdate()
    assert update.created_by == handler
    event = last_event(action.complaint)
    assert event.action == "action.updated"
    assert "given to the resident" in event.summary


def test_an_update_needs_text(action, handler):
    with pytest.raises(DomainError) as error:
        action_update(actor=Actor.for_user(handler), action=action, text=" ")
    assert error.value.field == "text"
    assert not ActionUpdate.objects.exists()


def test_an_action_keeps_every_update_in_order(action, handler):
    for text in ("Parts ordered.", "Parts arrived.", "Engineer booked."):
        action_update(actor=Actor.for_user(handler), action=action, text=text)
    assert list(action.updates.values_list("text", flat=True)) == [
        "Parts ordered.",
        "Parts arrived.",
        "Engineer booked.",
    ]


# ---------------------------------------------------------------- completion and cancellation


def test_an_action_is_completed(action, handler):
    done = action_complete(
        actor=Actor.for_user(handler), action=action, completed_on=datetime.date(2026, 3, 20)
    )
    assert (done.status, done.completed_on) == (Status.COMPLETED, datetime.date(2026, 3, 20))
    assert last_event(action.complaint).action == "action.completed"


def test_an_action_is_completed_once(action, handler):
    action_complete(actor=Actor.for_user(handler), action=action)
    with pytest.raises(DomainError):
        action_complete(actor=Actor.for_user(handler), action=action)


def test_a_completed_action_takes_no_more_updates(action, handler):
    action_complete(actor=Actor.for_user(handler), action=action)
    with pytest.raises(DomainError):
        action_update(actor=Actor.for_user(handler), action=action, text="More work.")


def test_an_action_is_cancelled_with_a_reason(action, officer):
    cancelled = action_cancel(
        actor=Actor.for_user(officer), action=action, reason="  The resident moved out.  "
    )
    assert (cancelled.status, cancelled.cancellation_reason) == (
        Status.CANCELLED,
        "The resident moved out.",
    )
    assert last_event(action.complaint).action == "action.cancelled"


def test_cancelling_an_action_needs_a_reason(action, officer):
    with pytest.raises(DomainError) as error:
        action_cancel(actor=Actor.for_user(officer), action=action, reason="")
    assert error.value.field == "reason"
    action.refresh_from_db()
    assert action.status == Status.OPEN


def test_cancelling_an_action_needs_the_triage_permission(action, handler):
    with pytest.raises(NotPermittedError):
        action_cancel(actor=Actor.for_user(handler), action=action, reason="Not needed.")


def test_a_cancelled_action_cannot_be_completed(action, officer, handler):
    action_cancel(actor=Actor.for_user(officer), action=action, reason="Not needed.")
    with pytest.raises(DomainError):
        action_complete(actor=Actor.for_user(handler), action=action)


# ---------------------------------------------------------------- after the final response (6.17)


def test_outstanding_actions_are_tracked_after_the_final_response_and_closure(
    log_complaint, lifecycle, second_handler
):
    complaint = lifecycle.stage_two_investigating(log_complaint())
    action = add(second_handler, complaint)
    lifecycle.close(lifecycle.respond(complaint))
    action_update(actor=Actor.for_user(second_handler), action=action, text="Booked.")
    action_complete(actor=Actor.for_user(second_handler), action=action)
    action.refresh_from_db()
    assert action.status == Status.COMPLETED
    assert Complaint.objects.get(pk=complaint.pk).status == Complaint.Status.CLOSED


def test_each_step_of_an_action_is_one_event_and_one_change(complaint, handler):
    start_version = Complaint.objects.get(pk=complaint.pk).version
    start_events = len(events(complaint))
    action = add(handler, complaint)
    action_update(actor=Actor.for_user(handler), action=action, text="Booked.")
    action_complete(actor=Actor.for_user(handler), action=action)
    assert len(events(complaint)) == start_events + 3
    assert Complaint.objects.get(pk=complaint.pk).version == start_version + 3
