"""An officer logs a complaint made by phone, end to end in a browser, each page checked with axe.

Code 3.2: a complaint can be made in any way and to any member of staff; Code 1.3: the
resident is given the choice to make a complaint, and that is recorded.
"""

from __future__ import annotations

from putright.complaints.models import Channel, Complaint
from putright.core.models import Event
from tests.e2e.conftest import axe_violations, describe

PASSWORD = "correct horse battery staple"


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def continue_(page) -> None:
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def test_an_officer_logs_a_phone_complaint_from_start_to_finish(page, officer, resident):
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()

    page.get_by_role("link", name="Log a contact").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "How did they contact you?"
    assert_accessible(page)
    # Continuing without an answer: the error summary, accessible too.
    continue_(page)
    assert "Choose how they contacted you" in page.locator(".govuk-error-summary").inner_text()
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    page.get_by_label("Phone", exact=True).check()
    continue_(page)

    assert page.locator("h1").inner_text() == "Who is contacting you?"
    assert_accessible(page)
    page.get_by_label("The resident", exact=True).check()
    continue_(page)

    assert page.locator("h1").inner_text() == "Find the resident"
    page.get_by_label("Name, address or postcode").fill("RV1 2AB")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert "1 resident found" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("Alex Morgan").check()
    continue_(page)

    assert page.locator("h1").inner_text() == "What did they say?"
    assert_accessible(page)
    page.get_by_label("What they said").fill(
        "The boiler has been broken for three weeks and nobody has come."
    )
    continue_(page)

    assert page.locator("h1").inner_text() == "What are they asking for?"
    assert_accessible(page)
    page.get_by_label(
        "They are unhappy with the standard of service, action or lack of action"
    ).check()
    continue_(page)

    assert page.locator("h1").inner_text() == "Give them the choice to make a complaint"
    assert_accessible(page)
    page.get_by_label("I have told them they can make a complaint").check()
    page.get_by_label("Yes, log a complaint").check()
    continue_(page)

    assert page.locator("h1").inner_text() == "Check your answers before logging the contact"
    assert "Phone" in page.locator(".govuk-summary-list").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Log the contact").click()
    page.wait_for_load_state()

    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.PHONE
    assert complaint.resident == resident
    assert Event.objects.filter(
        action="contact.choice_to_complain_offered", complaint_id=complaint.pk
    ).exists()
    assert page.locator("h1").inner_text() == "Complaint logged"
    assert complaint.reference in page.locator(".govuk-panel").inner_text()
    due = complaint.stages.get().acknowledgement_due
    assert f"{due.day} {due:%B %Y}" in page.locator("main").inner_text()
    assert_accessible(page)
    assert page.console_errors == []


def test_a_representative_for_a_new_resident_with_consent_each_page_accessible(page, officer):
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()

    page.goto("/staff/contacts/new/")
    page.get_by_label("Via a councillor or MP").check()
    continue_(page)
    page.get_by_label("Someone acting for a resident").check()
    continue_(page)
    assert page.locator("h1").inner_text() == "Find the resident they are acting for"
    page.get_by_label("Record a new resident").check()
    continue_(page)

    assert page.locator("h1").inner_text() == "Record a new resident"
    continue_(page)
    assert "Enter the resident's name" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("Full name").fill("Priya Shah")
    page.get_by_label("Address line 1").fill("3 Canal Row")
    page.get_by_label("Postcode").fill("RV2 9ZZ")
    page.get_by_label("Letter").check()
    continue_(page)

    assert page.locator("h1").inner_text() == "Who is acting for the resident?"
    assert_accessible(page)
    page.get_by_label("Their full name").fill("Cllr Lee")
    page.get_by_label("How do they know the resident?").select_option("councillor")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("how did the resident agree?").fill("Signed form, by post.")
    assert_accessible(page)
    continue_(page)

    page.get_by_label("What they said").fill("My neighbour's repairs have not been done.")
    continue_(page)
    page.get_by_label("They are unhappy with how a request they already made").check()
    continue_(page)
    assert page.locator("h1").inner_text() == "Which request are they unhappy about?"
    assert_accessible(page)
    page.get_by_label("What did they ask for?").fill("Fix the kitchen tap.")
    continue_(page)
    page.get_by_label("I have told them they can make a complaint").check()
    page.get_by_label("Yes, log a complaint").check()
    continue_(page)
    assert "Cllr Lee (Councillor)" in page.locator(".govuk-summary-list").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Log the contact").click()
    page.wait_for_load_state()

    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.COUNCILLOR_OR_MP
    assert complaint.representative is not None
    assert complaint.representative.has_authority
    assert complaint.service_request is not None
    assert complaint.service_request.description == "Fix the kitchen tap."
    assert "stays open" in page.locator("main").inner_text()
    assert_accessible(page)
    assert page.console_errors == []
