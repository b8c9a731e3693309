"""Learning from complaints (Code 9.1-9.3) and the Ombudsman's view of the landlord (8.1c-f, 8.5).

Every change here is checked against the actor's role, made inside one transaction and
appended to the record. A root cause, an improvement's link to a complaint and an Ombudsman
case about a complaint also appear in that complaint's history.

Who may do what:

* ``learning.manage_learning`` (complaints officer, senior lead): service improvements; root
  causes on any complaint. A handler may record root causes on the complaints they can see.
* ``learning.manage_ombudsman_cases`` (senior lead): Ombudsman cases, findings and orders,
  the Ombudsman's publications, findings of Code non-compliance, exceptional circumstances.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from putright.accounts.models import User
from putright.complaints.models import Complaint
from putright.complaints.selectors import complaint_require_visible
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError, require_text
from putright.core.services import changes, record_event
from putright.landlords.models import ServiceArea
from putright.learning.models import (
    CodeNonCompliance,
    ComplaintRootCause,
    ExceptionalCircumstance,
    OmbudsmanCase,
    OmbudsmanFinding,
    OmbudsmanOrder,
    OmbudsmanPublication,
    RootCause,
    SatisfactionInvitation,
    SatisfactionResponse,
    ServiceImprovement,
)
from putright.learning.selectors import (
    SURVEY_LINK_DAYS,
    SURVEY_SALT,
    satisfaction_invitation_for_token,
)
from putright.provisions.catalogue import UnknownProvisionError, provision_get

MANAGE_LEARNING = "learning.manage_learning"
MANAGE_OMBUDSMAN = "learning.manage_ombudsman_cases"
HANDLE = "complaints.handle_complaint"

# A publication is a report, not an archive: anything larger is almost certainly the wrong file.
PUBLICATION_MAX_BYTES = 20 * 1024 * 1024


def _not_in_future(day: datetime.date | None, message: str, *, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise DomainError(message, field=field)


def _complaint_by_reference(actor: Actor, reference: str, *, field: str) -> Complaint:
    text = require_text(reference, "Enter the complaint reference.", field=field)
    complaint = Complaint.objects.filter(
        landlord_id=actor.landlord_pk, reference=text.replace(" ", "").upper()
    ).first()
    if complaint is None:
        raise DomainError(f"There is no complaint with the reference {text}.", field=field)
    return complaint


# ---------------------------------------------------------------- root causes (Code 9.1)


@transaction.atomic
def complaint_root_cause_record(
    *, actor: Actor, complaint: Complaint, root_cause: RootCause | None, notes: str = ""
) -> ComplaintRootCause:
    """Record why a complaint arose, so the landlord can learn from it (Code 9.1)."""
    actor.require_any((HANDLE, MANAGE_LEARNING), "record the root cause of a complaint")
    complaint_require_visible(actor, complaint)
    if root_cause is None:
        raise DomainError("Choose the root cause.", field="root_cause", provision="9.1")
    if root_cause.landlord_id != complaint.landlord_id or not root_cause.active:
        raise DomainError("Choose one of your root causes in use.", field="root_cause")
    if ComplaintRootCause.objects.filter(complaint=complaint, root_cause=root_cause).exists():
        raise DomainError(
            f"“{root_cause}” is already recorded as a root cause of {complaint.reference}.",
            field="root_cause",
        )
    recorded = ComplaintRootCause.objects.create(
        complaint=complaint,
        root_cause=root_cause,
        notes=notes.strip(),
        recorded_by=actor.user,
        recorded_at=timezone.now(),
    )
    record_event(
        actor=actor,
        subject=recorded,
        complaint_id=complaint.pk,
        action="complaint.root_cause_recorded",
        summary=f"Root cause recorded: {root_cause}",
        after={"root_cause": str(root_cause), "notes": recorded.notes},
    )
    return recorded


@transaction.atomic
def complaint_root_cause_remove(*, actor: Actor, complaint_root_cause: ComplaintRootCause) -> None:
    """Take a root cause off a complaint; the record keeps that it was there, and who removed it."""
    actor.require_any((HANDLE, MANAGE_LEARNING), "change the root causes of a complaint")
    complaint = complaint_root_cause.complaint
    complaint_require_visible(actor, complaint)
    record_event(
        actor=actor,
        subject=complaint_root_cause,
        complaint_id=complaint.pk,
        action="complaint.root_cause_removed",
        summary=f"Root cause removed: {complaint_root_cause.root_cause}",
        before={
            "root_cause": str(complaint_root_cause.root_cause),
            "notes": complaint_root_cause.notes,
        },
    )
    complaint_root_cause.delete()


# ---------------------------------------------------------------- service improvements (9.1-9.3)


@dataclass(frozen=True)
class ImprovementDetails:
    """What a service improvement is, who owns it and when it is due."""

    title: str
    description: str
    service_area: ServiceArea | None = None
    owner: User | None = None
    owner_description: str = ""
    due_on: datetime.date | None = None


IMPROVEMENT_FIELDS = [
    "title",
    "description",
    "service_area",
    "owner",
    "owner_description",
    "due_on",
]


def _improvement_check(actor: Actor, details: ImprovementDetails) -> ImprovementDetails:
    title = require_text(details.title, "Enter a title for the improvement.", field="title")
    description = require_text(
        details.description,
        "Say what will change, and why.",
        field="description",
        provision="9.1",
    )
    if details.service_area is not None and details.service_area.landlord_id != actor.landlord_pk:
        raise DomainError("Choose one of your service areas.", field="service_area")
    if details.owner is not None and (
        details.owner.landlord_id != actor.landlord_pk or not details.owner.is_active
    ):
        raise DomainError("Choose a member of your staff as the owner.", field="owner")
    owner_description = details.owner_description.strip()
    if details.owner is None and not owner_description:
        raise DomainError(
            "Say who owns the improvement: a member of staff, or a team or role.",
            field="owner",
            provision="9.3",
        )
    return ImprovementDetails(
        title=title,
        description=description,
        service_area=details.service_area,
        owner=details.owner,
        owner_description=owner_description,
        due_on=details.due_on,
    )


def _improvement_locked(improvement: ServiceImprovement, actor: Actor) -> ServiceImprovement:
    locked = (
        ServiceImprovement.objects.select_for_update()
        .filter(pk=improvement.pk, landlord_id=actor.landlord_pk)
        .first()
    )
    if locked is None:
        raise NotFoundError("That service improvement could not be found.")
    return locked


@transaction.atomic
def improvement_create(
    *,
    actor: Actor,
    details: ImprovementDetails,
    complaint_references: list[str] | None = None,
) -> ServiceImprovement:
    """A change to the service, its owner, and the complaints that prompted it (Code 9.1-9.3)."""
    actor.require(MANAGE_LEARNING, "record service improvements")
    checked = _improvement_check(actor, details)
    complaints = [
        _complaint_by_reference(actor, reference, field="complaint_references")
        for reference in complaint_references or []
        if reference.strip()
    ]
    improvement = ServiceImprovement.objects.create(
        landlord_id=actor.landlord_pk,
        title=checked.title,
        description=checked.description,
        service_area=checked.service_area,
        owner=checked.owner,
        owner_description=checked.owner_description,
        due_on=checked.due_on,
        created_by=actor.user,
        created_at=timezone.now(),
    )
    record_event(
        actor=actor,
        subject=improvement,
        action="improvement.created",
        summary=f"Service improvement recorded: {improvement.title}",
        after=changes(improvement, IMPROVEMENT_FIELDS),
    )
    for complaint in complaints:
        _link(actor, improvement, complaint)
    return improvement


def _change_and_record(
    actor: Actor,
    instance: Any,
    fields: list[str],
    values: Any,
    *,
    action: str,
    summary: str,
) -> None:
    """Set ``fields`` from ``values``, save, and record only what changed, before and after."""
    before = changes(instance, fields)
    for name in fields:
        setattr(instance, name, getattr(values, name))
    instance.save(update_fields=fields)
    after = changes(instance, fields)
    record_event(
        actor=actor,
        subject=instance,
        action=action,
        summary=summary,
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )


@transaction.atomic
def improvement_update(
    *, actor: Actor, improvement: ServiceImprovement, details: ImprovementDetails
) -> ServiceImprovement:
    """Change what an improvement is, who owns it or when it is due; the change is recorded."""
    actor.require(MANAGE_LEARNING, "change service improvements")
    improvement = _improvement_locked(improvement, actor)
    checked = _improvement_check(actor, details)
    _change_and_record(
        actor,
        improvement,
        IMPROVEMENT_FIELDS,
        checked,
        action="improvement.changed",
        summary=f"Service improvement changed: {checked.title}",
    )
    return improvement


@transaction.atomic
def improvement_set_status(
    *,
    actor: Actor,
    improvement: ServiceImprovement,
    status: str,
    completed_on: datetime.date | None = None,
    outcome: str = "",
) -> ServiceImprovement:
    """Move an improvement on. A completed one says what difference it made ("we did")."""
    actor.require(MANAGE_LEARNING, "change service improvements")
    improvement = _improvement_locked(improvement, actor)
    if status not in ServiceImprovement.Status.values:
        raise DomainError("Choose the status of the improvement.", field="status")
    outcome = outcome.strip()
    if status == ServiceImprovement.Status.COMPLETED:
        completed_on = completed_on or timezone.localdate()
        _not_in_future(
            completed_on, "The date it was completed cannot be in the future.", field="completed_on"
        )
        if completed_on < timezone.localtime(improvement.created_at).date():
            raise DomainError(
                "The improvement cannot be completed before it was recorded.",
                field="completed_on",
            )
        outcome = require_text(
            outcome,
            "Say what difference the change made: residents read this in the annual report.",
            field="outcome",
            provision="9.2",
        )
    elif status == ServiceImprovement.Status.NOT_TAKEN_FORWARD:
        completed_on = None
        outcome = require_text(
            outcome, "Say why the improvement is not being taken forward.", field="outcome"
        )
    else:
        completed_on = None
    fields = ["status", "completed_on", "outcome"]
    before = changes(improvement, fields)
    improvement.status = status
    improvement.completed_on = completed_on
    improvement.outcome = outcome or improvement.outcome
    improvement.save(update_fields=fields)
    record_event(
        actor=actor,
        subject=improvement,
        action="improvement.status_changed",
        summary=f"Service improvement {improvement.get_status_display().lower()}: "
        f"{improvement.title}",
        before=before,
        after=changes(improvement, fields),
    )
    return improvement


def _link(actor: Actor, improvement: ServiceImprovement, complaint: Complaint) -> None:
    if improvement.complaints.filter(pk=complaint.pk).exists():
        raise DomainError(
            f"Complaint {complaint.reference} is already linked to this improvement.",
            field="reference",
        )
    improvement.complaints.add(complaint)
    record_event(
        actor=actor,
        subject=improvement,
        complaint_id=complaint.pk,
        action="improvement.complaint_linked",
        summary=f"Linked to the service improvement “{improvement.title}”",
        after={"complaint": complaint.reference},
    )


@transaction.atomic
def improvement_link_complaint(
    *, actor: Actor, improvement: ServiceImprovement, reference: str
) -> Complaint:
    """Link a complaint that prompted the improvement (Code 9.1), by its reference."""
    actor.require(MANAGE_LEARNING, "link complaints to service improvements")
    improvement = _improvement_locked(improvement, actor)
    complaint = _complaint_by_reference(actor, reference, field="reference")
    _link(actor, improvement, complaint)
    return complaint


@transaction.atomic
def improvement_unlink_complaint(
    *, actor: Actor, improvement: ServiceImprovement, complaint: Complaint
) -> None:
    """Take a complaint off an improvement it was linked to by mistake; recorded on both."""
    actor.require(MANAGE_LEARNING, "link complaints to service improvements")
    improvement = _improvement_locked(improvement, actor)
    if not improvement.complaints.filter(pk=complaint.pk).exists():
        raise DomainError(f"Complaint {complaint.reference} is not linked to this improvement.")
    improvement.complaints.remove(complaint)
    record_event(
        actor=actor,
        subject=improvement,
        complaint_id=complaint.pk,
        action="improvement.complaint_unlinked",
        summary=f"No longer linked to the service improvement “{improvement.title}”",
        before={"complaint": complaint.reference},
    )


# ---------------------------------------------------------------- Ombudsman cases (9.7c)


def _case_locked(case: OmbudsmanCase, actor: Actor) -> OmbudsmanCase:
    locked = (
        OmbudsmanCase.objects.select_for_update()
        .filter(pk=case.pk, landlord_id=actor.landlord_pk)
        .first()
    )
    if locked is None:
        raise NotFoundError("That Ombudsman case could not be found.")
    return locked


def _case_event(actor: Actor, case: OmbudsmanCase, action: str, summary: str, **kw: Any) -> None:
    record_event(
        actor=actor,
        subject=case,
        complaint_id=case.complaint_id,
        action=action,
        summary=summary,
        **kw,
    )


@transaction.atomic
def ombudsman_case_create(
    *,
    actor: Actor,
    ombudsman_reference: str,
    referred_on: datetime.date | None,
    complaint_reference: str = "",
    summary: str = "",
) -> OmbudsmanCase:
    """A complaint the Housing Ombudsman has taken up, linked to ours when there is one."""
    actor.require(MANAGE_OMBUDSMAN, "record Ombudsman cases")
    reference = require_text(
        ombudsman_reference, "Enter the Ombudsman's reference.", field="ombudsman_reference"
    )
    if referred_on is None:
        raise DomainError("Enter the date the case was referred.", field="referred_on")
    _not_in_future(referred_on, "The referral date cannot be in the future.", field="referred_on")
    complaint = (
        _complaint_by_reference(actor, complaint_reference, field="complaint_reference")
        if complaint_reference.strip()
        else None
    )
    if OmbudsmanCase.objects.filter(
        landlord_id=actor.landlord_pk, ombudsman_reference=reference
    ).exists():
        raise DomainError(
            f"An Ombudsman case with the reference {reference} is already recorded.",
            field="ombudsman_reference",
        )
    case = OmbudsmanCase.objects.create(
        landlord_id=actor.landlord_pk,
        complaint=complaint,
        ombudsman_reference=reference,
        referred_on=referred_on,
        summary=summary.strip(),
        created_by=actor.user,
        created_at=timezone.now(),
    )
    _case_event(
        actor,
        case,
        "ombudsman_case.created",
        f"Referred to the Housing Ombudsman (case {reference})",
        after={"referred_on": referred_on, "complaint": complaint.reference if complaint else ""},
    )
    return case


@transaction.atomic
def ombudsman_case_update(
    *,
    actor: Actor,
    case: OmbudsmanCase,
    status: str,
    determination_on: datetime.date | None = None,
    summary: str = "",
) -> OmbudsmanCase:
    """Where the Ombudsman's case stands; a determination has a date (Code 9.7c)."""
    actor.require(MANAGE_OMBUDSMAN, "record Ombudsman cases")
    case = _case_locked(case, actor)
    if status not in OmbudsmanCase.Status.values:
        raise DomainError("Choose where the case stands.", field="status")
    if status == OmbudsmanCase.Status.DETERMINED:
        if determination_on is None:
            raise DomainError("Enter the date of the determination.", field="determination_on")
        _not_in_future(
            determination_on,
            "The date of the determination cannot be in the future.",
            field="determination_on",
        )
        if determination_on < case.referred_on:
            raise DomainError(
                "The determination cannot be dated before the referral.", field="determination_on"
            )
    elif determination_on is not None:
        raise DomainError(
            "Only a determined case has a date of determination.", field="determination_on"
        )
    fields = ["status", "determination_on", "summary"]
    before = changes(case, fields)
    case.status = status
    case.determination_on = determination_on
    case.summary = summary.strip()
    case.save(update_fields=fields)
    _case_event(
        actor,
        case,
        "ombudsman_case.changed",
        f"Ombudsman case {case.ombudsman_reference}: {case.get_status_display().lower()}",
        before=before,
        after=changes(case, fields),
    )
    return case


