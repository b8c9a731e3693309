"""Importing a landlord's past complaints, so its reports can cover the years before Putright.

Imported complaints are stored in the same fields as live ones (stages, extensions,
refusals, remedies, root causes), so every report, dashboard and self-assessment figure
counts them by the same rules. Deadlines are computed as for a live complaint, from the
landlord's policy and working-day calendar (Code 6.2, 6.3, 6.11, 6.14).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from putright.complaints.models import Complaint, Extension, ReferenceCounter, Refusal, Stage
from putright.complaints.references import reference_next
from putright.core.actors import Actor
from putright.core.errors import NotPermittedError
from putright.core.services import record_event
from putright.imports.models import ImportBatch, ImportedComplaint
from putright.imports.progress import Progress
from putright.imports.reading import Table
from putright.imports.schema import ImportRow, Moment, StageRow
from putright.imports.selectors import import_batch_check
from putright.landlords.models import ComplaintPolicy, Landlord, ServiceArea
from putright.learning.models import ComplaintRootCause
from putright.remedies.models import Remedy
from putright.workdays.rules import WorkingCalendar
from putright.workdays.selectors import calendar_for_landlord

Status = Complaint.Status
BATCH_SIZE = 500
REFERENCE_KIND = "complaint"  # the counter complaint_log numbers live complaints from
NOT_RECORDED = "Not recorded: imported from the previous complaints system."


@dataclass(frozen=True)
class ImportOutcome:
    batch: ImportBatch | None
    complaints_created: int
    rows_unchanged: int


@transaction.atomic
def import_batch_create(
    *, actor: Actor, landlord: Landlord, table: Table, progress: Progress | None = None
) -> ImportOutcome:
    """Check every row, then write them all, in one transaction; or write nothing.

    Rows whose legacy reference was imported before, with the same data, are left alone, so
    importing a file twice changes nothing: no complaint, no batch, no event.
    """
    actor.require("imports.import_complaints", "import complaints")
    if actor.landlord_id != landlord.pk:
        raise NotPermittedError("You cannot import complaints for another landlord.")
    progress = progress or Progress()
    # One import at a time per landlord: the check below then sees every earlier import.
    Landlord.objects.select_for_update().get(pk=landlord.pk)
    plan = import_batch_check(landlord=landlord, table=table, progress=progress)
    if not plan.new_rows:
        return ImportOutcome(None, 0, len(plan.unchanged_rows))
    now = timezone.now()
    batch = ImportBatch.objects.create(
        landlord=landlord,
        source_name=table.source_name,
        source_sha256=table.sha256,
        rows_read=len(table.rows),
        complaints_created=len(plan.new_rows),
        rows_unchanged=len(plan.unchanged_rows),
        imported_by_label=actor.label,
        imported_by=actor.user,
        imported_at=now,
    )
    writer = _Writer(landlord, batch, now)
    rows = sorted(plan.new_rows, key=lambda row: (row.received.at, row.row_number))
    references = _references(landlord=landlord, rows=rows)
    progress.start("Writing", len(rows))
    for start in range(0, len(rows), BATCH_SIZE):
        end = start + BATCH_SIZE
        writer.write(actor, rows[start:end], references[start:end])
        progress.advance(len(rows[start:end]))
    progress.finish()
    record_event(
        actor=actor,
        subject=batch,
        action="import.completed",
        summary=f"Imported {len(rows):,} complaints from {table.source_name}; "
        f"{len(plan.unchanged_rows):,} rows were imported before and left unchanged",
        after={"file": table.source_name, "sha256": table.sha256, "created": len(rows)},
    )
    return ImportOutcome(batch, len(rows), len(plan.unchanged_rows))


class _Writer:
    """Builds the records of a chunk of rows and bulk-inserts each kind of record at once."""

    def __init__(self, landlord: Landlord, batch: ImportBatch, now: datetime.datetime) -> None:
        self.landlord = landlord
        self.batch = batch
        self.now = now
        self.policy = ComplaintPolicy.objects.get(landlord=landlord)
        self.calendar: WorkingCalendar = calendar_for_landlord(landlord_id=landlord.pk)
        self.entity_of = dict(
            ServiceArea.objects.filter(landlord=landlord).values_list("pk", "entity_id")
        )

    def write(self, actor: Actor, rows: list[ImportRow], references: list[str]) -> None:
        complaints = Complaint.objects.bulk_create(
            [
                self._complaint(row, reference)
                for row, reference in zip(rows, references, strict=True)
            ]
        )
        stages: list[tuple[Stage, StageRow]] = []
        for complaint, row in zip(complaints, rows, strict=True):
            stages.append((self._stage(complaint, row.stage1), row.stage1))
            if row.stage2 is not None:
                stages.append((self._stage(complaint, row.stage2), row.stage2))
        Stage.objects.bulk_create([stage for stage, _ in stages])
        Extension.objects.bulk_create(
            [
                self._extension(stage, stage_row)
                for stage, stage_row in stages
                if stage_row.extension_days is not None
            ]
        )
        Remedy.objects.bulk_create(
            [
                self._compensation(stage, stage_row)
                for stage, stage_row in stages
                if stage_row.compensation
            ]
        )
        Refusal.objects.bulk_create(
            [
                self._refusal(complaint, row)
                for complaint, row in zip(complaints, rows, strict=True)
                if row.refusal is not None
            ]
        )
        ComplaintRootCause.objects.bulk_create(
            [
                ComplaintRootCause(complaint=complaint, root_cause_id=cause, recorded_at=self.now)
                for complaint, row in zip(complaints, rows, strict=True)
                for cause in row.root_cause_ids
            ]
        )
        ImportedComplaint.objects.bulk_create(
            [
                ImportedComplaint(
                    batch=self.batch,
                    landlord=self.landlord,
                    complaint=complaint,
                    legacy_reference=row.legacy_reference,
                    row_number=row.row_number,
                    data=row.record,
                )
                for complaint, row in zip(complaints, rows, strict=True)
            ]
        )
        for complaint, row in zip(complaints, rows, strict=True):
            record_event(
                actor=actor,
                subject=complaint,
                complaint_id=complaint.pk,
                action="complaint.imported",
                summary=f"Imported from {self.batch.source_name} row {row.row_number} "
                f"(legacy reference {row.legacy_reference})",
                after={
                    "legacy_reference": row.legacy_reference,
                    "file": self.batch.source_name,
                    "row": row.row_number,
                    "status": complaint.status,
                },
            )

    def _complaint(self, row: ImportRow, reference: str) -> Complaint:
        received_at = row.received.at
        return Complaint(
            landlord=self.landlord,
            reference=reference,
            status=_status(row),
            received_at=received_at,
            received_on=self.calendar.receipt_date(received_at, self.policy.receipt_cutoff_time),
            channel=row.channel,
            description=row.description
            or f"Imported from the previous complaints system (reference {row.legacy_reference}).",
            category_id=row.category_id,
            service_area_id=row.service_area_id,
            entity_id=self.entity_of.get(row.service_area_id) if row.service_area_id else None,
            withdrawn_at=row.withdrawn.at if row.withdrawn else None,
            withdrawal_reason=row.withdrawal_reason,
            closed_at=row.closed.at if row.closed else None,
        )

    def _stage(self, complaint: Complaint, row: StageRow) -> Stage:
        policy, calendar = self.policy, self.calendar
        if row.number == 1:
            requested_on = complaint.received_on
            acknowledgement_days = policy.stage1_acknowledgement_days
            response_days = policy.stage1_response_days
        else:
            requested_on = calendar.receipt_date(row.requested.at, policy.receipt_cutoff_time)
            acknowledgement_days = policy.stage2_acknowledgement_days
            response_days = policy.stage2_response_days
        stage = Stage(
            complaint=complaint,
            number=row.number,
            requested_at=row.requested.at,
            requested_on=requested_on,
            escalation_reason=row.escalation_reason,
            acknowledgement_due=calendar.add_working_days(requested_on, acknowledgement_days),
            outcome=row.outcome,
            responded_at=row.responded.at if row.responded else None,
        )
        if row.acknowledged is not None:
            stage.acknowledged_at = row.acknowledged.at
            stage.response_due = _response_due_before_extension(row, calendar, response_days)
            if row.extension_days is not None:
                stage.response_due = calendar.add_working_days(
                    stage.response_due, row.extension_days
                )
        return stage

    def _extension(self, stage: Stage, row: StageRow) -> Extension:
        assert row.extension_days is not None and stage.response_due is not None
        previous_due = _response_due_before_extension(
            row,
            self.calendar,
            self.policy.stage1_response_days
            if row.number == 1
            else self.policy.stage2_response_days,
        )
        # Unrecorded, the resident is taken to have been told by the day the response was
        # first due, or by the response if that came first.
        informed_on = row.extension_date or min(
            previous_due, row.responded.day if row.responded else previous_due
        )
        return Extension(
            stage=stage,
            working_days=row.extension_days,
            reason=row.extension_reason,
            previous_due=previous_due,
            new_due=stage.response_due,
            resident_informed_on=informed_on,
            ombudsman_details_given=row.extension_ombudsman_details_given,
            created_at=Moment(informed_on).at,
        )

    def _compensation(self, stage: Stage, row: StageRow) -> Remedy:
        # Offered with the stage's response; a payment not marked paid is still to be made.
        offered_on = row.responded.day if row.responded else row.requested.day
        return Remedy(
            complaint=stage.complaint,
            stage=stage,
            kind=Remedy.Kind.FINANCIAL,
            description="Compensation recorded in the previous complaints system.",
            due_on=offered_on,
            offered_on=offered_on,
            status=Remedy.Status.COMPLETED if row.compensation_paid else Remedy.Status.OFFERED,
            completed_on=row.compensation_paid,
            paid_on=row.compensation_paid,
            **{f"amount_{head}": amount for head, amount in row.compensation.items()},
        )

    def _refusal(self, complaint: Complaint, row: ImportRow) -> Refusal:
        assert row.refusal is not None
        return Refusal(
            complaint=complaint,
            kind=row.refusal.kind,
            ground=row.refusal.ground,
            other_reason=row.refusal.reason,
            evidence=NOT_RECORDED,
            explanation=NOT_RECORDED,
            ombudsman_right_explained=row.refusal.ombudsman_right_explained,
            decided_at=row.refusal.decided.at,
        )


def _references(*, landlord: Landlord, rows: list[ImportRow]) -> list[str]:
    """A Putright reference for each row, from the same sequence as live complaints: by the
    year received. ``rows`` are in the order received, so each year's rows come together.
    The legacy reference stays on the import record.

    ``reference_next`` takes each year's first number (making the year's counter if need be,
    and holding its row lock to the end of the transaction); the rest of the year's block is
    then taken in one UPDATE rather than one statement a complaint.
    """
    years = [timezone.localtime(row.received.at).year for row in rows]
    references: list[str] = []
    for year, count in Counter(years).items():
        first = reference_next(
            landlord_id=landlord.pk,
            kind=REFERENCE_KIND,
            prefix=landlord.complaint_reference_prefix,
            year=year,
        )
        if count > 1:
            ReferenceCounter.objects.filter(
                landlord_id=landlord.pk, kind=REFERENCE_KIND, year=year
            ).update(last_value=F("last_value") + count - 1)
        stem, first_number = first.rsplit("-", 1)
        width = len(first_number)
        references.extend(
            [first]
            + [
                f"{stem}-{number:0{width}d}"
                for number in range(int(first_number) + 1, int(first_number) + count)
            ]
        )
    return references


def _response_due_before_extension(
    row: StageRow, calendar: WorkingCalendar, response_days: int
) -> datetime.date:
    """The deadline the file gives, or the policy's, counted from the acknowledgement."""
    if row.response_due is not None:
        return row.response_due
    assert row.acknowledged is not None
    return calendar.add_working_days(row.acknowledged.day, response_days)


def _status(row: ImportRow) -> str:
    """Where the complaint's life had got to, from the dates the file gives."""
    if row.withdrawn is not None:
        return Status.WITHDRAWN
    if row.refusal is not None:
        if row.closed is not None:
            return Status.CLOSED
        if row.refusal.kind == Refusal.Kind.NOT_ACCEPTED:
            return Status.NOT_ACCEPTED
        return Status.ESCALATION_REFUSED
    stage = row.stage2 or row.stage1
    if stage.responded is not None:
        if row.closed is not None:
            return Status.CLOSED
        return Status.STAGE1_RESPONDED if stage.number == 1 else Status.STAGE2_RESPONDED
    if stage.acknowledged is not None:
        return Status.STAGE1_INVESTIGATING if stage.number == 1 else Status.STAGE2_INVESTIGATING
    return (
        Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
        if stage.number == 1
        else Status.STAGE2_AWAITING_ACKNOWLEDGEMENT
    )
