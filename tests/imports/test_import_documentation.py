"""docs/import.md describes every column Putright reads, and its example imports as it says."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from putright.complaints.models import Complaint, Stage
from putright.imports.models import ImportedComplaint
from putright.imports.reading import table_from_bytes
from putright.imports.schema import COLUMNS

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "import.md"


def test_every_column_is_documented():
    text = DOCUMENT.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z0-9_]+)`", text))
    assert [column for column in COLUMNS if column not in documented] == []


def test_the_documented_example_imports_as_described(run_import):
    text = DOCUMENT.read_text(encoding="utf-8")
    example = text.split("## An example", 1)[1].split("```", 2)[1].strip()
    outcome = run_import(table_from_bytes(name="past-complaints.csv", content=example.encode()))
    assert outcome.complaints_created == 2
    first = ImportedComplaint.objects.get(legacy_reference="HMS-2025-0001").complaint
    assert first.status == Complaint.Status.CLOSED
    stage = Stage.objects.get(complaint=first, number=1)
    assert (stage.acknowledgement_due, stage.response_due) == (
        datetime.date(2025, 4, 8),
        datetime.date(2025, 4, 17),
    )
    second = ImportedComplaint.objects.get(legacy_reference="HMS-2025-0002").complaint
    assert second.status == Complaint.Status.STAGE1_INVESTIGATING
    assert second.received_on == datetime.date(2025, 6, 4)
