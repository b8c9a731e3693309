"""The response (Code 6.6, 6.7, 6.9, 6.17, 6.18, 6.19): every point answered with reasons, an
outcome that matches the findings, given when the answer is known."""

from __future__ import annotations

import datetime

import pytest

from putright.complaints.models import Complaint, ComplaintPoint, Stage
from putright.complaints.services import PointFinding, stage_respond
from putright.core.actors import Actor
from putright.core.errors import DomainError
from putright.landlords.services import landlord_policy_update
from putright.remedies.models import OutstandingAction
from putright.remedies.services import action_add
from tests.complaints.lifecycle import events, findings_for, last_event, london, stage_of

Status = Complaint.Status
Outcome = Stage.Outcome
UPHELD = ComplaintPoint.Finding.UPHELD
NOT_UPHELD = ComplaintPoint.Finding.NOT_UPHELD


@pytest.fixture(autouse=True)
def monday_noon(time_machine):
    """Today is Monday 2 March 2026, noon in London."""
    time_machine.move_to(london(2026, 3, 2, 12), tick=False)


@pytest.fixture
def investigating(log_complaint, lifecycle):
    """Two points to answer; acknowledged at noon, 2 March 2026: response due 16 March."""
    return lifecycle.investigating(log_complaint(received_at=london(2026, 3, 2, 9)))


@pytest.fixture
def stage_two(log_complaint, lifecycle):
    """Stage 2 under way, with one point to answer, handled by ``second_handler``."""
    return lifecycle.stage_two_investigating(log_complaint(received_at=london(2026, 3, 2, 9)))


def respond(user, complaint, findings, outcome=Outcome.UPHELD, **changes):
    arguments = {"decision": "We got this wrong and will replace the boiler.", **changes}
    return stage_respond(
        actor=Actor.for_user(user),
        complaint=complaint,
        outcome=outcome,
        findings=findings,
        **arguments,
    )


def both(first, second):
    return [
        PointFinding(1, first, "The job was closed in error.", "Repairs policy 4.2"),
        PointFinding(2, second, "A call-back was logged on 3 March."),
    ]


def still_investigating(complaint) -> bool:
    complaint = Complaint.objects.get(pk=complaint.pk)
    return (
        complaint.status == Status.STAGE1_INVESTIGATING and not stage_of(complaint, 1).is_responded
    )


# ---------------------------------------------------------------- every point, with reasons


def test_the_response_records_each_points_finding_reasons_and_policy(investigating, handler):
    respond(handler, investigating, both(UPHELD, NOT_UPHELD))
    points = stage_of(investigating, 1).points.order_by("number")
    assert list(points.values_list("finding", "reasons", "policy_relied_on")) == [
        (UPHELD, "The job was closed in error.", "Repairs policy 4.2"),
        (NOT_UPHELD, "A call-back was logged on 3 March.", ""),
    ]


def test_the_response_records_the_outcome_the_decision_and_who_gave_it(investigating, handler):
    stage = respond(handler, investigating, both(UPHELD, UPHELD))
    stage.refresh_from_db()
    assert stage.outcome == Outcome.UPHELD
    assert stage.decision == "We got this wrong and will replace the boiler."
    assert stage.responded_by == handler
    assert stage.responded_at == london(2026, 3, 2, 12)
    assert Complaint.objects.get(pk=investigating.pk).status == Status.STAGE1_RESPONDED


def test_every_point_in_the_definition_needs_a_finding(investigating, handler):
    with pytest.raises(DomainError) as error:
        respond(handler, investigating, both(UPHELD, UPHELD)[:1])
    assert (error.value.provision, error.value.field) == ("6.7", "findings")
    assert "point 2" in error.value.message
    assert still_investigating(investigating)


def test_every_finding_needs_reasons(investigating, handler):
    findings = [PointFinding(1, UPHELD, "Closed in error."), PointFinding(2, UPHELD, "   ")]
    with pytest.raises(DomainError) as error:
        respond(handler, investigating, findings)
    assert error.value.provision == "6.7"
    assert still_investigating(investigating)
    assert stage_of(investigating, 1).points.get(number=1).finding == ""


