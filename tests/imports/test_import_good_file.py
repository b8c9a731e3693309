"""A good file imports exactly: every date, deadline, outcome, extension, refusal, remedy and
root cause lands in the fields live complaints use; importing it again changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from putright.complaints.models import Complaint, Extension, Refusal, Stage
from putright.core.models import Event
from putright.imports.models import ImportBatch, ImportedComplaint
from putright.imports.reading import table_from_bytes
from putright.remedies.models import Remedy
from tests.imports.conftest import csv_rows, csv_table, good_table, with_cell, xlsx_bytes

D = datetime.date


def imported(legacy_reference: str) -> Complaint:
    return (
        ImportedComplaint.objects.select_related("complaint")
        .get(legacy_reference=legacy_reference)
        .complaint
    )


def stage(complaint: Complaint, number: int) -> Stage:
    return Stage.objects.get(complaint=complaint, number=number)


def local_day(moment: datetime.datetime | None) -> D | None:
    return timezone.localtime(moment).date() if moment else None


@pytest.fixture
def good(run_import):
    return run_import(good_table())


def test_every_row_becomes_a_complaint_with_a_putright_reference_in_receipt_order(good):
    assert good.complaints_created == 6
    assert good.rows_unchanged == 0
    references = list(
        ImportedComplaint.objects.order_by("complaint__received_at").values_list(
            "complaint__reference", flat=True
        )
    )
    # Numbered as live complaints are, per year of receipt, in the order they were received.
    assert references == [
        "C2025-00001",
        "C2025-00002",
        "C2025-00003",
        "C2025-00004",
        "C2025-00005",
        "C2025-00006",
    ]
    record = ImportedComplaint.objects.get(legacy_reference="OLD-0002")
    assert record.row_number == 3
    assert record.batch.source_name == "good.csv"


def test_a_closed_stage_one_complaint_keeps_its_dates_outcome_and_deadlines(good, ready_landlord):
    complaint = imported("OLD-0001")
    assert complaint.status == Complaint.Status.CLOSED
    assert complaint.channel == "phone"
    assert complaint.description == "The boiler was not repaired."
    assert str(complaint.category) == "Repairs: Delay"
    assert complaint.service_area.name == "Repairs"
    # The entity comes from the service area, as for a live complaint.
    assert complaint.entity.name == "Riverside Housing"
    assert complaint.received_on == D(2025, 4, 1)
    assert local_day(complaint.closed_at) == D(2025, 4, 14)
    first = stage(complaint, 1)
    assert first.requested_on == D(2025, 4, 1)
    # Code 6.2: five working days from receipt; 6.3: ten from acknowledgement.
    assert first.acknowledgement_due == D(2025, 4, 8)
    assert local_day(first.acknowledged_at) == D(2025, 4, 3)
    assert first.response_due == D(2025, 4, 17)
    assert local_day(first.responded_at) == D(2025, 4, 14)
    assert first.outcome == Stage.Outcome.UPHELD
    assert not Stage.objects.filter(complaint=complaint, number=2).exists()


def test_compensation_is_recorded_by_head_against_its_stage(good):
    complaint = imported("OLD-0001")
    remedy = Remedy.objects.get(complaint=complaint)
    assert remedy.stage == stage(complaint, 1)
    assert remedy.kind == Remedy.Kind.FINANCIAL
    assert remedy.amount_time_and_trouble == Decimal("50.00")
    assert remedy.amount_distress_and_inconvenience == Decimal("100.00")
    assert remedy.total_amount == Decimal("150.00")
    assert remedy.offered_on == D(2025, 4, 14)
    assert remedy.status == Remedy.Status.COMPLETED
    assert remedy.paid_on == D(2025, 4, 20)

    unpaid = Remedy.objects.get(complaint=imported("OLD-0002"))
    assert unpaid.stage.number == 2
    assert unpaid.amount_quantifiable_loss == Decimal("75.50")
    # Not marked paid: still to be made, so it is followed up like any offered remedy.
    assert unpaid.status == Remedy.Status.OFFERED
    assert unpaid.paid_on is None


def test_an_extended_complaint_escalated_to_stage_two_keeps_both_stages(good):
    complaint = imported("OLD-0002")
    assert complaint.status == Complaint.Status.CLOSED
    assert complaint.channel == "email"
    # Received at 17:30, after the 17:00 cut-off: counts from the next working day.
    assert timezone.localtime(complaint.received_at).time() == datetime.time(17, 30)
    assert complaint.received_on == D(2025, 6, 4)
    first = stage(complaint, 1)
    assert first.outcome == Stage.Outcome.PARTLY_UPHELD
    extension = Extension.objects.get(stage=first)
    assert extension.working_days == 5
    assert extension.reason == "Awaiting the contractor's report"
    assert extension.previous_due == D(2025, 6, 19)
    assert extension.new_due == D(2025, 6, 26)
    assert extension.resident_informed_on == D(2025, 6, 16)
    assert extension.ombudsman_details_given is True
    assert first.response_due == D(2025, 6, 26)
    second = stage(complaint, 2)
    assert second.requested_on == D(2025, 7, 1)
    assert second.escalation_reason == "Disagrees with the outcome"
    assert second.acknowledgement_due == D(2025, 7, 8)
    # Code 6.14: twenty working days from the stage 2 acknowledgement.
    assert second.response_due == D(2025, 7, 31)
    assert second.outcome == Stage.Outcome.NOT_UPHELD
    causes = sorted(str(c.root_cause) for c in complaint.root_causes.select_related("root_cause"))
    assert causes == ["Communication: No update given", "Service failure"]


def test_refusals_keep_their_kind_ground_and_date(good):
    not_accepted = imported("OLD-0003")
    assert not_accepted.status == Complaint.Status.CLOSED
    # Received on a Saturday: counts from the Monday.
    assert not_accepted.received_on == D(2025, 9, 8)
    refusal = Refusal.objects.get(complaint=not_accepted)
    assert refusal.kind == Refusal.Kind.NOT_ACCEPTED
    assert refusal.ground == Refusal.Ground.OVER_TWELVE_MONTHS
    assert local_day(refusal.decided_at) == D(2025, 9, 10)
    assert refusal.ombudsman_right_explained is True
    assert stage(not_accepted, 1).acknowledged_at is None

    escalation = imported("OLD-0006")
    assert escalation.status == Complaint.Status.ESCALATION_REFUSED
    refused = Refusal.objects.get(complaint=escalation)
    assert refused.kind == Refusal.Kind.ESCALATION_REFUSED
    assert refused.ground == Refusal.Ground.LEGAL_PROCEEDINGS
    # The file said no: the record must not claim the Ombudsman's right was explained.
    assert refused.ombudsman_right_explained is False
    assert stage(escalation, 2).acknowledged_at is None


def test_withdrawn_and_open_complaints_get_the_status_their_dates_show(good):
    withdrawn = imported("OLD-0004")
    assert withdrawn.status == Complaint.Status.WITHDRAWN
    assert local_day(withdrawn.withdrawn_at) == D(2025, 10, 10)
    assert withdrawn.withdrawal_reason == "Resolved informally"
    assert withdrawn.closed_at is None

    still_open = imported("OLD-0005")
    assert still_open.status == Complaint.Status.STAGE1_INVESTIGATING
    assert still_open.is_open
    # Ten working days from 23 December 2025 skip Christmas, Boxing Day and New Year's Day.
    assert stage(still_open, 1).response_due == D(2026, 1, 9)


def test_each_imported_complaint_has_one_event_naming_its_file_and_row(good):
    complaint = imported("OLD-0002")
    events = list(Event.objects.filter(complaint_id=complaint.pk))
    assert len(events) == 1
    assert events[0].action == "complaint.imported"
    assert events[0].summary == "Imported from good.csv row 3 (legacy reference OLD-0002)"
    assert events[0].actor_label == "Import test"
    assert Event.objects.filter(action="import.completed", subject_id=good.batch.pk).count() == 1


def test_importing_the_same_file_twice_changes_nothing(good, run_import):
    counts = (
        Complaint.objects.count(),
        Stage.objects.count(),
        Remedy.objects.count(),
        Event.objects.count(),
        ImportBatch.objects.count(),
    )
    again = run_import(good_table())
    assert again.complaints_created == 0
    assert again.rows_unchanged == 6
    assert again.batch is None
    assert counts == (
        Complaint.objects.count(),
        Stage.objects.count(),
        Remedy.objects.count(),
        Event.objects.count(),
        ImportBatch.objects.count(),
    )


def test_a_file_with_new_rows_imports_only_those(good, run_import):
    rows = csv_rows()
    new_row = [""] * len(rows[0])
    new_row[:3] = ["OLD-0007", "2026-01-05", "Phone"]
    again = run_import(
        table_from_bytes(
            name="more.csv",
            content="\n".join(",".join(row) for row in [*rows, new_row]).encode(),
        )
    )
    assert (again.complaints_created, again.rows_unchanged) == (1, 6)
    assert imported("OLD-0007").reference == "C2026-00001"


def test_an_xlsx_workbook_imports_the_same_complaints_as_the_csv(run_import):
    workbook = table_from_bytes(name="good.xlsx", content=xlsx_bytes(csv_rows()))
    outcome = run_import(workbook)
    assert outcome.complaints_created == 6
    complaint = imported("OLD-0002")
    assert complaint.received_on == D(2025, 6, 4)
    assert Extension.objects.get(stage__complaint=complaint).new_due == D(2025, 6, 26)
    assert Remedy.objects.get(complaint=complaint).amount_quantifiable_loss == Decimal("75.50")
    # The same rows as CSV are the same data: importing the CSV now changes nothing.
    again = run_import(good_table())
    assert (again.complaints_created, again.rows_unchanged) == (0, 6)


def test_live_complaints_carry_on_the_reference_sequence_after_an_import(good, log_complaint):
    live = log_complaint(received_at=timezone.make_aware(datetime.datetime(2025, 12, 30, 10)))
    assert live.reference == "C2025-00007"


def test_a_file_spanning_two_years_is_numbered_in_each_year(run_import):
    rows = with_cell(csv_rows(), 7, "Received date", "2024-11-03")
    run_import(csv_table(rows))
    references = dict(
        ImportedComplaint.objects.values_list("legacy_reference", "complaint__reference")
    )
    assert references["OLD-0006"] == "C2024-00001"
    assert sorted(v for k, v in references.items() if k != "OLD-0006") == [
        f"C2025-0000{n}" for n in range(1, 6)
    ]
