"""Both paths of the working-day rules held to numpy's business-day functions as an oracle.

numpy and Putright number the days differently, so the oracle translates:

* ``add_working_days(start, n)`` for ``n > 0`` is the n-th working day *after* start, which
  is ``busday_offset(start, n, roll="backward")``: rolling a non-working start back to the
  working day before it changes nothing, because no working day lies between the two.
  (``roll="forward"`` would be one day late: it makes the first working day after a
  non-working start day 0, where for us it is day 1.)
* for ``n < 0`` it is ``busday_offset(start, n, roll="forward")``, by the mirror argument;
* for ``n == 0`` it is the start itself, working day or not.
* ``working_days_between(a, b)`` counts ``a < d <= b``; ``busday_count`` counts
  ``a <= d < b``, so ours is ``busday_count(a + 1 day, b + 1 day)``. When ``b < a`` ours is
  the negative of the same count with ``a`` and ``b`` swapped. (numpy's own reversed count
  is not the mirror of its forward one: it counts ``b < d <= a``, so it is not used.)

The bank holidays given to numpy come from ``bank_holidays``: these tests check the
arithmetic; ``test_bank_holidays_2022_2027.py`` checks the holidays against the official list.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
from hypothesis import given, settings
from hypothesis import strategies as st

from putright.workdays.rules import (
    DateArrayLike,
    WorkingCalendar,
    add_working_days,
    bank_holidays,
    working_days_between,
)

FIRST = date(2020, 1, 1)
LAST = date(2030, 12, 31)
MAX_N = 60

starts = st.dates(min_value=FIRST, max_value=LAST)
offsets = st.integers(min_value=-MAX_N, max_value=MAX_N)
# Closure days near the dates under test, so that they matter: offsets from a centre date.
closure_offsets = st.frozensets(st.integers(min_value=-90, max_value=90), max_size=12)


def oracle_holidays(closures: frozenset[date]) -> npt.NDArray[np.datetime64]:
    # A year either side, so a deadline counted across a year end still sees its holidays.
    days = {day for year in range(FIRST.year - 1, LAST.year + 2) for day in bank_holidays(year)}
    return np.array(sorted(days | closures), dtype="datetime64[D]")


def oracle_add(
    starts: DateArrayLike, ns: npt.ArrayLike, closures: frozenset[date]
) -> npt.NDArray[np.datetime64]:
    starts = np.asarray(starts, dtype="datetime64[D]")
    ns = np.asarray(ns, dtype=np.int64)
    holidays = oracle_holidays(closures)
    after = np.busday_offset(starts, ns, roll="backward", holidays=holidays)
    before = np.busday_offset(starts, ns, roll="forward", holidays=holidays)
    return np.where(ns > 0, after, np.where(ns < 0, before, starts))


def oracle_between(
    a: DateArrayLike, b: DateArrayLike, closures: frozenset[date]
) -> npt.NDArray[np.int64]:
    a = np.asarray(a, dtype="datetime64[D]") + np.timedelta64(1, "D")
    b = np.asarray(b, dtype="datetime64[D]") + np.timedelta64(1, "D")
    holidays = oracle_holidays(closures)
    early, late = np.minimum(a, b), np.maximum(a, b)
    count = np.busday_count(early, late, holidays=holidays)
    return np.where(b < a, -count, count)


def near(centre: date, days: frozenset[int]) -> frozenset[date]:
    return frozenset(centre + timedelta(days=k) for k in days)


@settings(max_examples=300, deadline=None)
@given(start=starts, n=offsets, closure_days=closure_offsets)
def test_add_working_days_agrees_with_numpy_busday_offset(
    start: date, n: int, closure_days: frozenset[int]
) -> None:
    closures = near(start, closure_days)
    expected = oracle_add([start], [n], closures)[0].item()
    assert add_working_days(start, n, closures) == expected


@settings(max_examples=200, deadline=None)
@given(
    centre=starts,
    pairs=st.lists(st.tuples(starts, offsets), min_size=1, max_size=60),
    closure_days=closure_offsets,
)
def test_the_batch_path_agrees_with_numpy_busday_offset(
    centre: date, pairs: list[tuple[date, int]], closure_days: frozenset[int]
) -> None:
    closures = near(centre, closure_days)
    batch_starts = [start for start, _ in pairs] + [centre]
    batch_ns = [n for _, n in pairs] + [pairs[0][1]]
    result = WorkingCalendar(closures=closures).add_working_days_batch(batch_starts, batch_ns)
    np.testing.assert_array_equal(result, oracle_add(batch_starts, batch_ns, closures))


@settings(max_examples=300, deadline=None)
@given(a=starts, b=starts, closure_days=closure_offsets)
def test_working_days_between_agrees_with_numpy_busday_count(
    a: date, b: date, closure_days: frozenset[int]
) -> None:
    closures = near(a, closure_days)
    expected = int(oracle_between([a], [b], closures)[0])
    assert working_days_between(a, b, closures) == expected
    batch = WorkingCalendar(closures=closures).working_days_between_batch([a], [b])
    assert batch.tolist() == [expected]


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=0, max_value=MAX_N), closure_days=closure_offsets)
def test_counting_the_working_days_to_a_deadline_gives_back_the_number_added(
    start: date, n: int, closure_days: frozenset[int]
) -> None:
    closures = near(start, closure_days)
    assert working_days_between(start, add_working_days(start, n, closures), closures) == n


def test_the_batch_path_agrees_with_numpy_for_every_start_from_2020_to_2030() -> None:
    # Exhaustive where hypothesis samples: every start date, every offset up to 45 either way.
    days = np.arange(np.datetime64(FIRST), np.datetime64(LAST) + 1)
    ns = np.arange(-45, 46)
    grid_starts, grid_ns = (a.ravel() for a in np.meshgrid(days, ns))
    result = WorkingCalendar().add_working_days_batch(grid_starts, grid_ns)
    np.testing.assert_array_equal(result, oracle_add(grid_starts, grid_ns, frozenset()))


def test_the_batch_count_agrees_with_numpy_for_every_pair_of_dates_a_quarter_apart() -> None:
    days = np.arange(np.datetime64(FIRST), np.datetime64(LAST) + 1)
    for gap in (-92, -1, 0, 1, 7, 92):
        ends = days + np.timedelta64(gap, "D")
        expected = oracle_between(days, ends, frozenset())
        result = WorkingCalendar().working_days_between_batch(days, ends)
        np.testing.assert_array_equal(result, expected)
