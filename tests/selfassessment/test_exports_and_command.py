"""The self-assessment as files (DOCX in the Ombudsman's layout, CSV, JSON), read back, and
`putright self-assessment` on the command line."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from putright.core.actors import Actor
from putright.selfassessment.exports import FORM_COLUMNS
from putright.selfassessment.services import self_assessment_entry_update

REPO = Path(__file__).resolve().parents[2]
MARCH = ("--from", "2026-03-01", "--to", "2026-03-31")


@pytest.fixture
def answered(prepare, manager, four_stage_one_complaints):
    """A draft with 6.2 answered "no", with its action and date."""
    assessment = prepare()
    self_assessment_entry_update(
        actor=Actor.for_user(manager),
        entry=assessment.entries.get(provision="6.2"),
        complies=False,
        evidence="Acknowledgement letters sampled monthly.",
        action="Acknowledge by text message the same day.",
        comply_by=datetime.date(2026, 6, 30),
    )
    return assessment


def test_docx_is_the_ombudsmans_table_layout_section_by_section(answered, tmp_path):
    target = tmp_path / "self-assessment.docx"
    call_command("self-assessment", *MARCH, "--format", "docx", "--output", str(target))
    document = docx.Document(str(target))
    assert len(document.tables) == 9  # one per section of the Code
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 2")]
    assert headings[0] == "Section 1: Definition of a complaint"
    for table in document.tables:
        assert tuple(cell.text for cell in table.rows[0].cells) == FORM_COLUMNS
    rows = {
        row.cells[0].text: [cell.text for cell in row.cells]
        for table in document.tables
        for row in table.rows[1:]
    }
    assert len(rows) == 72
    _, requirement, comply, evidence, commentary = rows["6.2"]
    assert requirement.startswith("Complaints must be acknowledged, defined and logged at stage 1")
    assert comply == "No"
    assert "3 of 4 stage 1 complaints acknowledged within 5 working days (75.0 %)" in evidence
    assert "Acknowledgement letters sampled monthly." in evidence
    assert "Action: Acknowledge by text message the same day." in commentary
    assert "We will comply by 30 June 2026." in commentary


def test_csv_has_a_row_per_provision(answered):
    out = io.StringIO()
    call_command("self-assessment", *MARCH, "--format", "csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 72
    row = next(r for r in rows if r["provision"] == "6.2")
    assert (row["comply"], row["falls_short"], row["comply_by"]) == ("No", "Yes", "2026-06-30")


def test_json_carries_the_version_and_every_provision(answered):
    out = io.StringIO()
    call_command("self-assessment", *MARCH, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["schema"] == "putright.self-assessment/1"
    assert (data["version"], data["status"]) == (1, "Draft")
    six_two = next(p for p in data["provisions"] if p["provision"] == "6.2")
    assert six_two["complies"] is False and six_two["falls_short"] is True


def test_with_no_version_saved_the_command_exports_what_putright_measures(
    landlord, four_stage_one_complaints
):
    out = io.StringIO()
    call_command("self-assessment", *MARCH, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["version"] is None
    six_two = next(p for p in data["provisions"] if p["provision"] == "6.2")
    assert six_two["complies"] is None
    assert six_two["measured_evidence"].startswith("3 of 4 stage 1 complaints")


def test_asking_for_an_approved_version_when_none_is_approved_fails(answered):
    with pytest.raises(CommandError, match="has been approved") as raised:
        call_command("self-assessment", *MARCH, "--format", "json", "--approved")
    assert raised.value.returncode == 2


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--from", "2026-02-30", "--to", "2026-03-31", "--format", "csv"), "not a real date"),
        (("--from", "1 March", "--to", "2026-03-31", "--format", "csv"), "YYYY-MM-DD"),
        (("--from", "2026-04-01", "--to", "2026-03-31", "--format", "csv"), "run forwards"),
        ((*MARCH, "--format", "docx"), "--output FILE is required for docx"),
        ((*MARCH, "--format", "csv", "--landlord", "nobody"), "no landlord with the slug"),
    ],
)
def test_bad_input_is_one_plain_error(landlord, arguments, message):
    with pytest.raises(CommandError, match=message) as raised:
        call_command("self-assessment", *arguments)
    assert raised.value.returncode == 2


def test_on_the_command_line_bad_input_is_one_line_and_exit_status_2():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "putright",
            "self-assessment",
            "--from",
            "2026-13-01",
            "--to",
            "2026-03-31",
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "putright self-assessment: --from 2026-13-01 is not a real date\n"
    assert "Traceback" not in result.stderr


def test_an_unknown_format_is_a_usage_error_on_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "putright", "self-assessment", *MARCH, "--format", "pdf"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "invalid choice: 'pdf'" in result.stderr
