"""The complaints dashboard for the senior lead, the Member Responsible for Complaints and the
governing body (Code 8.1, 9.7): read only, no personal data.

Pages only: the figures are counted by ``putright.reporting.figures.report_figures`` and each
drill-down lists the complaints behind one figure from
``putright.reporting.selectors.complaint_ids_for_figure`` (references, status, dates).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone

from putright.complaints.models import Complaint
from putright.core.errors import DomainError, NotFoundError
from putright.landlords.models import Landlord
from putright.reporting.charts import NO_FIGURE, Bar, bar_chart, format_value
from putright.reporting.figures import ReportFigures, report_figures
from putright.reporting.selectors import (
    complaint_ids_for_figure,
    complaint_references,
    report_filter_options,
    report_scope,
)
from putright.reporting.tsm import (
    TsmComplaintMeasures,
    financial_year,
    financial_year_of,
    tsm_complaint_measures,
)
from putright.staff.access import request_actor, staff_required
from putright.web.forms import DateField

READ = "complaints.view_reports"
TEMPLATES = "staff/reporting"
YEARS_OFFERED = 6
# Long enough for any report a committee asks for; a longer one is more likely a typing slip.
LONGEST_PERIOD = datetime.timedelta(days=366 * 5)


def _quarters(year: int) -> list[tuple[str, str]]:
    names = ("April to June", "July to September", "October to December", "January to March")
    return [
        (
            f"{year}-{n}",
            f"{name} {year + (1 if n == 4 else 0)} (quarter {n} of {year}/{str(year + 1)[-2:]})",
        )
        for n, name in enumerate(names, start=1)
    ]


def quarter_dates(value: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of quarter ``n`` of the financial year ``year`` ("2025-1")."""
    year, number = (int(part) for part in value.split("-"))
    first_month = (4 + 3 * (number - 1) - 1) % 12 + 1
    first_year = year + (1 if number == 4 else 0)
    start = datetime.date(first_year, first_month, 1)
    after = datetime.date(first_year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)
    return start, after - datetime.timedelta(days=1)


