"""TSM CH01 and CH02 on a hand-built financial year (2025/26): the quarter worked out in
test_figures_scenario, and complaints either side of the year's end."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from putright.core.errors import DomainError
from putright.reporting.selectors import response_timeliness
from putright.reporting.tsm import financial_year, financial_year_of, tsm_complaint_measures
from putright.workdays.rules import WorkingCalendar
from tests.complaints.lifecycle import london
from tests.reporting.test_figures_scenario import quarter  # noqa: F401


@pytest.fixture
def year(quarter, log_complaint, time_machine):  # noqa: F811
    time_machine.move_to(london(2026, 4, 2, 12), tick=False)
    # Made after the 17:00 cut-off on the year's last day: it counts as received on
    # 1 April 2026, in the next financial year.
    log_complaint(received_at=london(2026, 3, 31, 17, 30), entity=quarter.council_homes)
    log_complaint(received_at=london(2026, 3, 27), entity=quarter.council_homes)
    return quarter


def test_the_financial_year_runs_from_1_april_to_31_march():
    assert financial_year(2025) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    assert financial_year_of(datetime.date(2026, 3, 31)) == 2025
    assert financial_year_of(datetime.date(2026, 4, 1)) == 2026


@pytest.mark.django_db
def test_ch01_counts_complaints_received_in_the_year_per_1000_homes(year):
    measures = tsm_complaint_measures(landlord=year.landlord, financial_year_start=2025)
    assert measures.label == "2025/26"
    assert measures.homes == 2500
    stage1, stage2 = measures.stages
    # Nine stage 1 complaints received in the quarter plus one on 27 March, less F (not
    # accepted); G, withdrawn, counts by default. H (March 2025) and the complaint made after
    # the cut-off on 31 March 2026 fall in other years.
    assert stage1.received == 9
    assert stage1.received_per_1000_homes == Decimal("3.60")
    # B and K; J's stage 2 request was refused, so it was never a stage 2 complaint.
    assert stage2.received == 2
    assert stage2.received_per_1000_homes == Decimal("0.80")


@pytest.mark.django_db
def test_ch01_leaves_out_complaints_withdrawn_before_their_response_when_so_set(year):
    measures = tsm_complaint_measures(
        landlord=year.landlord, financial_year_start=2025, include_withdrawn=False
    )
    # G was withdrawn at stage 1; K was answered at stage 1 and withdrawn at stage 2.
    assert measures.stage(1).received == 8
    assert measures.stage(2).received == 1
    assert measures.stage(2).received_per_1000_homes == Decimal("0.40")


@pytest.mark.django_db
def test_ch02_counts_responses_within_an_allowed_extension_as_within_the_timescales(year):
    measures = tsm_complaint_measures(landlord=year.landlord, financial_year_start=2025)
    stage1, stage2 = measures.stages
    # A, H and K on time; B within its 10-day extension; C beyond the Code's maximum
    # extension and D a day late.
    assert (stage1.responded, stage1.responded_within_timescale) == (6, 4)
    assert stage1.responded_within_extension == 1
    assert stage1.within_timescale_percent == Decimal("66.7")
    assert (stage2.responded, stage2.within_timescale_percent) == (1, Decimal("100.0"))


@pytest.mark.django_db
def test_an_entity_reports_ch01_against_its_own_homes(year):
    measures = tsm_complaint_measures(
        landlord=year.landlord, financial_year_start=2025, entity_id=year.company.pk
    )
    assert measures.homes == 500
    assert measures.stage(1).received == 1
    assert measures.stage(1).received_per_1000_homes == Decimal("2.00")
    assert measures.stage(1).within_timescale_percent == Decimal("0.0")
    assert measures.as_json()["stages"][0]["ch02_percent"] == 0.0


@pytest.mark.django_db
def test_with_no_homes_recorded_ch01_is_not_given(landlord):
    measures = tsm_complaint_measures(landlord=landlord, financial_year_start=2025)
    assert measures.stage(1).received_per_1000_homes is None
    assert measures.stage(1).within_timescale_percent is None


@pytest.mark.django_db
def test_a_year_out_of_range_is_refused(landlord):
    with pytest.raises(DomainError, match="financial year"):
        tsm_complaint_measures(landlord=landlord, financial_year_start=1999)


def test_stage_two_extensions_count_only_as_far_as_the_codes_20_working_days():
    calendar = WorkingCalendar()
    acknowledged = datetime.date(2025, 9, 1)  # a Monday, no bank holidays until December
    day_20 = datetime.date(2025, 9, 29)
    day_40 = datetime.date(2025, 10, 27)

    def verdict(responded: datetime.date, extension_days: int) -> str:
        return response_timeliness(
            calendar=calendar,
            stage=2,
            requested_on=acknowledged,
            acknowledged_on=acknowledged,
            responded_on=responded,
            extension_days=extension_days,
        )

    assert verdict(day_20, 0) == "on_time"
    assert verdict(day_20 + datetime.timedelta(days=1), 0) == "late"
    assert verdict(day_40, 25) == "within_extension"
    assert verdict(day_40 + datetime.timedelta(days=1), 25) == "late"


def test_a_stage_never_acknowledged_is_timed_from_the_last_day_it_could_have_been():
    calendar = WorkingCalendar()
    received = datetime.date(2025, 9, 1)
    # 5 working days to acknowledge, then 10 to respond: 15 working days from Monday 1 Sep.
    assert (
        response_timeliness(
            calendar=calendar,
            stage=1,
            requested_on=received,
            acknowledged_on=None,
            responded_on=datetime.date(2025, 9, 22),
            extension_days=0,
        )
        == "on_time"
    )
    assert (
        response_timeliness(
            calendar=calendar,
            stage=1,
            requested_on=received,
            acknowledged_on=None,
            responded_on=datetime.date(2025, 9, 23),
            extension_days=0,
        )
        == "late"
    )
