"""The JSON API, /api/v1/. Every endpoint calls the same services as the staff pages.

Writes may send ``If-Match: "<version>"`` (the ETag of the complaint when it was read):
if someone else has changed the complaint since, the write is refused with 412 and
nothing changes. Without If-Match, writes still never overwrite each other silently:
each is checked against the complaint as it is at that moment.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from ninja import Field, File, Form, NinjaAPI, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from putright.accounts.models import User
from putright.api import schemas as s
from putright.api.problems import PreconditionFailedError, install
from putright.api.serializers import (
    complaint_detail,
    complaint_summary,
    complaints_for_detail,
    complaints_for_summary,
)
from putright.api.tokens import api_token_authenticate
from putright.complaints import services
from putright.complaints.models import (
    Attachment,
    Category,
    Complaint,
    Correspondence,
    ServiceRequest,
)
from putright.complaints.selectors import (
    complaint_filter,
    complaint_get,
    complaint_require_visible,
    complaint_timeline,
    complaint_visible,
)
from putright.core.actors import Actor
from putright.core.errors import ConflictError, DomainError, NotFoundError
from putright.landlords.models import Landlord, ServiceArea
from putright.remedies import services as remedy_services
from putright.remedies.models import ActionUpdate, OutstandingAction, Remedy
from putright.residents import services as resident_services
from putright.residents.models import Property, Representative, Resident
from putright.workdays.selectors import calendar_for_landlord


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        return api_token_authenticate(token)


class PutrightApi(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        # The endpoint's own name (complaint_define, remedy_payment, ...), not its module path:
        # what clients generated from the schema call their methods.
        return str(operation.view_func.__name__)


api = PutrightApi(
    title="Putright API",
    version="1",
    description=(
        "Complaint handling to the Housing Ombudsman's Complaint Handling Code. Errors are "
        "application/problem+json; when the Code forbids an action the problem names the provision."
    ),
    auth=TokenAuth(),
    urls_namespace="api-v1",
    docs_url=None,
)
install(api)


def _actor(request: HttpRequest) -> Actor:
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    return actor


def _landlord(actor: Actor) -> Landlord:
    return Landlord.objects.get(pk=actor.landlord_pk)


def _expected_version(request: HttpRequest) -> int | None:
    header = request.headers.get("If-Match")
    if not header:
        return None
    value = header.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise DomainError('If-Match must be the ETag of the complaint, e.g. "3".', field="If-Match")
    return int(value)


def _related(
    model: type[models.Model], pk: int | None, actor: Actor, field: str, **lookups: Any
) -> Any:
    if pk is None:
        return None
    found = model._default_manager.filter(pk=pk, **lookups).first()
    if found is None:
        raise DomainError(f"No {field.replace('_id', '').replace('_', ' ')} {pk}.", field=field)
    return found


def _mine(actor: Actor) -> dict[str, Any]:
    return {"landlord_id": actor.landlord_pk}


def _complaint_for_write(
    request: HttpRequest, reference: str, *, lock: bool = False
) -> tuple[Actor, Complaint, int | None]:
    """The complaint to change, refused with 412 if If-Match names a version no longer current.

    With ``lock`` (inside ``transaction.atomic``) the row stays locked until the transaction
    ends: for services that do not check an expected version themselves, so that no other
    write can slip in between this check and the change.
    """
    actor = _actor(request)
    complaint = complaint_get(actor=actor, reference=reference)
    expected = _expected_version(request)
    if lock:
        complaint.version = (
            Complaint.objects.select_for_update()
            .values_list("version", flat=True)
            .get(pk=complaint.pk)
        )
    if expected is not None and expected != complaint.version:
        raise PreconditionFailedError(
            f"Complaint {complaint.reference} is at version {complaint.version}, not {expected}: "
            "someone else changed it. Read it again before changing it."
        )
    return actor, complaint, expected


def _with_conflicts_as_412(expected: int | None, call: Any) -> Any:
    try:
        return call()
    except PreconditionFailedError:
        raise
    except ConflictError as exc:
        if expected is not None:
            raise PreconditionFailedError(exc.message) from exc
        raise


def _detail_response(
    actor: Actor, reference: str, response: HttpResponse, *, written: bool = True
) -> dict[str, Any]:
    """The complaint as it now is, with its version as the ETag.

    After a write the actor is shown the result even if the write took the complaint out of
    their sight (a handler who declares a conflict steps aside, Code 5.8): they were entitled
    to change it a moment ago, and a 500 or 404 would hide that the change was made.
    """
    complaints = (
        Complaint.objects.filter(landlord_id=actor.landlord_pk)
        if written
        else complaint_visible(actor)
    )
    complaint = complaints_for_detail(complaints).get(reference=reference)
    response["ETag"] = f'"{complaint.version}"'
    return complaint_detail(complaint, calendar_for_landlord(landlord_id=complaint.landlord_id))


def _created_response(complaint: Complaint, response: HttpResponse) -> Status:
    """201 for a complaint just logged, built from what complaint_log hands back.

    complaint_log leaves the complaint knowing its one stage and its empty lists, so nothing
    is read back: the read-back once cost more than logging the complaint.
    """
    response["Location"] = f"/api/v1/complaints/{complaint.reference}"
    response["ETag"] = f'"{complaint.version}"'
    calendar = calendar_for_landlord(landlord_id=complaint.landlord_id)
    return Status(201, complaint_detail(complaint, calendar))


ERRORS: dict[int, Any] = {code: s.Problem for code in (400, 401, 403, 404, 409, 412, 422)}

complaints_router = Router(tags=["Complaints"])
service_requests_router = Router(tags=["Service requests"])
residents_router = Router(tags=["Residents"])
remedies_router = Router(tags=["Remedies and outstanding actions"])


# ---------------------------------------------------------------- complaints


@complaints_router.post(
    "", response={201: s.ComplaintOut, **ERRORS}, summary="Log a complaint at stage 1"
)
def complaint_create(request: HttpRequest, response: HttpResponse, payload: s.ComplaintIn) -> Any:
    actor = _actor(request)
    mine = _mine(actor)
    resident = _related(Resident, payload.resident_id, actor, "resident_id", **mine)
    complaint = services.complaint_log(
        actor=actor,
        landlord=_landlord(actor),
        details=services.ComplaintDetails(
            description=payload.description,
            channel=payload.channel,
            received_at=payload.received_at,
            resident=resident,
            representative=_related(
                Representative,
                payload.representative_id,
                actor,
                "representative_id",
                resident__landlord_id=actor.landlord_pk,
            ),
            home=_related(Property, payload.property_id, actor, "property_id", **mine),
            is_anonymous=payload.is_anonymous,
            occurred_on=payload.occurred_on,
            became_aware_on=payload.became_aware_on,
            outcome_sought=payload.outcome_sought,
            category=_related(Category, payload.category_id, actor, "category_id", **mine),
            service_area=_related(
                ServiceArea, payload.service_area_id, actor, "service_area_id", **mine
            ),
            third_party_name=payload.third_party_name,
            third_party_handles_response=payload.third_party_handles_response,
        ),
    )
    return _created_response(complaint, response)


class ComplaintFilters(Schema):
    status: Complaint.Status | None = None
    stage: int | None = Field(
        None, ge=1, le=2, description="1 or 2: complaints not escalated, or escalated, to stage 2."
    )
    open: bool | None = Field(None, description="true: still open; false: no longer open.")
    handler_id: int | None = None
    category_id: int | None = None
    service_area_id: int | None = None
    entity_id: int | None = None
    channel: str | None = None
    received_from: datetime.date | None = Field(None, description="Received on or after.")
    received_to: datetime.date | None = Field(None, description="Received on or before.")
    search: str | None = Field(
        None,
        description="As staff search: a reference or postcode, whole or its start, with or "
        "without spaces, any case; an imported complaint's whole reference in the previous "
        "system, any case; or words that must all appear in the resident's name or the address.",
    )
    limit: int = Field(50, ge=1, le=200, description="Page size: 1 to 200.")
    offset: int = Field(0, ge=0)


@complaints_router.get("", response={200: s.ComplaintPage, **ERRORS}, summary="List complaints")
def complaint_list(request: HttpRequest, filters: Query[ComplaintFilters]) -> Any:
    actor = _actor(request)
    complaints = complaint_filter(
        complaint_visible(actor), landlord_id=actor.landlord_pk, filters=filters.dict()
    )
    count = complaints.count()
    page = complaints_for_summary(complaints.order_by("-received_at", "-id"))[
        filters.offset : filters.offset + filters.limit
    ]
    calendar = calendar_for_landlord(landlord_id=actor.landlord_pk)
    return {"count": count, "items": [complaint_summary(c, calendar) for c in page]}


@complaints_router.get(
    "/{reference}", response={200: s.ComplaintOut, **ERRORS}, summary="Read a complaint"
)
def complaint_read(request: HttpRequest, response: HttpResponse, reference: str) -> Any:
    actor = _actor(request)
    complaint = complaint_get(actor=actor, reference=reference)
    return _detail_response(actor, complaint.reference, response, written=False)


@complaints_router.get(
    "/{reference}/timeline",
    response={200: list[s.EventOut], **ERRORS},
    summary="The complaint's full history",
)
def complaint_history(request: HttpRequest, reference: str) -> Any:
    complaint = complaint_get(actor=_actor(request), reference=reference)
    return [
        {
            "occurred_at": e.occurred_at,
            "action": e.action,
            "summary": e.summary,
            "actor": e.actor_label,
            "before": e.before,
            "after": e.after,
        }
        for e in complaint_timeline(complaint=complaint)
    ]


def _lifecycle(path: str, summary: str, payload_schema: type[Schema]) -> Any:
    """Register POST /complaints/{reference}/<path>, answering with the updated complaint."""

    def register(function: Any) -> Any:
        def endpoint(
            request: HttpRequest, response: HttpResponse, reference: str, payload: Any
        ) -> Any:
            actor, complaint, expected = _complaint_for_write(request, reference)
            _with_conflicts_as_412(expected, lambda: function(actor, complaint, expected, payload))
            return _detail_response(actor, complaint.reference, response)

        endpoint.__annotations__ = {
            "request": HttpRequest,
            "response": HttpResponse,
            "reference": str,
            "payload": payload_schema,
            "return": Any,
        }
        endpoint.__name__ = f"complaint_{function.__name__}"
        endpoint.__doc__ = function.__doc__
        complaints_router.post(
            f"/{{reference}}/{path}", response={200: s.ComplaintOut, **ERRORS}, summary=summary
        )(endpoint)
        return function

    return register


@_lifecycle("define", "Set out the complaint definition (Code 5.6, 5.7)", s.DefineIn)
def define(actor: Actor, complaint: Complaint, expected: int | None, p: s.DefineIn) -> None:
    services.stage_define(
        actor=actor,
        complaint=complaint,
        expected_version=expected,
        definition=p.definition,
        outcomes_sought=p.outcomes_sought,
        responsible_for=p.responsible_for,
        not_responsible_for=p.not_responsible_for,
        points=p.points,
    )


@_lifecycle("acknowledge", "Acknowledge the open stage (Code 6.2, 6.11)", s.AcknowledgeIn)
def acknowledge(
    actor: Actor, complaint: Complaint, expected: int | None, p: s.AcknowledgeIn
) -> None:
    services.stage_acknowledge(
        actor=actor,
        complaint=complaint,
        expected_version=expected,
        acknowledged_at=p.acknowledged_at,
    )


@_lifecycle("assign", "Assign the open stage to a handler (Code 6.13)", s.AssignIn)
def assign(actor: Actor, complaint: Complaint, expected: int | None, p: s.AssignIn) -> None:
    handler = User.objects.filter(pk=p.handler_id, landlord_id=actor.landlord_pk).first()
    if handler is None:
        raise DomainError(f"No member of staff {p.handler_id}.", field="handler_id")
    services.stage_assign(
        actor=actor, complaint=complaint, handler=handler, expected_version=expected
    )


@_lifecycle(
    "declare-conflict",
    "The handler declares any conflict of interest (Code 5.8)",
    s.DeclareConflictIn,
)
def declare_conflict(
    actor: Actor, complaint: Complaint, expected: int | None, p: s.DeclareConflictIn
) -> None:
    services.stage_declare_conflict(
        actor=actor,
        complaint=complaint,
        expected_version=expected,
        has_conflict=p.has_conflict,
        declaration=p.declaration,
    )


@_lifecycle("extend", "Extend the response deadline (Code 6.4, 6.5, 6.15, 6.16)", s.ExtendIn)
def extend(actor: Actor, complaint: Complaint, expected: int | None, p: s.ExtendIn) -> None:
    services.stage_extend(
        actor=actor,
        complaint=complaint,
        expected_version=expected,
        working_days=p.working_days,
        reason=p.reason,
        resident_informed_on=p.resident_informed_on,
        ombudsman_details_given=p.ombudsman_details_given,
        good_reason_beyond_maximum=p.good_reason_beyond_maximum,
    )


@_lifecycle("agree-updates", "Agree how often the resident is updated (Code 5.9)", s.AgreeUpdatesIn)
def agree_updates(
    actor: Actor, complaint: Complaint, expected: int | None, p: s.AgreeUpdatesIn
) -> None:
    services.stage_agree_updates(
        actor=actor,
        complaint=complaint,
        expected_version=expected,
        interval_working_days=p.interval_working_days,
        method=p.method,
        agreed_on=p.agreed_on,
    )


@_lifecycle(
    "respond",
    "Record the stage's response, point by point (Code 6.7, 6.9, 6.18, 6.19)",
    s.RespondIn,
)
def respond(actor: Actor, complaint: Complaint, expected: int | None, p: s.RespondIn) -> None:
    services.stage_respond(
        actor=actor,
        complaint=complaint,
        expected_version=expected,
        outcome=p.outcome,
        decision=p.decision,
        responded_at=p.responded_at,
        findings=[
            services.PointFinding(f.point, f.finding, f.reasons, f.policy_relied_on)
            for f in p.findings
        ],
    )


@_lifecycle(
    "escalate", "Record the resident's request for stage 2 (Code 6.10 to 6.12)", s.EscalateIn
)
def escalate(actor: Actor, complaint: Complaint, expected: int | None, p: s.EscalateIn) -> None:
    services.complaint_escalate(
        actor=actor,
        complaint=complaint,
        expected_version=expected,
        requested_at=p.requested_at,
        reason=p.reason,
    )


@_lifecycle("refuse", "Refuse a complaint or a stage 2 request (Code 2.1 to 2.5, 5.11)", s.RefuseIn)
def refuse(actor: Actor, complaint: Complaint, expected: int | None, p: s.RefuseIn) -> None:
    services.complaint_refuse(
        actor=actor,
        complaint=complaint,
        expected_version=expected,
        ground=p.ground,
        other_reason=p.other_reason,
        evidence=p.evidence,
        explanation=p.explanation,
        ombudsman_right_explained=p.ombudsman_right_explained,
        discretion_considered=p.discretion_considered,
        discretion_notes=p.discretion_notes,
    )


@_lifecycle("withdraw", "Record that the resident withdrew the complaint", s.WithdrawIn)
def withdraw(actor: Actor, complaint: Complaint, expected: int | None, p: s.WithdrawIn) -> None:
    services.complaint_withdraw(
        actor=actor,
        complaint=complaint,
        expected_version=expected,
        reason=p.reason,
        withdrawn_at=p.withdrawn_at,
    )


@_lifecycle("close", "Close a complaint that has its response", s.CloseIn)
def close(actor: Actor, complaint: Complaint, expected: int | None, p: s.CloseIn) -> None:
    services.complaint_close(
        actor=actor, complaint=complaint, expected_version=expected, note=p.note
    )


@_lifecycle("categorise", "Set the category and service area", s.CategoriseIn)
def categorise(actor: Actor, complaint: Complaint, expected: int | None, p: s.CategoriseIn) -> None:
    mine = _mine(actor)
    services.complaint_categorise(
        actor=actor,
        complaint=complaint,
        expected_version=expected,
        category=_related(Category, p.category_id, actor, "category_id", **mine),
        service_area=_related(ServiceArea, p.service_area_id, actor, "service_area_id", **mine),
    )


@complaints_router.post(
    "/{reference}/additional-issues",
    response={201: s.AdditionalIssueOut, **ERRORS},
    summary="Record an issue raised during the investigation (Code 6.8)",
)
def complaint_additional_issue(
    request: HttpRequest, reference: str, payload: s.AdditionalIssueIn
) -> Any:
    actor, complaint, expected = _complaint_for_write(request, reference)
    result = _with_conflicts_as_412(
        expected,
        lambda: services.complaint_add_issue(
            actor=actor,
            complaint=complaint,
            description=payload.description,
            expected_version=expected,
        ),
    )
    if isinstance(result, Complaint):
        return Status(
            201, {"joined_stage_one": False, "point": None, "new_complaint": result.reference}
        )
    return Status(201, {"joined_stage_one": True, "point": result.number, "new_complaint": None})


# ---------------------------------------------------------------- remedies and outstanding actions


@complaints_router.post(
    "/{reference}/remedies",
    response={201: s.ComplaintOut, **ERRORS},
    summary="Offer a remedy (Code 7.1 to 7.3)",
)
def complaint_remedy_offer(
    request: HttpRequest, response: HttpResponse, reference: str, payload: s.RemedyIn
) -> Any:
    amounts = {
        name: getattr(payload, name)
        for name in remedy_services.AMOUNT_FIELDS
        if getattr(payload, name)
    }
    with transaction.atomic():
        actor, complaint, _ = _complaint_for_write(request, reference, lock=True)
        remedy_services.remedy_offer(
            actor=actor,
            complaint=complaint,
            kind=payload.kind,
            description=payload.description,
            due_on=payload.due_on,
            amounts=amounts,
            payment_method=payload.payment_method,
            offered_on=payload.offered_on,
        )
    return Status(201, _detail_response(actor, complaint.reference, response))


@complaints_router.post(
    "/{reference}/actions",
    response={201: s.ComplaintOut, **ERRORS},
    summary="Add an outstanding action (Code 6.6, 6.17)",
)
def complaint_action_add(
    request: HttpRequest, response: HttpResponse, reference: str, payload: s.ActionIn
) -> Any:
    with transaction.atomic():
        actor, complaint, _ = _complaint_for_write(request, reference, lock=True)
        owner = _related(User, payload.owner_id, actor, "owner_id", landlord_id=actor.landlord_pk)
        remedy_services.action_add(
            actor=actor,
            complaint=complaint,
            description=payload.description,
            due_on=payload.due_on,
            owner=owner,
            owner_description=payload.owner_description,
        )
    return Status(201, _detail_response(actor, complaint.reference, response))


def _remedy(actor: Actor, remedy_id: int) -> Remedy:
    remedy = Remedy.objects.select_related("complaint").filter(pk=remedy_id).first()
    if remedy is None:
        raise NotFoundError(f"Remedy {remedy_id} could not be found.")
    complaint_require_visible(actor, remedy.complaint)
    return remedy


def _action(actor: Actor, action_id: int) -> OutstandingAction:
    action = OutstandingAction.objects.select_related("complaint").filter(pk=action_id).first()
    if action is None:
        raise NotFoundError(f"Outstanding action {action_id} could not be found.")
    complaint_require_visible(actor, action.complaint)
    return action


def _checked_write(request: HttpRequest, response: HttpResponse, write: Any) -> Any:
    """A write on a remedy or an outstanding action, checked against the complaint's If-Match.

    ``write(actor, expected_version)`` calls the service; its result's complaint (or, for an
    update, its action's complaint) gives the ETag, as every complaint write does.
    """
    actor, expected = _actor(request), _expected_version(request)
    result = _with_conflicts_as_412(expected, lambda: write(actor, expected))
    item = result.action if isinstance(result, ActionUpdate) else result
    response["ETag"] = f'"{item.complaint.version}"'
    return result


@remedies_router.post(
    "/remedies/{remedy_id}/response",
    response={200: s.RemedyOut, **ERRORS},
    summary="Record the resident's acceptance or refusal",
)
def remedy_response(
    request: HttpRequest, response: HttpResponse, remedy_id: int, payload: s.RemedyResponseIn
) -> Any:
    return _remedy_out(
        _checked_write(
            request,
            response,
            lambda actor, expected: remedy_services.remedy_record_response(
                actor=actor,
                remedy=_remedy(actor, remedy_id),
                accepted=payload.accepted,
                on=payload.on,
                expected_version=expected,
            ),
        )
    )


@remedies_router.post(
    "/remedies/{remedy_id}/payment",
    response={200: s.RemedyOut, **ERRORS},
    summary="Record that a financial remedy was paid",
)
def remedy_payment(
    request: HttpRequest, response: HttpResponse, remedy_id: int, payload: s.RemedyPaymentIn
) -> Any:
    return _remedy_out(
        _checked_write(
            request,
            response,
            lambda actor, expected: remedy_services.remedy_record_payment(
                actor=actor,
                remedy=_remedy(actor, remedy_id),
                paid_on=payload.paid_on,
                expected_version=expected,
            ),
        )
    )


@remedies_router.post(
    "/remedies/{remedy_id}/complete",
    response={200: s.RemedyOut, **ERRORS},
    summary="Record that a remedy was carried out (Code 7.3)",
)
def remedy_complete(
    request: HttpRequest, response: HttpResponse, remedy_id: int, payload: s.RemedyCompleteIn
) -> Any:
    return _remedy_out(
        _checked_write(
            request,
            response,
            lambda actor, expected: remedy_services.remedy_complete(
                actor=actor,
                remedy=_remedy(actor, remedy_id),
                completed_on=payload.completed_on,
                expected_version=expected,
            ),
        )
    )


def _remedy_out(remedy: Remedy) -> dict[str, Any]:
    remedy = Remedy.objects.select_related("stage").get(pk=remedy.pk)
    return {
        **{
            f.name: getattr(remedy, f.name)
            for f in Remedy._meta.concrete_fields
            if f.name != "stage"
        },
        "stage": remedy.stage.number,
        "total_amount": remedy.total_amount,
    }


def _action_out(action: OutstandingAction) -> dict[str, Any]:
    action = (
        OutstandingAction.objects.select_related("owner", "stage")
        .prefetch_related("updates")
        .get(pk=action.pk)
    )
    return {
        "id": action.pk,
        "stage": action.stage.number,
        "description": action.description,
        "owner": str(action.owner) if action.owner else action.owner_description,
        "due_on": action.due_on,
        "status": action.status,
        "completed_on": action.completed_on,
        "updates": list(action.updates.all()),
    }


@remedies_router.post(
    "/actions/{action_id}/updates",
    response={201: s.ActionOut, **ERRORS},
    summary="Record progress on an outstanding action",
)
def action_update(
    request: HttpRequest, response: HttpResponse, action_id: int, payload: s.ActionUpdateIn
) -> Any:
    update = _checked_write(
        request,
        response,
        lambda actor, expected: remedy_services.action_update(
            actor=actor,
            action=_action(actor, action_id),
            text=payload.text,
            given_to_resident_on=payload.given_to_resident_on,
            expected_version=expected,
        ),
    )
    return Status(201, _action_out(update.action))


@remedies_router.post(
    "/actions/{action_id}/complete",
    response={200: s.ActionOut, **ERRORS},
    summary="Complete an outstanding action",
)
def action_complete(
    request: HttpRequest, response: HttpResponse, action_id: int, payload: s.ActionCompleteIn
) -> Any:
    return _action_out(
        _checked_write(
            request,
            response,
            lambda actor, expected: remedy_services.action_complete(
                actor=actor,
                action=_action(actor, action_id),
                completed_on=payload.completed_on,
                expected_version=expected,
            ),
        )
    )


@remedies_router.post(
    "/actions/{action_id}/cancel",
    response={200: s.ActionOut, **ERRORS},
    summary="Cancel an outstanding action, with a reason",
)
def action_cancel(
    request: HttpRequest, response: HttpResponse, action_id: int, payload: s.ActionCancelIn
) -> Any:
    return _action_out(
        _checked_write(
            request,
            response,
            lambda actor, expected: remedy_services.action_cancel(
                actor=actor,
                action=_action(actor, action_id),
                reason=payload.reason,
                expected_version=expected,
            ),
        )
    )


# ---------------------------------------------------------------- correspondence and documents


def _correspondence_out(message: Correspondence) -> dict[str, Any]:
    return {
        "id": message.pk,
        "direction": message.direction,
        "medium": message.medium,
        "occurred_at": message.occurred_at,
        "counterpart": message.counterpart,
        "subject": message.subject,
        "body": message.body,
        "attachments": list(message.attachments.all()),
    }


@complaints_router.get(
    "/{reference}/correspondence",
    response={200: list[s.CorrespondenceOut], **ERRORS},
    summary="Every message in or out (Code 5.12)",
)
def correspondence_list(request: HttpRequest, reference: str) -> Any:
    complaint = complaint_get(actor=_actor(request), reference=reference)
    messages = complaint.correspondence.prefetch_related("attachments").order_by(
        "-occurred_at", "-id"
    )
    return [_correspondence_out(m) for m in messages]


@complaints_router.post(
    "/{reference}/correspondence",
    response={201: s.CorrespondenceOut, **ERRORS},
    summary="Record a message, with any documents (Code 5.12)",
)
def correspondence_create(
    request: HttpRequest,
    reference: str,
    payload: Form[s.CorrespondenceIn],
    documents: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Any:
    uploaded = [
        services.UploadedDocument(
            name=d.name or "document", content_type=d.content_type or "", content=d.read()
        )
        for d in (documents or [])
    ]
    with transaction.atomic():
        actor, complaint, _ = _complaint_for_write(request, reference, lock=True)
        message = services.correspondence_record(
            actor=actor,
            complaint=complaint,
            direction=payload.direction,
            medium=payload.medium,
            body=payload.body,
            subject=payload.subject,
            counterpart=payload.counterpart,
            occurred_at=payload.occurred_at,
            documents=uploaded,
        )
    return Status(201, _correspondence_out(message))


@complaints_router.get(
    "/{reference}/attachments/{attachment_id}",
    response={200: None, **ERRORS},
    summary="Download a document",
)
def attachment_download(request: HttpRequest, reference: str, attachment_id: int) -> HttpResponse:
    complaint = complaint_get(actor=_actor(request), reference=reference)
    attachment = Attachment.objects.filter(pk=attachment_id, complaint=complaint).first()
    if attachment is None:
        raise NotFoundError(
            f"Document {attachment_id} could not be found on complaint {complaint.reference}."
        )
    with attachment.file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type="application/octet-stream")
    # RFC 6266: filename*= for names that are not plain ASCII (Django's own helper), rather
    # than a header that Django would have to MIME-encode whole, which no client reads.
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=attachment.original_name
    )
    return response


# ---------------------------------------------------------------- service requests


def _service_request_out(request_: ServiceRequest) -> dict[str, Any]:
    return {
        "reference": request_.reference,
        "status": request_.status,
        "received_at": request_.received_at,
        "channel": request_.channel,
        "description": request_.description,
        "resident_id": request_.resident_id,
        "dissatisfaction_expressed_at": request_.dissatisfaction_expressed_at,
        "complaints": [c.reference for c in request_.complaints.all()],
    }


def _service_request(actor: Actor, reference: str) -> ServiceRequest:
    found = ServiceRequest.objects.filter(
        landlord_id=actor.landlord_pk, reference=reference.upper()
    ).first()
    if found is None or not actor.can("complaints.log_complaint"):
        raise NotFoundError(f"Service request {reference} could not be found.")
    return found


@service_requests_router.post(
    "", response={201: s.ServiceRequestOut, **ERRORS}, summary="Log a service request (Code 1.4)"
)
def service_request_create(request: HttpRequest, payload: s.ServiceRequestIn) -> Any:
    actor = _actor(request)
    mine = _mine(actor)
    created = services.service_request_log(
        actor=actor,
        landlord=_landlord(actor),
        description=payload.description,
        channel=payload.channel,
        resident=_related(Resident, payload.resident_id, actor, "resident_id", **mine),
        home=_related(Property, payload.property_id, actor, "property_id", **mine),
        category=_related(Category, payload.category_id, actor, "category_id", **mine),
        service_area=_related(
            ServiceArea, payload.service_area_id, actor, "service_area_id", **mine
        ),
        received_at=payload.received_at,
    )
    return Status(201, _service_request_out(created))


@service_requests_router.get(
    "", response={200: list[s.ServiceRequestOut], **ERRORS}, summary="List open service requests"
)
def service_request_list(
    request: HttpRequest, status: str = "open", limit: int = 50, offset: int = 0
) -> Any:
    actor = _actor(request)
    actor.require("complaints.log_complaint", "see service requests")
    if not 1 <= limit <= 200:
        raise DomainError("limit must be between 1 and 200.", field="limit")
    if offset < 0:
        raise DomainError("offset cannot be negative.", field="offset")
    if status not in ServiceRequest.Status.values:
        raise DomainError(
            f"Unknown status {status!r}; choose one of {', '.join(ServiceRequest.Status.values)}.",
            field="status",
        )
    requests_ = ServiceRequest.objects.filter(
        landlord_id=actor.landlord_pk, status=status
    ).prefetch_related("complaints")
    return [_service_request_out(r) for r in requests_[offset : offset + limit]]


@service_requests_router.get(
    "/{reference}", response={200: s.ServiceRequestOut, **ERRORS}, summary="Read a service request"
)
def service_request_read(request: HttpRequest, reference: str) -> Any:
    return _service_request_out(_service_request(_actor(request), reference))


@service_requests_router.post(
    "/{reference}/dissatisfaction",
    response={201: s.ComplaintOut, **ERRORS},
    summary="The resident is dissatisfied: raise a complaint (Code 1.5)",
)
def service_request_dissatisfaction(
    request: HttpRequest, response: HttpResponse, reference: str, payload: s.DissatisfactionIn
) -> Any:
    actor = _actor(request)
    complaint = services.service_request_record_dissatisfaction(
        actor=actor,
        service_request=_service_request(actor, reference),
        description=payload.description,
        channel=payload.channel,
        received_at=payload.received_at,
    )
    return _created_response(complaint, response)


@service_requests_router.post(
    "/{reference}/close",
    response={200: s.ServiceRequestOut, **ERRORS},
    summary="Close a service request",
)
def service_request_close(
    request: HttpRequest, reference: str, payload: s.CloseServiceRequestIn
) -> Any:
    actor = _actor(request)
    closed = services.service_request_close(
        actor=actor, service_request=_service_request(actor, reference), note=payload.note
    )
    return _service_request_out(closed)


# ---------------------------------------------------------------- residents


@residents_router.post(
    "/properties", response={201: s.PropertyOut, **ERRORS}, summary="Record a property"
)
def property_create(request: HttpRequest, payload: s.PropertyIn) -> Any:
    actor = _actor(request)
    return Status(
        201,
        resident_services.property_create(actor=actor, landlord=_landlord(actor), **payload.dict()),
    )


@residents_router.post(
    "/residents", response={201: s.ResidentOut, **ERRORS}, summary="Record a resident"
)
def resident_create(request: HttpRequest, payload: s.ResidentIn) -> Any:
    actor = _actor(request)
    data = payload.dict()
    home = _related(Property, data.pop("property_id"), actor, "property_id", **_mine(actor))
    return Status(
        201,
        resident_services.resident_create(
            actor=actor, landlord=_landlord(actor), home=home, **data
        ),
    )


@residents_router.get(
    "/residents/{resident_id}", response={200: s.ResidentOut, **ERRORS}, summary="Read a resident"
)
def resident_read(request: HttpRequest, resident_id: int) -> Any:
    actor = _actor(request)
    actor.require("residents.manage_residents", "see residents")
    found = Resident.objects.filter(pk=resident_id, landlord_id=actor.landlord_pk).first()
    if found is None:
        raise NotFoundError(f"Resident {resident_id} could not be found.")
    return found


@residents_router.post(
    "/residents/{resident_id}/representatives",
    response={201: s.RepresentativeOut, **ERRORS},
    summary="Record someone acting for the resident (Code 3.6)",
)
def representative_create(
    request: HttpRequest, resident_id: int, payload: s.RepresentativeIn
) -> Any:
    actor = _actor(request)
    resident = Resident.objects.filter(pk=resident_id, landlord_id=actor.landlord_pk).first()
    if resident is None:
        raise NotFoundError(f"Resident {resident_id} could not be found.")
    return Status(
        201, resident_services.representative_add(actor=actor, resident=resident, **payload.dict())
    )


api.add_router("/complaints", complaints_router)
api.add_router("/service-requests", service_requests_router)
api.add_router("/", residents_router)
api.add_router("/", remedies_router)


@api.get("/health", auth=None, include_in_schema=False)
def health(request: HttpRequest) -> Any:
    return {"status": "ok"}
