"""An officer triages email that named no complaint, in a real browser, each page checked with
axe: a hostile message stays inert text (nothing runs), is kept with the complaint it belongs
to (Code 5.12), and advertising is dismissed with a reason on record."""

from __future__ import annotations

import datetime

from putright.complaints.models import Correspondence
from putright.inbound.models import InboundMessage
from putright.inbound.services import inbound_message_ingest
from tests.e2e.conftest import axe_violations, describe
from tests.inbound.conftest import sample

PASSWORD = "correct horse battery staple"
HOSTILE_SUBJECT = '<img src=x onerror=alert("subject")> {{ 7*7 }} noisy neighbours'


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_an_officer_reads_and_files_mail_that_named_no_complaint(
    page, officer, landlord, log_complaint
):
    complaint = log_complaint(received_at=datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC))
    hostile = inbound_message_ingest(landlord=landlord, raw=sample("hostile_no_reference")).message
    advert = inbound_message_ingest(landlord=landlord, raw=sample("malformed_headers")).message
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()

    page.goto("/staff/mail/")
    assert page.locator("h1").inner_text() == "Mail to triage"
    assert "2 messages" in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name=HOSTILE_SUBJECT).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == HOSTILE_SUBJECT
    text = page.locator("#message-text").inner_text()
    assert '<script>alert("body")</script>' in text
    assert "{% for x in range(3) %}{{ x }}{% endfor %}" in text
    assert page.locator("main img").count() == 0
    assert page.locator("main script").count() == 0
    assert_accessible(page)

    page.get_by_role("link", name="Keep with a complaint").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Keep with the complaint").click()
    page.wait_for_load_state()
    assert (
        "Enter the reference of the complaint" in page.locator(".govuk-error-summary").inner_text()
    )
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    page.get_by_label("Complaint reference").fill(complaint.reference)
    page.get_by_role("button", name="Keep with the complaint").click()
    page.wait_for_load_state()
    assert (
        f"The message is kept with complaint {complaint.reference}."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert_accessible(page)

    page.goto(f"/staff/mail/{advert.pk}/")
    assert (
        "The date the message was sent could not be read."
        in page.locator("#message-problems").inner_text()
    )
    assert_accessible(page)
    page.get_by_role("link", name="Dismiss").click()
    page.wait_for_load_state()
    page.get_by_label("Why does the message need nothing more doing with it?").fill(
        "Advertising from a local business"
    )
    page.get_by_role("button", name="Dismiss the message").click()
    page.wait_for_load_state()
    assert "Dismissed: Advertising from a local business" in page.locator("main").inner_text()

    page.goto("/staff/mail/")
    assert "No email is waiting to be read." in page.locator("main").inner_text()
    assert dialogs == []
    assert page.console_errors == []
    hostile.refresh_from_db()
    assert hostile.status == InboundMessage.Status.ATTACHED
    assert Correspondence.objects.get(complaint=complaint).recorded_by == officer
