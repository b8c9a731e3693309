"""The governing body's documents in a real browser: the senior lead prepares and answers the
self-assessment, the governing body approves it and responds to the annual report, the report
is published and read on the resident service. Every page is checked with axe."""

from __future__ import annotations

import datetime

from putright.core.actors import Actor
from putright.selfassessment.models import SelfAssessment
from putright.selfassessment.services import self_assessment_entry_update
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


def fill_date(page, name: str, day: datetime.date) -> None:
    page.fill(f"#id_{name}-day", str(day.day))
    page.fill(f"#id_{name}-month", str(day.month))
    page.fill(f"#id_{name}-year", str(day.year))


def click(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_the_self_assessment_and_annual_report_from_preparing_to_publishing(
    page, landlord, manager, board_member, log_complaint
):
    today = datetime.date.today()
    period_from, period_to = today.replace(day=1), today
    log_complaint()

    sign_in(page, manager)
    page.goto("/staff/self-assessment/")
    accessible(page)
    click(page, "Prepare and measure")  # nothing typed: the error summary
    assert "There is a problem" in page.locator("main").inner_text()
    accessible(page)
    fill_date(page, "period_from", period_from)
    fill_date(page, "period_to", period_to)
    click(page, "Prepare and measure")
    assert (
        page.get_by_role("heading", level=1).inner_text().startswith("Self-assessment, version 1")
    )
    assert "Measured by Putright:" in page.locator("main").inner_text()
    accessible(page)

    # A "no" without the date to comply is refused, with what was typed kept.
    page.locator('a[href$="/provisions/6.2/"]').click()
    page.wait_for_load_state()
    accessible(page)
    page.get_by_label("No", exact=True).check()
    page.get_by_label("If you do not comply: what you will do").fill("Train the team.")
    click(page, "Save answer")
    assert (
        "Give the date by which you will comply"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert page.get_by_label("If you do not comply: what you will do").input_value() == (
        "Train the team."
    )
    accessible(page)
    fill_date(page, "comply_by", today + datetime.timedelta(days=60))
    click(page, "Save answer")
    assert "Provision 6.2 answered" in page.locator("main").inner_text()

    # The rest answered through the service, then the governing body approves.
    assessment = SelfAssessment.objects.get()
    for entry in assessment.entries.filter(complies__isnull=True):
        self_assessment_entry_update(actor=Actor.for_user(manager), entry=entry, complies=True)
    sign_in(page, board_member)
    page.goto(f"/staff/self-assessment/{assessment.pk}/")
    page.get_by_role("link", name="Approve this version").click()
    page.wait_for_load_state()
    accessible(page)
    page.get_by_label("Where and how it was approved (optional)").fill("At the Board today.")
    click(page, "Approve")
    assert "Version 1 approved" in page.locator("main").inner_text()
    accessible(page)

    # The senior lead prepares the report for the same period and writes its narrative.
    sign_in(page, manager)
    page.goto("/staff/annual-reports/")
    accessible(page)
    fill_date(page, "period_from", period_from)
    fill_date(page, "period_to", period_to)
    click(page, "Prepare the report")
    assert "Complaints received" in page.locator("main").inner_text()
    accessible(page)
    page.get_by_role("link", name="Edit the report").click()
    page.wait_for_load_state()
    accessible(page)
    page.get_by_label("Learning from complaints").fill("We now book repairs at first contact.")
    click(page, "Save")
    report_url = page.url

    sign_in(page, board_member)
    page.goto(report_url)
    page.get_by_role("link", name="Record the governing body's response").click()
    page.wait_for_load_state()
    accessible(page)
    page.get_by_label("The governing body's response").fill("The Board endorses this report.")
    click(page, "Record the response")

    sign_in(page, manager)
    page.goto(report_url)
    page.get_by_role("link", name="Publish").click()
    page.wait_for_load_state()
    accessible(page)
    click(page, "Publish the report")
    assert "Report published on the resident service" in page.locator("main").inner_text()
    accessible(page)

    page.context.clear_cookies()
    page.goto("/resident/complaints-reports/")
    accessible(page)
    page.locator("main a.govuk-link").first.click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "The Board endorses this report." in text
    assert "We now book repairs at first contact." in text
    accessible(page)
    assert page.console_errors == []
