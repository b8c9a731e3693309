"""A handler's work queues in a real browser: the overview, a queue sorted, filtered and paged,
and a search, each page checked with axe."""

from __future__ import annotations

from django.utils import timezone

from tests.complaints.test_queues import bulk_complaints
from tests.e2e.conftest import axe_violations, describe

PASSWORD = "correct horse battery staple"


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def sign_in(page, username: str) -> None:
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_a_handler_works_through_their_queues(page, landlord, handler):
    # 70 complaints: every queue has rows, and the handler's own queue runs to two pages
    # (28: the open stage 1 of two complaints in five).
    bulk_complaints(landlord=landlord, number=70, today=timezone.localdate(), handler=handler)
    sign_in(page, "handler")

    assert page.get_by_role("heading", level=1).inner_text() == "Work queues"
    overdue = page.locator(
        ".govuk-task-list__item", has=page.get_by_role("link", name="Overdue", exact=True)
    )
    assert "14 complaints" in overdue.inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Your complaints").click()
    page.wait_for_load_state()
    assert "Showing 1 to 25 of 28 complaints" in page.locator("main").inner_text()
    assert page.locator("tbody tr").count() == 25
    assert_accessible(page)

    # Sorting by reference, from the column header; the header then says how it is sorted.
    page.get_by_role("link", name="Reference").click()
    page.wait_for_load_state()
    header = page.locator("th", has_text="Reference")
    assert header.get_attribute("aria-sort") == "ascending"
    first = page.locator("tbody tr td").first.inner_text()
    assert first == min(page.locator("tbody tr td:first-child").all_inner_texts())

    # Filtering keeps the sort; the filters stay open to show what is applied.
    page.get_by_text("Filter this queue").click()
    page.get_by_label("Stage", exact=True).select_option("2")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "sort=reference" in page.url and "stage=2" in page.url
    assert page.locator("tbody tr").count() == 0 or all(
        "Stage 2" in text for text in page.locator("tbody tr td:nth-child(3)").all_inner_texts()
    )
    assert_accessible(page)

    page.get_by_role("link", name="Clear filters").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Page 2").click()
    page.wait_for_load_state()
    assert page.locator("tbody tr").count() == 3
    assert_accessible(page)

    page.get_by_role("link", name="Search").first.click()
    page.wait_for_load_state()
    page.get_by_label("Reference, resident name, address or postcode").fill("sam bulk")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert "Showing 1 to 25 of" in page.locator("main").inner_text()
    assert_accessible(page)
    assert page.console_errors == []


def test_a_queue_on_a_320_pixel_screen_still_says_how_late_each_complaint_is(
    page, landlord, handler
):
    bulk_complaints(landlord=landlord, number=10, today=timezone.localdate(), handler=handler)
    sign_in(page, "handler")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/staff/queues/overdue/")
    assert "Overdue by 1 working day" in page.locator("main").inner_text()
    assert_accessible(page)
