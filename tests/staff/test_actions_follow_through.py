"""Following a complaint through: remedies, outstanding actions, messages, notes, documents.

Code 5.12 (a full record), 5.13 (a remedy at any stage), 6.6 and 6.17 (outstanding actions
tracked, with updates), 7.1 and 7.3 (remedies that say what and by when, followed through).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from putright.core.actors import Actor
from putright.remedies import services as remedies
from putright.remedies.models import OutstandingAction, Remedy
from tests.staff.test_actions import (
    date_fields,
    error_summary,
    events,
    history,
    post,
    success_banner,
    today,
    url,
    version,
)


@pytest.fixture
def responded(lifecycle, log_complaint):
    return lifecycle.responded(log_complaint())


def offer(complaint, handler, kind="apology", **kwargs) -> Remedy:
    if kind == "financial":
        kwargs.setdefault("amounts", {"amount_distress_and_inconvenience": Decimal("75")})
        kwargs.setdefault("payment_method", "rent_account")
    return remedies.remedy_offer(
        actor=Actor.for_user(handler),
        complaint=complaint,
        kind=kind,
        description="Put it right.",
        due_on=today(),
        **kwargs,
    )


def add_action(complaint, handler) -> OutstandingAction:
    return remedies.action_add(
        actor=Actor.for_user(handler),
        complaint=complaint,
        description="Replace the pump.",
        due_on=today() + datetime.timedelta(days=7),
        owner=handler,
    )


# ---------------------------------------------------------------- remedies


def test_a_financial_remedy_says_how_much_for_what_and_how_it_is_paid(client, handler, responded):
    """Code 7.1, 7.3."""
    client.force_login(handler)
    data = {
        "kind": "financial",
        "description": "Compensation for three weeks without heating.",
        **date_fields("due_on", today() + datetime.timedelta(days=10)),
        "amount_time_and_trouble": "50.00",
        "amount_distress_and_inconvenience": "100",
        "payment_method": "bank",
    }
    response = post(client, responded, "remedies/new/", data, follow=True)
    assert "Remedy offered: providing a financial remedy" in success_banner(response)
    assert "Remedy offered" in history(response)
    assert "£150.00" in response.content.decode()
    remedy = responded.remedies.get()
    assert remedy.total_amount == Decimal("150.00")


def test_a_financial_remedy_needs_an_amount(client, handler, responded):
    """Code 7.1: typed text is kept."""
    client.force_login(handler)
    data = {
        "kind": "financial",
        "description": "Compensation.",
        **date_fields("due_on", today()),
        "payment_method": "bank",
    }
    response = post(client, responded, "remedies/new/", data)
    assert (
        "A financial remedy needs an amount, split by what it is for. (Complaint Handling "
        "Code 7.1)" in error_summary(response)
    )
    assert "Compensation." in response.content.decode()
    assert 'href="#id_amount_time_and_trouble"' in response.content.decode()
    assert not responded.remedies.exists()


def test_a_remedy_says_what_will_happen(client, handler, responded):
    """Code 7.3."""
    client.force_login(handler)
    data = {"kind": "apology", "description": "", **date_fields("due_on", today())}
    response = post(client, responded, "remedies/new/", data)
    assert "(Complaint Handling Code 7.3)" in error_summary(response)
    assert 'href="#id_description"' in response.content.decode()


def test_a_remedy_needs_a_real_date(client, handler, responded):
    client.force_login(handler)
    data = {
        "kind": "apology",
        "description": "An apology.",
        "due_on-day": "31",
        "due_on-month": "2",
        "due_on-year": "2026",
    }
    response = post(client, responded, "remedies/new/", data)
    assert "must be a real date" in error_summary(response)
    assert 'href="#id_due_on-day"' in response.content.decode()


def test_the_residents_acceptance_of_a_remedy_is_recorded(client, handler, responded):
    remedy = offer(responded, handler)
    client.force_login(handler)
    path = f"remedies/{remedy.pk}/response/"
    response = post(
        client, responded, path, {"accepted": "yes", **date_fields("on", today())}, follow=True
    )
    assert "the resident accepted the remedy" in success_banner(response)
    assert "Remedy accepted" in history(response)
    again = post(client, responded, path, {"accepted": "no", **date_fields("on", today())})
    assert "This remedy is already accepted." in error_summary(again)


def test_a_financial_remedy_is_completed_by_recording_its_payment(client, handler, responded):
    """Code 7.3: followed through to completion."""
    money = offer(responded, handler, kind="financial")
    apology = offer(responded, handler)
    client.force_login(handler)
    response = post(
        client,
        responded,
        f"remedies/{money.pk}/payment/",
        date_fields("paid_on", today()),
        follow=True,
    )
    assert "Payment of £75.00 recorded" in success_banner(response)
    assert "Payment made" in history(response)
    refused = post(
        client, responded, f"remedies/{apology.pk}/payment/", date_fields("paid_on", today())
    )
    assert "Only a financial remedy is paid." in error_summary(refused)
    done = post(
        client,
        responded,
        f"remedies/{apology.pk}/complete/",
        date_fields("completed_on", today()),
        follow=True,
    )
    assert "Remedy carried out" in history(done)


def test_a_remedy_of_another_complaint_is_not_found(
    client, handler, responded, lifecycle, log_complaint
):
    other = lifecycle.responded(log_complaint())
    remedy = offer(other, handler)
    client.force_login(handler)
    response = post(
        client, responded, f"remedies/{remedy.pk}/complete/", date_fields("completed_on", today())
    )
    assert response.status_code == 404
    assert Remedy.objects.get(pk=remedy.pk).status == Remedy.Status.OFFERED


def test_a_remedy_answer_read_before_another_change_is_a_conflict(client, handler, responded):
    remedy = offer(responded, handler)
    stale = version(responded)
    add_action(responded, handler)
    client.force_login(handler)
    response = client.post(
        url(responded, f"remedies/{remedy.pk}/response/"),
        {"version": stale, "accepted": "yes", **date_fields("on", today())},
    )
    assert "was changed by someone else" in error_summary(response)
    assert Remedy.objects.get(pk=remedy.pk).status == Remedy.Status.OFFERED


# ---------------------------------------------------------------- outstanding actions


def test_an_outstanding_action_has_an_owner_and_a_date(client, handler, responded):
    """Code 6.6."""
    client.force_login(handler)
    data = {"description": "Replace the pump.", **date_fields("due_on", today())}
    response = post(client, responded, "actions/new/", data)
    assert "Say who owns the action. (Complaint Handling Code 6.6)" in error_summary(response)
    response = post(client, responded, "actions/new/", {**data, "owner": handler.pk}, follow=True)
    assert "Outstanding action added" in history(response)


def test_an_outstanding_action_is_updated_then_done(client, handler, responded):
    """Code 6.6, 6.17: tracked and actioned, with updates to the resident."""
    action = add_action(responded, handler)
    client.force_login(handler)
    empty = post(client, responded, f"actions/{action.pk}/update/", {"text": ""})
    assert "Enter the update." in error_summary(empty)
    updated = post(
        client,
        responded,
        f"actions/{action.pk}/update/",
        {"text": "Part ordered.", **date_fields("given_to_resident_on", today())},
        follow=True,
    )
    assert "Outstanding action updated" in history(updated)
    assert "Latest update: Part ordered." in updated.content.decode()
    done = post(
        client,
        responded,
        f"actions/{action.pk}/complete/",
        date_fields("completed_on", today()),
        follow=True,
    )
    assert "Outstanding action done" in history(done)
    again = post(
        client, responded, f"actions/{action.pk}/complete/", date_fields("completed_on", today())
    )
    assert "This action is already completed." in error_summary(again)


def test_cancelling_an_outstanding_action_is_for_roles_that_triage(
    client, handler, officer, responded
):
    action = add_action(responded, handler)
    client.force_login(handler)
    assert (
        post(client, responded, f"actions/{action.pk}/cancel/", {"reason": "No."}).status_code
        == 403
    )
    client.force_login(officer)
    response = post(
        client,
        responded,
        f"actions/{action.pk}/cancel/",
        {"reason": "Done by the council."},
        follow=True,
    )
    assert "Outstanding action cancelled: Done by the council." in history(response)


def test_outstanding_actions_are_still_followed_after_closure(
    client, handler, responded, lifecycle
):
    """Code 6.6: the complaint closes; its actions stay open until done."""
    action = add_action(responded, handler)
    lifecycle.close(responded)
    client.force_login(handler)
    page = client.get(url(responded)).content.decode()
    assert f"/actions/{action.pk}/complete/" in page
    response = post(
        client, responded, f"actions/{action.pk}/complete/", date_fields("completed_on", today())
    )
    assert response.status_code == 302


# ---------------------------------------------------------------- messages, notes, documents


def test_a_note_with_a_document_is_kept_with_the_complaint(client, handler, responded):
    """Code 5.12: supporting documentation such as reports or surveys."""
    client.force_login(handler)
    report = SimpleUploadedFile("survey report.pdf", b"%PDF-1.4 survey", "application/pdf")
    response = post(
        client,
        responded,
        "note/",
        {"body": "Surveyor's report attached.", "documents": [report]},
        follow=True,
    )
    assert "Note added with 1 document." in success_banner(response)
    timeline = history(response)
    assert "Note added" in timeline
    assert "Surveyor's report attached." in timeline
    assert "survey report.pdf" in timeline
    document = responded.attachments.get()
    download = client.get(url(responded, f"documents/{document.pk}/"))
    assert download.status_code == 200
    assert download.content == b"%PDF-1.4 survey"
    assert download["Content-Disposition"] == 'attachment; filename="survey report.pdf"'


def test_an_empty_note_is_refused(client, handler, responded):
    client.force_login(handler)
    before = events(responded)
    response = post(client, responded, "note/", {"body": ""})
    assert "Enter the message, or attach a document." in error_summary(response)
    assert events(responded) == before


def test_a_message_received_is_recorded_with_who_it_was_from(client, officer, responded):
    """Code 5.12: correspondence with the resident and with other parties."""
    client.force_login(officer)
    data = {
        "direction": "in",
        "medium": "email",
        "counterpart": "Acme Heating Ltd",
        "subject": "Pump delivery",
        "body": "The pump arrives on Friday.",
        **date_fields("occurred_on", today() - datetime.timedelta(days=1)),
    }
    response = post(client, responded, "message/", data, follow=True)
    timeline = history(response)
    assert "Message received" in timeline
    assert "From: Acme Heating Ltd" in timeline
    assert "The pump arrives on Friday." in timeline
    missing = post(client, responded, "message/", {**data, "direction": ""})
    assert "Say whether the message was received or sent" in error_summary(missing)
    assert "The pump arrives on Friday." in missing.content.decode()


def test_a_document_of_another_complaint_is_not_found(
    client, handler, responded, lifecycle, log_complaint
):
    other = lifecycle.responded(log_complaint())
    client.force_login(handler)
    post(client, other, "note/", {"body": "x", "documents": [SimpleUploadedFile("a.txt", b"a")]})
    document = other.attachments.get()
    assert client.get(url(responded, f"documents/{document.pk}/")).status_code == 404


def test_recording_correspondence_is_for_roles_that_manage_it(client, board_member, responded):
    client.force_login(board_member)
    assert post(client, responded, "note/", {"body": "x"}).status_code == 403
