"""Every row is checked before any is written: one bad row and nothing is imported, and each
error names its row (as the spreadsheet numbers it) and its column, in plain English."""

from __future__ import annotations

import pytest

from putright.complaints.models import Complaint, Stage
from putright.core.actors import Actor
from putright.core.errors import NotPermittedError
from putright.core.models import Event
from putright.imports.models import ImportBatch, ImportedComplaint
from putright.imports.reading import FileRejected, table_from_bytes
from putright.imports.selectors import ImportRejected, import_batch_check
from putright.imports.services import import_batch_create
from putright.remedies.models import Remedy
from tests.imports.conftest import csv_rows, csv_table, good_table, with_cell, xlsx_bytes


@pytest.fixture
def nothing_written(ready_landlord):
    """Asserts, after the test, that no complaint, stage, remedy, batch or event was added."""

    def counts() -> tuple[int, ...]:
        return (
            Complaint.objects.count(),
            Stage.objects.count(),
            Remedy.objects.count(),
            ImportBatch.objects.count(),
            ImportedComplaint.objects.count(),
            Event.objects.count(),
        )

    before = counts()
    yield
    assert counts() == before


def rejected(run_import, table) -> list[str]:
    with pytest.raises(ImportRejected) as rejection:
        run_import(table)
    return [str(error) for error in rejection.value.errors]


def test_a_bad_date_is_named_by_row_and_column(run_import, nothing_written):
    rows = with_cell(csv_rows(), 4, "Received date", "31/02/2025")
    assert rejected(run_import, csv_table(rows)) == [
        "row 4, received_date: '31/02/2025' is not a date; use YYYY-MM-DD or DD/MM/YYYY, "
        "e.g. 2025-04-03."
    ]


def test_an_unknown_category_is_an_error_not_a_new_category(run_import, nothing_written):
    rows = with_cell(csv_rows(), 2, "Category", "Repairs: Dleay")
    errors = rejected(run_import, csv_table(rows))
    assert len(errors) == 1
    assert errors[0].startswith("row 2, category: there is no category called 'Repairs: Dleay'")


def test_unknown_service_areas_and_root_causes_are_errors(run_import, nothing_written):
    rows = with_cell(csv_rows(), 2, "Service area", "Gardening")
    rows = with_cell(rows, 3, "Root cause", "Service failure; Bad luck")
    errors = rejected(run_import, csv_table(rows))
    assert [e.split(":")[0] for e in errors] == ["row 2, service_area", "row 3, root_cause"]
    assert "'Bad luck'" in errors[1]


def test_stage_two_cannot_be_requested_before_the_stage_one_response(run_import, nothing_written):
    rows = with_cell(csv_rows(), 3, "Stage 2 requested date", "2025-06-20")
    assert rejected(run_import, csv_table(rows)) == [
        "row 3, stage2_requested_date: 20 June 2025 is before the stage 1 response "
        "(25 June 2025): stage 2 cannot come before stage 1 (Code 6.10)."
    ]


def test_stage_two_needs_a_stage_one_response(run_import, nothing_written):
    rows = with_cell(csv_rows(), 6, "Stage 2 requested date", "2025-12-24")
    errors = rejected(run_import, csv_table(rows))
    assert errors == [
        "row 6, stage2_requested_date: is filled in, but stage 1 has no response: a complaint "
        "goes to stage 2 only after its stage 1 response (Code 6.10)."
    ]


def test_a_response_cannot_come_before_the_complaint_was_received(run_import, nothing_written):
    rows = with_cell(csv_rows(), 2, "Stage 1 responded date", "2025-03-30")
    # One error a cell: that it is also before the acknowledgement follows from it.
    assert rejected(run_import, csv_table(rows)) == [
        "row 2, stage1_responded_date: 30 March 2025 is before received_date (01 April 2025): "
        "a response cannot come before the complaint."
    ]


def test_a_legacy_reference_twice_in_one_file_is_an_error_on_the_second(
    run_import, nothing_written
):
    rows = csv_rows()
    rows.append(list(rows[1]))
    assert rejected(run_import, csv_table(rows)) == [
        "row 8, legacy_reference: 'OLD-0001' is also on row 2: each complaint is one row."
    ]


def test_every_error_in_the_file_is_listed_at_once(run_import, nothing_written):
    rows = with_cell(csv_rows(), 2, "Channel", "Carrier pigeon")
    rows = with_cell(rows, 4, "Refusal ground", "")
    rows = with_cell(rows, 5, "Withdrawn date", "2030-01-01")
    with pytest.raises(ImportRejected) as rejection:
        run_import(csv_table(rows))
    assert str(rejection.value) == "3 rows have errors; nothing was imported."
    assert [(e.row, e.column) for e in rejection.value.errors] == [
        (2, "channel"),
        (4, "refusal_ground"),
        (5, "withdrawn_date"),
    ]
    assert "is in the future" in rejection.value.errors[2].message


