"""The work queues: what needs doing now, for the member of staff looking.

Every queue is a selector. It takes the ``Actor`` (who sees which complaints is decided once,
in ``complaint_visible``), ``QueueFilters`` and a ``Sort``, and returns ``QueueRows``: a
sequence read a page at a time, with the same number of queries however many complaints
there are. Where each row stands against its deadline is worked out in Python by
``stage_deadline`` / ``deadline_for`` from the landlord's working-day calendar, read once.

The queues over open stages (yours, unassigned, to acknowledge, due soon, overdue, extended)
are defined here, with service requests whose resident is dissatisfied and the search.
Outstanding actions and remedies are in ``putright.remedies.selectors``; restrictions and
reasonable adjustments due for review in ``putright.residents.selectors``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    When,
)
from django.utils import timezone

from putright.accounts.models import User
from putright.complaints.models import (
    Category,
    Complaint,
    Extension,
    ServiceRequest,
    Stage,
)
from putright.complaints.selectors import (
    DUE_SOON_WORKING_DAYS,
    Deadline,
    complaint_search_match,
    complaint_visible,
    stage_deadline,
)
from putright.core.actors import Actor
from putright.landlords.models import Entity, ServiceArea
from putright.workdays.rules import WorkingCalendar
from putright.workdays.selectors import calendar_for_landlord

Row = TypeVar("Row")


# ---------------------------------------------------------------- shared by every queue


@dataclass(frozen=True)
class QueueFilters:
    """What a queue page's filter form narrows a queue by; ``None`` is "any"."""

    entity_id: int | None = None
    service_area_id: int | None = None
    category_id: int | None = None
    handler_id: int | None = None
    stage: int | None = None

    @property
    def any(self) -> bool:
        return any(
            value is not None
            for value in (
                self.entity_id,
                self.service_area_id,
                self.category_id,
                self.handler_id,
                self.stage,
            )
        )


NO_FILTERS = QueueFilters()


@dataclass(frozen=True)
class Sort:
    """A column to sort by and its direction; written ``"due"`` or ``"-due"`` in a link."""

    key: str
    descending: bool = False

    @classmethod
    def parse(cls, value: str | Sort | None, *, allowed: Iterable[str], default: Sort) -> Sort:
        """The sort asked for, or the queue's default when it is missing or unknown."""
        if isinstance(value, Sort):
            return value if value.key in set(allowed) else default
        if not value:
            return default
        descending = value.startswith("-")
        key = value.removeprefix("-")
        return cls(key, descending) if key in set(allowed) else default

    def __str__(self) -> str:
        return f"-{self.key}" if self.descending else self.key


def order(
    queryset: QuerySet[Any],
    *,
    columns: dict[str, tuple[Any, ...]],
    sort: Sort,
    tiebreak: str = "pk",
) -> QuerySet[Any]:
    """Order by a column's expressions, then by ``tiebreak`` so pages never overlap."""
    expressions = []
    for expression in columns[sort.key]:
        field = F(expression) if isinstance(expression, str) else expression
        expressions.append(
            field.desc(nulls_last=True) if sort.descending else field.asc(nulls_last=True)
        )
    tie = F(tiebreak)
    return queryset.order_by(*expressions, tie.desc() if sort.descending else tie.asc())


class QueueRows(Generic[Row]):
    """A queue's rows, read a page at a time: ``count()`` and slicing, as Django's Paginator
    asks, in two queries whatever the page and however long the queue.

    The queue is found once: the first query lists the ids of every row in order, which is
    the count too; a page then reads its rows by id (with their related objects and any
    prefetch). Counting with ``COUNT(*)`` and then reading a page with ``OFFSET`` would make
    the database find and sort the whole queue twice. Iterating reads every row in one
    query.
    """

    def __init__(
        self,
        queryset: QuerySet[Any],
        row: Callable[[Any], Row],
        *,
        sort: Sort,
        sorts: Sequence[str],
    ) -> None:
        self.queryset = queryset
        self._row = row
        self.sort = sort
        self.sorts = tuple(sorts)
        self._ids: list[Any] | None = None

    def ids(self) -> list[Any]:
        if self._ids is None:
            self._ids = list(self.queryset.values_list("pk", flat=True))
        return self._ids

    def count(self) -> int:
        # No __len__: list(rows) would ask for it first, and find the queue twice.
        return len(self.ids())

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        wanted = self.ids()[index]
        if not wanted:
            return []
        # Read by id the database goes straight to the page's rows, checking the queue's
        # conditions on those alone (a row that has left the queue since is not shown).
        return [self._row(item) for item in self.queryset.filter(pk__in=wanted)]

    def __iter__(self) -> Iterator[Row]:
        return (self._row(item) for item in self.queryset)


