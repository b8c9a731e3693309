"""Timeliness is counted by the database (Code 6.2-6.4, 6.11, 6.14, 6.15): for any dates,
extensions and closure days, the counts and the drill-down lists give the same verdicts as the
rules written in Python (``acknowledged_on_time``, ``response_timeliness``), stage by stage."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from putright.complaints.models import Complaint, Extension, Stage
from putright.core.errors import DomainError
from putright.reporting import selectors
from putright.reporting.selectors import (
    TIMELINESS_MEASURES,
    ReportScope,
    acknowledged_on_time,
    complaint_ids_for_figure,
    response_timeliness,
    timeliness_counts,
)
from putright.workdays.models import ClosureDay
from putright.workdays.rules import LONDON
from putright.workdays.selectors import calendar_for_landlord

# The financial year 2025/26: Easter, both May bank holidays, the summer bank holiday,
# Christmas and the clocks changing all fall inside it; stages start a little before it and
# end a little after it, so that its edges are crossed both ways.
PERIOD = (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
FIRST_REQUEST = datetime.date(2025, 2, 1)
LAST_REQUEST = datetime.date(2026, 4, 10)
CLOSURES = (datetime.date(2025, 12, 29), datetime.date(2025, 12, 30), datetime.date(2025, 12, 31))
_references = itertools.count(1)


@dataclass(frozen=True)
class StageSpec:
    number: int
    requested_on: datetime.date
    acknowledged_after: int | None  # calendar days after the request; None: never
    responded_after: int | None  # calendar days after acknowledgement (or the request)
    extensions: tuple[int, ...]
    late_evening: bool  # acknowledged and answered at 23:30 London time


stage_specs = st.builds(
    StageSpec,
    number=st.sampled_from((1, 2)),
    requested_on=st.dates(FIRST_REQUEST, LAST_REQUEST),
    acknowledged_after=st.one_of(st.none(), st.integers(0, 12)),
    responded_after=st.one_of(st.none(), st.integers(0, 75)),
    extensions=st.lists(st.integers(1, 25), max_size=2).map(tuple),
    late_evening=st.booleans(),
)


def _at(day: datetime.date, late_evening: bool) -> datetime.datetime:
    clock = datetime.time(23, 30) if late_evening else datetime.time(9, 0)
    return datetime.datetime.combine(day, clock, tzinfo=LONDON)


def _record(landlord, spec: StageSpec) -> Stage:
    received_at = _at(spec.requested_on, late_evening=False)
    complaint = Complaint.objects.create(
        landlord=landlord,
        reference=f"TIME-{next(_references):06d}",
        status=Complaint.Status.CLOSED,
        received_at=received_at,
        received_on=spec.requested_on,
        channel="phone",
        description="Timeliness example",
    )
    acknowledged_on = (
        None
        if spec.acknowledged_after is None
        else spec.requested_on + datetime.timedelta(days=spec.acknowledged_after)
    )
    responded_on = (
        None
        if spec.responded_after is None
        else (acknowledged_on or spec.requested_on) + datetime.timedelta(days=spec.responded_after)
    )
    stage = Stage.objects.create(
        complaint=complaint,
        number=spec.number,
        requested_at=received_at,
        requested_on=spec.requested_on,
        acknowledgement_due=spec.requested_on,
        acknowledged_at=acknowledged_on and _at(acknowledged_on, spec.late_evening),
        responded_at=responded_on and _at(responded_on, spec.late_evening),
        outcome=Stage.Outcome.UPHELD if responded_on else "",
    )
    for days in spec.extensions:
        Extension.objects.create(
            stage=stage,
            working_days=days,
            reason="More time was needed.",
            previous_due=spec.requested_on,
            new_due=spec.requested_on,
            resident_informed_on=spec.requested_on,
            ombudsman_details_given=True,
            created_at=received_at,
        )
    return stage


def _in_period(day: datetime.date | None, scope: ReportScope) -> bool:
    return day is not None and scope.period_from <= day <= scope.period_to


def _expected(calendar, stages: list[Stage], scope: ReportScope) -> dict[int, dict[str, set[int]]]:
    """Each timeliness measure's complaints in the period, stage by stage, by the rules in
    Python."""
    expected: dict[int, dict[str, set[int]]] = {
        number: {measure: set() for measure in TIMELINESS_MEASURES} for number in (1, 2)
    }
    for stage in stages:
        sets = expected[stage.number]
        acknowledged_on = stage.acknowledged_at and stage.acknowledged_at.astimezone(LONDON).date()
        responded_on = stage.responded_at and stage.responded_at.astimezone(LONDON).date()
        if _in_period(acknowledged_on, scope):
            sets["acknowledged"].add(stage.complaint_id)
            in_time = acknowledged_on_time(
                calendar=calendar,
                stage=stage.number,
                requested_on=stage.requested_on,
                acknowledged_on=acknowledged_on,
            )
            sets["acknowledged_on_time" if in_time else "acknowledged_late"].add(stage.complaint_id)
        if _in_period(responded_on, scope):
            extension_days = sum(e.working_days for e in stage.extensions.all())
            sets["responded"].add(stage.complaint_id)
            if extension_days:
                sets["extended"].add(stage.complaint_id)
            verdict = response_timeliness(
                calendar=calendar,
                stage=stage.number,
                requested_on=stage.requested_on,
                acknowledged_on=acknowledged_on,
                responded_on=responded_on,
                extension_days=extension_days,
            )
            measure = {
                "on_time": "responded_on_time_without_extension",
                "within_extension": "responded_within_allowed_extension",
                "late": "responded_late",
            }[verdict]
            sets[measure].add(stage.complaint_id)
            if verdict != "late":
                sets["responded_on_time"].add(stage.complaint_id)
    return expected


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(stage_specs, min_size=1, max_size=40))
def test_the_database_decides_timeliness_as_the_codes_rules_do(landlord, specs):
    for day in CLOSURES:
        ClosureDay.objects.get_or_create(landlord=landlord, date=day, description="Closed")
    stages = [_record(landlord, spec) for spec in specs]
    try:
        calendar = calendar_for_landlord(landlord_id=landlord.pk)
        scope = ReportScope(landlord_id=landlord.pk, period_from=PERIOD[0], period_to=PERIOD[1])
        # The year before is counted in the same pass, as the report does for its trends.
        periods = (scope, scope.previous())
        counted = timeliness_counts(periods, calendar)
        # The landlord is alone here: counted without the filter on it, the same.
        alone = [replace(period, landlord_is_alone=True) for period in periods]
        assert timeliness_counts(alone, calendar) == counted
        for index, counts in enumerate(counted):
            for number in (1, 2):
                wanted = _expected(calendar, stages, periods[index])[number]
                got = counts[number]
                assert (
                    got.acknowledged,
                    got.acknowledged_on_time,
                    got.responded,
                    got.responded_on_time,
                    got.responded_within_extension,
                    got.extended,
                ) == (
                    len(wanted["acknowledged"]),
                    len(wanted["acknowledged_on_time"]),
                    len(wanted["responded"]),
                    len(wanted["responded_on_time_without_extension"]),
                    len(wanted["responded_within_allowed_extension"]),
                    len(wanted["extended"]),
                )
        for number, wanted in _expected(calendar, stages, scope).items():
            for measure, complaint_ids in wanted.items():
                listed = complaint_ids_for_figure(
                    scope=scope, key=f"timeliness.stage{number}.{measure}"
                )
                assert set(listed) == complaint_ids, measure
    finally:
        Complaint.objects.filter(pk__in=[stage.complaint_id for stage in stages]).delete()


@pytest.mark.django_db
def test_a_closure_day_moves_the_response_deadline_by_a_working_day(landlord, other_landlord):
    # Acknowledged on Monday 22 September 2025; closed on Friday 3 October, so the Code's 10
    # working days at stage 1 run to Tuesday 7 October instead of Monday 6.
    ClosureDay.objects.create(
        landlord=landlord, date=datetime.date(2025, 10, 3), description="Office move"
    )
    on_time = _record(landlord, StageSpec(1, datetime.date(2025, 9, 18), 4, 15, (), True))
    late = _record(landlord, StageSpec(1, datetime.date(2025, 9, 18), 4, 16, (), False))
    # Another landlord's stage on the same days is not counted.
    _record(other_landlord, StageSpec(1, datetime.date(2025, 9, 18), 4, 15, (), True))
    scope = ReportScope(landlord_id=landlord.pk, period_from=PERIOD[0], period_to=PERIOD[1])
    counts = timeliness_counts([scope], calendar_for_landlord(landlord_id=landlord.pk))[0][1]
    assert (counts.responded, counts.responded_on_time) == (2, 1)
    assert complaint_ids_for_figure(scope=scope, key="timeliness.stage1.responded_late") == [
        late.complaint_id
    ]
    assert complaint_ids_for_figure(
        scope=scope, key="timeliness.stage1.responded_on_time_without_extension"
    ) == [on_time.complaint_id]


@pytest.mark.django_db
def test_no_stages_in_the_period_count_nothing(landlord):
    scope = ReportScope(landlord_id=landlord.pk, period_from=PERIOD[0], period_to=PERIOD[1])
    counts = timeliness_counts([scope], calendar_for_landlord(landlord_id=landlord.pk))[0]
    assert counts[1].responded == counts[2].acknowledged == 0
    assert complaint_ids_for_figure(scope=scope, key="timeliness.stage2.responded") == []


@pytest.mark.django_db
def test_requests_dated_decades_back_are_refused_with_a_reason(landlord, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_TIMELINESS_SPAN_DAYS", 400)
    _record(landlord, StageSpec(1, datetime.date(2024, 1, 2), 1, 500, (), False))
    _record(landlord, StageSpec(1, datetime.date(2025, 6, 2), 1, 10, (), False))
    scope = ReportScope(landlord_id=landlord.pk, period_from=PERIOD[0], period_to=PERIOD[1])
    with pytest.raises(DomainError, match="requested from 02 January 2024"):
        timeliness_counts([scope], calendar_for_landlord(landlord_id=landlord.pk))