def test_a_finding_must_be_upheld_or_not_upheld(investigating, handler):
    findings = [PointFinding(1, UPHELD, "Closed."), PointFinding(2, "maybe", "Unsure.")]
    with pytest.raises(DomainError) as error:
        respond(handler, investigating, findings)
    assert error.value.field == "findings"


def test_a_finding_for_a_point_not_in_the_definition_is_refused(investigating, handler):
    findings = [*both(UPHELD, UPHELD), PointFinding(3, UPHELD, "Something else.")]
    with pytest.raises(DomainError) as error:
        respond(handler, investigating, findings)
    assert error.value.field == "findings"
    assert "point 3" in error.value.message
    assert still_investigating(investigating)


def test_the_decision_must_be_set_out(investigating, handler):
    with pytest.raises(DomainError) as error:
        respond(handler, investigating, both(UPHELD, UPHELD), decision="  ")
    assert (error.value.provision, error.value.field) == ("6.9", "decision")


def test_the_stage_two_response_must_address_every_point(stage_two, second_handler):
    with pytest.raises(DomainError) as error:
        respond(second_handler, stage_two, [])
    assert error.value.provision == "6.18"


def test_every_stage_two_finding_needs_reasons(stage_two, second_handler):
    with pytest.raises(DomainError) as error:
        respond(second_handler, stage_two, [PointFinding(1, UPHELD, "   ", "Compensation 3.1")])
    assert (error.value.provision, error.value.field) == ("6.18", "findings")
    assert Complaint.objects.get(pk=stage_two.pk).status == Status.STAGE2_INVESTIGATING
    stage = stage_of(stage_two, 2)
    assert not stage.is_responded
    assert stage.points.get().finding == ""


def test_the_stage_two_response_records_each_points_finding_reasons_and_policy(
    stage_two, second_handler
):
    # Code 6.18: clear reasons, referencing the relevant policy, law and good practice.
    findings = [
        PointFinding(
            1, NOT_UPHELD, "  The award followed the compensation policy.  ", " Compensation 3.1 "
        )
    ]
    respond(second_handler, stage_two, findings, Outcome.NOT_UPHELD)
    points = stage_of(stage_two, 2).points.order_by("number")
    assert list(points.values_list("finding", "reasons", "policy_relied_on")) == [
        (NOT_UPHELD, "The award followed the compensation policy.", "Compensation 3.1")
    ]
    assert last_event(stage_two).after["points"] == {"1": NOT_UPHELD}


def test_the_stage_two_decision_must_be_set_out(stage_two, second_handler):
    with pytest.raises(DomainError) as error:
        respond(second_handler, stage_two, findings_for(stage_of(stage_two, 2)), decision="")
    assert error.value.provision == "6.19"


def test_the_stage_two_response_is_the_final_response(stage_two, second_handler):
    respond(
        second_handler, stage_two, findings_for(stage_of(stage_two, 2), NOT_UPHELD), "not_upheld"
    )
    assert Complaint.objects.get(pk=stage_two.pk).status == Status.STAGE2_RESPONDED
    assert stage_of(stage_two, 2).responded_by == second_handler


# ---------------------------------------------------------------- the outcome


def test_an_unknown_outcome_is_refused(investigating, handler):
    with pytest.raises(DomainError) as error:
        respond(handler, investigating, both(UPHELD, UPHELD), outcome="resolved")
    assert error.value.field == "outcome"


def test_a_complaint_with_an_upheld_point_cannot_be_not_upheld(investigating, handler):
    with pytest.raises(DomainError) as error:
        respond(handler, investigating, both(UPHELD, NOT_UPHELD), outcome=Outcome.NOT_UPHELD)
    assert error.value.field == "outcome"
    assert still_investigating(investigating)


def test_a_complaint_with_no_upheld_point_cannot_be_upheld(investigating, handler):
    with pytest.raises(DomainError) as error:
        respond(handler, investigating, both(NOT_UPHELD, NOT_UPHELD), outcome=Outcome.UPHELD)
    assert error.value.field == "outcome"


def test_a_complaint_with_no_upheld_point_cannot_be_partly_upheld(investigating, handler):
    with pytest.raises(DomainError) as error:
        respond(handler, investigating, both(NOT_UPHELD, NOT_UPHELD), outcome=Outcome.PARTLY_UPHELD)
    assert error.value.field == "outcome"
    assert still_investigating(investigating)


