"""Closure days, set by a landlord's administrators in the admin, move the deadlines counted
across them (Code 6.2 and section 6: timescales are in working days)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from putright.accounts.models import User
from putright.complaints.selectors import stage_deadline
from putright.core.models import Event
from putright.workdays.models import ClosureDay
from putright.workdays.selectors import calendar_for_landlord

ADD = "/admin/workdays/closureday/add/"
# Monday 2 June 2025: no bank holiday that week or the next.
MONDAY = datetime.datetime(2025, 6, 2, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def administrator(make_staff) -> User:
    return make_staff("administrator", username="admin")


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def add_closure(client, landlord, day: datetime.date, description: str = "Office closed"):
    return client.post(
        ADD, {"landlord": landlord.pk, "date": day.isoformat(), "description": description}
    )


def test_a_closure_day_set_in_the_admin_moves_the_acknowledgement_deadline(
    admin_client, landlord, log_complaint
):
    before = log_complaint(received_at=MONDAY).stages.get().acknowledgement_due
    assert before == datetime.date(2025, 6, 9)
    response = add_closure(admin_client, landlord, datetime.date(2025, 6, 4))
    assert response.status_code == 302
    after = log_complaint(received_at=MONDAY).stages.get().acknowledgement_due
    assert after == datetime.date(2025, 6, 10)


def test_a_closure_day_changes_the_working_days_left_to_a_deadline(
    admin_client, landlord, log_complaint
):
    stage = log_complaint(received_at=MONDAY).stages.get()
    today = datetime.date(2025, 6, 3)
    left = stage_deadline(
        stage, calendar=calendar_for_landlord(landlord_id=landlord.pk), today=today
    )
    add_closure(admin_client, landlord, datetime.date(2025, 6, 5))
    now = stage_deadline(
        stage, calendar=calendar_for_landlord(landlord_id=landlord.pk), today=today
    )
    assert left is not None and now is not None
    assert now.working_days_left == left.working_days_left - 1


def test_a_weekend_or_bank_holiday_is_refused_as_a_closure_day(admin_client, landlord):
    saturday = add_closure(admin_client, landlord, datetime.date(2025, 6, 7))
    christmas = add_closure(admin_client, landlord, datetime.date(2025, 12, 25))
    for response in (saturday, christmas):
        assert response.status_code == 200
        assert "not a working day already" in response.content.decode()
    assert ClosureDay.objects.count() == 0


def test_the_same_closure_day_twice_is_refused_on_the_form(admin_client, landlord):
    add_closure(admin_client, landlord, datetime.date(2025, 12, 29))
    again = add_closure(admin_client, landlord, datetime.date(2025, 12, 29), "Again")
    assert again.status_code == 200
    assert ClosureDay.objects.count() == 1


def test_an_administrator_sets_and_sees_only_their_own_landlords_closure_days(
    admin_client, landlord, other_landlord
):
    ClosureDay.objects.create(
        landlord=other_landlord, date=datetime.date(2025, 12, 30), description="Hillside closed"
    )
    assert "Hillside closed" not in admin_client.get("/admin/workdays/closureday/").content.decode()
    response = add_closure(admin_client, other_landlord, datetime.date(2025, 12, 31))
    assert response.status_code == 200
    assert not ClosureDay.objects.filter(date=datetime.date(2025, 12, 31)).exists()


def test_an_administrator_removes_a_closure_day(admin_client, landlord):
    add_closure(admin_client, landlord, datetime.date(2025, 12, 29))
    closure = ClosureDay.objects.get()
    response = admin_client.post(
        f"/admin/workdays/closureday/{closure.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert ClosureDay.objects.count() == 0


# ---------------------------------------------------------------- the record (Code 5.12)


def test_adding_changing_and_deleting_a_closure_day_are_each_in_the_record(
    admin_client, administrator, landlord
):
    assert add_closure(admin_client, landlord, datetime.date(2025, 6, 4)).status_code == 302
    closure = ClosureDay.objects.get()
    change = f"/admin/workdays/closureday/{closure.pk}/change/"
    response = admin_client.post(
        change, {"landlord": landlord.pk, "date": "2025-06-05", "description": "Office move"}
    )
    assert response.status_code == 302
    response = admin_client.post(
        f"/admin/workdays/closureday/{closure.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not ClosureDay.objects.exists()

    events = list(
        Event.objects.filter(subject_type="workdays.closureday").order_by("occurred_at", "pk")
    )
    assert [e.action for e in events] == [
        "settings.closureday.added",
        "settings.closureday.changed",
        "settings.closureday.deleted",
    ]
    assert all(e.actor_user_id == administrator.pk for e in events)
    assert all(e.landlord_id == landlord.pk for e in events)
    assert events[1].before == {"date": "2025-06-04", "description": "Office closed"}
    assert events[1].after == {"date": "2025-06-05", "description": "Office move"}
