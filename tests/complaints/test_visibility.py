"""Who sees which complaints: officers and managers every one of their landlord's; handlers
their own, those they logged and their team's; the governing body none individually; another
landlord's staff nothing."""

from __future__ import annotations

import pytest

from putright.complaints.models import Channel
from putright.complaints.selectors import (
    complaint_get,
    complaint_require_visible,
    complaint_timeline,
    complaint_visible,
)
from putright.complaints.services import ComplaintDetails, complaint_log, stage_define
from putright.core.actors import Actor
from putright.core.errors import NotFoundError


@pytest.fixture
def complaint(log_complaint):
    return log_complaint()


def sees(user, complaint) -> bool:
    return complaint_visible(Actor.for_user(user)).filter(pk=complaint.pk).exists()


def test_officers_and_managers_see_every_complaint(complaint, officer, manager):
    assert sees(officer, complaint)
    assert sees(manager, complaint)
    assert complaint_get(actor=Actor.for_user(manager), reference=complaint.reference) == complaint


def test_a_handler_sees_a_complaint_they_handle(complaint, lifecycle, handler):
    assert not sees(handler, complaint)
    lifecycle.assign(complaint)
    assert sees(handler, complaint)


def test_a_handler_sees_a_complaint_they_logged(landlord, second_handler):
    logged = complaint_log(
        actor=Actor.for_user(second_handler),
        landlord=landlord,
        details=ComplaintDetails(
            description="Mould.", channel=Channel.IN_PERSON, is_anonymous=True
        ),
    )
    assert sees(second_handler, logged)


def test_a_handler_sees_their_teams_complaints(complaint, lifecycle, teammate):
    lifecycle.assign(complaint)  # to ``handler``, the teammate's colleague
    assert sees(teammate, complaint)


def test_a_handler_does_not_see_other_complaints(complaint, lifecycle, second_handler):
    lifecycle.assign(complaint)  # to ``handler``, in a team second_handler is not in
    assert not sees(second_handler, complaint)
    with pytest.raises(NotFoundError):
        complaint_get(actor=Actor.for_user(second_handler), reference=complaint.reference)


def test_a_handler_who_cannot_see_a_complaint_cannot_act_on_it(complaint, second_handler):
    with pytest.raises(NotFoundError):
        stage_define(
            actor=Actor.for_user(second_handler),
            complaint=complaint,
            definition="d",
            outcomes_sought="o",
            responsible_for="r",
            points=["p"],
        )


def test_a_handler_still_sees_stage_one_after_stage_two_goes_to_someone_else(
    complaint, lifecycle, handler
):
    lifecycle.stage_two_investigating(complaint)
    assert sees(handler, complaint)
    assert sees(lifecycle.second_handler, complaint)


def test_the_governing_body_sees_no_individual_complaint(complaint, board_member):
    assert not complaint_visible(Actor.for_user(board_member)).exists()
    with pytest.raises(NotFoundError):
        complaint_get(actor=Actor.for_user(board_member), reference=complaint.reference)


def test_another_landlords_staff_see_nothing(complaint, other_landlord_officer):
    actor = Actor.for_user(other_landlord_officer)
    assert not complaint_visible(actor).exists()
    with pytest.raises(NotFoundError):
        complaint_get(actor=actor, reference=complaint.reference)
    with pytest.raises(NotFoundError):
        complaint_require_visible(actor, complaint)


def test_another_landlords_system_actor_sees_nothing(complaint, other_landlord):
    with pytest.raises(NotFoundError):
        complaint_require_visible(Actor.system(other_landlord.pk), complaint)


def test_an_inactive_member_of_staff_sees_nothing(complaint, officer):
    officer.is_active = False
    officer.save()
    assert not complaint_visible(Actor.for_user(officer)).exists()


def test_a_complaint_is_found_by_its_reference_in_any_case(complaint, officer):
    found = complaint_get(
        actor=Actor.for_user(officer), reference=f"  {complaint.reference.lower()} "
    )
    assert found == complaint


def test_an_unknown_reference_is_not_found(officer):
    with pytest.raises(NotFoundError):
        complaint_get(actor=Actor.for_user(officer), reference="C1999-00001")


def test_the_residents_timeline_holds_only_what_the_resident_may_see(complaint, lifecycle):
    lifecycle.define(complaint)  # an internal step
    lifecycle.acknowledge(complaint)  # a letter to the resident
    staff_view = [e.action for e in complaint_timeline(complaint=complaint)]
    resident_view = [e.action for e in complaint_timeline(complaint=complaint, resident_view=True)]
    assert staff_view == [
        "stage.acknowledged",
        "letter.queued",
        "outbox.queued",
        "stage.defined",
        "complaint.logged",
    ]
    assert resident_view == ["stage.acknowledged", "letter.queued", "complaint.logged"]


@pytest.mark.parametrize("user", ["officer", "handler"])
def test_listing_visible_complaints_is_one_query_however_many_there_are(
    request, log_complaint, lifecycle, django_assert_num_queries, user
):
    for _ in range(5):
        lifecycle.assign(log_complaint())
    actor = Actor.for_user(request.getfixturevalue(user))
    with django_assert_num_queries(1):
        assert len(list(complaint_visible(actor))) == 5


def test_reading_a_complaint_with_its_resident_and_home_is_one_query(
    complaint, officer, django_assert_num_queries
):
    actor = Actor.for_user(officer)
    with django_assert_num_queries(1):
        found = complaint_get(actor=actor, reference=complaint.reference)
        assert (found.resident.name, found.home.postcode) == ("Alex Morgan", "RV1 2AB")
