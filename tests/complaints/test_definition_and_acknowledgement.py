"""The complaint definition and the acknowledgement (Code 5.6, 5.7, 6.2, 6.3, 6.11, 6.14)."""

from __future__ import annotations

import datetime

import pytest

from putright.complaints.models import Complaint, ComplaintPoint
from putright.complaints.services import complaint_add_issue, stage_acknowledge, stage_define
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError, NotPermittedError
from putright.landlords.services import landlord_policy_update
from tests.complaints.lifecycle import events, last_event, london, stage_of

Status = Complaint.Status

DEFINITION = {
    "definition": "The boiler repair reported in May was not completed.",
    "outcomes_sought": "The boiler fixed, and compensation for the cold.",
    "responsible_for": "Repairs to the boiler.",
    "points": ["The repair was not done", "Nobody called back"],
}


@pytest.fixture
def monday_noon(time_machine):
    """Today is Monday 2 March 2026, noon in London."""
    time_machine.move_to(london(2026, 3, 2, 12), tick=False)


@pytest.fixture
def complaint(monday_noon, log_complaint):
    """Received at 9:00 on Monday 2 March 2026: acknowledgement due Monday 9 March."""
    return log_complaint(received_at=london(2026, 3, 2, 9))


def define(officer, complaint, **changes):
    return stage_define(
        actor=Actor.for_user(officer), complaint=complaint, **{**DEFINITION, **changes}
    )


# ---------------------------------------------------------------- the definition (5.6, 5.7)


def test_a_complaint_cannot_be_acknowledged_before_it_is_defined(officer, complaint):
    with pytest.raises(DomainError) as error:
        stage_acknowledge(actor=Actor.for_user(officer), complaint=complaint)
    assert error.value.provision == "6.2"
    assert Complaint.objects.get(pk=complaint.pk).status == Status.STAGE1_AWAITING_ACKNOWLEDGEMENT


def test_a_stage_two_request_cannot_be_acknowledged_before_it_is_defined(
    monday_noon, log_complaint, lifecycle, officer
):
    complaint = lifecycle.escalate(lifecycle.responded(log_complaint()))
    with pytest.raises(DomainError) as error:
        stage_acknowledge(actor=Actor.for_user(officer), complaint=complaint)
    assert error.value.provision == "6.11"


@pytest.mark.parametrize(
    ("field", "provision"),
    [("definition", "5.6"), ("outcomes_sought", "5.6"), ("responsible_for", "5.7")],
)
def test_the_definition_must_set_out_understanding_outcomes_and_responsibility(
    officer, complaint, field, provision
):
    with pytest.raises(DomainError) as error:
        define(officer, complaint, **{field: "  "})
    assert (error.value.field, error.value.provision) == (field, provision)
    assert not stage_of(complaint, 1).is_defined


@pytest.mark.parametrize("points", [[], ["", "   "]])
def test_the_definition_must_list_at_least_one_point_to_answer(officer, complaint, points):
    with pytest.raises(DomainError) as error:
        define(officer, complaint, points=points)
    assert (error.value.field, error.value.provision) == ("points", "6.7")


def test_the_definition_records_what_the_landlord_is_and_is_not_responsible_for(officer, complaint):
    stage = define(officer, complaint, not_responsible_for="  The gas supply (the utility's).  ")
    stage.refresh_from_db()
    assert stage.responsible_for == "Repairs to the boiler."
    assert stage.not_responsible_for == "The gas supply (the utility's)."
    assert stage.is_defined


def test_each_point_of_the_definition_is_numbered_in_order(officer, complaint):
    stage = define(officer, complaint, points=[" First ", "", "Second", "Third"])
    points = list(stage.points.order_by("number").values_list("number", "description", "source"))
    assert points == [
        (1, "First", ComplaintPoint.Source.DEFINITION),
        (2, "Second", ComplaintPoint.Source.DEFINITION),
        (3, "Third", ComplaintPoint.Source.DEFINITION),
    ]


def test_the_definition_can_be_revised_while_the_stage_is_open(officer, complaint, lifecycle):
    lifecycle.acknowledge(define(officer, complaint).complaint)
    stage = define(officer, complaint, points=["The repair was not done"])
    assert list(stage.points.values_list("description", flat=True)) == ["The repair was not done"]


def test_redefining_keeps_points_raised_as_additional_issues(officer, complaint):
    define(officer, complaint)
    complaint_add_issue(
        actor=Actor.for_user(officer), complaint=complaint, description="The radiator leaks"
    )
    stage = define(officer, complaint, points=["The boiler was left broken"])
    points = list(stage.points.order_by("number").values_list("number", "description", "source"))
    assert points == [
        (1, "The boiler was left broken", ComplaintPoint.Source.DEFINITION),
        (2, "The radiator leaks", ComplaintPoint.Source.ADDITIONAL),
    ]


