"""The report figures, checked against a quarter worked out by hand (test_figures_scenario)."""

from __future__ import annotations

import datetime
from datetime import date
from decimal import Decimal

import pytest

from putright.complaints.models import Channel
from putright.complaints.services import ComplaintDetails, complaint_log
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError
from putright.reporting.figures import ReportFigures, report_figures
from putright.reporting.selectors import ReportScope, complaint_ids_for_figure
from tests.complaints.lifecycle import london
from tests.reporting.test_figures_scenario import PERIOD_FROM, PERIOD_TO, TODAY, quarter  # noqa: F401

pytestmark = pytest.mark.django_db


def figures_for(quarter, **filters) -> ReportFigures:  # noqa: F811
    return report_figures(
        landlord=quarter.landlord,
        period_from=PERIOD_FROM,
        period_to=PERIOD_TO,
        today=TODAY,
        **filters,
    )


def by_key(counts) -> dict[str, int]:
    return {c.key: c.value for c in counts}


def by_label(counts) -> dict[str, int]:
    return {c.label: c.value for c in counts}


def test_received_counts_complaints_by_the_day_they_count_as_received(quarter):  # noqa: F811
    figures = figures_for(quarter)
    # Every complaint received in the quarter, whatever became of it (F not accepted, G and K
    # withdrawn, I not yet acknowledged); H was received in March and is not counted.
    assert by_key(figures.received) == {"received.stage1": 9, "received.stage2": 3}
    assert figures.homes == 2500
    assert figures.received_per_1000_homes == ((1, Decimal("3.60")), (2, Decimal("1.20")))


def test_stage_two_requests_count_in_the_period_asked_even_after_an_earlier_stage_one(
    quarter,  # noqa: F811
):
    figures = figures_for(quarter)
    # J was answered at stage 1 in February; its stage 2 request of 2 April counts here.
    assert complaint_ids_for_figure(scope=scope_of(quarter), key="received.stage2") == (
        quarter.ids("B", "J", "K")
    )
    assert figures.escalation_rate.numerator == 3
    assert figures.escalation_rate.denominator == 9
    assert figures.escalation_rate.percent == Decimal("33.3")
    assert by_label(figures.escalation_reasons) == {
        "Disagree with the decision": 2,
        "No reason given (none is required: Code 6.12)": 1,
    }


def test_outcomes_and_uphold_rates_count_responses_given_in_the_period(quarter):  # noqa: F811
    stage1, stage2 = figures_for(quarter).outcomes
    # A, B, C, D, K and H (received in March, answered 3 April).
    assert stage1.responded.value == 6
    assert by_key(stage1.outcomes) == {
        "outcome.stage1.upheld": 3,
        "outcome.stage1.partly_upheld": 1,
        "outcome.stage1.not_upheld": 2,
    }
    assert stage1.upheld_or_partly.percent == Decimal("66.7")
    assert stage2.responded.value == 1
    assert stage2.upheld_or_partly.percent == Decimal("100.0")


def test_refusals_are_counted_by_kind_and_ground(quarter):  # noqa: F811
    figures = figures_for(quarter)
    assert by_key(figures.refusals) == {
        "refusal.not_accepted": 1,
        "refusal.not_accepted.previously_considered": 1,
        "refusal.escalation_refused": 1,
        "refusal.escalation_refused.other": 1,
    }
    assert figures.withdrawn.value == 2


def test_acknowledgements_are_timed_in_working_days_skipping_bank_holidays(quarter):  # noqa: F811
    stage1 = figures_for(quarter).timeliness[0]
    # A was acknowledged on the 5th working day after Easter: on time. E was a day late.
    assert stage1.acknowledged.value == 6
    assert stage1.acknowledged_on_time.numerator == 5
    assert stage1.acknowledged_late.value == 1
    scope = scope_of(quarter)
    assert complaint_ids_for_figure(scope=scope, key="timeliness.stage1.acknowledged_late") == (
        quarter.ids("E")
    )
    assert quarter.complaints["A"].pk in complaint_ids_for_figure(
        scope=scope, key="timeliness.stage1.acknowledged_on_time"
    )


