"""Who handles a complaint (Code 5.8, 6.13): a handler who may, free of conflicts, and never
the same person at stage 2 as at stage 1."""

from __future__ import annotations

import pytest

from putright.complaints.models import Channel, Complaint, Stage
from putright.complaints.services import (
    ComplaintDetails,
    complaint_log,
    stage_assign,
    stage_declare_conflict,
    stage_respond,
)
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError, NotPermittedError
from tests.complaints.lifecycle import findings_for, last_event, stage_of

Status = Complaint.Status


def respond(user, complaint, number):
    return stage_respond(
        actor=Actor.for_user(user),
        complaint=complaint,
        outcome=Stage.Outcome.UPHELD,
        decision="We will put this right.",
        findings=findings_for(stage_of(complaint, number)),
    )


@pytest.fixture
def complaint(log_complaint):
    return log_complaint()


@pytest.fixture
def acknowledged(complaint, lifecycle):
    return lifecycle.acknowledge(lifecycle.define(complaint))


@pytest.fixture
def awaiting_stage_two_handler(complaint, lifecycle):
    """Stage 1 handled and answered by ``handler``; stage 2 defined and acknowledged."""
    lifecycle.escalate(lifecycle.responded(complaint))
    return lifecycle.acknowledge(lifecycle.define(complaint, points=["The remedy"]))


# ---------------------------------------------------------------- assignment


def test_a_stage_is_assigned_to_a_handler_and_the_change_recorded(acknowledged, officer, handler):
    stage = stage_assign(actor=Actor.for_user(officer), complaint=acknowledged, handler=handler)
    assert stage.handler == handler
    event = last_event(acknowledged)
    assert event.action == "stage.assigned"
    assert event.actor_user == officer
    assert event.before == {"handler": None}
    assert event.after == {"handler": str(handler)}


def test_a_complaint_can_be_assigned_before_it_is_acknowledged(complaint, officer, handler):
    stage = stage_assign(actor=Actor.for_user(officer), complaint=complaint, handler=handler)
    assert stage.number == 1
    assert stage.handler == handler


def test_the_handler_must_hold_a_role_that_handles_complaints(acknowledged, officer, board_member):
    with pytest.raises(DomainError) as error:
        stage_assign(actor=Actor.for_user(officer), complaint=acknowledged, handler=board_member)
    assert error.value.field == "handler"
    assert stage_of(acknowledged, 1).handler is None


def test_the_handler_must_work_for_the_landlord(acknowledged, officer, other_landlord_officer):
    with pytest.raises(DomainError) as error:
        stage_assign(
            actor=Actor.for_user(officer), complaint=acknowledged, handler=other_landlord_officer
        )
    assert error.value.field == "handler"


def test_a_member_of_staff_who_has_left_cannot_be_assigned(acknowledged, officer, handler):
    handler.is_active = False
    handler.save()
    with pytest.raises(DomainError) as error:
        stage_assign(actor=Actor.for_user(officer), complaint=acknowledged, handler=handler)
    assert error.value.field == "handler"


def test_assigning_needs_the_triage_permission(landlord, handler, second_handler, lifecycle):
    logged_by_handler = complaint_log(
        actor=Actor.for_user(handler),
        landlord=landlord,
        details=ComplaintDetails(description="Mould.", channel=Channel.PHONE, is_anonymous=True),
    )
    with pytest.raises(NotPermittedError):
        stage_assign(
            actor=Actor.for_user(handler), complaint=logged_by_handler, handler=second_handler
        )


def test_a_closed_complaint_cannot_be_assigned(complaint, lifecycle, officer, second_handler):
    lifecycle.close(lifecycle.responded(complaint))
    with pytest.raises(DomainError):
        stage_assign(actor=Actor.for_user(officer), complaint=complaint, handler=second_handler)


