"""Working days: the unit of every deadline in the Complaint Handling Code.

A working day is a Monday to Friday that is not an England and Wales bank holiday and not a
day the landlord has declared closed (a *closure day*). Pure Python and numpy: no Django and
no database, so the rules are tested on their own and used by any part of Putright.

Two paths give the same answers:

* the scalar functions (``is_working_day``, ``add_working_days``, ``working_days_between``,
  ``receipt_date``) walk the calendar a day at a time. They are the definition: short,
  readable, correct for any date ``datetime.date`` can hold.
* ``WorkingCalendar.add_working_days_batch`` and ``working_days_between_batch`` answer
  millions of questions at once from a table of working-day ordinals built once per set of
  closure days (see ``_Table``). Inputs outside the table's span fall back to the scalar path.

The tests hold both paths to ``numpy.busday_offset``/``numpy.busday_count`` as an oracle.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import numpy.typing as npt

LONDON = ZoneInfo("Europe/London")

# The span the batch tables cover. Wide enough for any complaint a landlord still holds and
# any deadline set in the coming decades; dates outside it are still answered (more slowly).
TABLE_FIRST_DAY = date(2000, 1, 1)
TABLE_LAST_DAY = date(2079, 12, 31)

# About 40 years of working days. The Code's longest timescale is 20 working days; a larger
# offset is a mistake in the input, and refusing it keeps the day-by-day walk bounded.
MAX_WORKING_DAYS = 10_000

NO_CLOSURES: frozenset[date] = frozenset()

# What the batch functions take as dates: a datetime64[D] array is fastest.
DateArrayLike = npt.ArrayLike | Sequence[date]

_ONE_DAY = timedelta(days=1)
_EPOCH = date(1970, 1, 1)  # day 0 of numpy's datetime64[D]; a Thursday


@functools.lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[date]:
    """The England and Wales bank holidays of ``year``, as the weekdays on which they are taken.

    The source is the ``holidays`` package (``GB``, subdivision ``ENG``; without the
    subdivision it omits Easter Monday and the summer bank holiday). It lists a holiday
    that falls at a weekend twice: on the weekend date itself ("Boxing Day", Saturday
    26 December 2026) and on the substitute weekday ("Boxing Day (observed)", Monday
    28 December 2026). The official list names only the substitute day, and the weekend date
    is not a working day anyway, so keeping the weekdays gives exactly the official list,
    one-off holidays (jubilees, coronation, state funeral) included.
    """
    listed = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return frozenset(day for day in listed if day.year == year and day.weekday() < 5)


def is_working_day(day: date, closures: frozenset[date] = NO_CLOSURES) -> bool:
    """Monday to Friday, not a bank holiday, and not one of the landlord's closure days."""
    _require_date(day, "day")
    return _is_working(day, closures)


def add_working_days(start: date, n: int, closures: frozenset[date] = NO_CLOSURES) -> date:
    """The ``n``-th working day after ``start``; the ``-n``-th before it when ``n`` is negative.

    ``start`` is day 0 and need not be a working day: ``n == 0`` returns it unchanged, and
    from a Saturday the first working day after it (usually the Monday) is day 1.
    """
    _require_date(start, "start")
    n = _require_offset(n)
    step = _ONE_DAY if n > 0 else -_ONE_DAY
    day = start
    remaining = abs(n)
    try:
        while remaining:
            day += step
            if _is_working(day, closures):
                remaining -= 1
    except OverflowError:
        raise ValueError("the result would fall outside the years 1 to 9999") from None
    return day


def working_days_between(a: date, b: date, closures: frozenset[date] = NO_CLOSURES) -> int:
    """How many working days ``d`` have ``a < d <= b``; negative (counting ``b < d <= a``) if b < a.

    The inverse of ``add_working_days``: ``working_days_between(a, add_working_days(a, n)) == n``
    for every ``n >= 0``, so "working days taken" and "deadline" always agree.
    """
    _require_date(a, "a")
    _require_date(b, "b")
    if b < a:
        return -working_days_between(b, a, closures)
    count = 0
    day = a
    while day < b:
        day += _ONE_DAY
        if _is_working(day, closures):
            count += 1
    return count


