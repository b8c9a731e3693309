"""Reading self-assessments: versions, and each version as the rows of the Ombudsman's form."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from putright.core.errors import NotFoundError
from putright.landlords.models import Landlord
from putright.provisions.catalogue import provision_get, provisions_all
from putright.selfassessment.measures import measure_all
from putright.selfassessment.models import SelfAssessment, SelfAssessmentEntry


@dataclass(frozen=True)
class AssessmentRow:
    """One row of the form: provision, requirement, comply, evidence, commentary."""

    provision: str
    section: int
    section_title: str
    requirement: str
    complies: bool | None
    measured_evidence: str
    shortfall: bool
    evidence: str
    commentary: str
    action: str
    comply_by: datetime.date | None

    @property
    def comply_display(self) -> str:
        if self.complies is None:
            return "Not answered"
        return "Yes" if self.complies else "No"

    @property
    def evidence_text(self) -> str:
        """What the Evidence column shows: Putright's measurement, then the landlord's own."""
        parts = []
        if self.measured_evidence:
            parts.append(f"Measured by Putright: {self.measured_evidence}")
        if self.evidence:
            parts.append(self.evidence)
        return "\n\n".join(parts)

    @property
    def commentary_text(self) -> str:
        """What the Commentary column shows: with a "no", the action and the date to comply."""
        parts = [self.commentary] if self.commentary else []
        if self.complies is False:
            parts.append(f"Action: {self.action}")
            if self.comply_by:
                parts.append(f"We will comply by {self.comply_by.day} {self.comply_by:%B %Y}.")
        return "\n\n".join(parts)


@dataclass(frozen=True)
class AssessmentDocument:
    """A self-assessment ready to show or export: a stored version, or an unsaved draft."""

    landlord_name: str
    period_from: datetime.date
    period_to: datetime.date
    version: int | None  # None: measured now, not saved
    status: str
    reason: str
    approved_by: str
    approved_at: datetime.datetime | None
    approval_note: str
    measured_at: datetime.datetime
    rows: tuple[AssessmentRow, ...]

    @property
    def shortfalls(self) -> tuple[AssessmentRow, ...]:
        return tuple(row for row in self.rows if row.shortfall)

    @property
    def not_complying(self) -> tuple[AssessmentRow, ...]:
        return tuple(row for row in self.rows if row.complies is False)


def self_assessment_list(*, landlord_id: int) -> list[SelfAssessment]:
    return list(
        SelfAssessment.objects.filter(landlord_id=landlord_id).select_related("approved_by")
    )


def self_assessment_get(*, landlord_id: int, pk: int) -> SelfAssessment:
    found = (
        SelfAssessment.objects.filter(landlord_id=landlord_id, pk=pk)
        .select_related("landlord")
        .first()
    )
    if found is None:
        raise NotFoundError("There is no such self-assessment.")
    return found


def self_assessment_latest(
    *,
    landlord_id: int,
    period_from: datetime.date,
    period_to: datetime.date,
    approved_only: bool = False,
) -> SelfAssessment | None:
    """The newest version for exactly this period (the newest approved one, if asked)."""
    versions = SelfAssessment.objects.filter(
        landlord_id=landlord_id, period_from=period_from, period_to=period_to
    )
    if approved_only:
        versions = versions.filter(status=SelfAssessment.Status.APPROVED)
    return versions.select_related("landlord").order_by("-version").first()


def self_assessment_entries(*, assessment: SelfAssessment) -> list[SelfAssessmentEntry]:
    return list(assessment.entries.order_by("position"))


def _row(entry: SelfAssessmentEntry) -> AssessmentRow:
    provision = provision_get(entry.provision)
    return AssessmentRow(
        provision=entry.provision,
        section=provision.section,
        section_title=provision.section_title,
        requirement=provision.text,
        complies=entry.complies,
        measured_evidence=entry.measured_evidence,
        shortfall=entry.shortfall,
        evidence=entry.evidence,
        commentary=entry.commentary,
        action=entry.action,
        comply_by=entry.comply_by,
    )


def self_assessment_document(*, assessment: SelfAssessment) -> AssessmentDocument:
    """A stored version as a document, in the Code's order (two queries)."""
    return AssessmentDocument(
        landlord_name=assessment.landlord.name,
        period_from=assessment.period_from,
        period_to=assessment.period_to,
        version=assessment.version,
        status=assessment.get_status_display(),
        reason=assessment.get_reason_display(),
        approved_by=assessment.approved_by_label,
        approved_at=assessment.approved_at,
        approval_note=assessment.approval_note,
        measured_at=assessment.measured_at,
        rows=tuple(_row(entry) for entry in self_assessment_entries(assessment=assessment)),
    )


def self_assessment_measured_draft(
    *, landlord: Landlord, period_from: datetime.date, period_to: datetime.date
) -> AssessmentDocument:
    """An unsaved draft: every provision of the form with what Putright measures, unanswered."""
    measured = measure_all(landlord=landlord, period_from=period_from, period_to=period_to)
    rows = []
    for provision in provisions_all():
        if not provision.in_self_assessment_form:
            continue
        measurement = measured.get(provision.number)
        rows.append(
            AssessmentRow(
                provision=provision.number,
                section=provision.section,
                section_title=provision.section_title,
                requirement=provision.text,
                complies=None,
                measured_evidence=measurement.evidence if measurement else "",
                shortfall=measurement.shortfall if measurement else False,
                evidence="",
                commentary="",
                action="",
                comply_by=None,
            )
        )
    return AssessmentDocument(
        landlord_name=landlord.name,
        period_from=period_from,
        period_to=period_to,
        version=None,
        status="Not saved: measured from the records, not yet answered",
        reason=SelfAssessment.Reason.ANNUAL.label,
        approved_by="",
        approved_at=None,
        approval_note="",
        measured_at=timezone.now(),
        rows=tuple(rows),
    )
