"""Reads of learning and Ombudsman records for staff pages, each list in a fixed number of queries.

Who may read: those who manage learning or Ombudsman cases, and the governing body
(``complaints.view_reports``), who read improvements, Ombudsman cases and findings but no
personal data: pages show complaint references and case summaries only to staff who may see
complaints (``personal_data_visible``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core import signing
from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from putright.complaints.models import Complaint
from putright.core.actors import Actor
from putright.core.errors import NotFoundError
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

MANAGE_LEARNING = "learning.manage_learning"
MANAGE_OMBUDSMAN = "learning.manage_ombudsman_cases"
VIEW_REPORTS = "complaints.view_reports"
READERS = (MANAGE_LEARNING, MANAGE_OMBUDSMAN, VIEW_REPORTS)
SEES_COMPLAINTS = ("complaints.view_all_complaints", "complaints.handle_complaint")

# The survey link is signed with this salt and works for this long after it is sent.
SURVEY_SALT = "putright.learning.satisfaction"
SURVEY_LINK_DAYS = 60


def personal_data_visible(actor: Actor) -> bool:
    """Whether pages may show complaint references and case summaries to this actor."""
    return any(actor.can(p) for p in SEES_COMPLAINTS)


def _require_reader(actor: Actor) -> None:
    actor.require_any(READERS, "see learning and Ombudsman records")


# ---------------------------------------------------------------- root causes


def root_cause_choices(*, landlord_id: int) -> list[RootCause]:
    """The landlord's root causes in use, each cause followed by its sub-causes."""
    causes = list(
        RootCause.objects.filter(landlord_id=landlord_id, active=True).select_related("parent")
    )
    top = sorted((c for c in causes if c.parent_id is None), key=lambda c: c.name.lower())
    ordered: list[RootCause] = []
    for cause in top:
        ordered.append(cause)
        ordered.extend(
            sorted((c for c in causes if c.parent_id == cause.pk), key=lambda c: c.name.lower())
        )
    # Sub-causes whose parent is no longer in use still count.
    ordered.extend(c for c in causes if c not in ordered)
    return ordered


def complaint_root_causes(*, complaint: Complaint) -> list[ComplaintRootCause]:
    return list(
        ComplaintRootCause.objects.filter(complaint=complaint)
        .select_related("root_cause", "root_cause__parent", "recorded_by")
        .order_by("recorded_at", "id")
    )


def complaint_root_cause_get(*, complaint: Complaint, recorded_id: int) -> ComplaintRootCause:
    found = (
        ComplaintRootCause.objects.filter(complaint=complaint, pk=recorded_id)
        .select_related("root_cause", "root_cause__parent", "complaint")
        .first()
    )
    if found is None:
        raise NotFoundError(f"That root cause is not recorded on {complaint.reference}.")
    return found


# ---------------------------------------------------------------- service improvements


def complaint_improvements(*, complaint: Complaint) -> list[ServiceImprovement]:
    """The improvements a complaint prompted."""
    return list(complaint.service_improvements.select_related("owner").order_by("-created_at"))


@dataclass(frozen=True)
class ImprovementFilters:
    status: str = ""
    service_area_id: int | None = None
    overdue: bool = False


def improvement_list(
    *, actor: Actor, filters: ImprovementFilters | None = None
) -> QuerySet[ServiceImprovement]:
    """The landlord's service improvements, newest first, each with its number of complaints."""
    _require_reader(actor)
    filters = filters or ImprovementFilters()
    improvements = ServiceImprovement.objects.filter(landlord_id=actor.landlord_pk)
    if filters.status:
        improvements = improvements.filter(status=filters.status)
    if filters.service_area_id:
        improvements = improvements.filter(service_area_id=filters.service_area_id)
    if filters.overdue:
        improvements = improvements.filter(
            due_on__lt=timezone.localdate(),
            status__in=(
                ServiceImprovement.Status.PROPOSED,
                ServiceImprovement.Status.IN_PROGRESS,
            ),
        )
    return (
        improvements.select_related("owner", "service_area")
        .annotate(complaint_count=Count("complaints", distinct=True))
        .order_by("-created_at", "-id")
    )