@transaction.atomic
def ombudsman_finding_add(
    *, actor: Actor, case: OmbudsmanCase, issue: str, finding: str
) -> OmbudsmanFinding:
    """The Ombudsman's finding on one issue of the case."""
    actor.require(MANAGE_OMBUDSMAN, "record the Ombudsman's findings")
    case = _case_locked(case, actor)
    issue = require_text(issue, "Enter the issue, as the Ombudsman named it.", field="issue")
    if finding not in OmbudsmanFinding.Finding.values:
        raise DomainError("Choose the Ombudsman's finding.", field="finding")
    recorded = OmbudsmanFinding.objects.create(case=case, issue=issue, finding=finding)
    _case_event(
        actor,
        case,
        "ombudsman_case.finding_recorded",
        f"Ombudsman finding on “{issue}”: {recorded.get_finding_display().lower()}",
        after={"issue": issue, "finding": finding},
    )
    return recorded


@transaction.atomic
def ombudsman_finding_remove(*, actor: Actor, finding: OmbudsmanFinding) -> None:
    """Take off a finding recorded by mistake; the record keeps it."""
    actor.require(MANAGE_OMBUDSMAN, "record the Ombudsman's findings")
    case = _case_locked(finding.case, actor)
    _case_event(
        actor,
        case,
        "ombudsman_case.finding_removed",
        f"Ombudsman finding on “{finding.issue}” removed",
        before={"issue": finding.issue, "finding": finding.finding},
    )
    finding.delete()


