"""The work queues: what is due, overdue or waiting, for the signed-in member of staff.

Pages only: which rows belong in a queue, who may see them and where each stands against
its deadline are decided by the queue selectors (``putright.complaints.queues``,
``putright.remedies.selectors``, ``putright.residents.selectors``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import URLPattern, path, reverse

from putright.complaints.queues import (
    COMPLAINT_QUEUES,
    FilterOptions,
    QueueFilters,
    QueueRows,
    Sort,
    Today,
    complaint_queue,
    complaint_queue_counts,
    complaint_search,
    queue_filter_options,
    service_request_queue_dissatisfied,
)
from putright.core.actors import Actor
from putright.core.errors import NotPermittedError
from putright.remedies.selectors import action_queue_due, remedy_queue_unpaid
from putright.residents.selectors import (
    adjustment_queue_due_for_review,
    restriction_queue_due_for_review,
)
from putright.staff.access import request_actor, staff_required

PAGE_SIZE = 25

# Those who can see complaints at all: everyone else is refused before any query.
SEES_COMPLAINTS = ("complaints.view_all_complaints", "complaints.handle_complaint")


def complaint_url(reference: str) -> str:
    """The case page of a complaint."""
    return reverse("staff:complaint", kwargs={"reference": reference})


# ---------------------------------------------------------------- the queues as pages


@dataclass(frozen=True)
class Column:
    label: str
    sort: str | None = None  # the selector's sort key, when the column can be sorted
    numeric: bool = False


COMPLAINT_COLUMNS = (
    Column("Reference", "reference"),
    Column("Resident", "resident"),
    Column("Stage", "stage"),
    Column("Handler", "handler"),
    Column("Due", "due"),
    Column("Time left"),
)
ALL_FILTERS = ("entity", "service_area", "category", "handler", "stage")


@dataclass(frozen=True)
class QueuePage:
    slug: str
    title: str
    hint: str
    section: str
    rows: Callable[..., QueueRows[Any]]
    table: str  # the template drawing this queue's rows
    columns: tuple[Column, ...]
    filters: tuple[str, ...]
    noun: tuple[str, str] = ("complaint", "complaints")


def _complaint_queue_page(slug: str, section: str) -> QueuePage:
    queue = next(q for q in COMPLAINT_QUEUES if q.slug == slug)

    def rows(**kwargs: Any) -> QueueRows[Any]:
        return complaint_queue(slug=slug, **kwargs)

    return QueuePage(
        slug=slug,
        title=queue.title,
        hint=queue.hint,
        section=section,
        rows=rows,
        table="staff/queues/_complaints.html",
        columns=COMPLAINT_COLUMNS,
        filters=ALL_FILTERS,
    )


SECTIONS = ("Your work", "Deadlines", "To triage", "Following through", "Reviews")

QUEUE_PAGES: tuple[QueuePage, ...] = (
    _complaint_queue_page("mine", "Your work"),
    _complaint_queue_page("overdue", "Deadlines"),
    _complaint_queue_page("due-soon", "Deadlines"),
    _complaint_queue_page("extended", "Deadlines"),
    _complaint_queue_page("unassigned", "To triage"),
    _complaint_queue_page("acknowledge-stage-1", "To triage"),
    _complaint_queue_page("acknowledge-stage-2", "To triage"),
    QueuePage(
        slug="actions",
        title="Outstanding actions due or overdue",
        hint="Actions promised in a response, to be done and the resident kept updated "
        "(Code 6.6, 6.17).",
        section="Following through",
        rows=action_queue_due,
        table="staff/queues/_actions.html",
        columns=(
            Column("Reference", "reference"),
            Column("Resident", "resident"),
            Column("Action"),
            Column("Owner", "owner"),
            Column("Due", "due"),
            Column("Time left"),
        ),
        filters=ALL_FILTERS,
        noun=("action", "actions"),
    ),
    QueuePage(
        slug="unpaid-remedies",
        title="Remedies offered but not paid",
        hint="Financial remedies to follow through to payment by the date promised (Code 7.3).",
        section="Following through",
        rows=remedy_queue_unpaid,
        table="staff/queues/_remedies.html",
        columns=(
            Column("Reference", "reference"),
            Column("Resident", "resident"),
            Column("Amount", "amount", numeric=True),
            Column("Offered", "offered"),
            Column("Handler", "handler"),
            Column("Due", "due"),
            Column("Time left"),
        ),
        filters=ALL_FILTERS,
        noun=("remedy", "remedies"),
    ),
    QueuePage(
        slug="dissatisfied-service-requests",
        title="Service requests with dissatisfaction",
        hint="The resident is unhappy: a complaint was raised, and the request itself must "
        "still be put right (Code 1.5).",
        section="Following through",
        rows=service_request_queue_dissatisfied,
        table="staff/queues/_service_requests.html",
        columns=(
            Column("Service request", "reference"),
            Column("Resident", "resident"),
            Column("Received", "received"),
            Column("Dissatisfied since", "dissatisfied"),
            Column("Complaints raised"),
        ),
        filters=("entity", "service_area", "category"),
        noun=("service request", "service requests"),
    ),
    QueuePage(
        slug="restriction-reviews",
        title="Restrictions due for review",
        hint="Restrictions on contact are kept under regular review (Code 5.14, 5.15).",
        section="Reviews",
        rows=restriction_queue_due_for_review,
        table="staff/queues/_restrictions.html",
        columns=(
            Column("Resident", "resident"),
            Column("Restriction"),
            Column("Since"),
            Column("Review by", "review"),
            Column("Time left"),
        ),
        filters=("entity",),
        noun=("restriction", "restrictions"),
    ),
    QueuePage(
        slug="adjustment-reviews",
        title="Reasonable adjustments due for review",
        hint="Agreed adjustments are kept under active review (Code 5.10).",
        section="Reviews",
        rows=adjustment_queue_due_for_review,
        table="staff/queues/_adjustments.html",
        columns=(
            Column("Resident", "resident"),
            Column("Adjustment"),
            Column("Agreed"),
            Column("Review by", "review"),
            Column("Time left"),
        ),
        filters=("entity",),
        noun=("adjustment", "adjustments"),
    ),
)
QUEUE_PAGES_BY_SLUG = {page.slug: page for page in QUEUE_PAGES}
COMPLAINT_QUEUE_SLUGS = {queue.slug for queue in COMPLAINT_QUEUES}


# ---------------------------------------------------------------- filters, sorting, pages


class QueueFilterForm(forms.Form):
    """The GET form over a queue. A choice that is not offered is ignored, not an error:
    a filter only narrows a list."""

    entity = forms.TypedChoiceField(label="Entity", required=False, coerce=int, empty_value=None)
    service_area = forms.TypedChoiceField(
        label="Service area", required=False, coerce=int, empty_value=None
    )
    category = forms.TypedChoiceField(
        label="Category", required=False, coerce=int, empty_value=None
    )
    handler = forms.TypedChoiceField(label="Handler", required=False, coerce=int, empty_value=None)
    stage = forms.TypedChoiceField(
        label="Stage",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any stage"), ("1", "Stage 1"), ("2", "Stage 2")],
    )

    def __init__(self, data: QueryDict, *, options: FilterOptions, fields: tuple[str, ...]) -> None:
        super().__init__(data)
        choices: dict[str, list[tuple[str, str]]] = {
            "entity": [("", "Any entity")] + [(str(e.pk), e.name) for e in options.entities],
            "service_area": [("", "Any service area")]
            + [(str(a.pk), a.name) for a in options.service_areas],
            "category": [("", "Any category")] + [(str(c.pk), str(c)) for c in options.categories],
            "handler": [("", "Anyone")] + [(str(u.pk), str(u)) for u in options.handlers],
        }
        for name in list(self.fields):
            offered = choices.get(name)
            # A field with nothing to choose from (a landlord with no entities) is left out.
            if name not in fields or (offered is not None and len(offered) == 1):
                del self.fields[name]
            elif offered is not None:
                self.fields[name].choices = offered  # type: ignore[attr-defined]

    def filters(self) -> QueueFilters:
        self.is_valid()
        values = {
            name: self.cleaned_data.get(name)
            for name in self.fields
            if name not in self.errors and self.cleaned_data.get(name) is not None
        }
        return QueueFilters(
            entity_id=values.get("entity"),
            service_area_id=values.get("service_area"),
            category_id=values.get("category"),
            handler_id=values.get("handler"),
            stage=values.get("stage"),
        )


def _query(request: HttpRequest, **changes: Any) -> str:
    """This page's query string with ``changes`` (a value of None removes the parameter)."""
    params = request.GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = str(value)
    return "?" + params.urlencode() if params else "?"


