"""Reads of complaints shared by pages, the API and reports. Visibility is decided here once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Replace, Upper
from django.utils import timezone

from putright.complaints.models import Complaint, ServiceRequest, Stage
from putright.core.actors import Actor
from putright.core.errors import NotFoundError
from putright.core.models import Event
from putright.imports.models import ImportedComplaint
from putright.residents.models import Property, Resident
from putright.workdays.rules import WorkingCalendar

DUE_SOON_WORKING_DAYS = 2


def complaint_visible(actor: Actor) -> QuerySet[Complaint]:
    """The complaints this actor may see: every one of the landlord's for officers and managers;
    for handlers, those they handle or logged and their team's."""
    complaints = Complaint.objects.filter(landlord_id=actor.landlord_pk)
    if actor.can("complaints.view_all_complaints"):
        return complaints
    if actor.user is None or not actor.can("complaints.handle_complaint"):
        return complaints.none()
    handled = Stage.objects.filter(complaint=OuterRef("pk"))
    if actor.user.team_id:
        handled = handled.filter(Q(handler=actor.user) | Q(handler__team_id=actor.user.team_id))
    else:
        handled = handled.filter(handler=actor.user)
    return complaints.filter(Q(Exists(handled)) | Q(logged_by=actor.user))


def complaint_require_visible(actor: Actor, complaint: Complaint) -> None:
    if actor.permissions == frozenset({"*"}) and actor.landlord_id == complaint.landlord_id:
        return
    if not complaint_visible(actor).filter(pk=complaint.pk).exists():
        raise NotFoundError(f"Complaint {complaint.reference} could not be found.")


def complaint_get(*, actor: Actor, reference: str) -> Complaint:
    try:
        return (
            complaint_visible(actor)
            .select_related(
                "resident",
                "representative",
                "home",
                "category",
                "category__parent",
                "service_area",
                "entity",
                "landlord",
            )
            .get(reference=reference.strip().upper())
        )
    except Complaint.DoesNotExist as exc:
        raise NotFoundError(f"Complaint {reference} could not be found.") from exc


@dataclass(frozen=True)
class Deadline:
    """Where an open stage stands against its next deadline, in working days."""

    kind: str  # "acknowledgement" or "response"
    due: datetime.date
    working_days_left: int  # negative when overdue

    @property
    def is_overdue(self) -> bool:
        return self.working_days_left < 0

    @property
    def is_due_soon(self) -> bool:
        return 0 <= self.working_days_left <= DUE_SOON_WORKING_DAYS

    @property
    def description(self) -> str:
        if self.working_days_left < 0:
            days = -self.working_days_left
            return f"Overdue by {days} working day{'s' if days != 1 else ''}"
        if self.working_days_left == 0:
            return "Due today"
        days = self.working_days_left
        return f"{days} working day{'s' if days != 1 else ''} left"


def stage_deadline(
    stage: Stage, *, calendar: WorkingCalendar, today: datetime.date | None = None
) -> Deadline | None:
    """The next deadline of an open stage; None once the stage has its response."""
    if stage.is_responded:
        return None
    if not stage.is_acknowledged:
        kind, due = "acknowledgement", stage.acknowledgement_due
    else:
        assert stage.response_due is not None
        kind, due = "response", stage.response_due
    return deadline_for(kind=kind, due=due, calendar=calendar, today=today)


def deadline_for(
    *, kind: str, due: datetime.date, calendar: WorkingCalendar, today: datetime.date | None = None
) -> Deadline:
    """Where anything due on ``due`` stands today, in working days (a stage, an action...)."""
    today = today or timezone.localdate()
    left = calendar.working_days_between(today, due)
    if left == 0 and today > due:
        # The deadline passed and today is not a working day (a weekend or bank holiday):
        # it is overdue, as it will be on the next working day, not "due today".
        left = -1
    return Deadline(kind=kind, due=due, working_days_left=left)


def complaint_timeline(*, complaint: Complaint, resident_view: bool = False) -> QuerySet[Event]:
    """Every event in the complaint's history, newest first."""
    events = Event.objects.filter(complaint_id=complaint.pk).select_related("actor_user")
    if resident_view:
        events = events.filter(visible_to_resident=True)
    return events.order_by("-occurred_at", "-id")


