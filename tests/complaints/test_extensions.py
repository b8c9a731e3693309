"""Extensions (Code 6.4, 6.5, 6.15, 6.16): for a reason, with the Ombudsman's details, and no
more than 10 working days at stage 1 or 20 at stage 2 without a recorded good reason."""

from __future__ import annotations

import datetime

import pytest

from putright.complaints.models import Complaint, Extension
from putright.complaints.services import stage_extend
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.landlords.services import landlord_policy_update
from tests.complaints.lifecycle import events, last_event, london, stage_of

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def monday_noon(time_machine):
    """Today is Monday 2 March 2026, noon in London."""
    time_machine.move_to(london(2026, 3, 2, 12), tick=False)


@pytest.fixture
def investigating(log_complaint, lifecycle):
    """Acknowledged at noon on Monday 2 March 2026: stage 1 response due Monday 16 March."""
    return lifecycle.investigating(log_complaint(received_at=london(2026, 3, 2, 9)))


@pytest.fixture
def stage_two(log_complaint, lifecycle):
    """Stage 2 acknowledged at noon on Monday 2 March 2026: response due Monday 30 March."""
    return lifecycle.stage_two_investigating(log_complaint(received_at=london(2026, 3, 2, 9)))


def extend(user, complaint, working_days=5, **changes):
    arguments = {
        "reason": "We are waiting for the contractor's report.",
        "resident_informed_on": TODAY,
        "ombudsman_details_given": True,
        **changes,
    }
    return stage_extend(
        actor=Actor.for_user(user), complaint=complaint, working_days=working_days, **arguments
    )


# ---------------------------------------------------------------- the new deadline


def test_an_extension_counts_working_days_from_the_previous_due_date(investigating, handler):
    extension = extend(handler, investigating, 5)
    assert extension.previous_due == datetime.date(2026, 3, 16)
    assert extension.new_due == datetime.date(2026, 3, 23)
    assert stage_of(investigating, 1).response_due == datetime.date(2026, 3, 23)


def test_an_extension_skips_bank_holidays(time_machine, log_complaint, lifecycle, handler):
    # Acknowledged Thursday 19 March: due Thursday 2 April. Two more working days pass over
    # Good Friday and Easter Monday to Wednesday 8 April.
    time_machine.move_to(london(2026, 3, 19, 12), tick=False)
    complaint = lifecycle.investigating(log_complaint(received_at=london(2026, 3, 19, 9)))
    assert stage_of(complaint, 1).response_due == datetime.date(2026, 4, 2)
    extension = extend(handler, complaint, 2, resident_informed_on=datetime.date(2026, 3, 19))
    assert extension.new_due == datetime.date(2026, 4, 8)


def test_a_second_extension_runs_from_the_first_extensions_due_date(investigating, handler):
    extend(handler, investigating, 3)
    second = extend(handler, investigating, 2)
    assert second.previous_due == datetime.date(2026, 3, 19)
    assert second.new_due == datetime.date(2026, 3, 23)


def test_an_extension_is_recorded_for_the_resident_with_the_deadline_before_and_after(
    investigating, handler
):
    extend(handler, investigating, 5)
    event = last_event(investigating)
    assert event.action == "stage.extended"
    assert event.actor_user == handler
    assert event.visible_to_resident
    assert event.before == {"response_due": "2026-03-16"}
    assert event.after["response_due"] == "2026-03-23"
    assert event.after["beyond_maximum"] is False


def test_an_extension_records_when_the_resident_was_told_and_by_whom(investigating, handler):
    extension = extend(handler, investigating, 5, resident_informed_on=datetime.date(2026, 3, 2))
    extension.refresh_from_db()
    assert extension.resident_informed_on == datetime.date(2026, 3, 2)
    assert extension.ombudsman_details_given is True
    assert extension.created_by == handler


# ---------------------------------------------------------------- reason and Ombudsman (6.4, 6.5)


def test_an_extension_needs_a_reason(investigating, handler):
    with pytest.raises(DomainError) as error:
        extend(handler, investigating, reason="  ")
    assert (error.value.provision, error.value.field) == ("6.4", "reason")
    assert not Extension.objects.exists()


def test_the_resident_must_be_given_the_ombudsmans_details_with_a_stage_one_extension(
    investigating, handler
):
    with pytest.raises(DomainError) as error:
        extend(handler, investigating, ombudsman_details_given=False)
    assert (error.value.provision, error.value.field) == ("6.5", "ombudsman_details_given")
    assert stage_of(investigating, 1).response_due == datetime.date(2026, 3, 16)


def test_the_resident_must_be_given_the_ombudsmans_details_with_a_stage_two_extension(
    stage_two, second_handler
):
    with pytest.raises(DomainError) as error:
        extend(second_handler, stage_two, ombudsman_details_given=False)
    assert error.value.provision == "6.16"


def test_a_stage_two_extension_needs_a_reason(stage_two, second_handler):
    with pytest.raises(DomainError) as error:
        extend(second_handler, stage_two, reason="")
    assert error.value.provision == "6.15"


# ---------------------------------------------------------------- how long (6.4, 6.15)


def test_a_stage_one_extension_of_ten_working_days_needs_no_further_reason(investigating, handler):
    assert extend(handler, investigating, 10).new_due == datetime.date(2026, 3, 30)