def improvement_you_said_we_did(
    *,
    actor: Actor,
    completed_from: datetime.date | None = None,
    completed_to: datetime.date | None = None,
) -> QuerySet[ServiceImprovement]:
    """Completed improvements, newest first: what residents said and what the landlord did
    (Code 9.2, 9.3), as a governing body reads it."""
    _require_reader(actor)
    improvements = ServiceImprovement.objects.filter(
        landlord_id=actor.landlord_pk, status=ServiceImprovement.Status.COMPLETED
    )
    if completed_from:
        improvements = improvements.filter(completed_on__gte=completed_from)
    if completed_to:
        improvements = improvements.filter(completed_on__lte=completed_to)
    return (
        improvements.select_related("service_area")
        .annotate(complaint_count=Count("complaints", distinct=True))
        .order_by("-completed_on", "-id")
    )


def improvement_get(*, actor: Actor, improvement_id: int) -> ServiceImprovement:
    _require_reader(actor)
    improvement = (
        ServiceImprovement.objects.filter(landlord_id=actor.landlord_pk, pk=improvement_id)
        .select_related("owner", "service_area", "created_by")
        .first()
    )
    if improvement is None:
        raise NotFoundError("That service improvement could not be found.")
    return improvement


def improvement_complaints(*, improvement: ServiceImprovement) -> list[Complaint]:
    """The complaints linked to an improvement, newest first (references and categories only)."""
    return list(
        improvement.complaints.select_related("category", "category__parent").order_by(
            "-received_at", "-id"
        )
    )


# ---------------------------------------------------------------- Ombudsman cases


def _overdue_orders() -> Q:
    return Q(
        orders__complied_on__isnull=True,
        orders__due_on__isnull=False,
        orders__due_on__lt=timezone.localdate(),
    )


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    overdue_orders: bool = False


def ombudsman_case_list(
    *, actor: Actor, filters: CaseFilters | None = None
) -> QuerySet[OmbudsmanCase]:
    """Ombudsman cases, most recently referred first, each with its compensation ordered and
    its orders not yet complied with (overdue ones counted apart)."""
    _require_reader(actor)
    filters = filters or CaseFilters()
    cases = OmbudsmanCase.objects.filter(landlord_id=actor.landlord_pk)
    if filters.status:
        cases = cases.filter(status=filters.status)
    cases = cases.annotate(
        compensation_ordered=Coalesce(
            Sum("orders__compensation_amount"),
            Value(Decimal("0")),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        ),
        open_orders=Count("orders", filter=Q(orders__complied_on__isnull=True)),
        overdue_orders=Count("orders", filter=_overdue_orders()),
    )
    if filters.overdue_orders:
        cases = cases.filter(overdue_orders__gt=0)
    return (
        cases.select_related("complaint")
        .prefetch_related(Prefetch("findings", queryset=OmbudsmanFinding.objects.order_by("id")))
        .order_by("-referred_on", "-id")
    )


def ombudsman_case_get(*, actor: Actor, case_id: int) -> OmbudsmanCase:
    _require_reader(actor)
    case = (
        OmbudsmanCase.objects.filter(landlord_id=actor.landlord_pk, pk=case_id)
        .select_related("complaint", "created_by")
        .prefetch_related(
            Prefetch("findings", queryset=OmbudsmanFinding.objects.order_by("id")),
            Prefetch("orders", queryset=OmbudsmanOrder.objects.order_by("due_on", "id")),
        )
        .first()
    )
    if case is None:
        raise NotFoundError("That Ombudsman case could not be found.")
    return case


def ombudsman_order_get(*, case: OmbudsmanCase, order_id: int) -> OmbudsmanOrder:
    order = OmbudsmanOrder.objects.filter(case=case, pk=order_id).select_related("case").first()
    if order is None:
        raise NotFoundError("That order is not on this Ombudsman case.")
    return order


def ombudsman_finding_get(*, case: OmbudsmanCase, finding_id: int) -> OmbudsmanFinding:
    finding = (
        OmbudsmanFinding.objects.filter(case=case, pk=finding_id).select_related("case").first()
    )
    if finding is None:
        raise NotFoundError("That finding is not on this Ombudsman case.")
    return finding


def ombudsman_order_list_overdue(*, actor: Actor) -> list[OmbudsmanOrder]:
    """Orders and recommendations past their due date and not complied with, oldest first."""
    _require_reader(actor)
    return list(
        OmbudsmanOrder.objects.filter(
            case__landlord_id=actor.landlord_pk,
            complied_on__isnull=True,
            due_on__lt=timezone.localdate(),
        )
        .select_related("case")
        .order_by("due_on", "id")
    )


