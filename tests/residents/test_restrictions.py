"""Code 5.14, 5.15: contact restricted for unacceptable behaviour only with evidence, in
proportion, with regard to the Equality Act 2010, and kept under regular review."""

from __future__ import annotations

import datetime

import pytest

from putright.accounts.roles import role_group
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.models import Event
from putright.residents.models import Restriction
from putright.residents.selectors import (
    resident_active_restrictions,
    restriction_list_due_for_review,
)
from putright.residents.services import restriction_impose, restriction_review

STARTS = datetime.date(2026, 3, 2)
REVIEW = datetime.date(2026, 6, 1)


def impose(user, resident, **changes):
    arguments = {
        "behaviour": "Abusive phone calls to the repairs team, 12 calls on 20 February.",
        "evidence": "Call recordings 20/02/2026; incident log 4471.",
        "restriction": "Contact by email to one named officer; phone calls are not taken.",
        "equality_considerations": "No disability disclosed; email suits the resident.",
        "starts_on": STARTS,
        "review_on": REVIEW,
        **changes,
    }
    return restriction_impose(actor=Actor.for_user(user), resident=resident, **arguments)


@pytest.fixture
def restriction(manager, resident):
    return impose(manager, resident)


# ---------------------------------------------------------------- imposing a restriction


def test_a_manager_restricts_contact_with_evidence_and_a_review_date(restriction, manager):
    restriction.refresh_from_db()
    assert restriction.evidence.startswith("Call recordings")
    assert restriction.equality_considerations.startswith("No disability")
    assert (restriction.starts_on, restriction.review_on) == (STARTS, REVIEW)
    assert restriction.decided_by == manager
    event = Event.objects.get(action="restriction.imposed")
    assert event.after == {"starts_on": "2026-03-02", "review_on": "2026-06-01"}


@pytest.mark.parametrize("role_holder", ["officer", "handler"])
def test_restricting_contact_needs_the_restrictions_permission(request, resident, role_holder):
    with pytest.raises(NotPermittedError):
        impose(request.getfixturevalue(role_holder), resident)
    assert not Restriction.objects.exists()


@pytest.mark.parametrize(
    ("field", "provision"),
    [
        ("behaviour", "5.14"),
        ("evidence", "5.14"),
        ("restriction", "5.15"),
        ("equality_considerations", "5.15"),
    ],
)
@pytest.mark.parametrize("blank", ["", "  "])
def test_a_restriction_needs_its_behaviour_evidence_terms_and_equality_considerations(
    manager, resident, field, provision, blank
):
    with pytest.raises(DomainError) as error:
        impose(manager, resident, **{field: blank})
    assert (error.value.field, error.value.provision) == (field, provision)
    assert not Restriction.objects.exists()


@pytest.mark.parametrize("review_on", [STARTS, STARTS - datetime.timedelta(days=1)])
def test_a_restrictions_review_date_comes_after_it_starts(manager, resident, review_on):
    with pytest.raises(DomainError) as error:
        impose(manager, resident, review_on=review_on)
    assert (error.value.field, error.value.provision) == ("review_on", "5.14")


# ---------------------------------------------------------------- in force and under review


def test_a_restriction_is_in_force_from_its_start(restriction, resident):
    assert not resident_active_restrictions(resident=resident, on=STARTS - datetime.timedelta(1))
    assert list(resident_active_restrictions(resident=resident, on=STARTS)) == [restriction]


def test_restrictions_due_for_review_are_listed(manager, resident):
    due = impose(manager, resident, review_on=datetime.date(2026, 4, 1))
    impose(manager, resident, review_on=datetime.date(2026, 7, 1))
    listed = restriction_list_due_for_review(
        actor=Actor.for_user(manager), on=datetime.date(2026, 4, 1)
    )
    assert list(listed) == [due]


def test_another_landlords_restrictions_are_not_listed(restriction, other_landlord_officer):
    other_landlord_officer.groups.add(role_group("senior_lead"))
    listed = restriction_list_due_for_review(
        actor=Actor.for_user(other_landlord_officer), on=datetime.date(2027, 1, 1)
    )
    assert not listed.exists()


def test_only_those_who_may_review_restrictions_see_them_listed(restriction, officer):
    with pytest.raises(NotPermittedError):
        restriction_list_due_for_review(actor=Actor.for_user(officer))


def test_a_review_can_keep_a_restriction_with_a_new_review_date(restriction, manager, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
    restriction_review(
        actor=Actor.for_user(manager),
        restriction=restriction,
        outcome="Calls still abusive.",
        next_review_on=datetime.date(2026, 9, 1),
    )
    restriction.refresh_from_db()
    assert restriction.last_reviewed_on == datetime.date(2026, 6, 1)
    assert restriction.review_on == datetime.date(2026, 9, 1)
    assert restriction.ended_on is None
    assert not restriction_list_due_for_review(actor=Actor.for_user(manager)).exists()


def test_a_review_can_lift_a_restriction(restriction, manager, resident, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
    restriction_review(
        actor=Actor.for_user(manager),
        restriction=restriction,
        outcome="No contact issues for three months.",
        next_review_on=None,
    )
    restriction.refresh_from_db()
    assert restriction.ended_on == datetime.date(2026, 6, 1)
    assert not resident_active_restrictions(resident=resident).exists()
    event = Event.objects.get(action="restriction.reviewed")
    assert event.after == {"outcome": "No contact issues for three months."}


def test_a_review_records_its_outcome(restriction, manager):
    with pytest.raises(DomainError) as error:
        restriction_review(
            actor=Actor.for_user(manager), restriction=restriction, outcome="", next_review_on=None
        )
    assert (error.value.field, error.value.provision) == ("outcome", "5.14")
    restriction.refresh_from_db()
    assert restriction.ended_on is None


def test_the_next_review_is_in_the_future(restriction, manager, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
    with pytest.raises(DomainError) as error:
        restriction_review(
            actor=Actor.for_user(manager),
            restriction=restriction,
            outcome="Kept.",
            next_review_on=datetime.date(2026, 6, 1),
        )
    assert error.value.field == "next_review_on"


def test_reviewing_a_restriction_needs_the_restrictions_permission(restriction, officer):
    with pytest.raises(NotPermittedError):
        restriction_review(
            actor=Actor.for_user(officer),
            restriction=restriction,
            outcome="Lift",
            next_review_on=None,
        )