def test_a_new_handler_makes_their_own_conflict_declaration(
    complaint, lifecycle, officer, second_handler
):
    lifecycle.investigating(complaint)
    assert stage_of(complaint, 1).conflict_declared_at is not None
    stage = stage_assign(actor=Actor.for_user(officer), complaint=complaint, handler=second_handler)
    assert stage.conflict_declared_at is None
    assert stage.conflict_declaration == ""


# ---------------------------------------------------------------- stage 2 (6.13)


def test_stage_two_handler_must_differ_from_stage_one_handler(
    awaiting_stage_two_handler, officer, handler
):
    with pytest.raises(DomainError) as error:
        stage_assign(
            actor=Actor.for_user(officer), complaint=awaiting_stage_two_handler, handler=handler
        )
    assert error.value.provision == "6.13"
    assert stage_of(awaiting_stage_two_handler, 2).handler is None


def test_stage_two_handler_must_differ_from_the_stage_one_responder(
    complaint, lifecycle, officer, manager
):
    # The handler investigated stage 1, but a manager gave the response.
    lifecycle.investigating(complaint)
    lifecycle.respond(complaint, by=manager)
    lifecycle.escalate(complaint)
    lifecycle.acknowledge(lifecycle.define(complaint, points=["The remedy"]))
    with pytest.raises(DomainError) as error:
        stage_assign(actor=Actor.for_user(officer), complaint=complaint, handler=manager)
    assert error.value.provision == "6.13"


def test_stage_two_can_be_assigned_to_someone_who_did_not_consider_stage_one(
    awaiting_stage_two_handler, officer, second_handler
):
    stage = stage_assign(
        actor=Actor.for_user(officer), complaint=awaiting_stage_two_handler, handler=second_handler
    )
    assert (stage.number, stage.handler) == (2, second_handler)
    assert stage_of(awaiting_stage_two_handler, 1).handler is not None  # stage 1 is untouched


def test_the_stage_one_handler_cannot_step_aside_after_the_response(
    complaint, lifecycle, handler, manager
):
    # Were this allowed, the stage 1 handler would no longer be recorded against stage 1 and
    # could then be given stage 2 (the response here was given by a manager).
    lifecycle.investigating(complaint)
    lifecycle.respond(complaint, by=manager)
    with pytest.raises(DomainError) as error:
        stage_declare_conflict(
            actor=Actor.for_user(handler),
            complaint=complaint,
            has_conflict=True,
            declaration="My neighbour",
        )
    assert error.value.provision == "5.8"
    assert stage_of(complaint, 1).handler == handler


# ---------------------------------------------------------------- conflicts of interest (5.8)


def test_a_handler_declares_no_conflict_of_interest(acknowledged, lifecycle, handler):
    lifecycle.assign(acknowledged)
    stage = stage_declare_conflict(
        actor=Actor.for_user(handler), complaint=acknowledged, has_conflict=False
    )
    assert stage.conflict_declared_at is not None
    assert stage.conflict_declaration == "No conflict of interest"
    assert stage.handler == handler
    assert last_event(acknowledged).after == {
        "has_conflict": False,
        "declaration": "No conflict of interest",
    }


def test_a_handler_who_declares_a_conflict_is_unassigned(acknowledged, lifecycle, handler):
    lifecycle.assign(acknowledged)
    stage = stage_declare_conflict(
        actor=Actor.for_user(handler),
        complaint=acknowledged,
        has_conflict=True,
        declaration="  The resident is my sister.  ",
    )
    stage.refresh_from_db()
    assert stage.handler is None
    assert stage.conflict_declaration == "The resident is my sister."
    event = last_event(acknowledged)
    assert event.action == "stage.conflict_declared"
    assert event.after["has_conflict"] is True


def test_a_declared_conflict_must_be_described(acknowledged, lifecycle, handler):
    lifecycle.assign(acknowledged)
    with pytest.raises(DomainError) as error:
        stage_declare_conflict(
            actor=Actor.for_user(handler), complaint=acknowledged, has_conflict=True, declaration=""
        )
    assert (error.value.provision, error.value.field) == ("5.8", "declaration")
    assert stage_of(acknowledged, 1).handler == handler