def order_is_overdue(order: OmbudsmanOrder, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return order.complied_on is None and order.due_on is not None and order.due_on < today


# ---------------------------------------------------------------- publications and compliance


def ombudsman_publication_list(*, actor: Actor) -> list[OmbudsmanPublication]:
    _require_reader(actor)
    return list(
        OmbudsmanPublication.objects.filter(landlord_id=actor.landlord_pk).order_by(
            "-published_on", "-id"
        )
    )


def ombudsman_publication_get(*, actor: Actor, publication_id: int) -> OmbudsmanPublication:
    _require_reader(actor)
    publication = OmbudsmanPublication.objects.filter(
        landlord_id=actor.landlord_pk, pk=publication_id
    ).first()
    if publication is None:
        raise NotFoundError("That publication could not be found.")
    return publication


def code_non_compliance_list(*, actor: Actor) -> list[CodeNonCompliance]:
    _require_reader(actor)
    return list(
        CodeNonCompliance.objects.filter(landlord_id=actor.landlord_pk)
        .select_related("ombudsman_case")
        .order_by("-found_on", "-id")
    )


def code_non_compliance_get(*, actor: Actor, finding_id: int) -> CodeNonCompliance:
    _require_reader(actor)
    finding = CodeNonCompliance.objects.filter(landlord_id=actor.landlord_pk, pk=finding_id).first()
    if finding is None:
        raise NotFoundError("That finding of non-compliance could not be found.")
    return finding


def exceptional_circumstance_list(*, actor: Actor) -> list[ExceptionalCircumstance]:
    _require_reader(actor)
    return list(
        ExceptionalCircumstance.objects.filter(landlord_id=actor.landlord_pk).order_by(
            "-starts_on", "-id"
        )
    )


def exceptional_circumstance_get(*, actor: Actor, circumstance_id: int) -> ExceptionalCircumstance:
    _require_reader(actor)
    circumstance = ExceptionalCircumstance.objects.filter(
        landlord_id=actor.landlord_pk, pk=circumstance_id
    ).first()
    if circumstance is None:
        raise NotFoundError("Those exceptional circumstances could not be found.")
    return circumstance


# ---------------------------------------------------------------- satisfaction


def satisfaction_invitation_for_token(*, token: str) -> SatisfactionInvitation:
    """The invitation a survey link names; a link that was altered or has expired names none."""
    try:
        payload = signing.loads(
            token, salt=SURVEY_SALT, max_age=datetime.timedelta(days=SURVEY_LINK_DAYS)
        )
    except signing.BadSignature:
        raise NotFoundError("This survey link has expired or is not complete.") from None
    invitation = (
        SatisfactionInvitation.objects.filter(pk=payload.get("invitation"))
        .select_related("complaint", "complaint__landlord")
        .first()
    )
    if invitation is None:
        raise NotFoundError("This survey link has expired or is not complete.")
    return invitation


def satisfaction_invitation_answered(invitation: SatisfactionInvitation) -> bool:
    return SatisfactionResponse.objects.filter(invitation=invitation).exists()


def satisfaction_invitations_for(*, complaint: Complaint) -> list[SatisfactionInvitation]:
    """The surveys sent about a complaint, oldest first, each with its answer if given."""
    return list(
        SatisfactionInvitation.objects.filter(complaint=complaint)
        .select_related("response")
        .order_by("sent_at", "id")
    )


def satisfaction_complaints_to_invite(
    *, closed_since: datetime.date, landlord_id: int | None = None
) -> QuerySet[Complaint]:
    """Complaints closed, or given their final response, on or after ``closed_since``, oldest
    first. Those already asked about their last stage are refused by ``satisfaction_invite``."""
    start = timezone.make_aware(datetime.datetime.combine(closed_since, datetime.time.min))
    complaints = Complaint.objects.filter(
        Q(status=Complaint.Status.CLOSED, closed_at__gte=start)
        | Q(
            status=Complaint.Status.STAGE2_RESPONDED,
            stages__number=2,
            stages__responded_at__gte=start,
        )
    )
    if landlord_id is not None:
        complaints = complaints.filter(landlord_id=landlord_id)
    return (
        complaints.distinct()
        .select_related("resident", "landlord")
        .prefetch_related("stages")
        .order_by("pk")
    )