@pytest.mark.parametrize(
    ("findings", "outcome"),
    [
        ((UPHELD, UPHELD), Outcome.UPHELD),
        ((UPHELD, NOT_UPHELD), Outcome.UPHELD),
        ((UPHELD, NOT_UPHELD), Outcome.PARTLY_UPHELD),
        ((NOT_UPHELD, NOT_UPHELD), Outcome.NOT_UPHELD),
    ],
)
def test_an_outcome_that_matches_the_findings_is_accepted(
    investigating, handler, findings, outcome
):
    assert respond(handler, investigating, both(*findings), outcome=outcome).outcome == outcome


def test_partly_upheld_is_refused_at_stage_one_when_the_policy_does_not_allow_it(
    landlord, system_actor, investigating, handler
):
    landlord_policy_update(
        landlord=landlord, actor=system_actor, partly_upheld_allowed_at_stage1=False
    )
    with pytest.raises(DomainError) as error:
        respond(handler, investigating, both(UPHELD, NOT_UPHELD), outcome=Outcome.PARTLY_UPHELD)
    assert error.value.field == "outcome"
    assert still_investigating(investigating)
    # The same findings are "upheld" under that policy.
    assert respond(handler, investigating, both(UPHELD, NOT_UPHELD)).outcome == Outcome.UPHELD


def test_a_policy_forbidding_partly_upheld_at_stage_one_leaves_stage_two_alone(
    landlord, system_actor, log_complaint, lifecycle, second_handler
):
    landlord_policy_update(
        landlord=landlord, actor=system_actor, partly_upheld_allowed_at_stage1=False
    )
    complaint = lifecycle.responded(log_complaint())
    lifecycle.escalate(complaint)
    lifecycle.investigating(complaint, handler=second_handler)
    stage = respond(second_handler, complaint, both(UPHELD, NOT_UPHELD), Outcome.PARTLY_UPHELD)
    assert stage.outcome == Outcome.PARTLY_UPHELD


def test_partly_upheld_is_refused_at_stage_two_when_the_policy_does_not_allow_it(
    landlord, system_actor, log_complaint, lifecycle, second_handler
):
    landlord_policy_update(
        landlord=landlord, actor=system_actor, partly_upheld_allowed_at_stage2=False
    )
    complaint = lifecycle.responded(log_complaint())
    lifecycle.escalate(complaint)
    lifecycle.investigating(complaint, handler=second_handler)
    with pytest.raises(DomainError) as error:
        respond(second_handler, complaint, both(UPHELD, NOT_UPHELD), Outcome.PARTLY_UPHELD)
    assert error.value.field == "outcome"


# ---------------------------------------------------------------- when (6.6, 6.17)


def test_the_response_is_given_while_outstanding_actions_remain_open(investigating, handler):
    # Code 6.6: respond when the answer is known, not when the work is done.
    action = action_add(
        actor=Actor.for_user(handler),
        complaint=investigating,
        description="Replace the boiler.",
        due_on=datetime.date(2026, 4, 1),
        owner=handler,
    )
    respond(handler, investigating, both(UPHELD, UPHELD))
    action.refresh_from_db()
    assert action.status == OutstandingAction.Status.OPEN
    assert Complaint.objects.get(pk=investigating.pk).status == Status.STAGE1_RESPONDED


def test_outstanding_actions_stay_open_after_the_complaint_is_closed(
    investigating, lifecycle, handler
):
    action = action_add(
        actor=Actor.for_user(handler),
        complaint=investigating,
        description="Replace the boiler.",
        due_on=datetime.date(2026, 4, 1),
        owner_description="Heating contractor",
    )
    respond(handler, investigating, both(UPHELD, UPHELD))
    lifecycle.close(investigating)
    action.refresh_from_db()
    assert action.status == OutstandingAction.Status.OPEN


def test_a_response_within_the_deadline_is_recorded_as_on_time(investigating, handler):
    respond(handler, investigating, both(UPHELD, UPHELD))
    event = last_event(investigating)
    assert event.action == "stage.responded"
    assert event.after["on_time"] is True
    assert event.after["points"] == {"1": UPHELD, "2": UPHELD}
    assert event.visible_to_resident


