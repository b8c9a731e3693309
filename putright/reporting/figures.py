"""Every figure the dashboard, the annual report and the self-assessment show, for one period.

``report_figures`` is the one place complaint figures are counted. The counting rule of each
figure is written on the field that holds it and in ``docs/reporting-figures.md``; the queries
behind them live in ``putright.reporting.selectors``.

Which date puts a record in the period (both ends included, Europe/London dates):

* received counts, categories, service areas: the day the complaint counts as received
  (``Complaint.received_on``; for stage 2, ``Stage.requested_on``, the day escalation was asked);
* outcomes and response timeliness: the day the stage was responded to;
* acknowledgement timeliness: the day the stage was acknowledged;
* refusals: the day the refusal was decided;
* root causes: the day the root cause was recorded;
* compensation: the day the financial remedy was offered;
* outstanding actions: completed ones by the day completed; open and overdue ones as of today;
* Ombudsman findings: the day of the determination; orders: the day they fall due;
* satisfaction: the day the invitation was sent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from putright.complaints.models import Refusal, Stage
from putright.core.errors import DomainError
from putright.landlords.models import Landlord
from putright.learning.models import OmbudsmanFinding
from putright.reporting import selectors
from putright.reporting.selectors import COMPENSATION_HEADS, STAGES, ReportScope
from putright.workdays.selectors import calendar_for_landlord

PERCENT_PLACES = Decimal("0.1")


def percent(numerator: int, denominator: int) -> Decimal | None:
    """``numerator`` as a percentage of ``denominator`` to one decimal place; None for 0 of 0."""
    if denominator == 0:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(PERCENT_PLACES)


@dataclass(frozen=True)
class Count:
    """One counted figure. ``key`` names it for the drill-down to the complaints behind it.

    ``unit`` says what is counted: complaints (the drill-down lists exactly ``value`` of
    them), or other things (Ombudsman orders, findings, surveys) that drill down to the fewer
    complaints they concern.
    """

    key: str
    label: str
    value: int
    unit: str = "complaints"

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "value": self.value, "unit": self.unit}


@dataclass(frozen=True)
class Rate:
    """``numerator`` out of ``denominator``; ``percent`` is None when the denominator is 0.
    The drill-down lists the complaints behind the numerator."""

    key: str
    label: str
    numerator: int
    denominator: int
    unit: str = "complaints"

    @property
    def percent(self) -> Decimal | None:
        return percent(self.numerator, self.denominator)

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "percent": _number(self.percent),
            "unit": self.unit,
        }


@dataclass(frozen=True)
class Money:
    """An amount in pounds (two decimal places), with how many complaints it covers."""

    key: str
    label: str
    amount: Decimal
    cases: int

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "amount": f"{self.amount:.2f}",
            "cases": self.cases,
        }


@dataclass(frozen=True)
class StageOutcomes:
    """Responses given in the period at one stage, by outcome (Code 6.6, 6.17)."""

    stage: int
    responded: Count
    outcomes: tuple[Count, ...]  # upheld, partly upheld, not upheld
    upheld_or_partly: Rate

    def as_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "responded": self.responded.as_json(),
            "outcomes": [c.as_json() for c in self.outcomes],
            "upheld_or_partly_upheld": self.upheld_or_partly.as_json(),
        }


@dataclass(frozen=True)
class StageTimeliness:
    """Timeliness at one stage against the Code's timescales (Code 6.2-6.4, 6.11, 6.14, 6.15)."""

    stage: int
    acknowledged: Count
    acknowledged_on_time: Rate
    acknowledged_late: Count
    responded: Count
    responded_on_time_without_extension: Rate
    extended: Count
    responded_within_allowed_extension: Count
    responded_on_time: Rate  # within the Code's timescale, counting allowed extensions
    responded_late: Count

    def as_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "acknowledged": self.acknowledged.as_json(),
            "acknowledged_on_time": self.acknowledged_on_time.as_json(),
            "acknowledged_late": self.acknowledged_late.as_json(),
            "responded": self.responded.as_json(),
            "responded_on_time_without_extension": (
                self.responded_on_time_without_extension.as_json()
            ),
            "extended": self.extended.as_json(),
            "responded_within_allowed_extension": (
                self.responded_within_allowed_extension.as_json()
            ),
            "responded_on_time": self.responded_on_time.as_json(),
            "responded_late": self.responded_late.as_json(),
        }


