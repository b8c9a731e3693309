"""Preparing, answering and publishing the annual complaints report (Code 8.1, 8.2).

The senior lead prepares the report and writes its narrative; the governing body records its
response; the report is published with the response alongside it and the approved
self-assessment inside it. Publishing snapshots the report as it stands, for the public page.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.services import changes, record_event
from putright.landlords.models import Landlord
from putright.reporting.annual import (
    NARRATIVE_FIELDS,
    annual_report_content,
    annual_report_default_title,
)
from putright.reporting.documents import annual_report_body_html, annual_report_pdf
from putright.reporting.models import AnnualReport
from putright.selfassessment.models import SelfAssessment

PREPARE = "reporting.prepare_annualreport"
RESPOND = "reporting.respond_annualreport"
PUBLISH = "reporting.publish_annualreport"
NARRATIVE = [key for key, _ in NARRATIVE_FIELDS]


def _lock_own(actor: Actor, report: AnnualReport) -> AnnualReport:
    locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if locked.landlord_id != actor.landlord_pk:
        raise NotPermittedError("This report belongs to another landlord.")
    return locked


def _require_draft(report: AnnualReport) -> None:
    if report.is_published:
        raise DomainError(
            "This report has been published and cannot be changed: prepare a new report for "
            "the period if it must be corrected.",
            provision="8.2",
        )


def _require_self_assessment(
    report: AnnualReport, assessment: SelfAssessment | None
) -> SelfAssessment | None:
    if assessment is None:
        return None
    if assessment.landlord_id != report.landlord_id:
        raise NotPermittedError("That self-assessment belongs to another landlord.")
    return assessment


@transaction.atomic
def annual_report_create(
    *,
    actor: Actor,
    landlord: Landlord,
    period_from: datetime.date,
    period_to: datetime.date,
    title: str = "",
) -> AnnualReport:
    """A draft report for the period, including the newest approved self-assessment for it."""
    actor.require(PREPARE, "prepare the annual complaints report")
    if landlord.pk != actor.landlord_pk:
        raise NotPermittedError("You can prepare a report only for your own landlord.")
    if period_from > period_to:
        raise DomainError("The period must start before it ends.", field="period_to")
    assessment = (
        SelfAssessment.objects.filter(
            landlord=landlord,
            period_from=period_from,
            period_to=period_to,
            status=SelfAssessment.Status.APPROVED,
        )
        .order_by("-version")
        .first()
    )
    now = timezone.now()
    report = AnnualReport.objects.create(
        landlord=landlord,
        title=title.strip() or annual_report_default_title(landlord, period_from, period_to),
        period_from=period_from,
        period_to=period_to,
        self_assessment=assessment,
        created_by=actor.user,
        created_at=now,
        updated_at=now,
    )
    record_event(
        actor=actor,
        subject=report,
        action="annual_report.created",
        summary=f"Annual report prepared: {report.title}",
        after={"period_from": period_from, "period_to": period_to},
    )
    return report


@transaction.atomic
def annual_report_update(
    *,
    actor: Actor,
    report: AnnualReport,
    title: str,
    self_assessment: SelfAssessment | None,
    **narrative: str,
) -> AnnualReport:
    """The title, the narrative sections and which self-assessment version the report includes."""
    actor.require(PREPARE, "edit the annual complaints report")
    report = _lock_own(actor, report)
    _require_draft(report)
    unknown = set(narrative) - set(NARRATIVE)
    if unknown:
        raise DomainError(f"The report has no section called {', '.join(sorted(unknown))}.")
    title = title.strip()
    if not title:
        raise DomainError("Give the report a title.", field="title")
    fields = ["title", "self_assessment", *narrative]
    before = changes(report, fields)
    report.title = title
    report.self_assessment = _require_self_assessment(report, self_assessment)
    for key, text in narrative.items():
        setattr(report, key, text.strip())
    report.updated_at = timezone.now()
    report.save(update_fields=[*fields, "updated_at"])
    record_event(
        actor=actor,
        subject=report,
        action="annual_report.updated",
        summary=f"Annual report edited: {report.title}",
        before=before,
        after=changes(report, fields),
    )
    return report


@transaction.atomic
def annual_report_record_response(
    *, actor: Actor, report: AnnualReport, response: str
) -> AnnualReport:
    """Code 8.2: the governing body's response, to be published alongside the report."""
    actor.require(RESPOND, "record the governing body's response")
    report = _lock_own(actor, report)
    _require_draft(report)
    response = response.strip()
    if not response:
        raise DomainError(
            "Write the governing body's response: it is published alongside the report.",
            provision="8.2",
            field="response",
        )
    before = {"governing_body_response": report.governing_body_response}
    report.governing_body_response = response
    report.response_recorded_by_label = actor.label
    report.response_recorded_at = timezone.now()
    report.updated_at = report.response_recorded_at
    report.save(
        update_fields=[
            "governing_body_response",
            "response_recorded_by_label",
            "response_recorded_at",
            "updated_at",
        ]
    )
    record_event(
        actor=actor,
        subject=report,
        action="annual_report.response_recorded",
        summary=f"Governing body's response recorded by {actor.label}",
        before=before,
        after={"governing_body_response": response},
    )
    return report


@transaction.atomic
def annual_report_publish(
    *, actor: Actor, report: AnnualReport, today: datetime.date | None = None
) -> AnnualReport:
    """Publish the report: snapshot it as it stands, for the public page (Code 8.2).

    It must include an approved self-assessment (Code 8.1a; the form is approved by the
    governing body) and carry the governing body's response (Code 8.2).
    """
    actor.require(PUBLISH, "publish the annual complaints report")
    report = _lock_own(actor, report)
    _require_draft(report)
    if report.self_assessment is None or not report.self_assessment.is_approved:
        raise DomainError(
            "Include the self-assessment approved by the governing body before publishing: "
            "the report must contain it.",
            provision="8.1",
        )
    if not report.has_response:
        raise DomainError(
            "Record the governing body's response before publishing: it is published "
            "alongside the report.",
            provision="8.2",
        )
    now = timezone.now()
    report.status = AnnualReport.Status.PUBLISHED
    report.published_at = now
    report.published_by_label = actor.label
    content = annual_report_content(
        landlord=report.landlord,
        period_from=report.period_from,
        period_to=report.period_to,
        report_record=report,
        today=today,
    )
    report.published_html = annual_report_body_html(content)
    report.published_json = content.as_json()
    report.published_pdf = annual_report_pdf(content)
    report.updated_at = now
    report.save()
    record_event(
        actor=actor,
        subject=report,
        action="annual_report.published",
        summary=f"Annual report published: {report.title}",
        after={"published_at": now},
    )
    return report
