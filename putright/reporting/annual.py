"""The annual complaints performance and service improvement report, as content (Code 8.1, 8.2).

``annual_report_content`` gathers everything the report holds for a period: the figures from
``report_figures`` (8.1b), the narrative the landlord wrote, the self-assessment (8.1a), the
Ombudsman's findings of non-compliance (8.1c) and publications (8.1e, f), the service
improvements (8.1d), exceptional circumstances (8.5) and the governing body's response (8.2).

The content is a list of sections, each with paragraphs and tables of plain strings, so the
HTML page, the PDF and the Word document (``putright.reporting.documents``) all show the same
report, and ``as_json`` gives it whole, with every figure the dashboard shows.
It holds no personal data: the report is for the governing body and for the public.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from typing import Any

from django.db.models import Count as CountOf
from django.db.models import Q
from django.utils import timezone

from putright.core.errors import NotFoundError
from putright.landlords.models import Landlord
from putright.learning.models import (
    CodeNonCompliance,
    ExceptionalCircumstance,
    OmbudsmanPublication,
    ServiceImprovement,
)
from putright.reporting import figures as report
from putright.reporting.models import AnnualReport
from putright.selfassessment.exports import FORM_COLUMNS, self_assessment_json
from putright.selfassessment.selectors import (
    AssessmentDocument,
    self_assessment_document,
    self_assessment_latest,
)

JSON_SCHEMA = "putright.annual-report/1"
# What a figure shows when there is nothing to divide by, or nothing to compare with.
NO_FIGURE = "n/a"

# The narrative the landlord writes, by the field that holds it, with its heading.
NARRATIVE_FIELDS: tuple[tuple[str, str], ...] = (
    ("summary", "Summary"),
    ("qualitative_analysis", "Qualitative analysis of complaint handling"),
    ("refusals_commentary", "Complaints we did not accept"),
    ("learning", "Learning from complaints"),
    ("ombudsman_commentary", "The Housing Ombudsman"),
)


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Columns whose cells are figures (right-aligned, as GOV.UK tables show numbers).
    numeric: tuple[int, ...] = ()


@dataclass(frozen=True)
class Section:
    slug: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class AnnualReportContent:
    landlord_name: str
    title: str
    period_from: datetime.date
    period_to: datetime.date
    status: str
    generated_at: datetime.datetime
    figures: report.ReportFigures
    narrative: dict[str, str]
    self_assessment: AssessmentDocument | None
    sections: tuple[Section, ...]
    governing_body_response: str
    response_recorded_at: datetime.datetime | None
    published_at: datetime.datetime | None
    learning: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The documented JSON form (docs/reporting-json.md)."""
        return {
            "schema": JSON_SCHEMA,
            "title": self.title,
            "landlord": self.landlord_name,
            "period": {"from": self.period_from.isoformat(), "to": self.period_to.isoformat()},
            "status": self.status,
            "generated_at": self.generated_at.isoformat(),
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "figures": self.figures.as_json(),
            "narrative": [
                {"key": key, "heading": heading, "text": self.narrative.get(key, "")}
                for key, heading in NARRATIVE_FIELDS
            ],
            **self.learning,
            "self_assessment": (
                self_assessment_json(self.self_assessment) if self.self_assessment else None
            ),
            "governing_body_response": {
                "text": self.governing_body_response,
                "recorded_at": (
                    self.response_recorded_at.isoformat() if self.response_recorded_at else None
                ),
            },
        }


# ---------------------------------------------------------------- how figures are written


