from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from putright.complaints.queues import NO_FILTERS, QueueFilters, QueueRows, Sort, Today, order
from putright.complaints.selectors import Deadline, deadline_for
from putright.core.actors import Actor
from putright.core.errors import NotPermittedError
from putright.residents.models import ReasonableAdjustment, Resident, Restriction, Vulnerability
from putright.workdays.rules import WorkingCalendar


def special_category_require(actor: Actor) -> None:
    """Disabilities, vulnerabilities and adjustments are special-category data (UK GDPR art. 9)."""
    if not actor.can("residents.view_special_category"):
        raise NotPermittedError(
            "Your role does not allow you to see disabilities, vulnerabilities or adjustments."
        )


def resident_adjustments(*, actor: Actor, resident: Resident) -> QuerySet[ReasonableAdjustment]:
    special_category_require(actor)
    return resident.adjustments.filter(ended_on__isnull=True)


def resident_vulnerabilities(*, actor: Actor, resident: Resident) -> QuerySet[Vulnerability]:
    special_category_require(actor)
    return resident.vulnerabilities.filter(ended_on__isnull=True)


def resident_active_restrictions(
    *, resident: Resident, on: datetime.date | None = None
) -> QuerySet[Restriction]:
    """Restrictions in force: staff who contact the resident must know them."""
    on = on or timezone.localdate()
    return resident.restrictions.filter(starts_on__lte=on, ended_on__isnull=True)


def restriction_list_due_for_review(
    *, actor: Actor, on: datetime.date | None = None
) -> QuerySet[Restriction]:
    """Code 5.14: restrictions are kept under review; those whose review date has come.

    For those who may review them, as the queue page and any other reader alike.
    """
    actor.require("residents.manage_restrictions", "see restrictions due for review")
    on = on or timezone.localdate()
    return (
        Restriction.objects.filter(
            resident__landlord_id=actor.landlord_pk, ended_on__isnull=True, review_on__lte=on
        )
        .select_related("resident")
        .order_by("review_on")
    )


def adjustment_list_due_for_review(
    *, actor: Actor, on: datetime.date | None = None
) -> QuerySet[ReasonableAdjustment]:
    special_category_require(actor)
    on = on or timezone.localdate()
    return (
        ReasonableAdjustment.objects.filter(
            resident__landlord_id=actor.landlord_pk, ended_on__isnull=True, review_on__lte=on
        )
        .select_related("resident")
        .order_by("review_on")
    )


# ---------------------------------------------------------------- work queues


@dataclass(frozen=True)
class RestrictionReviewRow:
    """Code 5.14: a restriction on contact whose review is due or overdue."""

    restriction: Restriction
    deadline: Deadline


@dataclass(frozen=True)
class AdjustmentReviewRow:
    """Code 5.10: a reasonable adjustment whose review is due or overdue."""

    adjustment: ReasonableAdjustment
    deadline: Deadline


REVIEW_SORTS: dict[str, tuple[Any, ...]] = {
    "review": ("review_on",),
    "resident": ("resident__name",),
}


def _review_queue(
    items: QuerySet[Any], *, filters: QueueFilters, sort: str | Sort | None
) -> tuple[QuerySet[Any], Sort]:
    # Residents have no service area, category, handler or stage: only the entity applies,
    # through the resident's home.
    if filters.entity_id is not None:
        items = items.filter(resident__home__entity_id=filters.entity_id)
    chosen = Sort.parse(sort, allowed=REVIEW_SORTS, default=Sort("review"))
    return order(items, columns=REVIEW_SORTS, sort=chosen), chosen


def restriction_queue_due_for_review(
    *,
    actor: Actor,
    filters: QueueFilters = NO_FILTERS,
    sort: str | Sort | None = None,
    today: datetime.date | None = None,
    calendar: WorkingCalendar | None = None,
) -> QueueRows[RestrictionReviewRow]:
    """Code 5.14: restrictions in force whose review date has come or comes within the
    due-soon window. For those who may review them (``residents.manage_restrictions``)."""
    day = Today.for_actor(actor, today=today, calendar=calendar)
    restrictions, chosen = _review_queue(
        restriction_list_due_for_review(actor=actor, on=day.last_due_soon_day),
        filters=filters,
        sort=sort,
    )

    def row(restriction: Restriction) -> RestrictionReviewRow:
        return RestrictionReviewRow(
            restriction=restriction,
            deadline=deadline_for(
                kind="review", due=restriction.review_on, calendar=day.calendar, today=day.date
            ),
        )

    return QueueRows(restrictions, row, sort=chosen, sorts=tuple(REVIEW_SORTS))


def adjustment_queue_due_for_review(
    *,
    actor: Actor,
    filters: QueueFilters = NO_FILTERS,
    sort: str | Sort | None = None,
    today: datetime.date | None = None,
    calendar: WorkingCalendar | None = None,
) -> QueueRows[AdjustmentReviewRow]:
    """Code 5.10: agreed reasonable adjustments whose review date has come or comes within
    the due-soon window. Special-category data: only for roles that may see it."""
    special_category_require(actor)
    day = Today.for_actor(actor, today=today, calendar=calendar)
    adjustments, chosen = _review_queue(
        adjustment_list_due_for_review(actor=actor, on=day.last_due_soon_day),
        filters=filters,
        sort=sort,
    )

    def row(adjustment: ReasonableAdjustment) -> AdjustmentReviewRow:
        assert adjustment.review_on is not None  # the queue holds only those with a date
        return AdjustmentReviewRow(
            adjustment=adjustment,
            deadline=deadline_for(
                kind="review", due=adjustment.review_on, calendar=day.calendar, today=day.date
            ),
        )

    return QueueRows(adjustments, row, sort=chosen, sorts=tuple(REVIEW_SORTS))