def receipt_date(
    received_at: datetime, cutoff: time, closures: frozenset[date] = NO_CLOSURES
) -> date:
    """The working day a complaint counts as received, from which the Code's timescales run.

    ``received_at`` must be timezone-aware; it is read as a date and time in London.
    A complaint received on a day that is not a working day, or at or after the landlord's
    daily cut-off (a London wall-clock time, e.g. 17:00), counts as received on the next
    working day.
    """
    if not isinstance(received_at, datetime):
        raise TypeError(f"received_at must be a datetime, not {type(received_at).__name__}")
    if received_at.utcoffset() is None:
        raise ValueError("received_at must be timezone-aware: a naive time is ambiguous")
    if cutoff.tzinfo is not None:
        raise ValueError("the cut-off is a time of day in London and must not carry a time zone")
    local = received_at.astimezone(LONDON)
    day = local.date()
    if not _is_working(day, closures) or local.time() >= cutoff:
        return add_working_days(day, 1, closures)
    return day


@dataclass(frozen=True)
class WorkingCalendar:
    """The working-day rules with one landlord's closure days bound in.

    Build one with ``putright.workdays.selectors.calendar_for_landlord``. It is immutable and
    hashable, so it can be shared across threads and used as a cache key.
    """

    closures: frozenset[date] = field(default=NO_CLOSURES)

    def __post_init__(self) -> None:
        # Accept any iterable of dates, but hold a frozenset: it is the key of the table cache.
        if not isinstance(self.closures, frozenset):
            object.__setattr__(self, "closures", frozenset(self.closures))
        for day in self.closures:
            _require_date(day, "a closure day")

    def is_working_day(self, day: date) -> bool:
        return is_working_day(day, self.closures)

    def add_working_days(self, start: date, n: int) -> date:
        return add_working_days(start, n, self.closures)

    def working_days_between(self, a: date, b: date) -> int:
        return working_days_between(a, b, self.closures)

    def receipt_date(self, received_at: datetime, cutoff: time) -> date:
        return receipt_date(received_at, cutoff, self.closures)

    def add_working_days_batch(
        self, starts: DateArrayLike, ns: npt.ArrayLike
    ) -> npt.NDArray[np.datetime64]:
        """``add_working_days`` for many deadlines at once: arrays in, an array out.

        ``starts`` is anything ``numpy`` reads as ``datetime64[D]`` (an array of that dtype
        is fastest; a list of ``date`` or ISO strings also works) and ``ns`` an integer array;
        they broadcast together as in ``numpy.busday_offset``. The result is a
        ``datetime64[D]`` array of the same shape; ``result.tolist()`` gives ``date`` objects.
        """
        return _table(self.closures).add_working_days(starts, ns, self.closures)

    def working_days_between_batch(
        self, a: DateArrayLike, b: DateArrayLike
    ) -> npt.NDArray[np.int64]:
        """``working_days_between`` for many pairs at once; same conventions as the batch add."""
        return _table(self.closures).working_days_between(a, b, self.closures)


def _is_working(day: date, closures: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year) and day not in closures


def _require_date(value: object, name: str) -> None:
    # A datetime is a date to isinstance, but never equal to one: it would slip past every
    # bank holiday unnoticed. Refuse it rather than guess which day was meant.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a date, not {type(value).__name__}")


def _require_offset(n: object) -> int:
    if isinstance(n, bool):
        raise TypeError("the number of working days must be an integer, not bool")
    number = operator.index(n)  # type: ignore[arg-type]  # raises TypeError for non-integers
    if abs(number) > MAX_WORKING_DAYS:
        raise ValueError(
            f"{number} working days is out of range: at most {MAX_WORKING_DAYS} either way"
        )
    return number


def _day_number(day: date) -> int:
    return (day - _EPOCH).days


