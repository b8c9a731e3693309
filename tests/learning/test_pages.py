"""The staff pages for learning and the Ombudsman: GOV.UK forms that keep what was typed and
show what a service refused, and read-only pages without personal data for the governing body."""

from __future__ import annotations

import datetime
import io

import pytest
from pypdf import PdfWriter

from putright.learning.models import (
    ComplaintRootCause,
    ExceptionalCircumstance,
    OmbudsmanCase,
    OmbudsmanPublication,
    SatisfactionInvitation,
    ServiceImprovement,
)
from putright.learning.services import (
    ImprovementDetails,
    improvement_create,
    ombudsman_case_create,
    ombudsman_order_add,
    satisfaction_respond,
    satisfaction_token,
)


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def improvement(lead, log_complaint):
    return improvement_create(
        actor=lead,
        details=ImprovementDetails(
            title="Text residents before repairs appointments",
            description="Missed appointments",
            owner_description="Repairs manager",
        ),
        complaint_references=[log_complaint().reference],
    )


def test_recording_an_improvement_shows_what_was_refused_and_keeps_what_was_typed(
    client, manager, log_complaint
):
    client.force_login(manager)
    complaint = log_complaint()
    form = {
        "title": "Call back within a day",
        "description": "Residents were not called back",
        "due_on-day": "31",
        "due_on-month": "2",
        "due_on-year": "2027",
        "complaint_references": complaint.reference,
    }
    page = client.post("/staff/learning/improvements/new/", form)
    body = text(page)
    assert page.status_code == 200
    assert "There is a problem" in body
    assert "Due date (optional) must be a real date" in body
    form["due_on-day"] = "28"
    page = client.post("/staff/learning/improvements/new/", form)
    body = text(page)
    assert "Say who owns the improvement" in body
    assert "Residents were not called back" in body
    assert not ServiceImprovement.objects.exists()

    form["owner"] = str(manager.pk)
    page = client.post("/staff/learning/improvements/new/", form)
    improvement = ServiceImprovement.objects.get()
    assert page.status_code == 302
    assert page["Location"] == f"/staff/learning/improvements/{improvement.pk}/"
    assert list(improvement.complaints.all()) == [complaint]
    shown = text(client.get(page["Location"]))
    assert "Call back within a day" in shown
    assert complaint.reference in shown


def test_the_lead_moves_an_improvement_to_completed_with_its_outcome(client, manager, improvement):
    client.force_login(manager)
    url = f"/staff/learning/improvements/{improvement.pk}/status/"
    refused = client.post(url, {"status": "completed"})
    assert "Say what difference the change made" in text(refused)
    done = client.post(url, {"status": "completed", "outcome": "Missed appointments halved"})
    assert done.status_code == 302
    listed = text(client.get("/staff/learning/improvements/you-said-we-did/"))
    assert "Missed appointments halved" in listed
    assert "Prompted by 1 complaint" in listed


def test_linking_an_unknown_reference_is_shown_against_the_field(client, manager, improvement):
    client.force_login(manager)
    page = client.post(
        f"/staff/learning/improvements/{improvement.pk}/complaints/", {"reference": "C1999-1"}
    )
    assert "There is no complaint with the reference C1999-1" in text(page)
    assert 'href="#id_reference"' in text(page)


def test_unlinking_a_complaint_is_a_post(client, manager, improvement):
    client.force_login(manager)
    complaint = improvement.complaints.get()
    url = f"/staff/learning/improvements/{improvement.pk}/complaints/{complaint.reference}/remove/"
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not improvement.complaints.exists()


def test_the_governing_body_reads_improvements_without_complaint_references(
    client, board_member, improvement
):
    client.force_login(board_member)
    complaint = improvement.complaints.get()
    page = text(client.get(f"/staff/learning/improvements/{improvement.pk}/"))
    assert "1 complaint is linked to this improvement." in page
    assert complaint.reference not in page
    assert "Change the status" not in page
    assert (
        client.post(
            f"/staff/learning/improvements/{improvement.pk}/status/", {"status": "completed"}
        ).status_code
        == 403
    )


