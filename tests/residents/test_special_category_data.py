"""Code 5.10: reasonable adjustments agreed and disabilities disclosed are recorded and kept under
review; Code 6.1: so is whether a resident is vulnerable or at risk, for triage to consider. They
are special-category data: only roles holding residents.view_special_category read or record
them (the complaints officer does; the complaint handler does not)."""

from __future__ import annotations

import datetime

import pytest

from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.models import Event
from putright.residents.models import ReasonableAdjustment, Vulnerability
from putright.residents.selectors import (
    adjustment_list_due_for_review,
    resident_adjustments,
    resident_vulnerabilities,
)
from putright.residents.services import adjustment_record, vulnerability_record

AGREED = datetime.date(2026, 3, 2)


def record(actor, resident, **changes):
    arguments = {
        "kind": ReasonableAdjustment.Kind.LARGE_PRINT,
        "agreed_on": AGREED,
        "details": "All letters in 18pt.",
        "disability_disclosed": "Sight loss",
        "review_on": datetime.date(2026, 9, 2),
        **changes,
    }
    return adjustment_record(actor=actor, resident=resident, **arguments)


@pytest.fixture
def adjustment(officer, resident):
    return record(Actor.for_user(officer), resident)


# ---------------------------------------------------------------- who may see it


def test_an_officer_can_read_a_residents_adjustments(adjustment, officer, resident):
    assert list(resident_adjustments(actor=Actor.for_user(officer), resident=resident)) == [
        adjustment
    ]


def test_a_handler_cannot_read_a_residents_adjustments(adjustment, handler, resident):
    with pytest.raises(NotPermittedError):
        resident_adjustments(actor=Actor.for_user(handler), resident=resident)


def test_a_handler_cannot_read_a_residents_vulnerabilities(officer, handler, resident):
    vulnerability_record(
        actor=Actor.for_user(officer),
        resident=resident,
        kind=Vulnerability.Kind.HEALTH,
        recorded_on=AGREED,
    )
    with pytest.raises(NotPermittedError):
        resident_vulnerabilities(actor=Actor.for_user(handler), resident=resident)
    assert resident_vulnerabilities(actor=Actor.for_user(officer), resident=resident).count() == 1


def test_the_governing_body_cannot_read_adjustments(adjustment, board_member, resident):
    with pytest.raises(NotPermittedError):
        resident_adjustments(actor=Actor.for_user(board_member), resident=resident)


def test_a_handler_cannot_record_an_adjustment(handler, resident):
    with pytest.raises(NotPermittedError):
        record(Actor.for_user(handler), resident)
    assert not ReasonableAdjustment.objects.exists()


def test_a_handler_cannot_record_a_vulnerability(handler, resident):
    with pytest.raises(NotPermittedError):
        vulnerability_record(
            actor=Actor.for_user(handler),
            resident=resident,
            kind=Vulnerability.Kind.AGE,
            recorded_on=AGREED,
        )
    assert not Vulnerability.objects.exists()


def test_a_resident_can_ask_for_an_adjustment_themselves(resident):
    adjustment = record(Actor.resident(resident.landlord_id), resident)
    assert adjustment.recorded_by is None


# ---------------------------------------------------------------- the record (5.10)


def test_an_adjustment_and_the_disability_disclosed_are_recorded(adjustment, officer):
    adjustment.refresh_from_db()
    assert adjustment.kind == ReasonableAdjustment.Kind.LARGE_PRINT
    assert adjustment.disability_disclosed == "Sight loss"
    assert adjustment.agreed_on == AGREED
    assert adjustment.review_on == datetime.date(2026, 9, 2)
    assert adjustment.recorded_by == officer


def test_the_event_for_an_adjustment_does_not_copy_the_disability(adjustment):
    event = Event.objects.get(action="adjustment.recorded")
    assert "Sight" not in event.summary
    assert "Sight" not in str(event.after)
    assert event.after == {"review_on": "2026-09-02"}