@dataclass(frozen=True)
class Today:
    """The day a queue is read on, and the landlord's calendar to count working days with."""

    date: datetime.date
    calendar: WorkingCalendar

    @classmethod
    def for_actor(
        cls,
        actor: Actor,
        *,
        today: datetime.date | None = None,
        calendar: WorkingCalendar | None = None,
    ) -> Today:
        """Reads the calendar (one query) unless the caller already has it."""
        return cls(
            date=today or timezone.localdate(),
            calendar=calendar or calendar_for_landlord(landlord_id=actor.landlord_pk),
        )

    @property
    def due_soon_before(self) -> datetime.date:
        """The first date that is not yet due soon.

        A deadline on or after today and before this date has 0 to
        ``DUE_SOON_WORKING_DAYS`` working days left, exactly as ``Deadline.is_due_soon``
        counts them (working days ``d`` with ``today < d <= due``); one before today is
        overdue (``Deadline.is_overdue``). This is that same count turned into a date
        range a database index can answer.
        """
        return self.calendar.add_working_days(self.date, DUE_SOON_WORKING_DAYS + 1)

    @property
    def last_due_soon_day(self) -> datetime.date:
        return self.due_soon_before - datetime.timedelta(days=1)


# ---------------------------------------------------------------- open stages of complaints


def complaint_queue_require(actor: Actor) -> None:
    """Complaint queues are for those who handle or oversee complaints, not the board (who see
    reports) nor administrators."""
    actor.require_any(
        ("complaints.view_all_complaints", "complaints.handle_complaint"),
        "see the complaint work queues",
    )


@dataclass(frozen=True)
class ComplaintRow:
    """One open complaint in a queue: its current stage and where it stands."""

    complaint: Complaint
    stage: Stage
    deadline: Deadline | None

    @property
    def reference(self) -> str:
        return self.complaint.reference


NEXT_DUE = Case(
    When(acknowledged_at__isnull=True, then=F("acknowledgement_due")),
    default=F("response_due"),
    output_field=DateField(),
)

COMPLAINT_SORTS: dict[str, tuple[Any, ...]] = {
    "due": ("next_due",),
    "reference": ("complaint__reference",),
    "resident": ("complaint__resident__name",),
    "stage": ("number",),
    "handler": ("handler__first_name", "handler__last_name", "handler__username"),
    "received": ("complaint__received_at",),
}
BY_DUE = Sort("due")


def _next_due_between(start: datetime.date | None, before: datetime.date) -> Q:
    """The stage's next deadline (acknowledgement until acknowledged, then the response) in
    ``[start, before)``. Two indexed ranges rather than one computed column, so the database
    can use the indexes on both dates."""
    acknowledgement = Q(acknowledged_at__isnull=True, acknowledgement_due__lt=before)
    response = Q(acknowledged_at__isnull=False, response_due__lt=before)
    if start is not None:
        acknowledgement &= Q(acknowledgement_due__gte=start)
        response &= Q(response_due__gte=start)
    return acknowledgement | response


def _mine(actor: Actor, day: Today) -> Q:
    return Q(handler_id=actor.user.pk) if actor.user is not None else Q(pk__in=[])


def _unassigned(actor: Actor, day: Today) -> Q:
    return Q(handler__isnull=True)


def _to_acknowledge_stage_1(actor: Actor, day: Today) -> Q:
    return Q(complaint__status=Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT)


def _to_acknowledge_stage_2(actor: Actor, day: Today) -> Q:
    return Q(complaint__status=Complaint.Status.STAGE2_AWAITING_ACKNOWLEDGEMENT)


def _due_soon(actor: Actor, day: Today) -> Q:
    return _next_due_between(day.date, day.due_soon_before)


def _overdue(actor: Actor, day: Today) -> Q:
    return _next_due_between(None, day.date)


def _extended(actor: Actor, day: Today) -> Q:
    return Q(Exists(Extension.objects.filter(stage=OuterRef("pk"))))