def test_redefining_records_the_definition_before_and_after(officer, complaint):
    define(officer, complaint)
    define(officer, complaint, definition="A clearer definition.", points=["Only this"])
    event = last_event(complaint)
    assert event.action == "stage.defined"
    assert event.actor_user == officer
    assert event.before["definition"] == DEFINITION["definition"]
    assert event.before["points"] == DEFINITION["points"]
    assert event.after["definition"] == "A clearer definition."
    assert event.after["points"] == ["Only this"]


def test_the_first_definition_records_that_there_was_none_before(officer, complaint):
    define(officer, complaint)
    event = last_event(complaint)
    assert event.before["definition"] == ""
    assert event.before["points"] == []
    assert event.after["responsible_for"] == DEFINITION["responsible_for"]


def test_a_closed_complaint_cannot_be_redefined(monday_noon, log_complaint, lifecycle, officer):
    complaint = lifecycle.close(lifecycle.responded(log_complaint()))
    with pytest.raises(DomainError):
        define(officer, complaint)


def test_stage_two_is_defined_afresh_when_escalated(monday_noon, log_complaint, lifecycle, officer):
    # Code 5.6: the definition is set out at stage 1 and again at stage 2.
    complaint = lifecycle.escalate(lifecycle.responded(log_complaint()))
    assert not stage_of(complaint, 2).is_defined
    define(officer, complaint, points=["The remedy was too small"])
    assert list(stage_of(complaint, 2).points.values_list("description", flat=True)) == [
        "The remedy was too small"
    ]
    assert stage_of(complaint, 1).points.count() == 2


def test_someone_who_cannot_see_the_complaint_cannot_define_it(complaint, second_handler):
    with pytest.raises(NotFoundError):
        define(second_handler, complaint)


def test_defining_needs_a_role_that_triages_or_handles_complaints(complaint, officer):
    watcher = Actor(
        label="Auditor",
        landlord_id=complaint.landlord_id,
        user=officer,
        permissions=frozenset({"complaints.view_all_complaints"}),
    )
    with pytest.raises(NotPermittedError):
        stage_define(actor=watcher, complaint=complaint, **DEFINITION)


# ---------------------------------------------------------------- the acknowledgement (6.2, 6.3)


def test_acknowledging_starts_the_investigation(officer, complaint):
    define(officer, complaint)
    stage = stage_acknowledge(actor=Actor.for_user(officer), complaint=complaint)
    complaint.refresh_from_db()
    assert complaint.status == Status.STAGE1_INVESTIGATING
    assert stage.acknowledged_at == london(2026, 3, 2, 12)


def test_the_stage_one_response_is_due_ten_working_days_after_acknowledgement(officer, complaint):
    define(officer, complaint)
    stage = stage_acknowledge(actor=Actor.for_user(officer), complaint=complaint)
    assert stage.response_due == datetime.date(2026, 3, 16)


def test_the_stage_one_response_deadline_skips_bank_holidays(
    time_machine, log_complaint, lifecycle
):
    # Acknowledged Thursday 2 April 2026: Good Friday and Easter Monday are not counted.
    time_machine.move_to(london(2026, 4, 2, 12), tick=False)
    complaint = lifecycle.define(log_complaint(received_at=london(2026, 4, 1)))
    complaint = lifecycle.acknowledge(complaint)
    assert stage_of(complaint, 1).response_due == datetime.date(2026, 4, 20)


def test_the_response_deadline_runs_from_the_acknowledgement_not_from_receipt(
    officer, complaint, time_machine
):
    define(officer, complaint)
    time_machine.move_to(london(2026, 3, 5, 12), tick=False)  # Thursday
    stage = stage_acknowledge(actor=Actor.for_user(officer), complaint=complaint)
    assert stage.response_due == datetime.date(2026, 3, 19)


def test_the_stage_two_response_is_due_twenty_working_days_after_acknowledgement(
    monday_noon, log_complaint, lifecycle
):
    complaint = lifecycle.escalate(
        lifecycle.responded(log_complaint(received_at=london(2026, 3, 2, 9)))
    )
    complaint = lifecycle.acknowledge(lifecycle.define(complaint))
    assert complaint.status == Status.STAGE2_INVESTIGATING
    assert stage_of(complaint, 2).response_due == datetime.date(2026, 3, 30)


def test_a_stricter_response_timescale_brings_the_response_forward(
    landlord, system_actor, officer, complaint
):
    landlord_policy_update(landlord=landlord, actor=system_actor, stage1_response_days=8)
    define(officer, complaint)
    stage = stage_acknowledge(actor=Actor.for_user(officer), complaint=complaint)
    assert stage.response_due == datetime.date(2026, 3, 12)


def test_an_acknowledgement_within_five_working_days_is_recorded_as_on_time(officer, complaint):
    define(officer, complaint)
    stage_acknowledge(actor=Actor.for_user(officer), complaint=complaint)
    event = last_event(complaint)
    assert event.action == "stage.acknowledged"
    assert event.after["on_time"] is True
    assert event.visible_to_resident


def test_an_acknowledgement_on_the_fifth_working_day_is_on_time(officer, complaint, time_machine):
    define(officer, complaint)
    time_machine.move_to(london(2026, 3, 9, 16), tick=False)
    stage_acknowledge(actor=Actor.for_user(officer), complaint=complaint)
    assert last_event(complaint).after["on_time"] is True


