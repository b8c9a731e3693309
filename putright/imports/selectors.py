"""Checking an import file against the landlord's records, without writing anything.

``import_batch_check`` is the dry run, and the first half of the real import: every row is
checked before any is written, so a file with one bad row imports nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from putright.complaints.models import Category
from putright.core.errors import DomainError, NotFoundError
from putright.imports.models import ImportedComplaint
from putright.imports.progress import Progress
from putright.imports.reading import Table
from putright.imports.schema import COLUMNS, ImportRow, Lookups, RowError, name_key, row_read
from putright.landlords.models import Landlord, ServiceArea
from putright.learning.models import RootCause

# Keeps each "legacy_reference IN (...)" well inside every database's parameter limit.
LOOKUP_CHUNK = 500


class ImportRejected(DomainError):
    """Some rows failed their checks; nothing is written. ``errors`` lists each one."""

    def __init__(self, errors: list[RowError]) -> None:
        rows = len({error.row for error in errors})
        super().__init__(
            f"{rows} row{' has' if rows == 1 else 's have'} errors; nothing was imported."
        )
        self.errors = errors


@dataclass(frozen=True)
class ImportPlan:
    """A file that passed every check: the rows to import and those already imported."""

    landlord_id: int
    table: Table
    new_rows: list[ImportRow]
    unchanged_rows: list[ImportRow]


def import_landlord(*, slug: str | None) -> Landlord:
    """The landlord named by ``slug``; without one, the only landlord there is.

    With more than one landlord the slug is required: past complaints filed under the
    wrong landlord could not be taken back by importing again.
    """
    if slug is not None:
        landlord = Landlord.objects.filter(slug=slug).first()
        if landlord is None:
            raise NotFoundError(f"There is no landlord with the slug {slug!r}.")
        return landlord
    landlords = list(Landlord.objects.order_by("pk")[:2])
    if not landlords:
        raise NotFoundError("There is no landlord yet: set one up before importing complaints.")
    if len(landlords) > 1:
        raise DomainError(
            "There is more than one landlord: say whose complaints these are with --landlord."
        )
    return landlords[0]


def import_lookups(*, landlord: Landlord) -> Lookups:
    """The names a file may use for this landlord, inactive ones included: past complaints
    were filed under the names in use at the time."""
    categories = Category.objects.filter(landlord=landlord).select_related("parent")
    root_causes = RootCause.objects.filter(landlord=landlord).select_related("parent")
    service_areas = ServiceArea.objects.filter(landlord=landlord).values_list("name", "pk")
    return Lookups(
        categories={name_key(str(category)): category.pk for category in categories},
        service_areas={name_key(name): pk for name, pk in service_areas},
        root_causes={name_key(str(cause)): cause.pk for cause in root_causes},
        today=timezone.localdate(),
    )


def import_batch_check(
    *, landlord: Landlord, table: Table, progress: Progress | None = None
) -> ImportPlan:
    """Check every row; raise ``ImportRejected`` listing every error, or return the plan.

    A legacy reference may appear once in a file. One imported before is left alone when the
    row is the same as it was then, and is an error when it differs: an import never
    changes a complaint that is already in Putright.
    """
    progress = progress or Progress()
    lookups = import_lookups(landlord=landlord)
    errors: list[RowError] = []
    rows: list[ImportRow] = []
    first_row_of: dict[str, int] = {}
    progress.start("Checking", len(table.rows))
    for row_number, cells in table.rows:
        read = row_read(row_number, cells, lookups)
        reference = read.record.get("legacy_reference")
        if reference:
            if reference in first_row_of:
                errors.append(
                    RowError(
                        row_number,
                        "legacy_reference",
                        f"{reference!r} is also on row {first_row_of[reference]}: each "
                        "complaint is one row.",
                    )
                )
            else:
                first_row_of[reference] = row_number
        if isinstance(read, ImportRow):
            rows.append(read)
        else:
            errors.extend(read.errors)
        progress.advance()
    progress.finish()
    imported = _imported(landlord, first_row_of)
    new_rows: list[ImportRow] = []
    unchanged_rows: list[ImportRow] = []
    for row in rows:
        before = imported.get(row.legacy_reference)
        if before is None:
            new_rows.append(row)
            continue
        differing = [c for c in COLUMNS if before["data"].get(c) != row.record.get(c)]
        if differing:
            errors.append(
                RowError(
                    row.row_number,
                    "legacy_reference",
                    f"{row.legacy_reference!r} was imported before (row {before['row_number']} "
                    f"of {before['source_name']}) with different data, in "
                    f"{', '.join(differing)}. An import never changes a complaint already in "
                    "Putright: correct the row, or change the complaint in Putright.",
                )
            )
        else:
            unchanged_rows.append(row)
    if errors:
        errors.sort(key=lambda error: (error.row, COLUMNS.index(error.column)))
        raise ImportRejected(errors)
    return ImportPlan(
        landlord_id=landlord.pk, table=table, new_rows=new_rows, unchanged_rows=unchanged_rows
    )


def _imported(landlord: Landlord, references: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = list(references)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        for record in ImportedComplaint.objects.filter(
            landlord=landlord, legacy_reference__in=wanted[start : start + LOOKUP_CHUNK]
        ).values("legacy_reference", "data", "row_number", "batch__source_name"):
            found[record["legacy_reference"]] = {
                "data": record["data"],
                "row_number": record["row_number"],
                "source_name": record["batch__source_name"],
            }
    return found