def _amount(value: Decimal | str | int | None) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        raise DomainError(
            "Enter the compensation as an amount in pounds, like 250.00.",
            field="compensation_amount",
        ) from None
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise DomainError(
            "Enter the compensation as an amount in pounds, like 250.00.",
            field="compensation_amount",
        )
    return amount


@transaction.atomic
def ombudsman_order_add(
    *,
    actor: Actor,
    case: OmbudsmanCase,
    kind: str,
    description: str,
    due_on: datetime.date | None,
    compensation_amount: Decimal | str | int | None = None,
) -> OmbudsmanOrder:
    """An order or recommendation, followed to compliance by its due date."""
    actor.require(MANAGE_OMBUDSMAN, "record the Ombudsman's orders")
    case = _case_locked(case, actor)
    if kind not in OmbudsmanOrder.Kind.values:
        raise DomainError("Choose whether it is an order or a recommendation.", field="kind")
    description = require_text(description, "Say what was ordered.", field="description")
    if kind == OmbudsmanOrder.Kind.ORDER and due_on is None:
        raise DomainError("Enter the date the order must be complied with by.", field="due_on")
    order = OmbudsmanOrder.objects.create(
        case=case,
        kind=kind,
        description=description,
        due_on=due_on,
        compensation_amount=_amount(compensation_amount),
    )
    _case_event(
        actor,
        case,
        "ombudsman_case.order_recorded",
        f"Ombudsman {order.get_kind_display().lower()}: {description[:120]}"
        + (f" (£{order.compensation_amount:,.2f})" if order.compensation_amount else "")
        + (f", due {due_on:%-d %B %Y}" if due_on else ""),
        after={"kind": kind, "due_on": due_on, "compensation_amount": order.compensation_amount},
    )
    return order


