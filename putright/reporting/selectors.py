"""The queries behind the report figures, and the drill-down from a figure to its complaints.

Every figure is counted by an aggregate query (``COUNT``/``SUM`` with ``GROUP BY``): the number
of queries does not grow with the number of complaints, and each query reads only the rows of
its periods (the period is in ``WHERE``, on an indexed date, as well as in each ``FILTER``).
The figures of a period and of the one before it, for the trends, are counted in one pass
where they come from the same rows (``complaint_counts``, ``stage_counts``,
``timeliness_counts`` take several periods). Timeliness needs working-day arithmetic with the
landlord's calendar, which the database is given as a table of working-day numbers
(``_classified_stages_sql``), so the Code's timescales are applied there, row by row, and only
the counts come back.

A figure's ``key`` (e.g. ``outcome.stage1.upheld``) names both its count and the filter that
finds the complaints behind it (``complaint_ids_for_figure``), so a drill-down list always
matches the count it came from.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import astuple, dataclass, replace
from decimal import Decimal
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Trim, TruncDate
from django.utils import timezone

from putright.complaints.models import Complaint, Extension, Refusal, Stage
from putright.core.errors import DomainError, NotFoundError
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
    # True when no other landlord is in the database (``report_scope`` finds out): then every
    # complaint is this landlord's and the filter on it is left out. A filter that every row
    # passes still costs PostgreSQL a join from each table counted to every complaint, all
    # years of them, in every query.
    landlord_is_alone: bool = False

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
        return replace(
            self, period_from=previous_from, period_to=self.period_from - datetime.timedelta(days=1)
        )

    def complaint_filter(self, prefix: str = "") -> Q:
        """The landlord, entity and service area, as a filter on a complaint (not the period)."""
        q = Q() if self.landlord_is_alone else Q(**{f"{prefix}landlord_id": self.landlord_id})
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


def report_scope(
    *,
    landlord_id: int,
    period_from: datetime.date,
    period_to: datetime.date,
    entity_id: int | None = None,
    service_area_id: int | None = None,
) -> ReportScope:
    """The scope of a report on the landlord's complaints (one query: is it the only
    landlord?)."""
    return ReportScope(
        landlord_id=landlord_id,
        period_from=period_from,
        period_to=period_to,
        entity_id=entity_id,
        service_area_id=service_area_id,
        landlord_is_alone=not Landlord.objects.exclude(pk=landlord_id).exists(),
    )


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
    """Code 6.2, 6.11: acknowledged within 5 working days of the day it counts as received.

    The rule for one stage, as written in the Code. The report counts in the database by the
    same rule (``_classified_stages_sql``), and the tests hold the two to the same answers.
    """
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

    The rule for one stage; the report counts in the database by the same rule
    (``_classified_stages_sql``), and the tests hold the two to the same answers.
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


def _local_date(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=LONDON)


def _responded_stages(scope: ReportScope, stage: int) -> QuerySet[Stage]:
    return scoped_stages(scope).filter(scope.at_in_period("responded_at"), number=stage)


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


def _spanning(scopes: Sequence[ReportScope]) -> ReportScope:
    """The days from the first period's start to the last one's end (the periods counted
    together are next to each other, so nothing between them is read for nothing)."""
    return replace(
        scopes[0],
        period_from=min(scope.period_from for scope in scopes),
        period_to=max(scope.period_to for scope in scopes),
    )


def _per_period(
    queryset: QuerySet[Any],
    scopes: Sequence[ReportScope],
    aggregates_for: Callable[[ReportScope], dict[str, Any]],
) -> list[dict[str, Any]]:
    """One aggregate query counting for every period: each period's values, in order."""
    named = {
        f"p{index}_{name}": aggregate
        for index, scope in enumerate(scopes)
        for name, aggregate in aggregates_for(scope).items()
    }
    row = queryset.aggregate(**named)
    return [
        {
            name.removeprefix(f"p{index}_"): value
            for name, value in row.items()
            if name.startswith(f"p{index}_")
        }
        for index in range(len(scopes))
    ]


