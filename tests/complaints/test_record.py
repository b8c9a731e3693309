"""Code 5.12: a full record. Every change to a complaint appends exactly one event to its history,
naming who acted, and moves the complaint's version on by one; a change made against a stale
version is refused and changes nothing."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from putright.complaints.models import Complaint, ComplaintPoint, Extension, Refusal, Stage
from putright.complaints.services import (
    complaint_add_issue,
    complaint_categorise,
    complaint_close,
    complaint_escalate,
    complaint_refuse,
    complaint_withdraw,
    correspondence_record,
    stage_acknowledge,
    stage_agree_updates,
    stage_assign,
    stage_declare_conflict,
    stage_define,
    stage_extend,
    stage_respond,
)
from putright.core.actors import Actor
from putright.core.errors import ConflictError
from putright.core.models import Event
from putright.remedies.models import Remedy
from putright.remedies.services import action_add, action_update, remedy_complete, remedy_offer
from tests.complaints.lifecycle import Lifecycle, events, findings_for, stage_of


def as_officer(journey: Lifecycle) -> Actor:
    return Actor.for_user(journey.officer)


def as_handler(journey: Lifecycle) -> Actor:
    return Actor.for_user(journey.handler)


def as_resident(journey: Lifecycle) -> Actor:
    return Actor.resident(journey.officer.landlord_id)


@dataclass(frozen=True)
class Write:
    """A change: how to get a complaint ready for it, who makes it, and how."""

    prepare: Callable[[Lifecycle, Complaint], Complaint]
    actor: Callable[[Lifecycle], Actor]
    act: Callable[[Actor, Complaint, Lifecycle, int | None], Any]
    action: str
    records_before: bool


def ready(journey: Lifecycle, complaint: Complaint) -> Complaint:
    return complaint


WRITES: dict[str, Write] = {
    "stage_define": Write(
        ready,
        as_officer,
        lambda actor, complaint, journey, version: stage_define(
            actor=actor,
            complaint=complaint,
            definition="The boiler was not repaired.",
            outcomes_sought="A working boiler.",
            responsible_for="Boiler repairs.",
            points=["The repair"],
            expected_version=version,
        ),
        "stage.defined",
        True,
    ),
    "stage_acknowledge": Write(
        lambda journey, complaint: journey.define(complaint),
        as_officer,
        lambda actor, complaint, journey, version: stage_acknowledge(
            actor=actor, complaint=complaint, expected_version=version
        ),
        "stage.acknowledged",
        False,
    ),
    "stage_assign": Write(
        ready,
        as_officer,
        lambda actor, complaint, journey, version: stage_assign(
            actor=actor, complaint=complaint, handler=journey.handler, expected_version=version
        ),
        "stage.assigned",
        True,
    ),
    "stage_declare_conflict": Write(
        lambda journey, complaint: journey.assign(complaint),
        as_handler,
        lambda actor, complaint, journey, version: stage_declare_conflict(
            actor=actor, complaint=complaint, has_conflict=False, expected_version=version
        ),
        "stage.conflict_declared",
        False,
    ),
    "stage_extend": Write(
        lambda journey, complaint: journey.investigating(complaint),
        as_handler,
        lambda actor, complaint, journey, version: stage_extend(
            actor=actor,
            complaint=complaint,
            working_days=5,
            reason="Waiting for the survey.",
            resident_informed_on=timezone.localdate(),
            ombudsman_details_given=True,
            expected_version=version,
        ),
        "stage.extended",
        True,
    ),
    "stage_agree_updates": Write(
        lambda journey, complaint: journey.investigating(complaint),
        as_handler,
        lambda actor, complaint, journey, version: stage_agree_updates(
            actor=actor,
            complaint=complaint,
            interval_working_days=5,
            method="Email",
            agreed_on=timezone.localdate(),
            expected_version=version,
        ),
        "stage.updates_agreed",
        True,
    ),
    "complaint_add_issue": Write(
        lambda journey, complaint: journey.investigating(complaint),
        as_officer,
        lambda actor, complaint, journey, version: complaint_add_issue(
            actor=actor, complaint=complaint, description="The radiator", expected_version=version
        ),
        "stage.issue_added",
        False,
    ),
    "complaint_add_issue_as_a_new_complaint": Write(
        lambda journey, complaint: journey.responded(complaint),
        as_officer,
        lambda actor, complaint, journey, version: complaint_add_issue(
            actor=actor, complaint=complaint, description="The radiator", expected_version=version
        ),
        "complaint.new_linked_complaint",
        False,
    ),
    "stage_respond": Write(
        lambda journey, complaint: journey.investigating(complaint),
        as_handler,
        lambda actor, complaint, journey, version: stage_respond(
            actor=actor,
            complaint=complaint,
            outcome=Stage.Outcome.UPHELD,
            decision="We will fix it.",
            findings=findings_for(stage_of(complaint, 1)),
            expected_version=version,
        ),
        "stage.responded",
        False,
    ),
    "complaint_escalate": Write(
        lambda journey, complaint: journey.responded(complaint),
        as_resident,
        lambda actor, complaint, journey, version: complaint_escalate(
            actor=actor, complaint=complaint, expected_version=version
        ),
        "complaint.escalated",
        False,
    ),
    "complaint_refuse": Write(
        ready,
        as_officer,
        lambda actor, complaint, journey, version: complaint_refuse(
            actor=actor,
            complaint=complaint,
            ground=Refusal.Ground.LEGAL_PROCEEDINGS,
            evidence="Court papers.",
            explanation="The court is deciding this.",
            ombudsman_right_explained=True,
            expected_version=version,
        ),
        "complaint.refused",
        True,
    ),
    "complaint_withdraw": Write(
        lambda journey, complaint: journey.investigating(complaint),
        as_resident,
        lambda actor, complaint, journey, version: complaint_withdraw(
            actor=actor, complaint=complaint, expected_version=version
        ),
        "complaint.withdrawn",
        True,
    ),
    "complaint_close": Write(
        lambda journey, complaint: journey.responded(complaint),
        as_officer,
        lambda actor, complaint, journey, version: complaint_close(
            actor=actor, complaint=complaint, expected_version=version
        ),
        "complaint.closed",
        True,
    ),
    "complaint_categorise": Write(
        ready,
        as_officer,
        lambda actor, complaint, journey, version: complaint_categorise(
            actor=actor,
            complaint=complaint,
            category=None,
            service_area=None,
            expected_version=version,
        ),
        "complaint.categorised",
        True,
    ),
}


def everything(complaint: Complaint) -> tuple:
    """All that a refused change must leave as it was."""
    stored = Complaint.objects.get(pk=complaint.pk)
    return (
        stored.version,
        stored.status,
        stored.closed_at,
        Event.objects.filter(complaint_id=complaint.pk).count(),
        list(Stage.objects.filter(complaint=complaint).order_by("number").values()),
        list(ComplaintPoint.objects.filter(stage__complaint=complaint).order_by("id").values()),
        Extension.objects.filter(stage__complaint=complaint).count(),
        Refusal.objects.filter(complaint=complaint).count(),
        Complaint.objects.count(),
    )


@pytest.mark.parametrize("name", list(WRITES))
def test_each_change_appends_exactly_one_event_naming_who_acted(name, log_complaint, lifecycle):
    write = WRITES[name]
    complaint = write.prepare(lifecycle, log_complaint())
    before = len(events(complaint))
    actor = write.actor(lifecycle)
    write.act(actor, complaint, lifecycle, None)
    history = events(complaint)
    assert len(history) == before + 1
    event = history[-1]
    assert event.action == write.action
    assert event.actor_label == actor.label
    assert event.actor_user == actor.user
    assert event.complaint_id == complaint.pk
    assert event.after
    if write.records_before:
        assert event.before


@pytest.mark.parametrize("name", list(WRITES))
def test_each_change_moves_the_version_on_by_one(name, log_complaint, lifecycle):
    write = WRITES[name]
    complaint = write.prepare(lifecycle, log_complaint())
    version = Complaint.objects.get(pk=complaint.pk).version
    write.act(write.actor(lifecycle), complaint, lifecycle, version)
    assert Complaint.objects.get(pk=complaint.pk).version == version + 1


@pytest.mark.parametrize("name", list(WRITES))
def test_a_stale_expected_version_raises_conflict_and_changes_nothing(
    name, log_complaint, lifecycle
):
    write = WRITES[name]
    complaint = write.prepare(lifecycle, log_complaint())
    current = Complaint.objects.get(pk=complaint.pk).version
    before = everything(complaint)
    with pytest.raises(ConflictError) as error:
        write.act(write.actor(lifecycle), complaint, lifecycle, current - 1)
    assert f"version {current - 1}, now {current}" in error.value.message
    assert everything(complaint) == before


def test_the_version_counts_every_change_since_the_complaint_was_logged(
    log_complaint, lifecycle, handler
):
    complaint = lifecycle.investigating(log_complaint())
    as_them = Actor.for_user(handler)
    correspondence_record(
        actor=as_them, complaint=complaint, direction="out", medium="email", body="An update."
    )
    remedy = remedy_offer(
        actor=as_them,
        complaint=complaint,
        kind=Remedy.Kind.APOLOGY,
        description="An apology.",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    action = action_add(
        actor=as_them,
        complaint=complaint,
        description="Replace the boiler.",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
        owner=handler,
    )
    lifecycle.respond(complaint)
    remedy_complete(actor=as_them, remedy=remedy)
    action_update(actor=as_them, action=action, text="Booked.")
    lifecycle.escalate(complaint)
    changes = [e for e in events(complaint) if e.action != "complaint.logged"]
    assert len(changes) == 11
    assert Complaint.objects.get(pk=complaint.pk).version == len(changes) + 1


def test_the_logged_event_is_the_first_in_the_history(log_complaint, lifecycle):
    complaint = lifecycle.responded(log_complaint())
    history = events(complaint)
    assert history[0].action == "complaint.logged"
    assert [e.action for e in history].count("complaint.logged") == 1


def test_correspondence_recorded_from_a_stale_copy_still_moves_the_version_on(
    log_complaint, lifecycle, officer
):
    complaint = log_complaint()
    stale = Complaint.objects.get(pk=complaint.pk)  # version 1
    lifecycle.acknowledge(lifecycle.define(complaint))  # version 3
    correspondence_record(
        actor=Actor.for_user(officer), complaint=stale, direction="in", medium="phone", body="Hi"
    )
    assert Complaint.objects.get(pk=complaint.pk).version == 4
