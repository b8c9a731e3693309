"""The post room in a real browser: produce the day's batch, download it, and send an
undelivered message again; each page checked with axe."""

from __future__ import annotations

from pathlib import Path

from putright.outbox.models import OutboxMessage
from putright.outbox.services import Recipient, outbox_enqueue
from tests.e2e.conftest import axe_violations, describe
from tests.e2e.test_queues import sign_in

LETTER = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Letter</title></head>'
    "<body><p>12 Mill Lane</p><p>We have received your complaint.</p></body></html>"
)


def _queue(landlord, complaint, medium: str) -> OutboxMessage:
    return outbox_enqueue(
        landlord_id=landlord.pk,
        complaint_id=complaint.pk,
        medium=medium,
        recipient=Recipient(
            name="Alex Morgan", email="alex@example.org", postal_address="12 Mill Lane\nRV1 2AB"
        ),
        subject=f"Your complaint {complaint.reference}",
        text_body="We have received your complaint.",
        html_body="<p>We have received your complaint.</p>",
        document_html=LETTER,
        source=complaint,
    )


def test_the_post_room_prints_the_days_letters_and_sends_a_failed_email_again(
    page, landlord, officer, log_complaint
):
    complaint = log_complaint()
    _queue(landlord, complaint, "post")
    _queue(landlord, complaint, "post")
    failed = _queue(landlord, complaint, "email")
    # As the worker leaves a message the mail server refused for good.
    OutboxMessage.objects.filter(pk=failed.pk).update(
        status=OutboxMessage.Status.FAILED,
        failure_reason="The mail server refused the recipient (SMTP 550).",
    )
    sign_in(page, "officer")

    page.goto("/staff/post-room/")
    main = page.locator("main")
    assert "2 letters are waiting for the post." in main.inner_text()
    assert "SMTP 550" in page.locator("#undelivered").inner_text()
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    page.get_by_role("button", name="Produce the batch of letters").click()
    page.wait_for_load_state()
    assert "Batch of 2 letters produced." in main.inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename.startswith("post-batch-")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    page.get_by_role("button", name=f"Send again ({failed.subject})").click()
    page.wait_for_load_state()
    assert "Email to Alex Morgan will be sent again." in main.inner_text()
    assert "Every message has been delivered or is on its way." in main.inner_text()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.console_errors == []