@transaction.atomic
def ombudsman_order_record_compliance(
    *,
    actor: Actor,
    order: OmbudsmanOrder,
    complied_on: datetime.date | None,
    evidence_sent_on: datetime.date | None = None,
) -> OmbudsmanOrder:
    """When the order was complied with, and when the Ombudsman was sent the evidence."""
    actor.require(MANAGE_OMBUDSMAN, "record compliance with the Ombudsman's orders")
    case = _case_locked(order.case, actor)
    order = OmbudsmanOrder.objects.select_for_update().get(pk=order.pk)
    if complied_on is None:
        raise DomainError("Enter the date the order was complied with.", field="complied_on")
    _not_in_future(
        complied_on, "The date complied with cannot be in the future.", field="complied_on"
    )
    _not_in_future(
        evidence_sent_on,
        "The date the evidence was sent cannot be in the future.",
        field="evidence_sent_on",
    )
    if evidence_sent_on is not None and evidence_sent_on < complied_on:
        raise DomainError(
            "Evidence of compliance cannot be sent before the order was complied with.",
            field="evidence_sent_on",
        )
    fields = ["complied_on", "evidence_sent_on"]
    before = changes(order, fields)
    order.complied_on = complied_on
    order.evidence_sent_on = evidence_sent_on
    order.save(update_fields=fields)
    late = order.due_on is not None and complied_on > order.due_on
    _case_event(
        actor,
        case,
        "ombudsman_case.order_complied",
        f"Ombudsman {order.get_kind_display().lower()} complied with on "
        f"{complied_on:%-d %B %Y}" + (" (after its due date)" if late else ""),
        before=before,
        after=changes(order, fields),
    )
    return order


