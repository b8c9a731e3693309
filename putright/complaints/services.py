"""Everything that changes a complaint or a service request.

Each function does one thing a caseworker would name, inside a transaction, checks the
Code's rules (raising a ``DomainError`` that names the provision), and appends an event
to the case history. The web pages, the API and the command line all call these.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from putright.complaints.models import (
    Attachment,
    Category,
    Channel,
    Complaint,
    ComplaintPoint,
    Correspondence,
    Extension,
    Refusal,
    ServiceRequest,
    Stage,
)
from putright.complaints.references import reference_next
from putright.complaints.selectors import complaint_require_visible
from putright.core.actors import Actor
from putright.core.errors import ConflictError, DomainError, NotPermittedError, require_text
from putright.core.services import changes, record_event
from putright.landlords.models import ComplaintPolicy, Entity, Landlord, ServiceArea
from putright.letters.models import LetterKind
from putright.letters.services import (
    acknowledgement_letter_kind,
    letter_send,
    refusal_letter_kind,
    response_letter_kind,
)
from putright.residents.models import Property, Representative, Resident
from putright.workdays.rules import WorkingCalendar
from putright.workdays.selectors import calendar_for_landlord

Status = Complaint.Status
# A sanity bound, not the Code's limit (6.4, 6.15 set that): it keeps a slip of the keyboard
# from setting a date decades away.
WORKING_YEAR = 250
THIRD_PARTY_NAME_LENGTH = Complaint._meta.get_field("third_party_name").max_length or 200


# ---------------------------------------------------------------- helpers


def _now() -> datetime.datetime:
    return timezone.now()


def _policy(landlord_id: int) -> ComplaintPolicy:
    return ComplaintPolicy.objects.get(landlord_id=landlord_id)


def _calendar(landlord_id: int) -> WorkingCalendar:
    return calendar_for_landlord(landlord_id=landlord_id)


def complaint_require_version(complaint: Complaint, expected_version: int | None) -> None:
    """Refuse a change to a complaint someone else has changed since the caller read it.

    ``complaint`` must have been read under the lock this transaction holds.
    """
    if expected_version is not None and complaint.version != expected_version:
        raise ConflictError(
            f"Complaint {complaint.reference} was changed by someone else since you opened it "
            f"(version {expected_version}, now {complaint.version}). Reload it and try again."
        )


def complaint_lock(complaint: Complaint, expected_version: int | None) -> Complaint:
    """The complaint, locked for this transaction, or a conflict if someone changed it first."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    complaint_require_version(locked, expected_version)
    return locked


def _save(complaint: Complaint, *fields: str) -> None:
    complaint.version += 1
    complaint.save(update_fields=[*fields, "version"])


def _stage(complaint: Complaint, number: int) -> Stage:
    try:
        return Stage.objects.select_for_update().get(complaint=complaint, number=number)
    except Stage.DoesNotExist as exc:
        raise DomainError(f"Complaint {complaint.reference} has no stage {number}.") from exc


def _current_stage_number(complaint: Complaint) -> int:
    return 2 if complaint.stages.filter(number=2).exists() else 1


def _record(
    actor: Actor,
    complaint: Complaint,
    action: str,
    summary: str,
    *,
    subject: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    visible_to_resident: bool = False,
) -> None:
    record_event(
        actor=actor,
        subject=subject if subject is not None else complaint,
        complaint_id=complaint.pk,
        action=action,
        summary=summary,
        before=before,
        after=after,
        visible_to_resident=visible_to_resident,
    )


# ---------------------------------------------------------------- logging a complaint


@dataclass(frozen=True)
class ComplaintDetails:
    """What is known when a complaint arrives; only the description and channel are required."""

    description: str
    channel: str
    received_at: datetime.datetime | None = None
    resident: Resident | None = None
    representative: Representative | None = None
    home: Property | None = None
    is_anonymous: bool = False
    occurred_on: datetime.date | None = None
    became_aware_on: datetime.date | None = None
    outcome_sought: str = ""
    category: Category | None = None
    service_area: ServiceArea | None = None
    entity: Entity | None = None
    third_party_name: str = ""
    third_party_handles_response: bool = False


def _validate_details(landlord: Landlord, details: ComplaintDetails) -> None:
    require_text(
        details.description,
        "Enter what the complaint is about.",
        provision="5.12",
        field="description",
    )
    if details.channel not in Channel.values:
        raise DomainError(f"Unknown channel {details.channel!r}.", field="channel")
    third_party = details.third_party_name.strip()
    if details.third_party_handles_response and not third_party:
        raise DomainError(
            "Name the third party or contractor handling the response.",
            provision="5.4",
            field="third_party_name",
        )
    if len(third_party) > THIRD_PARTY_NAME_LENGTH:
        raise DomainError(
            f"The third party's name can be at most {THIRD_PARTY_NAME_LENGTH} characters.",
            field="third_party_name",
        )
    if details.is_anonymous and (details.resident or details.representative):
        raise DomainError("An anonymous complaint cannot name a resident.", field="is_anonymous")
    if not details.is_anonymous and details.resident is None:
        raise DomainError(
            "Say who the complaint is from, or record it as anonymous.", field="resident"
        )
    if details.representative is not None and details.representative.resident_id != getattr(
        details.resident, "pk", None
    ):
        raise DomainError(
            "The representative must be acting for the resident who is complaining.",
            provision="3.6",
            field="representative",
        )
    for name in ("resident", "home", "category", "service_area", "entity"):
        related = getattr(details, name)
        if related is not None and related.landlord_id != landlord.pk:
            raise DomainError(
                f"That {name.replace('_', ' ')} belongs to another landlord.", field=name
            )
    if details.received_at and details.received_at > _now() + datetime.timedelta(minutes=5):
        raise DomainError("A complaint cannot be received in the future.", field="received_at")
    for name in ("occurred_on", "became_aware_on"):
        value = getattr(details, name)
        if value and value > timezone.localdate():
            raise DomainError("That date is in the future.", field=name)