def test_an_ombudsman_case_from_referral_to_compliance(client, manager, log_complaint):
    client.force_login(manager)
    complaint = log_complaint()
    created = client.post(
        "/staff/learning/ombudsman/new/",
        {
            "ombudsman_reference": "202412345",
            "referred_on-day": "10",
            "referred_on-month": "1",
            "referred_on-year": "2026",
            "complaint_reference": complaint.reference,
        },
    )
    case = OmbudsmanCase.objects.get()
    assert created["Location"] == f"/staff/learning/ombudsman/{case.pk}/"
    base = created["Location"]
    client.post(f"{base}findings/new/", {"issue": "Repairs", "finding": "maladministration"})
    refused = client.post(f"{base}orders/new/", {"kind": "order", "description": "Pay £300"})
    assert "Enter the date the order must be complied with by" in text(refused)
    client.post(
        f"{base}orders/new/",
        {
            "kind": "order",
            "description": "Pay £300",
            "due_on-day": "1",
            "due_on-month": "2",
            "due_on-year": "2026",
            "compensation_amount": "300",
        },
    )
    listed = text(client.get("/staff/learning/ombudsman/"))
    assert "Orders past their due date" in listed
    assert "£300.00" in listed
    order = case.orders.get()
    client.post(
        f"{base}orders/{order.pk}/compliance/",
        {"complied_on-day": "3", "complied_on-month": "2", "complied_on-year": "2026"},
    )
    assert "Orders past their due date" not in text(client.get("/staff/learning/ombudsman/"))
    page = text(client.get(base))
    assert "Maladministration" in page
    assert "3 February 2026" in page


def test_the_governing_body_sees_findings_but_not_the_complaint_or_summary(
    client, board_member, lead, log_complaint
):
    complaint = log_complaint()
    case = ombudsman_case_create(
        actor=lead,
        ombudsman_reference="202400001",
        referred_on=datetime.date(2026, 1, 10),
        complaint_reference=complaint.reference,
        summary="Repairs delay at the resident's home",
    )
    ombudsman_order_add(
        actor=lead, case=case, kind="recommendation", description="Review repairs", due_on=None
    )
    client.force_login(board_member)
    for url in ("/staff/learning/ombudsman/", f"/staff/learning/ombudsman/{case.pk}/"):
        page = text(client.get(url))
        assert "202400001" in page
        assert complaint.reference not in page
        assert "Repairs delay" not in page
        assert "Record an order" not in page


