"""The annual complaints performance and service improvement report (Code 8.1, 8.2): what it
holds, its files read back, and preparing, answering and publishing it."""

from __future__ import annotations

import datetime
import io

import docx
import pypdf
import pytest
from django.utils import timezone

from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.learning.models import CodeNonCompliance, OmbudsmanPublication, ServiceImprovement
from putright.reporting.annual import annual_report_content
from putright.reporting.documents import (
    annual_report_docx,
    annual_report_html,
    annual_report_pdf,
)
from putright.reporting.figures import report_figures
from putright.reporting.models import AnnualReport
from putright.reporting.services import (
    annual_report_create,
    annual_report_publish,
    annual_report_record_response,
    annual_report_update,
)
from putright.selfassessment.services import (
    self_assessment_approve,
    self_assessment_entry_update,
    self_assessment_prepare,
)
from tests.complaints.lifecycle import london

PERIOD_FROM, PERIOD_TO = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)
TODAY = datetime.date(2026, 4, 20)


@pytest.fixture(autouse=True)
def after_the_quarter(time_machine):
    time_machine.move_to(london(2026, 4, 20, 12), tick=False)


@pytest.fixture
def quarter(landlord, log_complaint, lifecycle, time_machine):
    """A quarter's records: two complaints, one answered at stage 1 and one at stage 2, a
    service improvement, a finding of non-compliance and the Ombudsman's annual letter."""
    time_machine.move_to(london(2026, 2, 2, 12), tick=False)
    first = lifecycle.responded(log_complaint(received_at=london(2026, 2, 2, 9)))
    lifecycle.stage_two_responded(log_complaint(received_at=london(2026, 2, 2, 9)))
    time_machine.move_to(london(2026, 4, 20, 12), tick=False)
    improvement = ServiceImprovement.objects.create(
        landlord=landlord,
        title="Boiler repairs booked at first contact",
        description="Call handlers book the engineer while the resident is on the phone.",
        status=ServiceImprovement.Status.COMPLETED,
        completed_on=datetime.date(2026, 3, 20),
        created_at=timezone.now(),
    )
    improvement.complaints.add(first)
    CodeNonCompliance.objects.create(
        landlord=landlord,
        provision="6.3",
        source=CodeNonCompliance.Source.OMBUDSMAN,
        found_on=datetime.date(2026, 3, 1),
        description="Stage 1 response sent late.",
        action="Weekly deadline review.",
    )
    OmbudsmanPublication.objects.create(
        landlord=landlord,
        kind=OmbudsmanPublication.Kind.ANNUAL_PERFORMANCE_LETTER,
        title="Annual landlord performance letter 2025",
        published_on=datetime.date(2026, 2, 14),
        summary="Maladministration rate below similar landlords.",
        created_at=timezone.now(),
    )
    return landlord


@pytest.fixture
def approved_assessment(landlord, manager, board_member):
    assessment = self_assessment_prepare(
        actor=Actor.for_user(manager),
        landlord=landlord,
        period_from=PERIOD_FROM,
        period_to=PERIOD_TO,
        today=TODAY,
    )
    for entry in assessment.entries.all():
        self_assessment_entry_update(actor=Actor.for_user(manager), entry=entry, complies=True)
    return self_assessment_approve(
        actor=Actor.for_user(board_member), assessment=assessment, note="Board, 15 April 2026."
    )


@pytest.fixture
def draft(quarter, manager):
    return annual_report_create(
        actor=Actor.for_user(manager),
        landlord=quarter,
        period_from=PERIOD_FROM,
        period_to=PERIOD_TO,
    )


def content_of(report):
    return annual_report_content(
        landlord=report.landlord,
        period_from=report.period_from,
        period_to=report.period_to,
        report_record=report,
        today=TODAY,
    )


def test_the_json_carries_every_figure_the_dashboard_shows(draft, quarter):
    data = content_of(draft).as_json()
    assert data["schema"] == "putright.annual-report/1"
    expected = report_figures(
        landlord=quarter, period_from=PERIOD_FROM, period_to=PERIOD_TO, today=TODAY
    ).as_json()
    assert data["figures"] == expected
    assert data["figures"]["received"][0]["value"] == 2


def test_the_report_holds_what_code_8_1_lists(draft):
    data = content_of(draft).as_json()
    headings = [section.heading for section in content_of(draft).sections]
    for heading in (
        "Complaints received",
        "Complaints we did not accept",  # 8.1b: the types of complaint refused
        "Learning and service improvements",  # 8.1d
        "The Housing Ombudsman",  # 8.1c, e, f
        "Self-assessment against the Complaint Handling Code",  # 8.1a
        "The governing body's response",  # 8.2
    ):
        assert heading in headings
    assert data["service_improvements"][0]["title"] == "Boiler repairs booked at first contact"
    assert data["service_improvements"][0]["complaints"] == 1
    assert data["code_non_compliance"][0]["provision"] == "6.3"
    assert data["ombudsman_publications"][0]["kind"] == "annual_letter"


