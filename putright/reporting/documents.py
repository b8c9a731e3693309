"""The annual report as files: HTML, PDF (WeasyPrint) and DOCX (python-docx), plus JSON.

Each is made from the same ``AnnualReportContent``, so the Word version a committee edits says
what the published page and the PDF say.
"""

from __future__ import annotations

import io
import json

from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from putright.core.pdf import html_to_pdf
from putright.reporting.annual import AnnualReportContent, day
from putright.reporting.models import AnnualReport

FORMATS = ("json", "html", "pdf", "docx")
CONTENT_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def annual_report_body_html(content: AnnualReportContent) -> str:
    """The report's body as an HTML fragment (autoescaped), for pages that have their own layout."""
    return render_to_string("staff/annual_report/_body.html", {"content": content})


def annual_report_html(content: AnnualReportContent) -> str:
    """The report as a complete HTML document, styled for screen and print."""
    return render_to_string(
        "staff/annual_report/document.html",
        {"content": content, "title": content.title, "published_at": content.published_at},
    )


def published_report_file(report: AnnualReport, file_format: str) -> str | bytes:
    """A published report's file as it was published (its snapshot), in JSON, HTML or PDF.

    Word documents are made afresh (``annual_report_docx``): a committee edits those.
    """
    if file_format == "pdf":
        return bytes(report.published_pdf or b"")
    if file_format == "json":
        return json.dumps(report.published_json, indent=2, ensure_ascii=False)
    if file_format == "html":
        return render_to_string(
            "staff/annual_report/document.html",
            {
                "body_html": report.published_html,
                "title": report.title,
                "published_at": report.published_at,
            },
        )
    raise ValueError(f"A published report's snapshot holds JSON, HTML and PDF, not {file_format}.")


def annual_report_pdf(content: AnnualReportContent) -> bytes:
    return html_to_pdf(annual_report_html(content))


def annual_report_json_text(content: AnnualReportContent) -> str:
    return json.dumps(content.as_json(), indent=2, ensure_ascii=False)


def annual_report_docx(content: AnnualReportContent) -> bytes:
    """The report as a Word document: headings, paragraphs and tables, ready to edit."""
    word = Document()
    word.styles["Normal"].font.size = Pt(10)
    word.add_heading(content.title, level=0)
    word.add_paragraph(
        f"{content.landlord_name}, {day(content.period_from)} to {day(content.period_to)}"
    )
    if content.published_at:
        word.add_paragraph(f"Published {day(content.published_at.date())}.")
    else:
        word.add_paragraph(f"Draft, generated {day(content.generated_at.date())}.")
    for section in content.sections:
        word.add_heading(section.heading, level=1)
        for paragraph in section.paragraphs:
            word.add_paragraph(paragraph)
        for table in section.tables:
            caption = word.add_paragraph()
            caption.add_run(table.caption).bold = True
            grid = word.add_table(rows=1, cols=len(table.columns))
            grid.style = "Table Grid"
            for index, (cell, heading) in enumerate(
                zip(grid.rows[0].cells, table.columns, strict=True)
            ):
                cell.text = heading
                cell.paragraphs[0].runs[0].bold = True
                if index in table.numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for row in table.rows:
                cells = grid.add_row().cells
                for index, (cell, value) in enumerate(zip(cells, row, strict=True)):
                    cell.text = value
                    if index in table.numeric:
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def annual_report_file(content: AnnualReportContent, file_format: str) -> str | bytes:
    """The report in one of ``FORMATS``."""
    if file_format == "json":
        return annual_report_json_text(content)
    if file_format == "html":
        return annual_report_html(content)
    if file_format == "pdf":
        return annual_report_pdf(content)
    if file_format == "docx":
        return annual_report_docx(content)
    raise ValueError(f"The annual report comes as {', '.join(FORMATS)}, not {file_format!r}.")