def a_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_publication_is_uploaded_as_a_pdf_and_downloaded(client, manager, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(manager)
    form = {
        "kind": "annual_letter",
        "title": "Annual letter 2024-25",
        "published_on-day": "20",
        "published_on-month": "9",
        "published_on-year": "2025",
    }
    not_pdf = io.BytesIO(b"just text")
    not_pdf.name = "letter.pdf"
    refused = client.post("/staff/learning/publications/new/", {**form, "document": not_pdf})
    assert "The file must be a PDF" in text(refused)
    assert "Annual letter 2024-25" in text(refused)
    pdf = io.BytesIO(a_pdf())
    pdf.name = "letter.pdf"
    done = client.post("/staff/learning/publications/new/", {**form, "document": pdf})
    assert done.status_code == 302
    publication = OmbudsmanPublication.objects.get()
    download = client.get(f"/staff/learning/publications/{publication.pk}/document/")
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF-")


def test_the_handler_records_and_removes_a_root_cause_from_the_complaint(
    client, handler, causes, log_complaint, lifecycle
):
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    case_page = text(client.get(f"/staff/complaints/{complaint.reference}/"))
    assert f"/staff/complaints/{complaint.reference}/learning/" in case_page
    url = f"/staff/complaints/{complaint.reference}/learning/"
    refused = client.post(url, {"notes": "No call back"})
    assert "Choose the root cause" in text(refused)
    assert "No call back" in text(refused)
    client.post(url, {"root_cause": causes["not_kept_informed"].pk, "notes": "No call back"})
    recorded = ComplaintRootCause.objects.get()
    assert "Communication: Not kept informed" in text(client.get(url))
    client.post(f"{url}root-causes/{recorded.pk}/remove/")
    assert not ComplaintRootCause.objects.exists()


def test_the_overview_counts_what_needs_attention(client, manager, lead):
    improvement_create(
        actor=lead,
        details=ImprovementDetails(
            title="Late one",
            description="d",
            owner_description="Team",
            due_on=datetime.date(2020, 1, 1),
        ),
    )
    client.force_login(manager)
    page = text(client.get("/staff/learning/"))
    assert "1 open" in page
    assert "1 overdue" in page


@pytest.mark.parametrize(
    "url",
    [
        "/staff/learning/improvements/999/",
        "/staff/learning/ombudsman/999/",
        "/staff/learning/publications/999/document/",
    ],
)
def test_records_of_another_landlord_or_none_are_not_found(client, manager, url):
    client.force_login(manager)
    assert client.get(url).status_code == 404


def test_a_handler_cannot_open_the_learning_pages(client, handler):
    client.force_login(handler)
    assert client.get("/staff/learning/").status_code == 403


def test_the_officer_emails_the_survey_from_the_complaint_and_sees_the_answer(
    client, officer, closed_complaint, smtp_server
):
    client.force_login(officer)
    url = f"/staff/complaints/{closed_complaint.reference}/learning/"
    assert "Email the satisfaction survey" in text(client.get(url))
    sent = client.post(f"{url}survey/", follow=True)
    assert "Satisfaction survey about stage 1 sent by email" in text(sent)
    [(recipients, message)] = smtp_server.messages
    assert recipients == ["alex@example.org"]
    assert "http://testserver/resident/survey/" in message.as_string()
    again = client.post(f"{url}survey/", follow=True)
    assert "already been asked about stage 1" in text(again)
    assert len(smtp_server.messages) == 1

    invitation = SatisfactionInvitation.objects.get()
    satisfaction_respond(
        token=satisfaction_token(invitation), handling=2, comments="Too slow to reply"
    )
    page = text(client.get(url))
    assert "dissatisfied with the handling" in page
    assert "Too slow to reply" in page


def test_no_survey_is_offered_while_the_complaint_is_open(client, officer, log_complaint):
    client.force_login(officer)
    complaint = log_complaint()
    page = text(client.get(f"/staff/complaints/{complaint.reference}/learning/"))
    assert "Email the satisfaction survey" not in page
    assert "No survey sent." in page


def test_the_lead_records_exceptional_circumstances_and_then_when_residents_were_told(
    client, manager
):
    client.force_login(manager)
    form = {
        "starts_on-day": "10",
        "starts_on-month": "1",
        "starts_on-year": "2026",
        "ends_on-day": "9",
        "ends_on-month": "1",
        "ends_on-year": "2026",
        "description": "Cyber attack",
    }
    refused = client.post("/staff/learning/compliance/exceptional-circumstances/new/", form)
    assert "The circumstances cannot end before they began" in text(refused)
    assert 'href="#id_ends_on-day"' in text(refused)
    del form["ends_on-day"], form["ends_on-month"], form["ends_on-year"]
    done = client.post("/staff/learning/compliance/exceptional-circumstances/new/", form)
    assert done.status_code == 302
    circumstance = ExceptionalCircumstance.objects.get()
    client.post(
        f"/staff/learning/compliance/exceptional-circumstances/{circumstance.pk}/change/",
        {
            "residents_informed_on-day": "12",
            "residents_informed_on-month": "1",
            "residents_informed_on-year": "2026",
        },
    )
    circumstance.refresh_from_db()
    assert circumstance.residents_informed_on == datetime.date(2026, 1, 12)


def test_a_provision_the_code_lacks_is_refused_against_its_field(client, manager):
    client.force_login(manager)
    page = client.post(
        "/staff/learning/compliance/non-compliance/new/",
        {
            "provision": "12.1",
            "source": "ombudsman",
            "found_on-day": "5",
            "found_on-month": "1",
            "found_on-year": "2026",
            "description": "Late responses",
        },
    )
    assert "The Complaint Handling Code has no provision 12.1" in text(page)
    assert 'href="#id_provision"' in text(page)
