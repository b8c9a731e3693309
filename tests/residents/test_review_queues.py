"""Kept under review: restrictions on contact (Code 5.14) and reasonable adjustments (Code 5.10),
listed from two working days before their review date, for the roles that may review them."""

from __future__ import annotations

import datetime

import pytest

from putright.complaints.queues import QueueFilters
from putright.core.actors import Actor
from putright.core.errors import NotPermittedError
from putright.landlords.models import Entity
from putright.residents.models import ReasonableAdjustment
from putright.residents.selectors import (
    adjustment_queue_due_for_review,
    restriction_queue_due_for_review,
)
from putright.residents.services import (
    adjustment_record,
    property_create,
    resident_create,
    restriction_impose,
)
from putright.workdays.rules import WorkingCalendar
from tests.complaints.test_queues import bulk_complaints

REVIEW = datetime.date(2026, 6, 10)  # a Wednesday
CALENDAR = WorkingCalendar()


def impose(manager, resident, review_on=REVIEW):
    return restriction_impose(
        actor=Actor.for_user(manager),
        resident=resident,
        behaviour="Abusive phone calls to the repairs team.",
        evidence="Call recordings; incident log 4471.",
        restriction="Contact by email to one named officer.",
        equality_considerations="No disability disclosed; email suits the resident.",
        starts_on=datetime.date(2026, 3, 2),
        review_on=review_on,
    )


def agree(officer, resident, review_on=REVIEW):
    return adjustment_record(
        actor=Actor.for_user(officer),
        resident=resident,
        kind=ReasonableAdjustment.Kind.LARGE_PRINT,
        agreed_on=datetime.date(2026, 3, 2),
        details="Letters in 18 point.",
        review_on=review_on,
    )


def on(n: int) -> datetime.date:
    return CALENDAR.add_working_days(REVIEW, n)


# ---------------------------------------------------------------- restrictions


def test_a_restriction_is_listed_from_two_working_days_before_its_review(manager, resident):
    impose(manager, resident)
    actor = Actor.for_user(manager)
    assert restriction_queue_due_for_review(actor=actor, today=on(-3)).count() == 0
    [row] = restriction_queue_due_for_review(actor=actor, today=on(-2))
    assert (row.restriction.resident, row.deadline.description) == (
        resident,
        "2 working days left",
    )
    [row] = restriction_queue_due_for_review(actor=actor, today=on(1))
    assert row.deadline.is_overdue


def test_only_those_who_review_restrictions_have_the_restriction_queue(officer, handler):
    for user in (officer, handler):
        with pytest.raises(NotPermittedError):
            restriction_queue_due_for_review(actor=Actor.for_user(user))


def test_another_landlords_restrictions_are_not_listed(
    manager, resident, make_staff, other_landlord
):
    impose(manager, resident)
    other_manager = make_staff("senior_lead")
    other_manager.landlord = other_landlord
    other_manager.save()
    assert (
        restriction_queue_due_for_review(actor=Actor.for_user(other_manager), today=on(1)).count()
        == 0
    )


# ---------------------------------------------------------------- reasonable adjustments


def test_an_adjustment_is_listed_from_two_working_days_before_its_review(officer, resident):
    agree(officer, resident)
    actor = Actor.for_user(officer)
    assert adjustment_queue_due_for_review(actor=actor, today=on(-3)).count() == 0
    [row] = adjustment_queue_due_for_review(actor=actor, today=on(0))
    assert (row.adjustment.resident, row.deadline.description) == (resident, "Due today")


def test_adjustments_are_special_category_data_and_not_shown_to_handlers(
    officer, handler, resident
):
    agree(officer, resident)
    with pytest.raises(NotPermittedError):
        adjustment_queue_due_for_review(actor=Actor.for_user(handler))


def test_review_queues_filter_by_the_entity_that_owns_the_home(
    landlord, system_actor, officer, manager, resident
):
    north = Entity.objects.create(landlord=landlord, name="North Homes")
    home = property_create(
        actor=system_actor, landlord=landlord, address_line_1="3 North Road", postcode="NR1 1AA"
    )
    home.entity = north
    home.save()
    northerner = resident_create(actor=system_actor, landlord=landlord, name="Jo North", home=home)
    for person in (resident, northerner):
        impose(manager, person)
        agree(officer, person)
    north_only = QueueFilters(entity_id=north.pk)
    [row] = restriction_queue_due_for_review(
        actor=Actor.for_user(manager), today=on(0), filters=north_only
    )
    assert row.restriction.resident == northerner
    [row] = adjustment_queue_due_for_review(
        actor=Actor.for_user(officer), today=on(0), filters=north_only
    )
    assert row.adjustment.resident == northerner


# ---------------------------------------------------------------- a fixed number of queries


@pytest.mark.parametrize(
    "selector", [restriction_queue_due_for_review, adjustment_queue_due_for_review]
)
def test_review_queues_are_read_in_the_same_queries_for_10_complaints_as_for_200(
    selector, landlord, manager, handler, django_assert_num_queries
):
    today = datetime.date(2026, 3, 2)
    actor = Actor.for_user(manager)
    for number in (10, 190):
        bulk_complaints(landlord=landlord, number=number, today=today, handler=handler)
        with django_assert_num_queries(2):  # the calendar, the rows
            rows = list(selector(actor=actor, today=today))
        assert rows
    assert len(rows) == 40
