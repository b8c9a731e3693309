"""Following through (Code 6.6, 6.17, 7.3): outstanding actions due or overdue, and financial
remedies offered but not paid, listed for those who may see their complaints."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from putright.complaints.queues import QueueFilters
from putright.core.actors import Actor
from putright.core.errors import NotPermittedError
from putright.remedies.models import Remedy
from putright.remedies.selectors import action_queue_due, remedy_queue_unpaid
from putright.remedies.services import (
    action_add,
    action_cancel,
    action_complete,
    remedy_offer,
    remedy_record_payment,
    remedy_record_response,
)
from putright.workdays.selectors import calendar_for_landlord
from tests.complaints.test_queues import bulk_complaints


@pytest.fixture
def calendar(landlord):
    return calendar_for_landlord(landlord_id=landlord.pk)


@pytest.fixture
def complaint(log_complaint, lifecycle):
    return lifecycle.investigating(log_complaint())


def working_day(calendar, n: int) -> datetime.date:
    return calendar.add_working_days(timezone.localdate(), n)


def add_action(user, complaint, due_on):
    return action_add(
        actor=Actor.for_user(user),
        complaint=complaint,
        description="Replace the boiler.",
        due_on=due_on,
        owner=user,
    )


def offer_money(user, complaint, due_on, amount="150.00"):
    return remedy_offer(
        actor=Actor.for_user(user),
        complaint=complaint,
        kind=Remedy.Kind.FINANCIAL,
        description="Compensation for the time and trouble.",
        due_on=due_on,
        amounts={"amount_time_and_trouble": Decimal(amount)},
        payment_method=Remedy.PaymentMethod.BANK_TRANSFER,
    )


def actions(user, **kwargs) -> list[str]:
    return [
        row.action.description for row in action_queue_due(actor=Actor.for_user(user), **kwargs)
    ]


# ---------------------------------------------------------------- outstanding actions


def test_an_action_is_listed_from_two_working_days_before_it_is_due_until_it_is_done(
    complaint, handler, officer, calendar
):
    action = add_action(handler, complaint, working_day(calendar, 5))
    due = action.due_on
    assert (
        action_queue_due(
            actor=Actor.for_user(officer), today=calendar.add_working_days(due, -3)
        ).count()
        == 0
    )
    [row] = action_queue_due(
        actor=Actor.for_user(officer), today=calendar.add_working_days(due, -2)
    )
    assert (row.reference, row.deadline.description) == (complaint.reference, "2 working days left")
    [row] = action_queue_due(actor=Actor.for_user(officer), today=calendar.add_working_days(due, 4))
    assert row.deadline.description == "Overdue by 4 working days"
    action_complete(actor=Actor.for_user(handler), action=action)
    assert (
        action_queue_due(
            actor=Actor.for_user(officer), today=calendar.add_working_days(due, 4)
        ).count()
        == 0
    )


def test_a_cancelled_action_is_not_listed(complaint, handler, officer, calendar):
    action = add_action(handler, complaint, working_day(calendar, 1))
    action_cancel(actor=Actor.for_user(officer), action=action, reason="Done by the council")
    assert action_queue_due(actor=Actor.for_user(officer)).count() == 0


def test_actions_are_listed_for_those_who_see_the_complaint(
    complaint, handler, teammate, second_handler, other_landlord_officer, calendar
):
    add_action(handler, complaint, working_day(calendar, 1))
    assert action_queue_due(actor=Actor.for_user(teammate)).count() == 1
    assert action_queue_due(actor=Actor.for_user(second_handler)).count() == 0
    assert action_queue_due(actor=Actor.for_user(other_landlord_officer)).count() == 0


def test_the_action_queue_filters_by_owner_and_stage(
    complaint, handler, officer, teammate, calendar
):
    add_action(handler, complaint, working_day(calendar, 1))
    as_officer = Actor.for_user(officer)
    assert (
        action_queue_due(actor=as_officer, filters=QueueFilters(handler_id=handler.pk)).count() == 1
    )
    assert (
        action_queue_due(actor=as_officer, filters=QueueFilters(handler_id=teammate.pk)).count()
        == 0
    )
    assert action_queue_due(actor=as_officer, filters=QueueFilters(stage=1)).count() == 1
    assert action_queue_due(actor=as_officer, filters=QueueFilters(stage=2)).count() == 0


def test_the_board_has_no_action_queue(board_member):
    with pytest.raises(NotPermittedError):
        action_queue_due(actor=Actor.for_user(board_member))


# ---------------------------------------------------------------- remedies


def test_a_financial_remedy_is_listed_until_its_payment_is_recorded(
    complaint, handler, officer, calendar
):
    remedy = offer_money(handler, complaint, working_day(calendar, 3))
    [row] = remedy_queue_unpaid(actor=Actor.for_user(officer))
    assert (row.reference, row.remedy.total_amount) == (complaint.reference, Decimal("150.00"))
    assert row.deadline.due == remedy.due_on
    remedy_record_response(actor=Actor.for_user(handler), remedy=remedy, accepted=True)
    assert remedy_queue_unpaid(actor=Actor.for_user(officer)).count() == 1  # accepted, not paid
    remedy_record_payment(
        actor=Actor.for_user(handler), remedy=remedy, paid_on=timezone.localdate()
    )
    assert remedy_queue_unpaid(actor=Actor.for_user(officer)).count() == 0


def test_a_declined_or_non_financial_remedy_is_not_owed(complaint, handler, officer, calendar):
    declined = offer_money(handler, complaint, working_day(calendar, 3))
    remedy_record_response(actor=Actor.for_user(handler), remedy=declined, accepted=False)
    remedy_offer(
        actor=Actor.for_user(handler),
        complaint=complaint,
        kind=Remedy.Kind.APOLOGY,
        description="A written apology.",
        due_on=working_day(calendar, 3),
    )
    assert remedy_queue_unpaid(actor=Actor.for_user(officer)).count() == 0


def test_unpaid_remedies_are_listed_for_those_who_see_the_complaint(
    complaint, handler, second_handler, other_landlord_officer, calendar
):
    offer_money(handler, complaint, working_day(calendar, 3))
    assert remedy_queue_unpaid(actor=Actor.for_user(handler)).count() == 1
    assert remedy_queue_unpaid(actor=Actor.for_user(second_handler)).count() == 0
    assert remedy_queue_unpaid(actor=Actor.for_user(other_landlord_officer)).count() == 0


def test_unpaid_remedies_sort_by_amount(complaint, handler, officer, calendar):
    for amount in ("50.00", "300.00", "120.00"):
        offer_money(handler, complaint, working_day(calendar, 3), amount=amount)
    rows = remedy_queue_unpaid(actor=Actor.for_user(officer), sort="-amount")
    assert [row.remedy.total_amount for row in rows] == [
        Decimal("300.00"),
        Decimal("120.00"),
        Decimal("50.00"),
    ]


# ---------------------------------------------------------------- a fixed number of queries


@pytest.mark.parametrize("selector", [action_queue_due, remedy_queue_unpaid])
def test_following_through_is_read_in_the_same_queries_for_10_complaints_as_for_200(
    selector, landlord, officer, handler, django_assert_num_queries
):
    today = datetime.date(2026, 3, 2)
    actor = Actor.for_user(officer)
    for number in (10, 190):
        bulk_complaints(landlord=landlord, number=number, today=today, handler=handler)
        with django_assert_num_queries(2):  # the calendar, the rows
            rows = list(selector(actor=actor, today=today))
        assert rows
    assert len(rows) == 40  # one in five complaints is closed with an action and a remedy
