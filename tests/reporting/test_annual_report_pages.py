"""The annual report's staff pages and its public page on the resident service (Code 8.2)."""

from __future__ import annotations

import datetime

import pytest

from putright.core.actors import Actor
from putright.reporting.models import AnnualReport
from putright.reporting.services import annual_report_create
from putright.selfassessment.services import (
    self_assessment_approve,
    self_assessment_entry_update,
    self_assessment_prepare,
)
from tests.complaints.lifecycle import london

PERIOD_FROM, PERIOD_TO = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def after_the_quarter(time_machine):
    time_machine.move_to(london(2026, 4, 20, 12), tick=False)


@pytest.fixture
def report(landlord, manager, board_member):
    assessment = self_assessment_prepare(
        actor=Actor.for_user(manager),
        landlord=landlord,
        period_from=PERIOD_FROM,
        period_to=PERIOD_TO,
    )
    for entry in assessment.entries.all():
        self_assessment_entry_update(actor=Actor.for_user(manager), entry=entry, complies=True)
    self_assessment_approve(actor=Actor.for_user(board_member), assessment=assessment)
    return annual_report_create(
        actor=Actor.for_user(manager),
        landlord=landlord,
        period_from=PERIOD_FROM,
        period_to=PERIOD_TO,
    )


def test_the_senior_lead_prepares_a_report_for_a_period(client, manager, landlord):
    client.force_login(manager)
    response = client.post(
        "/staff/annual-reports/",
        {
            "period_from-day": "1",
            "period_from-month": "1",
            "period_from-year": "2026",
            "period_to-day": "31",
            "period_to-month": "3",
            "period_to-year": "2026",
        },
    )
    report = AnnualReport.objects.get()
    assert response["Location"] == f"/staff/annual-reports/{report.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Complaints received" in page and "Timeliness against the Code" in page


def test_the_narrative_is_edited_on_its_page(client, manager, report):
    client.force_login(manager)
    response = client.post(
        f"/staff/annual-reports/{report.pk}/edit/",
        {
            "title": "Complaints in the first quarter",
            "self_assessment": report.self_assessment_id,
            "learning": "Repairs are now booked at first contact.",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/staff/annual-reports/{report.pk}/").content.decode()
    assert "Complaints in the first quarter" in page
    assert "Repairs are now booked at first contact." in page


def test_publishing_before_the_response_is_refused_on_the_page(client, manager, report):
    client.force_login(manager)
    page = client.post(f"/staff/annual-reports/{report.pk}/publish/", {}).content.decode()
    assert "There is a problem" in page
    assert "response before publishing: it is published alongside the report" in page
    report.refresh_from_db()
    assert not report.is_published


def test_published_report_appears_on_the_resident_service_with_the_response(
    client, manager, board_member, report
):
    public = client.get("/resident/complaints-reports/").content.decode()
    assert report.title not in public  # drafts are never public
    client.force_login(board_member)
    client.post(
        f"/staff/annual-reports/{report.pk}/response/",
        {"response": "The Board endorses this report."},
    )
    client.force_login(manager)
    assert client.post(f"/staff/annual-reports/{report.pk}/publish/", {}).status_code == 302
    client.logout()
    listing = client.get("/resident/complaints-reports/").content.decode()
    assert report.title in listing
    page = client.get(f"/resident/complaints-reports/{report.pk}/").content.decode()
    assert "The Board endorses this report." in page
    assert "Self-assessment against the Complaint Handling Code" in page
    pdf = client.get(f"/resident/complaints-reports/{report.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_draft_is_not_found_on_the_resident_service(client, report):
    assert client.get(f"/resident/complaints-reports/{report.pk}/").status_code == 404


@pytest.mark.parametrize("file_format", ["json", "html", "pdf", "docx"])
def test_the_governing_body_downloads_the_report(client, board_member, report, file_format):
    client.force_login(board_member)
    response = client.get(f"/staff/annual-reports/{report.pk}/download/{file_format}/")
    assert response.status_code == 200
    assert f".{file_format}" in response["Content-Disposition"]


def test_a_handler_cannot_open_the_reports(client, handler, report):
    client.force_login(handler)
    assert client.get(f"/staff/annual-reports/{report.pk}/").status_code == 403