def test_a_response_within_an_extension_the_code_allows_counts_as_on_time(quarter):  # noqa: F811
    stage1 = figures_for(quarter).timeliness[0]
    scope = scope_of(quarter)
    assert stage1.responded.value == 6
    assert stage1.responded_on_time_without_extension.numerator == 3  # A, H, K
    assert stage1.extended.value == 2  # B, C
    assert stage1.responded_within_allowed_extension.value == 1  # B
    assert stage1.responded_on_time.numerator == 4
    assert stage1.responded_on_time.percent == Decimal("66.7")
    assert complaint_ids_for_figure(
        scope=scope, key="timeliness.stage1.responded_within_allowed_extension"
    ) == quarter.ids("B")


def test_an_extension_beyond_the_codes_maximum_does_not_make_a_response_timely(
    quarter,  # noqa: F811
):
    # C was answered before the landlord's extended date but after the Code's 10 + 10 working
    # days; D was a working day late with no extension.
    late = complaint_ids_for_figure(scope=scope_of(quarter), key="timeliness.stage1.responded_late")
    assert late == quarter.ids("C", "D")
    assert figures_for(quarter).timeliness[0].responded_late.value == 2


def test_stage_two_timeliness_uses_the_stage_two_timescales(quarter):  # noqa: F811
    stage2 = figures_for(quarter).timeliness[1]
    assert (stage2.acknowledged.value, stage2.acknowledged_on_time.numerator) == (1, 1)
    assert (stage2.responded.value, stage2.responded_on_time.numerator) == (1, 1)


def test_open_and_overdue_are_counted_today_not_in_the_period(quarter):  # noqa: F811
    open_now = figures_for(quarter).open_now
    assert open_now.as_of == TODAY
    assert by_key(open_now.open) == {"open.stage1": 2, "open.stage2": 0}
    assert by_key(open_now.overdue) == {"overdue.stage1": 1, "overdue.stage2": 0}
    assert complaint_ids_for_figure(scope=scope_of(quarter), key="overdue.stage1", today=TODAY) == (
        quarter.ids("E")
    )


def test_categories_service_areas_and_root_causes(quarter):  # noqa: F811
    figures = figures_for(quarter)
    assert by_label(figures.categories) == {
        "Repairs": 3,
        "Repairs: Damp and mould": 1,
        "No category": 5,
    }
    assert by_label(figures.service_areas) == {"Repairs": 4, "No service area": 5}
    # H's root cause was recorded in March.
    assert by_label(figures.root_causes) == {"Service failure: Delay": 2, "Communication": 1}
    assert by_label(figures.root_cause_areas) == {"Service failure": 2, "Communication": 1}


def test_compensation_offered_by_stage_and_head_leaves_out_declined_offers(quarter):  # noqa: F811
    compensation = figures_for(quarter).compensation
    assert (compensation.total.amount, compensation.total.cases) == (Decimal("350.00"), 2)
    assert [(m.amount, m.cases) for m in compensation.by_stage] == [
        (Decimal("150.00"), 1),
        (Decimal("200.00"), 1),
    ]
    assert {m.key: m.amount for m in compensation.by_head} == {
        "compensation.amount_time_and_trouble": Decimal("50.00"),
        "compensation.amount_distress_and_inconvenience": Decimal("100.00"),
        "compensation.amount_quantifiable_loss": Decimal("200.00"),
        "compensation.amount_statutory": Decimal("0.00"),
    }
    assert (compensation.paid.amount, compensation.paid.cases) == (Decimal("150.00"), 1)


def test_outstanding_actions_open_overdue_and_completed(quarter):  # noqa: F811
    actions = figures_for(quarter).outstanding_actions
    assert (actions.open.value, actions.overdue.value, actions.completed.value) == (2, 1, 1)


def test_ombudsman_findings_and_compliance_with_orders(quarter):  # noqa: F811
    ombudsman = figures_for(quarter).ombudsman
    assert ombudsman.cases_determined.value == 1
    assert {k: v for k, v in by_key(ombudsman.findings).items() if v} == {
        "ombudsman.finding.maladministration": 1,
        "ombudsman.finding.service_failure": 1,
    }
    # Recommendations are not orders; the third order is past its date and not complied with.
    assert ombudsman.orders_due.value == 3
    assert ombudsman.orders_complied_on_time.percent == Decimal("33.3")
    assert ombudsman.orders_complied_late.value == 1
    assert ombudsman.orders_overdue.value == 1
    assert ombudsman.compensation_ordered.amount == Decimal("300.00")


