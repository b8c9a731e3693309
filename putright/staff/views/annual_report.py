"""The annual complaints performance and service improvement report (Code 8.1, 8.2).

Pages only: prepare a report for a period, write its narrative, choose the approved
self-assessment it includes, record the governing body's response, publish it, download it.
The services (``putright.reporting.services``) check and record; the figures are counted from
the records each time the report is shown, until it is published and snapshotted.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import content_disposition_header

from putright.core.errors import DomainError, NotFoundError
from putright.landlords.models import Landlord
from putright.reporting import services
from putright.reporting.annual import (
    NARRATIVE_FIELDS,
    annual_report_content,
    annual_report_get,
    annual_report_list,
)
from putright.reporting.documents import (
    CONTENT_TYPES,
    FORMATS,
    annual_report_file,
    published_report_file,
)
from putright.reporting.models import AnnualReport
from putright.selfassessment.models import SelfAssessment
from putright.staff.access import request_actor, staff_required
from putright.web.forms import DateField, form_add_domain_error

READ = "complaints.view_reports"
TEMPLATES = "staff/annual_report"

NARRATIVE_HINTS = {
    "summary": "The headlines, for the governing body and residents. Left blank, the report "
    "opens with the number of complaints received.",
    "qualitative_analysis": "What the figures do not say: themes, what went well, what did not.",
    "refusals_commentary": "The types of complaint you did not accept, and why (Code 8.1b).",
    "learning": "What you learnt from complaints and changed as a result (Code 8.1d).",
    "ombudsman_commentary": "Your comments on the Ombudsman's findings and reports about you.",
}


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)


class CreateForm(_Form):
    period_from = DateField(label="Start of the period", help_text="For example, 1 4 2025")
    period_to = DateField(label="End of the period", help_text="For example, 31 3 2026")


class EditForm(_Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Give the report a title"}
    )
    self_assessment = forms.ModelChoiceField(
        label="The self-assessment it includes",
        queryset=SelfAssessment.objects.none(),
        required=False,
        empty_label="None yet",
        help_text="Only versions the governing body has approved can be published with it.",
    )

    def __init__(self, *args: Any, landlord_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["self_assessment"]
        field.queryset = SelfAssessment.objects.filter(landlord_id=landlord_id)  # type: ignore[attr-defined]
        field.label_from_instance = lambda a: (  # type: ignore[attr-defined]
            f"{a} ({a.get_status_display().lower()})"
        )
        for key, heading in NARRATIVE_FIELDS:
            self.fields[key] = forms.CharField(
                label=heading,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text=NARRATIVE_HINTS[key],
            )


class ResponseForm(_Form):
    response = forms.CharField(
        label="The governing body's response",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="It is published alongside the report (Code 8.2).",
    )


def _report(request: HttpRequest, pk: int) -> AnnualReport:
    return annual_report_get(landlord_id=request_actor(request).landlord_pk, pk=pk)


def _report_url(report: AnnualReport) -> str:
    return reverse("staff:annual-report", kwargs={"pk": report.pk})


def _page(request: HttpRequest, template: str, title: str, **context: Any) -> HttpResponse:
    form = context.get("form")
    return render(
        request,
        f"{TEMPLATES}/{template}",
        {
            "page_title": title,
            "active_nav": "annual-report",
            "page_has_errors": bool(form is not None and form.is_bound and form.errors),
            **context,
        },
    )


@staff_required(READ)
def report_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = CreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        actor.require(services.PREPARE, "prepare the annual complaints report")
        if form.is_valid():
            try:
                report = services.annual_report_create(
                    actor=actor,
                    landlord=Landlord.objects.get(pk=actor.landlord_pk),
                    period_from=form.cleaned_data["period_from"],
                    period_to=form.cleaned_data["period_to"],
                )
            except NotFoundError:
                raise
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, "Report prepared")
                return redirect(_report_url(report))
    return _page(
        request,
        "list.html",
        "Annual complaints reports",
        reports=annual_report_list(landlord_id=actor.landlord_pk),
        form=form if actor.can(services.PREPARE) else None,
    )


@staff_required(READ)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    report = _report(request, pk)
    content = None
    if not report.is_published:
        content = annual_report_content(
            landlord=report.landlord,
            period_from=report.period_from,
            period_to=report.period_to,
            report_record=report,
        )
    draft = not report.is_published
    return _page(
        request,
        "detail.html",
        report.title,
        report=report,
        content=content,
        can_edit=draft and actor.can(services.PREPARE),
        can_respond=draft and actor.can(services.RESPOND),
        can_publish=draft and actor.can(services.PUBLISH),
        formats=FORMATS,
    )


@staff_required(services.PREPARE)
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    report = _report(request, pk)
    initial = {key: getattr(report, key) for key, _ in NARRATIVE_FIELDS}
    form = EditForm(
        request.POST if request.method == "POST" else None,
        landlord_id=report.landlord_id,
        initial={**initial, "title": report.title, "self_assessment": report.self_assessment},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.annual_report_update(
                actor=actor,
                report=report,
                title=data["title"],
                self_assessment=data["self_assessment"],
                **{key: data[key] for key, _ in NARRATIVE_FIELDS},
            )
        except NotFoundError:
            raise
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, "Report saved")
            return redirect(_report_url(report))
    return _page(
        request,
        "edit.html",
        "Edit the report",
        report=report,
        form=form,
        back_url=_report_url(report),
    )


@staff_required(services.RESPOND)
def report_response(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    report = _report(request, pk)
    form = ResponseForm(
        request.POST if request.method == "POST" else None,
        initial={"response": report.governing_body_response},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_record_response(
                actor=actor, report=report, response=form.cleaned_data["response"]
            )
        except NotFoundError:
            raise
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, "The governing body's response is recorded")
            return redirect(_report_url(report))
    return _page(
        request,
        "response.html",
        "The governing body's response",
        report=report,
        form=form,
        back_url=_report_url(report),
    )


@staff_required(services.PUBLISH)
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    report = _report(request, pk)
    form = _Form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_publish(actor=actor, report=report)
        except NotFoundError:
            raise
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, "Report published on the resident service")
            return redirect(_report_url(report))
    return _page(
        request,
        "publish.html",
        "Publish the report",
        report=report,
        form=form,
        back_url=_report_url(report),
    )


@staff_required(READ)
def report_download(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404("The report comes as JSON, HTML, PDF or DOCX.")
    report = _report(request, pk)
    content: str | bytes
    if report.is_published and file_format != "docx":
        content = published_report_file(report, file_format)
    else:
        content = annual_report_file(
            annual_report_content(
                landlord=report.landlord,
                period_from=report.period_from,
                period_to=report.period_to,
                report_record=report,
            ),
            file_format,
        )
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    name = (
        f"annual-complaints-report-{report.period_from:%Y-%m-%d}-to-"
        f"{report.period_to:%Y-%m-%d}.{file_format}"
    )
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


urlpatterns: list[URLPattern] = [
    path("annual-reports/", report_list, name="annual-reports"),
    path("annual-reports/<int:pk>/", report_detail, name="annual-report"),
    path("annual-reports/<int:pk>/edit/", report_edit, name="annual-report-edit"),
    path("annual-reports/<int:pk>/response/", report_response, name="annual-report-response"),
    path("annual-reports/<int:pk>/publish/", report_publish, name="annual-report-publish"),
    path(
        "annual-reports/<int:pk>/download/<str:file_format>/",
        report_download,
        name="annual-report-download",
    ),
]