@dataclass(frozen=True)
class OpenNow:
    """Complaints open today (not in the period: now), and those past a deadline."""

    as_of: datetime.date
    open: tuple[Count, ...]  # per stage
    overdue: tuple[Count, ...]  # per stage

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "open": [c.as_json() for c in self.open],
            "overdue": [c.as_json() for c in self.overdue],
        }


@dataclass(frozen=True)
class Compensation:
    """Financial remedies offered in the period and not declined (Code 7.1)."""

    total: Money
    by_stage: tuple[Money, ...]
    by_head: tuple[Money, ...]
    paid: Money

    def as_json(self) -> dict[str, Any]:
        return {
            "total": self.total.as_json(),
            "by_stage": [m.as_json() for m in self.by_stage],
            "by_head": [m.as_json() for m in self.by_head],
            "paid": self.paid.as_json(),
        }


@dataclass(frozen=True)
class OutstandingActions:
    """Code 6.6, 6.17: actions promised in responses, followed until done."""

    open: Count
    overdue: Count
    completed: Count

    def as_json(self) -> dict[str, Any]:
        return {
            "open": self.open.as_json(),
            "overdue": self.overdue.as_json(),
            "completed": self.completed.as_json(),
        }


@dataclass(frozen=True)
class Ombudsman:
    """Code 8.1c-d: the Ombudsman's determinations and the landlord's compliance with orders."""

    cases_determined: Count
    findings: tuple[Count, ...]
    orders_due: Count
    orders_complied_on_time: Rate
    orders_complied_late: Count
    orders_overdue: Count
    compensation_ordered: Money

    def as_json(self) -> dict[str, Any]:
        return {
            "cases_determined": self.cases_determined.as_json(),
            "findings": [c.as_json() for c in self.findings],
            "orders_due": self.orders_due.as_json(),
            "orders_complied_on_time": self.orders_complied_on_time.as_json(),
            "orders_complied_late": self.orders_complied_late.as_json(),
            "orders_overdue": self.orders_overdue.as_json(),
            "compensation_ordered": self.compensation_ordered.as_json(),
        }


@dataclass(frozen=True)
class Satisfaction:
    """Satisfaction with complaint handling, from the landlord's own survey after closure."""

    invitations: Count
    responses: Rate  # responses out of invitations
    satisfied: Rate  # satisfied or very satisfied out of responses

    def as_json(self) -> dict[str, Any]:
        return {
            "invitations": self.invitations.as_json(),
            "responses": self.responses.as_json(),
            "satisfied": self.satisfied.as_json(),
        }


@dataclass(frozen=True)
class Trend:
    """One headline figure now and in the previous period of the same length."""

    key: str
    label: str
    current: Decimal | None
    previous: Decimal | None
    unit: str  # "count", "percent" or "pounds"

    @property
    def change_percent(self) -> Decimal | None:
        """For counts and money: the change as a percentage of the previous figure; None when
        there is nothing to compare with (no previous figure, or a previous figure of 0)."""
        if self.unit == "percent":
            return None
        if self.current is None or self.previous is None or self.previous == 0:
            return None
        return ((self.current - self.previous) * 100 / self.previous).quantize(PERCENT_PLACES)

    @property
    def change_points(self) -> Decimal | None:
        """For percentages: the change in percentage points (66.7 % after 100 % is -33.3)."""
        if self.unit != "percent" or self.current is None or self.previous is None:
            return None
        return (self.current - self.previous).quantize(PERCENT_PLACES)

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "current": _number(self.current),
            "previous": _number(self.previous),
            "change_percent": _number(self.change_percent),
            "change_points": _number(self.change_points),
        }