@dataclass(frozen=True)
class ComplaintQueue:
    slug: str
    title: str
    hint: str
    condition: Callable[[Actor, Today], Q]
    default_sort: Sort = BY_DUE


COMPLAINT_QUEUES: tuple[ComplaintQueue, ...] = (
    ComplaintQueue(
        "mine", "Your complaints", "Open complaints whose current stage you are handling.", _mine
    ),
    ComplaintQueue(
        "unassigned",
        "Unassigned complaints",
        "Open complaints whose current stage has no handler.",
        _unassigned,
    ),
    ComplaintQueue(
        "acknowledge-stage-1",
        "Stage 1 complaints to acknowledge",
        "Acknowledge, define and log within 5 working days of receipt (Code 6.2).",
        _to_acknowledge_stage_1,
    ),
    ComplaintQueue(
        "acknowledge-stage-2",
        "Stage 2 requests to acknowledge",
        "Acknowledge, define and log within 5 working days of the request (Code 6.11).",
        _to_acknowledge_stage_2,
    ),
    ComplaintQueue(
        "due-soon",
        f"Due within {DUE_SOON_WORKING_DAYS} working days",
        "Acknowledgements and responses due today or in the next "
        f"{DUE_SOON_WORKING_DAYS} working days (Code 6.2, 6.3, 6.11, 6.14).",
        _due_soon,
    ),
    ComplaintQueue(
        "overdue",
        "Overdue",
        "Acknowledgements and responses past their deadline: tell the resident and agree "
        "how often they will hear from you (Code 5.9).",
        _overdue,
    ),
    ComplaintQueue(
        "extended",
        "Extended",
        "Open complaints whose response was extended; the new date still counts (Code 6.4, 6.15).",
        _extended,
    ),
)
COMPLAINT_QUEUES_BY_SLUG = {queue.slug: queue for queue in COMPLAINT_QUEUES}


def _open_stages(actor: Actor) -> QuerySet[Stage]:
    """The current stage of every open complaint the actor may see.

    An open complaint's current stage is the one without a response: stage 1 until it is
    answered, then stage 2 once the resident escalates.
    """
    complaint_queue_require(actor)
    return Stage.objects.filter(
        complaint__landlord_id=actor.landlord_pk,
        complaint__in=complaint_visible(actor),
        complaint__status__in=Complaint.OPEN_STATUSES,
        responded_at__isnull=True,
    )


def _stage_filters(stages: QuerySet[Stage], filters: QueueFilters) -> QuerySet[Stage]:
    if filters.entity_id is not None:
        stages = stages.filter(complaint__entity_id=filters.entity_id)
    if filters.service_area_id is not None:
        stages = stages.filter(complaint__service_area_id=filters.service_area_id)
    if filters.category_id is not None:
        # A category includes its sub-categories.
        stages = stages.filter(
            Q(complaint__category_id=filters.category_id)
            | Q(complaint__category__parent_id=filters.category_id)
        )
    if filters.handler_id is not None:
        stages = stages.filter(handler_id=filters.handler_id)
    if filters.stage is not None:
        stages = stages.filter(number=filters.stage)
    return stages


def complaint_queue(
    *,
    actor: Actor,
    slug: str,
    filters: QueueFilters = NO_FILTERS,
    sort: str | Sort | None = None,
    today: datetime.date | None = None,
    calendar: WorkingCalendar | None = None,
) -> QueueRows[ComplaintRow]:
    """The open complaints in one queue, as rows with their current stage and deadline."""
    queue = COMPLAINT_QUEUES_BY_SLUG[slug]
    complaint_queue_require(actor)
    day = Today.for_actor(actor, today=today, calendar=calendar)
    chosen = Sort.parse(sort, allowed=COMPLAINT_SORTS, default=queue.default_sort)
    stages = (
        _stage_filters(_open_stages(actor), filters)
        .filter(queue.condition(actor, day))
        .annotate(next_due=NEXT_DUE)
        .select_related("complaint", "complaint__resident", "handler")
    )
    stages = order(stages, columns=COMPLAINT_SORTS, sort=chosen)

    def row(stage: Stage) -> ComplaintRow:
        return ComplaintRow(
            complaint=stage.complaint,
            stage=stage,
            deadline=stage_deadline(stage, calendar=day.calendar, today=day.date),
        )

    return QueueRows(stages, row, sort=chosen, sorts=tuple(COMPLAINT_SORTS))