def test_a_legacy_reference_imported_before_with_different_data_is_refused(run_import):
    run_import(good_table())
    before = (Complaint.objects.count(), Event.objects.count())
    rows = with_cell(csv_rows(), 3, "Stage 1 outcome", "Upheld")
    rows = with_cell(rows, 7, "Received date", "2025-11-04")
    errors = rejected(run_import, csv_table(rows, name="corrected.csv"))
    assert errors[0] == (
        "row 3, legacy_reference: 'OLD-0002' was imported before (row 3 of good.csv) with "
        "different data, in stage1_outcome. An import never changes a complaint already in "
        "Putright: correct the row, or change the complaint in Putright."
    )
    assert "in received_date" in errors[1]
    assert (Complaint.objects.count(), Event.objects.count()) == before


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("Stage 1 outcome", "Sort of", "'Sort of' is not a stage outcome"),
        ("Stage 1 extension days", "0", "'0' is not a whole number from 1 to 250"),
        ("Stage 1 compensation time and trouble", "-5", "'-5' is not an amount in pounds"),
        ("Refusal Ombudsman right explained", "maybe", "'maybe' is not yes or no"),
        ("Closed date", "2025-04-10", "10 April 2025 is before the stage 1 response"),
    ],
)
def test_cells_that_are_not_what_their_column_holds_are_refused(
    run_import, nothing_written, column, value, message
):
    errors = rejected(run_import, csv_table(with_cell(csv_rows(), 2, column, value)))
    assert len(errors) == 1
    assert message in errors[0]


def test_an_extension_needs_its_reason(run_import, nothing_written):
    rows = with_cell(csv_rows(), 3, "Stage 1 extension reason", "")
    assert rejected(run_import, csv_table(rows)) == [
        "row 3, stage1_extension_reason: is empty: an extension is given for a reason (Code 6.4)."
    ]


def test_a_withdrawn_complaint_cannot_also_be_closed(run_import, nothing_written):
    rows = with_cell(csv_rows(), 5, "Closed date", "2025-10-11")
    assert rejected(run_import, csv_table(rows)) == [
        "row 5, closed_date: is filled in, but the complaint was withdrawn: it is not closed."
    ]


def test_the_same_errors_are_found_in_an_xlsx_workbook(run_import, nothing_written):
    rows = with_cell(csv_rows(), 3, "Stage 2 requested date", "2025-06-20")
    workbook = table_from_bytes(name="bad.xlsx", content=xlsx_bytes(rows))
    errors = rejected(run_import, workbook)
    assert errors == [
        "row 3, stage2_requested_date: 20 June 2025 is before the stage 1 response "
        "(25 June 2025): stage 2 cannot come before stage 1 (Code 6.10)."
    ]


def test_a_dry_run_reports_the_same_errors_without_a_transaction(ready_landlord):
    rows = with_cell(csv_rows(), 4, "Received date", "yesterday")
    with pytest.raises(ImportRejected) as rejection:
        import_batch_check(landlord=ready_landlord, table=csv_table(rows))
    assert [(e.row, e.column) for e in rejection.value.errors] == [(4, "received_date")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("complaints.csv", b"Legacy reference,Recieved date,Channel\n", "'Recieved date'"),
        ("complaints.csv", b"Legacy reference,Channel\nA,Phone\n", "no received_date column"),
        ("complaints.csv", "Legacy reference\nÀ".encode("cp1252"), "not UTF-8"),
        ("complaints.csv", b"PK\x03\x04rest", "is an Excel workbook, not CSV"),
        ("complaints.xlsx", b"legacy_reference\n", "is not an Excel workbook"),
        ("complaints.ods", b"", "neither a .csv nor an .xlsx"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(name, content, message):
    with pytest.raises(FileRejected) as rejection:
        table_from_bytes(name=name, content=content)
    assert message in str(rejection.value)


def test_stage_two_details_need_the_date_stage_two_was_asked_for(run_import, nothing_written):
    rows = with_cell(csv_rows(), 3, "Stage 2 requested date", "")
    assert rejected(run_import, csv_table(rows)) == [
        "row 3, stage2_requested_date: is empty, but stage2_escalation_reason is filled in: "
        "give the date stage 2 was asked for."
    ]


def test_a_complaint_not_accepted_cannot_have_been_acknowledged(run_import, nothing_written):
    rows = with_cell(csv_rows(), 4, "Stage 1 acknowledged date", "2025-09-09")
    errors = rejected(run_import, csv_table(rows))
    assert len(errors) == 1
    assert errors[0].startswith("row 4, refusal_kind: is 'not accepted', but the complaint has")


def test_only_someone_allowed_to_import_can_import(ready_landlord, handler, nothing_written):
    with pytest.raises(NotPermittedError, match="import complaints"):
        import_batch_create(
            actor=Actor.for_user(handler), landlord=ready_landlord, table=good_table()
        )


def test_complaints_cannot_be_imported_for_another_landlord(
    ready_landlord, other_landlord, nothing_written
):
    with pytest.raises(NotPermittedError, match="another landlord"):
        import_batch_create(
            actor=Actor.system(other_landlord.pk), landlord=ready_landlord, table=good_table()
        )
