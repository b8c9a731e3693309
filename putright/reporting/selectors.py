"""The queries behind the report figures, and the drill-down from a figure to its complaints.

Every figure is counted by an aggregate query (``COUNT``/``SUM`` with ``GROUP BY``): the number
of queries does not grow with the number of complaints. Timeliness needs working-day
arithmetic, which the database cannot do with the landlord's calendar, so those queries group
stages by their dates (a few hundred distinct dates a year, however many complaints) and the
Code's timescales are applied to each group here (``response_timeliness``).

A figure's ``key`` (e.g. ``outcome.stage1.upheld``) names both its count and the filter that
finds the complaints behind it (``complaint_ids_for_figure``), so a drill-down list always
matches the count it came from.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Trim, TruncDate
from django.utils import timezone

from putright.complaints.models import Complaint, Extension, Refusal, Stage
from putright.core.errors import NotFoundError
from putright.landlords.models import Entity, Landlord, ServiceArea
from putright.landlords.timescales import CODE_TIMESCALES_BY_FIELD
from putright.learning.models import (
    ComplaintRootCause,
    OmbudsmanCase,
    OmbudsmanFinding,
    OmbudsmanOrder,
    SatisfactionInvitation,
    SatisfactionResponse,
)
from putright.remedies.models import OutstandingAction, Remedy
from putright.workdays.rules import LONDON, WorkingCalendar
from putright.workdays.selectors import calendar_for_landlord

STAGES = (1, 2)

# The heads of a financial remedy, as the Ombudsman's remedies guidance splits compensation.
COMPENSATION_HEADS: tuple[tuple[str, str], ...] = (
    ("amount_time_and_trouble", "Time and trouble"),
    ("amount_distress_and_inconvenience", "Distress and inconvenience"),
    ("amount_quantifiable_loss", "Quantifiable loss"),
    ("amount_statutory", "Statutory compensation"),
)

# Reasons for escalation are free text (Code 6.12: none may be required), so only the most
# common are listed one by one, and only words several residents used alike: one resident's
# own account stays out of figures the governing body reads and the landlord publishes.
ESCALATION_REASONS_SHOWN = 10
ESCALATION_REASON_SHARED_BY = 2

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ReportScope:
    """Whose complaints and which days a report covers (both period ends included)."""

    landlord_id: int
    period_from: datetime.date
    period_to: datetime.date
    entity_id: int | None = None
    service_area_id: int | None = None

    @property
    def starts_at(self) -> datetime.datetime:
        """Midnight in London at the start of the first day."""
        return datetime.datetime.combine(self.period_from, datetime.time(), tzinfo=LONDON)

    @property
    def ends_before(self) -> datetime.datetime:
        """Midnight in London after the last day."""
        following = self.period_to + datetime.timedelta(days=1)
        return datetime.datetime.combine(following, datetime.time(), tzinfo=LONDON)

    def previous(self) -> ReportScope:
        """The period just before this one, for trends: as many whole months before when the
        period is whole months (a quarter, a financial year, leap years or not), otherwise as
        many days before."""
        after_end = self.period_to + datetime.timedelta(days=1)
        if self.period_from.day == 1 and after_end.day == 1:
            months = (after_end.year - self.period_from.year) * 12 + (
                after_end.month - self.period_from.month
            )
            previous_from = _months_before(self.period_from, months)
        else:
            previous_from = self.period_from - (after_end - self.period_from)
        return ReportScope(
            landlord_id=self.landlord_id,
            period_from=previous_from,
            period_to=self.period_from - datetime.timedelta(days=1),
            entity_id=self.entity_id,
            service_area_id=self.service_area_id,
        )

    def complaint_filter(self, prefix: str = "") -> Q:
        """The landlord, entity and service area, as a filter on a complaint (not the period)."""
        q = Q(**{f"{prefix}landlord_id": self.landlord_id})
        if self.entity_id is not None:
            q &= Q(**{f"{prefix}entity_id": self.entity_id})
        if self.service_area_id is not None:
            q &= Q(**{f"{prefix}service_area_id": self.service_area_id})
        return q

    def in_period(self, field: str) -> Q:
        """``field`` (a date) falls on a day of the period."""
        return Q(**{f"{field}__gte": self.period_from, f"{field}__lte": self.period_to})

    def at_in_period(self, field: str) -> Q:
        """``field`` (a datetime) falls within the period's days in London."""
        return Q(**{f"{field}__gte": self.starts_at, f"{field}__lt": self.ends_before})


