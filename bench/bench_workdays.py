"""Benchmark: one million working-day deadlines through the batch path, against numpy.

Run with ``.venv/bin/python bench/bench_workdays.py`` (or ``make bench``). It needs only
``putright.workdays.rules`` (no Django, no database). Starts are random dates in 2022-2027
and offsets random whole numbers 0-40, with a fixed seed so every run computes the same
deadlines. The baseline is ``numpy.busday_offset`` on the same arrays in the same process,
with ``roll="backward"``: for n >= 1 that is exactly our rule (see
tests/workdays/test_rules_properties.py); for n = 0 our answer is the start itself.

Exits 1 if any deadline differs from numpy's, or if the batch path takes more than twice
numpy's time.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from putright.workdays.rules import (  # after the path is set
    WorkingCalendar,
    add_working_days,
    bank_holidays,
)

COUNT = 1_000_000
REPEATS = 7
TARGET_RATIO = 2.0
SEED = 20261223


def timed(run: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def main() -> int:
    rng = np.random.default_rng(SEED)
    first = np.datetime64("2022-01-01", "D")
    last = np.datetime64("2027-12-31", "D")
    starts = first + rng.integers(
        0, int((last - first) / np.timedelta64(1, "D")) + 1, COUNT
    ).astype("timedelta64[D]")
    ns = rng.integers(0, 41, COUNT)

    # Both sides get their holidays ready before the clock starts: ours builds its table,
    # numpy's gets a sorted array (and, for the second baseline, a busdaycalendar).
    holidays = np.array(
        sorted(day for year in range(2021, 2030) for day in bank_holidays(year)),
        dtype="datetime64[D]",
    )
    busdaycal = np.busdaycalendar(holidays=holidays)
    calendar = WorkingCalendar()
    build_seconds, _ = timed(lambda: calendar.add_working_days_batch(starts[:1], ns[:1]))

    ours: list[float] = []
    numpy_holidays: list[float] = []
    numpy_busdaycal: list[float] = []
    result = expected = None
    for _ in range(REPEATS):  # interleaved, so a busy moment on the machine hits both sides
        seconds, result = timed(lambda: calendar.add_working_days_batch(starts, ns))
        ours.append(seconds)
        seconds, expected = timed(
            lambda: np.busday_offset(starts, ns, roll="backward", holidays=holidays)
        )
        numpy_holidays.append(seconds)
        seconds, _ = timed(
            lambda: np.busday_offset(starts, ns, roll="backward", busdaycal=busdaycal)
        )
        numpy_busdaycal.append(seconds)

    assert isinstance(result, np.ndarray)
    assert isinstance(expected, np.ndarray)
    oracle = np.where(ns == 0, starts, expected)
    mismatches = int(np.count_nonzero(result != oracle))

    sample = 20_000
    scalar_seconds, _ = timed(
        lambda: [
            add_working_days(start, n)
            for start, n in zip(starts[:sample].tolist(), ns[:sample].tolist(), strict=True)
        ]
    )

    best, median = min(ours), statistics.median(ours)
    base, base_med = min(numpy_holidays), statistics.median(numpy_holidays)
    cal, cal_med = min(numpy_busdaycal), statistics.median(numpy_busdaycal)
    ratio = best / base
    print(f"Working-day deadlines: {COUNT:,} (starts 2022-2027, n 0-40), best of {REPEATS} runs")
    print(f"  numpy {np.__version__}, Python {sys.version.split()[0]}, {date.today()}")
    rows = [
        ("table build (once per set of closure days)", f"{build_seconds * 1000:8.1f} ms"),
        ("Putright batch path", f"{best * 1000:8.1f} ms (median {median * 1000:.1f})"),
        (
            "numpy.busday_offset(holidays=...)",
            f"{base * 1000:8.1f} ms (median {base_med * 1000:.1f})",
        ),
        (
            "numpy.busday_offset(busdaycal=...)",
            f"{cal * 1000:8.1f} ms (median {cal_med * 1000:.1f})",
        ),
        ("scalar path, per deadline", f"{scalar_seconds / sample * 1e6:8.2f} µs"),
        (
            "ratio, batch / busday_offset(holidays)",
            f"{ratio:8.2f}x (target <= {TARGET_RATIO:.0f}x)",
        ),
        ("ratio, batch / busday_offset(busdaycal)", f"{best / cal:8.2f}x"),
        (
            "results equal to numpy's",
            f"{'yes':>8}" if not mismatches else f"NO, {mismatches:,} differ",
        ),
    ]
    for label, figure in rows:
        print(f"  {label:<42} {figure}")
    if mismatches:
        return 1
    if ratio > TARGET_RATIO:
        print("  TARGET MISSED")
        return 1
    print("  target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
