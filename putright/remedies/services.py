"""Remedies (Code 7.1 to 7.4) and outstanding actions (Code 6.6, 6.17), followed to completion."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from putright.complaints.models import Complaint, Stage
from putright.complaints.selectors import complaint_require_visible
from putright.complaints.services import complaint_lock, complaint_require_version
from putright.core.actors import Actor
from putright.core.errors import DomainError, require_text
from putright.core.services import record_event
from putright.letters.models import LetterKind
from putright.letters.services import letter_send
from putright.remedies.models import ActionUpdate, OutstandingAction, Remedy

AMOUNT_FIELDS = (
    "amount_time_and_trouble",
    "amount_distress_and_inconvenience",
    "amount_quantifiable_loss",
    "amount_statutory",
)


def _open_stage_for_remedy(complaint: Complaint) -> Stage:
    """Remedies can be offered at any stage (Code 5.13): the latest stage that exists."""
    stage = complaint.stages.order_by("-number").first()
    if stage is None:  # pragma: no cover - every complaint is logged with stage 1
        raise DomainError("This complaint has no stage.")
    return stage


def _bump(complaint: Complaint) -> None:
    Complaint.objects.filter(pk=complaint.pk).update(version=complaint.version + 1)
    complaint.version += 1


def _event(
    actor: Actor, complaint: Complaint, subject: Any, action: str, summary: str, **kw: Any
) -> None:
    record_event(
        actor=actor,
        subject=subject,
        complaint_id=complaint.pk,
        action=action,
        summary=summary,
        visible_to_resident=True,
        **kw,
    )


@transaction.atomic
def remedy_offer(
    *,
    actor: Actor,
    complaint: Complaint,
    kind: str,
    description: str,
    due_on: datetime.date,
    amounts: dict[str, Decimal] | None = None,
    payment_method: str = "",
    offered_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Remedy:
    """Offer a remedy saying what will happen and by when (Code 7.1, 7.3)."""
    complaint = complaint_lock(complaint, expected_version)
    complaint_require_visible(actor, complaint)
    actor.require("complaints.handle_complaint", "offer a remedy")
    if complaint.status in (Complaint.Status.NOT_ACCEPTED, Complaint.Status.WITHDRAWN):
        raise DomainError(
            "A remedy cannot be offered on a complaint that is "
            f"{complaint.get_status_display().lower()}."
        )
    if kind not in Remedy.Kind.values:
        raise DomainError("Choose the kind of remedy.", field="kind", provision="7.1")
    description = require_text(
        description,
        "Set out what will happen to put things right.",
        field="description",
        provision="7.3",
    )
    offered_on = offered_on or timezone.localdate()
    if due_on < offered_on:
        raise DomainError(
            "The remedy cannot be due before it is offered.", field="due_on", provision="7.3"
        )
    amounts = amounts or {}
    unknown = set(amounts) - set(AMOUNT_FIELDS)
    if unknown:
        raise DomainError(f"Unknown compensation head: {sorted(unknown)[0]}.", field="amounts")
    if any(Decimal(v) < 0 for v in amounts.values()):
        raise DomainError("Amounts cannot be negative.", field="amounts")
    total = sum((Decimal(v) for v in amounts.values()), Decimal("0"))
    if kind == Remedy.Kind.FINANCIAL:
        if total <= 0:
            raise DomainError(
                "A financial remedy needs an amount, split by what it is for.",
                field="amounts",
                provision="7.1",
            )
        if payment_method not in Remedy.PaymentMethod.values:
            raise DomainError("Say how the payment will be made.", field="payment_method")
    elif total:
        raise DomainError("Only a financial remedy carries an amount.", field="amounts")
    remedy = Remedy.objects.create(
        complaint=complaint,
        stage=_open_stage_for_remedy(complaint),
        kind=kind,
        description=description,
        due_on=due_on,
        offered_on=offered_on,
        payment_method=payment_method if kind == Remedy.Kind.FINANCIAL else "",
        created_by=actor.user,
        **{name: Decimal(value) for name, value in amounts.items()},
    )
    _bump(complaint)
    if not complaint.is_open:
        # Code 7.3: offered after the response, it gets its own letter; while a stage is open
        # it is part of that stage's response letter (Code 6.9 e, 6.19 e).
        letter_send(
            actor=actor,
            complaint=complaint,
            kind=LetterKind.REMEDY_OFFER,
            stage=remedy.stage,
            remedy=remedy,
        )
    _event(
        actor,
        complaint,
        remedy,
        "remedy.offered",
        f"Remedy offered: {remedy.get_kind_display().lower()}"
        + (f", £{remedy.total_amount:,.2f}" if remedy.total_amount else "")
        + f"; due {due_on:%d %B %Y}",
        after={"kind": kind, "total": remedy.total_amount, "due_on": due_on},
    )
    return remedy


def _remedy_locked(remedy: Remedy) -> Remedy:
    return Remedy.objects.select_for_update().select_related("complaint").get(pk=remedy.pk)


@transaction.atomic
def remedy_record_response(
    *,
    actor: Actor,
    remedy: Remedy,
    accepted: bool,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Remedy:
    """The resident accepts or declines the remedy offered."""
    remedy = _remedy_locked(remedy)
    complaint_require_version(remedy.complaint, expected_version)
    complaint_require_visible(actor, remedy.complaint)
    actor.require("complaints.handle_complaint", "record a response to a remedy")
    if remedy.status != Remedy.Status.OFFERED:
        raise DomainError(f"This remedy is already {remedy.get_status_display().lower()}.")
    on = on or timezone.localdate()
    if accepted:
        remedy.status, remedy.accepted_on = Remedy.Status.ACCEPTED, on
    else:
        remedy.status, remedy.declined_on = Remedy.Status.DECLINED, on
    remedy.save(update_fields=["status", "accepted_on", "declined_on"])
    _bump(remedy.complaint)
    _event(
        actor,
        remedy.complaint,
        remedy,
        "remedy.accepted" if accepted else "remedy.declined",
        f"Resident {'accepted' if accepted else 'declined'} the remedy: "
        f"{remedy.get_kind_display().lower()}",
    )
    return remedy


@transaction.atomic
def remedy_record_payment(
    *,
    actor: Actor,
    remedy: Remedy,
    paid_on: datetime.date,
    expected_version: int | None = None,
) -> Remedy:
    remedy = _remedy_locked(remedy)
    complaint_require_version(remedy.complaint, expected_version)
    complaint_require_visible(actor, remedy.complaint)
    actor.require("complaints.handle_complaint", "record a payment")
    if remedy.kind != Remedy.Kind.FINANCIAL:
        raise DomainError("Only a financial remedy is paid.")
    if remedy.status == Remedy.Status.DECLINED:
        raise DomainError("The resident declined this remedy.")
    if remedy.paid_on:
        raise DomainError(
            f"This payment was already recorded as made on {remedy.paid_on:%d %B %Y}."
        )
    if paid_on > timezone.localdate():
        raise DomainError("A payment cannot be recorded in the future.", field="paid_on")
    remedy.paid_on = paid_on
    remedy.status = Remedy.Status.COMPLETED
    remedy.completed_on = paid_on
    remedy.save(update_fields=["paid_on", "status", "completed_on"])
    _bump(remedy.complaint)
    _event(
        actor,
        remedy.complaint,
        remedy,
        "remedy.paid",
        f"£{remedy.total_amount:,.2f} paid ({remedy.get_payment_method_display().lower()})",
        after={"paid_on": paid_on, "total": remedy.total_amount},
    )
    return remedy


@transaction.atomic
def remedy_complete(
    *,
    actor: Actor,
    remedy: Remedy,
    completed_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Remedy:
    """Code 7.3: a remedy is followed through to completion."""
    remedy = _remedy_locked(remedy)
    complaint_require_version(remedy.complaint, expected_version)
    complaint_require_visible(actor, remedy.complaint)
    actor.require("complaints.handle_complaint", "complete a remedy")
    if remedy.kind == Remedy.Kind.FINANCIAL:
        raise DomainError("A financial remedy is completed by recording its payment.")
    if remedy.status in (Remedy.Status.COMPLETED, Remedy.Status.DECLINED):
        raise DomainError(f"This remedy is already {remedy.get_status_display().lower()}.")
    remedy.status = Remedy.Status.COMPLETED
    remedy.completed_on = completed_on or timezone.localdate()
    remedy.save(update_fields=["status", "completed_on"])
    _bump(remedy.complaint)
    _event(
        actor,
        remedy.complaint,
        remedy,
        "remedy.completed",
        f"Remedy completed: {remedy.get_kind_display().lower()}",
    )
    return remedy


@transaction.atomic
def action_add(
    *,
    actor: Actor,
    complaint: Complaint,
    description: str,
    due_on: datetime.date,
    owner: Any = None,
    owner_description: str = "",
    expected_version: int | None = None,
) -> OutstandingAction:
    """Code 6.6, 6.17: what is still to be done after the answer is known, with an owner and
    a date."""
    complaint = complaint_lock(complaint, expected_version)
    complaint_require_visible(actor, complaint)
    actor.require("complaints.handle_complaint", "add an outstanding action")
    description = require_text(
        description, "Describe the action.", field="description", provision="6.6"
    )
    if owner is None and not owner_description.strip():
        raise DomainError("Say who owns the action.", field="owner", provision="6.6")
    if owner is not None and owner.landlord_id != complaint.landlord_id:
        raise DomainError("That person works for another landlord.", field="owner")
    if due_on < timezone.localdate():
        raise DomainError("The action cannot be due in the past.", field="due_on")
    action = OutstandingAction.objects.create(
        complaint=complaint,
        stage=_open_stage_for_remedy(complaint),
        description=description,
        owner=owner,
        owner_description=owner_description.strip(),
        due_on=due_on,
    )
    _bump(complaint)
    _event(
        actor,
        complaint,
        action,
        "action.added",
        f"Outstanding action added, due {due_on:%d %B %Y}",
        after={"due_on": due_on},
    )
    return action


def _action_locked(action: OutstandingAction) -> OutstandingAction:
    return (
        OutstandingAction.objects.select_for_update().select_related("complaint").get(pk=action.pk)
    )


@transaction.atomic
def action_update(
    *,
    actor: Actor,
    action: OutstandingAction,
    text: str,
    given_to_resident_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> ActionUpdate:
    """An update on progress, and when the resident was told (Code 6.6: updates until complete)."""
    action = _action_locked(action)
    complaint_require_version(action.complaint, expected_version)
    complaint_require_visible(actor, action.complaint)
    actor.require("complaints.handle_complaint", "update an outstanding action")
    if action.status != OutstandingAction.Status.OPEN:
        raise DomainError(f"This action is {action.get_status_display().lower()}.")
    update = ActionUpdate.objects.create(
        action=action,
        text=require_text(text, "Enter the update.", field="text"),
        given_to_resident_on=given_to_resident_on,
        created_by=actor.user,
        created_at=timezone.now(),
    )
    _bump(action.complaint)
    if given_to_resident_on is not None:
        # Code 6.6: an update given to the resident is given in writing, and kept.
        letter_send(
            actor=actor,
            complaint=action.complaint,
            kind=LetterKind.ACTION_UPDATE,
            stage=action.stage,
            action=action,
            update=update,
        )
    _event(
        actor,
        action.complaint,
        update,
        "action.updated",
        "Update on an outstanding action"
        + (" given to the resident" if given_to_resident_on else ""),
    )
    return update


@transaction.atomic
def action_complete(
    *,
    actor: Actor,
    action: OutstandingAction,
    completed_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> OutstandingAction:
    action = _action_locked(action)
    complaint_require_version(action.complaint, expected_version)
    complaint_require_visible(actor, action.complaint)
    actor.require("complaints.handle_complaint", "complete an outstanding action")
    if action.status != OutstandingAction.Status.OPEN:
        raise DomainError(f"This action is already {action.get_status_display().lower()}.")
    action.status = OutstandingAction.Status.COMPLETED
    action.completed_on = completed_on or timezone.localdate()
    action.save(update_fields=["status", "completed_on"])
    _bump(action.complaint)
    _event(actor, action.complaint, action, "action.completed", "Outstanding action completed")
    return action


@transaction.atomic
def action_cancel(
    *,
    actor: Actor,
    action: OutstandingAction,
    reason: str,
    expected_version: int | None = None,
) -> OutstandingAction:
    action = _action_locked(action)
    complaint_require_version(action.complaint, expected_version)
    complaint_require_visible(actor, action.complaint)
    actor.require("complaints.triage_complaint", "cancel an outstanding action")
    if action.status != OutstandingAction.Status.OPEN:
        raise DomainError(f"This action is already {action.get_status_display().lower()}.")
    action.status = OutstandingAction.Status.CANCELLED
    action.cancellation_reason = require_text(
        reason, "Give the reason for cancelling.", field="reason"
    )
    action.save(update_fields=["status", "cancellation_reason"])
    _bump(action.complaint)
    _event(
        actor,
        action.complaint,
        action,
        "action.cancelled",
        f"Outstanding action cancelled: {action.cancellation_reason}",
    )
    return action