def _months_before(first_of_month: datetime.date, months: int) -> datetime.date:
    index = first_of_month.year * 12 + first_of_month.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


# ---------------------------------------------------------------- the Code's timescales


@dataclass(frozen=True)
class StageTimescales:
    """The Code's timescales for one stage, in working days."""

    acknowledgement: int
    response: int
    extension_maximum: int


def code_timescales(stage: int) -> StageTimescales:
    """Code 6.2-6.4 (stage 1: 5, 10, +10) and 6.11, 6.14, 6.15 (stage 2: 5, 20, +20)."""
    prefix = f"stage{stage}_"
    return StageTimescales(
        acknowledgement=CODE_TIMESCALES_BY_FIELD[f"{prefix}acknowledgement_days"].code_maximum,
        response=CODE_TIMESCALES_BY_FIELD[f"{prefix}response_days"].code_maximum,
        extension_maximum=CODE_TIMESCALES_BY_FIELD[f"{prefix}extension_max_days"].code_maximum,
    )


def acknowledged_on_time(
    *,
    calendar: WorkingCalendar,
    stage: int,
    requested_on: datetime.date,
    acknowledged_on: datetime.date,
) -> bool:
    """Code 6.2, 6.11: acknowledged within 5 working days of the day it counts as received."""
    limit = calendar.add_working_days(requested_on, code_timescales(stage).acknowledgement)
    return acknowledged_on <= limit


def response_timeliness(
    *,
    calendar: WorkingCalendar,
    stage: int,
    requested_on: datetime.date,
    acknowledged_on: datetime.date | None,
    responded_on: datetime.date,
    extension_days: int,
) -> str:
    """``"on_time"``, ``"within_extension"`` or ``"late"`` against the Code's timescales.

    The response is due a number of working days after acknowledgement (Code 6.3: 10 at
    stage 1; 6.14: 20 at stage 2). An extension counts only as far as the Code allows it
    (6.4: 10 more working days at stage 1; 6.15: 20 at stage 2): a longer one, even with a
    good reason recorded, does not make a later response timely. A stage never acknowledged
    (only possible in imported history) is measured from the last day the Code allowed for
    its acknowledgement.
    """
    timescales = code_timescales(stage)
    start = acknowledged_on or calendar.add_working_days(requested_on, timescales.acknowledgement)
    if responded_on <= calendar.add_working_days(start, timescales.response):
        return "on_time"
    allowed = min(extension_days, timescales.extension_maximum)
    if allowed and responded_on <= calendar.add_working_days(start, timescales.response + allowed):
        return "within_extension"
    return "late"


# ---------------------------------------------------------------- building blocks


def scoped_complaints(scope: ReportScope) -> QuerySet[Complaint]:
    return Complaint.objects.filter(scope.complaint_filter())


def scoped_stages(scope: ReportScope) -> QuerySet[Stage]:
    return Stage.objects.filter(scope.complaint_filter("complaint__"))