# ---------------------------------------------------------------- publications (8.1e, 8.1f)


@dataclass(frozen=True)
class PublicationFile:
    name: str
    content: bytes


def _require_pdf(document: PublicationFile) -> None:
    """A PDF by what it contains, not by its name: the file must open as a PDF with pages."""
    if len(document.content) > PUBLICATION_MAX_BYTES:
        raise DomainError("The file must be smaller than 20 MB.", field="document")
    if not document.content.startswith(b"%PDF-"):
        raise DomainError("The file must be a PDF.", field="document")
    try:
        pages = len(PdfReader(io.BytesIO(document.content)).pages)
    except (PdfReadError, ValueError, KeyError, TypeError):
        pages = 0
    if pages == 0:
        raise DomainError("The file is not a PDF that can be opened.", field="document")


@transaction.atomic
def ombudsman_publication_add(
    *,
    actor: Actor,
    kind: str,
    title: str,
    published_on: datetime.date | None,
    summary: str = "",
    document: PublicationFile | None = None,
) -> OmbudsmanPublication:
    """The Ombudsman's annual letter or another report about the landlord (Code 8.1e, 8.1f)."""
    actor.require(MANAGE_OMBUDSMAN, "record the Ombudsman's publications")
    if kind not in OmbudsmanPublication.Kind.values:
        raise DomainError("Choose what kind of publication it is.", field="kind")
    title = require_text(title, "Enter the title of the publication.", field="title")
    if published_on is None:
        raise DomainError("Enter the date it was published.", field="published_on")
    _not_in_future(
        published_on, "The date published cannot be in the future.", field="published_on"
    )
    if document is not None:
        _require_pdf(document)
    publication = OmbudsmanPublication(
        landlord_id=actor.landlord_pk,
        kind=kind,
        title=title,
        published_on=published_on,
        summary=summary.strip(),
        created_at=timezone.now(),
    )
    if document is not None:
        digest = hashlib.sha256(document.content).hexdigest()[:12]
        stem = slugify(title)[:80] or "publication"
        publication.document.save(f"{stem}-{digest}.pdf", ContentFile(document.content), save=False)
    publication.save()
    record_event(
        actor=actor,
        subject=publication,
        action="ombudsman_publication.added",
        summary=f"{publication.get_kind_display()} recorded: {title}",
        after={"kind": kind, "published_on": published_on, "document": bool(document)},
    )
    return publication


