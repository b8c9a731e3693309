"""Reading an import file: CSV (UTF-8) or XLSX, told apart by name and checked by content.

The result is a ``Table``: the file's name and digest, which columns it has, and its rows as
``(row number, {column: cell})``, numbered as a spreadsheet numbers them (the headings are
row 1), so an error names the row the user sees.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from putright.core.errors import DomainError
from putright.imports.schema import COLUMNS_BY_KEY, REQUIRED_COLUMNS, column_key

ZIP_MAGIC = b"PK\x03\x04"


class FileRejected(DomainError):
    """The file as a whole cannot be read: its type, encoding or headings."""


@dataclass(frozen=True)
class Table:
    source_name: str
    sha256: str
    columns: tuple[str, ...]
    rows: list[tuple[int, dict[str, Any]]] = field(repr=False)


def table_read(*, path: Path) -> Table:
    """Read the file at ``path``; raises ``FileRejected`` saying what is wrong with it."""
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise FileRejected(f"There is no file {path.name!r}.") from None
    except IsADirectoryError:
        raise FileRejected(f"{path.name!r} is a folder, not a file.") from None
    return table_from_bytes(name=path.name, content=content)


def table_from_bytes(*, name: str, content: bytes) -> Table:
    suffix = Path(name).suffix.lower()
    is_zip = content.startswith(ZIP_MAGIC)
    if suffix == ".xlsx":
        if not is_zip:
            raise FileRejected(f"{name} is not an Excel workbook (.xlsx), though it is named one.")
        headings, cells = _xlsx_cells(name, content)
    elif suffix == ".csv":
        if is_zip:
            raise FileRejected(
                f"{name} is an Excel workbook, not CSV text: name it .xlsx, or save it as CSV."
            )
        headings, cells = _csv_cells(name, content)
    else:
        raise FileRejected(f"{name} is neither a .csv nor an .xlsx file.")
    columns = _columns(name, headings)
    rows: list[tuple[int, dict[str, Any]]] = []
    for row_number, values in cells:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue  # a blank line or an emptied spreadsheet row
        rows.append(
            (
                row_number,
                {
                    column: values[index] if index < len(values) else None
                    for index, column in columns
                },
            )
        )
    return Table(
        source_name=name,
        sha256=hashlib.sha256(content).hexdigest(),
        columns=tuple(column for _, column in columns),
        rows=rows,
    )


def _columns(name: str, headings: list[Any]) -> list[tuple[int, str]]:
    """The known column at each position; unknown or repeated headings refuse the file."""
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index, heading in enumerate(headings):
        text = "" if heading is None else str(heading).strip()
        if not text:
            continue
        column = COLUMNS_BY_KEY.get(column_key(text))
        if column is None:
            raise FileRejected(
                f"{name}: the heading {text!r} (column {index + 1}) is not a column Putright "
                "knows; docs/import.md lists them. Correct it or delete that column."
            )
        if column in seen:
            raise FileRejected(f"{name}: the column {column} appears twice.")
        seen.add(column)
        found.append((index, column))
    if not found:
        raise FileRejected(f"{name} has no headings: row 1 must name the columns.")
    missing = [column for column in REQUIRED_COLUMNS if column not in seen]
    if missing:
        raise FileRejected(f"{name} has no {', '.join(missing)} column; it is required.")
    return found


def _csv_cells(name: str, content: bytes) -> tuple[list[Any], Iterator[tuple[int, list[Any]]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRejected(
            f"{name} is not UTF-8 text. In Excel, save it as 'CSV UTF-8 (comma delimited)'."
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        headings: list[Any] = next(reader)
    except StopIteration:
        raise FileRejected(f"{name} is empty.") from None
    except csv.Error as error:
        raise FileRejected(f"{name} is not valid CSV: {error}.") from None

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            # Numbered by record, as a spreadsheet shows them, not by physical line: a cell
            # with a line break in it is still one row.
            for row_number, values in enumerate(reader, start=2):
                yield row_number, list(values)
        except csv.Error as error:
            raise FileRejected(f"{name}, line {reader.line_num}: not valid CSV: {error}.") from None

    return headings, rows()


def _xlsx_cells(name: str, content: bytes) -> tuple[list[Any], Iterator[tuple[int, list[Any]]]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise FileRejected(f"{name} could not be opened as an Excel workbook.") from None
    # The first sheet holds the complaints; later sheets (notes, lookups) are not read.
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    try:
        headings = list(next(values))
    except StopIteration:
        raise FileRejected(f"{name}: the first sheet is empty.") from None

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for row_number, row in enumerate(values, start=2):
            yield row_number, list(row)
        workbook.close()

    return headings, rows()
