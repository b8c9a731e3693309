"""What may be done next to a complaint, and by whom: one answer for pages, the API and tests.

The services remain the authority: each refuses what the Code forbids, naming the provision.
These functions say in advance what the services would allow for a complaint as it now
stands, so a page offers only actions that can succeed (an action not offered can still
be tried by a direct request, and the service refuses it). The rules here follow the guards
in ``putright.complaints.services`` and ``putright.remedies.services`` one for one; the tests
in ``tests/complaints/test_available_actions.py`` hold the two in step.

Every function assumes the complaint is one the actor may see (``complaint_get`` decided that).
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from putright.complaints.models import Complaint, Stage
from putright.core.actors import Actor
from putright.remedies.models import OutstandingAction, Remedy
from putright.workdays.rules import WorkingCalendar

if TYPE_CHECKING:
    from putright.accounts.models import User

Status = Complaint.Status

TRIAGE = "complaints.triage_complaint"
HANDLE = "complaints.handle_complaint"
LOG = "complaints.log_complaint"
CORRESPONDENCE = "complaints.manage_correspondence"
VIEW_ALL = "complaints.view_all_complaints"

AWAITING_ACKNOWLEDGEMENT = (
    Status.STAGE1_AWAITING_ACKNOWLEDGEMENT,
    Status.STAGE2_AWAITING_ACKNOWLEDGEMENT,
)
INVESTIGATING = (Status.STAGE1_INVESTIGATING, Status.STAGE2_INVESTIGATING)
CLOSABLE = (
    Status.STAGE1_RESPONDED,
    Status.STAGE2_RESPONDED,
    Status.NOT_ACCEPTED,
    Status.ESCALATION_REFUSED,
)


class CaseAction(enum.StrEnum):
    """The things a member of staff can do to a complaint as a whole."""

    ACKNOWLEDGE = "acknowledge"
    DEFINE = "define"
    ASSIGN = "assign"
    DECLARE_CONFLICT = "declare_conflict"
    EXTEND = "extend"
    AGREE_UPDATES = "agree_updates"
    ADD_ISSUE = "add_issue"
    RESPOND = "respond"
    OFFER_REMEDY = "offer_remedy"
    ADD_ACTION = "add_action"
    ESCALATE = "escalate"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"
    CLOSE = "close"
    NOTE = "note"
    MESSAGE = "message"


class RemedyAction(enum.StrEnum):
    RECORD_RESPONSE = "record_response"
    RECORD_PAYMENT = "record_payment"
    COMPLETE = "complete"


class OutstandingActionAction(enum.StrEnum):
    UPDATE = "update"
    COMPLETE = "complete"
    CANCEL = "cancel"


def _stages(complaint: Complaint) -> dict[int, Stage]:
    # .all() so that a prefetch made by the page is used, not a query per call.
    return {stage.number: stage for stage in complaint.stages.all()}


def complaint_current_stage(complaint: Complaint) -> Stage | None:
    """The stage the complaint is at: stage 2 once it has been asked for, else stage 1."""
    stages = _stages(complaint)
    return stages.get(2) or stages.get(1)


def _may_respond(actor: Actor, complaint: Complaint, stages: dict[int, Stage]) -> bool:
    """Mirrors ``stage_respond``'s guards, in its order."""
    if complaint.status not in INVESTIGATING or not actor.can(HANDLE):
        return False
    stage = stages.get(2 if complaint.status == Status.STAGE2_INVESTIGATING else 1)
    if stage is None or not stage.is_defined or stage.handler_id is None:
        return False
    if stage.conflict_declared_at is None:  # Code 5.8
        return False
    user = actor.user
    if stage.number == 2 and user is not None:
        stage_one = stages.get(1)
        if stage_one is not None and user.pk in (stage_one.handler_id, stage_one.responded_by_id):
            return False  # Code 6.13
    if user is not None and user.pk != stage.handler_id and not actor.can(VIEW_ALL):
        return False
    # An anonymous complaint is investigated but never given a formal response.
    return not complaint.is_anonymous


