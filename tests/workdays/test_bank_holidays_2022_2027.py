"""Every date from 2022 to 2027 against the official list of England and Wales bank holidays.

The list below is typed from GOV.UK's "UK bank holidays" page (England and Wales), substitute
days as listed there, and is deliberately not derived from the ``holidays`` package that
Putright reads: if the package (or the way Putright reads it) is wrong, this test says so.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from putright.workdays.rules import WorkingCalendar, is_working_day

OFFICIAL_BANK_HOLIDAYS_ENGLAND_AND_WALES = {
    # 2022
    date(2022, 1, 3): "New Year's Day (substitute day)",
    date(2022, 4, 15): "Good Friday",
    date(2022, 4, 18): "Easter Monday",
    date(2022, 5, 2): "Early May bank holiday",
    date(2022, 6, 2): "Spring bank holiday",
    date(2022, 6, 3): "Platinum Jubilee bank holiday",
    date(2022, 8, 29): "Summer bank holiday",
    date(2022, 9, 19): "Bank Holiday for the State Funeral of Queen Elizabeth II",
    date(2022, 12, 26): "Boxing Day",
    date(2022, 12, 27): "Christmas Day (substitute day)",
    # 2023
    date(2023, 1, 2): "New Year's Day (substitute day)",
    date(2023, 4, 7): "Good Friday",
    date(2023, 4, 10): "Easter Monday",
    date(2023, 5, 1): "Early May bank holiday",
    date(2023, 5, 8): "Bank holiday for the coronation of King Charles III",
    date(2023, 5, 29): "Spring bank holiday",
    date(2023, 8, 28): "Summer bank holiday",
    date(2023, 12, 25): "Christmas Day",
    date(2023, 12, 26): "Boxing Day",
    # 2024
    date(2024, 1, 1): "New Year's Day",
    date(2024, 3, 29): "Good Friday",
    date(2024, 4, 1): "Easter Monday",
    date(2024, 5, 6): "Early May bank holiday",
    date(2024, 5, 27): "Spring bank holiday",
    date(2024, 8, 26): "Summer bank holiday",
    date(2024, 12, 25): "Christmas Day",
    date(2024, 12, 26): "Boxing Day",
    # 2025
    date(2025, 1, 1): "New Year's Day",
    date(2025, 4, 18): "Good Friday",
    date(2025, 4, 21): "Easter Monday",
    date(2025, 5, 5): "Early May bank holiday",
    date(2025, 5, 26): "Spring bank holiday",
    date(2025, 8, 25): "Summer bank holiday",
    date(2025, 12, 25): "Christmas Day",
    date(2025, 12, 26): "Boxing Day",
    # 2026
    date(2026, 1, 1): "New Year's Day",
    date(2026, 4, 3): "Good Friday",
    date(2026, 4, 6): "Easter Monday",
    date(2026, 5, 4): "Early May bank holiday",
    date(2026, 5, 25): "Spring bank holiday",
    date(2026, 8, 31): "Summer bank holiday",
    date(2026, 12, 25): "Christmas Day",
    date(2026, 12, 28): "Boxing Day (substitute day)",
    # 2027
    date(2027, 1, 1): "New Year's Day",
    date(2027, 3, 26): "Good Friday",
    date(2027, 3, 29): "Easter Monday",
    date(2027, 5, 3): "Early May bank holiday",
    date(2027, 5, 31): "Spring bank holiday",
    date(2027, 8, 30): "Summer bank holiday",
    date(2027, 12, 27): "Christmas Day (substitute day)",
    date(2027, 12, 28): "Boxing Day (substitute day)",
}


def every_date_from_2022_to_2027() -> list[date]:
    first, last = date(2022, 1, 1), date(2027, 12, 31)
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


def expected_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in OFFICIAL_BANK_HOLIDAYS_ENGLAND_AND_WALES


def test_the_official_list_has_eight_bank_holidays_a_year_plus_the_one_offs() -> None:
    # Guards the list itself against a typo that drops or duplicates a day.
    per_year = {
        year: sum(day.year == year for day in OFFICIAL_BANK_HOLIDAYS_ENGLAND_AND_WALES)
        for year in range(2022, 2028)
    }
    assert per_year == {2022: 10, 2023: 9, 2024: 8, 2025: 8, 2026: 8, 2027: 8}
    assert all(day.weekday() < 5 for day in OFFICIAL_BANK_HOLIDAYS_ENGLAND_AND_WALES)


def test_every_date_from_2022_to_2027_is_a_working_day_exactly_when_the_official_list_says():
    wrong = [
        (day.isoformat(), OFFICIAL_BANK_HOLIDAYS_ENGLAND_AND_WALES.get(day, "not a bank holiday"))
        for day in every_date_from_2022_to_2027()
        if is_working_day(day) != expected_working_day(day)
    ]
    assert wrong == []


def test_the_batch_tables_agree_with_the_official_list_on_every_date_from_2022_to_2027() -> None:
    days = every_date_from_2022_to_2027()
    # A day is a working day exactly when one working day lies in (day - 1, day].
    counted = WorkingCalendar().working_days_between_batch(
        np.array(days, dtype="datetime64[D]") - np.timedelta64(1, "D"), days
    )
    wrong = [
        day.isoformat()
        for day, count in zip(days, counted.tolist(), strict=True)
        if bool(count) != expected_working_day(day)
    ]
    assert wrong == []
