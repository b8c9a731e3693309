"""The case page: one complaint, everything known about it, and what can be done next.

Everything shown is read in a fixed number of queries, however long the complaint's history
(the tests count them). What can be done next comes from ``complaint_available_actions``,
so the page offers only what the Code and the reader's role allow. The actions themselves
are in ``putright.staff.views.actions``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.http import content_disposition_header

from putright.complaints.actions import (
    CaseAction,
    OutstandingActionAction,
    RemedyAction,
    complaint_available_actions,
    complaint_current_stage,
    outstanding_action_available_actions,
    remedy_available_actions,
)
from putright.complaints.models import (
    Attachment,
    Complaint,
    ComplaintPoint,
    Correspondence,
    Refusal,
    Stage,
)
from putright.complaints.selectors import (
    Deadline,
    complaint_get,
    complaint_related,
    complaint_service_requests,
    complaint_timeline,
    deadline_for,
    stage_deadline,
)
from putright.core.actors import Actor
from putright.core.errors import NotFoundError
from putright.core.models import Event
from putright.remedies.models import OutstandingAction, Remedy
from putright.residents.selectors import (
    resident_active_restrictions,
    resident_adjustments,
    resident_vulnerabilities,
)
from putright.staff.access import request_actor, staff_required
from putright.staff.views.actions import urlpatterns as action_urlpatterns
from putright.workdays.selectors import calendar_for_landlord

# Who may open a complaint at all; which complaints, complaint_visible decides.
CASE_READERS = ("complaints.view_all_complaints", "complaints.handle_complaint")
SPECIAL_CATEGORY = "residents.view_special_category"

# What each action is called on the case page, and its page, in the order offered.
CASE_ACTION_LINKS: tuple[tuple[CaseAction, str, str], ...] = (
    (CaseAction.ACKNOWLEDGE, "Acknowledge and define", "staff:complaint-acknowledge"),
    (CaseAction.ASSIGN, "Assign a handler", "staff:complaint-assign"),
    (
        CaseAction.DECLARE_CONFLICT,
        "Declare any conflict of interest",
        "staff:complaint-declare-conflict",
    ),
    (CaseAction.RESPOND, "Record the response", "staff:complaint-respond"),
    (CaseAction.DEFINE, "Change the complaint definition", "staff:complaint-define"),
    (CaseAction.EXTEND, "Extend the response deadline", "staff:complaint-extend"),
    (CaseAction.AGREE_UPDATES, "Agree how often to update the resident", "staff:complaint-updates"),
    (CaseAction.ADD_ISSUE, "Record an additional issue", "staff:complaint-issue"),
    (CaseAction.OFFER_REMEDY, "Offer a remedy", "staff:complaint-remedy-offer"),
    (CaseAction.ADD_ACTION, "Add an outstanding action", "staff:complaint-action-add"),
    (CaseAction.ESCALATE, "Record a request for stage 2", "staff:complaint-escalate"),
    (CaseAction.REFUSE, "Do not accept (refuse)", "staff:complaint-refuse"),
    (CaseAction.WITHDRAW, "Record a withdrawal", "staff:complaint-withdraw"),
    (CaseAction.CLOSE, "Close the complaint", "staff:complaint-close"),
    (CaseAction.MESSAGE, "Record a message received or sent", "staff:complaint-message"),
    (CaseAction.NOTE, "Add a note or document", "staff:complaint-note"),
)

REMEDY_ACTION_LINKS: tuple[tuple[RemedyAction, str, str], ...] = (
    (RemedyAction.RECORD_RESPONSE, "Record acceptance", "staff:remedy-response"),
    (RemedyAction.RECORD_PAYMENT, "Record payment", "staff:remedy-payment"),
    (RemedyAction.COMPLETE, "Record as done", "staff:remedy-complete"),
)

OUTSTANDING_ACTION_LINKS: tuple[tuple[OutstandingActionAction, str, str], ...] = (
    (OutstandingActionAction.UPDATE, "Record an update", "staff:action-update"),
    (OutstandingActionAction.COMPLETE, "Record as done", "staff:action-complete"),
    (OutstandingActionAction.CANCEL, "Cancel", "staff:action-cancel"),
)

# Each kind of event in the case history, in words.
EVENT_KINDS: dict[str, str] = {
    "complaint.logged": "Complaint logged",
    "complaint.categorised": "Category changed",
    "complaint.escalated": "Stage 2 requested",
    "complaint.refused": "Not accepted",
    "complaint.withdrawn": "Withdrawn",
    "complaint.closed": "Closed",
    "complaint.new_linked_complaint": "Additional issue logged as a new complaint",
    "stage.defined": "Complaint definition set out",
    "stage.acknowledged": "Acknowledged",
    "stage.assigned": "Handler assigned",
    "stage.conflict_declared": "Conflict of interest declaration",
    "stage.extended": "Response deadline extended",
    "stage.updates_agreed": "Updates agreed with the resident",
    "stage.issue_added": "Additional issue added",
    "stage.responded": "Response given",
    "remedy.offered": "Remedy offered",
    "remedy.accepted": "Remedy accepted",
    "remedy.declined": "Remedy declined",
    "remedy.paid": "Payment made",
    "remedy.completed": "Remedy carried out",
    "action.added": "Outstanding action added",
    "action.updated": "Outstanding action updated",
    "action.completed": "Outstanding action done",
    "action.cancelled": "Outstanding action cancelled",
    "letter.queued": "Letter written",
    "letter.kept": "Letter written, not sent",
    "outbox.queued": "Letter queued for delivery",
    "outbox.sent": "Letter delivered",
    "outbox.retried": "Delivery to be tried again",
    "outbox.failed": "Delivery failed",
    "outbox.bounced": "Delivery bounced",
    "inbound.kept_with_complaint": "Email received",
    "inbound.bounce_recorded": "Delivery failure reported",
    "complaint.imported": "Imported from an earlier system",
    "complaint.root_cause_recorded": "Root cause recorded",
    "complaint.root_cause_removed": "Root cause removed",
    "complaint.satisfaction_invited": "Satisfaction survey sent",
    "complaint.satisfaction_answered": "Satisfaction survey answered",
    "improvement.complaint_linked": "Linked to a service improvement",
    "improvement.complaint_unlinked": "Unlinked from a service improvement",
}
MESSAGE_KINDS = {
    Correspondence.Direction.INBOUND: "Message received",
    Correspondence.Direction.OUTBOUND: "Message sent",
    Correspondence.Direction.INTERNAL: "Note added",
}
CORRESPONDENCE_SUBJECT = Correspondence._meta.label_lower


def event_kind(event: Event, message: Correspondence | None = None) -> str:
    """What kind of thing happened, in plain words."""
    if message is not None:
        return MESSAGE_KINDS.get(message.direction, "Message recorded")  # type: ignore[call-overload]
    if event.action in EVENT_KINDS:
        return EVENT_KINDS[event.action]
    return event.action.replace(".", ": ").replace("_", " ").capitalize()


@dataclass(frozen=True)
class TimelineEntry:
    event: Event
    kind: str
    message: Correspondence | None
    documents: list[Attachment]


@dataclass(frozen=True)
class Link:
    text: str
    href: str


def _links(
    available: frozenset[Any], table: tuple[tuple[Any, str, str], ...], **kwargs: Any
) -> list[Link]:
    return [
        Link(text=text, href=reverse(name, kwargs=kwargs))
        for action, text, name in table
        if action in available
    ]


def _complaint_for_case_page(actor: Actor, reference: str) -> Complaint:
    """The complaint with its stages, points, extensions, refusals, remedies and outstanding
    actions: one query each, however many there are."""
    complaint = complaint_get(actor=actor, reference=reference)
    prefetch_related_objects(
        [complaint],
        Prefetch(
            "stages",
            queryset=Stage.objects.select_related("handler", "responded_by").order_by("number"),
        ),
        Prefetch("stages__points", queryset=ComplaintPoint.objects.order_by("number")),
        "stages__extensions",
        Prefetch("refusals", queryset=Refusal.objects.select_related("decided_by")),
        Prefetch("remedies", queryset=Remedy.objects.order_by("created_at", "id")),
        Prefetch(
            "outstanding_actions",
            queryset=OutstandingAction.objects.select_related("owner").order_by("due_on", "id"),
        ),
        "outstanding_actions__updates",
    )
    return complaint


def _timeline(complaint: Complaint) -> tuple[list[TimelineEntry], list[Attachment]]:
    """Every event, newest first, each message with its text and documents (Code 5.12)."""
    events = list(complaint_timeline(complaint=complaint))
    messages = {m.pk: m for m in Correspondence.objects.filter(complaint=complaint)}
    documents = list(Attachment.objects.filter(complaint=complaint).order_by("uploaded_at", "id"))
    by_message: dict[int | None, list[Attachment]] = defaultdict(list)
    for document in documents:
        by_message[document.correspondence_id].append(document)
    entries = []
    for event in events:
        message = (
            messages.get(event.subject_id) if event.subject_type == CORRESPONDENCE_SUBJECT else None
        )
        entries.append(
            TimelineEntry(
                event=event,
                kind=event_kind(event, message),
                message=message,
                documents=by_message[message.pk] if message else [],
            )
        )
    return entries, documents


@staff_required(*CASE_READERS)
def complaint_page(request: HttpRequest, reference: str) -> HttpResponse:
    actor = request_actor(request)
    complaint = _complaint_for_case_page(actor, reference)
    calendar = calendar_for_landlord(landlord_id=complaint.landlord_id)
    stages = list(complaint.stages.all())
    current = complaint_current_stage(complaint)
    deadline: Deadline | None = (
        stage_deadline(current, calendar=calendar) if current and complaint.is_open else None
    )
    resident = complaint.resident
    special_category = actor.can(SPECIAL_CATEGORY)
    restrictions = list(resident_active_restrictions(resident=resident)) if resident else []
    adjustments = (
        list(resident_adjustments(actor=actor, resident=resident))
        if resident and special_category
        else []
    )
    vulnerabilities = (
        list(resident_vulnerabilities(actor=actor, resident=resident))
        if resident and special_category
        else []
    )
    timeline, documents = _timeline(complaint)
    stage_numbers = {stage.pk: stage.number for stage in stages}
    remedies = [
        {
            "remedy": remedy,
            "stage": stage_numbers.get(remedy.stage_id),
            "links": _links(
                remedy_available_actions(actor=actor, remedy=remedy),
                REMEDY_ACTION_LINKS,
                reference=complaint.reference,
                remedy_id=remedy.pk,
            ),
        }
        for remedy in complaint.remedies.all()
    ]
    outstanding = [
        {
            "action": action,
            "stage": stage_numbers.get(action.stage_id),
            "deadline": deadline_for(kind="action", due=action.due_on, calendar=calendar)
            if action.status == OutstandingAction.Status.OPEN
            else None,
            "updates": list(action.updates.all()),
            "links": _links(
                outstanding_action_available_actions(actor=actor, action=action),
                OUTSTANDING_ACTION_LINKS,
                reference=complaint.reference,
                action_id=action.pk,
            ),
        }
        for action in complaint.outstanding_actions.all()
    ]
    available = complaint_available_actions(actor=actor, complaint=complaint)
    return render(
        request,
        "staff/cases/complaint.html",
        {
            "page_title": f"Complaint {complaint.reference}",
            "complaint": complaint,
            "stages": stages,
            "current": current,
            "deadline": deadline,
            "restrictions": restrictions,
            "adjustments": adjustments,
            "vulnerabilities": vulnerabilities,
            "special_category": special_category,
            "actions": _links(available, CASE_ACTION_LINKS, reference=complaint.reference),
            "remedies": remedies,
            "outstanding": outstanding,
            "refusals": list(complaint.refusals.all()),
            "related": complaint_related(actor=actor, complaint=complaint),
            "service_requests": complaint_service_requests(complaint=complaint),
            "timeline": timeline,
            "documents": documents,
        },
    )


@staff_required(*CASE_READERS)
def document_download(request: HttpRequest, reference: str, document_id: int) -> HttpResponse:
    """A document kept with the complaint (Code 5.12), to those who may see the complaint."""
    complaint = complaint_get(actor=request_actor(request), reference=reference)
    document = Attachment.objects.filter(pk=document_id, complaint=complaint).first()
    if document is None:
        raise NotFoundError(f"That document is not on complaint {complaint.reference}.")
    with document.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=document.original_name
    )
    return response


urlpatterns: list[URLPattern] = [
    path("complaints/<str:reference>/", complaint_page, name="complaint"),
    path(
        "complaints/<str:reference>/documents/<int:document_id>/",
        document_download,
        name="complaint-document",
    ),
    *action_urlpatterns,
]
