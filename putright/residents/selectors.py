from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from putright.core.actors import Actor
from putright.core.errors import NotPermittedError
from putright.residents.models import ReasonableAdjustment, Resident, Restriction, Vulnerability


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
    """Code 5.14: restrictions are kept under review; those whose review date has come."""
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