# ---------------------------------------------------------------- Code non-compliance (8.1c)


@transaction.atomic
def code_non_compliance_record(
    *,
    actor: Actor,
    provision: str,
    source: str,
    found_on: datetime.date | None,
    description: str,
    action: str = "",
    ombudsman_case: OmbudsmanCase | None = None,
) -> CodeNonCompliance:
    """A finding that the landlord did not comply with a provision of the Code (8.1c)."""
    actor.require(MANAGE_OMBUDSMAN, "record findings of Code non-compliance")
    number = require_text(provision, "Enter the Code provision, like 6.2.", field="provision")
    try:
        provision_get(number)
    except UnknownProvisionError as error:
        raise DomainError(str(error), field="provision") from None
    if source not in CodeNonCompliance.Source.values:
        raise DomainError("Choose who found it.", field="source")
    if found_on is None:
        raise DomainError("Enter the date it was found.", field="found_on")
    _not_in_future(found_on, "The date found cannot be in the future.", field="found_on")
    description = require_text(description, "Say what was found.", field="description")
    if ombudsman_case is not None and ombudsman_case.landlord_id != actor.landlord_pk:
        raise NotFoundError("That Ombudsman case could not be found.")
    finding = CodeNonCompliance.objects.create(
        landlord_id=actor.landlord_pk,
        provision=number,
        source=source,
        found_on=found_on,
        description=description,
        action=action.strip(),
        ombudsman_case=ombudsman_case,
    )
    record_event(
        actor=actor,
        subject=finding,
        action="code_non_compliance.recorded",
        summary=f"Non-compliance with Code {number} recorded ({finding.get_source_display()})",
        after={"provision": number, "source": source, "found_on": found_on},
    )
    return finding


@transaction.atomic
def code_non_compliance_remedy(
    *, actor: Actor, finding: CodeNonCompliance, remedied_on: datetime.date | None, action: str
) -> CodeNonCompliance:
    """When, and by what, the landlord came back into compliance."""
    actor.require(MANAGE_OMBUDSMAN, "record findings of Code non-compliance")
    locked = (
        CodeNonCompliance.objects.select_for_update()
        .filter(pk=finding.pk, landlord_id=actor.landlord_pk)
        .first()
    )
    if locked is None:
        raise NotFoundError("That finding of non-compliance could not be found.")
    finding = locked
    if remedied_on is None:
        raise DomainError("Enter the date it was put right.", field="remedied_on")
    _not_in_future(remedied_on, "The date put right cannot be in the future.", field="remedied_on")
    if remedied_on < finding.found_on:
        raise DomainError("It cannot be put right before it was found.", field="remedied_on")
    action = require_text(action or finding.action, "Say what was done.", field="action")
    fields = ["remedied_on", "action"]
    before = changes(finding, fields)
    finding.remedied_on = remedied_on
    finding.action = action
    finding.save(update_fields=fields)
    record_event(
        actor=actor,
        subject=finding,
        action="code_non_compliance.remedied",
        summary=f"Non-compliance with Code {finding.provision} put right",
        before=before,
        after=changes(finding, fields),
    )
    return finding


