"""Turning records into the API's response shapes, with a fixed number of queries per page."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from putright.complaints.models import Complaint, ComplaintPoint, Extension, Stage
from putright.complaints.selectors import stage_deadline
from putright.remedies.models import ActionUpdate, OutstandingAction
from putright.workdays.rules import WorkingCalendar


def complaints_for_summary(complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return complaints.select_related(
        "resident", "category", "category__parent", "service_area"
    ).prefetch_related(
        Prefetch("stages", queryset=Stage.objects.select_related("handler").order_by("number"))
    )


def complaints_for_detail(complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return complaints.select_related(
        "resident",
        "category",
        "category__parent",
        "service_area",
        "entity",
        "service_request",
        "related_to",
    ).prefetch_related(
        Prefetch(
            "stages",
            queryset=Stage.objects.select_related("handler")
            .order_by("number")
            .prefetch_related(
                Prefetch("points", queryset=ComplaintPoint.objects.order_by("number")),
                Prefetch("extensions", queryset=Extension.objects.order_by("created_at")),
            ),
        ),
        "refusals",
        "remedies__stage",
        Prefetch(
            "outstanding_actions",
            queryset=OutstandingAction.objects.select_related("owner", "stage").prefetch_related(
                Prefetch("updates", queryset=ActionUpdate.objects.order_by("created_at"))
            ),
        ),
    )


def _deadline(stage: Stage, calendar: WorkingCalendar) -> dict[str, Any] | None:
    deadline = stage_deadline(stage, calendar=calendar)
    if deadline is None:
        return None
    return {
        "kind": deadline.kind,
        "due": deadline.due,
        "working_days_left": deadline.working_days_left,
        "description": deadline.description,
        "is_overdue": deadline.is_overdue,
        "is_due_soon": deadline.is_due_soon,
    }


def complaint_summary(complaint: Complaint, calendar: WorkingCalendar) -> dict[str, Any]:
    stages = list(complaint.stages.all())
    current = stages[-1]
    return {
        "reference": complaint.reference,
        "status": complaint.status,
        "status_label": complaint.get_status_display(),
        "version": complaint.version,
        "stage": current.number,
        "received_at": complaint.received_at,
        "received_on": complaint.received_on,
        "channel": complaint.channel,
        "resident": complaint.resident.name if complaint.resident else None,
        "category": str(complaint.category) if complaint.category else None,
        "service_area": str(complaint.service_area) if complaint.service_area else None,
        "handler": str(current.handler) if current.handler else None,
        "deadline": _deadline(current, calendar) if complaint.is_open else None,
    }


def complaint_detail(complaint: Complaint, calendar: WorkingCalendar) -> dict[str, Any]:
    data = complaint_summary(complaint, calendar)
    data.update(
        {
            "description": complaint.description,
            "occurred_on": complaint.occurred_on,
            "became_aware_on": complaint.became_aware_on,
            "outcome_sought": complaint.outcome_sought,
            "is_anonymous": complaint.is_anonymous,
            "resident_id": complaint.resident_id,
            "representative_id": complaint.representative_id,
            "property_id": complaint.home_id,
            "entity": str(complaint.entity) if complaint.entity else None,
            "third_party_name": complaint.third_party_name,
            "third_party_handles_response": complaint.third_party_handles_response,
            "service_request": complaint.service_request.reference
            if complaint.service_request
            else None,
            "related_to": complaint.related_to.reference if complaint.related_to else None,
            "withdrawn_at": complaint.withdrawn_at,
            "closed_at": complaint.closed_at,
            "stages": [
                {
                    **{
                        name: getattr(stage, name)
                        for name in (
                            "number",
                            "requested_at",
                            "requested_on",
                            "escalation_reason",
                            "acknowledgement_due",
                            "acknowledged_at",
                            "response_due",
                            "conflict_declared_at",
                            "definition",
                            "outcomes_sought",
                            "responsible_for",
                            "not_responsible_for",
                            "update_interval_working_days",
                            "update_method",
                            "outcome",
                            "decision",
                            "responded_at",
                        )
                    },
                    "handler": str(stage.handler) if stage.handler else None,
                    "points": list(stage.points.all()),
                    "extensions": list(stage.extensions.all()),
                    "deadline": _deadline(stage, calendar) if complaint.is_open else None,
                }
                for stage in complaint.stages.all()
            ],
            "refusals": list(complaint.refusals.all()),
            "remedies": [
                {
                    **{
                        name: getattr(remedy, name)
                        for name in (
                            "id",
                            "kind",
                            "description",
                            "due_on",
                            "status",
                            "offered_on",
                            "accepted_on",
                            "completed_on",
                            "amount_time_and_trouble",
                            "amount_distress_and_inconvenience",
                            "amount_quantifiable_loss",
                            "amount_statutory",
                            "total_amount",
                            "payment_method",
                            "paid_on",
                        )
                    },
                    "stage": remedy.stage.number,
                }
                for remedy in complaint.remedies.all()
            ],
            "outstanding_actions": [
                {
                    "id": action.id,
                    "stage": action.stage.number,
                    "description": action.description,
                    "owner": str(action.owner) if action.owner else action.owner_description,
                    "due_on": action.due_on,
                    "status": action.status,
                    "completed_on": action.completed_on,
                    "updates": list(action.updates.all()),
                }
                for action in complaint.outstanding_actions.all()
            ],
        }
    )
    return data