class _Table:
    """Working-day ordinals for every day of the span, and their inverse.

    For the day at index ``i`` of the span, ``count[i]`` is the number of working days on or
    before it. ``working[k]`` is the day number of the ``k``-th working day (from 0). So the
    ``n``-th working day after day ``i`` is ``working[count[i] - 1 + n]``, and the ``n``-th
    before it is ``working[count[i] - is_working[i] - n]``: two array lookups a deadline,
    whatever ``n`` is.
    """

    def __init__(self, closures: frozenset[date]) -> None:
        self.first = _day_number(TABLE_FIRST_DAY)
        self.size = _day_number(TABLE_LAST_DAY) - self.first + 1
        days = np.arange(self.first, self.first + self.size, dtype=np.int64)
        days_off = [
            _day_number(day)
            for year in range(TABLE_FIRST_DAY.year, TABLE_LAST_DAY.year + 1)
            for day in bank_holidays(year)
        ]
        days_off += [
            _day_number(day) for day in closures if TABLE_FIRST_DAY <= day <= TABLE_LAST_DAY
        ]
        # Day 0 of datetime64[D] (1 January 1970) was a Thursday, weekday 3.
        weekday = (days + 3) % 7
        working_mask = (weekday < 5) & ~np.isin(days, np.array(days_off, dtype=np.int64))
        count = np.cumsum(working_mask, dtype=np.int64)
        self.count = count
        self.working = days[working_mask]
        # One lookup table for the base of both directions, interleaved so that a single
        # gather serves every element: [2i] for n >= 0, [2i + 1] for n < 0.
        base = np.empty(2 * self.size, dtype=np.int64)
        base[0::2] = count - 1
        base[1::2] = count - working_mask
        self.base = base
        # Shared by every caller through the cache: make an accidental write fail loudly.
        for table in (self.count, self.working, self.base):
            table.flags.writeable = False

    def add_working_days(
        self, starts: DateArrayLike, ns: npt.ArrayLike, closures: frozenset[date]
    ) -> npt.NDArray[np.datetime64]:
        start_days, offsets = np.broadcast_arrays(_as_days(starts, "starts"), _as_offsets(ns))
        shape = start_days.shape
        # Work on flat arrays so that a single (0-d) input behaves like any other.
        start_days, offsets = start_days.reshape(-1), offsets.reshape(-1)
        index = start_days - self.first
        # Viewed as unsigned, a negative index becomes huge: one comparison checks both ends.
        in_span = index.view(np.uint64) < self.size
        backwards = offsets < 0
        position = self.base.take(2 * index + backwards, mode="clip") + offsets
        found = position.view(np.uint64) < self.working.size
        result = self.working.take(position, mode="clip")
        # Day 0 is the start itself, working day or not.
        np.copyto(result, start_days, where=offsets == 0)
        outside = ~(in_span & found)
        if outside.any():
            for k in np.flatnonzero(outside):
                start = _as_date(int(start_days[k]))
                deadline = add_working_days(start, int(offsets[k]), closures)
                result[k] = _day_number(deadline)
        return result.reshape(shape).view("datetime64[D]")

    def working_days_between(
        self, a: DateArrayLike, b: DateArrayLike, closures: frozenset[date]
    ) -> npt.NDArray[np.int64]:
        a_days, b_days = np.broadcast_arrays(_as_days(a, "a"), _as_days(b, "b"))
        shape = a_days.shape
        a_days, b_days = a_days.reshape(-1), b_days.reshape(-1)
        a_index = a_days - self.first
        b_index = b_days - self.first
        inside = (a_index.view(np.uint64) < self.size) & (b_index.view(np.uint64) < self.size)
        result = self.count.take(b_index, mode="clip") - self.count.take(a_index, mode="clip")
        if not inside.all():
            for k in np.flatnonzero(~inside):
                result[k] = working_days_between(
                    _as_date(int(a_days[k])), _as_date(int(b_days[k])), closures
                )
        return result.reshape(shape)


@functools.lru_cache(maxsize=64)
def _table(closures: frozenset[date]) -> _Table:
    # One table for each set of closure days in use: in practice, one per landlord.
    return _Table(closures)


def _as_days(values: DateArrayLike, name: str) -> npt.NDArray[np.int64]:
    days = np.asarray(values, dtype="datetime64[D]")
    if np.isnat(days).any():
        raise ValueError(f"{name} contains a missing date (NaT)")
    return days.view(np.int64)


def _as_offsets(values: npt.ArrayLike) -> npt.NDArray[np.int64]:
    offsets = np.asarray(values)
    if offsets.dtype.kind not in "iu":
        raise TypeError(f"the numbers of working days must be integers, not {offsets.dtype}")
    offsets = offsets.astype(np.int64, copy=False)
    if offsets.size and (offsets.max() > MAX_WORKING_DAYS or offsets.min() < -MAX_WORKING_DAYS):
        raise ValueError(f"a number of working days is out of range: at most {MAX_WORKING_DAYS}")
    return offsets


def _as_date(day_number: int) -> date:
    try:
        return _EPOCH + timedelta(days=day_number)
    except OverflowError:
        raise ValueError("a date is outside the years 1 to 9999") from None
