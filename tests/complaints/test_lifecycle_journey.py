"""A complaint through both stages, as the Code sets them out, end to end through the services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from putright.complaints.models import Complaint, ComplaintPoint, Stage
from putright.complaints.services import (
    PointFinding,
    complaint_close,
    complaint_escalate,
    stage_acknowledge,
    stage_assign,
    stage_declare_conflict,
    stage_define,
    stage_extend,
    stage_respond,
)
from putright.core.actors import Actor
from putright.core.models import Event
from putright.remedies.services import action_add, remedy_offer

Status = Complaint.Status


def test_a_complaint_goes_through_stage_one_and_stage_two(
    log_complaint, officer, handler, second_handler, as_actor
):
    complaint = log_complaint()
    assert complaint.reference.startswith(f"C{timezone.localdate().year}-")
    assert complaint.status == Status.STAGE1_AWAITING_ACKNOWLEDGEMENT

    stage_define(
        actor=as_actor(officer),
        complaint=complaint,
        definition="The boiler repair reported in May was not completed.",
        outcomes_sought="The boiler fixed and compensation for the cold.",
        responsible_for="Repairs to the boiler.",
        points=["The repair was not done", "Nobody called back"],
    )
    stage_acknowledge(actor=as_actor(officer), complaint=complaint)
    stage_assign(actor=as_actor(officer), complaint=complaint, handler=handler)
    stage_declare_conflict(actor=as_actor(handler), complaint=complaint, has_conflict=False)
    stage_extend(
        actor=as_actor(handler),
        complaint=complaint,
        working_days=5,
        reason="We are waiting for the contractor's report.",
        resident_informed_on=timezone.localdate(),
        ombudsman_details_given=True,
    )
    remedy_offer(
        actor=as_actor(handler),
        complaint=complaint,
        kind="apology",
        description="A written apology from the repairs manager.",
        due_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    action_add(
        actor=as_actor(handler),
        complaint=complaint,
        description="Replace the boiler.",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
        owner=handler,
    )
    stage_respond(
        actor=as_actor(handler),
        complaint=complaint,
        outcome=Stage.Outcome.UPHELD,
        decision="We got this wrong and will replace the boiler.",
        findings=[
            PointFinding(
                1,
                ComplaintPoint.Finding.UPHELD,
                "The job was closed in error.",
                "Repairs policy 4.2",
            ),
            PointFinding(2, ComplaintPoint.Finding.UPHELD, "No call-back was logged."),
        ],
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.STAGE1_RESPONDED

    complaint_escalate(actor=Actor.resident(complaint.landlord_id), complaint=complaint)
    complaint.refresh_from_db()
    assert complaint.status == Status.STAGE2_AWAITING_ACKNOWLEDGEMENT

    stage_define(
        actor=as_actor(officer),
        complaint=complaint,
        definition="The resident remains unhappy with the remedy.",
        outcomes_sought="Compensation.",
        responsible_for="The remedy offered at stage 1.",
        points=["The remedy was not enough"],
    )
    stage_acknowledge(actor=as_actor(officer), complaint=complaint)
    stage_assign(actor=as_actor(officer), complaint=complaint, handler=second_handler)
    stage_declare_conflict(actor=as_actor(second_handler), complaint=complaint, has_conflict=False)
    stage_respond(
        actor=as_actor(second_handler),
        complaint=complaint,
        outcome=Stage.Outcome.NOT_UPHELD,
        decision="The remedy offered was in line with the Ombudsman's guidance.",
        findings=[
            PointFinding(1, ComplaintPoint.Finding.NOT_UPHELD, "The remedy matched the impact.")
        ],
    )
    complaint_close(actor=as_actor(officer), complaint=complaint)
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED
    actions = list(
        Event.objects.filter(complaint_id=complaint.pk)
        .order_by("occurred_at", "id")
        .values_list("action", flat=True)
    )
    assert actions[0] == "complaint.logged"
    assert actions[-1] == "complaint.closed"
    assert "stage.extended" in actions and "complaint.escalated" in actions
    changes = [a for a in actions if not a.startswith(("complaint.logged", "letter.", "outbox."))]
    assert complaint.version == len(changes) + 1