@transaction.atomic
def complaint_log(
    *,
    actor: Actor,
    landlord: Landlord,
    details: ComplaintDetails,
    service_request: ServiceRequest | None = None,
    related_to: Complaint | None = None,
) -> Complaint:
    """Log a complaint at stage 1, however it was made (Code 1.2, 1.3, 3.2).

    The working day it counts as received, and the acknowledgement deadline, come from the
    landlord's policy and calendar (Code 6.2). Staff never judge the 12-month limit here:
    that is a decision to refuse, with reasons (Code 2.3, 2.4).
    """
    if not actor.is_resident:
        actor.require("complaints.log_complaint", "log a complaint")
    if actor.landlord_id != landlord.pk:
        raise NotPermittedError("You cannot log a complaint for another landlord.")
    _validate_details(landlord, details)
    policy = _policy(landlord.pk)
    calendar = _calendar(landlord.pk)
    received_at = details.received_at or _now()
    received_on = calendar.receipt_date(received_at, policy.receipt_cutoff_time)
    year = timezone.localtime(received_at).year
    complaint = Complaint.objects.create(
        landlord=landlord,
        reference=reference_next(
            landlord_id=landlord.pk,
            kind="complaint",
            prefix=landlord.complaint_reference_prefix,
            year=year,
        ),
        received_at=received_at,
        received_on=received_on,
        channel=details.channel,
        description=details.description.strip(),
        resident=details.resident,
        representative=details.representative,
        # By id: loading the home here would run a query while the counter row is locked.
        home_id=details.home.pk if details.home else getattr(details.resident, "home_id", None),
        is_anonymous=details.is_anonymous,
        occurred_on=details.occurred_on,
        became_aware_on=details.became_aware_on,
        outcome_sought=details.outcome_sought.strip(),
        category=details.category,
        service_area=details.service_area,
        entity=details.entity or getattr(details.service_area, "entity", None),
        third_party_name=details.third_party_name.strip(),
        third_party_handles_response=details.third_party_handles_response,
        service_request=service_request,
        related_to=related_to,
        logged_by=actor.user,
    )
    stage = Stage.objects.create(
        complaint=complaint,
        number=1,
        requested_at=received_at,
        requested_on=received_on,
        acknowledgement_due=calendar.add_working_days(
            received_on, policy.stage1_acknowledgement_days
        ),
    )
    _record(
        actor,
        complaint,
        "complaint.logged",
        f"Complaint logged at stage 1 ({complaint.get_channel_display()}); "
        f"counts as received on {received_on:%d %B %Y}; acknowledgement due "
        f"{stage.acknowledgement_due:%d %B %Y}",
        after={
            "reference": complaint.reference,
            "received_on": received_on,
            "acknowledgement_due": stage.acknowledgement_due,
        },
        visible_to_resident=True,
    )
    _remember_as_logged(complaint, stage)
    return complaint


def _remember_as_logged(complaint: Complaint, stage: Stage) -> None:
    """A complaint logged a moment ago has one stage and nothing else yet.

    Saying so on the instance, as a prefetch would, spares whoever shows it next (the API's
    201 response) from reading it all back: that read-back once cost more than the logging.
    """

    def known(queryset: QuerySet[Any], objects: list[Any]) -> QuerySet[Any]:
        queryset._result_cache = objects
        queryset._prefetch_done = True  # type: ignore[attr-defined]
        return queryset

    stage._prefetched_objects_cache = {  # type: ignore[attr-defined]
        "points": known(stage.points.all(), []),
        "extensions": known(stage.extensions.all(), []),
    }
    complaint._prefetched_objects_cache = {  # type: ignore[attr-defined]
        "stages": known(complaint.stages.all(), [stage]),
        "refusals": known(complaint.refusals.all(), []),
        "remedies": known(complaint.remedies.all(), []),
        "outstanding_actions": known(complaint.outstanding_actions.all(), []),
    }


# ---------------------------------------------------------------- definition and acknowledgement


@transaction.atomic
def stage_define(
    *,
    actor: Actor,
    complaint: Complaint,
    definition: str,
    outcomes_sought: str,
    responsible_for: str,
    not_responsible_for: str = "",
    points: Sequence[str],
    expected_version: int | None = None,
) -> Stage:
    """Set out the landlord's understanding of the complaint (Code 5.6, 5.7).

    The points listed become what the response must answer, one by one (Code 6.7).
    """
    complaint = complaint_lock(complaint, expected_version)
    complaint_require_visible(actor, complaint)
    actor.require_any(
        ("complaints.triage_complaint", "complaints.handle_complaint"), "define a complaint"
    )
    if not complaint.is_open:
        raise DomainError("Only an open complaint can be defined.")
    stage = _stage(complaint, _current_stage_number(complaint))
    definition = require_text(
        definition,
        "Set out your understanding of the complaint.",
        provision="5.6",
        field="definition",
    )
    outcomes_sought = require_text(
        outcomes_sought,
        "Set out the outcomes the resident is seeking.",
        provision="5.6",
        field="outcomes_sought",
    )
    responsible_for = require_text(
        responsible_for,
        "Say which aspects of the complaint the landlord is responsible for.",
        provision="5.7",
        field="responsible_for",
    )
    point_texts = [p.strip() for p in points if p and p.strip()]
    if not point_texts:
        raise DomainError(
            "List at least one point the response must answer.", provision="6.7", field="points"
        )
    fields = ["definition", "outcomes_sought", "responsible_for", "not_responsible_for"]
    before = changes(stage, fields)
    before["points"] = [p.description for p in stage.points.all()]
    stage.definition = definition
    stage.outcomes_sought = outcomes_sought
    stage.responsible_for = responsible_for
    stage.not_responsible_for = (not_responsible_for or "").strip()
    stage.defined_at = _now()
    stage.save(update_fields=[*fields, "defined_at"])
    # Points raised as additional issues (Code 6.8) are kept, after the definition's own.
    stage.points.filter(source=ComplaintPoint.Source.DEFINITION).delete()
    additional = list(stage.points.order_by("number"))
    for offset, point in enumerate(additional):
        point.number = 1000 + offset  # step aside first: numbers are unique per stage
        point.save(update_fields=["number"])
    now = _now()
    for number, text in enumerate(point_texts, start=1):
        ComplaintPoint.objects.create(stage=stage, number=number, description=text, added_at=now)
    for number, point in enumerate(additional, start=len(point_texts) + 1):
        point.number = number
        point.save(update_fields=["number"])
    _save(complaint)
    after = changes(stage, fields)
    after["points"] = [p.description for p in stage.points.order_by("number")]
    _record(
        actor,
        complaint,
        "stage.defined",
        f"Stage {stage.number} complaint definition set out",
        subject=stage,
        before=before,
        after=after,
    )
    return stage


