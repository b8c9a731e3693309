"""Imported complaints count in the reporting figures by the same rules as live ones:
the figures for the year of good.csv, computed by hand from its six rows."""

from __future__ import annotations

import datetime
from decimal import Decimal

from putright.reporting.figures import report_figures
from tests.imports.conftest import good_table


def test_the_annual_figures_count_the_imported_year(run_import, ready_landlord):
    run_import(good_table())
    figures = report_figures(
        landlord=ready_landlord,
        period_from=datetime.date(2025, 4, 1),
        period_to=datetime.date(2026, 3, 31),
        today=datetime.date(2026, 4, 1),
    )
    assert [count.value for count in figures.received] == [6, 2]
    stage_one, stage_two = figures.outcomes
    assert [count.value for count in stage_one.outcomes] == [1, 1, 1]
    assert stage_one.responded.value == 3
    assert stage_two.responded.value == 1
    assert [count.value for count in stage_two.outcomes] == [0, 0, 1]
    assert {count.key: count.value for count in figures.refusals} == {
        "refusal.not_accepted": 1,
        "refusal.not_accepted.over_12_months": 1,
        "refusal.escalation_refused": 1,
        "refusal.escalation_refused.legal_proceedings": 1,
    }
    assert figures.withdrawn.value == 1
    assert figures.compensation.total.amount == Decimal("225.50")
    assert figures.compensation.paid.amount == Decimal("150.00")
    timeliness = figures.timeliness[0]
    # OLD-0002 was answered within its allowed 5-day extension: on time (Code 6.4).
    assert (timeliness.responded_on_time.numerator, timeliness.responded.value) == (3, 3)
    assert timeliness.extended.value == 1
