"""A landlord's closure days: stored per landlord, read in one query, non-working for it alone."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from putright.core.errors import NotFoundError
from putright.landlords.services import landlord_create
from putright.workdays.models import ClosureDay
from putright.workdays.selectors import calendar_for_landlord, calendar_for_landlord_slug

pytestmark = pytest.mark.django_db


def test_closure_days_are_non_working_days_for_that_landlord_only(landlord) -> None:
    other = landlord_create(name="Hillside Housing", slug="hillside")
    ClosureDay.objects.create(
        landlord=landlord, date=date(2026, 12, 29), description="Office closed for Christmas"
    )

    own = calendar_for_landlord(landlord_id=landlord.pk)
    theirs = calendar_for_landlord(landlord_id=other.pk)

    assert not own.is_working_day(date(2026, 12, 29))
    assert theirs.is_working_day(date(2026, 12, 29))
    assert own.add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 31)
    assert theirs.add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 30)


def test_a_landlords_calendar_is_read_in_one_query(landlord, django_assert_num_queries) -> None:
    for day in (date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)):
        ClosureDay.objects.create(landlord=landlord, date=day, description="Closed")
    with django_assert_num_queries(1):
        calendar = calendar_for_landlord(landlord_id=landlord.pk)
    assert calendar.closures == {date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)}


def test_a_landlord_cannot_have_the_same_closure_day_twice(landlord) -> None:
    ClosureDay.objects.create(landlord=landlord, date=date(2026, 12, 29), description="Closed")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClosureDay.objects.create(landlord=landlord, date=date(2026, 12, 29), description="Again")


def test_closure_days_are_listed_in_date_order(landlord) -> None:
    for day in (date(2026, 12, 31), date(2026, 12, 29), date(2026, 12, 30)):
        ClosureDay.objects.create(landlord=landlord, date=day, description="Closed")
    assert [c.date for c in landlord.closure_days.all()] == [
        date(2026, 12, 29),
        date(2026, 12, 30),
        date(2026, 12, 31),
    ]


def test_a_landlords_calendar_can_be_found_by_its_slug(landlord) -> None:
    ClosureDay.objects.create(landlord=landlord, date=date(2026, 12, 29), description="Closed")
    assert not calendar_for_landlord_slug(slug="riverside").is_working_day(date(2026, 12, 29))
    with pytest.raises(NotFoundError):
        calendar_for_landlord_slug(slug="nobody")


def test_closure_days_can_be_added_in_the_admin(landlord, admin_client) -> None:
    response = admin_client.post(
        "/admin/workdays/closureday/add/",
        {"landlord": landlord.pk, "date": "2026-12-29", "description": "Office closed"},
    )
    assert response.status_code == 302, response.content
    assert ClosureDay.objects.filter(landlord=landlord, date=date(2026, 12, 29)).exists()