def test_satisfaction_with_complaint_handling(quarter):  # noqa: F811
    satisfaction = figures_for(quarter).satisfaction
    assert satisfaction.invitations.value == 3
    assert satisfaction.responses.percent == Decimal("66.7")
    assert satisfaction.satisfied.percent == Decimal("50.0")


def test_trends_compare_with_the_previous_quarter(quarter):  # noqa: F811
    figures = figures_for(quarter)
    assert (figures.previous_period_from, figures.previous_period_to) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 3, 31),
    )
    trends = {t.key: t for t in figures.trends}
    # H (25 March) and J (3 February) were received in the previous quarter.
    assert (trends["received.stage1"].current, trends["received.stage1"].previous) == (9, 2)
    assert trends["received.stage1"].change_percent == Decimal("350.0")
    assert trends["received.stage2"].previous == 0
    assert trends["received.stage2"].change_percent is None
    # A percentage changes by points: 4 of 6 on time now; before, J alone (1 of 1).
    on_time = trends["timeliness.stage1.responded_on_time"]
    assert (on_time.current, on_time.previous) == (Decimal("66.7"), Decimal("100.0"))
    assert on_time.change_points == Decimal("-33.3")
    assert on_time.change_percent is None


def test_an_entity_reports_its_own_complaints_per_its_own_homes(quarter):  # noqa: F811
    figures = figures_for(quarter, entity_id=quarter.company.pk)
    assert figures.entity_name == "Housing company"
    assert figures.homes == 500
    assert by_key(figures.received) == {"received.stage1": 1, "received.stage2": 0}
    assert figures.received_per_1000_homes[0] == (1, Decimal("2.00"))
    # The Ombudsman case is about H, a council-homes complaint.
    assert figures.ombudsman.cases_determined.value == 0


def test_a_service_area_reports_only_its_complaints(quarter):  # noqa: F811
    figures = figures_for(quarter, service_area_id=quarter.repairs_area.pk)
    assert by_key(figures.received)["received.stage1"] == 4
    assert figures.compensation.total.amount == Decimal("350.00")


def test_every_drill_down_lists_as_many_complaints_as_its_figure_counts(quarter):  # noqa: F811
    figures = figures_for(quarter)
    scope = scope_of(quarter)
    checked = 0
    for count in all_counts(figures):
        ids = complaint_ids_for_figure(scope=scope, key=count.key, today=TODAY)
        if count.unit == "complaints":
            assert len(ids) == count.value, count.key
        else:  # orders, findings, surveys: the complaints they concern
            assert len(ids) <= count.value, count.key
            assert bool(ids) == bool(count.value), count.key
        checked += 1
    assert checked > 50


def test_an_unknown_figure_cannot_be_drilled_into(quarter):  # noqa: F811
    with pytest.raises(NotFoundError):
        complaint_ids_for_figure(scope=scope_of(quarter), key="outcome.stage3.upheld")


def test_a_period_ending_before_it_starts_is_refused(landlord):
    with pytest.raises(DomainError, match="end of the period"):
        report_figures(
            landlord=landlord,
            period_from=datetime.date(2025, 4, 1),
            period_to=datetime.date(2025, 3, 31),
        )


def test_the_json_form_carries_every_figure(quarter):  # noqa: F811
    data = figures_for(quarter).as_json()
    assert data["schema"] == "putright.report-figures/1"
    assert data["period"] == {"from": "2025-04-01", "to": "2025-06-30"}
    assert data["received_per_1000_homes"] == [
        {"stage": 1, "rate": 3.6},
        {"stage": 2, "rate": 1.2},
    ]
    assert data["compensation"]["total"] == {
        "key": "compensation.total",
        "label": "Compensation offered",
        "amount": "350.00",
        "cases": 2,
    }
    assert data["timeliness"][0]["responded_on_time"]["percent"] == 66.7


def scope_of(quarter) -> ReportScope:  # noqa: F811
    return ReportScope(
        landlord_id=quarter.landlord.pk, period_from=PERIOD_FROM, period_to=PERIOD_TO
    )


def all_counts(figures: ReportFigures):
    """Every drillable count of the figures: counts, rates (their numerators), and money
    (the complaints it covers)."""
    from putright.reporting.figures import Count, Money, Rate

    def walk(value):
        if isinstance(value, Count):
            yield value
        elif isinstance(value, Rate):
            yield Count(value.key, value.label, value.numerator, value.unit)
        elif isinstance(value, Money):
            yield Count(value.key, value.label, value.cases)
        elif isinstance(value, tuple):
            for item in value:
                yield from walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                if name != "trends":
                    yield from walk(getattr(value, name))

    yield from walk(figures)


