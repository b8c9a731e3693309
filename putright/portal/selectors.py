"""What a signed-in resident sees of their complaint, in plain words.

Only what the Code asks a landlord to tell the resident: the stage, the dates things are due,
what has happened (events marked ``visible_to_resident``), letters sent, and the remedies and
outstanding actions with their progress. Nothing about staff, nothing special-category.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from putright.complaints.models import Complaint, Stage
from putright.complaints.selectors import complaint_timeline
from putright.letters.models import Letter
from putright.letters.selectors import letter_list_sent
from putright.remedies.models import ActionUpdate, OutstandingAction, Remedy

# What each event a resident may see means, in their words. An event without an entry here
# is shown by its own summary, which the service that recorded it wrote for the resident.
RESIDENT_WORDING = {
    "complaint.logged": gettext_noop("We received your complaint"),
    "stage.acknowledged": gettext_noop(
        "We told you we have your complaint and what we will look at"
    ),
    "stage.extended": gettext_noop("We told you we need more time to reply, and why"),
    "stage.responded": gettext_noop("We sent you our answer"),
    "complaint.escalated": gettext_noop("You asked us to look at your complaint again (stage 2)"),
    "complaint.withdrawn": gettext_noop("You withdrew your complaint"),
    "complaint.refused": gettext_noop("We wrote to tell you we cannot look at this as a complaint"),
    "correspondence.recorded": gettext_noop("A message was added to your complaint"),
    "stage.updates_agreed": gettext_noop("We agreed with you how often we will give you updates"),
    "stage.issue_added": gettext_noop("We added something you told us about to your complaint"),
}


@dataclass(frozen=True)
class Happening:
    when: datetime.datetime
    text: str


@dataclass(frozen=True)
class ActionProgress:
    description: str
    due_on: datetime.date
    status: str
    completed_on: datetime.date | None
    latest_update: str


@dataclass(frozen=True)
class RemedyProgress:
    description: str
    kind: str
    due_on: datetime.date
    status: str
    completed_on: datetime.date | None


@dataclass(frozen=True)
class ResidentComplaint:
    complaint: Complaint
    stage: Stage
    status_text: str
    next_date_text: str
    next_date: datetime.date | None
    happenings: list[Happening]
    letters: list[Letter]
    remedies: list[RemedyProgress]
    actions: list[ActionProgress]
    can_escalate: bool
    can_withdraw: bool


def _status_text(complaint: Complaint, stage: Stage) -> tuple[str, str, datetime.date | None]:
    """Where the complaint is, and the next date the resident can expect something by."""
    status = Complaint.Status
    if complaint.status in (
        status.STAGE1_AWAITING_ACKNOWLEDGEMENT,
        status.STAGE2_AWAITING_ACKNOWLEDGEMENT,
    ):
        return (
            _("Stage %(number)s: we have received it") % {"number": stage.number},
            _("We will contact you to confirm we have it by"),
            stage.acknowledgement_due,
        )
    if complaint.status in (status.STAGE1_INVESTIGATING, status.STAGE2_INVESTIGATING):
        return (
            _("Stage %(number)s: we are looking into it") % {"number": stage.number},
            _("We will send you our answer by"),
            stage.response_due,
        )
    texts = {
        status.STAGE1_RESPONDED: _("Stage 1: we have sent you our answer"),
        status.STAGE2_RESPONDED: _("Stage 2: we have sent you our final answer"),
        status.NOT_ACCEPTED: _("We could not look at this as a complaint"),
        status.ESCALATION_REFUSED: _("We could not take this to stage 2"),
        status.WITHDRAWN: _("You withdrew this complaint"),
        status.CLOSED: _("Closed"),
    }
    return texts.get(Complaint.Status(complaint.status), complaint.get_status_display()), "", None


def resident_complaint_view(*, complaint_id: int) -> ResidentComplaint:
    """Everything the status page shows, in a fixed number of queries."""
    complaint = (
        Complaint.objects.select_related("resident", "representative", "home")
        .prefetch_related(
            "stages",
            "remedies",
            Prefetch(
                "outstanding_actions",
                queryset=OutstandingAction.objects.prefetch_related(
                    Prefetch("updates", queryset=ActionUpdate.objects.order_by("created_at"))
                ),
            ),
        )
        .get(pk=complaint_id)
    )
    stages = sorted(complaint.stages.all(), key=lambda s: s.number)
    stage = stages[-1]
    status_text, next_date_text, next_date = _status_text(complaint, stage)
    happenings = [
        Happening(
            when=event.occurred_at,
            text=_(RESIDENT_WORDING[event.action])
            if event.action in RESIDENT_WORDING
            else event.summary,
        )
        for event in complaint_timeline(complaint=complaint, resident_view=True)
    ]
    remedies = [
        RemedyProgress(
            description=remedy.description,
            kind=remedy.get_kind_display(),
            due_on=remedy.due_on,
            status=remedy.get_status_display(),
            completed_on=remedy.completed_on,
        )
        for remedy in complaint.remedies.all()
        if remedy.status != Remedy.Status.DECLINED
    ]
    actions = [
        ActionProgress(
            description=action.description,
            due_on=action.due_on,
            status=action.get_status_display(),
            completed_on=action.completed_on,
            latest_update=next(
                (u.text for u in reversed(action.updates.all()) if u.given_to_resident_on),
                "",
            ),
        )
        for action in complaint.outstanding_actions.all()
        if action.status != OutstandingAction.Status.CANCELLED
    ]
    stage_one_responded = any(s.number == 1 and s.is_responded for s in stages)
    return ResidentComplaint(
        complaint=complaint,
        stage=stage,
        status_text=status_text,
        next_date_text=next_date_text,
        next_date=next_date,
        happenings=happenings,
        letters=letter_list_sent(complaint=complaint),
        remedies=remedies,
        actions=actions,
        # Code 6.10, 6.12: after the stage 1 response, asking is enough; the service decides.
        can_escalate=len(stages) == 1
        and stage_one_responded
        and complaint.status in (Complaint.Status.STAGE1_RESPONDED, Complaint.Status.CLOSED),
        can_withdraw=complaint.is_open,
    )