def test_another_kind_of_adjustment_must_be_described(officer, resident):
    with pytest.raises(DomainError) as error:
        record(Actor.for_user(officer), resident, kind=ReasonableAdjustment.Kind.OTHER, details="")
    assert (error.value.provision, error.value.field) == ("5.10", "details")


def test_an_unknown_kind_of_adjustment_is_refused(officer, resident):
    with pytest.raises(DomainError) as error:
        record(Actor.for_user(officer), resident, kind="telepathy")
    assert error.value.field == "kind"


def test_an_adjustments_review_date_comes_after_it_was_agreed(officer, resident):
    with pytest.raises(DomainError) as error:
        record(Actor.for_user(officer), resident, review_on=AGREED)
    assert error.value.field == "review_on"


def test_adjustments_due_for_review_are_listed(officer, resident):
    # Code 5.10: agreed adjustments are kept under active review.
    due = record(Actor.for_user(officer), resident, review_on=datetime.date(2026, 4, 1))
    record(Actor.for_user(officer), resident, review_on=datetime.date(2026, 6, 1))
    record(Actor.for_user(officer), resident, review_on=None)
    listed = adjustment_list_due_for_review(
        actor=Actor.for_user(officer), on=datetime.date(2026, 4, 1)
    )
    assert list(listed) == [due]


def test_the_review_list_is_special_category_data_too(handler):
    with pytest.raises(NotPermittedError):
        adjustment_list_due_for_review(actor=Actor.for_user(handler))


def test_an_ended_adjustment_is_no_longer_current(adjustment, officer, resident):
    # No service ends an adjustment yet; the selectors must still leave ended ones out.
    ReasonableAdjustment.objects.filter(pk=adjustment.pk).update(ended_on=datetime.date(2026, 5, 1))
    assert not resident_adjustments(actor=Actor.for_user(officer), resident=resident).exists()
    assert not adjustment_list_due_for_review(
        actor=Actor.for_user(officer), on=datetime.date(2026, 12, 1)
    ).exists()


# ---------------------------------------------------------------- vulnerability (6.1)


def test_an_officer_can_record_that_a_resident_is_vulnerable(officer, resident):
    # Code 6.1: triage considers whether the resident is vulnerable or at risk.
    vulnerability = vulnerability_record(
        actor=Actor.for_user(officer),
        resident=resident,
        kind=Vulnerability.Kind.SAFEGUARDING,
        recorded_on=AGREED,
        details="  Lives alone; a fall in January.  ",
        review_on=datetime.date(2026, 6, 2),
    )
    vulnerability.refresh_from_db()
    assert vulnerability.resident == resident
    assert vulnerability.kind == Vulnerability.Kind.SAFEGUARDING
    assert vulnerability.details == "Lives alone; a fall in January."
    assert vulnerability.recorded_on == AGREED
    assert vulnerability.review_on == datetime.date(2026, 6, 2)
    assert vulnerability.ended_on is None
    assert list(resident_vulnerabilities(actor=Actor.for_user(officer), resident=resident)) == [
        vulnerability
    ]


def test_recording_a_vulnerability_is_in_the_history_without_its_details(officer, resident):
    vulnerability = vulnerability_record(
        actor=Actor.for_user(officer),
        resident=resident,
        kind=Vulnerability.Kind.HEALTH,
        recorded_on=AGREED,
        details="Recovering from surgery.",
    )
    event = Event.objects.get(action="vulnerability.recorded")
    assert (event.subject_id, event.actor_user) == (vulnerability.pk, officer)
    assert "surgery" not in event.summary
    assert "surgery" not in str(event.before) + str(event.after)


def test_an_unknown_kind_of_vulnerability_is_refused(officer, resident):
    with pytest.raises(DomainError) as error:
        vulnerability_record(
            actor=Actor.for_user(officer), resident=resident, kind="unlucky", recorded_on=AGREED
        )
    assert error.value.field == "kind"
    assert not Vulnerability.objects.exists()