def test_the_report_shows_no_personal_data(draft):
    content = content_of(draft)
    text = annual_report_html(content) + str(content.as_json())
    assert "Alex Morgan" not in text
    assert "Mill Lane" not in text


def test_the_pdf_reads_back_with_its_figures(draft):
    pdf = pypdf.PdfReader(io.BytesIO(annual_report_pdf(content_of(draft))))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "annual complaints performance and service improvement report" in text
    assert "Complaints received" in text
    assert "Boiler repairs booked at first contact" in text


def test_the_word_document_reads_back_with_headings_and_tables(draft):
    word = docx.Document(io.BytesIO(annual_report_docx(content_of(draft))))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Summary", "Complaints received"]
    first = word.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["Stage", "Received", "Per 1,000 homes"]
    assert [c.text for c in first.rows[1].cells][:2] == ["Stage 1", "2"]


def test_the_narrative_is_stored_with_the_report_and_shown_in_it(draft, manager):
    annual_report_update(
        actor=Actor.for_user(manager),
        report=draft,
        title=draft.title,
        self_assessment=None,
        summary="A year of fewer complaints.\n\nAnd faster answers.",
        learning="We learnt to book repairs at first contact.",
    )
    content = content_of(AnnualReport.objects.get(pk=draft.pk))
    summary = content.sections[0]
    assert summary.paragraphs == ("A year of fewer complaints.", "And faster answers.")
    assert "We learnt to book repairs at first contact." in annual_report_html(content)


def test_the_newest_approved_self_assessment_for_the_period_is_included(
    quarter, manager, approved_assessment
):
    report = annual_report_create(
        actor=Actor.for_user(manager),
        landlord=quarter,
        period_from=PERIOD_FROM,
        period_to=PERIOD_TO,
    )
    assert report.self_assessment == approved_assessment
    data = content_of(report).as_json()
    assert data["self_assessment"]["version"] == 1
    assert len(data["self_assessment"]["provisions"]) == 72


def test_publishing_needs_the_approved_self_assessment(draft, manager, board_member):
    annual_report_record_response(
        actor=Actor.for_user(board_member), report=draft, response="We endorse this report."
    )
    with pytest.raises(DomainError, match="self-assessment approved") as refused:
        annual_report_publish(actor=Actor.for_user(manager), report=draft, today=TODAY)
    assert refused.value.provision == "8.1"


def test_publishing_needs_the_governing_bodys_response(draft, manager, approved_assessment):
    annual_report_update(
        actor=Actor.for_user(manager),
        report=draft,
        title=draft.title,
        self_assessment=approved_assessment,
    )
    with pytest.raises(DomainError, match="governing body's response") as refused:
        annual_report_publish(actor=Actor.for_user(manager), report=draft, today=TODAY)
    assert refused.value.provision == "8.2"


@pytest.fixture
def published(draft, manager, board_member, approved_assessment):
    annual_report_update(
        actor=Actor.for_user(manager),
        report=draft,
        title=draft.title,
        self_assessment=approved_assessment,
        summary="Fewer complaints, answered faster.",
    )
    annual_report_record_response(
        actor=Actor.for_user(board_member),
        report=draft,
        response="The Board endorses the report and asks for quarterly updates.",
    )
    return annual_report_publish(actor=Actor.for_user(manager), report=draft, today=TODAY)


def test_publishing_snapshots_the_report_with_the_response_alongside(published):
    assert published.is_published and published.published_at is not None
    assert "The Board endorses the report" in published.published_html
    assert published.published_json["governing_body_response"]["text"].startswith("The Board")
    assert bytes(published.published_pdf).startswith(b"%PDF")


def test_a_published_report_cannot_be_changed(published, manager, board_member):
    with pytest.raises(DomainError, match="has been published"):
        annual_report_update(
            actor=Actor.for_user(manager), report=published, title="Other", self_assessment=None
        )
    with pytest.raises(DomainError, match="has been published"):
        annual_report_record_response(
            actor=Actor.for_user(board_member), report=published, response="Changed our mind."
        )


def test_who_may_prepare_respond_and_publish(quarter, draft, handler, board_member, manager):
    with pytest.raises(NotPermittedError):
        annual_report_create(
            actor=Actor.for_user(board_member),
            landlord=quarter,
            period_from=PERIOD_FROM,
            period_to=PERIOD_TO,
        )
    with pytest.raises(NotPermittedError):
        annual_report_record_response(
            actor=Actor.for_user(manager), report=draft, response="We like it."
        )
    with pytest.raises(NotPermittedError):
        annual_report_publish(actor=Actor.for_user(handler), report=draft)