class PeriodForm(forms.Form):
    """The dashboard's GET form: a financial year, a quarter, or dates typed in."""

    period = forms.ChoiceField(
        label="Period",
        choices=(("year", "A financial year"), ("quarter", "A quarter"), ("custom", "Dates")),
        widget=forms.RadioSelect,
        initial="year",
    )
    year = forms.TypedChoiceField(label="Financial year", coerce=int, required=False)
    quarter = forms.ChoiceField(label="Quarter", required=False)
    period_from = DateField(label="From", required=False, help_text="For example, 1 4 2025")
    period_to = DateField(label="To", required=False, help_text="For example, 30 6 2025")
    entity = forms.TypedChoiceField(label="Entity", coerce=int, required=False, empty_value=None)
    service_area = forms.TypedChoiceField(
        label="Service area", coerce=int, required=False, empty_value=None
    )

    def __init__(
        self, data: QueryDict | dict[str, Any], *, landlord_id: int, today: datetime.date
    ) -> None:
        super().__init__(data, use_required_attribute=False)
        current = financial_year_of(today)
        years = range(current, current - YEARS_OFFERED, -1)
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            (year, f"{year}/{str(year + 1)[-2:]} (1 April {year} to 31 March {year + 1})")
            for year in years
        ]
        self.fields["quarter"].choices = [  # type: ignore[attr-defined]
            choice for year in years for choice in _quarters(year)
        ]
        options = report_filter_options(landlord_id=landlord_id)
        self.fields["entity"].choices = [("", "All"), *options.entities]  # type: ignore[attr-defined]
        self.fields["service_area"].choices = [  # type: ignore[attr-defined]
            ("", "All"),
            *options.service_areas,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        period = data.get("period")
        if period == "year" and data.get("year") is None:
            self.add_error("year", "Choose a financial year")
        elif period == "quarter" and not data.get("quarter"):
            self.add_error("quarter", "Choose a quarter")
        elif period == "custom":
            start, end = data.get("period_from"), data.get("period_to")
            if start is None and "period_from" not in self.errors:
                self.add_error("period_from", "Enter the first day of the period")
            if end is None and "period_to" not in self.errors:
                self.add_error("period_to", "Enter the last day of the period")
            if start and end and end < start:
                self.add_error("period_to", "The last day must be the same as or after the first")
            elif start and end and end - start > LONGEST_PERIOD:
                self.add_error("period_to", "Choose a period of 5 years or less")
        return data

    def dates(self) -> tuple[datetime.date, datetime.date]:
        data = self.cleaned_data
        if data["period"] == "year":
            return financial_year(data["year"])
        if data["period"] == "quarter":
            return quarter_dates(data["quarter"])
        return data["period_from"], data["period_to"]


def _default_query(today: datetime.date) -> dict[str, Any]:
    return {"period": "year", "year": str(financial_year_of(today))}


@dataclass(frozen=True)
class Chart:
    """A chart and the same figures as a table, each figure linked to its complaints."""

    title: str
    svg: Any
    rows: list[dict[str, Any]]
    columns: tuple[str, ...]


def _figure_link(key: str, query: str) -> str:
    return f"{reverse('staff:report-figure')}?{query}&{urlencode({'figure': key})}"


def _count_row(count: Any, query: str, previous: int | None = None) -> dict[str, Any]:
    return {
        "label": count.label,
        "cells": [format_value(count.value)]
        + ([format_value(previous)] if previous is not None else []),
        "href": _figure_link(count.key, query) if count.value else None,
        "unit": getattr(count, "unit", "complaints"),
    }


def _charts(figures: ReportFigures, previous: dict[str, Any], query: str) -> list[Chart]:
    charts = []
    received_bars = [
        Bar(count.label, (count.value, previous.get(count.key))) for count in figures.received
    ]
    charts.append(
        Chart(
            title="Complaints received",
            svg=bar_chart(bars=received_bars, series=("This period", "Previous period")),
            rows=[_count_row(c, query, previous.get(c.key)) for c in figures.received],
            columns=("This period", "Previous period"),
        )
    )
    outcome_rows, outcome_bars = [], []
    for stage in figures.outcomes:
        for count in stage.outcomes:
            label = f"Stage {stage.stage}: {count.label.lower()}"
            outcome_bars.append(Bar(label, (count.value,)))
            outcome_rows.append({**_count_row(count, query), "label": label})
    charts.append(
        Chart(
            title="Outcomes of responses given",
            svg=bar_chart(bars=outcome_bars),
            rows=outcome_rows,
            columns=("Responses",),
        )
    )
    timeliness_bars, timeliness_rows = [], []
    for timeliness in figures.timeliness:
        for rate in (timeliness.acknowledged_on_time, timeliness.responded_on_time):
            timeliness_bars.append(Bar(rate.label, (rate.percent,)))
            timeliness_rows.append(
                {
                    "label": rate.label,
                    "cells": [
                        format_value(rate.percent, "%"),
                        f"{rate.numerator:,} of {rate.denominator:,}",
                    ],
                    "href": _figure_link(rate.key, query) if rate.numerator else None,
                    "unit": "complaints",
                }
            )
    charts.append(
        Chart(
            title="Timeliness against the Code's timescales",
            svg=bar_chart(bars=timeliness_bars, unit="%", maximum=100),
            rows=timeliness_rows,
            columns=("Per cent", "Complaints"),
        )
    )
    for title, counts in (
        ("Categories of complaints received", figures.categories),
        ("Root causes recorded, by main cause", figures.root_cause_areas),
        ("Root causes recorded, in detail", figures.root_causes),
    ):
        if counts:
            charts.append(
                Chart(
                    title=title,
                    svg=bar_chart(bars=[Bar(c.label, (c.value,)) for c in counts]),
                    rows=[_count_row(c, query) for c in counts],
                    columns=("Complaints",),
                )
            )
    money = figures.compensation.by_head
    charts.append(
        Chart(
            title="Compensation offered, by what it is for",
            svg=bar_chart(bars=[Bar(m.label, (m.amount,)) for m in money], unit="£"),
            rows=[
                {
                    "label": m.label,
                    "cells": [format_value(m.amount, "£"), format_value(m.cases)],
                    "href": _figure_link(m.key, query) if m.cases else None,
                    "unit": "complaints",
                }
                for m in money
            ],
            columns=("Amount", "Complaints"),
        )
    )
    return charts


def _trend_rows(figures: ReportFigures) -> list[dict[str, str]]:
    units = {"percent": "%", "pounds": "£", "count": ""}
    rows = []
    for trend in figures.trends:
        unit = units[trend.unit]
        if trend.change_points is not None:
            change = f"{trend.change_points:+} points"
        elif trend.change_percent is not None:
            change = f"{trend.change_percent:+}%"
        else:
            change = NO_FIGURE
        rows.append(
            {
                "label": trend.label,
                "current": format_value(trend.current, unit),
                "previous": format_value(trend.previous, unit),
                "change": change,
            }
        )
    return rows


def _scope_from(request: HttpRequest) -> tuple[PeriodForm, str]:
    """The period form, bound to the query (or to this financial year), and the query string
    that chooses the same period and filters again (for the drill-down links)."""
    today = timezone.localdate()
    data = request.GET if "period" in request.GET else QueryDict(urlencode(_default_query(today)))
    form = PeriodForm(data, landlord_id=request_actor(request).landlord_pk, today=today)
    pairs = [(name, value) for name in data if name != "figure" for value in data.getlist(name)]
    return form, urlencode(pairs)


def _tsm_for(form: PeriodForm, landlord: Landlord) -> TsmComplaintMeasures | None:
    """TSM CH01 and CH02, when a financial year is chosen for the landlord or an entity (the
    measures are not defined for a service area)."""
    data = form.cleaned_data
    if data["period"] != "year" or data["service_area"] is not None:
        return None
    return tsm_complaint_measures(
        landlord=landlord, financial_year_start=data["year"], entity_id=data["entity"]
    )


@staff_required(READ)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, query = _scope_from(request)
    context: dict[str, Any] = {
        "page_title": "Complaints dashboard",
        "active_nav": "reports",
        "form": form,
        "page_has_errors": False,
    }
    if not form.is_valid():
        context["page_has_errors"] = True
        return render(request, f"{TEMPLATES}/dashboard.html", context, status=400)
    period_from, period_to = form.dates()
    try:
        landlord = Landlord.objects.get(pk=request_actor(request).landlord_pk)
        figures = report_figures(
            landlord=landlord,
            period_from=period_from,
            period_to=period_to,
            entity_id=form.cleaned_data["entity"],
            service_area_id=form.cleaned_data["service_area"],
        )
    except NotFoundError as error:
        raise Http404(str(error)) from error
    previous = {t.key: t.previous for t in figures.trends}
    context.update(
        {
            "figures": figures,
            "tsm": _tsm_for(form, landlord),
            "query": query,
            "charts": _charts(figures, previous, query),
            "trends": _trend_rows(figures),
            "link": lambda key: _figure_link(key, query),
            "money": lambda value: format_value(value, "£"),
            "percent": lambda value: format_value(value, "%"),
        }
    )
    return render(request, f"{TEMPLATES}/dashboard.html", context)


@staff_required(READ)
def figure_complaints(request: HttpRequest) -> HttpResponse:
    """The complaints behind one figure: references, status and date received only."""
    form, query = _scope_from(request)
    key = request.GET.get("figure", "")
    if not form.is_valid() or not key:
        raise Http404("There is no such figure.")
    period_from, period_to = form.dates()
    landlord_id = request_actor(request).landlord_pk
    scope = report_scope(
        landlord_id=landlord_id,
        period_from=period_from,
        period_to=period_to,
        entity_id=form.cleaned_data["entity"],
        service_area_id=form.cleaned_data["service_area"],
    )
    try:
        figures = report_figures(
            landlord=Landlord.objects.get(pk=landlord_id),
            period_from=period_from,
            period_to=period_to,
            entity_id=scope.entity_id,
            service_area_id=scope.service_area_id,
        )
        label = _label_for(figures, key)
        ids = complaint_ids_for_figure(scope=scope, key=key)
    except DomainError as error:
        raise Http404(str(error)) from error
    statuses = dict(Complaint.Status.choices)
    rows = [
        {**row, "status": statuses.get(row["status"], row["status"])}
        for row in complaint_references(landlord_id=landlord_id, complaint_ids=ids)
    ]
    return render(
        request,
        f"{TEMPLATES}/figure.html",
        {
            "page_title": label,
            "active_nav": "reports",
            "figures": figures,
            "rows": rows,
            "back": f"{reverse('staff:reports')}?{query}",
            "can_open_cases": request.user.has_perm("complaints.view_all_complaints"),
        },
    )


def _label_for(figures: ReportFigures, key: str) -> str:
    """The label the dashboard gave the figure, found by walking the figures."""

    def walk(value: Any) -> str | None:
        if getattr(value, "key", None) == key and hasattr(value, "label"):
            return str(value.label)
        if isinstance(value, tuple):
            items: Any = value
        elif hasattr(value, "__dataclass_fields__"):
            items = (getattr(value, name) for name in value.__dataclass_fields__)
        else:
            return None
        for item in items:
            found = walk(item)
            if found:
                return found
        return None

    found = walk(figures)
    if found is None:
        raise NotFoundError("There is no such figure.")
    return found


urlpatterns: list[URLPattern] = [
    path("reports/", dashboard, name="reports"),
    path("reports/figure/", figure_complaints, name="report-figure"),
]