def complaint_counts(scopes: Sequence[ReportScope]) -> list[dict[str, int]]:
    """Stage 1 received and withdrawn in each period (one query)."""
    span = _spanning(scopes)
    return _per_period(
        scoped_complaints(span).filter(
            span.in_period("received_on") | span.at_in_period("withdrawn_at")
        ),
        scopes,
        lambda scope: {
            "received": Count("pk", filter=scope.in_period("received_on")),
            "withdrawn": Count("pk", filter=scope.at_in_period("withdrawn_at")),
        },
    )


def stage_counts(scopes: Sequence[ReportScope]) -> list[dict[str, int]]:
    """Stage 2 requests and, per stage, responses by outcome in each period (one query)."""

    def aggregates(scope: ReportScope) -> dict[str, Any]:
        responded = scope.at_in_period("responded_at")
        counts: dict[str, Any] = {
            "stage2_received": Count("pk", filter=Q(number=2) & scope.in_period("requested_on"))
        }
        for stage in STAGES:
            counts[f"stage{stage}_responded"] = Count("pk", filter=responded & Q(number=stage))
            for outcome in Stage.Outcome.values:
                counts[f"stage{stage}_{outcome}"] = Count(
                    "pk", filter=responded & Q(number=stage, outcome=outcome)
                )
        return counts

    span = _spanning(scopes)
    stages = scoped_stages(span).filter(
        (Q(number=2) & span.in_period("requested_on")) | span.at_in_period("responded_at")
    )
    return _per_period(stages, scopes, aggregates)


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


# The conditions that make up each timeliness figure, on a classified stage
# (``_classified_stages_sql``) for the period in place {period}: shared by the counts and the
# drill-down, so that a list always matches its figure.
TIMELINESS_MEASURES = {
    "acknowledged": "acknowledged_period = {period}",
    "acknowledged_on_time": "acknowledged_period = {period} AND acknowledged_on_time = 1",
    "acknowledged_late": "acknowledged_period = {period} AND acknowledged_on_time = 0",
    "responded": "responded_period = {period}",
    "extended": "responded_period = {period} AND extended = 1",
    "responded_on_time_without_extension": "responded_period = {period} AND verdict = 'on_time'",
    "responded_within_allowed_extension": (
        "responded_period = {period} AND verdict = 'within_extension'"
    ),
    "responded_on_time": "responded_period = {period} AND verdict <> 'late'",
    "responded_late": "responded_period = {period} AND verdict = 'late'",
}

# Which measure each of TimelinessCounts' fields counts.
_TIMELINESS_COUNTED = {
    "acknowledged": "acknowledged",
    "acknowledged_on_time": "acknowledged_on_time",
    "responded": "responded",
    "responded_on_time": "responded_on_time_without_extension",
    "responded_within_extension": "responded_within_allowed_extension",
    "extended": "extended",
}


def timeliness_counts(
    scopes: Sequence[ReportScope], calendar: WorkingCalendar
) -> list[dict[int, TimelinessCounts]]:
    """Acknowledgements and responses given in each period at each stage, against the Code
    (two queries, whatever the number of complaints or periods: see
    ``_classified_stages_sql``)."""
    sums = [
        f"SUM(CASE WHEN {TIMELINESS_MEASURES[measure].format(period=index)} THEN 1 ELSE 0 END)"
        for index in range(len(scopes))
        for measure in _TIMELINESS_COUNTED.values()
    ]
    columns = ", ".join(sums)
    select = f"SELECT stage_number, {columns} FROM classified GROUP BY stage_number"  # noqa: S608
    classified = _classified_stages_sql(scopes, calendar, select=select)
    empty = TimelinessCounts(0, 0, 0, 0, 0, 0)
    counts = [dict.fromkeys(STAGES, empty) for _ in scopes]
    if classified is None:
        return counts
    width = len(_TIMELINESS_COUNTED)
    with connection.cursor() as cursor:
        cursor.execute(*classified)
        for stage, *values in cursor.fetchall():
            for index in range(len(scopes)):
                numbers = values[index * width : (index + 1) * width]
                counts[index][stage] = TimelinessCounts(*(int(n or 0) for n in numbers))
    return counts


