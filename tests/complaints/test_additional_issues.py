"""Code 6.8: an issue raised during the investigation joins the stage 1 response if it has not
been issued; once it has, the issue is logged as a new complaint."""

from __future__ import annotations

import pytest

from putright.complaints.models import Complaint, ComplaintPoint, Stage
from putright.complaints.services import PointFinding, complaint_add_issue, stage_respond
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError
from tests.complaints.lifecycle import events, last_event, stage_of

Status = Complaint.Status


def add_issue(user, complaint, description="The radiator in the bedroom leaks."):
    return complaint_add_issue(
        actor=Actor.for_user(user), complaint=complaint, description=description
    )


# ---------------------------------------------------------------- before the stage 1 response


def test_an_issue_raised_before_the_stage_one_response_joins_stage_one(
    log_complaint, lifecycle, officer
):
    complaint = lifecycle.investigating(log_complaint())
    point = add_issue(officer, complaint, "  The radiator leaks.  ")
    assert isinstance(point, ComplaintPoint)
    assert (point.stage.number, point.number, point.description, point.source) == (
        1,
        3,
        "The radiator leaks.",
        ComplaintPoint.Source.ADDITIONAL,
    )
    assert Complaint.objects.count() == 1
    assert Complaint.objects.get(pk=complaint.pk).status == Status.STAGE1_INVESTIGATING


def test_an_issue_raised_before_acknowledgement_also_joins_stage_one(log_complaint, officer):
    complaint = log_complaint()
    point = add_issue(officer, complaint)
    assert (point.number, point.source) == (1, ComplaintPoint.Source.ADDITIONAL)
    assert Complaint.objects.count() == 1


def test_the_stage_one_response_must_answer_the_additional_issue_too(
    log_complaint, lifecycle, officer, handler
):
    complaint = lifecycle.investigating(log_complaint())
    add_issue(officer, complaint)
    answers = [
        PointFinding(1, ComplaintPoint.Finding.UPHELD, "Closed in error."),
        PointFinding(2, ComplaintPoint.Finding.UPHELD, "No call-back logged."),
    ]
    with pytest.raises(DomainError) as error:
        stage_respond(
            actor=Actor.for_user(handler),
            complaint=complaint,
            outcome=Stage.Outcome.UPHELD,
            decision="We will fix it.",
            findings=answers,
        )
    assert error.value.provision == "6.7"
    assert "point 3" in error.value.message


def test_an_issue_joining_stage_one_is_recorded_for_the_resident(log_complaint, officer):
    complaint = log_complaint()
    point = add_issue(officer, complaint)
    event = last_event(complaint)
    assert event.action == "stage.issue_added"
    assert event.visible_to_resident
    assert event.subject_id == point.pk
    assert event.after == {"point": 1, "description": "The radiator in the bedroom leaks."}


# ---------------------------------------------------------------- after the stage 1 response


def test_an_issue_raised_after_the_stage_one_response_becomes_a_new_linked_complaint(
    log_complaint, lifecycle, officer, resident
):
    complaint = lifecycle.responded(log_complaint())
    new = add_issue(officer, complaint, "The kitchen extractor fan is broken.")
    assert isinstance(new, Complaint)
    assert new.pk != complaint.pk
    assert new.related_to == complaint
    assert new.resident == resident
    assert new.description == "The kitchen extractor fan is broken."
    assert new.status == Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
    assert stage_of(complaint, 1).points.count() == 2  # the answered stage is unchanged


def test_an_issue_raised_during_stage_two_becomes_a_new_complaint(
    log_complaint, lifecycle, officer
):
    complaint = lifecycle.stage_two_investigating(log_complaint())
    new = add_issue(officer, complaint)
    assert isinstance(new, Complaint)
    assert new.related_to == complaint
    assert stage_of(complaint, 2).points.count() == 1


def test_a_new_linked_complaint_is_recorded_on_the_original_as_a_change(
    log_complaint, lifecycle, officer
):
    complaint = lifecycle.responded(log_complaint())
    version = Complaint.objects.get(pk=complaint.pk).version
    new = add_issue(officer, complaint)
    event = last_event(complaint)
    assert event.action == "complaint.new_linked_complaint"
    assert event.after == {"new_complaint": new.reference}
    assert Complaint.objects.get(pk=complaint.pk).version == version + 1
    assert [e.action for e in events(new)] == ["complaint.logged"]


def test_an_additional_issue_on_an_anonymous_complaint_stays_anonymous(
    log_complaint, lifecycle, officer
):
    complaint = lifecycle.close(
        lifecycle.investigating(log_complaint(resident=None, is_anonymous=True))
    )
    new = add_issue(officer, complaint)
    assert new.is_anonymous
    assert new.resident is None


# ---------------------------------------------------------------- guards


def test_an_additional_issue_needs_a_description(log_complaint, officer):
    complaint = log_complaint()
    with pytest.raises(DomainError) as error:
        add_issue(officer, complaint, "   ")
    assert (error.value.provision, error.value.field) == ("6.8", "description")
    assert not ComplaintPoint.objects.exists()


def test_someone_who_cannot_see_the_complaint_cannot_add_to_it(log_complaint, second_handler):
    complaint = log_complaint()
    with pytest.raises(NotFoundError):
        add_issue(second_handler, complaint)
