"""The self-assessment against the Code: prepare a version, answer it, approve it, export it.

Pages only: the services (``putright.selfassessment.services``) measure, check and record.
Anyone who reads reports may read a self-assessment; the senior lead prepares and answers
it; the governing body approves it. It holds no personal data.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from putright.core.errors import DomainError, NotFoundError
from putright.landlords.models import Landlord
from putright.provisions.catalogue import provision_get
from putright.selfassessment import services
from putright.selfassessment.exports import (
    self_assessment_csv,
    self_assessment_docx,
    self_assessment_json,
)
from putright.selfassessment.models import SelfAssessment, SelfAssessmentEntry
from putright.selfassessment.selectors import (
    self_assessment_document,
    self_assessment_get,
    self_assessment_list,
)
from putright.staff.access import request_actor, staff_required
from putright.web.forms import DateField, form_add_domain_error

READ = "complaints.view_reports"
PREPARE = services.PREPARE
APPROVE = services.APPROVE
TEMPLATES = "staff/self_assessment"

EXPORTS: dict[str, tuple[str, str]] = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
}


class PrepareForm(forms.Form):
    period_from = DateField(label="Start of the period", help_text="For example, 1 4 2025")
    period_to = DateField(label="End of the period", help_text="For example, 31 3 2026")
    reason = forms.ChoiceField(
        label="Why is this self-assessment being done?",
        choices=SelfAssessment.Reason.choices,
        widget=forms.RadioSelect,
        initial=SelfAssessment.Reason.ANNUAL,
        error_messages={"required": "Choose why this self-assessment is being done"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)


class EntryForm(forms.Form):
    complies = forms.ChoiceField(
        label="Do you comply with this provision?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you comply with this provision"},
    )
    evidence = forms.CharField(
        label="Evidence",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What shows it, in your own words. What Putright measured is shown above and "
        "goes into the Evidence column as well.",
    )
    commentary = forms.CharField(
        label="Commentary or explanation (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    action = forms.CharField(
        label="If you do not comply: what you will do",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    comply_by = DateField(
        label="If you do not comply: the date by which you will",
        required=False,
        help_text="For example, 30 6 2026",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)


class ApproveForm(forms.Form):
    note = forms.CharField(
        label="Where and how it was approved (optional)",
        required=False,
        help_text="For example, approved by the Board at its meeting of 12 June 2026.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _landlord(request: HttpRequest) -> Landlord:
    return Landlord.objects.get(pk=request_actor(request).landlord_pk)


def _assessment(request: HttpRequest, pk: int) -> SelfAssessment:
    return self_assessment_get(landlord_id=request_actor(request).landlord_pk, pk=pk)


def _version_url(assessment: SelfAssessment) -> str:
    return reverse("staff:self-assessment", kwargs={"pk": assessment.pk})


@staff_required(READ)
def assessment_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    can_prepare = actor.can(PREPARE)
    form = PrepareForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        actor.require(PREPARE, "prepare the self-assessment")
        if form.is_valid():
            try:
                assessment = services.self_assessment_prepare(
                    actor=actor,
                    landlord=_landlord(request),
                    period_from=form.cleaned_data["period_from"],
                    period_to=form.cleaned_data["period_to"],
                    reason=form.cleaned_data["reason"],
                )
            except NotFoundError:
                raise
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, f"Version {assessment.version} prepared")
                return redirect(_version_url(assessment))
    return render(
        request,
        f"{TEMPLATES}/list.html",
        {
            "page_title": "Self-assessment against the Code",
            "active_nav": "self-assessment",
            "assessments": self_assessment_list(landlord_id=actor.landlord_pk),
            "form": form if can_prepare else None,
            "page_has_errors": bool(form.is_bound and form.errors),
        },
    )


@staff_required(READ)
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    assessment = _assessment(request, pk)
    document = self_assessment_document(assessment=assessment)
    return render(
        request,
        f"{TEMPLATES}/detail.html",
        {
            "page_title": f"Self-assessment, version {assessment.version}",
            "active_nav": "self-assessment",
            "assessment": assessment,
            "document": document,
            "can_edit": actor.can(PREPARE) and not assessment.is_approved,
            "can_revise": actor.can(PREPARE) and assessment.is_approved,
            "can_approve": actor.can(APPROVE) and not assessment.is_approved,
            "unanswered": sum(1 for row in document.rows if row.complies is None),
        },
    )


@staff_required(PREPARE)
def entry_edit(request: HttpRequest, pk: int, provision: str) -> HttpResponse:
    actor = request_actor(request)
    assessment = _assessment(request, pk)
    entry = SelfAssessmentEntry.objects.filter(assessment=assessment, provision=provision).first()
    if entry is None:
        raise Http404("There is no such provision in this self-assessment.")
    if request.method == "POST":
        form = EntryForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.self_assessment_entry_update(
                    actor=actor,
                    entry=entry,
                    complies=data["complies"] == "yes",
                    evidence=data["evidence"],
                    commentary=data["commentary"],
                    action=data["action"],
                    comply_by=data["comply_by"],
                )
            except NotFoundError:
                raise
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, f"Provision {provision} answered")
                return redirect(f"{_version_url(assessment)}#provision-{provision}")
    else:
        complies = {True: "yes", False: "no"}.get(entry.complies)  # type: ignore[arg-type]
        form = EntryForm(
            initial={
                "complies": complies,
                "evidence": entry.evidence,
                "commentary": entry.commentary,
                "action": entry.action,
                "comply_by": entry.comply_by,
            }
        )
    return render(
        request,
        f"{TEMPLATES}/entry.html",
        {
            "page_title": f"Provision {provision}",
            "active_nav": "self-assessment",
            "assessment": assessment,
            "entry": entry,
            "provision": provision_get(provision),
            "form": form,
            "page_has_errors": bool(form.is_bound and form.errors),
            "back_url": _version_url(assessment),
        },
    )


@staff_required(APPROVE)
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    assessment = _assessment(request, pk)
    form = ApproveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_approve(
                actor=actor, assessment=assessment, note=form.cleaned_data["note"]
            )
        except NotFoundError:
            raise
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, f"Version {assessment.version} approved")
            return redirect(_version_url(assessment))
    return render(
        request,
        f"{TEMPLATES}/approve.html",
        {
            "page_title": f"Approve version {assessment.version}",
            "active_nav": "self-assessment",
            "assessment": assessment,
            "form": form,
            "page_has_errors": bool(form.is_bound and form.errors),
            "back_url": _version_url(assessment),
        },
    )


@require_POST
@staff_required(PREPARE)
def remeasure(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    try:
        services.self_assessment_remeasure(actor=request_actor(request), assessment=assessment)
    except NotFoundError:
        raise
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Measured again from the records")
    return redirect(_version_url(assessment))


@require_POST
@staff_required(PREPARE)
def new_version(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    revised = services.self_assessment_prepare(
        actor=request_actor(request),
        landlord=assessment.landlord,
        period_from=assessment.period_from,
        period_to=assessment.period_to,
        reason=assessment.reason,
    )
    messages.success(request, f"Version {revised.version} made from version {assessment.version}")
    return redirect(_version_url(revised))


@staff_required(READ)
def download(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if file_format not in EXPORTS:
        raise Http404("The self-assessment comes as DOCX, CSV or JSON.")
    assessment = _assessment(request, pk)
    document = self_assessment_document(assessment=assessment)
    content: str | bytes
    if file_format == "docx":
        content = self_assessment_docx(document)
    elif file_format == "csv":
        content = self_assessment_csv(document)
    else:
        content = json.dumps(self_assessment_json(document), indent=2, ensure_ascii=False)
    content_type, extension = EXPORTS[file_format]
    response = HttpResponse(content, content_type=content_type)
    name = (
        f"self-assessment-{assessment.period_from:%Y-%m-%d}-to-"
        f"{assessment.period_to:%Y-%m-%d}-v{assessment.version}.{extension}"
    )
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


urlpatterns: list[URLPattern] = [
    path("self-assessment/", assessment_list, name="self-assessments"),
    path("self-assessment/<int:pk>/", assessment_detail, name="self-assessment"),
    path(
        "self-assessment/<int:pk>/provisions/<str:provision>/",
        entry_edit,
        name="self-assessment-entry",
    ),
    path("self-assessment/<int:pk>/approve/", approve, name="self-assessment-approve"),
    path("self-assessment/<int:pk>/measure/", remeasure, name="self-assessment-remeasure"),
    path("self-assessment/<int:pk>/new-version/", new_version, name="self-assessment-revise"),
    path(
        "self-assessment/<int:pk>/download/<str:file_format>/",
        download,
        name="self-assessment-download",
    ),
]