# ---------------------------------------------------------------- exceptional circumstances (8.5)


@dataclass(frozen=True)
class CircumstanceDates:
    """What Code 8.5 asks to be done about exceptional circumstances, and when it was."""

    ends_on: datetime.date | None = None
    ombudsman_informed_on: datetime.date | None = None
    residents_informed_on: datetime.date | None = None
    published_on: datetime.date | None = None
    compliant_again_by: datetime.date | None = None


CIRCUMSTANCE_DATES = [
    "ends_on",
    "ombudsman_informed_on",
    "residents_informed_on",
    "published_on",
    "compliant_again_by",
]


@transaction.atomic
def exceptional_circumstance_record(
    *,
    actor: Actor,
    starts_on: datetime.date | None,
    description: str,
    provisions_affected: str = "",
    dates: CircumstanceDates | None = None,
) -> ExceptionalCircumstance:
    """Circumstances that stop the landlord meeting the Code (8.5): the Ombudsman and residents
    must be told, a notice published, and a date given for complying again."""
    actor.require(MANAGE_OMBUDSMAN, "record exceptional circumstances")
    if starts_on is None:
        raise DomainError("Enter the date the circumstances began.", field="starts_on")
    description = require_text(
        description,
        "Describe the circumstances and how they affect complaint handling.",
        field="description",
        provision="8.5",
    )
    dates = dates or CircumstanceDates()
    _check_circumstance_dates(starts_on, dates)
    circumstance = ExceptionalCircumstance.objects.create(
        landlord_id=actor.landlord_pk,
        starts_on=starts_on,
        description=description,
        provisions_affected=provisions_affected.strip(),
        created_at=timezone.now(),
        **{name: getattr(dates, name) for name in CIRCUMSTANCE_DATES},
    )
    record_event(
        actor=actor,
        subject=circumstance,
        action="exceptional_circumstance.recorded",
        summary=f"Exceptional circumstances from {starts_on:%-d %B %Y} recorded",
        after=changes(circumstance, ["starts_on", *CIRCUMSTANCE_DATES]),
    )
    return circumstance


@transaction.atomic
def exceptional_circumstance_update(
    *, actor: Actor, circumstance: ExceptionalCircumstance, dates: CircumstanceDates
) -> ExceptionalCircumstance:
    """When the circumstances ended, when the Ombudsman and residents were told, when the notice
    was published and when the landlord expects to comply again."""
    actor.require(MANAGE_OMBUDSMAN, "record exceptional circumstances")
    locked = (
        ExceptionalCircumstance.objects.select_for_update()
        .filter(pk=circumstance.pk, landlord_id=actor.landlord_pk)
        .first()
    )
    if locked is None:
        raise NotFoundError("Those exceptional circumstances could not be found.")
    circumstance = locked
    _check_circumstance_dates(circumstance.starts_on, dates)
    _change_and_record(
        actor,
        circumstance,
        CIRCUMSTANCE_DATES,
        dates,
        action="exceptional_circumstance.changed",
        summary=f"Exceptional circumstances from {circumstance.starts_on:%-d %B %Y} changed",
    )
    return circumstance


def _check_circumstance_dates(starts_on: datetime.date, dates: CircumstanceDates) -> None:
    if dates.ends_on is not None and dates.ends_on < starts_on:
        raise DomainError("The circumstances cannot end before they began.", field="ends_on")
    if dates.compliant_again_by is not None and dates.compliant_again_by < starts_on:
        raise DomainError(
            "The date for complying again cannot be before the circumstances began.",
            field="compliant_again_by",
        )
    for name, who in (
        ("ombudsman_informed_on", "the Ombudsman was told"),
        ("residents_informed_on", "residents were told"),
        ("published_on", "the notice was published"),
    ):
        _not_in_future(getattr(dates, name), f"The date {who} cannot be in the future.", field=name)


# ---------------------------------------------------------------- satisfaction


