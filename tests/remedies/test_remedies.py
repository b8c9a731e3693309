"""Putting things right (Code 5.13, 7.1, 7.3): a remedy says what will happen and by when, a
financial one how much, for what and how it is paid, and every remedy is followed through."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from putright.complaints.models import Complaint, Refusal
from putright.complaints.services import complaint_refuse, complaint_withdraw
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError, NotPermittedError
from putright.core.models import Event
from putright.remedies.models import Remedy
from putright.remedies.services import (
    remedy_complete,
    remedy_offer,
    remedy_record_payment,
    remedy_record_response,
)
from tests.complaints.lifecycle import events, last_event

Kind = Remedy.Kind
Status = Remedy.Status

NON_FINANCIAL = [kind for kind in Kind.values if kind != Kind.FINANCIAL]


def today() -> datetime.date:
    return timezone.localdate()


def in_days(days: int) -> datetime.date:
    return today() + datetime.timedelta(days=days)


@pytest.fixture
def complaint(log_complaint, lifecycle):
    return lifecycle.investigating(log_complaint())


def offer(user, complaint, **changes):
    arguments = {
        "kind": Kind.APOLOGY,
        "description": "A written apology from the head of repairs.",
        "due_on": in_days(7),
        **changes,
    }
    return remedy_offer(actor=Actor.for_user(user), complaint=complaint, **arguments)


def compensation(user, complaint, **changes):
    arguments = {
        "kind": Kind.FINANCIAL,
        "description": "Compensation for the weeks without heating.",
        "amounts": {
            "amount_time_and_trouble": Decimal("50.00"),
            "amount_distress_and_inconvenience": Decimal("150.00"),
        },
        "payment_method": Remedy.PaymentMethod.RENT_ACCOUNT,
        **changes,
    }
    return offer(user, complaint, **arguments)


# ---------------------------------------------------------------- the offer (7.1, 7.3)


@pytest.mark.parametrize("kind", NON_FINANCIAL)
def test_each_remedy_the_code_lists_can_be_offered(complaint, handler, kind):
    remedy = offer(handler, complaint, kind=kind)
    assert (remedy.kind, remedy.status, remedy.total_amount) == (kind, Status.OFFERED, Decimal(0))


def test_a_remedy_not_in_the_code_is_refused(complaint, handler):
    with pytest.raises(DomainError) as error:
        offer(handler, complaint, kind="gift_hamper")
    assert (error.value.provision, error.value.field) == ("7.1", "kind")


def test_a_remedy_sets_out_what_will_happen(complaint, handler):
    with pytest.raises(DomainError) as error:
        offer(handler, complaint, description="  ")
    assert (error.value.provision, error.value.field) == ("7.3", "description")
    assert not Remedy.objects.exists()


def test_a_remedy_sets_out_by_when_and_not_before_it_is_offered(complaint, handler):
    with pytest.raises(DomainError) as error:
        offer(handler, complaint, due_on=in_days(-1))
    assert (error.value.provision, error.value.field) == ("7.3", "due_on")


def test_a_remedy_records_what_by_when_and_who_offered_it(complaint, handler):
    remedy = offer(handler, complaint, description="  An apology.  ", due_on=in_days(3))
    remedy.refresh_from_db()
    assert remedy.description == "An apology."
    assert remedy.due_on == in_days(3)
    assert remedy.offered_on == today()
    assert remedy.created_by == handler


def test_a_remedy_can_be_offered_at_stage_one_without_escalation(complaint, handler):
    # Code 5.13: remedies at any stage, without the need for escalation.
    assert offer(handler, complaint).stage.number == 1


def test_a_remedy_offered_at_stage_two_belongs_to_stage_two(
    log_complaint, lifecycle, second_handler
):
    complaint = lifecycle.stage_two_investigating(log_complaint())
    assert offer(second_handler, complaint).stage.number == 2


@pytest.mark.parametrize("ending", ["not_accepted", "withdrawn"])
def test_no_remedy_is_offered_on_a_complaint_not_accepted_or_withdrawn(
    log_complaint, officer, handler, lifecycle, ending
):
    complaint = log_complaint()
    if ending == "withdrawn":
        lifecycle.assign(complaint)
        complaint_withdraw(actor=Actor.resident(complaint.landlord_id), complaint=complaint)
    else:
        lifecycle.assign(complaint)
        complaint_refuse(
            actor=Actor.for_user(officer),
            complaint=complaint,
            ground=Refusal.Ground.LEGAL_PROCEEDINGS,
            evidence="Claim form.",
            explanation="The court is deciding this.",
            ombudsman_right_explained=True,
        )
    with pytest.raises(DomainError):
        offer(handler, complaint)


def test_offering_a_remedy_needs_the_handle_permission(complaint, officer):
    watcher = Actor(
        label="Auditor",
        landlord_id=complaint.landlord_id,
        user=officer,
        permissions=frozenset({"complaints.view_all_complaints"}),
    )
    with pytest.raises(NotPermittedError):
        remedy_offer(
            actor=watcher,
            complaint=complaint,
            kind=Kind.APOLOGY,
            description="Sorry.",
            due_on=in_days(1),
        )


def test_staff_who_cannot_see_the_complaint_cannot_offer_a_remedy(log_complaint, second_handler):
    with pytest.raises(NotFoundError):
        offer(second_handler, log_complaint())


def test_an_offer_is_one_event_the_resident_sees_and_one_change(complaint, handler):
    version = Complaint.objects.get(pk=complaint.pk).version
    before = len(events(complaint))
    compensation(handler, complaint)
    assert len(events(complaint)) == before + 1
    event = last_event(complaint)
    assert event.action == "remedy.offered"
    assert event.visible_to_resident
    assert event.actor_user == handler
    assert event.after["total"] == "200.00"
    assert Complaint.objects.get(pk=complaint.pk).version == version + 1


# ---------------------------------------------------------------- financial remedies


def test_a_financial_remedy_records_each_head_and_the_total(complaint, handler):
    remedy = compensation(
        handler,
        complaint,
        amounts={
            "amount_time_and_trouble": Decimal("25"),
            "amount_distress_and_inconvenience": Decimal("100"),
            "amount_quantifiable_loss": Decimal("62.40"),
            "amount_statutory": Decimal("10"),
        },
    )
    remedy.refresh_from_db()
    assert remedy.amount_time_and_trouble == Decimal("25.00")
    assert remedy.amount_distress_and_inconvenience == Decimal("100.00")
    assert remedy.amount_quantifiable_loss == Decimal("62.40")
    assert remedy.amount_statutory == Decimal("10.00")
    assert remedy.total_amount == Decimal("197.40")
    assert remedy.payment_method == Remedy.PaymentMethod.RENT_ACCOUNT


@pytest.mark.parametrize("amounts", [None, {}, {"amount_statutory": Decimal("0")}])
def test_a_financial_remedy_needs_an_amount(complaint, handler, amounts):
    with pytest.raises(DomainError) as error:
        compensation(handler, complaint, amounts=amounts)
    assert (error.value.provision, error.value.field) == ("7.1", "amounts")


def test_a_financial_remedy_needs_a_payment_method(complaint, handler):
    with pytest.raises(DomainError) as error:
        compensation(handler, complaint, payment_method="")
    assert error.value.field == "payment_method"


def test_an_unknown_compensation_head_is_refused(complaint, handler):
    with pytest.raises(DomainError) as error:
        compensation(handler, complaint, amounts={"amount_goodwill": Decimal("10")})
    assert error.value.field == "amounts"


def test_a_negative_amount_is_refused(complaint, handler):
    with pytest.raises(DomainError) as error:
        compensation(
            handler,
            complaint,
            amounts={"amount_time_and_trouble": Decimal("100"), "amount_statutory": Decimal("-5")},
        )
    assert error.value.field == "amounts"


def test_a_non_financial_remedy_carries_no_amount(complaint, handler):
    with pytest.raises(DomainError) as error:
        offer(handler, complaint, amounts={"amount_time_and_trouble": Decimal("10")})
    assert error.value.field == "amounts"
    assert not Remedy.objects.exists()


def test_a_non_financial_remedy_has_no_payment_method(complaint, handler):
    remedy = offer(handler, complaint, payment_method=Remedy.PaymentMethod.CHEQUE)
    assert remedy.payment_method == ""


# ---------------------------------------------------------------- the resident's answer


def test_the_resident_accepts_a_remedy(complaint, handler):
    remedy = remedy_record_response(
        actor=Actor.for_user(handler), remedy=offer(handler, complaint), accepted=True
    )
    assert (remedy.status, remedy.accepted_on, remedy.declined_on) == (
        Status.ACCEPTED,
        today(),
        None,
    )
    assert last_event(complaint).action == "remedy.accepted"


def test_the_resident_declines_a_remedy(complaint, handler):
    remedy = remedy_record_response(
        actor=Actor.for_user(handler),
        remedy=offer(handler, complaint),
        accepted=False,
        on=datetime.date(2026, 3, 3),
    )
    assert (remedy.status, remedy.declined_on) == (Status.DECLINED, datetime.date(2026, 3, 3))
    assert last_event(complaint).action == "remedy.declined"


def test_the_resident_answers_an_offer_once(complaint, handler):
    remedy = offer(handler, complaint)
    remedy_record_response(actor=Actor.for_user(handler), remedy=remedy, accepted=True)
    with pytest.raises(DomainError):
        remedy_record_response(actor=Actor.for_user(handler), remedy=remedy, accepted=False)
    remedy.refresh_from_db()
    assert remedy.status == Status.ACCEPTED


# ---------------------------------------------------------------- followed through (7.3)


def test_recording_the_payment_completes_a_financial_remedy(complaint, handler):
    remedy = compensation(handler, complaint)
    remedy_record_response(actor=Actor.for_user(handler), remedy=remedy, accepted=True)
    paid = remedy_record_payment(actor=Actor.for_user(handler), remedy=remedy, paid_on=today())
    assert (paid.status, paid.paid_on, paid.completed_on) == (Status.COMPLETED, today(), today())
    event = last_event(complaint)
    assert event.action == "remedy.paid"
    assert event.after == {"paid_on": today().isoformat(), "total": "200.00"}


def test_a_payment_is_recorded_once(complaint, handler):
    remedy = compensation(handler, complaint)
    remedy_record_payment(actor=Actor.for_user(handler), remedy=remedy, paid_on=today())
    with pytest.raises(DomainError):
        remedy_record_payment(actor=Actor.for_user(handler), remedy=remedy, paid_on=today())


def test_a_payment_cannot_be_recorded_in_the_future(complaint, handler):
    remedy = compensation(handler, complaint)
    with pytest.raises(DomainError) as error:
        remedy_record_payment(actor=Actor.for_user(handler), remedy=remedy, paid_on=in_days(1))
    assert error.value.field == "paid_on"
    remedy.refresh_from_db()
    assert remedy.paid_on is None


def test_a_declined_remedy_is_not_paid(complaint, handler):
    remedy = compensation(handler, complaint)
    remedy_record_response(actor=Actor.for_user(handler), remedy=remedy, accepted=False)
    with pytest.raises(DomainError):
        remedy_record_payment(actor=Actor.for_user(handler), remedy=remedy, paid_on=today())


def test_only_a_financial_remedy_is_paid(complaint, handler):
    with pytest.raises(DomainError):
        remedy_record_payment(
            actor=Actor.for_user(handler), remedy=offer(handler, complaint), paid_on=today()
        )


def test_a_non_financial_remedy_is_followed_through_to_completion(complaint, handler):
    remedy = offer(handler, complaint)
    remedy_record_response(actor=Actor.for_user(handler), remedy=remedy, accepted=True)
    done = remedy_complete(
        actor=Actor.for_user(handler), remedy=remedy, completed_on=datetime.date(2026, 3, 5)
    )
    assert (done.status, done.completed_on) == (Status.COMPLETED, datetime.date(2026, 3, 5))
    assert last_event(complaint).action == "remedy.completed"


def test_a_financial_remedy_is_completed_by_recording_its_payment(complaint, handler):
    with pytest.raises(DomainError):
        remedy_complete(actor=Actor.for_user(handler), remedy=compensation(handler, complaint))


@pytest.mark.parametrize("status", ["completed", "declined"])
def test_a_completed_or_declined_remedy_cannot_be_completed(complaint, handler, status):
    remedy = offer(handler, complaint)
    if status == "completed":
        remedy_complete(actor=Actor.for_user(handler), remedy=remedy)
    else:
        remedy_record_response(actor=Actor.for_user(handler), remedy=remedy, accepted=False)
    with pytest.raises(DomainError):
        remedy_complete(actor=Actor.for_user(handler), remedy=remedy)
    assert Event.objects.filter(action="remedy.completed").count() == (status == "completed")


def test_each_step_of_a_remedy_moves_the_complaint_version_on(complaint, handler):
    start = Complaint.objects.get(pk=complaint.pk).version
    remedy = compensation(handler, complaint)
    remedy_record_response(actor=Actor.for_user(handler), remedy=remedy, accepted=True)
    remedy_record_payment(actor=Actor.for_user(handler), remedy=remedy, paid_on=today())
    assert Complaint.objects.get(pk=complaint.pk).version == start + 3
