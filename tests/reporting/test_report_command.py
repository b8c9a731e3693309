"""`putright report annual`: the annual report for any period, as JSON, HTML, PDF or DOCX."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest
from django.core.management import CommandError, call_command

from putright.core.actors import Actor
from putright.reporting.services import annual_report_create, annual_report_update
from tests.complaints.lifecycle import london

REPO = Path(__file__).resolve().parents[2]
QUARTER = ("--from", "2026-01-01", "--to", "2026-03-31")


@pytest.fixture
def quarter(landlord, log_complaint, lifecycle, time_machine):
    time_machine.move_to(london(2026, 2, 2, 12), tick=False)
    lifecycle.responded(log_complaint(received_at=london(2026, 2, 2, 9)))
    log_complaint(received_at=london(2026, 2, 2, 10))
    time_machine.move_to(london(2026, 4, 20, 12), tick=False)
    return landlord


def test_json_has_every_figure_for_the_period(quarter):
    out = io.StringIO()
    call_command("report", "annual", *QUARTER, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["schema"] == "putright.annual-report/1"
    assert data["period"] == {"from": "2026-01-01", "to": "2026-03-31"}
    assert data["figures"]["schema"] == "putright.report-figures/1"
    assert data["figures"]["received"][0]["value"] == 2
    assert data["self_assessment"] is None


def test_the_narrative_of_the_report_prepared_for_the_period_is_used(quarter, manager):
    report = annual_report_create(
        actor=Actor.for_user(manager),
        landlord=quarter,
        period_from=london(2026, 1, 1).date(),
        period_to=london(2026, 3, 31).date(),
    )
    annual_report_update(
        actor=Actor.for_user(manager),
        report=report,
        title="Quarter one",
        self_assessment=None,
        learning="Repairs are now booked at first contact.",
    )
    out = io.StringIO()
    call_command("report", "annual", *QUARTER, "--format", "html", stdout=out)
    html = out.getvalue()
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Quarter one</title>" in html
    assert "Repairs are now booked at first contact." in html


def test_pdf_and_docx_are_written_to_the_output_file(quarter, tmp_path):
    pdf_path, docx_path = tmp_path / "report.pdf", tmp_path / "report.docx"
    call_command("report", "annual", *QUARTER, "--format", "pdf", "--output", str(pdf_path))
    call_command("report", "annual", *QUARTER, "--format", "docx", "--output", str(docx_path))
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(pdf_path).pages)
    assert "Complaints received" in text
    headings = [p.text for p in docx.Document(str(docx_path)).paragraphs]
    assert "Timeliness against the Code" in headings


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--from", "2026-01-01", "--to", "2026-02-30", "--format", "json"), "not a real date"),
        (("--from", "2026/01/01", "--to", "2026-03-31", "--format", "json"), "YYYY-MM-DD"),
        (("--from", "2026-04-01", "--to", "2026-03-31", "--format", "json"), "run forwards"),
        ((*QUARTER, "--format", "pdf"), "--output FILE is required for pdf"),
        ((*QUARTER, "--format", "json", "--output", "/no/such/folder/r.json"), "does not exist"),
    ],
)
def test_bad_input_is_one_plain_error(quarter, arguments, message):
    with pytest.raises(CommandError, match=message) as raised:
        call_command("report", "annual", *arguments)
    assert raised.value.returncode == 2


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "putright", "report", *arguments],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        timeout=120,
        check=False,
    )


def test_on_the_command_line_a_bad_date_is_one_line_and_exit_status_2():
    result = run("annual", "--from", "2026-01-01", "--to", "31-03-2026", "--format", "json")
    assert result.returncode == 2
    assert result.stderr == (
        "putright report: --to must be a date written YYYY-MM-DD, not '31-03-2026'\n"
    )


def test_on_the_command_line_an_unknown_report_is_a_usage_error():
    result = run("quarterly", *QUARTER, "--format", "json")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "invalid choice: 'quarterly'" in result.stderr
