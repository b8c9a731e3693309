"""A resident's journey in a real browser: complain through a representative with an
adjustment, follow the emailed link, see the due date, and ask for stage 2 without a reason
(Code 3.6, 5.10, 6.12). Every page and error state is checked with axe (WCAG 2.2 A/AA); the
same complaint is made again with JavaScript off on a 320-pixel screen."""

from __future__ import annotations

import re

import pytest

from putright.complaints.models import Complaint
from putright.residents.models import ReasonableAdjustment
from tests.e2e.conftest import axe_violations, describe


def accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}\n{describe(violations)}"


def fits_320_pixels(page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, page.url


def continue_(page) -> None:
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def make_complaint(page, check) -> str:
    """Answer every question as Jo, complaining for Pat with large-print letters. ``check``
    runs on every page (and on an error state); returns the reference shown at the end."""
    page.goto("/resident/")
    check(page)
    page.get_by_role("button", name="Make a complaint").click()
    check(page)
    page.get_by_role("button", name="Start now").click()

    continue_(page)  # nothing chosen: the error summary and the message at the question
    assert "Select who the complaint is for" in page.locator(".govuk-error-summary").inner_text()
    assert page.title().startswith("Error: ")
    check(page)
    page.get_by_label("Someone else. I am complaining for them").check()
    continue_(page)

    check(page)
    page.get_by_label("Your full name").fill("Jo Taylor")
    page.get_by_label("Relative").check()
    page.get_by_label("Your email address").fill("jo@example.org")
    page.get_by_label("Yes, they have agreed").check()
    continue_(page)

    check(page)
    page.get_by_label("Their full name").fill("Pat Taylor")
    continue_(page)

    check(page)
    page.get_by_label("Address line 1").fill("3 River Court")
    page.get_by_label("Town or city").fill("Riverton")
    page.get_by_label("Postcode").fill("RV3 4CD")
    continue_(page)

    continue_(page)  # what went wrong: left empty
    check(page)
    page.get_by_label("What went wrong?").fill("The damp in the bedroom was never treated.")
    continue_(page)

    check(page)
    continue_(page)  # when: both dates are optional

    check(page)
    page.get_by_label("What would you like us to do to put things right?").fill("Treat the damp.")
    continue_(page)

    check(page)
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Every week").check()
    continue_(page)

    check(page)
    page.get_by_label("Letters in large print").check()
    continue_(page)

    check(page)  # documents: optional
    continue_(page)

    check(page)
    assert "Pat Taylor" in page.locator(".govuk-summary-list").inner_text()
    page.get_by_role("button", name="Send complaint").click()
    page.wait_for_load_state()
    check(page)
    assert "Complaint sent" in page.locator("h1").inner_text()
    return page.locator("#complaint-reference").inner_text().strip()


@pytest.fixture
def landlord_with_details(landlord):
    landlord.phone = "0300 000 0000"
    landlord.email = "complaints@example.org"
    landlord.save()
    return landlord


def test_a_resident_complains_through_a_representative_and_asks_for_stage_two_without_a_reason(
    page, landlord_with_details, smtp_server, lifecycle
):
    reference = make_complaint(page, accessible)
    complaint = Complaint.objects.get(reference=reference)
    assert complaint.representative.name == "Jo Taylor"
    assert complaint.representative.has_authority
    assert complaint.resident.adjustments.get().kind == ReasonableAdjustment.Kind.LARGE_PRINT
    due = complaint.stages.get(number=1).acknowledgement_due
    assert f"{due.day} {due:%B %Y}" in page.locator("#acknowledgement-due").inner_text()

    # A member of staff acknowledges it (through the services, as the staff pages do).
    complaint = lifecycle.investigating(complaint)

    # Jo asks for a link, and follows it from the email the real SMTP server received.
    page.get_by_role("link", name="Track your complaint").first.click()
    accessible(page)
    page.get_by_role("button", name="Send me a link").click()  # empty: the error state
    accessible(page)
    page.get_by_label("Complaint reference").fill(reference)
    page.get_by_label("Email address").fill("jo@example.org")
    page.get_by_role("button", name="Send me a link").click()
    page.wait_for_load_state()
    accessible(page)
    recipients, message = smtp_server.messages[-1]
    assert recipients == ["jo@example.org"]
    text = next(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    )
    link = re.search(r"(http://\S+/resident/sign-in/\S+/)", text).group(1)
    page.goto(link)
    accessible(page)
    page.get_by_role("button", name="See my complaint").click()
    page.wait_for_load_state()
    accessible(page)
    response_due = complaint.stages.get(number=1).response_due
    assert f"{response_due.day} {response_due:%B %Y}" in page.locator("#next-date").inner_text()
    assert "Stage 1: we are looking into it" in page.locator("#complaint-status").inner_text()

    # The letter sent on acknowledgement can be read.
    page.locator("#letters a").first.click()
    accessible(page)
    page.go_back()

    # The same link cannot be used twice.
    page.goto(link)
    page.get_by_role("button", name="See my complaint").click()
    assert "already been used" in page.locator("#link-problem").inner_text()
    accessible(page)
    page.go_back()
    page.go_back()
    page.goto("/resident/your-complaint/")

    # The stage 1 response is given; Jo asks for stage 2 and gives no reason (Code 6.12).
    lifecycle.respond(complaint)
    page.reload()
    page.get_by_role("link", name="Ask us to look at it again (stage 2)").click()
    accessible(page)
    page.get_by_role("button", name="Ask for stage 2").click()
    page.wait_for_load_state()
    accessible(page)
    assert "You have asked us to look at your complaint again" in page.content()
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.STAGE2_AWAITING_ACKNOWLEDGEMENT
    assert complaint.stages.get(number=2).escalation_reason == ""

    for path in ("add-information/", "withdraw/", "contact-preferences/"):
        page.goto(f"/resident/your-complaint/{path}")
        accessible(page)
    page.get_by_role("button", name="Save").click()  # nothing changed is still valid
    page.goto("/resident/your-complaint/withdraw/")
    page.get_by_role("button", name="Continue").click()  # the error state
    accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/resident/complaints-policy/",
        "/resident/housing-ombudsman/",
        "/resident/accessibility/",
        "/resident/privacy/",
        "/resident/track/check-your-email/",
    ],
)
def test_the_published_resident_pages_are_accessible(page, landlord_with_details, path):
    page.goto(path)
    accessible(page)


def test_the_same_complaint_can_be_made_without_javascript_on_a_320_pixel_screen(
    browser, live_server, landlord_with_details
):
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 320, "height": 640},
    )
    page = context.new_page()
    try:
        reference = make_complaint(page, fits_320_pixels)
        assert Complaint.objects.filter(reference=reference, channel="online_form").exists()
        page.goto("/resident/complaints-policy/")
        fits_320_pixels(page)
    finally:
        context.close()


def test_a_complaint_can_be_made_with_the_keyboard_alone(page, landlord_with_details):
    page.goto("/resident/make-a-complaint/who/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.get_by_label("Myself").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Your full name" in page.content()
