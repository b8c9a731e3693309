"""A complaint's journey through both stages, in a real browser, by the people who handle it.

A complaints officer acknowledges and defines the complaint and assigns it; the handler
declares no conflict of interest, extends the deadline (seeing the new date first) and
responds with a remedy and an outstanding action; the resident's request for stage 2 is
recorded with no reason asked; another handler gives the final response. The history is
checked after each step, with the work queues that should (and should no longer) hold the
complaint, and every page is checked with axe.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.e2e.conftest import axe_violations, describe

PASSWORD = "correct horse battery staple"


def accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}\n{describe(violations)}"


def sign_in(page, user) -> None:
    page.context.clear_cookies()
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def queue_holds(page, slug: str, complaint) -> bool:
    page.goto(f"/staff/queues/{slug}/")
    accessible(page)
    return complaint.reference in page.locator("main").inner_text()


def open_case(page, complaint) -> None:
    page.goto(f"/staff/complaints/{complaint.reference}/")
    accessible(page)


def choose(page, action: str) -> None:
    page.locator("#case-actions").get_by_role("link", name=action).click()
    page.wait_for_load_state()
    accessible(page)


def send(page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def history(page) -> str:
    return page.locator("ol.putright-timeline").inner_text()


def latest_event(page) -> str:
    return page.locator("ol.putright-timeline > li").first.inner_text()


def fill_date(page, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def define(page, points: list[str]) -> None:
    page.get_by_label("Your understanding of the complaint").fill(
        "The boiler repair booked for March was never finished."
    )
    page.get_by_label("The outcomes the resident is seeking").fill("A working boiler.")
    page.get_by_label("Which parts of the complaint the landlord is responsible for").fill(
        "Repairs to the boiler."
    )
    page.get_by_label("Points of complaint").fill("\n".join(points))


def respond(page, points: int) -> None:
    for number in range(1, points + 1):
        page.get_by_role("group", name=f"Point {number}: finding").get_by_label(
            "Upheld", exact=True
        ).check()
        page.get_by_label(f"Point {number}: reasons").fill(f"The records show point {number}.")
    page.get_by_role("group", name="Outcome of the complaint").get_by_label(
        "Upheld", exact=True
    ).check()
    page.get_by_label("The decision").fill("We got this wrong and will put it right.")


@pytest.mark.django_db(transaction=True)
def test_a_complaint_is_handled_through_both_stages(
    page, officer, handler, second_handler, log_complaint
):
    complaint = log_complaint()
    later = timezone.localdate() + datetime.timedelta(days=14)

    # A complaints officer acknowledges and defines it (Code 6.2, 5.6).
    sign_in(page, officer)
    assert queue_holds(page, "acknowledge-stage-1", complaint)
    assert queue_holds(page, "unassigned", complaint)
    open_case(page, complaint)
    assert "Complaint logged" in history(page)
    choose(page, "Acknowledge and define")
    send(page, "Acknowledge the complaint")
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    accessible(page)
    define(page, ["The boiler repair was not finished", "Nobody called back"])
    send(page, "Acknowledge the complaint")
    assert "acknowledged and defined" in page.locator(".govuk-notification-banner").inner_text()
    accessible(page)
    assert "Acknowledged" in latest_event(page)

    # ... and assigns it.
    choose(page, "Assign a handler")
    page.get_by_label("Who will handle the complaint").select_option(str(handler.pk))
    send(page, "Assign")
    accessible(page)
    assert "Handler assigned" in latest_event(page)
    assert not queue_holds(page, "unassigned", complaint)

    # The handler declares no conflict of interest (Code 5.8) and extends (Code 6.4, 6.5).
    sign_in(page, handler)
    assert queue_holds(page, "mine", complaint)
    open_case(page, complaint)
    choose(page, "Declare any conflict of interest")
    page.get_by_label("No", exact=True).check()
    send(page, "Save your declaration")
    accessible(page)
    assert "Conflict of interest declaration" in latest_event(page)
    choose(page, "Extend the response deadline")
    page.get_by_label("Extend by how many working days").fill("5")
    page.get_by_label("Why the extension is needed").fill("We are waiting for a surveyor.")
    page.get_by_label("The resident was given the Housing Ombudsman's contact details").check()
    send(page, "Continue")
    accessible(page)
    new_due = page.locator("#new-due-date").inner_text()
    assert "The response will be due by" in new_due
    send(page, "Confirm the extension")
    accessible(page)
    assert "Response deadline extended" in latest_event(page)
    assert queue_holds(page, "extended", complaint)
    open_case(page, complaint)

    # ... and responds, point by point, with a remedy and an outstanding action (Code 6.7, 7.3).
    choose(page, "Record the response")
    respond(page, points=2)
    page.get_by_label("Kind of remedy").select_option("apology")
    page.get_by_label("What will happen to put things right").fill("A written apology.")
    fill_date(page, "Date it will be done by", later)
    page.get_by_label("What is still to be done").fill("Replace the boiler pump.")
    page.get_by_label("Member of staff who owns it").select_option(str(handler.pk))
    fill_date(page, "Date it is due", later)
    send(page, "Record the response")
    accessible(page)
    timeline = history(page)
    for kind in ("Response given", "Remedy offered", "Outstanding action added"):
        assert kind in timeline
    assert "Stage 1: Upheld" in page.locator("main").inner_text()

    # The resident asks for stage 2; no reason is asked for (Code 6.12).
    sign_in(page, officer)
    open_case(page, complaint)
    choose(page, "Record a request for stage 2")
    send(page, "Record the request for stage 2")
    accessible(page)
    assert "Stage 2 requested" in latest_event(page)
    assert queue_holds(page, "acknowledge-stage-2", complaint)
    open_case(page, complaint)
    choose(page, "Acknowledge and define")
    define(page, ["The remedy was not enough"])
    send(page, "Acknowledge the complaint")
    accessible(page)
    assert "Acknowledged" in latest_event(page)
    # Code 6.13: the stage 1 handler is not offered for stage 2.
    choose(page, "Assign a handler")
    options = page.get_by_label("Who will handle the complaint").inner_text()
    assert str(handler) not in options
    page.get_by_label("Who will handle the complaint").select_option(str(second_handler.pk))
    send(page, "Assign")
    accessible(page)
    assert f"Stage 2 assigned to {second_handler}" in latest_event(page)

    # A different handler gives the final response.
    sign_in(page, second_handler)
    assert queue_holds(page, "mine", complaint)
    open_case(page, complaint)
    choose(page, "Declare any conflict of interest")
    page.get_by_label("No", exact=True).check()
    send(page, "Save your declaration")
    choose(page, "Record the response")
    respond(page, points=1)
    send(page, "Record the response")
    accessible(page)
    assert "Stage 2 response given" in latest_event(page)
    assert "Stage 2: Upheld" in page.locator("main").inner_text()
    assert not queue_holds(page, "mine", complaint)
    assert page.console_errors == []