def test_a_stage_one_extension_of_more_than_ten_working_days_needs_a_good_reason(
    investigating, handler
):
    with pytest.raises(DomainError) as error:
        extend(handler, investigating, 11)
    assert (error.value.provision, error.value.field) == ("6.4", "working_days")


def test_stage_one_extensions_add_up_to_at_most_ten_working_days(investigating, handler):
    extend(handler, investigating, 6)
    with pytest.raises(DomainError) as error:
        extend(handler, investigating, 5)
    assert error.value.provision == "6.4"
    assert extend(handler, investigating, 4).new_due == datetime.date(2026, 3, 30)
    with pytest.raises(DomainError):
        extend(handler, investigating, 1)


def test_a_stage_one_extension_beyond_ten_days_is_allowed_with_a_recorded_good_reason(
    investigating, handler
):
    extension = extend(
        handler,
        investigating,
        12,
        good_reason_beyond_maximum="  The structural survey cannot happen sooner.  ",
    )
    extension.refresh_from_db()
    assert extension.good_reason_beyond_maximum == "The structural survey cannot happen sooner."
    assert extension.new_due == datetime.date(2026, 4, 1)
    assert last_event(investigating).after["beyond_maximum"] is True


def test_a_blank_good_reason_does_not_lift_the_limit(investigating, handler):
    with pytest.raises(DomainError):
        extend(handler, investigating, 11, good_reason_beyond_maximum="   ")


def test_stage_two_extensions_add_up_to_at_most_twenty_working_days(stage_two, second_handler):
    extend(second_handler, stage_two, 15)
    extend(second_handler, stage_two, 5)
    with pytest.raises(DomainError) as error:
        extend(second_handler, stage_two, 1)
    assert (error.value.provision, error.value.field) == ("6.15", "working_days")
    assert stage_of(stage_two, 2).extensions.count() == 2


def test_a_stage_two_extension_of_twenty_working_days_is_within_the_limit(
    stage_two, second_handler
):
    extension = extend(second_handler, stage_two, 20)
    assert extension.previous_due == datetime.date(2026, 3, 30)
    assert extension.new_due == datetime.date(2026, 4, 29)  # past Good Friday and Easter Monday


def test_stage_one_extensions_do_not_count_against_stage_two(log_complaint, lifecycle, handler):
    complaint = lifecycle.investigating(log_complaint(received_at=london(2026, 3, 2, 9)))
    extend(handler, complaint, 10)
    lifecycle.respond(complaint)
    lifecycle.escalate(complaint)
    lifecycle.investigating(complaint, handler=lifecycle.second_handler, points=["The remedy"])
    assert extend(lifecycle.second_handler, complaint, 20).stage.number == 2


def test_a_stricter_policy_lowers_the_most_an_extension_can_add(
    landlord, system_actor, investigating, handler
):
    landlord_policy_update(landlord=landlord, actor=system_actor, stage1_extension_max_days=5)
    with pytest.raises(DomainError) as error:
        extend(handler, investigating, 6)
    assert error.value.provision == "6.4"


def test_an_extension_must_be_at_least_one_working_day(investigating, handler):
    with pytest.raises(DomainError) as error:
        extend(handler, investigating, 0)
    assert error.value.field == "working_days"


def test_an_extension_longer_than_a_working_year_is_refused_even_with_a_reason(
    investigating, handler
):
    with pytest.raises(DomainError) as error:
        extend(handler, investigating, 251, good_reason_beyond_maximum="A slip of the keyboard")
    assert error.value.field == "working_days"
    assert not Extension.objects.exists()


# ---------------------------------------------------------------- when


def test_a_complaint_not_yet_acknowledged_cannot_be_extended(log_complaint, lifecycle, handler):
    complaint = lifecycle.assign(lifecycle.define(log_complaint()))
    with pytest.raises(DomainError):
        extend(handler, complaint)
    assert not Extension.objects.exists()


def test_a_stage_with_its_response_cannot_be_extended(investigating, lifecycle, handler):
    lifecycle.respond(investigating)
    with pytest.raises(DomainError):
        extend(handler, investigating)


def test_the_resident_cannot_be_told_of_an_extension_in_the_future(investigating, handler):
    with pytest.raises(DomainError) as error:
        extend(handler, investigating, resident_informed_on=datetime.date(2026, 3, 3))
    assert error.value.field == "resident_informed_on"


def test_extending_needs_the_handle_permission(investigating, officer):
    watcher = Actor(
        label="Auditor",
        landlord_id=investigating.landlord_id,
        user=officer,
        permissions=frozenset({"complaints.view_all_complaints"}),
    )
    with pytest.raises(NotPermittedError):
        stage_extend(
            actor=watcher,
            complaint=investigating,
            working_days=5,
            reason="Waiting.",
            resident_informed_on=TODAY,
            ombudsman_details_given=True,
        )


def test_an_extension_is_one_event_and_one_change(investigating, handler):
    before_events = len(events(investigating))
    before_version = Complaint.objects.get(pk=investigating.pk).version
    extend(handler, investigating)
    assert len(events(investigating)) == before_events + 1
    assert Complaint.objects.get(pk=investigating.pk).version == before_version + 1
