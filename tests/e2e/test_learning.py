"""The senior lead records a service improvement and an Ombudsman case in a real browser, and the
governing body reads them; every page checked with axe."""

from __future__ import annotations

from putright.core.actors import Actor
from putright.learning.services import satisfaction_invite, satisfaction_token
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


def fill_date(page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_the_senior_lead_records_an_improvement_and_an_ombudsman_case(
    page, manager, board_member, log_complaint
):
    complaint = log_complaint()
    sign_in(page, "manager")

    page.goto("/staff/learning/")
    assert page.get_by_role("heading", level=1).inner_text() == "Learning and the Ombudsman"
    assert_accessible(page)

    # An improvement, first sent without an owner: the error summary, with what was typed kept.
    page.get_by_role("link", name="Service improvements", exact=True).click()
    page.get_by_role("button", name="Record a service improvement").click()
    page.get_by_label("Title").fill("Call residents back within a day")
    page.get_by_label("What will change, and why").fill("Residents were not called back.")
    page.get_by_label("Complaints that prompted it (optional)").fill(complaint.reference)
    page.get_by_role("button", name="Record the improvement").click()
    summary = page.locator(".govuk-error-summary")
    assert "Say who owns the improvement" in summary.inner_text()
    assert page.get_by_label("Title").input_value() == "Call residents back within a day"
    assert_accessible(page)
    page.get_by_label("Or the team or role that owns it").fill("Customer contact manager")
    page.get_by_role("button", name="Record the improvement").click()
    page.wait_for_load_state()
    assert "recorded" in page.locator(".govuk-notification-banner").inner_text()
    assert complaint.reference in page.locator("#main-content").inner_text()
    assert_accessible(page)

    page.get_by_role("button", name="Change the status").click()
    page.get_by_label("Completed").check()
    page.get_by_label("Outcome").fill("Call-backs within a day rose to 95%.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Status changed to completed" in page.locator(".govuk-notification-banner").inner_text()

    # An Ombudsman case with a finding and an order that is already overdue.
    page.goto("/staff/learning/ombudsman/")
    page.get_by_role("button", name="Record an Ombudsman case").click()
    page.get_by_label("The Ombudsman's reference").fill("202412345")
    fill_date(page, "Date referred to the Ombudsman", "10", "1", "2026")
    page.get_by_label("Our complaint reference (optional)").fill(complaint.reference)
    page.get_by_role("button", name="Record the case").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Record a finding").click()
    page.get_by_label("The issue").fill("Complaint handling")
    page.get_by_label("Service failure").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record an order or recommendation").click()
    page.get_by_label("Order", exact=True).check()
    page.get_by_label("What the Ombudsman ordered or recommended").fill("Pay £250")
    fill_date(page, "Date to comply by", "1", "2", "2026")
    page.get_by_label("Compensation ordered (optional)").fill("250")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Overdue" in page.locator("#main-content").inner_text()
    assert_accessible(page)

    page.goto("/staff/learning/ombudsman/")
    assert "Orders past their due date" in page.locator("#main-content").inner_text()
    assert_accessible(page)
    assert page.console_errors == []

    # The governing body reads the same records, without the complaint's reference.
    page.context.clear_cookies()
    sign_in(page, "board")
    page.goto("/staff/learning/improvements/you-said-we-did/")
    assert "Call-backs within a day rose to 95%." in page.locator("#main-content").inner_text()
    assert_accessible(page)
    page.goto("/staff/learning/ombudsman/")
    main = page.locator("#main-content").inner_text()
    assert "202412345" in main
    assert complaint.reference not in main
    assert_accessible(page)
    page.goto("/staff/learning/compliance/")
    assert_accessible(page)
    page.goto("/staff/learning/publications/")
    assert_accessible(page)


def test_the_senior_lead_records_exceptional_circumstances(page, manager):
    sign_in(page, "manager")
    page.goto("/staff/learning/compliance/")
    page.get_by_role("button", name="Record exceptional circumstances").click()
    fill_date(page, "Date the circumstances began", "10", "1", "2026")
    page.get_by_role("button", name="Save").click()
    assert "Describe the circumstances" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("The circumstances").fill("Cyber attack: the case system was unavailable.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "No date given for complying again" in page.locator("#main-content").inner_text()
    assert_accessible(page)
    assert page.console_errors == []


def test_a_resident_answers_the_satisfaction_survey(
    page, log_complaint, lifecycle, officer, smtp_server
):
    closed = lifecycle.close(lifecycle.responded(log_complaint()))
    invitation = satisfaction_invite(
        actor=Actor.for_user(officer), complaint=closed, site_url="http://unused"
    )
    page.goto(f"/resident/survey/{satisfaction_token(invitation)}/")
    assert page.get_by_role("heading", level=1).inner_text() == "How did we handle your complaint?"
    assert_accessible(page)
    page.get_by_role("button", name="Send your answers").click()
    assert "Select how satisfied" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_role(
        "group", name="How satisfied are you with the way we handled your complaint?"
    ).get_by_label("Satisfied", exact=True).check()
    page.get_by_label("Is there anything we could have done better? (optional)").fill(
        "Faster replies"
    )
    page.get_by_role("button", name="Send your answers").click()
    page.wait_for_load_state()
    assert "Your answers are recorded" in page.locator("main").inner_text()
    assert_accessible(page)
    assert page.console_errors == []
