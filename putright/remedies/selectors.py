"""Reads of remedies and outstanding actions: the queues that follow them to completion.

Both queues see what the actor may see of the complaints they belong to
(``complaint_visible``), and read a page with the same number of queries however long the
queue is. See ``putright.complaints.queues`` for the shared pieces (filters, sort, rows).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet

from putright.complaints.models import Complaint
from putright.complaints.queues import (
    NO_FILTERS,
    QueueFilters,
    QueueRows,
    Sort,
    Today,
    complaint_queue_require,
    order,
)
from putright.complaints.selectors import Deadline, complaint_visible, deadline_for
from putright.core.actors import Actor
from putright.remedies.models import OutstandingAction, Remedy
from putright.workdays.rules import WorkingCalendar


def _by_complaint(queryset: QuerySet[Any], actor: Actor, filters: QueueFilters) -> QuerySet[Any]:
    """Rows of the complaints the actor may see, narrowed by the complaint's filters."""
    complaint_queue_require(actor)
    queryset = queryset.filter(
        complaint__landlord_id=actor.landlord_pk, complaint__in=complaint_visible(actor)
    )
    if filters.entity_id is not None:
        queryset = queryset.filter(complaint__entity_id=filters.entity_id)
    if filters.service_area_id is not None:
        queryset = queryset.filter(complaint__service_area_id=filters.service_area_id)
    if filters.category_id is not None:
        queryset = queryset.filter(
            Q(complaint__category_id=filters.category_id)
            | Q(complaint__category__parent_id=filters.category_id)
        )
    if filters.stage is not None:
        queryset = queryset.filter(stage__number=filters.stage)
    return queryset


# ---------------------------------------------------------------- outstanding actions


@dataclass(frozen=True)
class ActionRow:
    """Code 6.6, 6.17: an outstanding action still to be done, and where it stands."""

    action: OutstandingAction
    complaint: Complaint
    deadline: Deadline

    @property
    def reference(self) -> str:
        return self.complaint.reference


ACTION_SORTS: dict[str, tuple[Any, ...]] = {
    "due": ("due_on",),
    "reference": ("complaint__reference",),
    "resident": ("complaint__resident__name",),
    "owner": ("owner__first_name", "owner__last_name", "owner_description"),
}


def action_queue_due(
    *,
    actor: Actor,
    filters: QueueFilters = NO_FILTERS,
    sort: str | Sort | None = None,
    today: datetime.date | None = None,
    calendar: WorkingCalendar | None = None,
) -> QueueRows[ActionRow]:
    """Open outstanding actions overdue or due within the due-soon window (Code 6.6, 6.17).

    The handler filter is the action's owner: the person who has to do it.
    """
    complaint_queue_require(actor)
    day = Today.for_actor(actor, today=today, calendar=calendar)
    chosen = Sort.parse(sort, allowed=ACTION_SORTS, default=Sort("due"))
    actions = _by_complaint(
        OutstandingAction.objects.filter(
            status=OutstandingAction.Status.OPEN, due_on__lt=day.due_soon_before
        ),
        actor,
        filters,
    )
    if filters.handler_id is not None:
        actions = actions.filter(owner_id=filters.handler_id)
    actions = actions.select_related("complaint", "complaint__resident", "owner")
    actions = order(actions, columns=ACTION_SORTS, sort=chosen)

    def row(action: OutstandingAction) -> ActionRow:
        return ActionRow(
            action=action,
            complaint=action.complaint,
            deadline=deadline_for(
                kind="action", due=action.due_on, calendar=day.calendar, today=day.date
            ),
        )

    return QueueRows(actions, row, sort=chosen, sorts=tuple(ACTION_SORTS))


# ---------------------------------------------------------------- remedies


@dataclass(frozen=True)
class RemedyRow:
    """Code 7.3: a financial remedy offered and not yet paid, against the date promised."""

    remedy: Remedy
    complaint: Complaint
    deadline: Deadline

    @property
    def reference(self) -> str:
        return self.complaint.reference


REMEDY_SORTS: dict[str, tuple[Any, ...]] = {
    "due": ("due_on",),
    "reference": ("complaint__reference",),
    "resident": ("complaint__resident__name",),
    "offered": ("offered_on",),
    "amount": (
        F("amount_time_and_trouble")
        + F("amount_distress_and_inconvenience")
        + F("amount_quantifiable_loss")
        + F("amount_statutory"),
    ),
    "handler": ("stage__handler__first_name", "stage__handler__last_name"),
}


def remedy_queue_unpaid(
    *,
    actor: Actor,
    filters: QueueFilters = NO_FILTERS,
    sort: str | Sort | None = None,
    today: datetime.date | None = None,
    calendar: WorkingCalendar | None = None,
) -> QueueRows[RemedyRow]:
    """Code 7.3: financial remedies offered (or accepted) whose payment is not recorded.

    A declined offer is not owed. The handler filter is the handler of the stage that
    offered the remedy.
    """
    complaint_queue_require(actor)
    day = Today.for_actor(actor, today=today, calendar=calendar)
    chosen = Sort.parse(sort, allowed=REMEDY_SORTS, default=Sort("due"))
    remedies = _by_complaint(
        Remedy.objects.filter(
            kind=Remedy.Kind.FINANCIAL,
            status__in=(Remedy.Status.OFFERED, Remedy.Status.ACCEPTED),
            paid_on__isnull=True,
        ),
        actor,
        filters,
    )
    if filters.handler_id is not None:
        remedies = remedies.filter(stage__handler_id=filters.handler_id)
    remedies = remedies.select_related(
        "complaint", "complaint__resident", "stage", "stage__handler"
    )
    remedies = order(remedies, columns=REMEDY_SORTS, sort=chosen)

    def row(remedy: Remedy) -> RemedyRow:
        return RemedyRow(
            remedy=remedy,
            complaint=remedy.complaint,
            deadline=deadline_for(
                kind="payment", due=remedy.due_on, calendar=day.calendar, today=day.date
            ),
        )

    return QueueRows(remedies, row, sort=chosen, sorts=tuple(REMEDY_SORTS))
