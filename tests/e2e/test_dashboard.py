"""The governing body's dashboard in a real browser: a quarter chosen, the charts and their
tables, a drill-down to the complaints behind a figure, and a mistyped date; each page
checked with axe."""

from __future__ import annotations

import datetime

from tests.e2e.conftest import axe_violations, describe
from tests.reporting.test_figures_scenario import quarter  # noqa: F401

PASSWORD = "correct horse battery staple"
# Taken when the module is imported, before the scenario moves the clock to July 2025: the
# browser's session cookie must not have expired by the browser's own clock.
REAL_NOW = datetime.datetime.now(datetime.UTC)


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def sign_in(page, username: str) -> None:
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_the_governing_body_reads_a_quarter_and_drills_into_a_figure(
    page,
    quarter,  # noqa: F811
    board_member,
    time_machine,
):
    time_machine.move_to(REAL_NOW, tick=True)
    sign_in(page, "board")
    page.goto("/staff/reports/")
    assert page.get_by_role("heading", level=1).inner_text() == "Complaints dashboard"
    assert_accessible(page)

    page.get_by_label("A quarter").check()
    page.get_by_label("Quarter", exact=True).select_option("2025-1")
    page.get_by_role("button", name="Show the figures").click()
    page.wait_for_load_state()
    assert "1 April 2025 to 30 June 2025" in page.locator("main").inner_text()
    assert page.locator("svg.putright-chart").count() >= 5
    timeliness = page.locator("table#timeliness")
    assert "66.7%" in timeliness.inner_text()
    assert_accessible(page)

    timeliness.get_by_role("link", name="Stage 1 acknowledged within").click()
    page.wait_for_load_state()
    assert "5 complaints" in page.locator("main").inner_text()
    references = page.locator("tbody tr td:first-child").all_inner_texts()
    assert sorted(references) == sorted(
        quarter.complaints[ref].reference for ref in ("A", "B", "C", "D", "K")
    )
    assert page.locator("main a[href^='/staff/complaints/']").count() == 0
    assert_accessible(page)

    page.get_by_role("link", name="Back to the dashboard").click()
    page.wait_for_load_state()
    page.get_by_label("Dates").check()
    page.locator("#id_period_from-day").fill("31")
    page.locator("#id_period_from-month").fill("2")
    page.locator("#id_period_from-year").fill("2025")
    page.get_by_role("button", name="Show the figures").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "From must be a real date" in summary.inner_text()
    assert "Enter the last day of the period" in summary.inner_text()
    assert page.locator("#id_period_from-day").input_value() == "31"
    assert_accessible(page)