def day(value: datetime.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def number(value: int) -> str:
    return f"{value:,}"


def percent(value: Decimal | None) -> str:
    return NO_FIGURE if value is None else f"{value} %"


def rate(value: report.Rate) -> str:
    """``"3 of 4 (75.0 %)"``."""
    return f"{number(value.numerator)} of {number(value.denominator)} ({percent(value.percent)})"


def pounds(value: Decimal) -> str:
    return f"£{value:,.2f}"


def _counts_table(caption: str, what: str, counts: tuple[report.Count, ...]) -> Table:
    return Table(
        caption=caption,
        columns=(what, "Number"),
        rows=tuple((c.label, number(c.value)) for c in counts) or (("None", "0"),),
        numeric=(1,),
    )


def _paragraphs(text: str) -> tuple[str, ...]:
    """Text as typed: a blank line starts a new paragraph."""
    return tuple(" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())


# ---------------------------------------------------------------- the sections


def _received(figures: report.ReportFigures) -> Section:
    per_1000 = dict(figures.received_per_1000_homes)
    rows = tuple(
        (
            f"Stage {stage}",
            number(count.value),
            NO_FIGURE if per_1000.get(stage) is None else str(per_1000[stage]),
        )
        for stage, count in enumerate(figures.received, start=1)
    )
    return Section(
        slug="received",
        heading="Complaints received",
        paragraphs=(
            f"Homes counted for rates per 1,000 homes: {number(figures.homes)}.",
            f"Escalation rate (stage 1 complaints taken to stage 2): "
            f"{rate(figures.escalation_rate)}.",
            f"Withdrawn by the resident: {number(figures.withdrawn.value)}.",
        ),
        tables=(
            Table(
                caption="Complaints received, by stage",
                columns=("Stage", "Received", "Per 1,000 homes"),
                rows=rows,
                numeric=(1, 2),
            ),
            _counts_table("Why residents asked for stage 2", "Reason", figures.escalation_reasons),
        ),
    )


def _outcomes(figures: report.ReportFigures) -> Section:
    rows = tuple(
        (
            f"Stage {stage.stage}",
            number(stage.responded.value),
            *(number(c.value) for c in stage.outcomes),
            percent(stage.upheld_or_partly.percent),
        )
        for stage in figures.outcomes
    )
    outcome_labels = (
        tuple(c.label for c in figures.outcomes[0].outcomes) if figures.outcomes else ()
    )
    return Section(
        slug="outcomes",
        heading="Outcomes",
        tables=(
            Table(
                caption="Responses given in the period, by outcome",
                columns=("Stage", "Responses", *outcome_labels, "Upheld or partly upheld"),
                rows=rows,
                numeric=tuple(range(1, 3 + len(outcome_labels))),
            ),
        ),
    )


def _refusals(figures: report.ReportFigures, narrative: str) -> Section:
    return Section(
        slug="refusals",
        heading="Complaints we did not accept",
        paragraphs=_paragraphs(narrative),
        tables=(
            _counts_table("Refusals, by kind and ground (Code 8.1b)", "Refusal", figures.refusals),
        ),
    )


def _timeliness(figures: report.ReportFigures) -> Section:
    rows = tuple(
        (
            f"Stage {t.stage}",
            rate(t.acknowledged_on_time),
            rate(t.responded_on_time_without_extension),
            number(t.extended.value),
            rate(t.responded_on_time),
            number(t.responded_late.value),
        )
        for t in figures.timeliness
    )
    return Section(
        slug="timeliness",
        heading="Timeliness against the Code",
        paragraphs=(
            "On time means within the Code's timescales: acknowledgement within 5 working days; "
            "a response within 10 working days at stage 1 and 20 at stage 2, or within an "
            "extension the Code allows.",
        ),
        tables=(
            Table(
                caption="Acknowledgements and responses on time",
                columns=(
                    "Stage",
                    "Acknowledged on time",
                    "Responded on time without extension",
                    "Extended",
                    "Responded on time",
                    "Responded late",
                ),
                rows=rows,
                numeric=(1, 2, 3, 4, 5),
            ),
        ),
    )


def _subjects(figures: report.ReportFigures) -> Section:
    return Section(
        slug="subjects",
        heading="What complaints were about",
        tables=(
            _counts_table("Complaints by category", "Category", figures.categories),
            _counts_table("Complaints by service area", "Service area", figures.service_areas),
            _counts_table("Root causes found", "Root cause", figures.root_causes),
        ),
    )


def _money_table(caption: str, what: str, money: tuple[report.Money, ...]) -> Table:
    return Table(
        caption=caption,
        columns=(what, "Complaints", "Amount"),
        rows=tuple((m.label, number(m.cases), pounds(m.amount)) for m in money),
        numeric=(1, 2),
    )


def _compensation(figures: report.ReportFigures) -> Section:
    money = figures.compensation
    return Section(
        slug="compensation",
        heading="Compensation",
        paragraphs=(
            f"{pounds(money.total.amount)} offered in {number(money.total.cases)} complaints; "
            f"{pounds(money.paid.amount)} paid.",
        ),
        tables=(
            _money_table("Compensation by stage", "Stage", money.by_stage),
            _money_table("Compensation by head", "Head", money.by_head),
        ),
    )


def _follow_through(figures: report.ReportFigures) -> Section:
    actions = figures.outstanding_actions
    satisfaction = figures.satisfaction
    return Section(
        slug="follow-through",
        heading="Outstanding actions and satisfaction",
        paragraphs=(
            f"Outstanding actions completed in the period: {number(actions.completed.value)}; "
            f"open: {number(actions.open.value)}, of which overdue: "
            f"{number(actions.overdue.value)}.",
            f"Satisfaction with complaint handling: {number(satisfaction.invitations.value)} "
            f"residents invited to say; {rate(satisfaction.responses)} answered, and "
            f"{rate(satisfaction.satisfied)} of those were satisfied.",
        ),
    )


def _trends(figures: report.ReportFigures) -> Section:
    def shown(value: Decimal | None, unit: str) -> str:
        if value is None:
            return NO_FIGURE
        if unit == "percent":
            return percent(value)
        if unit == "pounds":
            return pounds(value)
        return number(int(value))

    return Section(
        slug="trends",
        heading="Against the previous period",
        paragraphs=(
            f"The previous period ran from {day(figures.previous_period_from)} to "
            f"{day(figures.previous_period_to)}.",
        ),
        tables=(
            Table(
                caption="This period and the previous one",
                columns=("Figure", "This period", "Previous period", "Change"),
                rows=tuple(
                    (
                        t.label,
                        shown(t.current, t.unit),
                        shown(t.previous, t.unit),
                        percent(t.change_percent),
                    )
                    for t in figures.trends
                ),
                numeric=(1, 2, 3),
            ),
        ),
    )


def _day_after(last_day: datetime.date) -> datetime.datetime:
    """Midnight in London after ``last_day``: records made before it were made by its end."""
    following = last_day + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(following, datetime.time()))


def _improvements(
    landlord_id: int, period_from: datetime.date, period_to: datetime.date
) -> list[ServiceImprovement]:
    """Completed in the period, or started by its end and still under way (Code 8.1d)."""
    return list(
        ServiceImprovement.objects.filter(landlord_id=landlord_id)
        .filter(
            Q(completed_on__range=(period_from, period_to))
            | Q(
                status__in=[
                    ServiceImprovement.Status.PROPOSED,
                    ServiceImprovement.Status.IN_PROGRESS,
                ],
                created_at__lt=_day_after(period_to),
            )
        )
        .select_related("service_area")
        .annotate(complaint_count=CountOf("complaints"))
        .order_by("status", "title")
    )


def _learning_section(improvements: list[ServiceImprovement], narrative: str) -> Section:
    rows = tuple(
        (
            item.title,
            item.description,
            item.service_area.name if item.service_area else "",
            item.get_status_display(),
            day(item.completed_on or item.due_on),
            number(item.complaint_count),  # type: ignore[attr-defined]
        )
        for item in improvements
    )
    return Section(
        slug="learning",
        heading="Learning and service improvements",
        paragraphs=_paragraphs(narrative)
        or (("No service improvements were recorded.",) if not rows else ()),
        tables=(
            (
                Table(
                    caption="Service improvements made or under way (Code 8.1d)",
                    columns=(
                        "Improvement",
                        "What changes",
                        "Service area",
                        "Status",
                        "Done or due",
                        "Complaints that prompted it",
                    ),
                    rows=rows,
                    numeric=(5,),
                ),
            )
            if rows
            else ()
        ),
    )


def _ombudsman_section(
    figures: report.ReportFigures,
    non_compliance: list[CodeNonCompliance],
    publications: list[OmbudsmanPublication],
    narrative: str,
) -> Section:
    ombudsman = figures.ombudsman
    tables = [
        _counts_table("The Ombudsman's findings", "Finding", ombudsman.findings),
    ]
    if non_compliance:
        tables.append(
            Table(
                caption="Findings of non-compliance with the Code (Code 8.1c)",
                columns=("Provision", "Found by", "Found on", "Finding", "What we are doing"),
                rows=tuple(
                    (
                        item.provision,
                        item.get_source_display(),
                        day(item.found_on),
                        item.description,
                        item.action
                        + (f" Put right on {day(item.remedied_on)}." if item.remedied_on else ""),
                    )
                    for item in non_compliance
                ),
            )
        )
    if publications:
        tables.append(
            Table(
                caption="The Ombudsman's reports about us (Code 8.1e, 8.1f)",
                columns=("Report", "Kind", "Published", "Summary"),
                rows=tuple(
                    (item.title, item.get_kind_display(), day(item.published_on), item.summary)
                    for item in publications
                ),
            )
        )
    paragraphs = (
        "Cases the Ombudsman determined in the period: "
        f"{number(ombudsman.cases_determined.value)}.",
        f"Orders and recommendations due: {number(ombudsman.orders_due.value)}; complied with "
        f"on time: {rate(ombudsman.orders_complied_on_time)}; late: "
        f"{number(ombudsman.orders_complied_late.value)}; overdue: "
        f"{number(ombudsman.orders_overdue.value)}. Compensation ordered: "
        f"{pounds(ombudsman.compensation_ordered.amount)}.",
        *(
            ()
            if non_compliance
            else ("The Ombudsman made no finding of non-compliance with the Code.",)
        ),
        *(() if publications else ("The Ombudsman published no report about us in the period.",)),
        *_paragraphs(narrative),
    )
    return Section(
        slug="ombudsman",
        heading="The Housing Ombudsman",
        paragraphs=paragraphs,
        tables=tuple(tables),
    )


def _circumstances_section(circumstances: list[ExceptionalCircumstance]) -> Section | None:
    if not circumstances:
        return None
    return Section(
        slug="exceptional-circumstances",
        heading="Exceptional circumstances (Code 8.5)",
        tables=(
            Table(
                caption="Circumstances that affected our compliance with the Code",
                columns=("From", "To", "What happened", "Provisions affected", "Ombudsman told"),
                rows=tuple(
                    (
                        day(item.starts_on),
                        day(item.ends_on) or "Continuing",
                        item.description,
                        item.provisions_affected,
                        day(item.ombudsman_informed_on) or "Not yet",
                    )
                    for item in circumstances
                ),
            ),
        ),
    )


def _self_assessment_section(document: AssessmentDocument | None) -> Section:
    if document is None:
        return Section(
            slug="self-assessment",
            heading="Self-assessment against the Complaint Handling Code",
            paragraphs=(
                "No approved self-assessment is included yet: the report must include one "
                "(Code 8.1a).",
            ),
        )
    status = f"Version {document.version}, {document.status.lower()}"
    if document.approved_at:
        status += f" by {document.approved_by} on {day(document.approved_at.date())}"
    paragraphs = [f"{status}. {document.approval_note}".strip()]
    no = document.not_complying
    paragraphs.append(
        f"We comply with {len(document.rows) - len(no)} of the {len(document.rows)} provisions."
        if document.version
        else "Not yet answered."
    )
    tables = tuple(
        Table(
            caption=f"Section {number_}: {title}",
            columns=FORM_COLUMNS,
            rows=tuple(
                (
                    row.provision,
                    row.requirement,
                    "" if row.complies is None else row.comply_display,
                    row.evidence_text,
                    row.commentary_text,
                )
                for row in rows
            ),
        )
        for (number_, title), rows in groupby(
            document.rows, key=lambda r: (r.section, r.section_title)
        )
    )
    return Section(
        slug="self-assessment",
        heading="Self-assessment against the Complaint Handling Code",
        paragraphs=tuple(paragraphs),
        tables=tables,
    )


def _response_section(text: str) -> Section:
    return Section(
        slug="governing-body-response",
        heading="The governing body's response",
        paragraphs=_paragraphs(text) or ("The governing body has not yet responded.",),
    )


# ---------------------------------------------------------------- the report


def annual_report_default_title(
    landlord: Landlord, period_from: datetime.date, period_to: datetime.date
) -> str:
    return (
        f"{landlord.name}: annual complaints performance and service improvement report, "
        f"{day(period_from)} to {day(period_to)}"
    )


def annual_report_content(
    *,
    landlord: Landlord,
    period_from: datetime.date,
    period_to: datetime.date,
    report_record: AnnualReport | None = None,
    today: datetime.date | None = None,
) -> AnnualReportContent:
    """The report for the period: counted now, with what ``report_record`` holds (the narrative,
    the self-assessment version and the response) if there is one."""
    figures = report.report_figures(
        landlord=landlord, period_from=period_from, period_to=period_to, today=today
    )
    narrative = {
        key: getattr(report_record, key) if report_record else "" for key, _ in NARRATIVE_FIELDS
    }
    assessment = report_record.self_assessment if report_record else None
    if assessment is None and report_record is None:
        assessment = self_assessment_latest(
            landlord_id=landlord.pk,
            period_from=period_from,
            period_to=period_to,
            approved_only=True,
        )
    document = self_assessment_document(assessment=assessment) if assessment else None
    non_compliance = list(
        CodeNonCompliance.objects.filter(
            landlord_id=landlord.pk, found_on__range=(period_from, period_to)
        )
    )
    publications = list(
        OmbudsmanPublication.objects.filter(
            landlord_id=landlord.pk, published_on__range=(period_from, period_to)
        )
    )
    improvements = _improvements(landlord.pk, period_from, period_to)
    circumstances = list(
        ExceptionalCircumstance.objects.filter(landlord_id=landlord.pk, starts_on__lte=period_to)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period_from))
        .order_by("starts_on")
    )
    response = report_record.governing_body_response if report_record else ""
    summary = Section(
        slug="summary",
        heading="Summary",
        paragraphs=_paragraphs(narrative["summary"])
        or (
            f"This report covers complaints from {day(period_from)} to {day(period_to)}: "
            f"{number(figures.received[0].value)} stage 1 complaints and "
            f"{number(figures.received[1].value)} stage 2 requests were received.",
        ),
    )
    sections = [
        summary,
        _received(figures),
        _outcomes(figures),
        _refusals(figures, narrative["refusals_commentary"]),
        _timeliness(figures),
        _subjects(figures),
        _compensation(figures),
        _follow_through(figures),
        _trends(figures),
    ]
    if narrative["qualitative_analysis"].strip():
        sections.append(
            Section(
                slug="qualitative-analysis",
                heading="Qualitative analysis of complaint handling",
                paragraphs=_paragraphs(narrative["qualitative_analysis"]),
            )
        )
    sections.append(_learning_section(improvements, narrative["learning"]))
    sections.append(
        _ombudsman_section(figures, non_compliance, publications, narrative["ombudsman_commentary"])
    )
    circumstances_section = _circumstances_section(circumstances)
    if circumstances_section:
        sections.append(circumstances_section)
    sections.append(_self_assessment_section(document))
    sections.append(_response_section(response))
    learning = {
        "service_improvements": [
            {
                "title": item.title,
                "description": item.description,
                "service_area": item.service_area.name if item.service_area else None,
                "status": item.status,
                "due_on": item.due_on.isoformat() if item.due_on else None,
                "completed_on": item.completed_on.isoformat() if item.completed_on else None,
                "outcome": item.outcome,
                "complaints": item.complaint_count,  # type: ignore[attr-defined]
            }
            for item in improvements
        ],
        "code_non_compliance": [
            {
                "provision": item.provision,
                "source": item.source,
                "found_on": item.found_on.isoformat(),
                "description": item.description,
                "action": item.action,
                "remedied_on": item.remedied_on.isoformat() if item.remedied_on else None,
            }
            for item in non_compliance
        ],
        "ombudsman_publications": [
            {
                "kind": item.kind,
                "title": item.title,
                "published_on": item.published_on.isoformat(),
                "summary": item.summary,
            }
            for item in publications
        ],
        "exceptional_circumstances": [
            {
                "starts_on": item.starts_on.isoformat(),
                "ends_on": item.ends_on.isoformat() if item.ends_on else None,
                "description": item.description,
                "provisions_affected": item.provisions_affected,
                "ombudsman_informed_on": (
                    item.ombudsman_informed_on.isoformat() if item.ombudsman_informed_on else None
                ),
                "residents_informed_on": (
                    item.residents_informed_on.isoformat() if item.residents_informed_on else None
                ),
            }
            for item in circumstances
        ],
    }
    return AnnualReportContent(
        landlord_name=landlord.name,
        title=report_record.title
        if report_record
        else annual_report_default_title(landlord, period_from, period_to),
        period_from=period_from,
        period_to=period_to,
        status=report_record.get_status_display() if report_record else "Not saved",
        generated_at=timezone.now(),
        figures=figures,
        narrative=narrative,
        self_assessment=document,
        sections=tuple(sections),
        governing_body_response=response,
        response_recorded_at=report_record.response_recorded_at if report_record else None,
        published_at=report_record.published_at if report_record else None,
        learning=learning,
    )