def test_only_the_stages_handler_can_declare_their_interests(acknowledged, lifecycle, officer):
    lifecycle.assign(acknowledged)
    with pytest.raises(DomainError):
        stage_declare_conflict(
            actor=Actor.for_user(officer), complaint=acknowledged, has_conflict=False
        )
    assert stage_of(acknowledged, 1).conflict_declared_at is None


def test_the_response_is_refused_until_the_handler_has_declared_their_interests(
    acknowledged, lifecycle, handler
):
    lifecycle.assign(acknowledged)
    with pytest.raises(DomainError) as error:
        respond(handler, acknowledged, 1)
    assert error.value.provision == "5.8"
    assert Complaint.objects.get(pk=acknowledged.pk).status == Status.STAGE1_INVESTIGATING


def test_the_response_is_refused_while_no_handler_is_assigned(
    acknowledged, lifecycle, handler, manager
):
    lifecycle.assign(acknowledged)
    stage_declare_conflict(
        actor=Actor.for_user(handler), complaint=acknowledged, has_conflict=True, declaration="Kin"
    )
    with pytest.raises(DomainError) as error:
        respond(manager, acknowledged, 1)
    assert error.value.field == "handler"


def test_a_handler_who_stepped_aside_no_longer_sees_the_complaint(acknowledged, lifecycle, handler):
    lifecycle.assign(acknowledged)
    stage_declare_conflict(
        actor=Actor.for_user(handler), complaint=acknowledged, has_conflict=True, declaration="Kin"
    )
    with pytest.raises(NotFoundError):
        respond(handler, acknowledged, 1)


def test_after_a_conflict_a_new_handler_can_take_the_stage_to_its_response(
    acknowledged, lifecycle, handler, second_handler
):
    lifecycle.assign(acknowledged)
    stage_declare_conflict(
        actor=Actor.for_user(handler), complaint=acknowledged, has_conflict=True, declaration="Kin"
    )
    lifecycle.assign(acknowledged, second_handler)
    lifecycle.declare(acknowledged, second_handler)
    stage = respond(second_handler, acknowledged, 1)
    assert stage.responded_by == second_handler


# ---------------------------------------------------------------- who may respond


def test_the_handler_gives_the_response(acknowledged, lifecycle, handler):
    lifecycle.declare(lifecycle.assign(acknowledged))
    assert respond(handler, acknowledged, 1).responded_by == handler


def test_another_handler_cannot_give_the_response(acknowledged, lifecycle, teammate):
    # The teammate can see the complaint (it is their team's), but it is not theirs to answer.
    lifecycle.declare(lifecycle.assign(acknowledged))
    with pytest.raises(DomainError):
        respond(teammate, acknowledged, 1)
    assert not stage_of(acknowledged, 1).is_responded


def test_a_manager_who_sees_every_complaint_may_give_the_response(acknowledged, lifecycle, manager):
    lifecycle.declare(lifecycle.assign(acknowledged))
    assert respond(manager, acknowledged, 1).responded_by == manager


def test_the_stage_two_response_cannot_be_given_by_the_stage_one_handler_even_as_a_manager(
    complaint, lifecycle, manager, second_handler
):
    lifecycle.responded(complaint, handler=manager)
    lifecycle.escalate(complaint)
    lifecycle.investigating(complaint, handler=second_handler, points=["The remedy"])
    with pytest.raises(DomainError) as error:
        respond(manager, complaint, 2)
    assert error.value.provision == "6.13"
    assert not stage_of(complaint, 2).is_responded


def test_the_stage_two_response_cannot_be_given_by_the_stage_one_responder(
    complaint, lifecycle, manager, second_handler
):
    lifecycle.investigating(complaint)
    lifecycle.respond(complaint, by=manager)
    lifecycle.escalate(complaint)
    lifecycle.investigating(complaint, handler=second_handler, points=["The remedy"])
    with pytest.raises(DomainError) as error:
        respond(manager, complaint, 2)
    assert error.value.provision == "6.13"
