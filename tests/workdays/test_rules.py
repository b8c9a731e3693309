"""The working-day rules, checked by hand against the calendar. No database."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from putright.workdays.rules import (
    MAX_WORKING_DAYS,
    TABLE_FIRST_DAY,
    TABLE_LAST_DAY,
    WorkingCalendar,
    add_working_days,
    bank_holidays,
    is_working_day,
    receipt_date,
    working_days_between,
)

LONDON = ZoneInfo("Europe/London")
FIVE_PM = time(17, 0)


def london(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


# --- Which days are working days -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "what"),
    [
        (date(2026, 12, 25), "Christmas Day, a Friday"),
        (date(2026, 12, 28), "Boxing Day substitute, Monday (26 December 2026 is a Saturday)"),
        (date(2027, 1, 1), "New Year's Day, a Friday"),
        (date(2022, 1, 3), "New Year's Day substitute (1 January 2022 is a Saturday)"),
        (date(2022, 12, 27), "Christmas Day substitute (25 December 2022 is a Sunday)"),
        (date(2027, 12, 27), "Christmas Day substitute (25 December 2027 is a Saturday)"),
        (date(2027, 12, 28), "Boxing Day substitute (26 December 2027 is a Sunday)"),
        (date(2024, 3, 29), "Good Friday 2024"),
        (date(2024, 4, 1), "Easter Monday 2024"),
        (date(2025, 4, 18), "Good Friday 2025"),
        (date(2025, 4, 21), "Easter Monday 2025"),
        (date(2026, 4, 3), "Good Friday 2026"),
        (date(2026, 4, 6), "Easter Monday 2026"),
        (date(2027, 3, 26), "Good Friday 2027"),
        (date(2027, 3, 29), "Easter Monday 2027"),
        (date(2022, 6, 2), "spring bank holiday, moved to Thursday for the Platinum Jubilee"),
        (date(2022, 6, 3), "Platinum Jubilee bank holiday"),
        (date(2022, 9, 19), "state funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "coronation of King Charles III"),
        (date(2026, 5, 4), "early May bank holiday 2026"),
        (date(2026, 5, 25), "spring bank holiday 2026"),
        (date(2026, 8, 31), "summer bank holiday 2026"),
        (date(2025, 8, 25), "summer bank holiday 2025"),
    ],
)
def test_england_and_wales_bank_holidays_are_not_working_days(day: date, what: str) -> None:
    assert day.weekday() < 5, f"{what}: the case must be a weekday to test anything"
    assert not is_working_day(day), what


def test_ordinary_weekdays_are_working_days_and_weekends_are_not() -> None:
    assert is_working_day(date(2026, 12, 23))  # Wednesday
    assert is_working_day(date(2026, 12, 24))  # Christmas Eve is not a bank holiday
    assert is_working_day(date(2026, 12, 29))  # Tuesday after the Boxing Day substitute
    assert not is_working_day(date(2026, 12, 26))  # Saturday
    assert not is_working_day(date(2026, 12, 27))  # Sunday


def test_the_spring_bank_holiday_moved_in_2022_so_the_last_monday_of_may_was_worked() -> None:
    assert is_working_day(date(2022, 5, 30))


def test_only_the_substitute_weekday_is_listed_when_a_bank_holiday_falls_at_a_weekend() -> None:
    holidays_2026 = bank_holidays(2026)
    assert date(2026, 12, 28) in holidays_2026
    assert date(2026, 12, 26) not in holidays_2026
    assert all(day.weekday() < 5 for day in holidays_2026)


def test_scotland_only_holidays_are_working_days_in_england() -> None:
    assert is_working_day(date(2026, 1, 2))  # 2 January: a bank holiday in Scotland only
    assert is_working_day(date(2026, 11, 30))  # St Andrew's Day (Monday), Scotland only
    assert is_working_day(date(2026, 8, 3))  # Scotland's summer bank holiday
    assert is_working_day(date(2026, 3, 17))  # St Patrick's Day: Northern Ireland only


def test_a_landlord_closure_day_is_not_a_working_day() -> None:
    closures = frozenset({date(2026, 12, 29)})
    assert not is_working_day(date(2026, 12, 29), closures)
    assert is_working_day(date(2026, 12, 29))


def test_a_datetime_is_refused_where_a_date_is_meant() -> None:
    # datetime(2026, 12, 25) != date(2026, 12, 25): accepted, it would miss Christmas.
    with pytest.raises(TypeError):
        is_working_day(datetime(2026, 12, 25, 9, 0, tzinfo=UTC))


# --- Adding working days ---------------------------------------------------------------------


def test_three_working_days_from_23_december_2026_skip_christmas_and_the_boxing_day_substitute():
    # Day 0 Wed 23; 1 Thu 24; Fri 25 Christmas; weekend; Mon 28 substitute; 2 Tue 29; 3 Wed 30.
    assert add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 30)


def test_a_stage_one_acknowledgement_due_over_new_year_skips_both_holidays() -> None:
    # Code 6.2 (5 working days) from Wed 23 Dec 2026: 24, 29, 30, 31 Dec, then Mon 4 Jan 2027.
    assert add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)


def test_the_day_after_new_years_eve_2026_is_monday_4_january() -> None:
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2024, 3, 28), date(2024, 4, 2)),  # Maundy Thursday to the Tuesday after Easter
        (date(2025, 4, 17), date(2025, 4, 22)),
        (date(2026, 4, 2), date(2026, 4, 7)),
        (date(2027, 3, 25), date(2027, 3, 30)),
    ],
)
def test_the_working_day_after_maundy_thursday_is_the_tuesday_after_easter(
    start: date, expected: date
) -> None:
    assert add_working_days(start, 1) == expected


def test_the_working_day_after_friday_16_september_2022_is_tuesday_after_the_state_funeral():
    assert add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)


def test_five_working_days_across_may_2023_skip_the_early_may_and_coronation_holidays() -> None:
    # From Fri 28 Apr 2023: Mon 1 May holiday; 2, 3, 4, 5 May; Mon 8 May coronation; Tue 9 May.
    assert add_working_days(date(2023, 4, 28), 5) == date(2023, 5, 9)


def test_the_working_day_after_1_june_2022_is_monday_6_june_after_the_jubilee_holidays():
    assert add_working_days(date(2022, 6, 1), 1) == date(2022, 6, 6)


def test_the_working_day_after_the_friday_before_the_summer_bank_holiday_is_tuesday() -> None:
    assert add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 1)


def test_adding_zero_working_days_returns_the_start_even_on_a_non_working_day() -> None:
    assert add_working_days(date(2026, 12, 26), 0) == date(2026, 12, 26)  # Saturday
    assert add_working_days(date(2026, 12, 25), 0) == date(2026, 12, 25)  # Christmas Day


def test_from_a_non_working_day_the_first_working_day_after_it_is_day_one() -> None:
    assert add_working_days(date(2026, 12, 26), 1) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 25), 2) == date(2026, 12, 30)


def test_negative_working_days_count_back_from_the_start() -> None:
    assert add_working_days(date(2027, 1, 4), -1) == date(2026, 12, 31)
    assert add_working_days(date(2026, 12, 29), -1) == date(2026, 12, 24)
    assert add_working_days(date(2026, 12, 30), -3) == date(2026, 12, 23)


def test_counting_back_from_a_non_working_day_starts_with_the_working_day_before_it() -> None:
    assert add_working_days(date(2026, 12, 26), -1) == date(2026, 12, 24)
    assert add_working_days(date(2026, 12, 28), -2) == date(2026, 12, 23)


def test_closure_days_move_a_deadline_on() -> None:
    closures = frozenset({date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)})
    # Day 1 Thu 24 Dec; closed until the New Year; 2 Mon 4 Jan; 3 Tue 5 Jan.
    assert add_working_days(date(2026, 12, 23), 3, closures) == date(2027, 1, 5)


def test_a_closure_day_at_a_weekend_or_on_a_bank_holiday_changes_nothing() -> None:
    closures = frozenset({date(2026, 12, 26), date(2026, 12, 28)})
    assert add_working_days(date(2026, 12, 23), 3, closures) == date(2026, 12, 30)


def test_an_offset_beyond_the_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="out of range"):
        add_working_days(date(2026, 1, 1), MAX_WORKING_DAYS + 1)
    with pytest.raises(TypeError):
        add_working_days(date(2026, 1, 1), 1.5)  # type: ignore[arg-type]


# --- Counting working days between two dates ------------------------------------------------


def test_working_days_between_counts_days_after_the_first_date_up_to_and_including_the_second():
    assert working_days_between(date(2026, 12, 23), date(2027, 1, 4)) == 5
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 24)) == 1
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 28)) == 0
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 23)) == 0


def test_working_days_between_is_negative_when_the_second_date_is_earlier() -> None:
    assert working_days_between(date(2027, 1, 4), date(2026, 12, 23)) == -5


def test_working_days_between_skips_closure_days() -> None:
    closures = frozenset({date(2026, 12, 29)})
    assert working_days_between(date(2026, 12, 23), date(2027, 1, 4), closures) == 4


# --- When a complaint counts as received -----------------------------------------------------


def test_a_complaint_received_before_the_cut_off_on_a_working_day_counts_that_day() -> None:
    assert receipt_date(london(2026, 12, 23, 16, 59), FIVE_PM) == date(2026, 12, 23)


def test_a_complaint_received_at_the_cut_off_counts_as_received_next_working_day() -> None:
    assert receipt_date(london(2026, 12, 23, 17, 0), FIVE_PM) == date(2026, 12, 24)


def test_a_complaint_received_after_the_cut_off_counts_as_received_next_working_day() -> None:
    # Thursday 24 December 2026, evening: next working day is Tuesday 29 December.
    assert receipt_date(london(2026, 12, 24, 18, 30), FIVE_PM) == date(2026, 12, 29)


def test_a_complaint_received_on_a_friday_evening_counts_as_received_on_monday() -> None:
    assert receipt_date(london(2026, 6, 5, 19, 0), FIVE_PM) == date(2026, 6, 8)


def test_a_complaint_received_at_a_weekend_counts_as_received_next_working_day() -> None:
    assert receipt_date(london(2026, 6, 6, 10, 0), FIVE_PM) == date(2026, 6, 8)
    assert receipt_date(london(2026, 6, 7, 9, 0), FIVE_PM) == date(2026, 6, 8)


def test_a_complaint_received_on_a_bank_holiday_counts_as_received_next_working_day() -> None:
    assert receipt_date(london(2026, 12, 25, 9, 0), FIVE_PM) == date(2026, 12, 29)
    assert receipt_date(london(2026, 8, 31, 11, 0), FIVE_PM) == date(2026, 9, 1)


def test_a_complaint_received_on_a_closure_day_counts_as_received_next_working_day() -> None:
    closures = frozenset({date(2026, 12, 29)})
    assert receipt_date(london(2026, 12, 29, 10, 0), FIVE_PM, closures) == date(2026, 12, 30)


def test_receipt_is_judged_by_the_clock_in_london_not_utc() -> None:
    # 16:30 UTC in June is 17:30 in London (BST): after the cut-off.
    assert receipt_date(datetime(2026, 6, 3, 16, 30, tzinfo=UTC), FIVE_PM) == date(2026, 6, 4)
    # 16:30 UTC in January is 16:30 in London (GMT): before it.
    assert receipt_date(datetime(2026, 1, 7, 16, 30, tzinfo=UTC), FIVE_PM) == date(2026, 1, 7)
    # 23:30 UTC on Sunday 31 May is 00:30 on Monday 1 June in London: a working day.
    assert receipt_date(datetime(2026, 5, 31, 23, 30, tzinfo=UTC), FIVE_PM) == date(2026, 6, 1)


def test_a_naive_receipt_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        receipt_date(datetime(2026, 6, 3, 10, 0), FIVE_PM)


# --- The calendar object and its batch path --------------------------------------------------


def test_a_working_calendar_applies_its_closure_days_to_every_rule() -> None:
    calendar = WorkingCalendar(closures=frozenset({date(2026, 12, 29)}))
    assert not calendar.is_working_day(date(2026, 12, 29))
    assert calendar.add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 31)
    assert calendar.working_days_between(date(2026, 12, 23), date(2026, 12, 31)) == 3
    assert calendar.receipt_date(london(2026, 12, 24, 18, 0), FIVE_PM) == date(2026, 12, 30)


def test_a_working_calendar_accepts_any_collection_of_closure_days() -> None:
    calendar = WorkingCalendar(closures={date(2026, 12, 29)})  # type: ignore[arg-type]
    assert calendar.closures == frozenset({date(2026, 12, 29)})
    assert hash(calendar) == hash(WorkingCalendar(closures=frozenset({date(2026, 12, 29)})))


def test_the_batch_path_takes_arrays_and_gives_datetime64_days_in_the_same_shape() -> None:
    calendar = WorkingCalendar()
    starts = np.array(["2026-12-23", "2026-12-26", "2026-12-26", "2027-01-04"], "datetime64[D]")
    result = calendar.add_working_days_batch(starts, np.array([3, 0, 1, -1]))
    assert result.dtype == np.dtype("datetime64[D]")
    assert result.tolist() == [
        date(2026, 12, 30),
        date(2026, 12, 26),
        date(2026, 12, 29),
        date(2026, 12, 31),
    ]
    grid = calendar.add_working_days_batch(starts.reshape(2, 2), 1)
    assert grid.shape == (2, 2)


def test_the_batch_path_accepts_lists_of_dates() -> None:
    calendar = WorkingCalendar(closures=frozenset({date(2026, 12, 29)}))
    result = calendar.add_working_days_batch([date(2026, 12, 23)], [3])
    assert result.tolist() == [date(2026, 12, 31)]


def test_the_batch_path_answers_dates_outside_its_table_like_the_scalar_path() -> None:
    calendar = WorkingCalendar()
    starts = [
        TABLE_FIRST_DAY - timedelta(days=400),
        TABLE_FIRST_DAY + timedelta(days=2),  # counting back leaves the table
        TABLE_LAST_DAY - timedelta(days=3),  # counting on leaves the table
        date(2150, 12, 24),
    ]
    ns = [5, -30, 30, 3]
    expected = [add_working_days(start, n) for start, n in zip(starts, ns, strict=True)]
    assert calendar.add_working_days_batch(starts, ns).tolist() == expected
    ends = [start + timedelta(days=45) for start in starts]
    assert calendar.working_days_between_batch(starts, ends).tolist() == [
        working_days_between(start, end) for start, end in zip(starts, ends, strict=True)
    ]


def test_the_batch_path_refuses_missing_dates_and_fractional_offsets() -> None:
    calendar = WorkingCalendar()
    with pytest.raises(ValueError, match="NaT"):
        calendar.add_working_days_batch(np.array(["NaT"], "datetime64[D]"), [1])
    with pytest.raises(TypeError):
        calendar.add_working_days_batch([date(2026, 1, 5)], [1.5])
    with pytest.raises(ValueError, match="out of range"):
        calendar.add_working_days_batch([date(2026, 1, 5)], [MAX_WORKING_DAYS + 1])


def test_the_batch_count_of_working_days_between_matches_the_hand_count() -> None:
    calendar = WorkingCalendar()
    result = calendar.working_days_between_batch(
        np.array(["2026-12-23", "2027-01-04"], "datetime64[D]"),
        np.array(["2027-01-04", "2026-12-23"], "datetime64[D]"),
    )
    assert result.tolist() == [5, -5]
