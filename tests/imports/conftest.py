"""A landlord ready to import: its categories, service areas and root causes set up."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from putright.complaints.categories import category_seed_defaults
from putright.core.actors import Actor
from putright.imports.reading import Table, table_from_bytes, table_read
from putright.imports.services import ImportOutcome, import_batch_create
from putright.landlords.models import Entity, ServiceArea
from putright.learning.models import RootCause

FILES = Path(__file__).parent / "files"
GOOD_CSV = FILES / "good.csv"


@pytest.fixture
def ready_landlord(landlord):
    category_seed_defaults(landlord=landlord)
    housing = Entity.objects.create(landlord=landlord, name="Riverside Housing", homes_owned=8000)
    ServiceArea.objects.create(landlord=landlord, name="Repairs", entity=housing)
    ServiceArea.objects.create(landlord=landlord, name="Tenancy management")
    communication = RootCause.objects.create(landlord=landlord, name="Communication")
    RootCause.objects.create(landlord=landlord, name="No update given", parent=communication)
    RootCause.objects.create(landlord=landlord, name="Service failure")
    return landlord


@pytest.fixture
def run_import(ready_landlord) -> Callable[[Table], ImportOutcome]:
    def run(table: Table) -> ImportOutcome:
        return import_batch_create(
            actor=Actor.system(ready_landlord.pk, label="Import test"),
            landlord=ready_landlord,
            table=table,
        )

    return run


def good_table() -> Table:
    return table_read(path=GOOD_CSV)


def csv_rows(path: Path = GOOD_CSV) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8").splitlines()))


def csv_table(rows: list[list[str]], name: str = "complaints.csv") -> Table:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return table_from_bytes(name=name, content=out.getvalue().encode("utf-8"))


def with_cell(rows: list[list[str]], row_number: int, column: str, value: str) -> list[list[str]]:
    """A copy of the rows with one cell changed; row_number as a spreadsheet counts (2 = first)."""
    changed = [list(row) for row in rows]
    changed[row_number - 1][changed[0].index(column)] = value
    return changed


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    """The rows as a workbook, dates as real date cells, as Excel saves them."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append([_cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return datetime.date.fromisoformat(value)
    if isinstance(value, str) and value.replace(".", "", 1).isdigit():
        return float(value) if "." in value else int(value)
    return value or None
