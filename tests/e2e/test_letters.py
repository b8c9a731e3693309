"""The senior lead edits a letter template in a real browser: a preview on a real complaint,
a refusal when the edit drops what the Code requires, then a saved version; the caseworker
reads the letter as sent. Every page checked with axe."""

from __future__ import annotations

from putright.letters.models import LetterTemplate
from tests.e2e.conftest import axe_violations, describe
from tests.e2e.test_learning import sign_in


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_the_senior_lead_previews_and_saves_a_letter_template(
    page, manager, log_complaint, lifecycle
):
    complaint = lifecycle.responded(log_complaint())
    sign_in(page, "manager")

    page.goto("/staff/letters/templates/")
    assert page.get_by_role("heading", level=1).inner_text() == "Letter templates"
    assert_accessible(page)
    page.get_by_role("link", name="Extension of the response deadline").click()
    body = page.get_by_label("The letter", exact=True)
    original = body.input_value()

    # Drop the Ombudsman's details (Code 6.5): saving is refused, what was typed is kept.
    edited = original.split("<h2>If you are unhappy")[0] + "<p>We are sorry for the wait.</p>"
    body.fill(edited)
    page.get_by_role("button", name="Save as a new version").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "Ombudsman" in summary.inner_text() and "6.5" in summary.inner_text()
    assert page.get_by_label("The letter", exact=True).input_value() == edited
    assert_accessible(page)

    # The stage 1 response, previewed on the complaint: the letter as the resident would get it.
    page.goto("/staff/letters/templates/stage1_response/")
    page.get_by_label("Complaint to preview the letter with (optional)").fill(complaint.reference)
    page.get_by_role("button", name="Preview").click()
    page.wait_for_load_state()
    preview = page.locator(".putright-letter-preview").inner_text()
    assert "Dear Alex Morgan" in preview
    assert "Reasons for point 1." in preview
    assert "includes everything the Code requires" in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("button", name="Save as a new version").click()
    page.wait_for_load_state()
    assert "saved as version 1" in page.locator("main").inner_text()
    assert LetterTemplate.objects.get().version == 1
    assert_accessible(page)

    page.goto(f"/staff/complaints/{complaint.reference}/letters/")
    page.get_by_role("link", name="Stage 1 response").click()
    page.wait_for_load_state()
    assert "Content hash (SHA-256)" in page.locator("main").inner_text()
    assert_accessible(page)
    assert page.console_errors == []