def _classified_stages_sql(
    scopes: Sequence[ReportScope], calendar: WorkingCalendar, *, select: str
) -> tuple[str, list[Any]] | None:
    """SQL (and its parameters) that runs ``select`` over ``classified``: one row for each
    stage acknowledged or responded to in any of the periods, with the Code's verdicts on it
    decided by the database. None when there is no such stage. Its columns:

    ``for_complaint``, ``stage_number``; ``acknowledged_period`` and ``responded_period``
    (the place in ``scopes`` of the period it was acknowledged or responded in, or NULL);
    ``acknowledged_on_time`` and ``extended`` (1 or 0); ``verdict`` (``on_time``,
    ``within_extension`` or ``late``, as ``response_timeliness`` says; meaningful only when
    responded).

    A year holds tens of thousands of responses, each with its own three dates, so deciding
    them in Python would bring every one back. Instead every date is looked up in a table of
    working-day numbers for the days the rows span (``_working_day_numbers``, from the
    landlord's calendar). For ``n >= 1``, ``day <= calendar.add_working_days(start, n)``
    exactly when ``worked_before(day) < worked_through(start) + n``: the deadline is the
    working day with ``worked_through(start) + n`` working days up to and including it, and a
    day is on or before it when fewer than that many come before the day. So the rules of
    ``acknowledged_on_time`` and ``response_timeliness`` become comparisons of numbers (the
    tests hold the two forms to the same answers).
    """
    span = _spanning(scopes)
    in_span = span.at_in_period("acknowledged_at") | span.at_in_period("responded_at")
    stages = scoped_stages(span).filter(in_span).order_by()
    # The days to number: from the extremes of every landlord's stages in the periods, not
    # only this one's. That is never fewer days than needed, and it is read from the date
    # indexes alone, without the join to the complaints that finds the landlord's.
    extremes = (
        Stage.objects.filter(in_span)
        .order_by()
        .aggregate(
            first_requested=Min("requested_on"),
            last_requested=Max("requested_on"),
            first_acknowledged=Min(_local_date("acknowledged_at")),
            last_acknowledged=Max(_local_date("acknowledged_at")),
        )
    )
    if extremes["first_requested"] is None:
        return None
    known = [day for day in extremes.values() if day is not None]
    days = _working_day_numbers(
        calendar, min(*known, span.period_from), max(*known, span.period_to)
    )
    timescales = [(stage, *astuple(code_timescales(stage))) for stage in STAGES]
    rows_sql, rows_params = stages.values(
        stage_id=F("pk"),
        for_complaint=F("complaint_id"),
        stage_number=F("number"),
        requested_day=F("requested_on"),
        acknowledged_day=_local_date("acknowledged_at"),
        responded_day=_local_date("responded_at"),
        acknowledged_period=_period_of(scopes, "acknowledged_at"),
        responded_period=_period_of(scopes, "responded_at"),
    ).query.sql_with_params()
    extended_sql, extended_params = (
        Extension.objects.filter(
            span.at_in_period("stage__acknowledged_at") | span.at_in_period("stage__responded_at")
        )
        .order_by()
        .values(extended_stage=F("stage_id"))
        .annotate(working_days=Sum("working_days"))
        .query.sql_with_params()
    )
    sql = f"""
    WITH days (day, worked_through, worked_before) AS (
        VALUES {", ".join(["(%s, %s, %s)"] * len(days))}
    ),
    timescales (stage_number, acknowledgement, response, extension_maximum) AS (
        VALUES {", ".join(["(%s, %s, %s, %s)"] * len(timescales))}
    ),
    stages AS ({rows_sql}),
    extended AS ({extended_sql}),
    measured AS (
        SELECT s.for_complaint, s.stage_number, s.acknowledged_period, s.responded_period,
            t.acknowledgement, t.response,
            COALESCE(e.working_days, 0) AS extended_by,
            requested.worked_through AS requested_through,
            acknowledged.worked_before AS acknowledged_before,
            COALESCE(
                acknowledged.worked_through, requested.worked_through + t.acknowledgement
            ) AS started_through,
            responded.worked_before AS responded_before,
            CASE WHEN COALESCE(e.working_days, 0) < t.extension_maximum
                THEN COALESCE(e.working_days, 0)
                ELSE t.extension_maximum END AS extension_allowed
        FROM stages s
        JOIN timescales t ON t.stage_number = s.stage_number
        JOIN days requested ON requested.day = s.requested_day
        LEFT JOIN days acknowledged ON acknowledged.day = s.acknowledged_day
        LEFT JOIN days responded ON responded.day = s.responded_day
        LEFT JOIN extended e ON e.extended_stage = s.stage_id
    ),
    classified AS (
        SELECT for_complaint, stage_number, acknowledged_period, responded_period,
            CASE WHEN acknowledged_before < requested_through + acknowledgement
                THEN 1 ELSE 0 END AS acknowledged_on_time,
            CASE WHEN extended_by > 0 THEN 1 ELSE 0 END AS extended,
            CASE
                WHEN responded_before < started_through + response THEN 'on_time'
                WHEN extension_allowed > 0
                    AND responded_before < started_through + response + extension_allowed
                    THEN 'within_extension'
                ELSE 'late'
            END AS verdict
        FROM measured
    )
    {select}
    """  # noqa: S608
    params = [value for row in days for value in row]
    params += [value for row in timescales for value in row]
    params += [*rows_params, *extended_params]
    return sql, params