def complaint_queue_mine(**kwargs: Any) -> QueueRows[ComplaintRow]:
    """Open complaints whose current stage the actor handles."""
    return complaint_queue(slug="mine", **kwargs)


def complaint_queue_unassigned(**kwargs: Any) -> QueueRows[ComplaintRow]:
    """Open complaints whose current stage has no handler."""
    return complaint_queue(slug="unassigned", **kwargs)


def complaint_queue_to_acknowledge_stage_1(**kwargs: Any) -> QueueRows[ComplaintRow]:
    """Code 6.2: stage 1 complaints not yet acknowledged."""
    return complaint_queue(slug="acknowledge-stage-1", **kwargs)


def complaint_queue_to_acknowledge_stage_2(**kwargs: Any) -> QueueRows[ComplaintRow]:
    """Code 6.11: requests for stage 2 not yet acknowledged."""
    return complaint_queue(slug="acknowledge-stage-2", **kwargs)


def complaint_queue_due_soon(**kwargs: Any) -> QueueRows[ComplaintRow]:
    """The next deadline is today or within ``DUE_SOON_WORKING_DAYS`` working days."""
    return complaint_queue(slug="due-soon", **kwargs)


def complaint_queue_overdue(**kwargs: Any) -> QueueRows[ComplaintRow]:
    """The next deadline has passed."""
    return complaint_queue(slug="overdue", **kwargs)


def complaint_queue_extended(**kwargs: Any) -> QueueRows[ComplaintRow]:
    """Code 6.4, 6.15: open complaints whose response deadline was extended."""
    return complaint_queue(slug="extended", **kwargs)


def complaint_queue_counts(
    *,
    actor: Actor,
    today: datetime.date | None = None,
    calendar: WorkingCalendar | None = None,
) -> dict[str, int]:
    """How many complaints are in each complaint queue, in one query."""
    complaint_queue_require(actor)
    day = Today.for_actor(actor, today=today, calendar=calendar)
    counts = _open_stages(actor).aggregate(
        **{
            queue.slug: Count("pk", filter=queue.condition(actor, day))
            for queue in COMPLAINT_QUEUES
        }
    )
    return {slug: int(value or 0) for slug, value in counts.items()}


# ---------------------------------------------------------------- filter choices


@dataclass(frozen=True)
class FilterOptions:
    """What a queue's filter form offers: the landlord's own entities, areas and people."""

    entities: list[Entity]
    service_areas: list[ServiceArea]
    categories: list[Category]
    handlers: list[User]


