"""The self-assessment as files: DOCX in the Ombudsman's table layout, CSV and JSON.

The DOCX follows Appendix A of the Code: one table per section, with the columns
Code provision, Code requirement, Comply: Yes / No, Evidence, Commentary / explanation.
"""

from __future__ import annotations

import csv
import io
from itertools import groupby
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from putright.selfassessment.selectors import AssessmentDocument

FORM_COLUMNS = (
    "Code provision",
    "Code requirement",
    "Comply: Yes / No",
    "Evidence",
    "Commentary / explanation",
)
CSV_COLUMNS = (
    "provision",
    "section",
    "requirement",
    "comply",
    "measured_evidence",
    "falls_short",
    "evidence",
    "commentary",
    "action",
    "comply_by",
)
JSON_SCHEMA = "putright.self-assessment/1"


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def self_assessment_title(document: AssessmentDocument) -> str:
    return (
        f"{document.landlord_name}: self-assessment against the Complaint Handling Code, "
        f"{document.period_from.day} {document.period_from:%B %Y} to "
        f"{document.period_to.day} {document.period_to:%B %Y}"
    )


def self_assessment_json(document: AssessmentDocument) -> dict[str, Any]:
    """The documented JSON form (docs/self-assessment.md)."""
    return {
        "schema": JSON_SCHEMA,
        "landlord": document.landlord_name,
        "period": {"from": _date(document.period_from), "to": _date(document.period_to)},
        "version": document.version,
        "status": document.status,
        "reason": document.reason,
        "approved_by": document.approved_by or None,
        "approved_at": _date(document.approved_at),
        "approval_note": document.approval_note,
        "measured_at": _date(document.measured_at),
        "provisions": [
            {
                "provision": row.provision,
                "section": row.section,
                "section_title": row.section_title,
                "requirement": row.requirement,
                "complies": row.complies,
                "measured_evidence": row.measured_evidence,
                "falls_short": row.shortfall,
                "evidence": row.evidence,
                "commentary": row.commentary,
                "action": row.action,
                "comply_by": _date(row.comply_by),
            }
            for row in document.rows
        ],
    }


def self_assessment_csv(document: AssessmentDocument) -> str:
    """One row per provision; the header names the columns of ``CSV_COLUMNS``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in document.rows:
        writer.writerow(
            [
                row.provision,
                row.section,
                row.requirement,
                "" if row.complies is None else ("Yes" if row.complies else "No"),
                row.measured_evidence,
                "Yes" if row.shortfall else "No",
                row.evidence,
                row.commentary,
                row.action,
                _date(row.comply_by) or "",
            ]
        )
    return out.getvalue()


def self_assessment_docx(document: AssessmentDocument) -> bytes:
    """The Ombudsman's form, filled in, as a Word document a committee can edit."""
    word = Document()
    section = word.sections[0]
    # The form's five columns read best across a landscape page, as the Ombudsman prints it.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.5))
    word.styles["Normal"].font.size = Pt(9)

    word.add_heading(self_assessment_title(document), level=1)
    status = (
        f"Version {document.version}: {document.status}" if document.version else document.status
    )
    word.add_paragraph(status)
    if document.approved_at:
        approved = f"Approved by {document.approved_by} on {document.approved_at:%d %B %Y}."
        word.add_paragraph(f"{approved} {document.approval_note}".strip())
    word.add_paragraph(f"Why: {document.reason}.")

    for (number, title), rows in groupby(document.rows, key=lambda r: (r.section, r.section_title)):
        word.add_heading(f"Section {number}: {title}", level=2)
        table = word.add_table(rows=1, cols=len(FORM_COLUMNS))
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, FORM_COLUMNS, strict=True):
            cell.text = heading
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            cells = table.add_row().cells
            cells[0].text = row.provision
            cells[1].text = row.requirement
            cells[2].text = "" if row.complies is None else row.comply_display
            cells[3].text = row.evidence_text
            cells[4].text = row.commentary_text
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