def complaint_filter(
    complaints: QuerySet[Complaint], *, landlord_id: int, filters: dict[str, Any]
) -> QuerySet[Complaint]:
    """Apply list filters shared by the API and the staff queues."""
    if filters.get("status"):
        complaints = complaints.filter(status=filters["status"])
    if filters.get("stage"):
        complaints = complaints.filter(
            Exists(Stage.objects.filter(complaint=OuterRef("pk"), number=2))
            if int(filters["stage"]) == 2
            else ~Exists(Stage.objects.filter(complaint=OuterRef("pk"), number=2))
        )
    if filters.get("handler_id"):
        complaints = complaints.filter(stages__handler_id=filters["handler_id"]).distinct()
    for name in ("category_id", "service_area_id", "entity_id", "channel"):
        if filters.get(name):
            complaints = complaints.filter(**{name: filters[name]})
    if filters.get("received_from"):
        complaints = complaints.filter(received_on__gte=filters["received_from"])
    if filters.get("received_to"):
        complaints = complaints.filter(received_on__lte=filters["received_to"])
    if filters.get("open") is not None:
        complaints = (
            complaints.filter(status__in=Complaint.OPEN_STATUSES)
            if filters["open"]
            else complaints.exclude(status__in=Complaint.OPEN_STATUSES)
        )
    if filters.get("search") and filters["search"].split():
        complaints = complaints.filter(
            complaint_search_match(landlord_id=landlord_id, query=filters["search"])
        )
    return complaints


def complaint_search_match(*, landlord_id: int, query: str) -> Q:
    """What a search matches, the same for staff pages and the API.

    A reference or postcode matches typed with or without spaces, in any case ("rv12ab"
    finds RV1 2AB), and so does an imported complaint's reference in the previous system,
    typed whole; otherwise every word must appear in the resident's name or the address
    ("morgan mill" finds Alex Morgan of 12 Mill Lane).
    """
    # Names and addresses are matched in their own (smaller) tables first, so the database
    # checks who may see a complaint only for the complaints that match.
    residents = Resident.objects.filter(landlord_id=landlord_id)
    homes = Property.objects.filter(landlord_id=landlord_id)
    key = "".join(query.split()).upper()
    every_word = Q()
    for word in query.split():
        every_word &= Q(resident_id__in=residents.filter(name__icontains=word).values("pk")) | Q(
            home_id__in=homes.filter(
                Q(address_line_1__icontains=word)
                | Q(address_line_2__icontains=word)
                | Q(town__icontains=word)
                | Q(postcode__icontains=word)
            ).values("pk")
        )
    postcode = (
        homes.annotate(key=Replace(Upper("postcode"), Value(" "), Value("")))
        .filter(key__startswith=key)
        .values("pk")
    )
    # A complaint brought over from the landlord's previous system is also found by its old
    # reference, typed whole, in any case.
    imported = ImportedComplaint.objects.filter(
        landlord_id=landlord_id, legacy_reference__iexact=query.strip()
    ).values("complaint_id")
    return Q(reference__icontains=key) | Q(home_id__in=postcode) | Q(pk__in=imported) | every_word


RELATED_LIMIT = 20


def complaint_related(*, actor: Actor, complaint: Complaint) -> list[Complaint]:
    """Other complaints from the same resident or about the same home, and those linked to
    this one (Code 6.8), newest first: where issues recur, the case page shows them.

    Only complaints the actor may see; at most ``RELATED_LIMIT``, in one query.
    """
    links = Q(related_to_id=complaint.pk)
    if complaint.related_to_id:
        links |= Q(pk=complaint.related_to_id)
    if complaint.resident_id:
        links |= Q(resident_id=complaint.resident_id)
    if complaint.home_id:
        links |= Q(home_id=complaint.home_id)
    return list(
        complaint_visible(actor)
        .filter(links)
        .exclude(pk=complaint.pk)
        .select_related("category")
        .order_by("-received_at", "-id")[:RELATED_LIMIT]
    )


def complaint_service_requests(*, complaint: Complaint) -> list[ServiceRequest]:
    """The service request this complaint came from (Code 1.5) and the resident's or the
    home's other service requests, newest first, in one query."""
    links = Q(pk=complaint.service_request_id) if complaint.service_request_id else Q(pk__in=[])
    if complaint.resident_id:
        links |= Q(resident_id=complaint.resident_id)
    if complaint.home_id:
        links |= Q(home_id=complaint.home_id)
    return list(
        ServiceRequest.objects.filter(landlord_id=complaint.landlord_id)
        .filter(links)
        .order_by("-received_at", "-id")[:RELATED_LIMIT]
    )
