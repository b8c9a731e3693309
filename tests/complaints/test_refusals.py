"""Not accepting a complaint, or refusing stage 2 (Code 2.1-2.5, 5.11): on a stated ground, with
evidence, explained to the resident with their right to go to the Ombudsman."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from putright.complaints.models import Channel, Complaint, Refusal
from putright.complaints.services import ComplaintDetails, complaint_log, complaint_refuse
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from tests.complaints.lifecycle import last_event

Status = Complaint.Status
Ground = Refusal.Ground


def london_noon(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 12, tzinfo=ZoneInfo("Europe/London"))


def refuse(user, complaint, **changes):
    arguments = {
        "ground": Ground.LEGAL_PROCEEDINGS,
        "evidence": "Claim form issued at the county court on 3 February 2026.",
        "explanation": "The matter is now before the court, so it cannot be considered here.",
        "ombudsman_right_explained": True,
        **changes,
    }
    return complaint_refuse(actor=Actor.for_user(user), complaint=complaint, **arguments)


@pytest.fixture
def complaint(log_complaint):
    return log_complaint()


def nothing_refused(complaint) -> bool:
    stored = Complaint.objects.get(pk=complaint.pk)
    return stored.status == Status.STAGE1_AWAITING_ACKNOWLEDGEMENT and not stored.refusals.exists()


# ---------------------------------------------------------------- grounds (2.2)


@pytest.mark.parametrize(
    "ground", [Ground.LEGAL_PROCEEDINGS, Ground.PREVIOUSLY_CONSIDERED, Ground.OTHER]
)
def test_a_complaint_can_be_refused_on_a_ground_the_policy_sets_out(officer, complaint, ground):
    refusal = refuse(officer, complaint, ground=ground, other_reason="Stated reason.")
    assert (refusal.kind, refusal.ground) == (Refusal.Kind.NOT_ACCEPTED, ground)
    assert Complaint.objects.get(pk=complaint.pk).status == Status.NOT_ACCEPTED


@pytest.mark.parametrize("ground", ["", "we_are_busy"])
def test_a_refusal_needs_a_recognised_ground(officer, complaint, ground):
    with pytest.raises(DomainError) as error:
        refuse(officer, complaint, ground=ground)
    assert (error.value.provision, error.value.field) == ("2.2", "ground")
    assert nothing_refused(complaint)


def test_refusing_for_another_reason_needs_the_reason_stated(officer, complaint):
    with pytest.raises(DomainError) as error:
        refuse(officer, complaint, ground=Ground.OTHER, other_reason="  ")
    assert (error.value.provision, error.value.field) == ("2.2", "other_reason")
    assert nothing_refused(complaint)


def test_another_reason_is_kept_with_the_refusal(officer, complaint):
    refusal = refuse(officer, complaint, ground=Ground.OTHER, other_reason=" A duplicate. ")
    assert refusal.other_reason == "A duplicate."


# ------------------------------------------------------------ evidence and explanation (2.1, 2.4)


def test_a_refusal_needs_its_evidence(officer, complaint):
    with pytest.raises(DomainError) as error:
        refuse(officer, complaint, evidence="")
    assert (error.value.provision, error.value.field) == ("2.1", "evidence")
    assert nothing_refused(complaint)


def test_a_refusal_needs_an_explanation_for_the_resident(officer, complaint):
    with pytest.raises(DomainError) as error:
        refuse(officer, complaint, explanation=" ")
    assert (error.value.provision, error.value.field) == ("2.4", "explanation")
    assert nothing_refused(complaint)


def test_the_resident_must_be_told_of_their_right_to_go_to_the_ombudsman(officer, complaint):
    with pytest.raises(DomainError) as error:
        refuse(officer, complaint, ombudsman_right_explained=False)
    assert (error.value.provision, error.value.field) == ("2.4", "ombudsman_right_explained")
    assert nothing_refused(complaint)


def test_a_refusal_keeps_its_reasoning_who_decided_and_when(officer, complaint):
    refusal = refuse(officer, complaint)
    refusal.refresh_from_db()
    assert refusal.evidence.startswith("Claim form issued")
    assert refusal.explanation.startswith("The matter is now before the court")
    assert refusal.ombudsman_right_explained is True
    assert refusal.decided_by == officer
    assert refusal.decided_at is not None


def test_each_complaint_is_refused_on_its_own_merits(officer, complaint, log_complaint):
    # Code 2.5: no blanket exclusion; refusing one complaint decides nothing about another.
    other = log_complaint(description="The same boiler, a different visit.")
    refuse(officer, complaint)
    assert Complaint.objects.get(pk=other.pk).status == Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
    assert not Refusal.objects.filter(complaint=other).exists()


def test_a_refusal_is_recorded_for_the_resident(officer, complaint):
    refusal = refuse(officer, complaint)
    event = last_event(complaint)
    assert event.action == "complaint.refused"
    assert event.visible_to_resident
    assert event.subject_id == refusal.pk
    assert event.before == {"status": Status.STAGE1_AWAITING_ACKNOWLEDGEMENT}
    assert event.after == {"status": Status.NOT_ACCEPTED, "ground": Ground.LEGAL_PROCEEDINGS}


# ---------------------------------------------------------------- twelve months (2.3)


def test_refusing_an_issue_over_twelve_months_old_needs_discretion_considered(officer, complaint):
    with pytest.raises(DomainError) as error:
        refuse(officer, complaint, ground=Ground.OVER_TWELVE_MONTHS)
    assert (error.value.provision, error.value.field) == ("2.3", "discretion_considered")
    assert nothing_refused(complaint)


def test_an_issue_over_twelve_months_old_can_be_refused_once_discretion_is_considered(
    officer, complaint
):
    refusal = refuse(
        officer,
        complaint,
        ground=Ground.OVER_TWELVE_MONTHS,
        discretion_considered=True,
        discretion_notes=" No reason given for the delay of three years. ",
    )
    assert refusal.discretion_considered is True
    assert refusal.discretion_notes == "No reason given for the delay of three years."


def test_a_complaint_made_within_twelve_months_of_the_issue_must_be_accepted(
    officer, log_complaint
):
    complaint = log_complaint(
        received_at=london_noon(2026, 3, 2), occurred_on=datetime.date(2025, 3, 3)
    )
    with pytest.raises(DomainError) as error:
        refuse(officer, complaint, ground=Ground.OVER_TWELVE_MONTHS, discretion_considered=True)
    assert (error.value.provision, error.value.field) == ("2.3", "ground")
    assert "must be accepted" in error.value.message
    assert nothing_refused(complaint)


def test_a_complaint_made_on_the_anniversary_of_the_issue_is_still_within_twelve_months(
    officer, log_complaint
):
    complaint = log_complaint(
        received_at=london_noon(2026, 3, 2), occurred_on=datetime.date(2025, 3, 2)
    )
    with pytest.raises(DomainError) as error:
        refuse(officer, complaint, ground=Ground.OVER_TWELVE_MONTHS, discretion_considered=True)
    assert error.value.provision == "2.3"


def test_twelve_months_count_to_the_day_the_complaint_was_made_not_the_day_it_counts_from(
    officer, log_complaint
):
    # Made on Saturday 28 February 2026, it counts as received on Monday 2 March; the issue on
    # 1 March 2025 is within 12 months of the day it was made.
    complaint = log_complaint(
        received_at=london_noon(2026, 2, 28), occurred_on=datetime.date(2025, 3, 1)
    )
    assert complaint.received_on == datetime.date(2026, 3, 2)
    with pytest.raises(DomainError) as error:
        refuse(officer, complaint, ground=Ground.OVER_TWELVE_MONTHS, discretion_considered=True)
    assert error.value.provision == "2.3"


def test_twelve_months_run_from_when_the_resident_became_aware_of_the_issue(officer, log_complaint):
    complaint = log_complaint(
        received_at=london_noon(2026, 3, 2),
        occurred_on=datetime.date(2023, 6, 1),
        became_aware_on=datetime.date(2025, 11, 20),
    )
    with pytest.raises(DomainError) as error:
        refuse(officer, complaint, ground=Ground.OVER_TWELVE_MONTHS, discretion_considered=True)
    assert error.value.provision == "2.3"
    assert "became aware" in error.value.message


def test_an_issue_more_than_twelve_months_before_the_complaint_may_be_refused(
    officer, log_complaint
):
    complaint = log_complaint(
        received_at=london_noon(2026, 3, 2), occurred_on=datetime.date(2025, 3, 1)
    )
    refusal = refuse(
        officer, complaint, ground=Ground.OVER_TWELVE_MONTHS, discretion_considered=True
    )
    assert refusal.ground == Ground.OVER_TWELVE_MONTHS


# ---------------------------------------------------------------- stage 2 (5.11)


def test_refusing_a_stage_two_request_records_that_escalation_was_refused(
    log_complaint, lifecycle, officer
):
    complaint = lifecycle.escalate(lifecycle.responded(log_complaint()))
    refusal = refuse(officer, complaint, ground=Ground.PREVIOUSLY_CONSIDERED)
    assert refusal.kind == Refusal.Kind.ESCALATION_REFUSED
    assert Complaint.objects.get(pk=complaint.pk).status == Status.ESCALATION_REFUSED


def test_refusing_stage_two_also_needs_the_ombudsman_right_explained(
    log_complaint, lifecycle, officer
):
    complaint = lifecycle.escalate(lifecycle.responded(log_complaint()))
    with pytest.raises(DomainError) as error:
        refuse(officer, complaint, ombudsman_right_explained=False)
    assert error.value.provision == "5.11"
    assert Complaint.objects.get(pk=complaint.pk).status == Status.STAGE2_AWAITING_ACKNOWLEDGEMENT


def test_refusing_stage_two_needs_an_explanation_of_the_reasons(log_complaint, lifecycle, officer):
    complaint = lifecycle.escalate(lifecycle.responded(log_complaint()))
    with pytest.raises(DomainError) as error:
        refuse(officer, complaint, explanation="")
    assert (error.value.provision, error.value.field) == ("5.11", "explanation")


# ---------------------------------------------------------------- when and who


def test_an_acknowledged_complaint_cannot_be_refused(complaint, lifecycle, officer):
    lifecycle.acknowledge(lifecycle.define(complaint))
    with pytest.raises(DomainError):
        refuse(officer, complaint)
    assert Complaint.objects.get(pk=complaint.pk).status == Status.STAGE1_INVESTIGATING
    assert not Refusal.objects.exists()


def test_an_acknowledged_stage_two_request_cannot_be_refused(log_complaint, lifecycle, officer):
    complaint = lifecycle.escalate(lifecycle.responded(log_complaint()))
    lifecycle.acknowledge(lifecycle.define(complaint, points=["The remedy"]))
    with pytest.raises(DomainError):
        refuse(officer, complaint)


def test_a_complaint_already_refused_cannot_be_refused_again(officer, complaint):
    refuse(officer, complaint)
    with pytest.raises(DomainError):
        refuse(officer, complaint)
    assert Refusal.objects.count() == 1


def test_refusing_needs_the_triage_permission(landlord, handler):
    logged = complaint_log(
        actor=Actor.for_user(handler),
        landlord=landlord,
        details=ComplaintDetails(description="Mould.", channel=Channel.PHONE, is_anonymous=True),
    )
    with pytest.raises(NotPermittedError):
        refuse(handler, logged)
    assert Complaint.objects.get(pk=logged.pk).status == Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
