"""Preparing, answering and approving the self-assessment (Code 8.1a, 8.3, 8.4).

The senior lead prepares a version: Putright measures practice for the period and fills in
what it measured; the landlord answers each provision. The governing body approves it, which
freezes it: any change after that is a new version, made from the approved one.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.services import changes, record_event
from putright.landlords.models import Landlord
from putright.provisions.catalogue import provisions_all
from putright.selfassessment.measures import Measurement, measure_all
from putright.selfassessment.models import SelfAssessment, SelfAssessmentEntry

PREPARE = "selfassessment.prepare_selfassessment"
APPROVE = "selfassessment.approve_selfassessment"

# What the landlord writes, carried from one version to the next.
ANSWER_FIELDS = ["complies", "evidence", "commentary", "action", "comply_by"]


def _require_own(actor: Actor, assessment: SelfAssessment) -> None:
    if assessment.landlord_id != actor.landlord_pk:
        raise NotPermittedError("This self-assessment belongs to another landlord.")


def _require_draft(assessment: SelfAssessment) -> None:
    if assessment.is_approved:
        raise DomainError(
            f"Version {assessment.version} was approved and cannot be changed: make a new "
            "version from it (the approved version stays on record).",
            provision="8.1",
        )


def _require_period(period_from: datetime.date, period_to: datetime.date) -> None:
    if period_from > period_to:
        raise DomainError("The period must start before it ends.", field="period_to")


def _apply(entry: SelfAssessmentEntry, measurement: Measurement | None) -> None:
    entry.measured_evidence = measurement.evidence if measurement else ""
    entry.shortfall = measurement.shortfall if measurement else False


@transaction.atomic
def self_assessment_prepare(
    *,
    actor: Actor,
    landlord: Landlord,
    period_from: datetime.date,
    period_to: datetime.date,
    reason: str = SelfAssessment.Reason.ANNUAL,
    today: datetime.date | None = None,
) -> SelfAssessment:
    """A new version for the period, measured from the records now.

    The landlord's answers are carried over from the newest version for the same period,
    if there is one, so a new version starts from what was approved.
    """
    actor.require(PREPARE, "prepare the self-assessment")
    if landlord.pk != actor.landlord_pk:
        raise NotPermittedError("You can prepare a self-assessment only for your own landlord.")
    _require_period(period_from, period_to)
    if reason not in SelfAssessment.Reason.values:
        raise DomainError("Choose why this self-assessment is being done.", field="reason")
    # Versions are numbered under a lock on the landlord, so two people preparing at once
    # cannot both make version 2.
    Landlord.objects.select_for_update().filter(pk=landlord.pk).first()
    same_period = SelfAssessment.objects.filter(
        landlord=landlord, period_from=period_from, period_to=period_to
    )
    previous = same_period.order_by("-version").first()
    version = (same_period.aggregate(latest=Max("version"))["latest"] or 0) + 1
    now = timezone.now()
    assessment = SelfAssessment.objects.create(
        landlord=landlord,
        period_from=period_from,
        period_to=period_to,
        version=version,
        reason=reason,
        based_on=previous,
        measured_at=now,
        prepared_by=actor.user,
        created_at=now,
    )
    carried = {entry.provision: entry for entry in previous.entries.all()} if previous else {}
    measured = measure_all(
        landlord=landlord, period_from=period_from, period_to=period_to, today=today
    )
    entries = []
    for position, provision in enumerate(provisions_all()):
        if not provision.in_self_assessment_form:
            continue
        entry = SelfAssessmentEntry(
            assessment=assessment,
            provision=provision.number,
            section=provision.section,
            position=position,
        )
        earlier = carried.get(provision.number)
        if earlier is not None:
            for name in ANSWER_FIELDS:
                setattr(entry, name, getattr(earlier, name))
        _apply(entry, measured.get(provision.number))
        entries.append(entry)
    SelfAssessmentEntry.objects.bulk_create(entries)
    shortfalls = sum(1 for entry in entries if entry.shortfall)
    record_event(
        actor=actor,
        subject=assessment,
        action="self_assessment.prepared",
        summary=f"{assessment} prepared: {len(measured)} provisions measured from the records, "
        f"{shortfalls} falling short",
        after={"version": version, "based_on": previous, "reason": reason},
    )
    return assessment


@transaction.atomic
def self_assessment_remeasure(
    *, actor: Actor, assessment: SelfAssessment, today: datetime.date | None = None
) -> SelfAssessment:
    """Measure a draft again from the records (the landlord's answers are left as they are)."""
    actor.require(PREPARE, "prepare the self-assessment")
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    _require_own(actor, assessment)
    _require_draft(assessment)
    measured = measure_all(
        landlord=assessment.landlord,
        period_from=assessment.period_from,
        period_to=assessment.period_to,
        today=today,
    )
    entries = list(assessment.entries.all())
    for entry in entries:
        _apply(entry, measured.get(entry.provision))
    SelfAssessmentEntry.objects.bulk_update(entries, ["measured_evidence", "shortfall"])
    assessment.measured_at = timezone.now()
    assessment.save(update_fields=["measured_at"])
    record_event(
        actor=actor,
        subject=assessment,
        action="self_assessment.remeasured",
        summary=f"{assessment} measured again from the records",
    )
    return assessment


@transaction.atomic
def self_assessment_entry_update(
    *,
    actor: Actor,
    entry: SelfAssessmentEntry,
    complies: bool | None,
    evidence: str = "",
    commentary: str = "",
    action: str = "",
    comply_by: datetime.date | None = None,
) -> SelfAssessmentEntry:
    """The landlord's answer for one provision. A "no" needs the action and the date by which
    the landlord will comply (the Code's introduction and its self-assessment form)."""
    actor.require(PREPARE, "edit the self-assessment")
    entry = SelfAssessmentEntry.objects.select_related("assessment").get(pk=entry.pk)
    assessment = SelfAssessment.objects.select_for_update().get(pk=entry.assessment_id)
    _require_own(actor, assessment)
    _require_draft(assessment)
    if complies is None:
        raise DomainError(
            f"Say whether you comply with provision {entry.provision}.", field="complies"
        )
    action, evidence, commentary = action.strip(), evidence.strip(), commentary.strip()
    if complies is False:
        if not action:
            raise DomainError(
                "Say what you will do to comply: a provision you do not comply with needs an "
                "action.",
                field="action",
            )
        if comply_by is None:
            raise DomainError(
                "Give the date by which you will comply: the Code asks for it wherever a "
                "landlord does not comply.",
                field="comply_by",
            )
    else:
        action, comply_by = "", None
    before = changes(entry, ANSWER_FIELDS)
    entry.complies = complies
    entry.evidence = evidence
    entry.commentary = commentary
    entry.action = action
    entry.comply_by = comply_by
    entry.save(update_fields=ANSWER_FIELDS)
    record_event(
        actor=actor,
        subject=assessment,
        action="self_assessment.answered",
        summary=f"{assessment}: provision {entry.provision} answered {'yes' if complies else 'no'}",
        before=before,
        after=changes(entry, ANSWER_FIELDS),
    )
    return entry


@transaction.atomic
def self_assessment_approve(
    *, actor: Actor, assessment: SelfAssessment, note: str = ""
) -> SelfAssessment:
    """The governing body approves a version; from then on it is frozen (Appendix A)."""
    actor.require(APPROVE, "approve the self-assessment")
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    _require_own(actor, assessment)
    _require_draft(assessment)
    unanswered = list(
        assessment.entries.filter(complies__isnull=True)
        .order_by("position")
        .values_list("provision", flat=True)
    )
    if unanswered:
        shown = ", ".join(unanswered[:10]) + (", …" if len(unanswered) > 10 else "")
        raise DomainError(
            f"Every provision must be answered before approval; {len(unanswered)} are not "
            f"({shown}).",
            provision="8.1",
        )
    assessment.status = SelfAssessment.Status.APPROVED
    assessment.approved_by = actor.user
    assessment.approved_by_label = actor.label
    assessment.approved_at = timezone.now()
    assessment.approval_note = note.strip()
    assessment.save(
        update_fields=["status", "approved_by", "approved_by_label", "approved_at", "approval_note"]
    )
    record_event(
        actor=actor,
        subject=assessment,
        action="self_assessment.approved",
        summary=f"{assessment} approved by {actor.label}",
        after={"approved_at": assessment.approved_at, "note": assessment.approval_note},
    )
    return assessment