def _period_of(scopes: Sequence[ReportScope], field: str) -> Case:
    """The place in ``scopes`` of the period ``field`` falls in; NULL for none."""
    return Case(
        *(When(scope.at_in_period(field), then=Value(index)) for index, scope in enumerate(scopes)),
        default=None,
        output_field=IntegerField(),
    )


# SQLite allows 32,766 parameters in a statement; the days table takes three a day.
MAX_TIMELINESS_SPAN_DAYS = 10_000


def _working_day_numbers(
    calendar: WorkingCalendar, first: datetime.date, last: datetime.date
) -> list[tuple[datetime.date, int, int]]:
    """(day, working days up to and including it, working days before it) for every day from
    ``first`` to ``last``, counted from ``first``."""
    if (last - first).days >= MAX_TIMELINESS_SPAN_DAYS:
        raise DomainError(
            f"Timeliness cannot be counted: stages acknowledged or answered in this period were "
            f"requested from {first:%d %B %Y}, over {MAX_TIMELINESS_SPAN_DAYS:,} days before "
            f"{last:%d %B %Y}. Check the requested dates of imported complaints."
        )
    origin = np.datetime64(first - datetime.timedelta(days=1), "D")
    days = origin + np.arange(1, (last - first).days + 2)
    through = calendar.working_days_between_batch(origin, days)
    before = calendar.working_days_between_batch(origin, days - np.timedelta64(1, "D"))
    return list(zip(days.tolist(), through.tolist(), before.tolist(), strict=True))


def open_counts(scope: ReportScope, today: datetime.date) -> dict[str, int]:
    """Complaints open now at each stage, and those past a deadline (one query)."""
    open_now = _open_stage_filter()
    overdue = open_now & _overdue_stage_filter(today)
    aggregates: dict[str, Any] = {}
    for stage in STAGES:
        aggregates[f"open_stage{stage}"] = Count("pk", filter=open_now & Q(number=stage))
        aggregates[f"overdue_stage{stage}"] = Count("pk", filter=overdue & Q(number=stage))
    # Only the open complaints' stages are read, found through the complaints' (landlord,
    # status) index (so the landlord is named even when it is alone), not every stage of
    # every year.
    return (
        scoped_stages(scope)
        .filter(
            complaint__landlord_id=scope.landlord_id, complaint__status__in=Complaint.OPEN_STATUSES
        )
        .aggregate(**aggregates)
    )


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
    """Decided by the same SQL as the counts, so a list always matches its figure."""
    if measure not in TIMELINESS_MEASURES:
        raise NotFoundError("There is no such figure.")
    calendar = calendar_for_landlord(landlord_id=scope.landlord_id)
    condition = TIMELINESS_MEASURES[measure].format(period=0)
    classified = _classified_stages_sql(
        [scope],
        calendar,
        select=f"""
        SELECT for_complaint FROM classified WHERE stage_number = %s AND {condition}
        """,  # noqa: S608 - a fixed condition from TIMELINESS_MEASURES
    )
    if classified is None:
        return []
    sql, params = classified
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, stage])
        return sorted(complaint_id for (complaint_id,) in cursor.fetchall())


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
