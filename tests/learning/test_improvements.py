"""Code 9.1 to 9.3: service improvements, linked to the complaints that prompted them, with an
owner, a status and, once done, what difference they made."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError, NotPermittedError
from putright.core.models import Event
from putright.landlords.models import ServiceArea
from putright.learning.models import ServiceImprovement
from putright.learning.selectors import (
    ImprovementFilters,
    improvement_list,
    improvement_you_said_we_did,
)
from putright.learning.services import (
    ImprovementDetails,
    improvement_create,
    improvement_link_complaint,
    improvement_set_status,
    improvement_unlink_complaint,
    improvement_update,
)

DETAILS = ImprovementDetails(
    title="Text residents before repairs appointments",
    description="Residents missed appointments because nobody told them the time.",
    owner_description="Repairs operations manager",
)


def test_an_improvement_is_recorded_with_the_complaints_that_prompted_it(
    log_complaint, lead, manager
):
    first, second = log_complaint(), log_complaint()
    improvement = improvement_create(
        actor=lead,
        details=DETAILS,
        complaint_references=[first.reference.lower(), f" {second.reference} "],
    )
    assert improvement.status == ServiceImprovement.Status.PROPOSED
    assert improvement.created_by == manager
    assert set(improvement.complaints.all()) == {first, second}
    # Each complaint's history shows the improvement it prompted.
    for complaint in (first, second):
        event = Event.objects.filter(complaint_id=complaint.pk).order_by("-id").first()
        assert event.action == "improvement.complaint_linked"
        assert DETAILS.title in event.summary
    assert Event.objects.filter(
        subject_type="learning.serviceimprovement", action="improvement.created"
    ).exists()


def test_an_improvement_needs_an_owner_a_person_or_a_team(lead):
    with pytest.raises(DomainError, match="Say who owns the improvement") as refused:
        improvement_create(
            actor=lead,
            details=ImprovementDetails(title="A change", description="Why it is needed"),
        )
    assert refused.value.field == "owner"
    assert not ServiceImprovement.objects.exists()


def test_an_unknown_complaint_reference_refuses_the_whole_improvement(lead):
    with pytest.raises(DomainError, match="no complaint with the reference C2026-99999"):
        improvement_create(actor=lead, details=DETAILS, complaint_references=["C2026-99999"])
    assert not ServiceImprovement.objects.exists()


def test_another_landlords_staff_cannot_own_or_see_it(lead, other_landlord_officer):
    with pytest.raises(DomainError, match="member of your staff"):
        improvement_create(
            actor=lead,
            details=ImprovementDetails(
                title="A change", description="Why", owner=other_landlord_officer
            ),
        )
    improvement = improvement_create(actor=lead, details=DETAILS)
    with pytest.raises(NotFoundError):
        improvement_update(
            actor=Actor.for_user(other_landlord_officer), improvement=improvement, details=DETAILS
        )


def test_handlers_and_the_governing_body_do_not_record_improvements(handler, board_member):
    for person in (handler, board_member):
        with pytest.raises(NotPermittedError):
            improvement_create(actor=Actor.for_user(person), details=DETAILS)


def test_the_complaints_officer_records_improvements(officer):
    improvement = improvement_create(actor=Actor.for_user(officer), details=DETAILS)
    assert improvement.pk


def test_changing_the_details_records_only_what_changed(lead):
    improvement = improvement_create(actor=lead, details=DETAILS)
    improvement_update(
        actor=lead,
        improvement=improvement,
        details=ImprovementDetails(
            title=DETAILS.title,
            description=DETAILS.description,
            owner_description=DETAILS.owner_description,
            due_on=datetime.date(2027, 3, 31),
        ),
    )
    event = Event.objects.filter(action="improvement.changed").get()
    assert event.before == {"due_on": None}
    assert event.after == {"due_on": "2027-03-31"}


def test_a_completed_improvement_says_what_difference_it_made(lead):
    improvement = improvement_create(actor=lead, details=DETAILS)
    with pytest.raises(DomainError, match="what difference the change made") as refused:
        improvement_set_status(actor=lead, improvement=improvement, status="completed")
    assert refused.value.provision == "9.2"
    done = improvement_set_status(
        actor=lead,
        improvement=improvement,
        status="completed",
        outcome="Missed appointments fell from 14% to 4%.",
    )
    assert done.completed_on == timezone.localdate()
    event = Event.objects.filter(action="improvement.status_changed").get()
    assert event.before["status"] == "proposed"
    assert event.after["status"] == "completed"


def test_completion_cannot_be_dated_in_the_future_or_before_it_was_recorded(lead):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)):
        improvement = improvement_create(actor=lead, details=DETAILS)
        with pytest.raises(DomainError, match="cannot be in the future"):
            improvement_set_status(
                actor=lead,
                improvement=improvement,
                status="completed",
                completed_on=datetime.date(2026, 5, 2),
                outcome="Done",
            )
        with pytest.raises(DomainError, match="before it was recorded"):
            improvement_set_status(
                actor=lead,
                improvement=improvement,
                status="completed",
                completed_on=datetime.date(2026, 4, 30),
                outcome="Done",
            )


def test_an_improvement_not_taken_forward_says_why(lead):
    improvement = improvement_create(actor=lead, details=DETAILS)
    with pytest.raises(DomainError, match="why the improvement is not being taken forward"):
        improvement_set_status(actor=lead, improvement=improvement, status="not_taken_forward")


def test_linking_and_unlinking_a_complaint_is_recorded_on_the_complaint(log_complaint, lead):
    complaint = log_complaint()
    improvement = improvement_create(actor=lead, details=DETAILS)
    improvement_link_complaint(actor=lead, improvement=improvement, reference=complaint.reference)
    with pytest.raises(DomainError, match="already linked"):
        improvement_link_complaint(
            actor=lead, improvement=improvement, reference=complaint.reference
        )
    improvement_unlink_complaint(actor=lead, improvement=improvement, complaint=complaint)
    assert not improvement.complaints.exists()
    actions = list(
        Event.objects.filter(complaint_id=complaint.pk)
        .filter(action__startswith="improvement.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["improvement.complaint_linked", "improvement.complaint_unlinked"]


def test_the_list_filters_by_status_area_and_overdue_in_one_query(
    lead, landlord, django_assert_num_queries
):
    area = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)):
        late = improvement_create(
            actor=lead,
            details=ImprovementDetails(
                title="Late",
                description="d",
                owner_description="Team",
                due_on=datetime.date(2026, 4, 1),
                service_area=area,
            ),
        )
        improvement_create(actor=lead, details=DETAILS)
        with django_assert_num_queries(1):
            overdue = list(improvement_list(actor=lead, filters=ImprovementFilters(overdue=True)))
        assert overdue == [late]
        by_area = improvement_list(actor=lead, filters=ImprovementFilters(service_area_id=area.pk))
        assert list(by_area) == [late]
        assert not improvement_list(actor=lead, filters=ImprovementFilters(status="completed"))


def test_you_said_we_did_lists_completed_improvements_for_the_governing_body(
    log_complaint, lead, board_member
):
    done = improvement_create(
        actor=lead, details=DETAILS, complaint_references=[log_complaint().reference]
    )
    improvement_set_status(actor=lead, improvement=done, status="completed", outcome="Texts sent")
    improvement_create(actor=lead, details=DETAILS)
    listed = list(improvement_you_said_we_did(actor=Actor.for_user(board_member)))
    assert listed == [done]
    assert listed[0].complaint_count == 1


def test_a_handler_cannot_read_the_improvements_list(handler):
    with pytest.raises(NotPermittedError):
        improvement_list(actor=Actor.for_user(handler))


def test_an_improvement_of_another_landlord_is_not_found(lead, other_landlord):
    elsewhere = ServiceImprovement.objects.create(
        landlord=other_landlord, title="t", description="d", created_at=timezone.now()
    )
    with pytest.raises(NotFoundError):
        improvement_set_status(actor=lead, improvement=elsewhere, status="in_progress", outcome="")
