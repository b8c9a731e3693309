"""Code 9.7c: Ombudsman cases, the finding on each issue, and orders followed to compliance."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine

from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.models import Event
from putright.learning.models import OmbudsmanCase
from putright.learning.selectors import (
    CaseFilters,
    ombudsman_case_list,
    ombudsman_order_list_overdue,
)
from putright.learning.services import (
    ombudsman_case_create,
    ombudsman_case_update,
    ombudsman_finding_add,
    ombudsman_finding_remove,
    ombudsman_order_add,
    ombudsman_order_record_compliance,
)

MAY_2026 = datetime.datetime(2026, 5, 15, 12, tzinfo=datetime.UTC)


@pytest.fixture
def case(lead, log_complaint):
    with time_machine.travel(MAY_2026):
        return ombudsman_case_create(
            actor=lead,
            ombudsman_reference="202412345",
            referred_on=datetime.date(2026, 1, 10),
            complaint_reference=log_complaint().reference,
        )


def test_a_referral_is_linked_to_the_complaint_and_shows_in_its_history(case):
    event = Event.objects.filter(complaint_id=case.complaint_id).order_by("-id").first()
    assert event.action == "ombudsman_case.created"
    assert "202412345" in event.summary


def test_a_referral_need_not_be_about_a_complaint_recorded_here(lead):
    case = ombudsman_case_create(
        actor=lead, ombudsman_reference="202300001", referred_on=datetime.date(2025, 6, 1)
    )
    assert case.complaint is None


def test_the_same_ombudsman_reference_cannot_be_recorded_twice(lead, case):
    with pytest.raises(DomainError, match="already recorded") as refused:
        ombudsman_case_create(
            actor=lead, ombudsman_reference="202412345", referred_on=datetime.date(2026, 1, 10)
        )
    assert refused.value.field == "ombudsman_reference"


def test_only_the_senior_lead_records_ombudsman_cases(officer, board_member):
    for person in (officer, board_member):
        with pytest.raises(NotPermittedError):
            ombudsman_case_create(
                actor=Actor.for_user(person),
                ombudsman_reference="1",
                referred_on=datetime.date(2026, 1, 1),
            )


def test_a_determination_has_a_date_not_before_the_referral(lead, case):
    with pytest.raises(DomainError, match="Enter the date of the determination"):
        ombudsman_case_update(actor=lead, case=case, status="determined")
    with pytest.raises(DomainError, match="before the referral"):
        ombudsman_case_update(
            actor=lead, case=case, status="determined", determination_on=datetime.date(2026, 1, 9)
        )
    with pytest.raises(DomainError, match="Only a determined case"):
        ombudsman_case_update(
            actor=lead,
            case=case,
            status="investigating",
            determination_on=datetime.date(2026, 2, 1),
        )
    determined = ombudsman_case_update(
        actor=lead, case=case, status="determined", determination_on=datetime.date(2026, 4, 2)
    )
    assert determined.status == OmbudsmanCase.Status.DETERMINED


def test_a_finding_per_issue_from_the_seven_findings(lead, case):
    ombudsman_finding_add(
        actor=lead, case=case, issue="Handling of repairs", finding="maladministration"
    )
    mistaken = ombudsman_finding_add(
        actor=lead, case=case, issue="Complaint handling", finding="service_failure"
    )
    with pytest.raises(DomainError, match="Choose the Ombudsman's finding"):
        ombudsman_finding_add(actor=lead, case=case, issue="Other", finding="partly_upheld")
    ombudsman_finding_remove(actor=lead, finding=mistaken)
    assert [f.finding for f in case.findings.all()] == ["maladministration"]
    assert Event.objects.filter(action="ombudsman_case.finding_removed").exists()


def test_an_order_has_a_due_date_and_compensation_in_pounds(lead, case):
    with pytest.raises(DomainError, match="complied with by"):
        ombudsman_order_add(
            actor=lead, case=case, kind="order", description="Pay £300", due_on=None
        )
    with pytest.raises(DomainError, match="amount in pounds"):
        ombudsman_order_add(
            actor=lead,
            case=case,
            kind="order",
            description="Pay",
            due_on=datetime.date(2026, 6, 1),
            compensation_amount="-5",
        )
    # A recommendation need not have a due date.
    ombudsman_order_add(
        actor=lead, case=case, kind="recommendation", description="Review the policy", due_on=None
    )
    order = ombudsman_order_add(
        actor=lead,
        case=case,
        kind="order",
        description="Pay the resident £300 for distress and inconvenience",
        due_on=datetime.date(2026, 6, 1),
        compensation_amount=Decimal("300"),
    )
    assert order.compensation_amount == Decimal("300.00")


def test_overdue_orders_are_listed_until_complied_with(lead, case, django_assert_num_queries):
    with time_machine.travel(MAY_2026):
        order = ombudsman_order_add(
            actor=lead,
            case=case,
            kind="order",
            description="Apologise in writing",
            due_on=datetime.date(2026, 5, 1),
            compensation_amount="150",
        )
        assert ombudsman_order_list_overdue(actor=lead) == [order]
        with django_assert_num_queries(2):  # the cases, then their findings
            listed = list(ombudsman_case_list(actor=lead, filters=CaseFilters(overdue_orders=True)))
        assert listed == [case]
        assert listed[0].overdue_orders == 1
        assert listed[0].compensation_ordered == Decimal("150.00")
        with pytest.raises(DomainError, match="cannot be in the future"):
            ombudsman_order_record_compliance(
                actor=lead, order=order, complied_on=datetime.date(2026, 5, 16)
            )
        with pytest.raises(DomainError, match="before the order was complied with"):
            ombudsman_order_record_compliance(
                actor=lead,
                order=order,
                complied_on=datetime.date(2026, 5, 10),
                evidence_sent_on=datetime.date(2026, 5, 9),
            )
        ombudsman_order_record_compliance(
            actor=lead,
            order=order,
            complied_on=datetime.date(2026, 5, 10),
            evidence_sent_on=datetime.date(2026, 5, 11),
        )
        assert ombudsman_order_list_overdue(actor=lead) == []
        assert not ombudsman_case_list(actor=lead, filters=CaseFilters(overdue_orders=True))
    event = Event.objects.filter(action="ombudsman_case.order_complied").get()
    assert "after its due date" in event.summary
    assert event.complaint_id == case.complaint_id


def test_the_governing_body_reads_cases_but_cannot_change_them(board_member, case):
    board = Actor.for_user(board_member)
    assert list(ombudsman_case_list(actor=board)) == [case]
    with pytest.raises(NotPermittedError):
        ombudsman_finding_add(actor=board, case=case, issue="x", finding="maladministration")