def queue_filter_options(*, actor: Actor) -> FilterOptions:
    """Four queries, whatever the queue."""
    landlord_id = actor.landlord_pk
    handlers = (
        User.objects.filter(landlord_id=landlord_id, is_active=True)
        .filter(
            Q(groups__permissions__codename="handle_complaint")
            | Q(user_permissions__codename="handle_complaint")
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return FilterOptions(
        entities=list(Entity.objects.filter(landlord_id=landlord_id)),
        service_areas=list(ServiceArea.objects.filter(landlord_id=landlord_id)),
        categories=list(
            Category.objects.filter(landlord_id=landlord_id, active=True)
            .select_related("parent")
            .order_by(F("parent__name").asc(nulls_first=True), "name")
        ),
        handlers=list(handlers),
    )


# ---------------------------------------------------------------- service requests


@dataclass(frozen=True)
class ServiceRequestRow:
    """Code 1.5: a service request the resident is dissatisfied with. A complaint was raised,
    and the request itself must still be followed through."""

    service_request: ServiceRequest
    complaints: list[Complaint]

    @property
    def reference(self) -> str:
        return self.service_request.reference


SERVICE_REQUEST_SORTS: dict[str, tuple[Any, ...]] = {
    "dissatisfied": ("dissatisfaction_expressed_at",),
    "reference": ("reference",),
    "resident": ("resident__name",),
    "received": ("received_at",),
}


def service_request_queue_require(actor: Actor) -> None:
    # As the API: whoever logs service requests sees the landlord's service requests.
    actor.require("complaints.log_complaint", "see service requests")


def _dissatisfied_service_requests(actor: Actor) -> QuerySet[ServiceRequest]:
    service_request_queue_require(actor)
    return ServiceRequest.objects.filter(
        landlord_id=actor.landlord_pk,
        status=ServiceRequest.Status.OPEN,
        dissatisfaction_expressed_at__isnull=False,
    )


def service_request_queue_dissatisfied(
    *,
    actor: Actor,
    filters: QueueFilters = NO_FILTERS,
    sort: str | Sort | None = None,
    today: datetime.date | None = None,
    calendar: WorkingCalendar | None = None,
) -> QueueRows[ServiceRequestRow]:
    """Code 1.4, 1.5: open service requests whose resident has expressed dissatisfaction.

    Each row lists the complaints raised from it that the actor may see (one more query).
    ``today`` and ``calendar`` are accepted so every queue is called alike; nothing here
    counts working days.
    """
    requests = _dissatisfied_service_requests(actor)
    default = Sort("dissatisfied")
    chosen = Sort.parse(sort, allowed=SERVICE_REQUEST_SORTS, default=default)
    if filters.entity_id is not None:
        requests = requests.filter(
            Q(service_area__entity_id=filters.entity_id) | Q(home__entity_id=filters.entity_id)
        )
    if filters.service_area_id is not None:
        requests = requests.filter(service_area_id=filters.service_area_id)
    if filters.category_id is not None:
        requests = requests.filter(
            Q(category_id=filters.category_id) | Q(category__parent_id=filters.category_id)
        )
    requests = requests.select_related("resident").prefetch_related(
        Prefetch(
            "complaints",
            queryset=complaint_visible(actor).order_by("received_at", "pk"),
            to_attr="visible_complaints",
        )
    )
    requests = order(requests, columns=SERVICE_REQUEST_SORTS, sort=chosen)

    def row(request: ServiceRequest) -> ServiceRequestRow:
        return ServiceRequestRow(
            service_request=request,
            complaints=request.visible_complaints,  # type: ignore[attr-defined]
        )

    return QueueRows(requests, row, sort=chosen, sorts=tuple(SERVICE_REQUEST_SORTS))


# ---------------------------------------------------------------- search


@dataclass(frozen=True)
class SearchRow:
    """A complaint found by search, open or not; its latest stage and, while open, where it
    stands."""

    complaint: Complaint
    stage: Stage | None
    deadline: Deadline | None

    @property
    def reference(self) -> str:
        return self.complaint.reference


SEARCH_SORTS: dict[str, tuple[Any, ...]] = {
    "received": ("received_at",),
    "reference": ("reference",),
    "resident": ("resident__name",),
    "status": ("status",),
}


def complaint_search(
    *,
    actor: Actor,
    query: str,
    sort: str | Sort | None = None,
    today: datetime.date | None = None,
    calendar: WorkingCalendar | None = None,
) -> QueueRows[SearchRow]:
    """Complaints the actor may see, by reference, resident's name, address or postcode.

    A reference or postcode matches typed with or without spaces, in any case ("rv12ab"
    finds RV1 2AB); otherwise every word must appear in the resident's name or the address
    ("morgan mill" finds Alex Morgan of 12 Mill Lane). An empty query finds nothing.
    """
    complaint_queue_require(actor)
    default = Sort("received", descending=True)
    chosen = Sort.parse(sort, allowed=SEARCH_SORTS, default=default)
    complaints = complaint_visible(actor)
    if query.split():
        complaints = complaints.filter(
            complaint_search_match(landlord_id=actor.landlord_pk, query=query)
        )
    else:
        complaints = complaints.none()
    day = Today.for_actor(actor, today=today, calendar=calendar)
    complaints = complaints.select_related("resident", "home").prefetch_related(
        Prefetch(
            "stages",
            queryset=Stage.objects.select_related("handler").order_by("number"),
            to_attr="stage_list",
        )
    )
    complaints = order(complaints, columns=SEARCH_SORTS, sort=chosen)

    def row(complaint: Complaint) -> SearchRow:
        stages: list[Stage] = complaint.stage_list  # type: ignore[attr-defined]
        stage = stages[-1] if stages else None
        deadline = (
            stage_deadline(stage, calendar=day.calendar, today=day.date)
            if stage is not None and complaint.is_open
            else None
        )
        return SearchRow(complaint=complaint, stage=stage, deadline=deadline)

    return QueueRows(complaints, row, sort=chosen, sorts=tuple(SEARCH_SORTS))