@dataclass(frozen=True)
class ReportFigures:
    """All the figures for one landlord, period and (optionally) entity or service area."""

    landlord_id: int
    landlord_name: str
    period_from: datetime.date
    period_to: datetime.date
    entity_id: int | None
    entity_name: str
    service_area_id: int | None
    service_area_name: str
    homes: int
    received: tuple[Count, ...]  # stage 1, stage 2
    received_per_1000_homes: tuple[tuple[int, Decimal | None], ...]  # (stage, rate)
    escalation_rate: Rate
    escalation_reasons: tuple[Count, ...]
    outcomes: tuple[StageOutcomes, ...]
    refusals: tuple[Count, ...]  # by kind and ground
    withdrawn: Count
    timeliness: tuple[StageTimeliness, ...]
    open_now: OpenNow
    categories: tuple[Count, ...]
    service_areas: tuple[Count, ...]
    root_causes: tuple[Count, ...]
    compensation: Compensation
    outstanding_actions: OutstandingActions
    ombudsman: Ombudsman
    satisfaction: Satisfaction
    previous_period_from: datetime.date
    previous_period_to: datetime.date
    root_cause_areas: tuple[Count, ...] = field(default=())  # main causes, sub-causes within
    trends: tuple[Trend, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        """The documented JSON form (docs/reporting-figures.md): plain types only."""
        return {
            "schema": "putright.report-figures/1",
            "landlord": {"id": self.landlord_id, "name": self.landlord_name},
            "period": {"from": self.period_from.isoformat(), "to": self.period_to.isoformat()},
            "entity": {"id": self.entity_id, "name": self.entity_name} if self.entity_id else None,
            "service_area": {"id": self.service_area_id, "name": self.service_area_name}
            if self.service_area_id
            else None,
            "homes": self.homes,
            "received": [c.as_json() for c in self.received],
            "received_per_1000_homes": [
                {"stage": stage, "rate": _number(rate)}
                for stage, rate in self.received_per_1000_homes
            ],
            "escalation_rate": self.escalation_rate.as_json(),
            "escalation_reasons": [c.as_json() for c in self.escalation_reasons],
            "outcomes": [o.as_json() for o in self.outcomes],
            "refusals": [c.as_json() for c in self.refusals],
            "withdrawn": self.withdrawn.as_json(),
            "timeliness": [t.as_json() for t in self.timeliness],
            "open_now": self.open_now.as_json(),
            "categories": [c.as_json() for c in self.categories],
            "service_areas": [c.as_json() for c in self.service_areas],
            "root_causes": [c.as_json() for c in self.root_causes],
            "root_cause_areas": [c.as_json() for c in self.root_cause_areas],
            "compensation": self.compensation.as_json(),
            "outstanding_actions": self.outstanding_actions.as_json(),
            "ombudsman": self.ombudsman.as_json(),
            "satisfaction": self.satisfaction.as_json(),
            "previous_period": {
                "from": self.previous_period_from.isoformat(),
                "to": self.previous_period_to.isoformat(),
            },
            "trends": [t.as_json() for t in self.trends],
        }


def _number(value: Decimal | None) -> float | int | None:
    """A Decimal as a JSON number: whole numbers as int, others as float; None stays None."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


STAGE_LABELS = {1: "Stage 1", 2: "Stage 2"}


def report_figures(
    *,
    landlord: Landlord,
    period_from: datetime.date,
    period_to: datetime.date,
    entity_id: int | None = None,
    service_area_id: int | None = None,
    today: datetime.date | None = None,
) -> ReportFigures:
    """Every figure for the period (both ends included), with trends against the period of
    the same length just before it. ``today`` is the day "open now" and "overdue" are counted
    on (by default, today in London).

    A fixed number of aggregate queries, however many complaints there are.
    """
    if period_to < period_from:
        raise DomainError("The end of the period must not be before its start.", field="period_to")
    scope = selectors.report_scope(
        landlord_id=landlord.pk,
        period_from=period_from,
        period_to=period_to,
        entity_id=entity_id,
        service_area_id=service_area_id,
    )
    today = today or timezone.localdate()
    calendar = calendar_for_landlord(landlord_id=landlord.pk)
    landlord_name, entity_name, service_area_name = selectors.names_for(scope)
    homes = selectors.homes_for(scope)
    previous_scope = scope.previous()
    both = (scope, previous_scope)
    counted = zip(
        selectors.complaint_counts(both),
        selectors.stage_counts(both),
        selectors.timeliness_counts(both, calendar),
        strict=True,
    )
    current = _period_figures(scope, homes, *next(counted))
    previous = _period_figures(previous_scope, homes, *next(counted), with_breakdowns=False)
    return ReportFigures(
        landlord_id=landlord.pk,
        landlord_name=landlord_name,
        period_from=period_from,
        period_to=period_to,
        entity_id=entity_id,
        entity_name=entity_name,
        service_area_id=service_area_id,
        service_area_name=service_area_name,
        homes=homes,
        received=current.received,
        received_per_1000_homes=current.received_per_1000_homes,
        escalation_rate=current.escalation_rate,
        escalation_reasons=current.escalation_reasons,
        outcomes=current.outcomes,
        refusals=current.refusals,
        withdrawn=current.withdrawn,
        timeliness=current.timeliness,
        open_now=_open_now(scope, today),
        categories=current.categories,
        service_areas=current.service_areas,
        root_causes=current.root_causes,
        root_cause_areas=current.root_cause_areas,
        compensation=current.compensation,
        outstanding_actions=_outstanding_actions(scope, today),
        ombudsman=_ombudsman(scope, today),
        satisfaction=current.satisfaction,
        previous_period_from=previous_scope.period_from,
        previous_period_to=previous_scope.period_to,
        trends=_trends(current, previous),
    )


@dataclass(frozen=True)
class _PeriodFigures:
    """The figures that are counted for a period, and so can be compared with another."""

    received: tuple[Count, ...]
    received_per_1000_homes: tuple[tuple[int, Decimal | None], ...]
    escalation_rate: Rate
    escalation_reasons: tuple[Count, ...]
    outcomes: tuple[StageOutcomes, ...]
    refusals: tuple[Count, ...]
    withdrawn: Count
    timeliness: tuple[StageTimeliness, ...]
    categories: tuple[Count, ...]
    service_areas: tuple[Count, ...]
    root_causes: tuple[Count, ...]
    root_cause_areas: tuple[Count, ...]
    compensation: Compensation
    satisfaction: Satisfaction


def per_1000_homes(count: int, homes: int) -> Decimal | None:
    """``count`` per 1,000 homes to two decimal places (as TSM CH01 is reported); None when
    the number of homes is not recorded."""
    if homes <= 0:
        return None
    return (Decimal(count) * 1000 / Decimal(homes)).quantize(Decimal("0.01"))


def _period_figures(
    scope: ReportScope,
    homes: int,
    complaints: dict[str, int],
    stages: dict[str, int],
    timeliness: dict[int, selectors.TimelinessCounts],
    *,
    with_breakdowns: bool = True,
) -> _PeriodFigures:
    """The figures for the period, from its complaint, stage and timeliness counts (counted
    with the other period's, in one pass) and the rest counted here. Without breakdowns (for
    the previous period, whose headline figures only are compared) the reasons, categories,
    service areas and root causes are not counted."""
    received = (
        Count("received.stage1", "Stage 1 complaints received", complaints["received"]),
        Count("received.stage2", "Stage 2 requests received", stages["stage2_received"]),
    )
    return _PeriodFigures(
        received=received,
        received_per_1000_homes=tuple(
            (number, per_1000_homes(count.value, homes))
            for number, count in zip(STAGES, received, strict=True)
        ),
        escalation_rate=Rate(
            "escalation.rate",
            "Stage 2 requests as a share of stage 1 complaints received",
            stages["stage2_received"],
            complaints["received"],
        ),
        escalation_reasons=(
            _escalation_reasons(scope, stages["stage2_received"]) if with_breakdowns else ()
        ),
        outcomes=tuple(_stage_outcomes(stages, number) for number in STAGES),
        refusals=_refusals(scope),
        withdrawn=Count("withdrawn", "Complaints withdrawn", complaints["withdrawn"]),
        timeliness=tuple(
            _stage_timeliness(counts, number) for number, counts in timeliness.items()
        ),
        categories=tuple(
            Count(f"category.{pk if pk is not None else 'none'}", label, n)
            for pk, label, n in (selectors.category_counts(scope) if with_breakdowns else ())
        ),
        service_areas=tuple(
            Count(f"service_area.{pk if pk is not None else 'none'}", label, n)
            for pk, label, n in (selectors.service_area_counts(scope) if with_breakdowns else ())
        ),
        root_causes=tuple(
            Count(f"root_cause.{pk}", label, n)
            for pk, label, n in (selectors.root_cause_counts(scope) if with_breakdowns else ())
        ),
        root_cause_areas=tuple(
            Count(f"root_cause_area.{pk}", label, n)
            for pk, label, n in (selectors.root_cause_area_counts(scope) if with_breakdowns else ())
        ),
        compensation=_compensation(scope),
        satisfaction=_satisfaction(scope),
    )


def _escalation_reasons(scope: ReportScope, requests: int) -> tuple[Count, ...]:
    """The most common reasons given, then the rest together."""
    reasons = [
        Count(
            f"escalation_reason.{reason}",
            reason or "No reason given (none is required: Code 6.12)",
            n,
        )
        for reason, n in selectors.escalation_reason_counts(scope)
    ]
    others = requests - sum(count.value for count in reasons)
    if others:
        reasons.append(Count("escalation_reason_other", "Other reasons", others))
    return tuple(reasons)


def _stage_outcomes(stages: dict[str, int], number: int) -> StageOutcomes:
    prefix = f"stage{number}"
    responded = stages[f"{prefix}_responded"]
    outcomes = tuple(
        Count(f"outcome.{prefix}.{value}", str(label), stages[f"{prefix}_{value}"])
        for value, label in Stage.Outcome.choices
    )
    upheld = (
        stages[f"{prefix}_{Stage.Outcome.UPHELD}"]
        + stages[f"{prefix}_{Stage.Outcome.PARTLY_UPHELD}"]
    )
    return StageOutcomes(
        stage=number,
        responded=Count(
            f"outcome.{prefix}.responded", f"{STAGE_LABELS[number]} responses", responded
        ),
        outcomes=outcomes,
        upheld_or_partly=Rate(
            f"outcome.{prefix}.upheld_or_partly",
            f"{STAGE_LABELS[number]} upheld or partly upheld",
            upheld,
            responded,
        ),
    )


def _refusals(scope: ReportScope) -> tuple[Count, ...]:
    kinds = dict(Refusal.Kind.choices)
    grounds = dict(Refusal.Ground.choices)
    rows = selectors.refusal_counts(scope)
    figures: list[Count] = []
    for kind, kind_label in kinds.items():
        of_kind = [(ground, n) for k, ground, n in rows if k == kind]
        figures.append(Count(f"refusal.{kind}", str(kind_label), sum(n for _, n in of_kind)))
        figures.extend(
            Count(f"refusal.{kind}.{ground}", f"{kind_label}: {grounds.get(ground, ground)}", n)
            for ground, n in of_kind
        )
    return tuple(figures)


def _stage_timeliness(counts: selectors.TimelinessCounts, number: int) -> StageTimeliness:
    prefix = f"timeliness.stage{number}"
    label = STAGE_LABELS[number]
    on_time = counts.responded_on_time + counts.responded_within_extension
    return StageTimeliness(
        stage=number,
        acknowledged=Count(f"{prefix}.acknowledged", f"{label} acknowledged", counts.acknowledged),
        acknowledged_on_time=Rate(
            f"{prefix}.acknowledged_on_time",
            f"{label} acknowledged within the Code's timescale",
            counts.acknowledged_on_time,
            counts.acknowledged,
        ),
        acknowledged_late=Count(
            f"{prefix}.acknowledged_late",
            f"{label} acknowledged late",
            counts.acknowledged - counts.acknowledged_on_time,
        ),
        responded=Count(f"{prefix}.responded", f"{label} responses", counts.responded),
        responded_on_time_without_extension=Rate(
            f"{prefix}.responded_on_time_without_extension",
            f"{label} responses within the Code's timescale without an extension",
            counts.responded_on_time,
            counts.responded,
        ),
        extended=Count(f"{prefix}.extended", f"{label} responses extended", counts.extended),
        responded_within_allowed_extension=Count(
            f"{prefix}.responded_within_allowed_extension",
            f"{label} responses within an extension the Code allows",
            counts.responded_within_extension,
        ),
        responded_on_time=Rate(
            f"{prefix}.responded_on_time",
            f"{label} responses within the Code's timescales (allowed extensions included)",
            on_time,
            counts.responded,
        ),
        responded_late=Count(
            f"{prefix}.responded_late", f"{label} responses late", counts.responded - on_time
        ),
    )


def _open_now(scope: ReportScope, today: datetime.date) -> OpenNow:
    counts = selectors.open_counts(scope, today)
    return OpenNow(
        as_of=today,
        open=tuple(
            Count(f"open.stage{n}", f"Open at {STAGE_LABELS[n].lower()}", counts[f"open_stage{n}"])
            for n in STAGES
        ),
        overdue=tuple(
            Count(
                f"overdue.stage{n}",
                f"Overdue at {STAGE_LABELS[n].lower()}",
                counts[f"overdue_stage{n}"],
            )
            for n in STAGES
        ),
    )


def _compensation(scope: ReportScope) -> Compensation:
    sums = selectors.compensation_sums(scope)
    return Compensation(
        total=Money("compensation.total", "Compensation offered", sums["total"], sums["cases"]),
        by_stage=tuple(
            Money(
                f"compensation.stage{n}",
                f"Offered at {STAGE_LABELS[n].lower()}",
                sums[f"stage{n}"],
                sums[f"stage{n}_cases"],
            )
            for n in STAGES
        ),
        by_head=tuple(
            Money(f"compensation.{head}", label, sums[f"{head}_sum"], sums[f"{head}_cases"])
            for head, label in COMPENSATION_HEADS
        ),
        paid=Money("compensation.paid", "Compensation paid", sums["paid"], sums["paid_cases"]),
    )


def _outstanding_actions(scope: ReportScope, today: datetime.date) -> OutstandingActions:
    counts = selectors.action_counts(scope, today)
    return OutstandingActions(
        open=Count("actions.open", "Complaints with outstanding actions open", counts["open"]),
        overdue=Count(
            "actions.overdue", "Complaints with outstanding actions overdue", counts["overdue"]
        ),
        completed=Count(
            "actions.completed",
            "Complaints with outstanding actions completed in the period",
            counts["completed"],
        ),
    )


def _ombudsman(scope: ReportScope, today: datetime.date) -> Ombudsman:
    counts = selectors.ombudsman_counts(scope, today)
    complied = counts["complied_on_time"]
    return Ombudsman(
        cases_determined=Count(
            "ombudsman.cases_determined",
            "Ombudsman determinations",
            counts["cases_determined"],
            unit="cases",
        ),
        findings=tuple(
            Count(
                f"ombudsman.finding.{value}",
                str(label),
                counts["findings"].get(value, 0),
                unit="findings",
            )
            for value, label in OmbudsmanFinding.Finding.choices
        ),
        orders_due=Count(
            "ombudsman.orders_due", "Ombudsman orders due", counts["orders_due"], unit="orders"
        ),
        orders_complied_on_time=Rate(
            "ombudsman.orders_complied_on_time",
            "Orders complied with by their due date",
            complied,
            counts["orders_due"],
            unit="orders",
        ),
        orders_complied_late=Count(
            "ombudsman.orders_complied_late",
            "Orders complied with late",
            counts["complied_late"],
            unit="orders",
        ),
        orders_overdue=Count(
            "ombudsman.orders_overdue",
            "Orders overdue and not complied with",
            counts["overdue"],
            unit="orders",
        ),
        compensation_ordered=Money(
            "ombudsman.compensation_ordered",
            "Compensation ordered by the Ombudsman",
            counts["compensation"],
            counts["compensation_cases"],
        ),
    )


def _satisfaction(scope: ReportScope) -> Satisfaction:
    counts = selectors.satisfaction_counts(scope)
    return Satisfaction(
        invitations=Count(
            "satisfaction.invitations",
            "Satisfaction surveys sent",
            counts["invitations"],
            unit="surveys",
        ),
        responses=Rate(
            "satisfaction.responses",
            "Surveys answered",
            counts["responses"],
            counts["invitations"],
            unit="surveys",
        ),
        satisfied=Rate(
            "satisfaction.satisfied",
            "Satisfied with how the complaint was handled",
            counts["satisfied"],
            counts["responses"],
            unit="surveys",
        ),
    )


def _trends(current: _PeriodFigures, previous: _PeriodFigures) -> tuple[Trend, ...]:
    def counts(figures: _PeriodFigures) -> dict[str, tuple[str, Decimal | None, str]]:
        values: dict[str, tuple[str, Decimal | None, str]] = {}
        for count in figures.received:
            values[count.key] = (count.label, Decimal(count.value), "count")
        rate = figures.escalation_rate
        values[rate.key] = (rate.label, rate.percent, "percent")
        for outcome in figures.outcomes:
            rate = outcome.upheld_or_partly
            values[rate.key] = (rate.label, rate.percent, "percent")
        for stage in figures.timeliness:
            rate = stage.responded_on_time
            values[rate.key] = (rate.label, rate.percent, "percent")
        refused = sum(c.value for c in figures.refusals if c.key.count(".") == 1)
        values["refusal.all"] = (
            "Complaints and stage 2 requests refused",
            Decimal(refused),
            "count",
        )
        money = figures.compensation.total
        values[money.key] = (money.label, money.amount, "pounds")
        rate = figures.satisfaction.satisfied
        values[rate.key] = (rate.label, rate.percent, "percent")
        return values

    now, before = counts(current), counts(previous)
    return tuple(
        Trend(key=key, label=label, current=value, previous=before[key][1], unit=unit)
        for key, (label, value, unit) in now.items()
    )
