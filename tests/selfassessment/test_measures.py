"""Practice measured from the records, provision by provision, against the Code."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from putright.complaints.models import ComplaintPoint, Extension, Refusal, Stage
from putright.complaints.services import complaint_refuse, stage_extend
from putright.core.actors import Actor
from putright.landlords.models import ComplaintPolicy
from putright.learning.models import ExceptionalCircumstance
from putright.provisions.catalogue import provision_get
from putright.selfassessment.measures import MEASURES, measure_all
from tests.complaints.lifecycle import london
from tests.selfassessment.conftest import PERIOD, TODAY


def measured(landlord, provision):
    return measure_all(landlord=landlord, period_from=PERIOD[0], period_to=PERIOD[1], today=TODAY)[
        provision
    ]


def test_every_measure_answers_a_provision_of_the_self_assessment_form():
    for number in MEASURES:
        assert provision_get(number).in_self_assessment_form


def test_stage_one_acknowledgement_counts_those_within_five_working_days_and_flags_a_late_one(
    landlord, four_stage_one_complaints
):
    measurement = measured(landlord, "6.2")
    assert measurement.evidence.startswith(
        "3 of 4 stage 1 complaints acknowledged within 5 working days (75.0 %)."
    )
    assert measurement.shortfall


def test_acknowledgement_all_in_time_is_not_flagged(landlord, log_complaint, lifecycle):
    complaint = log_complaint(received_at=london(2026, 3, 2, 9))
    lifecycle.define(complaint)
    lifecycle.acknowledge(complaint, at=london(2026, 3, 9, 16))  # the fifth working day
    measurement = measured(landlord, "6.2")
    assert "1 of 1 stage 1 complaints acknowledged within 5 working days (100.0 %)" in (
        measurement.evidence
    )
    assert not measurement.shortfall


def test_an_unacknowledged_complaint_past_the_codes_deadline_counts_as_late(
    landlord, log_complaint
):
    log_complaint(received_at=london(2026, 3, 2, 9))  # due 9 March; today is 20 March
    log_complaint(received_at=london(2026, 3, 19, 9))  # due 26 March: not yet due
    measurement = measured(landlord, "6.2")
    assert "0 of 1 stage 1 complaints acknowledged" in measurement.evidence
    assert "1 not yet due to be acknowledged" in measurement.evidence
    assert measurement.shortfall


def test_a_refused_complaint_is_not_counted_as_an_unacknowledged_one(
    landlord, log_complaint, officer
):
    complaint = log_complaint(received_at=london(2026, 3, 2, 9))
    complaint_refuse(
        actor=Actor.for_user(officer),
        complaint=complaint,
        ground=Refusal.Ground.LEGAL_PROCEEDINGS,
        evidence="Court papers dated 1 March.",
        explanation="Legal proceedings have started, so this is for the court.",
        ombudsman_right_explained=True,
    )
    assert measured(landlord, "6.2").evidence.startswith(
        "No stage 1 complaints were due to be acknowledged"
    )


def test_a_policy_timescale_looser_than_the_code_is_flagged(landlord):
    # The service refuses such a setting; a database edited by hand, or an old one, may not.
    ComplaintPolicy.objects.filter(landlord=landlord).update(stage1_acknowledgement_days=7)
    measurement = measured(landlord, "6.2")
    assert "stage 1 acknowledgement at 7 working days, longer than the Code's 5" in (
        measurement.evidence
    )
    assert measurement.shortfall


def test_a_policy_time_limit_shorter_than_twelve_months_is_flagged(landlord):
    ComplaintPolicy.objects.filter(landlord=landlord).update(complaint_time_limit_months=6)
    measurement = measured(landlord, "2.3")
    assert "within 6 months" in measurement.evidence
    assert measurement.shortfall


@pytest.fixture
def stage_two_answered(log_complaint, lifecycle, time_machine):
    time_machine.move_to(london(2026, 3, 2, 12), tick=False)
    complaint = lifecycle.stage_two_responded(log_complaint(received_at=london(2026, 3, 2, 9)))
    time_machine.move_to(london(2026, 3, 20, 12), tick=False)
    return complaint


def test_stage_two_handler_differed_in_every_case(landlord, stage_two_answered):
    measurement = measured(landlord, "6.13")
    assert measurement.evidence.startswith("In every one of the 1 stage 2 complaints")
    assert not measurement.shortfall


def test_stage_two_considered_by_the_stage_one_handler_is_flagged(
    landlord, stage_two_answered, handler
):
    # As an imported record might show: the service itself refuses this (Code 6.13).
    Stage.objects.filter(complaint=stage_two_answered, number=2).update(
        handler=handler, responded_by=handler
    )
    measurement = measured(landlord, "6.13")
    assert measurement.evidence.startswith(
        "In 1 of 1 stage 2 complaints (100.0 %) the same person considered stage 1 and stage 2."
    )
    assert measurement.shortfall


def test_every_extension_carried_the_ombudsmans_details(
    landlord, four_stage_one_complaints, handler, lifecycle
):
    complaint = lifecycle.assign(four_stage_one_complaints[0])
    stage_extend(
        actor=Actor.for_user(handler),
        complaint=complaint,
        working_days=5,
        reason="Waiting for the surveyor.",
        resident_informed_on=TODAY,
        ombudsman_details_given=True,
    )
    assert measured(landlord, "6.5").evidence == (
        "Every one of the 1 stage 1 extensions was given with the Ombudsman's contact details."
    )
    Extension.objects.update(ombudsman_details_given=False)
    measurement = measured(landlord, "6.5")
    assert measurement.evidence.startswith(
        "0 of 1 stage 1 extensions given with the Ombudsman's contact details (0.0 %)"
    )
    assert measurement.shortfall


def test_every_refusal_explained_with_the_right_to_the_ombudsman(landlord, log_complaint, officer):
    complaint = log_complaint(received_at=london(2026, 3, 2, 9))
    complaint_refuse(
        actor=Actor.for_user(officer),
        complaint=complaint,
        ground=Refusal.Ground.PREVIOUSLY_CONSIDERED,
        evidence="Complaint C2025-00012 answered the same points.",
        explanation="We answered this in December.",
        ombudsman_right_explained=True,
    )
    measurement = measured(landlord, "2.4")
    assert measurement.evidence.startswith("Every one of the 1 complaints not accepted")
    assert not measurement.shortfall
    Refusal.objects.update(ombudsman_right_explained=False)
    measurement = measured(landlord, "2.4")
    assert measurement.evidence.startswith(
        "0 of 1 complaints not accepted explained with the right to go to the Ombudsman (0.0 %)"
    )
    assert measurement.shortfall
    assert "already considered under the complaints policy: 1" in measured(landlord, "2.1").evidence


def test_no_senior_lead_or_member_responsible_is_flagged(landlord):
    assert measured(landlord, "9.4").shortfall
    assert measured(landlord, "9.5").shortfall


def test_the_senior_lead_and_member_responsible_are_found(landlord, manager, board_member):
    assert not measured(landlord, "9.4").shortfall
    assert not measured(landlord, "9.5").shortfall


def test_stage_one_responses_past_the_codes_ten_working_days_are_flagged(
    landlord, four_stage_one_complaints
):
    # Three acknowledged on 4 March: due by 18 March under the Code, unanswered on 20 March.
    # The fourth, acknowledged on 12 March, is not due until 26 March and is not counted.
    measurement = measured(landlord, "6.3")
    assert measurement.evidence.startswith(
        "0 of 3 stage 1 responses given within 10 working days of acknowledgement, or within "
        "an extension (0.0 %)."
    )
    assert measurement.shortfall


def test_late_responses_without_agreed_update_intervals_are_flagged(
    landlord, four_stage_one_complaints
):
    measurement = measured(landlord, "5.9")
    assert measurement.evidence.startswith("0 of 3 responses that fell outside their timescale")
    assert measurement.shortfall


def test_a_stage_two_acknowledged_and_answered_in_time_meets_the_code(landlord, stage_two_answered):
    results = measure_all(
        landlord=landlord, period_from=PERIOD[0], period_to=PERIOD[1], today=TODAY
    )
    assert results["6.11"].evidence.startswith(
        "1 of 1 stage 2 requests acknowledged within 5 working days (100.0 %)."
    )
    assert results["6.14"].evidence.startswith(
        "1 of 1 stage 2 final responses given within 20 working days of acknowledgement"
    )
    assert results["6.18"].evidence.startswith(
        "1 of 1 stage 2 final responses answered every point of the complaint definition"
    )
    assert not any(results[p].shortfall for p in ("6.11", "6.14", "6.18"))


def test_a_point_left_without_reasons_is_flagged(landlord, stage_two_answered):
    ComplaintPoint.objects.filter(stage__number=2).update(reasons="")
    assert measured(landlord, "6.18").shortfall


def test_exceptional_circumstances_not_reported_to_the_ombudsman_are_flagged(landlord):
    circumstance = ExceptionalCircumstance.objects.create(
        landlord=landlord,
        starts_on=datetime.date(2026, 3, 5),
        description="A cyber incident took the housing system offline.",
        created_at=timezone.now(),
    )
    measurement = measured(landlord, "8.5")
    assert measurement.evidence.startswith("0 of 1 exceptional circumstances reported")
    assert measurement.shortfall
    circumstance.ombudsman_informed_on = circumstance.residents_informed_on = TODAY
    circumstance.save()
    assert not measured(landlord, "8.5").shortfall