def test_another_landlords_complaints_are_never_counted(
    quarter,  # noqa: F811
    other_landlord,
    other_landlord_officer,
):
    # Alone in the database, the landlord's figures are counted without a filter on it...
    alone = figures_for(quarter).as_json()
    # ...and once another landlord has complaints in the same quarter, with it: the same.
    complaint_log(
        actor=Actor.for_user(other_landlord_officer),
        landlord=other_landlord,
        details=ComplaintDetails(
            received_at=london(2025, 5, 6, 10),
            description="The lift has been broken for a month.",
            channel=Channel.PHONE,
            is_anonymous=True,
        ),
    )
    assert figures_for(quarter).as_json() == alone
    others = report_figures(
        landlord=other_landlord, period_from=PERIOD_FROM, period_to=PERIOD_TO, today=TODAY
    )
    assert by_key(others.received)["received.stage1"] == 1
    received = by_key(figures_for(quarter).received)["received.stage1"]
    assert len(complaint_ids_for_figure(scope=scope_of(quarter), key="received.stage1")) == received


def test_the_figures_take_the_same_number_of_queries_however_many_complaints(
    quarter,  # noqa: F811
    log_complaint,
    lifecycle,
    django_assert_num_queries,
):
    # 4 aggregate queries for the period and the one before together (complaints, stages and
    # timeliness (2)), 9 more for the period, 4 more for the headline figures of the period
    # before, and 9 for the rest: the landlord (and whether it is alone), homes, calendar, open
    # now, outstanding actions and the Ombudsman (3).
    with django_assert_num_queries(26):
        figures_for(quarter)
    for day in range(2, 12):
        complaint = log_complaint(received_at=london(2025, 6, day, 9))
        lifecycle.investigating(complaint, acknowledged_at=london(2025, 6, day, 11))
    with django_assert_num_queries(26):
        figures = figures_for(quarter)
    assert by_key(figures.received)["received.stage1"] == 19


def test_reasons_beyond_the_most_common_are_counted_together(quarter, monkeypatch):  # noqa: F811
    from putright.reporting import selectors

    monkeypatch.setattr(selectors, "ESCALATION_REASONS_SHOWN", 1)
    figures = figures_for(quarter)
    assert by_key(figures.escalation_reasons) == {
        "escalation_reason.Disagree with the decision": 2,
        "escalation_reason_other": 1,
    }
    assert complaint_ids_for_figure(scope=scope_of(quarter), key="escalation_reason_other") == (
        quarter.ids("J")
    )


def test_a_reason_only_one_resident_gave_is_not_shown_word_for_word(
    quarter,  # noqa: F811
    lifecycle,
    log_complaint,
):
    from putright.complaints.services import complaint_escalate
    from putright.core.actors import Actor

    complaint = log_complaint(received_at=london(2025, 4, 7))
    lifecycle.investigating(complaint, acknowledged_at=london(2025, 4, 8))
    lifecycle.respond(complaint, responded_at=london(2025, 4, 9))
    complaint_escalate(
        actor=Actor.resident(quarter.landlord.pk),
        complaint=complaint,
        requested_at=london(2025, 4, 10),
        reason="My neighbour at number 14 shouts at my children",
    )
    reasons = by_label(figures_for(quarter).escalation_reasons)
    assert reasons["Other reasons"] == 1
    assert not any("neighbour" in label for label in reasons)


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        # A financial year with 29 February in it is compared with the whole year before.
        ((date(2023, 4, 1), date(2024, 3, 31)), (date(2022, 4, 1), date(2023, 3, 31))),
        ((date(2025, 10, 1), date(2025, 12, 31)), (date(2025, 7, 1), date(2025, 9, 30))),
        # Dates that are not whole months: as many days before.
        ((date(2025, 5, 10), date(2025, 5, 19)), (date(2025, 4, 30), date(2025, 5, 9))),
    ],
)
def test_the_previous_period_is_the_same_length_just_before(period, previous):
    scope = ReportScope(landlord_id=1, period_from=period[0], period_to=period[1]).previous()
    assert (scope.period_from, scope.period_to) == previous