def complaint_available_actions(*, actor: Actor, complaint: Complaint) -> frozenset[CaseAction]:
    """The actions this actor may take on this complaint now, by the Code and their role."""
    status = complaint.status
    stages = _stages(complaint)
    current = stages.get(2) or stages.get(1)
    is_open = status in Complaint.OPEN_STATUSES
    available: set[CaseAction] = set()

    if actor.can(TRIAGE):
        if status in AWAITING_ACKNOWLEDGEMENT:
            # Code 6.2, 6.11: acknowledged and defined; 2.1 to 2.5, 5.11: or refused, with reasons.
            available |= {CaseAction.ACKNOWLEDGE, CaseAction.REFUSE}
        if is_open:
            available.add(CaseAction.ASSIGN)
        if status in CLOSABLE or (complaint.is_anonymous and status == Status.STAGE1_INVESTIGATING):
            available.add(CaseAction.CLOSE)
    if is_open and (actor.can(TRIAGE) or actor.can(HANDLE)):
        available.add(CaseAction.DEFINE)  # Code 5.6, 5.7
    if (
        is_open
        and current is not None
        and actor.user is not None
        and current.handler_id == actor.user.pk
    ):
        available.add(CaseAction.DECLARE_CONFLICT)  # Code 5.8: the handler's own declaration
    if actor.can(HANDLE):
        if status in INVESTIGATING:
            available.add(CaseAction.EXTEND)  # Code 6.4, 6.15
        if is_open:
            available.add(CaseAction.AGREE_UPDATES)  # Code 5.9
        if status not in (Status.NOT_ACCEPTED, Status.WITHDRAWN):
            available.add(CaseAction.OFFER_REMEDY)  # Code 5.13: at any stage
        available.add(CaseAction.ADD_ACTION)  # Code 6.6, 6.17: tracked even after closure
    if _may_respond(actor, complaint, stages):
        available.add(CaseAction.RESPOND)  # Code 6.7, 6.18
    if actor.can(LOG):
        available.add(CaseAction.ADD_ISSUE)  # Code 6.8
        if is_open:
            available.add(CaseAction.WITHDRAW)
        stage_one = stages.get(1)
        if (
            2 not in stages  # Code 5.3: there is no third stage
            and stage_one is not None
            and stage_one.is_responded
            and status in (Status.STAGE1_RESPONDED, Status.CLOSED)
        ):
            available.add(CaseAction.ESCALATE)  # Code 6.10
    if actor.can(CORRESPONDENCE):
        available |= {CaseAction.NOTE, CaseAction.MESSAGE}  # Code 5.12
    return frozenset(available)


def remedy_available_actions(*, actor: Actor, remedy: Remedy) -> frozenset[RemedyAction]:
    """Code 7.3: what can be recorded next as a remedy is followed through to completion."""
    if not actor.can(HANDLE):
        return frozenset()
    available: set[RemedyAction] = set()
    if remedy.status == Remedy.Status.OFFERED:
        available.add(RemedyAction.RECORD_RESPONSE)
    if remedy.kind == Remedy.Kind.FINANCIAL:
        if remedy.status != Remedy.Status.DECLINED and remedy.paid_on is None:
            available.add(RemedyAction.RECORD_PAYMENT)
    elif remedy.status in (Remedy.Status.OFFERED, Remedy.Status.ACCEPTED):
        available.add(RemedyAction.COMPLETE)
    return frozenset(available)


def outstanding_action_available_actions(
    *, actor: Actor, action: OutstandingAction
) -> frozenset[OutstandingActionAction]:
    """Code 6.6, 6.17: an open outstanding action is updated, completed or (by triage) cancelled."""
    if action.status != OutstandingAction.Status.OPEN:
        return frozenset()
    available: set[OutstandingActionAction] = set()
    if actor.can(HANDLE):
        available |= {OutstandingActionAction.UPDATE, OutstandingActionAction.COMPLETE}
    if actor.can(TRIAGE):
        available.add(OutstandingActionAction.CANCEL)
    return frozenset(available)


def stage_eligible_handlers(*, complaint: Complaint) -> QuerySet[User]:
    """Who may be given the complaint's current stage: active staff of the landlord whose role
    can handle complaints; at stage 2, not whoever considered it at stage 1 (Code 6.13)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    app_label, codename = HANDLE.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    users = (
        get_user_model()
        .objects.filter(landlord_id=complaint.landlord_id, is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=permission)
            | Q(groups__permissions__in=permission)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    stages = _stages(complaint)
    stage_one = stages.get(1)
    if 2 in stages and stage_one is not None:
        excluded = {pk for pk in (stage_one.handler_id, stage_one.responded_by_id) if pk}
        users = users.exclude(pk__in=excluded)
    return users


@dataclass(frozen=True)
class ExtensionPreview:
    """What an extension of ``working_days`` would do to the current stage's response date."""

    stage_number: int
    working_days: int
    current_due: datetime.date
    new_due: datetime.date
    already_extended: int
    maximum: int

    @property
    def beyond_maximum(self) -> bool:
        """Code 6.4, 6.15: past the maximum only for a good reason, explained to the resident."""
        return self.already_extended + self.working_days > self.maximum


def stage_extension_preview(
    *, complaint: Complaint, working_days: int, calendar: WorkingCalendar
) -> ExtensionPreview | None:
    """The response date an extension would give, counted in the landlord's working days;
    None when the current stage has no response date to extend (not yet acknowledged)."""
    stage = complaint_current_stage(complaint)
    if stage is None or stage.response_due is None or stage.is_responded:
        return None
    policy = complaint.landlord.policy
    maximum = (
        policy.stage1_extension_max_days if stage.number == 1 else policy.stage2_extension_max_days
    )
    return ExtensionPreview(
        stage_number=stage.number,
        working_days=working_days,
        current_due=stage.response_due,
        new_due=calendar.add_working_days(stage.response_due, working_days),
        already_extended=sum(e.working_days for e in stage.extensions.all()),
        maximum=maximum,
    )