# ---------------------------------------------------------------- the stored reports


def annual_report_list(*, landlord_id: int) -> list[AnnualReport]:
    return list(
        AnnualReport.objects.filter(landlord_id=landlord_id).defer(
            "published_html", "published_json", "published_pdf"
        )
    )


def annual_report_get(*, landlord_id: int, pk: int) -> AnnualReport:
    found = (
        AnnualReport.objects.filter(landlord_id=landlord_id, pk=pk)
        .select_related("landlord", "self_assessment")
        .first()
    )
    if found is None:
        raise NotFoundError("There is no such annual report.")
    return found


def annual_report_published_list(*, landlord_id: int) -> list[AnnualReport]:
    """Published reports, newest period first, for the public page."""
    return list(
        AnnualReport.objects.filter(
            landlord_id=landlord_id, status=AnnualReport.Status.PUBLISHED
        ).only("pk", "title", "period_from", "period_to", "published_at")
    )


def annual_report_published_get(*, landlord_id: int, pk: int) -> AnnualReport:
    found = AnnualReport.objects.filter(
        landlord_id=landlord_id, pk=pk, status=AnnualReport.Status.PUBLISHED
    ).first()
    if found is None:
        raise NotFoundError("There is no such published report.")
    return found


def annual_report_for_period(
    *, landlord_id: int, period_from: datetime.date, period_to: datetime.date
) -> AnnualReport | None:
    """The report for exactly this period: the published one if any, else the newest draft."""
    return (
        AnnualReport.objects.filter(
            landlord_id=landlord_id, period_from=period_from, period_to=period_to
        )
        .select_related("self_assessment")
        .order_by("-status", "-created_at")  # "published" sorts after "draft"
        .first()
    )