@dataclass(frozen=True)
class Header:
    label: str
    href: str | None
    aria_sort: str | None  # ascending, descending, none; None for a column that cannot sort
    numeric: bool


def _headers(request: HttpRequest, columns: tuple[Column, ...], sort: Sort) -> list[Header]:
    headers = []
    for column in columns:
        if column.sort is None:
            headers.append(Header(column.label, None, None, column.numeric))
            continue
        current = column.sort == sort.key
        # Following the link on the sorted column reverses it; any other sorts ascending.
        target = Sort(column.sort, descending=current and not sort.descending)
        headers.append(
            Header(
                column.label,
                _query(request, sort=str(target), page=None),
                ("descending" if sort.descending else "ascending") if current else "none",
                column.numeric,
            )
        )
    return headers


def _pagination(request: HttpRequest, page: Page) -> dict[str, Any] | None:
    """The GOV.UK pagination component's parameters: first, last and neighbours, with
    ellipses between."""
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return None
    items: list[dict[str, Any]] = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {
                    "number": number,
                    "href": _query(request, page=number),
                    "current": number == page.number,
                }
            )
    params: dict[str, Any] = {"items": items}
    if page.has_previous():
        params["previous"] = {"href": _query(request, page=page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": _query(request, page=page.next_page_number())}
    return params


def _page_of(request: HttpRequest, rows: QueueRows[Any]) -> tuple[Page, dict[str, Any] | None]:
    # Paginator reads any object with count() and slicing, as QueueRows has.
    paginator: Paginator[Any] = Paginator(rows, PAGE_SIZE)  # type: ignore[arg-type]
    page = paginator.get_page(request.GET.get("page"))
    return page, _pagination(request, page)


def _showing(page: Page, noun: tuple[str, str]) -> str:
    total = page.paginator.count
    if total == 0:
        return f"No {noun[1]}"
    if page.paginator.num_pages == 1:
        return f"{total:,} {noun[0] if total == 1 else noun[1]}"
    return f"Showing {page.start_index():,} to {page.end_index():,} of {total:,} {noun[1]}"


# ---------------------------------------------------------------- views


@dataclass(frozen=True)
class QueueSummary:
    page: QueuePage
    count: int


def _queue_counts(actor: Actor) -> list[QueueSummary]:
    """Each queue the actor may see, with how many are in it; those their role does not
    allow are left out."""
    day = Today.for_actor(actor)
    counts: dict[str, int] = {}
    # A role that sees no complaints has none of their queues either.
    with contextlib.suppress(NotPermittedError):
        counts.update(complaint_queue_counts(actor=actor, today=day.date, calendar=day.calendar))
    for queue_page in QUEUE_PAGES:
        if queue_page.slug in COMPLAINT_QUEUE_SLUGS:
            continue
        try:
            counts[queue_page.slug] = queue_page.rows(
                actor=actor, today=day.date, calendar=day.calendar
            ).count()
        except NotPermittedError:
            continue
    return [QueueSummary(p, counts[p.slug]) for p in QUEUE_PAGES if p.slug in counts]


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    summaries = _queue_counts(actor)
    sections = [
        (section, [s for s in summaries if s.page.section == section]) for section in SECTIONS
    ]
    return render(
        request,
        "staff/home.html",
        {
            "page_title": "Work queues",
            "active_nav": "queues",
            "sections": [(name, items) for name, items in sections if items],
        },
    )


@staff_required()
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    queue_page = QUEUE_PAGES_BY_SLUG.get(slug)
    if queue_page is None:
        raise Http404("There is no such work queue.")
    actor = request_actor(request)
    form = QueueFilterForm(
        request.GET, options=queue_filter_options(actor=actor), fields=queue_page.filters
    )
    filters = form.filters()
    # The selector refuses a role that may not see this queue (NotPermittedError: 403 page).
    rows = queue_page.rows(actor=actor, filters=filters, sort=request.GET.get("sort"))
    page, pagination = _page_of(request, rows)
    sort = request.GET.get("sort")
    return render(
        request,
        "staff/queues/queue.html",
        {
            "page_title": queue_page.title,
            "active_nav": "queues",
            "queue": queue_page,
            "form": form,
            "filtered": filters.any,
            "sort": sort or "",
            "clear_filters": "?" + urlencode({"sort": sort}) if sort else "?",
            "headers": _headers(request, queue_page.columns, rows.sort),
            "page": page,
            "pagination": pagination,
            "showing": _showing(page, queue_page.noun),
            "complaint_url": complaint_url,
        },
    )


@staff_required(*SEES_COMPLAINTS)
def search(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    query = request.GET.get("q", "").strip()[:200]
    rows = complaint_search(actor=actor, query=query, sort=request.GET.get("sort"))
    page, pagination = _page_of(request, rows)
    return render(
        request,
        "staff/queues/search.html",
        {
            "page_title": f"Search results for “{query}”" if query else "Search complaints",
            "active_nav": "search",
            "query": query,
            "headers": _headers(
                request,
                (
                    Column("Reference", "reference"),
                    Column("Resident", "resident"),
                    Column("Address"),
                    Column("Status", "status"),
                    Column("Handler"),
                    Column("Received", "received"),
                ),
                rows.sort,
            ),
            "page": page,
            "pagination": pagination,
            "showing": _showing(page, ("complaint", "complaints")) if query else "",
            "complaint_url": complaint_url,
        },
    )


urlpatterns: list[URLPattern] = [
    path("", home, name="home"),
    path("queues/<slug:slug>/", queue, name="queue"),
    path("search/", search, name="search"),
]
