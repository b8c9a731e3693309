"""Published annual complaints reports, on the resident service's complaints pages (Code 8.2).

Each report is shown as it was published (its snapshot), with the governing body's response
alongside it and the self-assessment inside it. Drafts are never shown.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from putright.landlords.models import Landlord
from putright.landlords.selectors import landlord_current
from putright.reporting.annual import annual_report_published_get, annual_report_published_list
from putright.reporting.models import AnnualReport

TEMPLATES = "portal/published_reports"


def _landlord() -> Landlord:
    landlord = landlord_current()
    if landlord is None:
        raise Http404("This service has not been set up yet.")
    return landlord


def _published(pk: int) -> AnnualReport:
    return annual_report_published_get(landlord_id=_landlord().pk, pk=pk)


def report_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        f"{TEMPLATES}/list.html",
        {
            "page_title": _("Complaints performance reports"),
            "reports": annual_report_published_list(landlord_id=_landlord().pk),
        },
    )


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _published(pk)
    return render(
        request,
        f"{TEMPLATES}/report.html",
        {
            "page_title": report.title,
            "report": report,
            "back_url": reverse("portal:published-reports"),
            "back_text": _("All complaints performance reports"),
        },
    )


def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _published(pk)
    response = HttpResponse(bytes(report.published_pdf or b""), content_type="application/pdf")
    name = f"complaints-report-{report.period_from:%Y-%m-%d}-to-{report.period_to:%Y-%m-%d}.pdf"
    # Shown in the browser, saved under a name that says what it is (the name is plain ASCII).
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


urlpatterns: list[URLPattern] = [
    path("complaints-reports/", report_list, name="published-reports"),
    path("complaints-reports/<int:pk>/", report_detail, name="published-report"),
    path("complaints-reports/<int:pk>/pdf/", report_pdf, name="published-report-pdf"),
]