@transaction.atomic
def stage_acknowledge(
    *,
    actor: Actor,
    complaint: Complaint,
    acknowledged_at: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Stage:
    """Acknowledge the open stage; the response deadline runs from here.

    Code 6.2, 6.3, 6.11, 6.14.
    """
    complaint = complaint_lock(complaint, expected_version)
    complaint_require_visible(actor, complaint)
    actor.require("complaints.triage_complaint", "acknowledge a complaint")
    if complaint.status == Status.STAGE1_AWAITING_ACKNOWLEDGEMENT:
        number, next_status, provision = 1, Status.STAGE1_INVESTIGATING, "6.2"
    elif complaint.status == Status.STAGE2_AWAITING_ACKNOWLEDGEMENT:
        number, next_status, provision = 2, Status.STAGE2_INVESTIGATING, "6.11"
    else:
        raise DomainError(
            f"Complaint {complaint.reference} is not waiting to be acknowledged "
            f"({complaint.get_status_display()})."
        )
    stage = _stage(complaint, number)
    if not stage.is_defined:
        raise DomainError(
            "Define the complaint before acknowledging it: the acknowledgement must set out "
            "the complaint definition.",
            provision=provision,
        )
    acknowledged_at = acknowledged_at or _now()
    if acknowledged_at < stage.requested_at:
        raise DomainError(
            "A complaint cannot be acknowledged before it was received.", field="acknowledged_at"
        )
    if acknowledged_at > _now() + datetime.timedelta(minutes=5):
        raise DomainError(
            "A complaint cannot be acknowledged in the future.", field="acknowledged_at"
        )
    policy = _policy(complaint.landlord_id)
    calendar = _calendar(complaint.landlord_id)
    acknowledged_on = timezone.localtime(acknowledged_at).date()
    days = policy.stage1_response_days if number == 1 else policy.stage2_response_days
    stage.acknowledged_at = acknowledged_at
    stage.response_due = calendar.add_working_days(acknowledged_on, days)
    stage.save(update_fields=["acknowledged_at", "response_due"])
    complaint.status = next_status
    _save(complaint, "status")
    late = acknowledged_on > stage.acknowledgement_due
    # Code 5.6, 5.7, 6.2, 6.11: the acknowledgement sets out the complaint definition.
    letter_send(
        actor=actor, complaint=complaint, kind=acknowledgement_letter_kind(stage), stage=stage
    )
    _record(
        actor,
        complaint,
        "stage.acknowledged",
        f"Stage {number} acknowledged{' late' if late else ''}; response due "
        f"{stage.response_due:%d %B %Y}",
        subject=stage,
        after={
            "acknowledged_at": acknowledged_at,
            "response_due": stage.response_due,
            "acknowledgement_due": stage.acknowledgement_due,
            "on_time": not late,
        },
        visible_to_resident=True,
    )
    return stage


# ---------------------------------------------------------------- handlers


@transaction.atomic
def stage_assign(
    *,
    actor: Actor,
    complaint: Complaint,
    handler: Any,
    expected_version: int | None = None,
) -> Stage:
    """Give the open stage a handler. At stage 2 it must be someone else (Code 6.13)."""
    complaint = complaint_lock(complaint, expected_version)
    complaint_require_visible(actor, complaint)
    actor.require("complaints.triage_complaint", "assign a complaint")
    if not complaint.is_open:
        raise DomainError("Only an open complaint can be assigned.")
    if handler.landlord_id != complaint.landlord_id or not handler.is_active:
        raise DomainError("That person cannot handle this landlord's complaints.", field="handler")
    if not handler.has_perm("complaints.handle_complaint"):
        raise DomainError(
            f"{handler} does not hold a role that can handle complaints.", field="handler"
        )
    number = _current_stage_number(complaint)
    stage = _stage(complaint, number)
    if number == 2:
        stage_one = Stage.objects.get(complaint=complaint, number=1)
        if handler.pk in (stage_one.handler_id, stage_one.responded_by_id):
            raise DomainError(
                "The stage 2 handler must not be the person who considered the complaint "
                "at stage 1.",
                provision="6.13",
                field="handler",
            )
    before = {"handler": str(stage.handler) if stage.handler else None}
    stage.handler = handler
    # A new handler makes their own conflict-of-interest declaration (Code 5.8).
    stage.conflict_declared_at = None
    stage.conflict_declaration = ""
    stage.save(update_fields=["handler", "conflict_declared_at", "conflict_declaration"])
    _save(complaint)
    _record(
        actor,
        complaint,
        "stage.assigned",
        f"Stage {number} assigned to {handler}",
        subject=stage,
        before=before,
        after={"handler": str(handler)},
    )
    return stage


@transaction.atomic
def stage_declare_conflict(
    *,
    actor: Actor,
    complaint: Complaint,
    has_conflict: bool,
    declaration: str = "",
    expected_version: int | None = None,
) -> Stage:
    """The handler declares any conflict of interest (Code 5.8 c). A conflict unassigns them."""
    complaint = complaint_lock(complaint, expected_version)
    if not complaint.is_open:
        # Once a stage has its response, who considered it is settled: stepping aside now
        # would erase the stage 1 handler whom Code 6.13 keeps away from stage 2.
        raise DomainError(
            "Interests are declared while a stage is open; this complaint is "
            f"'{complaint.get_status_display()}'.",
            provision="5.8",
        )
    number = _current_stage_number(complaint)
    stage = _stage(complaint, number)
    if actor.user is None or stage.handler_id != actor.user.pk:
        raise DomainError("Only the stage's handler can declare their own interests.")
    if has_conflict:
        declaration = require_text(
            declaration, "Describe the conflict of interest.", provision="5.8", field="declaration"
        )
    stage.conflict_declared_at = _now()
    stage.conflict_declaration = declaration.strip() if has_conflict else "No conflict of interest"
    fields = ["conflict_declared_at", "conflict_declaration"]
    if has_conflict:
        stage.handler = None
        fields.append("handler")
    stage.save(update_fields=fields)
    _save(complaint)
    _record(
        actor,
        complaint,
        "stage.conflict_declared",
        f"{actor.label} declared a conflict of interest and stepped aside"
        if has_conflict
        else f"{actor.label} declared no conflict of interest",
        subject=stage,
        after={"has_conflict": has_conflict, "declaration": stage.conflict_declaration},
    )
    return stage


# ---------------------------------------------------------------- extensions and updates


@transaction.atomic
def stage_extend(
    *,
    actor: Actor,
    complaint: Complaint,
    working_days: int,
    reason: str,
    resident_informed_on: datetime.date,
    ombudsman_details_given: bool,
    good_reason_beyond_maximum: str = "",
    expected_version: int | None = None,
) -> Extension:
    """Extend the response deadline, for a reason, telling the resident and giving the
    Ombudsman's contact details (Code 6.4, 6.5, 6.15, 6.16)."""
    complaint = complaint_lock(complaint, expected_version)
    complaint_require_visible(actor, complaint)
    actor.require("complaints.handle_complaint", "extend a complaint")
    if complaint.status == Status.STAGE1_INVESTIGATING:
        number, limit_provision, details_provision = 1, "6.4", "6.5"
    elif complaint.status == Status.STAGE2_INVESTIGATING:
        number, limit_provision, details_provision = 2, "6.15", "6.16"
    else:
        raise DomainError("Only an acknowledged complaint awaiting its response can be extended.")
    stage = _stage(complaint, number)
    reason = require_text(
        reason, "Give the reason for the extension.", provision=limit_provision, field="reason"
    )
    if working_days < 1:
        raise DomainError("An extension must be at least 1 working day.", field="working_days")
    if working_days > WORKING_YEAR:
        raise DomainError(
            f"An extension cannot be longer than a working year ({WORKING_YEAR} working days); "
            "agree a further extension later if it is needed.",
            field="working_days",
        )
    if not ombudsman_details_given:
        raise DomainError(
            "When you tell the resident about an extension you must give them the Ombudsman's "
            "contact details.",
            provision=details_provision,
            field="ombudsman_details_given",
        )
    policy = _policy(complaint.landlord_id)
    maximum = policy.stage1_extension_max_days if number == 1 else policy.stage2_extension_max_days
    already = sum(e.working_days for e in stage.extensions.all())
    good_reason = (good_reason_beyond_maximum or "").strip()
    if already + working_days > maximum and not good_reason:
        raise DomainError(
            f"Extensions at stage {number} can total at most {maximum} working days "
            f"({already} already given). Going further needs a good reason, recorded and "
            "explained to the resident.",
            provision=limit_provision,
            field="working_days",
        )
    if resident_informed_on > timezone.localdate():
        raise DomainError(
            "The resident cannot be told in the future.", field="resident_informed_on"
        )
    assert stage.response_due is not None  # set on acknowledgement
    calendar = _calendar(complaint.landlord_id)
    extension = Extension.objects.create(
        stage=stage,
        working_days=working_days,
        reason=reason,
        previous_due=stage.response_due,
        new_due=calendar.add_working_days(stage.response_due, working_days),
        resident_informed_on=resident_informed_on,
        ombudsman_details_given=True,
        good_reason_beyond_maximum=good_reason,
        created_by=actor.user,
        created_at=_now(),
    )
    stage.response_due = extension.new_due
    stage.save(update_fields=["response_due"])
    _save(complaint)
    # Code 6.4, 6.5, 6.15, 6.16: the reason, the new date and the Ombudsman's details.
    letter_send(
        actor=actor,
        complaint=complaint,
        kind=LetterKind.EXTENSION,
        stage=stage,
        extension=extension,
    )
    _record(
        actor,
        complaint,
        "stage.extended",
        f"Stage {number} response extended by {working_days} working days to "
        f"{extension.new_due:%d %B %Y}: {reason}",
        subject=extension,
        before={"response_due": extension.previous_due},
        after={
            "response_due": extension.new_due,
            "reason": reason,
            "beyond_maximum": bool(good_reason),
        },
        visible_to_resident=True,
    )
    return extension


@transaction.atomic
def stage_agree_updates(
    *,
    actor: Actor,
    complaint: Complaint,
    interval_working_days: int,
    method: str,
    agreed_on: datetime.date,
    expected_version: int | None = None,
) -> Stage:
    """Code 5.9: when a response will be late, agree how often the resident hears from us."""
    complaint = complaint_lock(complaint, expected_version)
    complaint_require_visible(actor, complaint)
    actor.require("complaints.handle_complaint", "agree update intervals")
    if not complaint.is_open:
        raise DomainError("Update intervals are agreed while a complaint is open.")
    if not 1 <= interval_working_days <= WORKING_YEAR:
        raise DomainError(
            f"The interval must be from 1 to {WORKING_YEAR} working days.",
            field="interval_working_days",
        )
    method = require_text(
        method, "Say how the updates will be given.", provision="5.9", field="method"
    )
    stage = _stage(complaint, _current_stage_number(complaint))
    fields = ["update_interval_working_days", "update_method", "updates_agreed_on"]
    before = changes(stage, fields)
    stage.update_interval_working_days = interval_working_days
    stage.update_method = method
    stage.updates_agreed_on = agreed_on
    stage.save(update_fields=fields)
    _save(complaint)
    _record(
        actor,
        complaint,
        "stage.updates_agreed",
        f"Agreed with the resident: an update every {interval_working_days} working days "
        f"by {method}",
        subject=stage,
        before=before,
        after=changes(stage, fields),
        visible_to_resident=True,
    )
    return stage


# ---------------------------------------------------------------- additional issues


@transaction.atomic
def complaint_add_issue(
    *,
    actor: Actor,
    complaint: Complaint,
    description: str,
    expected_version: int | None = None,
) -> ComplaintPoint | Complaint:
    """Code 6.8: a related issue raised before the stage 1 response joins stage 1; otherwise
    it becomes a new complaint, linked to this one."""
    complaint = complaint_lock(complaint, expected_version)
    complaint_require_visible(actor, complaint)
    actor.require("complaints.log_complaint", "record an additional issue")
    description = require_text(
        description, "Describe the additional issue.", provision="6.8", field="description"
    )
    if complaint.status in (Status.STAGE1_AWAITING_ACKNOWLEDGEMENT, Status.STAGE1_INVESTIGATING):
        stage = _stage(complaint, 1)
        number = (
            stage.points.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        point = ComplaintPoint.objects.create(
            stage=stage,
            number=number,
            description=description,
            source=ComplaintPoint.Source.ADDITIONAL,
            added_at=_now(),
        )
        _save(complaint)
        _record(
            actor,
            complaint,
            "stage.issue_added",
            "Additional issue added to the stage 1 investigation",
            subject=point,
            after={"point": number, "description": description},
            visible_to_resident=True,
        )
        return point
    new_complaint = complaint_log(
        actor=actor,
        landlord=complaint.landlord,
        details=ComplaintDetails(
            description=description,
            channel=complaint.channel,
            resident=complaint.resident,
            representative=complaint.representative,
            home=complaint.home,
            is_anonymous=complaint.is_anonymous,
            category=complaint.category,
            service_area=complaint.service_area,
            entity=complaint.entity,
        ),
        related_to=complaint,
    )
    _save(complaint)
    _record(
        actor,
        complaint,
        "complaint.new_linked_complaint",
        f"Additional issue logged as a new complaint {new_complaint.reference}, as the "
        "stage 1 response had already been given",
        after={"new_complaint": new_complaint.reference},
        visible_to_resident=True,
    )
    return new_complaint


# ---------------------------------------------------------------- responses


@dataclass(frozen=True)
class PointFinding:
    point_number: int
    finding: str
    reasons: str
    policy_relied_on: str = ""


@transaction.atomic
def stage_respond(
    *,
    actor: Actor,
    complaint: Complaint,
    outcome: str,
    decision: str,
    findings: Sequence[PointFinding],
    responded_at: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Stage:
    """Record the stage's response, answering every point with reasons (Code 6.7, 6.18).

    Remedies and outstanding actions are recorded against the stage before the response;
    the response is given when the answer is known, not when actions are done (Code 6.6).
    """
    complaint = complaint_lock(complaint, expected_version)
    complaint_require_visible(actor, complaint)
    actor.require("complaints.handle_complaint", "respond to a complaint")
    if complaint.status == Status.STAGE1_INVESTIGATING:
        number, next_status, points_provision = 1, Status.STAGE1_RESPONDED, "6.7"
    elif complaint.status == Status.STAGE2_INVESTIGATING:
        number, next_status, points_provision = 2, Status.STAGE2_RESPONDED, "6.18"
    elif complaint.status in (
        Status.STAGE1_AWAITING_ACKNOWLEDGEMENT,
        Status.STAGE2_AWAITING_ACKNOWLEDGEMENT,
    ):
        raise DomainError(
            "Acknowledge and define the complaint before responding.",
            provision="6.2"
            if complaint.status == Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
            else "6.11",
        )
    else:
        raise DomainError(
            f"Complaint {complaint.reference} has no stage awaiting a response "
            f"({complaint.get_status_display()})."
        )
    stage = _stage(complaint, number)
    if not stage.is_defined:
        raise DomainError(
            "A complaint cannot be answered without a complaint definition.", provision="5.6"
        )
    if stage.handler_id is None:
        raise DomainError("Assign a handler before responding.", field="handler")
    if stage.conflict_declared_at is None:
        raise DomainError(
            f"{stage.handler} must declare any conflict of interest before the response is given.",
            provision="5.8",
        )
    responder = actor.user
    if number == 2 and responder is not None:
        stage_one = Stage.objects.get(complaint=complaint, number=1)
        if responder.pk in (stage_one.handler_id, stage_one.responded_by_id):
            raise DomainError(
                "The person who considered the complaint at stage 1 cannot give the stage 2 "
                "response.",
                provision="6.13",
            )
    if (
        responder is not None
        and responder.pk != stage.handler_id
        and not actor.can("complaints.view_all_complaints")
    ):
        raise DomainError("Only the stage's handler, or a manager, can give the response.")
    if outcome not in Stage.Outcome.values:
        raise DomainError(
            "Choose the outcome: upheld, partly upheld or not upheld.", field="outcome"
        )
    policy = _policy(complaint.landlord_id)
    partly_allowed = (
        policy.partly_upheld_allowed_at_stage1
        if number == 1
        else policy.partly_upheld_allowed_at_stage2
    )
    if outcome == Stage.Outcome.PARTLY_UPHELD and not partly_allowed:
        raise DomainError(
            f"This landlord's policy records complaints at stage {number} as upheld or not upheld: "
            "if anything went wrong, the complaint is upheld.",
            field="outcome",
        )
    decision = require_text(
        decision,
        "Set out the decision on the complaint.",
        provision="6.9" if number == 1 else "6.19",
        field="decision",
    )
    points = {p.number: p for p in stage.points.all()}
    by_number = {f.point_number: f for f in findings}
    unknown = sorted(set(by_number) - set(points))
    if unknown:
        raise DomainError(
            f"There is no point {unknown[0]} in the complaint definition.", field="findings"
        )
    missing = [n for n in sorted(points) if n not in by_number]
    if missing:
        raise DomainError(
            f"The response must address every point in the complaint definition; point "
            f"{missing[0]} ({points[missing[0]].description[:60]}) has no finding.",
            provision=points_provision,
            field="findings",
        )
    for number_, finding in by_number.items():
        if finding.finding not in ComplaintPoint.Finding.values:
            raise DomainError(f"Point {number_}: choose upheld or not upheld.", field="findings")
        if not finding.reasons.strip():
            raise DomainError(
                f"Point {number_}: give clear reasons for the decision.",
                provision=points_provision,
                field="findings",
            )
    findings_upheld = {f.finding for f in findings}
    if outcome == Stage.Outcome.NOT_UPHELD and ComplaintPoint.Finding.UPHELD in findings_upheld:
        raise DomainError(
            "A complaint with an upheld point cannot be 'not upheld'.", field="outcome"
        )
    if outcome == Stage.Outcome.UPHELD and findings_upheld == {ComplaintPoint.Finding.NOT_UPHELD}:
        raise DomainError(
            "No point is upheld, so the complaint cannot be 'upheld'.", field="outcome"
        )
    if (
        outcome == Stage.Outcome.PARTLY_UPHELD
        and ComplaintPoint.Finding.UPHELD not in findings_upheld
    ):
        raise DomainError(
            "No point is upheld, so the complaint cannot be 'partly upheld'.", field="outcome"
        )
    if complaint.is_anonymous:
        raise DomainError(
            "An anonymous complaint is investigated but cannot be given a formal response; "
            "close it with the findings recorded as a note."
        )
    responded_at = responded_at or _now()
    if stage.acknowledged_at and responded_at < stage.acknowledged_at:
        raise DomainError(
            "A response cannot come before the acknowledgement.", field="responded_at"
        )
    if responded_at > _now() + datetime.timedelta(minutes=5):
        raise DomainError("A response cannot be dated in the future.", field="responded_at")
    for number_, finding in by_number.items():
        point = points[number_]
        point.finding = finding.finding
        point.reasons = finding.reasons.strip()
        point.policy_relied_on = finding.policy_relied_on.strip()
        point.save(update_fields=["finding", "reasons", "policy_relied_on"])
    stage.outcome = outcome
    stage.decision = decision
    stage.responded_at = responded_at
    stage.responded_by = responder
    stage.save(update_fields=["outcome", "decision", "responded_at", "responded_by"])
    complaint.status = next_status
    _save(complaint, "status")
    assert stage.response_due is not None
    on_time = timezone.localtime(responded_at).date() <= stage.response_due
    # Code 6.9, 6.19: an incomplete response letter refuses the whole response.
    letter_send(actor=actor, complaint=complaint, kind=response_letter_kind(stage), stage=stage)
    _record(
        actor,
        complaint,
        "stage.responded",
        f"Stage {number} response given: {stage.get_outcome_display().lower()}"
        f"{'' if on_time else ' (late)'}",
        subject=stage,
        after={
            "outcome": outcome,
            "responded_at": responded_at,
            "response_due": stage.response_due,
            "on_time": on_time,
            "points": {n: f.finding for n, f in by_number.items()},
        },
        visible_to_resident=True,
    )
    return stage


# ---------------------------------------------------------------- escalation


@transaction.atomic
def complaint_escalate(
    *,
    actor: Actor,
    complaint: Complaint,
    requested_at: datetime.datetime | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Stage:
    """The resident asks for stage 2 (Code 6.10 to 6.12). No reason may be demanded."""
    complaint = complaint_lock(complaint, expected_version)
    if actor.is_resident:
        if actor.landlord_id != complaint.landlord_id:
            raise DomainError("That complaint could not be found.")
    else:
        complaint_require_visible(actor, complaint)
        actor.require("complaints.log_complaint", "record a request for stage 2")
    stage_one = _stage(complaint, 1)
    if Stage.objects.filter(complaint=complaint, number=2).exists():
        raise DomainError(
            "This complaint has already been escalated to stage 2, the landlord's final stage. "
            "There is no further stage: the resident can go to the Housing Ombudsman.",
            provision="5.3",
        )
    if not stage_one.is_responded or complaint.status not in (
        Status.STAGE1_RESPONDED,
        Status.CLOSED,
    ):
        raise DomainError(
            "A complaint can go to stage 2 only after the stage 1 response has been given.",
            provision="6.10",
        )
    requested_at = requested_at or _now()
    if requested_at > _now() + datetime.timedelta(minutes=5):
        raise DomainError(
            "A request for stage 2 cannot be received in the future.", field="requested_at"
        )
    policy = _policy(complaint.landlord_id)
    calendar = _calendar(complaint.landlord_id)
    requested_on = calendar.receipt_date(requested_at, policy.receipt_cutoff_time)
    stage = Stage.objects.create(
        complaint=complaint,
        number=2,
        requested_at=requested_at,
        requested_on=requested_on,
        escalation_reason=(reason or "").strip(),
        acknowledgement_due=calendar.add_working_days(
            requested_on, policy.stage2_acknowledgement_days
        ),
    )
    complaint.status = Status.STAGE2_AWAITING_ACKNOWLEDGEMENT
    complaint.closed_at = None
    _save(complaint, "status", "closed_at")
    _record(
        actor,
        complaint,
        "complaint.escalated",
        f"Stage 2 requested; acknowledgement due {stage.acknowledgement_due:%d %B %Y}",
        subject=stage,
        after={"requested_on": requested_on, "acknowledgement_due": stage.acknowledgement_due},
        visible_to_resident=True,
    )
    return stage


# ---------------------------------------------------------------- refusal, withdrawal, closure


def _require_outside_twelve_months(complaint: Complaint) -> None:
    """Code 2.3: within 12 months of the issue, or of the resident becoming aware of it, a
    complaint must be accepted. Only the dates the complaint records can show that; when it
    records neither, the evidence for the refusal has to."""
    known = [d for d in (complaint.occurred_on, complaint.became_aware_on) if d is not None]
    if not known:
        return
    latest = max(known)
    # The day the complaint was made, not the working day it counts as received: a complaint
    # made on a Saturday was made within the 12 months even if it counts from Monday.
    made_on = timezone.localtime(complaint.received_at).date()
    try:
        year_before = made_on.replace(year=made_on.year - 1)
    except ValueError:  # 29 February: a year before is 28 February
        year_before = made_on.replace(year=made_on.year - 1, day=28)
    # 12 months from 2 March 2025 run to 2 March 2026 inclusive (the corresponding date).
    if latest >= year_before:
        what = "the resident became aware" if latest == complaint.became_aware_on else "it happened"
        raise DomainError(
            f"This complaint was made within 12 months of the issue ({what} on "
            f"{latest:%d %B %Y}), so it must be accepted.",
            provision="2.3",
            field="ground",
        )


@transaction.atomic
def complaint_refuse(
    *,
    actor: Actor,
    complaint: Complaint,
    ground: str,
    evidence: str,
    explanation: str,
    ombudsman_right_explained: bool,
    other_reason: str = "",
    discretion_considered: bool = False,
    discretion_notes: str = "",
    expected_version: int | None = None,
) -> Refusal:
    """Decline a complaint, or a request for stage 2, on a stated ground with evidence,
    explained to the resident with their right to go to the Ombudsman (Code 2.1 to 2.5, 5.11)."""
    complaint = complaint_lock(complaint, expected_version)
    complaint_require_visible(actor, complaint)
    actor.require("complaints.triage_complaint", "refuse a complaint")
    if complaint.status == Status.STAGE1_AWAITING_ACKNOWLEDGEMENT:
        kind, next_status, provision = Refusal.Kind.NOT_ACCEPTED, Status.NOT_ACCEPTED, "2.4"
    elif complaint.status == Status.STAGE2_AWAITING_ACKNOWLEDGEMENT:
        kind, next_status, provision = (
            Refusal.Kind.ESCALATION_REFUSED,
            Status.ESCALATION_REFUSED,
            "5.11",
        )
    else:
        raise DomainError(
            "A complaint can be refused only before it is acknowledged, and a stage 2 request "
            "only before stage 2 is acknowledged."
        )
    if ground not in Refusal.Ground.values:
        raise DomainError("Choose the ground for refusing.", provision="2.2", field="ground")
    if ground == Refusal.Ground.OTHER:
        other_reason = require_text(
            other_reason, "State the reason for refusing.", provision="2.2", field="other_reason"
        )
    evidence = require_text(
        evidence, "Record the evidence for the decision.", provision="2.1", field="evidence"
    )
    explanation = require_text(
        explanation,
        "Write the explanation the resident will be given of why the matter is not suitable "
        "for the complaints process.",
        provision=provision,
        field="explanation",
    )
    if not ombudsman_right_explained:
        raise DomainError(
            "The resident must be told of their right to take this decision to the Ombudsman.",
            provision=provision,
            field="ombudsman_right_explained",
        )
    if ground == Refusal.Ground.OVER_TWELVE_MONTHS:
        _require_outside_twelve_months(complaint)
    if ground == Refusal.Ground.OVER_TWELVE_MONTHS and not discretion_considered:
        raise DomainError(
            "Consider whether to use discretion to accept a complaint made after 12 months, and "
            "record it.",
            provision="2.3",
            field="discretion_considered",
        )
    refusal = Refusal.objects.create(
        complaint=complaint,
        kind=kind,
        ground=ground,
        other_reason=other_reason.strip(),
        evidence=evidence,
        discretion_considered=discretion_considered,
        discretion_notes=discretion_notes.strip(),
        explanation=explanation,
        ombudsman_right_explained=True,
        decided_by=actor.user,
        decided_at=_now(),
    )
    before = {"status": complaint.status}
    complaint.status = next_status
    _save(complaint, "status")
    # Code 2.4, 5.11: the reasons, and the right to take the decision to the Ombudsman.
    letter_send(
        actor=actor, complaint=complaint, kind=refusal_letter_kind(refusal), refusal=refusal
    )
    _record(
        actor,
        complaint,
        "complaint.refused",
        f"{refusal.get_kind_display()}: {refusal.get_ground_display().lower()}",
        subject=refusal,
        before=before,
        after={"status": next_status, "ground": ground},
        visible_to_resident=True,
    )
    return refusal


@transaction.atomic
def complaint_withdraw(
    *,
    actor: Actor,
    complaint: Complaint,
    reason: str = "",
    withdrawn_at: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Complaint:
    """The resident withdraws their complaint. Outstanding actions stay tracked."""
    complaint = complaint_lock(complaint, expected_version)
    if actor.is_resident:
        if actor.landlord_id != complaint.landlord_id:
            raise DomainError("That complaint could not be found.")
    else:
        complaint_require_visible(actor, complaint)
        actor.require("complaints.log_complaint", "record a withdrawal")
    if not complaint.is_open:
        raise DomainError(
            f"Only an open complaint can be withdrawn ({complaint.get_status_display()})."
        )
    before = {"status": complaint.status}
    complaint.status = Status.WITHDRAWN
    complaint.withdrawn_at = withdrawn_at or _now()
    complaint.withdrawal_reason = (reason or "").strip()
    _save(complaint, "status", "withdrawn_at", "withdrawal_reason")
    _record(
        actor,
        complaint,
        "complaint.withdrawn",
        "Complaint withdrawn by the resident",
        before=before,
        after={"status": complaint.status, "reason": complaint.withdrawal_reason},
        visible_to_resident=True,
    )
    return complaint


@transaction.atomic
def complaint_close(
    *, actor: Actor, complaint: Complaint, note: str = "", expected_version: int | None = None
) -> Complaint:
    """Close a complaint once it has its response. Remedies and outstanding actions stay
    tracked to completion after closure (Code 6.6, 6.17, 7.3)."""
    complaint = complaint_lock(complaint, expected_version)
    complaint_require_visible(actor, complaint)
    actor.require("complaints.triage_complaint", "close a complaint")
    closable = (
        Status.STAGE1_RESPONDED,
        Status.STAGE2_RESPONDED,
        Status.NOT_ACCEPTED,
        Status.ESCALATION_REFUSED,
    )
    anonymous_investigated = (
        complaint.is_anonymous and complaint.status == Status.STAGE1_INVESTIGATING
    )
    if complaint.status not in closable and not anonymous_investigated:
        raise DomainError(
            "A complaint can be closed only after its response has been given (or it was not "
            f"accepted); this one is '{complaint.get_status_display()}'."
        )
    before = {"status": complaint.status}
    complaint.status = Status.CLOSED
    complaint.closed_at = _now()
    _save(complaint, "status", "closed_at")
    _record(
        actor,
        complaint,
        "complaint.closed",
        "Complaint closed" + (f": {note.strip()}" if note.strip() else ""),
        before=before,
        after={"status": complaint.status},
    )
    return complaint


@transaction.atomic
def complaint_categorise(
    *,
    actor: Actor,
    complaint: Complaint,
    category: Category | None,
    service_area: ServiceArea | None,
    expected_version: int | None = None,
) -> Complaint:
    complaint = complaint_lock(complaint, expected_version)
    complaint_require_visible(actor, complaint)
    actor.require_any(
        ("complaints.triage_complaint", "complaints.handle_complaint"), "categorise a complaint"
    )
    for name, value in (("category", category), ("service_area", service_area)):
        if value is not None and value.landlord_id != complaint.landlord_id:
            raise DomainError(
                f"That {name.replace('_', ' ')} belongs to another landlord.", field=name
            )
    fields = ["category", "service_area", "entity"]
    before = {
        "category": str(complaint.category or ""),
        "service_area": str(complaint.service_area or ""),
    }
    complaint.category = category
    complaint.service_area = service_area
    complaint.entity = getattr(service_area, "entity", None) or complaint.entity
    _save(complaint, *fields)
    _record(
        actor,
        complaint,
        "complaint.categorised",
        f"Category set to {category or 'none'}; service area {service_area or 'none'}",
        before=before,
        after={"category": str(category or ""), "service_area": str(service_area or "")},
    )
    return complaint


# ---------------------------------------------------------------- correspondence


MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class UploadedDocument:
    name: str
    content_type: str
    content: bytes


@transaction.atomic
def correspondence_record(
    *,
    actor: Actor,
    complaint: Complaint,
    direction: str,
    medium: str,
    body: str,
    subject: str = "",
    counterpart: str = "",
    occurred_at: datetime.datetime | None = None,
    documents: Sequence[UploadedDocument] = (),
    expected_version: int | None = None,
) -> Correspondence:
    """Code 5.12: keep every message, in or out, and every document, with the complaint."""
    # Locked and read afresh, so the version moves on from the stored one, not the caller's copy.
    complaint = complaint_lock(complaint, expected_version)
    if actor.is_resident:
        if actor.landlord_id != complaint.landlord_id:
            raise DomainError("That complaint could not be found.")
    else:
        complaint_require_visible(actor, complaint)
        actor.require("complaints.manage_correspondence", "record correspondence")
    if direction not in Correspondence.Direction.values:
        raise DomainError(
            "Say whether the message was received, sent, or is a note.", field="direction"
        )
    if medium not in Correspondence.Medium.values:
        raise DomainError("Say how the message was sent or received.", field="medium")
    if not (body or "").strip() and not documents:
        raise DomainError("Enter the message, or attach a document.", field="body")
    occurred_at = occurred_at or _now()
    if occurred_at > _now() + datetime.timedelta(minutes=5):
        raise DomainError("A message cannot be dated in the future.", field="occurred_at")
    message = Correspondence.objects.create(
        complaint=complaint,
        direction=direction,
        medium=medium,
        occurred_at=occurred_at,
        counterpart=counterpart.strip(),
        subject=subject.strip(),
        body=(body or "").strip(),
        recorded_by=actor.user,
    )
    for document in documents:
        attachment_store(
            actor=actor, complaint=complaint, document=document, correspondence=message
        )
    _save(complaint)
    _record(
        actor,
        complaint,
        "correspondence.recorded",
        f"{message.get_direction_display()}: {message.get_medium_display().lower()}"
        + (f" — {message.subject}" if message.subject else ""),
        subject=message,
        after={"direction": direction, "medium": medium, "documents": len(documents)},
        visible_to_resident=direction != Correspondence.Direction.INTERNAL,
    )
    return message


def attachment_store(
    *,
    actor: Actor,
    complaint: Complaint,
    document: UploadedDocument,
    correspondence: Correspondence | None = None,
) -> Attachment:
    """Store a document through Django's storage API, under an opaque name."""
    if not document.content:
        raise DomainError(f"{document.name} is empty.", field="documents")
    if len(document.content) > MAX_ATTACHMENT_BYTES:
        raise DomainError(
            f"{document.name} is larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.",
            field="documents",
        )
    digest = hashlib.sha256(document.content).hexdigest()
    attachment = Attachment(
        complaint=complaint,
        correspondence=correspondence,
        original_name=document.name[:255],
        content_type=document.content_type[:100] or "application/octet-stream",
        size=len(document.content),
        sha256=digest,
        uploaded_by_label=actor.label,
        uploaded_at=_now(),
    )
    attachment.file.save(digest, ContentFile(document.content), save=False)
    attachment.save()
    return attachment


# ---------------------------------------------------------------- service requests


@transaction.atomic
def service_request_log(
    *,
    actor: Actor,
    landlord: Landlord,
    description: str,
    channel: str,
    resident: Resident | None = None,
    home: Property | None = None,
    category: Category | None = None,
    service_area: ServiceArea | None = None,
    received_at: datetime.datetime | None = None,
) -> ServiceRequest:
    """Code 1.4, 1.5: a request for a service is recorded and monitored; it is not a complaint."""
    actor.require("complaints.log_complaint", "log a service request")
    if actor.landlord_id != landlord.pk:
        raise NotPermittedError("You cannot log a service request for another landlord.")
    for name, related in (
        ("resident", resident),
        ("home", home),
        ("category", category),
        ("service_area", service_area),
    ):
        if related is not None and related.landlord_id != landlord.pk:
            raise DomainError(
                f"That {name.replace('_', ' ')} belongs to another landlord.", field=name
            )
    description = require_text(
        description, "Describe what was asked for.", provision="1.4", field="description"
    )
    if channel not in Channel.values:
        raise DomainError(f"Unknown channel {channel!r}.", field="channel")
    received_at = received_at or _now()
    request = ServiceRequest.objects.create(
        landlord=landlord,
        reference=reference_next(
            landlord_id=landlord.pk,
            kind="service_request",
            prefix=landlord.service_request_reference_prefix,
            year=timezone.localtime(received_at).year,
        ),
        resident=resident,
        home=home or getattr(resident, "home", None),
        received_at=received_at,
        channel=channel,
        description=description,
        category=category,
        service_area=service_area,
        created_by=actor.user,
    )
    record_event(
        actor=actor,
        subject=request,
        action="service_request.logged",
        summary=f"Service request {request.reference} logged",
        after={"reference": request.reference},
    )
    return request


@transaction.atomic
def service_request_record_dissatisfaction(
    *,
    actor: Actor,
    service_request: ServiceRequest,
    description: str,
    channel: str,
    received_at: datetime.datetime | None = None,
    representative: Representative | None = None,
    outcome_sought: str = "",
) -> Complaint:
    """Code 1.5: dissatisfaction with how a request is handled raises a complaint at once,
    and the service request stays open and is still followed through."""
    service_request = ServiceRequest.objects.select_for_update().get(pk=service_request.pk)
    received_at = received_at or _now()
    complaint = complaint_log(
        actor=actor,
        landlord=service_request.landlord,
        details=ComplaintDetails(
            description=description,
            channel=channel,
            received_at=received_at,
            resident=service_request.resident,
            representative=representative,
            home=service_request.home,
            is_anonymous=service_request.resident is None,
            outcome_sought=outcome_sought,
            category=service_request.category,
            service_area=service_request.service_area,
        ),
        service_request=service_request,
    )
    if service_request.dissatisfaction_expressed_at is None:
        service_request.dissatisfaction_expressed_at = received_at
        service_request.save(update_fields=["dissatisfaction_expressed_at"])
    record_event(
        actor=actor,
        subject=service_request,
        action="service_request.complaint_raised",
        summary=f"Resident dissatisfied: complaint {complaint.reference} raised; "
        "the request stays open",
        after={"complaint": complaint.reference},
    )
    return complaint


@transaction.atomic
def service_request_close(
    *, actor: Actor, service_request: ServiceRequest, note: str = ""
) -> ServiceRequest:
    actor.require("complaints.log_complaint", "close a service request")
    service_request = ServiceRequest.objects.select_for_update().get(pk=service_request.pk)
    if service_request.status == ServiceRequest.Status.CLOSED:
        raise DomainError(f"Service request {service_request.reference} is already closed.")
    service_request.status = ServiceRequest.Status.CLOSED
    service_request.closed_at = _now()
    service_request.save(update_fields=["status", "closed_at"])
    record_event(
        actor=actor,
        subject=service_request,
        action="service_request.closed",
        summary="Service request closed" + (f": {note.strip()}" if note.strip() else ""),
    )
    return service_request