def test_a_response_after_the_deadline_is_recorded_as_late(investigating, handler, time_machine):
    time_machine.move_to(london(2026, 3, 17, 9), tick=False)
    respond(handler, investigating, both(UPHELD, UPHELD))
    event = last_event(investigating)
    assert event.after["on_time"] is False
    assert event.after["response_due"] == "2026-03-16"
    assert "late" in event.summary


def test_a_response_on_the_due_date_is_on_time(investigating, handler, time_machine):
    time_machine.move_to(london(2026, 3, 16, 17, 30), tick=False)
    respond(handler, investigating, both(UPHELD, UPHELD))
    assert last_event(investigating).after["on_time"] is True


def test_a_stage_two_response_within_twenty_working_days_is_recorded_as_on_time(
    stage_two, second_handler, time_machine
):
    # Code 6.14: stage 2 acknowledged at noon on 2 March 2026, response due 30 March; stage 1's
    # response was due on 16 March, so this is on time only against stage 2's own deadline.
    time_machine.move_to(london(2026, 3, 30, 17, 30), tick=False)
    respond(second_handler, stage_two, findings_for(stage_of(stage_two, 2)))
    event = last_event(stage_two)
    assert event.action == "stage.responded"
    assert event.subject_id == stage_of(stage_two, 2).pk
    assert event.after["on_time"] is True
    assert event.after["response_due"] == "2026-03-30"
    assert event.summary == "Stage 2 response given: upheld"
    assert event.visible_to_resident


def test_a_stage_two_response_after_twenty_working_days_is_recorded_as_late(
    stage_two, second_handler, time_machine
):
    time_machine.move_to(london(2026, 3, 31, 9), tick=False)
    respond(second_handler, stage_two, findings_for(stage_of(stage_two, 2)))
    event = last_event(stage_two)
    assert event.action == "stage.responded"
    assert event.after["on_time"] is False
    assert event.after["response_due"] == "2026-03-30"
    assert event.summary == "Stage 2 response given: upheld (late)"
    assert Complaint.objects.get(pk=stage_two.pk).status == Status.STAGE2_RESPONDED


def test_a_complaint_cannot_be_answered_before_it_is_acknowledged(
    log_complaint, lifecycle, handler
):
    complaint = lifecycle.declare(lifecycle.assign(lifecycle.define(log_complaint())))
    with pytest.raises(DomainError) as error:
        respond(handler, complaint, both(UPHELD, UPHELD))
    assert error.value.provision == "6.2"


def test_a_response_cannot_be_dated_before_the_acknowledgement(investigating, handler):
    with pytest.raises(DomainError) as error:
        respond(handler, investigating, both(UPHELD, UPHELD), responded_at=london(2026, 3, 2, 11))
    assert error.value.field == "responded_at"


def test_a_response_cannot_be_dated_in_the_future(investigating, handler):
    with pytest.raises(DomainError) as error:
        respond(handler, investigating, both(UPHELD, UPHELD), responded_at=london(2026, 3, 3, 9))
    assert error.value.field == "responded_at"
    assert still_investigating(investigating)


def test_a_stage_is_answered_once(investigating, handler):
    respond(handler, investigating, both(UPHELD, UPHELD))
    with pytest.raises(DomainError):
        respond(handler, investigating, both(NOT_UPHELD, NOT_UPHELD), outcome=Outcome.NOT_UPHELD)
    assert stage_of(investigating, 1).outcome == Outcome.UPHELD
    assert [e.action for e in events(investigating)].count("stage.responded") == 1


# ---------------------------------------------------------------- anonymous complaints


def test_an_anonymous_complaint_cannot_be_given_a_formal_response(
    log_complaint, lifecycle, handler
):
    complaint = lifecycle.investigating(log_complaint(resident=None, is_anonymous=True))
    with pytest.raises(DomainError):
        respond(handler, complaint, both(UPHELD, UPHELD))
    assert Complaint.objects.get(pk=complaint.pk).status == Status.STAGE1_INVESTIGATING
