"""Code 5.9: when a response will fall outside the Code's timescales, the landlord agrees with the
resident how often they will be kept informed."""

from __future__ import annotations

import datetime

import pytest

from putright.complaints.services import stage_agree_updates
from putright.core.actors import Actor
from putright.core.errors import DomainError
from tests.complaints.lifecycle import last_event, stage_of


def agree(user, complaint, **changes):
    arguments = {
        "interval_working_days": 5,
        "method": "A phone call",
        "agreed_on": datetime.date(2026, 3, 2),
        **changes,
    }
    return stage_agree_updates(actor=Actor.for_user(user), complaint=complaint, **arguments)


@pytest.fixture
def investigating(log_complaint, lifecycle):
    return lifecycle.investigating(log_complaint())


def test_update_intervals_are_agreed_and_recorded_for_the_resident(investigating, handler):
    stage = agree(handler, investigating, method="  A phone call on Mondays  ")
    stage.refresh_from_db()
    assert stage.update_interval_working_days == 5
    assert stage.update_method == "A phone call on Mondays"
    assert stage.updates_agreed_on == datetime.date(2026, 3, 2)
    event = last_event(investigating)
    assert event.action == "stage.updates_agreed"
    assert event.visible_to_resident
    assert event.before["update_interval_working_days"] is None
    assert event.after["update_interval_working_days"] == 5


def test_update_intervals_can_be_changed_and_the_change_is_recorded(investigating, handler):
    agree(handler, investigating, interval_working_days=5)
    agree(handler, investigating, interval_working_days=3)
    event = last_event(investigating)
    assert event.before["update_interval_working_days"] == 5
    assert event.after["update_interval_working_days"] == 3


@pytest.mark.parametrize("days", [0, 251, 40_000])
def test_the_interval_must_be_from_one_working_day_to_a_working_year(investigating, handler, days):
    with pytest.raises(DomainError) as error:
        agree(handler, investigating, interval_working_days=days)
    assert error.value.field == "interval_working_days"
    assert stage_of(investigating, 1).update_interval_working_days is None


@pytest.mark.parametrize("method", ["", "  "])
def test_how_the_resident_will_be_updated_must_be_stated(investigating, handler, method):
    with pytest.raises(DomainError) as error:
        agree(handler, investigating, method=method)
    assert (error.value.provision, error.value.field) == ("5.9", "method")
    assert stage_of(investigating, 1).update_interval_working_days is None


def test_update_intervals_are_agreed_only_while_the_complaint_is_open(
    investigating, lifecycle, handler
):
    lifecycle.respond(investigating)
    with pytest.raises(DomainError):
        agree(handler, investigating)


def test_update_intervals_at_stage_two_belong_to_stage_two(
    log_complaint, lifecycle, second_handler
):
    complaint = lifecycle.stage_two_investigating(log_complaint())
    agree(second_handler, complaint, interval_working_days=10)
    assert stage_of(complaint, 2).update_interval_working_days == 10
    assert stage_of(complaint, 1).update_interval_working_days is None
