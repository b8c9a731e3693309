"""Code 9.1: the root cause of each complaint is recorded, so the landlord learns from it."""

from __future__ import annotations

import pytest

from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError, NotPermittedError
from putright.core.models import Event
from putright.learning.models import ComplaintRootCause, RootCause
from putright.learning.selectors import complaint_root_causes, root_cause_choices
from putright.learning.services import complaint_root_cause_record, complaint_root_cause_remove


def test_root_causes_are_offered_as_causes_followed_by_their_sub_causes(landlord, causes):
    offered = [str(cause) for cause in root_cause_choices(landlord_id=landlord.pk)]
    assert offered == ["Communication", "Communication: Not kept informed", "Service failure"]


def test_the_handler_records_a_root_cause_with_notes_and_the_complaint_history_shows_it(
    log_complaint, lifecycle, handler, causes
):
    complaint = lifecycle.investigating(log_complaint())
    recorded = complaint_root_cause_record(
        actor=Actor.for_user(handler),
        complaint=complaint,
        root_cause=causes["not_kept_informed"],
        notes="No call back after the first visit.",
    )
    assert recorded.recorded_by == handler
    event = Event.objects.filter(complaint_id=complaint.pk).order_by("-id").first()
    assert event.action == "complaint.root_cause_recorded"
    assert event.summary == "Root cause recorded: Communication: Not kept informed"
    assert event.after["notes"] == "No call back after the first visit."


def test_a_complaint_may_have_several_root_causes_but_each_once(log_complaint, officer, causes):
    complaint = log_complaint()
    actor = Actor.for_user(officer)
    complaint_root_cause_record(
        actor=actor, complaint=complaint, root_cause=causes["communication"]
    )
    complaint_root_cause_record(
        actor=actor, complaint=complaint, root_cause=causes["service_failure"]
    )
    with pytest.raises(DomainError, match="already recorded") as refused:
        complaint_root_cause_record(
            actor=actor, complaint=complaint, root_cause=causes["communication"]
        )
    assert refused.value.field == "root_cause"
    assert [str(r) for r in complaint_root_causes(complaint=complaint)] == [
        "Communication",
        "Service failure",
    ]


def test_a_retired_cause_or_another_landlords_cause_is_refused(
    log_complaint, officer, causes, other_landlord
):
    complaint = log_complaint()
    actor = Actor.for_user(officer)
    with pytest.raises(DomainError, match="root causes in use"):
        complaint_root_cause_record(actor=actor, complaint=complaint, root_cause=causes["retired"])
    elsewhere = RootCause.objects.create(landlord=other_landlord, name="Communication")
    with pytest.raises(DomainError, match="root causes in use"):
        complaint_root_cause_record(actor=actor, complaint=complaint, root_cause=elsewhere)
    with pytest.raises(DomainError, match="Choose the root cause") as missing:
        complaint_root_cause_record(actor=actor, complaint=complaint, root_cause=None)
    assert missing.value.provision == "9.1"
    assert not ComplaintRootCause.objects.exists()


def test_a_handler_cannot_record_root_causes_on_complaints_they_cannot_see(
    log_complaint, second_handler, causes
):
    complaint = log_complaint()
    with pytest.raises(NotFoundError):
        complaint_root_cause_record(
            actor=Actor.for_user(second_handler),
            complaint=complaint,
            root_cause=causes["communication"],
        )


def test_the_governing_body_cannot_record_root_causes(log_complaint, board_member, causes):
    with pytest.raises(NotPermittedError):
        complaint_root_cause_record(
            actor=Actor.for_user(board_member),
            complaint=log_complaint(),
            root_cause=causes["communication"],
        )


def test_removing_a_root_cause_is_recorded_with_what_was_removed(log_complaint, officer, causes):
    complaint = log_complaint()
    actor = Actor.for_user(officer)
    recorded = complaint_root_cause_record(
        actor=actor, complaint=complaint, root_cause=causes["service_failure"], notes="Wrong part"
    )
    complaint_root_cause_remove(actor=actor, complaint_root_cause=recorded)
    assert not ComplaintRootCause.objects.filter(complaint=complaint).exists()
    event = Event.objects.filter(complaint_id=complaint.pk).order_by("-id").first()
    assert event.action == "complaint.root_cause_removed"
    assert event.actor_user == officer
    assert event.before == {"root_cause": "Service failure", "notes": "Wrong part"}