def _extension_days() -> Coalesce:
    total = (
        Extension.objects.filter(stage=OuterRef("pk"))
        .order_by()
        .values("stage")
        .annotate(days=Sum("working_days"))
        .values("days")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def _local_date(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=LONDON)


def _responded_stages(scope: ReportScope, stage: int) -> QuerySet[Stage]:
    return scoped_stages(scope).filter(scope.at_in_period("responded_at"), number=stage)


def _acknowledged_stages(scope: ReportScope, stage: int) -> QuerySet[Stage]:
    return scoped_stages(scope).filter(scope.at_in_period("acknowledged_at"), number=stage)


def _compensation_total() -> Any:
    return sum((F(field) for field, _ in COMPENSATION_HEADS[1:]), F(COMPENSATION_HEADS[0][0]))


def _offered_compensation(scope: ReportScope) -> QuerySet[Remedy]:
    """Financial remedies offered in the period and not declined."""
    return (
        Remedy.objects.filter(scope.complaint_filter("complaint__"), scope.in_period("offered_on"))
        .exclude(status=Remedy.Status.DECLINED)
        .alias(compensation=_compensation_total())
        .filter(compensation__gt=0)
    )


def _paid_compensation(scope: ReportScope) -> QuerySet[Remedy]:
    return (
        Remedy.objects.filter(scope.complaint_filter("complaint__"), scope.in_period("paid_on"))
        .alias(compensation=_compensation_total())
        .filter(compensation__gt=0)
    )


def _ombudsman_cases(scope: ReportScope) -> QuerySet[OmbudsmanCase]:
    """The landlord's Ombudsman cases; for an entity or service area, those about its
    complaints (a case recorded without its complaint cannot be placed, so is left out)."""
    cases = OmbudsmanCase.objects.filter(landlord_id=scope.landlord_id)
    if scope.entity_id is not None or scope.service_area_id is not None:
        cases = cases.filter(scope.complaint_filter("complaint__"))
    return cases


def _orders(scope: ReportScope) -> QuerySet[OmbudsmanOrder]:
    return OmbudsmanOrder.objects.filter(
        case__in=_ombudsman_cases(scope), kind=OmbudsmanOrder.Kind.ORDER
    )


def _actions(scope: ReportScope) -> QuerySet[OutstandingAction]:
    return OutstandingAction.objects.filter(scope.complaint_filter("complaint__"))


def _invitations(scope: ReportScope) -> QuerySet[SatisfactionInvitation]:
    return SatisfactionInvitation.objects.filter(
        scope.complaint_filter("complaint__"), scope.at_in_period("sent_at")
    )


def _overdue_stage_filter(today: datetime.date) -> Q:
    """An open stage past its deadline: not acknowledged by its acknowledgement date, or not
    answered by its response date (extensions included)."""
    awaiting = Q(
        complaint__status__in=(
            Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT,
            Complaint.Status.STAGE2_AWAITING_ACKNOWLEDGEMENT,
        ),
        acknowledged_at__isnull=True,
        acknowledgement_due__lt=today,
    )
    investigating = Q(
        complaint__status__in=(
            Complaint.Status.STAGE1_INVESTIGATING,
            Complaint.Status.STAGE2_INVESTIGATING,
        ),
        responded_at__isnull=True,
        response_due__lt=today,
    )
    return awaiting | investigating


def _open_stage_filter() -> Q:
    """The stage a complaint is open at: the highest-numbered one while the complaint is open."""
    return Q(
        complaint__status__in=(
            Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT,
            Complaint.Status.STAGE1_INVESTIGATING,
        ),
        number=1,
    ) | Q(
        complaint__status__in=(
            Complaint.Status.STAGE2_AWAITING_ACKNOWLEDGEMENT,
            Complaint.Status.STAGE2_INVESTIGATING,
        ),
        number=2,
    )


# ---------------------------------------------------------------- aggregate reads


@dataclass(frozen=True)
class TimelinessCounts:
    acknowledged: int
    acknowledged_on_time: int
    responded: int
    responded_on_time: int
    responded_within_extension: int
    extended: int


def homes_for(scope: ReportScope) -> int:
    """Homes owned: the entity's, or all the landlord's entities' together."""
    entities = Entity.objects.filter(landlord_id=scope.landlord_id)
    if scope.entity_id is not None:
        entities = entities.filter(pk=scope.entity_id)
    return int(entities.aggregate(homes=Coalesce(Sum("homes_owned"), 0))["homes"])


def names_for(scope: ReportScope) -> tuple[str, str, str]:
    """The landlord's, entity's and service area's names (blank when not chosen)."""
    landlord = Landlord.objects.only("name").get(pk=scope.landlord_id)
    entity = (
        Entity.objects.filter(pk=scope.entity_id, landlord_id=scope.landlord_id)
        .values_list("name", flat=True)
        .first()
        if scope.entity_id is not None
        else None
    )
    area = (
        ServiceArea.objects.filter(pk=scope.service_area_id, landlord_id=scope.landlord_id)
        .values_list("name", flat=True)
        .first()
        if scope.service_area_id is not None
        else None
    )
    if scope.entity_id is not None and entity is None:
        raise NotFoundError("That entity could not be found.")
    if scope.service_area_id is not None and area is None:
        raise NotFoundError("That service area could not be found.")
    return landlord.name, entity or "", area or ""


def complaint_counts(scope: ReportScope) -> dict[str, int]:
    """Stage 1 received and withdrawn in the period (one query)."""
    return scoped_complaints(scope).aggregate(
        received=Count("pk", filter=scope.in_period("received_on")),
        withdrawn=Count("pk", filter=scope.at_in_period("withdrawn_at")),
    )


def stage_counts(scope: ReportScope) -> dict[str, int]:
    """Stage 2 requests and, per stage, responses by outcome (one query)."""
    aggregates: dict[str, Any] = {
        "stage2_received": Count("pk", filter=Q(number=2) & scope.in_period("requested_on")),
    }
    responded = scope.at_in_period("responded_at")
    for stage in STAGES:
        aggregates[f"stage{stage}_responded"] = Count("pk", filter=responded & Q(number=stage))
        for outcome in Stage.Outcome.values:
            aggregates[f"stage{stage}_{outcome}"] = Count(
                "pk", filter=responded & Q(number=stage, outcome=outcome)
            )
    return scoped_stages(scope).aggregate(**aggregates)


def escalation_reason_counts(scope: ReportScope) -> list[tuple[str, int]]:
    """The reasons residents gave most often for asking for stage 2 in the period, word for
    word: at most ``ESCALATION_REASONS_SHOWN``, each given in at least
    ``ESCALATION_REASON_SHARED_BY`` requests (and "no reason"). The rest are counted together
    by the caller as "other reasons"."""
    rows = (
        scoped_stages(scope)
        .filter(scope.in_period("requested_on"), number=2)
        .annotate(reason=Trim("escalation_reason"))
        .values("reason")
        .annotate(n=Count("pk"))
        .filter(Q(reason="") | Q(n__gte=ESCALATION_REASON_SHARED_BY))
        .order_by("-n", "reason")[:ESCALATION_REASONS_SHOWN]
    )
    return [(row["reason"], row["n"]) for row in rows]


def refusal_counts(scope: ReportScope) -> list[tuple[str, str, int]]:
    """Refusals decided in the period, by kind and ground."""
    rows = (
        Refusal.objects.filter(
            scope.complaint_filter("complaint__"), scope.at_in_period("decided_at")
        )
        .values("kind", "ground")
        .annotate(n=Count("complaint", distinct=True))
        .order_by("kind", "ground")
    )
    return [(row["kind"], row["ground"], row["n"]) for row in rows]


def timeliness_counts(
    scope: ReportScope, stage: int, calendar: WorkingCalendar
) -> TimelinessCounts:
    """Acknowledgements and responses given in the period at ``stage``, against the Code (two
    grouped queries; the working-day arithmetic runs once per distinct group of dates)."""
    acknowledged = acknowledged_in_time = 0
    ack_groups = (
        _acknowledged_stages(scope, stage)
        .annotate(acknowledged_on=_local_date("acknowledged_at"))
        .values("requested_on", "acknowledged_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in ack_groups:
        acknowledged += row["n"]
        if acknowledged_on_time(
            calendar=calendar,
            stage=stage,
            requested_on=row["requested_on"],
            acknowledged_on=row["acknowledged_on"],
        ):
            acknowledged_in_time += row["n"]
    responded = on_time = within_extension = extended = 0
    for group in _response_groups(scope, stage):
        responded += group["n"]
        if group["extension_days"]:
            extended += group["n"]
        verdict = response_timeliness(
            calendar=calendar,
            stage=stage,
            requested_on=group["requested_on"],
            acknowledged_on=group["acknowledged_on"],
            responded_on=group["responded_on"],
            extension_days=group["extension_days"],
        )
        if verdict == "on_time":
            on_time += group["n"]
        elif verdict == "within_extension":
            within_extension += group["n"]
    return TimelinessCounts(
        acknowledged=acknowledged,
        acknowledged_on_time=acknowledged_in_time,
        responded=responded,
        responded_on_time=on_time,
        responded_within_extension=within_extension,
        extended=extended,
    )


def _response_groups(scope: ReportScope, stage: int) -> Iterable[Mapping[str, Any]]:
    return (
        _responded_stages(scope, stage)
        .annotate(
            acknowledged_on=_local_date("acknowledged_at"),
            responded_on=_local_date("responded_at"),
            extension_days=_extension_days(),
        )
        .values("requested_on", "acknowledged_on", "responded_on", "extension_days")
        .annotate(n=Count("pk"))
        .order_by()
    )


def open_counts(scope: ReportScope, today: datetime.date) -> dict[str, int]:
    """Complaints open now at each stage, and those past a deadline (one query)."""
    open_now = _open_stage_filter()
    overdue = open_now & _overdue_stage_filter(today)
    aggregates: dict[str, Any] = {}
    for stage in STAGES:
        aggregates[f"open_stage{stage}"] = Count("pk", filter=open_now & Q(number=stage))
        aggregates[f"overdue_stage{stage}"] = Count("pk", filter=overdue & Q(number=stage))
    return scoped_stages(scope).aggregate(**aggregates)


def category_counts(scope: ReportScope) -> list[tuple[int | None, str, int]]:
    """Complaints received in the period by category (a sub-category under its parent)."""
    rows = (
        scoped_complaints(scope)
        .filter(scope.in_period("received_on"))
        .values("category_id", "category__name", "category__parent__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "category__name")
    )
    return [
        (
            row["category_id"],
            _label(row["category__parent__name"], row["category__name"], "No category"),
            row["n"],
        )
        for row in rows
    ]


def service_area_counts(scope: ReportScope) -> list[tuple[int | None, str, int]]:
    """Complaints received in the period by service area."""
    rows = (
        scoped_complaints(scope)
        .filter(scope.in_period("received_on"))
        .values("service_area_id", "service_area__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "service_area__name")
    )
    return [
        (row["service_area_id"], row["service_area__name"] or "No service area", row["n"])
        for row in rows
    ]


def root_cause_counts(scope: ReportScope) -> list[tuple[int, str, int]]:
    """Root causes recorded in the period (Code 9.1): complaints per cause."""
    rows = (
        ComplaintRootCause.objects.filter(
            scope.complaint_filter("complaint__"), scope.at_in_period("recorded_at")
        )
        .values("root_cause_id", "root_cause__name", "root_cause__parent__name")
        .annotate(n=Count("complaint", distinct=True))
        .order_by("-n", "root_cause__name")
    )
    return [
        (
            row["root_cause_id"],
            _label(row["root_cause__parent__name"], row["root_cause__name"], ""),
            row["n"],
        )
        for row in rows
    ]


def root_cause_area_counts(scope: ReportScope) -> list[tuple[int, str, int]]:
    """Root causes recorded in the period by main cause (a sub-cause counts under its parent):
    complaints per main cause, each complaint once however many of its sub-causes."""
    rows = (
        ComplaintRootCause.objects.filter(
            scope.complaint_filter("complaint__"), scope.at_in_period("recorded_at")
        )
        .annotate(
            area_id=Coalesce("root_cause__parent_id", "root_cause_id"),
            area_name=Coalesce("root_cause__parent__name", "root_cause__name"),
        )
        .values("area_id", "area_name")
        .annotate(n=Count("complaint", distinct=True))
        .order_by("-n", "area_name")
    )
    return [(row["area_id"], row["area_name"], row["n"]) for row in rows]


def compensation_sums(scope: ReportScope) -> dict[str, Any]:
    """Compensation offered in the period: totals by stage and head, and paid (two queries)."""
    aggregates: dict[str, Any] = {
        "total": Coalesce(Sum(_compensation_total()), Value(ZERO), output_field=MONEY),
        "cases": Count("complaint", distinct=True),
    }
    for stage in STAGES:
        in_stage = Q(stage__number=stage)
        aggregates[f"stage{stage}"] = Coalesce(
            Sum(_compensation_total(), filter=in_stage), Value(ZERO), output_field=MONEY
        )
        aggregates[f"stage{stage}_cases"] = Count("complaint", filter=in_stage, distinct=True)
    for head, _ in COMPENSATION_HEADS:
        aggregates[f"{head}_sum"] = Coalesce(Sum(head), Value(ZERO), output_field=MONEY)
        aggregates[f"{head}_cases"] = Count(
            "complaint", filter=Q(**{f"{head}__gt": 0}), distinct=True
        )
    sums = _offered_compensation(scope).aggregate(**aggregates)
    paid = _paid_compensation(scope).aggregate(
        total=Coalesce(Sum(_compensation_total()), Value(ZERO), output_field=MONEY),
        cases=Count("complaint", distinct=True),
    )
    sums["paid"], sums["paid_cases"] = paid["total"], paid["cases"]
    return sums


def action_counts(scope: ReportScope, today: datetime.date) -> dict[str, int]:
    """Outstanding actions open now, overdue now, and completed in the period (one query)."""
    open_now = Q(status=OutstandingAction.Status.OPEN)
    return _actions(scope).aggregate(
        open=Count("complaint", filter=open_now, distinct=True),
        open_actions=Count("pk", filter=open_now),
        overdue=Count("complaint", filter=open_now & Q(due_on__lt=today), distinct=True),
        overdue_actions=Count("pk", filter=open_now & Q(due_on__lt=today)),
        completed=Count(
            "complaint",
            filter=Q(status=OutstandingAction.Status.COMPLETED) & scope.in_period("completed_on"),
            distinct=True,
        ),
        completed_actions=Count(
            "pk",
            filter=Q(status=OutstandingAction.Status.COMPLETED) & scope.in_period("completed_on"),
        ),
    )


def ombudsman_counts(scope: ReportScope, today: datetime.date) -> dict[str, Any]:
    """Determinations in the period with their findings, and orders due in the period (three
    queries)."""
    determined = _ombudsman_cases(scope).filter(scope.in_period("determination_on"))
    counts: dict[str, Any] = {"cases_determined": determined.count()}
    findings = (
        OmbudsmanFinding.objects.filter(case__in=determined)
        .values("finding")
        .annotate(n=Count("pk"))
    )
    counts["findings"] = {row["finding"]: row["n"] for row in findings}
    due = _orders(scope).filter(scope.in_period("due_on"))
    counts.update(
        due.aggregate(
            orders_due=Count("pk"),
            complied_on_time=Count("pk", filter=Q(complied_on__lte=F("due_on"))),
            complied_late=Count("pk", filter=Q(complied_on__gt=F("due_on"))),
            overdue=Count("pk", filter=Q(complied_on__isnull=True, due_on__lt=today)),
            compensation=Coalesce(Sum("compensation_amount"), Value(ZERO), output_field=MONEY),
            compensation_cases=Count(
                "case__complaint", filter=Q(compensation_amount__gt=0), distinct=True
            ),
        )
    )
    return counts


def satisfaction_counts(scope: ReportScope) -> dict[str, int]:
    """Survey invitations sent in the period, their answers, and answers satisfied (one query)."""
    return _invitations(scope).aggregate(
        invitations=Count("pk"),
        responses=Count("response"),
        satisfied=Count(
            "response", filter=Q(response__handling__gte=SatisfactionResponse.Rating.SATISFIED)
        ),
    )


def _label(parent: str | None, name: str | None, missing: str) -> str:
    if name is None:
        return missing
    return f"{parent}: {name}" if parent else name


# ---------------------------------------------------------------- drill-down


def complaint_ids_for_figure(
    *, scope: ReportScope, key: str, today: datetime.date | None = None
) -> list[int]:
    """The complaints behind the figure named ``key``, as counted by ``report_figures``.

    Keys are those the figures carry (``Count.key``, ``Rate.key``, ``Money.key``); a rate
    drills to its numerator. An unknown key raises NotFoundError.
    """
    today = today or timezone.localdate()
    complaints = _complaints_for_figure(scope, key, today)
    if isinstance(complaints, list):
        return complaints
    return sorted(set(complaints))


def _stage_number(part: str) -> int:
    if part in ("stage1", "stage2"):
        return int(part[-1])
    raise NotFoundError("There is no such figure.")


def _complaints_for_figure(scope: ReportScope, key: str, today: datetime.date) -> Iterable[int]:
    family, _, rest = key.partition(".")
    complaint_ids = "complaint_id"
    if key == "received.stage1":
        return (
            scoped_complaints(scope)
            .filter(scope.in_period("received_on"))
            .values_list("pk", flat=True)
        )
    if key in ("received.stage2", "escalation.rate"):
        return (
            scoped_stages(scope)
            .filter(scope.in_period("requested_on"), number=2)
            .values_list(complaint_ids, flat=True)
        )
    if family == "escalation_reason":
        return (
            scoped_stages(scope)
            .filter(scope.in_period("requested_on"), number=2)
            .annotate(reason=Trim("escalation_reason"))
            .filter(reason=rest)
            .values_list(complaint_ids, flat=True)
        )
    if key == "escalation_reason_other":
        shown = [reason for reason, _ in escalation_reason_counts(scope)]
        return (
            scoped_stages(scope)
            .filter(scope.in_period("requested_on"), number=2)
            .annotate(reason=Trim("escalation_reason"))
            .exclude(reason__in=shown)
            .values_list(complaint_ids, flat=True)
        )
    if key == "withdrawn":
        return (
            scoped_complaints(scope)
            .filter(scope.at_in_period("withdrawn_at"))
            .values_list("pk", flat=True)
        )
    if family == "outcome":
        stage_part, _, outcome = rest.partition(".")
        stages = _responded_stages(scope, _stage_number(stage_part))
        if outcome == "upheld_or_partly":
            stages = stages.filter(outcome__in=(Stage.Outcome.UPHELD, Stage.Outcome.PARTLY_UPHELD))
        elif outcome in Stage.Outcome.values:
            stages = stages.filter(outcome=outcome)
        elif outcome != "responded":
            raise NotFoundError("There is no such figure.")
        return stages.values_list(complaint_ids, flat=True)
    if family == "refusal":
        kind, _, ground = rest.partition(".")
        refusals = Refusal.objects.filter(
            scope.complaint_filter("complaint__"), scope.at_in_period("decided_at")
        )
        if kind != "all":
            refusals = refusals.filter(kind=kind)
        if ground:
            refusals = refusals.filter(ground=ground)
        return refusals.values_list(complaint_ids, flat=True)
    if family == "timeliness":
        stage_part, _, measure = rest.partition(".")
        return _timeliness_complaints(scope, _stage_number(stage_part), measure)
    if family in ("open", "overdue"):
        stages = scoped_stages(scope).filter(_open_stage_filter(), number=_stage_number(rest))
        if family == "overdue":
            stages = stages.filter(_overdue_stage_filter(today))
        return stages.values_list(complaint_ids, flat=True)
    if family in ("category", "service_area"):
        complaints = scoped_complaints(scope).filter(scope.in_period("received_on"))
        value = None if rest == "none" else _int(rest)
        return complaints.filter(**{f"{family}_id": value}).values_list("pk", flat=True)
    if family == "root_cause_area":
        area = _int(rest)
        return ComplaintRootCause.objects.filter(
            Q(root_cause_id=area) | Q(root_cause__parent_id=area),
            scope.complaint_filter("complaint__"),
            scope.at_in_period("recorded_at"),
        ).values_list(complaint_ids, flat=True)
    if family == "root_cause":
        return ComplaintRootCause.objects.filter(
            scope.complaint_filter("complaint__"),
            scope.at_in_period("recorded_at"),
            root_cause_id=_int(rest),
        ).values_list(complaint_ids, flat=True)
    if family == "compensation":
        if rest == "paid":
            return _paid_compensation(scope).values_list(complaint_ids, flat=True)
        remedies = _offered_compensation(scope)
        if rest in ("stage1", "stage2"):
            remedies = remedies.filter(stage__number=_stage_number(rest))
        elif rest in dict(COMPENSATION_HEADS):
            remedies = remedies.filter(**{f"{rest}__gt": 0})
        elif rest != "total":
            raise NotFoundError("There is no such figure.")
        return remedies.values_list(complaint_ids, flat=True)
    if family == "actions":
        actions = _actions(scope)
        if rest == "open":
            actions = actions.filter(status=OutstandingAction.Status.OPEN)
        elif rest == "overdue":
            actions = actions.filter(status=OutstandingAction.Status.OPEN, due_on__lt=today)
        elif rest == "completed":
            actions = actions.filter(
                scope.in_period("completed_on"), status=OutstandingAction.Status.COMPLETED
            )
        else:
            raise NotFoundError("There is no such figure.")
        return actions.values_list(complaint_ids, flat=True)
    if family == "ombudsman":
        return _ombudsman_complaints(scope, rest, today)
    if family == "satisfaction":
        invitations = _invitations(scope)
        if rest == "responses":
            invitations = invitations.filter(response__isnull=False)
        elif rest == "satisfied":
            invitations = invitations.filter(
                response__handling__gte=SatisfactionResponse.Rating.SATISFIED
            )
        elif rest != "invitations":
            raise NotFoundError("There is no such figure.")
        return invitations.values_list(complaint_ids, flat=True)
    raise NotFoundError("There is no such figure.")


def _ombudsman_complaints(scope: ReportScope, measure: str, today: datetime.date) -> Iterable[int]:
    """Complaints behind Ombudsman figures; a case recorded without its complaint has none."""
    determined = _ombudsman_cases(scope).filter(scope.in_period("determination_on"))
    if measure == "cases_determined":
        cases = determined
    elif measure.startswith("finding."):
        finding = measure.removeprefix("finding.")
        cases = determined.filter(findings__finding=finding)
    else:
        orders = _orders(scope).filter(scope.in_period("due_on"))
        filters = {
            "orders_due": Q(),
            "orders_complied_on_time": Q(complied_on__lte=F("due_on")),
            "orders_complied_late": Q(complied_on__gt=F("due_on")),
            "orders_overdue": Q(complied_on__isnull=True, due_on__lt=today),
            "compensation_ordered": Q(compensation_amount__gt=0),
        }
        if measure not in filters:
            raise NotFoundError("There is no such figure.")
        cases = _ombudsman_cases(scope).filter(
            pk__in=orders.filter(filters[measure]).values("case")
        )
    return cases.filter(complaint__isnull=False).values_list("complaint_id", flat=True)


def _timeliness_complaints(scope: ReportScope, stage: int, measure: str) -> list[int]:
    """Timeliness is decided in Python per stage row here, by the same rules as the counts."""
    calendar = calendar_for_landlord(landlord_id=scope.landlord_id)
    if measure in ("acknowledged", "acknowledged_on_time", "acknowledged_late"):
        rows = (
            _acknowledged_stages(scope, stage)
            .annotate(acknowledged_on=_local_date("acknowledged_at"))
            .values_list("complaint_id", "requested_on", "acknowledged_on")
        )
        ids = []
        for complaint_id, requested_on, acknowledged_on in rows:
            in_time = acknowledged_on_time(
                calendar=calendar,
                stage=stage,
                requested_on=requested_on,
                acknowledged_on=acknowledged_on,
            )
            if (
                measure == "acknowledged"
                or (measure == "acknowledged_on_time" and in_time)
                or (measure == "acknowledged_late" and not in_time)
            ):
                ids.append(complaint_id)
        return sorted(ids)
    wanted = {
        "responded": {"on_time", "within_extension", "late"},
        "responded_on_time_without_extension": {"on_time"},
        "responded_within_allowed_extension": {"within_extension"},
        "responded_on_time": {"on_time", "within_extension"},
        "responded_late": {"late"},
    }
    if measure == "extended":
        return sorted(
            _responded_stages(scope, stage)
            .filter(extensions__isnull=False)
            .values_list("complaint_id", flat=True)
            .distinct()
        )
    if measure not in wanted:
        raise NotFoundError("There is no such figure.")
    stages = _responded_stages(scope, stage).annotate(
        acknowledged_on=_local_date("acknowledged_at"),
        responded_on=_local_date("responded_at"),
        extension_days=_extension_days(),
    )
    return sorted(
        row["complaint_id"]
        for row in stages.values(
            "complaint_id", "requested_on", "acknowledged_on", "responded_on", "extension_days"
        )
        if response_timeliness(
            calendar=calendar,
            stage=stage,
            requested_on=row["requested_on"],
            acknowledged_on=row["acknowledged_on"],
            responded_on=row["responded_on"],
            extension_days=row["extension_days"],
        )
        in wanted[measure]
    )


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError as exc:
        raise NotFoundError("There is no such figure.") from exc


def complaint_references(*, landlord_id: int, complaint_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Reference, status and received date of each complaint: what a drill-down list shows to
    everyone who may see reports, the governing body included (no personal data)."""
    rows = (
        Complaint.objects.filter(landlord_id=landlord_id, pk__in=list(complaint_ids))
        .order_by("received_on", "reference")
        .values("pk", "reference", "status", "received_on")
    )
    return [dict(row) for row in rows]


# ---------------------------------------------------------------- TSM CH01


def tsm_received_counts(scope: ReportScope, *, include_withdrawn: bool) -> dict[str, int]:
    """Stage 1 complaints and stage 2 requests received in the period as TSM CH01 counts them
    (one query): a complaint not accepted, or a stage 2 request refused, was not dealt with at
    that stage and is left out; one withdrawn before that stage's response is left out only
    when ``include_withdrawn`` is False."""
    refused = {
        kind: Exists(Refusal.objects.filter(complaint=OuterRef("complaint"), kind=kind))
        for kind in Refusal.Kind.values
    }
    withdrawn_unanswered = Q(complaint__withdrawn_at__isnull=False, responded_at__isnull=True)
    counted = Q() if include_withdrawn else ~withdrawn_unanswered
    return (
        scoped_stages(scope)
        .alias(
            not_accepted=refused[Refusal.Kind.NOT_ACCEPTED],
            escalation_refused=refused[Refusal.Kind.ESCALATION_REFUSED],
        )
        .aggregate(
            stage1=Count(
                "pk",
                filter=Q(number=1, not_accepted=False)
                & scope.in_period("complaint__received_on")
                & counted,
            ),
            stage2=Count(
                "pk",
                filter=Q(number=2, escalation_refused=False)
                & scope.in_period("requested_on")
                & counted,
            ),
        )
    )


# ---------------------------------------------------------------- the dashboard's filters


@dataclass(frozen=True)
class FilterOptions:
    entities: list[tuple[int, str]]
    service_areas: list[tuple[int, str]]


def report_filter_options(*, landlord_id: int) -> FilterOptions:
    """The entities and service areas a report can be narrowed to (two queries)."""
    return FilterOptions(
        entities=list(
            Entity.objects.filter(landlord_id=landlord_id)
            .order_by("name")
            .values_list("pk", "name")
        ),
        service_areas=list(
            ServiceArea.objects.filter(landlord_id=landlord_id)
            .order_by("name")
            .values_list("pk", "name")
        ),
    )