class SurveyNotSent(DomainError):
    """A survey refused for a reason a batch counts: ``reason`` names it without the complaint."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def satisfaction_stage(complaint: Complaint) -> int | None:
    """The stage a survey asks about: the last one answered, once the complaint has its final
    response or is closed; None when there is nothing to ask about yet."""
    if complaint.status not in (Complaint.Status.CLOSED, Complaint.Status.STAGE2_RESPONDED):
        return None
    numbers = [stage.number for stage in complaint.stages.all() if stage.responded_at is not None]
    return max(numbers) if numbers else None


def satisfaction_token(invitation: SatisfactionInvitation) -> str:
    """The signed part of the survey link: it names the invitation and nothing else."""
    return signing.dumps({"invitation": invitation.pk}, salt=SURVEY_SALT, compress=True)


@transaction.atomic
def satisfaction_invite(
    *,
    actor: Actor,
    complaint: Complaint,
    site_url: str,
    connection: BaseEmailBackend | None = None,
) -> SatisfactionInvitation:
    """Email the resident a link to a short survey on how their complaint was handled.

    Once per complaint and stage, after the final response or closure. The email goes inside
    this transaction: if the mail server refuses it, no invitation is recorded, so the batch
    can be run again. A batch passes one mail ``connection`` for all its emails.
    """
    actor.require_any(("complaints.triage_complaint", MANAGE_LEARNING), "send satisfaction surveys")
    complaint_require_visible(actor, complaint)
    complaint = (
        # Only the complaint's row: the resident is on the nullable side of a join.
        Complaint.objects.select_for_update(of=("self",))
        .select_related("resident", "landlord")
        .get(pk=complaint.pk)
    )
    stage_number = satisfaction_stage(complaint)
    if stage_number is None:
        raise SurveyNotSent(
            f"Complaint {complaint.reference} has no final response or closure to ask about yet.",
            reason="nothing to ask about yet",
        )
    resident = complaint.resident
    if complaint.is_anonymous or resident is None or not resident.email:
        raise SurveyNotSent(
            f"Complaint {complaint.reference} has no email address to send the survey to.",
            reason="no email address",
        )
    if SatisfactionInvitation.objects.filter(
        complaint=complaint, stage_number=stage_number
    ).exists():
        raise SurveyNotSent(
            f"The resident of {complaint.reference} has already been asked about stage "
            f"{stage_number}.",
            reason="already asked",
        )
    # The complaint's row lock above makes this check and the insert one step.
    invitation = SatisfactionInvitation.objects.create(
        complaint=complaint, stage_number=stage_number, sent_at=timezone.now()
    )
    link = site_url.rstrip("/") + reverse(
        "portal:survey", kwargs={"token": satisfaction_token(invitation)}
    )
    context = {
        "landlord": complaint.landlord,
        "name": resident.name,
        "reference": complaint.reference,
        "stage_number": stage_number,
        "link": link,
        "link_days": SURVEY_LINK_DAYS,
    }
    message = EmailMultiAlternatives(
        subject=f"How did we handle your complaint {complaint.reference}?",
        body=render_to_string("learning/email/satisfaction_invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[resident.email],
        connection=connection,
    )
    message.attach_alternative(
        render_to_string("learning/email/satisfaction_invitation.html", context), "text/html"
    )
    record_event(
        actor=actor,
        subject=invitation,
        complaint_id=complaint.pk,
        action="complaint.satisfaction_invited",
        summary=f"Satisfaction survey about stage {stage_number} sent by email",
        after={"stage_number": stage_number},
        visible_to_resident=True,
    )
    message.send()
    return invitation


@transaction.atomic
def satisfaction_respond(
    *,
    token: str,
    handling: int | None,
    outcome: int | None = None,
    comments: str = "",
) -> SatisfactionResponse:
    """Record a resident's answer to the survey. One answer per invitation."""
    invitation = satisfaction_invitation_for_token(token=token)
    invitation = SatisfactionInvitation.objects.select_for_update().get(pk=invitation.pk)
    ratings = SatisfactionResponse.Rating.values
    if handling not in ratings:
        raise DomainError(
            "Select how satisfied you are with the way your complaint was handled.",
            field="handling",
        )
    if outcome is not None and outcome not in ratings:
        raise DomainError("Select how satisfied you are with the outcome.", field="outcome")
    if SatisfactionResponse.objects.filter(invitation=invitation).exists():
        raise DomainError("You have already answered this survey. Thank you.")
    response = SatisfactionResponse.objects.create(
        invitation=invitation,
        handling=handling,
        outcome=outcome,
        comments=comments.strip()[:5000],
        answered_at=timezone.now(),
    )
    complaint = invitation.complaint
    record_event(
        actor=Actor.resident(complaint.landlord_id),
        subject=response,
        complaint_id=complaint.pk,
        action="complaint.satisfaction_answered",
        summary=f"Satisfaction survey answered: {response.get_handling_display().lower()} "
        "with how the complaint was handled",
        after={"handling": handling, "outcome": outcome},
        visible_to_resident=True,
    )
    return response
