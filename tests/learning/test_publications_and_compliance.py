"""Code 8.1c, 8.1e, 8.1f, 8.5: the Ombudsman's publications, findings of non-compliance with the
Code, and exceptional circumstances, each with its dates."""

from __future__ import annotations

import datetime
import io

import pytest
from pypdf import PdfReader, PdfWriter

from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.models import Event
from putright.learning.models import OmbudsmanPublication
from putright.learning.services import (
    CircumstanceDates,
    PublicationFile,
    code_non_compliance_record,
    code_non_compliance_remedy,
    exceptional_circumstance_record,
    exceptional_circumstance_update,
    ombudsman_publication_add,
)


def a_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_annual_performance_letter_is_kept_as_a_pdf(lead):
    publication = ombudsman_publication_add(
        actor=lead,
        kind="annual_letter",
        title="Annual complaints performance letter 2024-25",
        published_on=datetime.date(2025, 9, 20),
        document=PublicationFile(name="letter.pdf", content=a_pdf()),
    )
    publication.refresh_from_db()
    with publication.document.open("rb") as handle:
        assert len(PdfReader(handle).pages) == 1
    assert publication.document.name.endswith(".pdf")
    assert Event.objects.filter(action="ombudsman_publication.added").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a not a pdf at all", "must be a PDF"),
        (b"%PDF-1.7\nthis only looks like one", "not a PDF that can be opened"),
    ],
    ids=["another-kind-of-file", "a-pdf-by-its-first-bytes-only"],
)
def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(lead, content, message):
    with pytest.raises(DomainError, match=message) as refused:
        ombudsman_publication_add(
            actor=lead,
            kind="special_report",
            title="Special report",
            published_on=datetime.date(2025, 9, 20),
            document=PublicationFile(name="report.pdf", content=content),
        )
    assert refused.value.field == "document"
    assert not OmbudsmanPublication.objects.exists()


def test_only_the_senior_lead_records_publications(officer):
    with pytest.raises(NotPermittedError):
        ombudsman_publication_add(
            actor=Actor.for_user(officer),
            kind="chfo",
            title="CHFO",
            published_on=datetime.date(2025, 9, 20),
        )


def test_non_compliance_names_a_provision_the_code_has(lead):
    with pytest.raises(DomainError, match=r"has no provision 6\.99") as refused:
        code_non_compliance_record(
            actor=lead,
            provision="6.99",
            source="ombudsman",
            found_on=datetime.date(2026, 1, 5),
            description="Late responses",
        )
    assert refused.value.field == "provision"
    finding = code_non_compliance_record(
        actor=lead,
        provision="6.2",
        source="self_assessment",
        found_on=datetime.date(2026, 1, 5),
        description="Stage 1 acknowledgements late in December",
    )
    with pytest.raises(DomainError, match="before it was found"):
        code_non_compliance_remedy(
            actor=lead, finding=finding, remedied_on=datetime.date(2026, 1, 4), action="Rota"
        )
    remedied = code_non_compliance_remedy(
        actor=lead, finding=finding, remedied_on=datetime.date(2026, 2, 1), action="Cover rota"
    )
    assert remedied.remedied_on == datetime.date(2026, 2, 1)


def test_exceptional_circumstances_keep_when_the_ombudsman_and_residents_were_told(lead):
    with pytest.raises(DomainError, match="end before they began"):
        exceptional_circumstance_record(
            actor=lead,
            starts_on=datetime.date(2026, 1, 10),
            description="Cyber attack: case system unavailable",
            dates=CircumstanceDates(ends_on=datetime.date(2026, 1, 9)),
        )
    with pytest.raises(DomainError, match="Describe the circumstances") as refused:
        exceptional_circumstance_record(
            actor=lead, starts_on=datetime.date(2026, 1, 10), description=" "
        )
    assert refused.value.provision == "8.5"
    circumstance = exceptional_circumstance_record(
        actor=lead,
        starts_on=datetime.date(2026, 1, 10),
        description="Cyber attack: case system unavailable",
        provisions_affected="6.2, 6.3",
    )
    with pytest.raises(DomainError, match="complying again cannot be before") as refused:
        exceptional_circumstance_update(
            actor=lead,
            circumstance=circumstance,
            dates=CircumstanceDates(compliant_again_by=datetime.date(2026, 1, 1)),
        )
    assert refused.value.field == "compliant_again_by"
    exceptional_circumstance_update(
        actor=lead,
        circumstance=circumstance,
        dates=CircumstanceDates(
            ombudsman_informed_on=datetime.date(2026, 1, 12),
            residents_informed_on=datetime.date(2026, 1, 13),
            published_on=datetime.date(2026, 1, 13),
            compliant_again_by=datetime.date(2026, 2, 28),
        ),
    )
    event = Event.objects.filter(action="exceptional_circumstance.changed").get()
    assert event.before == {
        "ombudsman_informed_on": None,
        "residents_informed_on": None,
        "published_on": None,
        "compliant_again_by": None,
    }
    assert event.after == {
        "ombudsman_informed_on": "2026-01-12",
        "residents_informed_on": "2026-01-13",
        "published_on": "2026-01-13",
        "compliant_again_by": "2026-02-28",
    }


def test_the_compliance_page_flags_circumstances_without_a_date_for_complying_again(
    client, manager, lead
):
    exceptional_circumstance_record(
        actor=lead,
        starts_on=datetime.date(2026, 1, 10),
        description="Cyber attack: case system unavailable",
    )
    client.force_login(manager)
    page = client.get("/staff/learning/compliance/").content.decode()
    assert "No date given for complying again (Code 8.5 asks for one)." in page
