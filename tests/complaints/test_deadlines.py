"""Where a stage stands against its next deadline, in working days (Code 6.2, 6.3, 6.11, 6.14)."""

from __future__ import annotations

import datetime

import pytest

from putright.complaints.selectors import stage_deadline
from putright.complaints.services import stage_extend
from putright.core.actors import Actor
from putright.workdays.models import ClosureDay
from putright.workdays.selectors import calendar_for_landlord
from tests.complaints.lifecycle import london, stage_of


@pytest.fixture
def calendar(landlord):
    return calendar_for_landlord(landlord_id=landlord.pk)


@pytest.fixture
def logged(log_complaint):
    """Received Monday 2 March 2026: acknowledgement due Monday 9 March."""
    return log_complaint(received_at=london(2026, 3, 2, 9))


@pytest.fixture
def acknowledged(time_machine, log_complaint, lifecycle):
    """Acknowledged Monday 2 March 2026: response due Monday 16 March."""
    time_machine.move_to(london(2026, 3, 2, 12), tick=False)
    complaint = lifecycle.investigating(log_complaint(received_at=london(2026, 3, 2, 9)))
    time_machine.move_to(london(2026, 11, 23, 12), tick=False)
    return complaint


def deadline_on(complaint, calendar, day, number=1):
    return stage_deadline(stage_of(complaint, number), calendar=calendar, today=day)


def test_an_unacknowledged_stage_counts_down_to_its_acknowledgement(logged, calendar):
    deadline = deadline_on(logged, calendar, datetime.date(2026, 3, 4))
    assert (deadline.kind, deadline.due, deadline.working_days_left) == (
        "acknowledgement",
        datetime.date(2026, 3, 9),
        3,
    )
    assert deadline.description == "3 working days left"
    assert not deadline.is_due_soon
    assert not deadline.is_overdue


def test_the_days_left_are_working_days(logged, calendar):
    # From Friday 6 March to Monday 9 March is one working day, not three days.
    assert deadline_on(logged, calendar, datetime.date(2026, 3, 6)).working_days_left == 1


def test_a_deadline_today_is_due_today_and_due_soon(logged, calendar):
    deadline = deadline_on(logged, calendar, datetime.date(2026, 3, 9))
    assert deadline.working_days_left == 0
    assert deadline.description == "Due today"
    assert deadline.is_due_soon
    assert not deadline.is_overdue


@pytest.mark.parametrize(
    ("today", "left", "soon", "description"),
    [
        (datetime.date(2026, 3, 5), 2, True, "2 working days left"),
        (datetime.date(2026, 3, 6), 1, True, "1 working day left"),
        (datetime.date(2026, 3, 4), 3, False, "3 working days left"),
    ],
)
def test_a_deadline_two_working_days_away_or_less_is_due_soon(
    logged, calendar, today, left, soon, description
):
    deadline = deadline_on(logged, calendar, today)
    assert (deadline.working_days_left, deadline.is_due_soon, deadline.description) == (
        left,
        soon,
        description,
    )


@pytest.mark.parametrize(
    ("today", "overdue_by", "description"),
    [
        (datetime.date(2026, 3, 10), 1, "Overdue by 1 working day"),
        (datetime.date(2026, 3, 12), 3, "Overdue by 3 working days"),
        (datetime.date(2026, 3, 16), 5, "Overdue by 5 working days"),
    ],
)
def test_a_passed_deadline_is_overdue_by_the_working_days_since(
    logged, calendar, today, overdue_by, description
):
    deadline = deadline_on(logged, calendar, today)
    assert deadline.working_days_left == -overdue_by
    assert deadline.is_overdue
    assert not deadline.is_due_soon
    assert deadline.description == description


def test_a_deadline_that_passed_on_friday_is_overdue_at_the_weekend(log_complaint, calendar):
    # Received Friday 27 February 2026: acknowledgement due Friday 6 March.
    complaint = log_complaint(received_at=london(2026, 2, 27, 9))
    assert stage_of(complaint, 1).acknowledgement_due == datetime.date(2026, 3, 6)
    for weekend_day in (datetime.date(2026, 3, 7), datetime.date(2026, 3, 8)):
        deadline = deadline_on(complaint, calendar, weekend_day)
        assert deadline.is_overdue
        assert deadline.description == "Overdue by 1 working day"
    assert deadline_on(complaint, calendar, datetime.date(2026, 3, 9)).working_days_left == -1


def test_an_acknowledged_stage_counts_down_to_its_response(acknowledged, calendar):
    deadline = deadline_on(acknowledged, calendar, datetime.date(2026, 3, 9))
    assert (deadline.kind, deadline.due, deadline.working_days_left) == (
        "response",
        datetime.date(2026, 3, 16),
        5,
    )


def test_an_extension_moves_the_response_deadline(acknowledged, calendar, handler):
    stage_extend(
        actor=Actor.for_user(handler),
        complaint=acknowledged,
        working_days=5,
        reason="Waiting for a survey.",
        resident_informed_on=datetime.date(2026, 3, 9),
        ombudsman_details_given=True,
    )
    deadline = deadline_on(acknowledged, calendar, datetime.date(2026, 3, 16))
    assert (deadline.due, deadline.working_days_left) == (datetime.date(2026, 3, 23), 5)


def test_a_closure_day_is_not_counted_as_a_day_left(landlord, logged):
    ClosureDay.objects.create(landlord=landlord, date=datetime.date(2026, 3, 5), description="Away")
    calendar = calendar_for_landlord(landlord_id=landlord.pk)
    assert deadline_on(logged, calendar, datetime.date(2026, 3, 4)).working_days_left == 2


def test_there_is_no_deadline_once_the_stage_has_its_response(log_complaint, lifecycle, calendar):
    complaint = lifecycle.responded(log_complaint())
    assert deadline_on(complaint, calendar, datetime.date(2026, 11, 23)) is None


def test_stage_two_counts_down_to_its_own_acknowledgement(log_complaint, lifecycle, calendar):
    complaint = lifecycle.responded(log_complaint())
    lifecycle.escalate(complaint, requested_at=london(2026, 3, 9, 10))
    deadline = deadline_on(complaint, calendar, datetime.date(2026, 3, 12), number=2)
    assert (deadline.kind, deadline.due, deadline.working_days_left) == (
        "acknowledgement",
        datetime.date(2026, 3, 16),
        2,
    )


def test_today_is_londons_date_when_not_given(log_complaint, calendar, time_machine):
    # Received Monday 1 June 2026: acknowledgement due Monday 8 June. At 23:30 UTC on Sunday
    # 7 June it is already 00:30 on Monday in London (BST): due today, not a day left.
    complaint = log_complaint(received_at=london(2026, 6, 1, 9))
    time_machine.move_to(datetime.datetime(2026, 6, 7, 23, 30, tzinfo=datetime.UTC), tick=False)
    assert stage_deadline(stage_of(complaint, 1), calendar=calendar).description == "Due today"
    time_machine.move_to(datetime.datetime(2026, 6, 7, 22, 30, tzinfo=datetime.UTC), tick=False)
    assert stage_deadline(stage_of(complaint, 1), calendar=calendar).working_days_left == 1


def test_a_deadline_is_worked_out_without_touching_the_database(
    logged, calendar, django_assert_num_queries
):
    stage = stage_of(logged, 1)
    with django_assert_num_queries(0):
        assert stage_deadline(stage, calendar=calendar, today=datetime.date(2026, 3, 4)) is not None