def test_an_acknowledgement_after_five_working_days_is_recorded_as_late(
    officer, complaint, time_machine
):
    define(officer, complaint)
    time_machine.move_to(london(2026, 3, 10, 9), tick=False)
    stage = stage_acknowledge(actor=Actor.for_user(officer), complaint=complaint)
    event = last_event(complaint)
    assert event.after["on_time"] is False
    assert event.after["acknowledgement_due"] == "2026-03-09"
    assert "late" in event.summary
    # The response deadline still runs from the day it was acknowledged.
    assert stage.response_due == datetime.date(2026, 3, 24)


@pytest.fixture
def stage_two_requested(time_machine, log_complaint, lifecycle):
    """Stage 1 answered on 2 March 2026; stage 2 requested at 10:00 on Monday 16 March and
    defined: its acknowledgement is due Monday 23 March (stage 1's was due 9 March)."""
    time_machine.move_to(london(2026, 3, 2, 12), tick=False)
    complaint = lifecycle.responded(log_complaint(received_at=london(2026, 3, 2, 9)))
    time_machine.move_to(london(2026, 3, 16, 10), tick=False)
    complaint = lifecycle.define(lifecycle.escalate(complaint))
    assert stage_of(complaint, 2).acknowledgement_due == datetime.date(2026, 3, 23)
    return complaint


def test_a_stage_two_acknowledgement_within_five_working_days_is_recorded_as_on_time(
    stage_two_requested, lifecycle, time_machine
):
    # Code 6.11: on time against stage 2's own deadline, though stage 1's passed long ago.
    time_machine.move_to(london(2026, 3, 23, 16), tick=False)
    complaint = lifecycle.acknowledge(stage_two_requested)
    event = last_event(complaint)
    assert event.action == "stage.acknowledged"
    assert event.subject_id == stage_of(complaint, 2).pk
    assert event.after["on_time"] is True
    assert event.after["acknowledgement_due"] == "2026-03-23"
    assert "late" not in event.summary


def test_a_stage_two_acknowledgement_after_five_working_days_is_recorded_as_late(
    stage_two_requested, lifecycle, time_machine
):
    time_machine.move_to(london(2026, 3, 24, 9), tick=False)
    complaint = lifecycle.acknowledge(stage_two_requested)
    assert complaint.status == Status.STAGE2_INVESTIGATING
    event = last_event(complaint)
    assert event.action == "stage.acknowledged"
    assert event.subject_id == stage_of(complaint, 2).pk
    assert event.after["on_time"] is False
    assert event.after["acknowledgement_due"] == "2026-03-23"
    assert event.summary.startswith("Stage 2 acknowledged late")
    assert event.visible_to_resident
    # The stage 2 response deadline still runs from the day it was acknowledged (Code 6.14):
    # twenty working days from Tuesday 24 March, skipping Good Friday and Easter Monday.
    assert stage_of(complaint, 2).response_due == datetime.date(2026, 4, 23)


def test_an_acknowledgement_can_be_recorded_with_the_time_it_was_given(officer, complaint):
    define(officer, complaint)
    given_at = london(2026, 3, 2, 11)
    stage = stage_acknowledge(
        actor=Actor.for_user(officer), complaint=complaint, acknowledged_at=given_at
    )
    assert stage.acknowledged_at == given_at


def test_a_complaint_cannot_be_acknowledged_before_it_was_received(officer, complaint):
    define(officer, complaint)
    with pytest.raises(DomainError) as error:
        stage_acknowledge(
            actor=Actor.for_user(officer),
            complaint=complaint,
            acknowledged_at=london(2026, 3, 2, 8),
        )
    assert error.value.field == "acknowledged_at"


def test_a_complaint_cannot_be_acknowledged_in_the_future(officer, complaint):
    define(officer, complaint)
    with pytest.raises(DomainError) as error:
        stage_acknowledge(
            actor=Actor.for_user(officer),
            complaint=complaint,
            acknowledged_at=london(2026, 3, 3, 9),
        )
    assert error.value.field == "acknowledged_at"
    assert not stage_of(complaint, 1).is_acknowledged


def test_a_complaint_cannot_be_acknowledged_twice(officer, complaint):
    define(officer, complaint)
    stage_acknowledge(actor=Actor.for_user(officer), complaint=complaint)
    with pytest.raises(DomainError):
        stage_acknowledge(actor=Actor.for_user(officer), complaint=complaint)
    assert [e.action for e in events(complaint)].count("stage.acknowledged") == 1


def test_acknowledging_needs_the_triage_permission(officer, handler, complaint, lifecycle):
    define(officer, complaint)
    lifecycle.assign(complaint)  # so that the handler can see it
    with pytest.raises(NotPermittedError):
        stage_acknowledge(actor=Actor.for_user(handler), complaint=complaint)
    assert not stage_of(complaint, 1).is_acknowledged
