"""Learning and the Ombudsman: service improvements, root causes, Ombudsman cases and the
Ombudsman's publications, findings of Code non-compliance and exceptional circumstances.

Pages only. Each form calls one service in ``putright.learning.services``; what a service
refuses is shown in the error summary with what was typed kept. Reading these pages needs
one of ``learning.manage_learning``, ``learning.manage_ombudsman_cases`` or
``complaints.view_reports`` (the governing body, who read but do not change, and see no
complaint references or case summaries).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from putright.accounts.models import User
from putright.complaints.models import Complaint
from putright.complaints.selectors import complaint_get
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError, NotPermittedError
from putright.landlords.models import ServiceArea
from putright.learning import selectors, services
from putright.learning.models import (
    CodeNonCompliance,
    OmbudsmanCase,
    OmbudsmanFinding,
    OmbudsmanOrder,
    OmbudsmanPublication,
    RootCause,
    ServiceImprovement,
)
from putright.staff.access import request_actor, staff_required
from putright.web.forms import DateField, form_add_domain_error

READERS = selectors.READERS
MANAGE_LEARNING = selectors.MANAGE_LEARNING
MANAGE_OMBUDSMAN = selectors.MANAGE_OMBUDSMAN
CASE_READERS = ("complaints.view_all_complaints", "complaints.handle_complaint")
SURVEY_SENDERS = ("complaints.triage_complaint", MANAGE_LEARNING)
TEMPLATES = "staff/learning"


# ---------------------------------------------------------------- forms


class StaffForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)


def _text(label: str, hint: str = "", *, required: bool = False, max_length: int = 300) -> Any:
    return forms.CharField(label=label, help_text=hint, required=required, max_length=max_length)


def _area(label: str, hint: str = "", *, rows: int = 4) -> Any:
    return forms.CharField(
        label=label, help_text=hint, required=False, widget=forms.Textarea(attrs={"rows": rows})
    )


def _choice(label: str, choices: Any, *, required: bool = True, message: str = "") -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": message or f"Select {label.lower()}"},
    )


class RootCauseChoiceForm(StaffForm):
    root_cause = forms.ModelChoiceField(
        label="Root cause",
        queryset=RootCause.objects.none(),
        empty_label="Choose a root cause",
        required=False,
    )
    notes = _area("Notes (optional)", "What went wrong, in a sentence or two.", rows=3)

    def __init__(self, *args: Any, causes: list[RootCause], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["root_cause"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = RootCause.objects.filter(pk__in=[c.pk for c in causes])
        field.choices = [("", "Choose a root cause"), *((c.pk, str(c)) for c in causes)]


class ImprovementForm(StaffForm):
    title = _text("Title", "A few words a resident would understand.", required=False)
    description = _area("What will change, and why", rows=5)
    service_area = forms.ModelChoiceField(
        label="Service area (optional)",
        queryset=ServiceArea.objects.none(),
        required=False,
        empty_label="None",
    )
    owner = forms.ModelChoiceField(
        label="Owner", queryset=User.objects.none(), required=False, empty_label="No one person"
    )
    owner_description = _text(
        "Or the team or role that owns it", "For example, Repairs operations manager."
    )
    due_on = DateField(label="Due date (optional)", required=False)

    def __init__(self, *args: Any, landlord_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["service_area"]
        owner = self.fields["owner"]
        assert isinstance(area, forms.ModelChoiceField) and isinstance(
            owner, forms.ModelChoiceField
        )
        area.queryset = ServiceArea.objects.filter(landlord_id=landlord_id, active=True)
        owner.queryset = User.objects.filter(landlord_id=landlord_id, is_active=True).order_by(
            "first_name", "last_name", "username"
        )

    def details(self) -> services.ImprovementDetails:
        data = self.cleaned_data
        return services.ImprovementDetails(
            title=data["title"],
            description=data["description"],
            service_area=data["service_area"],
            owner=data["owner"],
            owner_description=data["owner_description"],
            due_on=data["due_on"],
        )


class NewImprovementForm(ImprovementForm):
    complaint_references = _text(
        "Complaints that prompted it (optional)",
        "Their references, separated by commas or spaces, like C2026-00042.",
        max_length=2000,
    )

    def references(self) -> list[str]:
        return self.cleaned_data["complaint_references"].replace(",", " ").split()


class ImprovementStatusForm(StaffForm):
    status = _choice("Status", ServiceImprovement.Status.choices)
    completed_on = DateField(
        label="Date completed",
        required=False,
        help_text="If completed. For example, 27 3 2026. Leave empty for today.",
    )
    outcome = _area(
        "Outcome",
        "If completed: what difference the change made, as residents will read it. "
        "If not taken forward: why.",
    )


class ReferenceForm(StaffForm):
    reference = _text("Complaint reference", "For example, C2026-00042.", max_length=40)


class NewCaseForm(StaffForm):
    ombudsman_reference = _text("The Ombudsman's reference", max_length=60)
    referred_on = DateField(label="Date referred to the Ombudsman", required=False)
    complaint_reference = _text(
        "Our complaint reference (optional)",
        "Leave empty if the case is not about a complaint recorded here.",
        max_length=40,
    )
    summary = _area(
        "Summary (optional)", "What the case is about. Do not include the resident's name."
    )


class CaseStatusForm(StaffForm):
    status = _choice("Where the case stands", OmbudsmanCase.Status.choices)
    determination_on = DateField(
        label="Date of the determination", required=False, help_text="If determined."
    )
    summary = _area(
        "Summary (optional)", "What the case is about. Do not include the resident's name."
    )


class FindingForm(StaffForm):
    issue = _text("The issue", "As the Ombudsman named it in the determination.")
    finding = _choice("The Ombudsman's finding", OmbudsmanFinding.Finding.choices)


class OrderForm(StaffForm):
    kind = _choice("Order or recommendation", OmbudsmanOrder.Kind.choices)
    description = _area("What the Ombudsman ordered or recommended")
    due_on = DateField(
        label="Date to comply by", required=False, help_text="Required for an order."
    )
    compensation_amount = forms.DecimalField(
        label="Compensation ordered (optional)",
        required=False,
        min_value=0,
        decimal_places=2,
        max_digits=9,
        error_messages={"invalid": "Enter the compensation as an amount in pounds, like 250.00"},
    )


class ComplianceForm(StaffForm):
    complied_on = DateField(label="Date complied with", required=False)
    evidence_sent_on = DateField(
        label="Date evidence was sent to the Ombudsman (optional)", required=False
    )


class PublicationForm(StaffForm):
    kind = _choice("Kind of publication", OmbudsmanPublication.Kind.choices)
    title = _text("Title", "As the Ombudsman titled it.")
    published_on = DateField(label="Date published", required=False)
    summary = _area("Summary (optional)", "What it says about us, for the annual report.")
    document = forms.FileField(
        label="The PDF (optional)", required=False, help_text="A PDF file, smaller than 20 MB."
    )


class NonComplianceForm(StaffForm):
    provision = _text("Code provision", "For example, 6.2.", max_length=8)
    source = _choice("Who found it", CodeNonCompliance.Source.choices)
    found_on = DateField(label="Date found", required=False)
    description = _area("What was found")
    action = _area("What we are doing about it (optional)")


class NonComplianceRemedyForm(StaffForm):
    remedied_on = DateField(label="Date put right", required=False)
    action = _area("What was done")


class CircumstanceDatesForm(StaffForm):
    ends_on = DateField(label="Date they ended (optional)", required=False)
    compliant_again_by = DateField(
        label="Date you expect to comply with the Code again",
        required=False,
        help_text="Code 8.5 asks for a timescale for returning to compliance.",
    )
    ombudsman_informed_on = DateField(
        label="Date the Ombudsman was told (optional)", required=False
    )
    residents_informed_on = DateField(label="Date residents were told (optional)", required=False)
    published_on = DateField(label="Date published on your website (optional)", required=False)

    def dates(self) -> services.CircumstanceDates:
        return services.CircumstanceDates(
            **{name: self.cleaned_data[name] for name in services.CIRCUMSTANCE_DATES}
        )


class CircumstanceForm(CircumstanceDatesForm):
    starts_on = DateField(label="Date the circumstances began", required=False)
    description = _area(
        "The circumstances", "What happened, and how it affects complaint handling."
    )
    provisions_affected = _text(
        "Code provisions affected (optional)", "For example, 6.2, 6.3, 6.14.", max_length=200
    )
    field_order = ("starts_on", "description", "provisions_affected")


class ImprovementFilterForm(StaffForm):
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any"), *ServiceImprovement.Status.choices], required=False
    )
    service_area = forms.ModelChoiceField(
        label="Service area", queryset=ServiceArea.objects.none(), required=False, empty_label="Any"
    )
    overdue = forms.BooleanField(label="Only those past their due date", required=False)

    def __init__(self, *args: Any, landlord_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["service_area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = ServiceArea.objects.filter(landlord_id=landlord_id)

    def filters(self) -> selectors.ImprovementFilters:
        if not self.is_valid():
            return selectors.ImprovementFilters()
        area = self.cleaned_data["service_area"]
        return selectors.ImprovementFilters(
            status=self.cleaned_data["status"],
            service_area_id=area.pk if area else None,
            overdue=self.cleaned_data["overdue"],
        )


# ---------------------------------------------------------------- the shared machinery


@dataclass(frozen=True)
class Back:
    text: str
    href: str


def _form_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: str,
    back: Back,
    perform: Callable[[], tuple[str, str]],
    submit_text: str = "Save",
    caption: str = "",
    intro: str = "",
    multipart: bool = False,
) -> HttpResponse:
    """A page with one form calling one service. ``perform`` returns (message, where next)."""
    if request.method == "POST" and form.is_valid():
        try:
            message, next_url = perform()
        except (NotPermittedError, NotFoundError):
            raise
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, message)
            return redirect(next_url)
    return render(
        request,
        f"{TEMPLATES}/form.html",
        {
            "page_title": title,
            "page_has_errors": bool(form.is_bound and form.errors),
            "active_nav": "learning",
            "form": form,
            "back": back,
            "caption": caption,
            "intro": intro,
            "submit_text": submit_text,
            "multipart": multipart,
        },
    )


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _improvement_url(improvement: ServiceImprovement) -> str:
    return reverse("staff:learning-improvement", kwargs={"improvement_id": improvement.pk})


def _case_url(case: OmbudsmanCase) -> str:
    return reverse("staff:learning-ombudsman-case", kwargs={"case_id": case.pk})


def _render(request: HttpRequest, template: str, title: str, **context: Any) -> HttpResponse:
    return render(
        request,
        f"{TEMPLATES}/{template}",
        {"page_title": title, "active_nav": "learning", **context},
    )


def _can(actor: Actor) -> dict[str, bool]:
    return {
        "can_manage_learning": actor.can(MANAGE_LEARNING),
        "can_manage_ombudsman": actor.can(MANAGE_OMBUDSMAN),
        "personal_data": selectors.personal_data_visible(actor),
    }


# ---------------------------------------------------------------- the overview


@staff_required(*READERS)
def overview(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    improvements = selectors.improvement_list(actor=actor)
    open_statuses = (ServiceImprovement.Status.PROPOSED, ServiceImprovement.Status.IN_PROGRESS)
    return _render(
        request,
        "index.html",
        "Learning and the Ombudsman",
        open_improvements=improvements.filter(status__in=open_statuses).count(),
        overdue_improvements=selectors.improvement_list(
            actor=actor, filters=selectors.ImprovementFilters(overdue=True)
        ).count(),
        open_cases=selectors.ombudsman_case_list(actor=actor)
        .exclude(status__in=(OmbudsmanCase.Status.DETERMINED, OmbudsmanCase.Status.CLOSED))
        .count(),
        overdue_orders=selectors.ombudsman_order_list_overdue(actor=actor),
        **_can(actor),
    )


# ---------------------------------------------------------------- service improvements


@staff_required(*READERS)
def improvement_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = ImprovementFilterForm(request.GET or None, landlord_id=actor.landlord_pk)
    filters = form.filters()
    return _render(
        request,
        "improvements.html",
        "Service improvements",
        form=form,
        filtered=filters != selectors.ImprovementFilters(),
        improvements=list(selectors.improvement_list(actor=actor, filters=filters)),
        today=timezone.localdate(),
        **_can(actor),
    )


@staff_required(*READERS)
def you_said_we_did(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return _render(
        request,
        "you_said_we_did.html",
        "You said, we did",
        improvements=list(selectors.improvement_you_said_we_did(actor=actor)),
    )


@staff_required(MANAGE_LEARNING)
def improvement_new(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = NewImprovementForm(_data(request), landlord_id=actor.landlord_pk)

    def perform() -> tuple[str, str]:
        improvement = services.improvement_create(
            actor=actor, details=form.details(), complaint_references=form.references()
        )
        return f"Service improvement “{improvement.title}” recorded.", _improvement_url(improvement)

    return _form_page(
        request,
        form=form,
        title="Record a service improvement",
        back=Back("Back to service improvements", reverse("staff:learning-improvements")),
        perform=perform,
        submit_text="Record the improvement",
        intro="A change to the service that complaints showed was needed (Complaint Handling "
        "Code 9.1 to 9.3).",
    )


@staff_required(*READERS)
def improvement_page(request: HttpRequest, improvement_id: int) -> HttpResponse:
    actor = request_actor(request)
    improvement = selectors.improvement_get(actor=actor, improvement_id=improvement_id)
    can = _can(actor)
    complaints = selectors.improvement_complaints(improvement=improvement)
    return _render(
        request,
        "improvement.html",
        improvement.title,
        improvement=improvement,
        complaints=complaints if can["personal_data"] else [],
        complaint_count=len(complaints),
        link_form=ReferenceForm(),
        **can,
    )


@staff_required(MANAGE_LEARNING)
def improvement_edit(request: HttpRequest, improvement_id: int) -> HttpResponse:
    actor = request_actor(request)
    improvement = selectors.improvement_get(actor=actor, improvement_id=improvement_id)
    initial = {
        "title": improvement.title,
        "description": improvement.description,
        "service_area": improvement.service_area_id,
        "owner": improvement.owner_id,
        "owner_description": improvement.owner_description,
        "due_on": improvement.due_on,
    }
    form = ImprovementForm(_data(request), initial=initial, landlord_id=actor.landlord_pk)

    def perform() -> tuple[str, str]:
        services.improvement_update(actor=actor, improvement=improvement, details=form.details())
        return "Service improvement changed.", _improvement_url(improvement)

    return _form_page(
        request,
        form=form,
        title="Change the service improvement",
        caption=improvement.title,
        back=Back("Back to the improvement", _improvement_url(improvement)),
        perform=perform,
    )


@staff_required(MANAGE_LEARNING)
def improvement_status(request: HttpRequest, improvement_id: int) -> HttpResponse:
    actor = request_actor(request)
    improvement = selectors.improvement_get(actor=actor, improvement_id=improvement_id)
    form = ImprovementStatusForm(
        _data(request),
        initial={
            "status": improvement.status,
            "completed_on": improvement.completed_on,
            "outcome": improvement.outcome,
        },
    )

    def perform() -> tuple[str, str]:
        data = form.cleaned_data
        changed = services.improvement_set_status(
            actor=actor,
            improvement=improvement,
            status=data["status"],
            completed_on=data["completed_on"],
            outcome=data["outcome"],
        )
        return f"Status changed to {changed.get_status_display().lower()}.", _improvement_url(
            improvement
        )

    return _form_page(
        request,
        form=form,
        title="Change the status",
        caption=improvement.title,
        back=Back("Back to the improvement", _improvement_url(improvement)),
        perform=perform,
    )


@staff_required(MANAGE_LEARNING)
def improvement_link(request: HttpRequest, improvement_id: int) -> HttpResponse:
    actor = request_actor(request)
    improvement = selectors.improvement_get(actor=actor, improvement_id=improvement_id)
    form = ReferenceForm(_data(request))

    def perform() -> tuple[str, str]:
        complaint = services.improvement_link_complaint(
            actor=actor, improvement=improvement, reference=form.cleaned_data["reference"]
        )
        return f"Complaint {complaint.reference} linked.", _improvement_url(improvement)

    return _form_page(
        request,
        form=form,
        title="Link a complaint",
        caption=improvement.title,
        back=Back("Back to the improvement", _improvement_url(improvement)),
        perform=perform,
        submit_text="Link the complaint",
    )


@require_POST
@staff_required(MANAGE_LEARNING)
def improvement_unlink(request: HttpRequest, improvement_id: int, reference: str) -> HttpResponse:
    actor = request_actor(request)
    improvement = selectors.improvement_get(actor=actor, improvement_id=improvement_id)
    complaint = improvement.complaints.filter(reference=reference).first()
    if complaint is None:
        raise NotFoundError(f"Complaint {reference} is not linked to this improvement.")
    services.improvement_unlink_complaint(actor=actor, improvement=improvement, complaint=complaint)
    messages.success(request, f"Complaint {complaint.reference} is no longer linked.")
    return redirect(_improvement_url(improvement))


# ---------------------------------------------------------------- Ombudsman cases


class CaseFilterForm(StaffForm):
    status = forms.ChoiceField(
        label="Where the case stands",
        choices=[("", "Any"), *OmbudsmanCase.Status.choices],
        required=False,
    )
    overdue_orders = forms.BooleanField(label="Only those with overdue orders", required=False)

    def filters(self) -> selectors.CaseFilters:
        if not self.is_valid():
            return selectors.CaseFilters()
        return selectors.CaseFilters(
            status=self.cleaned_data["status"],
            overdue_orders=self.cleaned_data["overdue_orders"],
        )


@staff_required(*READERS)
def case_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = CaseFilterForm(request.GET or None)
    filters = form.filters()
    return _render(
        request,
        "ombudsman_cases.html",
        "Housing Ombudsman cases",
        form=form,
        filtered=filters != selectors.CaseFilters(),
        cases=list(selectors.ombudsman_case_list(actor=actor, filters=filters)),
        overdue_orders=selectors.ombudsman_order_list_overdue(actor=actor),
        **_can(actor),
    )


@staff_required(MANAGE_OMBUDSMAN)
def case_new(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = NewCaseForm(_data(request))

    def perform() -> tuple[str, str]:
        data = form.cleaned_data
        case = services.ombudsman_case_create(
            actor=actor,
            ombudsman_reference=data["ombudsman_reference"],
            referred_on=data["referred_on"],
            complaint_reference=data["complaint_reference"],
            summary=data["summary"],
        )
        return f"Ombudsman case {case.ombudsman_reference} recorded.", _case_url(case)

    return _form_page(
        request,
        form=form,
        title="Record an Ombudsman case",
        back=Back("Back to Ombudsman cases", reverse("staff:learning-ombudsman-cases")),
        perform=perform,
        submit_text="Record the case",
    )


def _case(request: HttpRequest, case_id: int) -> tuple[Actor, OmbudsmanCase]:
    actor = request_actor(request)
    return actor, selectors.ombudsman_case_get(actor=actor, case_id=case_id)


@staff_required(*READERS)
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _case(request, case_id)
    today = timezone.localdate()
    orders = [
        {"order": order, "overdue": selectors.order_is_overdue(order, today)}
        for order in case.orders.all()
    ]
    return _render(
        request,
        "ombudsman_case.html",
        f"Ombudsman case {case.ombudsman_reference}",
        case=case,
        findings=list(case.findings.all()),
        orders=orders,
        compensation_ordered=sum((o.compensation_amount for o in case.orders.all()), Decimal(0)),
        **_can(actor),
    )


@staff_required(MANAGE_OMBUDSMAN)
def case_status(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _case(request, case_id)
    form = CaseStatusForm(
        _data(request),
        initial={
            "status": case.status,
            "determination_on": case.determination_on,
            "summary": case.summary,
        },
    )

    def perform() -> tuple[str, str]:
        data = form.cleaned_data
        changed = services.ombudsman_case_update(
            actor=actor,
            case=case,
            status=data["status"],
            determination_on=data["determination_on"],
            summary=data["summary"],
        )
        return f"Case {changed.ombudsman_reference} updated.", _case_url(case)

    return _form_page(
        request,
        form=form,
        title="Update the case",
        caption=f"Ombudsman case {case.ombudsman_reference}",
        back=Back("Back to the case", _case_url(case)),
        perform=perform,
    )


@staff_required(MANAGE_OMBUDSMAN)
def finding_new(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _case(request, case_id)
    form = FindingForm(_data(request))

    def perform() -> tuple[str, str]:
        finding = services.ombudsman_finding_add(
            actor=actor,
            case=case,
            issue=form.cleaned_data["issue"],
            finding=form.cleaned_data["finding"],
        )
        return f"Finding recorded: {finding.get_finding_display().lower()}.", _case_url(case)

    return _form_page(
        request,
        form=form,
        title="Record a finding",
        caption=f"Ombudsman case {case.ombudsman_reference}",
        back=Back("Back to the case", _case_url(case)),
        perform=perform,
        intro="One finding for each issue the Ombudsman determined.",
    )


@require_POST
@staff_required(MANAGE_OMBUDSMAN)
def finding_remove(request: HttpRequest, case_id: int, finding_id: int) -> HttpResponse:
    actor, case = _case(request, case_id)
    finding = selectors.ombudsman_finding_get(case=case, finding_id=finding_id)
    services.ombudsman_finding_remove(actor=actor, finding=finding)
    messages.success(request, "Finding removed.")
    return redirect(_case_url(case))


@staff_required(MANAGE_OMBUDSMAN)
def order_new(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _case(request, case_id)
    form = OrderForm(_data(request))

    def perform() -> tuple[str, str]:
        data = form.cleaned_data
        order = services.ombudsman_order_add(
            actor=actor,
            case=case,
            kind=data["kind"],
            description=data["description"],
            due_on=data["due_on"],
            compensation_amount=data["compensation_amount"],
        )
        return f"{order.get_kind_display()} recorded.", _case_url(case)

    return _form_page(
        request,
        form=form,
        title="Record an order or recommendation",
        caption=f"Ombudsman case {case.ombudsman_reference}",
        back=Back("Back to the case", _case_url(case)),
        perform=perform,
    )


@staff_required(MANAGE_OMBUDSMAN)
def order_compliance(request: HttpRequest, case_id: int, order_id: int) -> HttpResponse:
    actor, case = _case(request, case_id)
    order = selectors.ombudsman_order_get(case=case, order_id=order_id)
    form = ComplianceForm(
        _data(request),
        initial={"complied_on": order.complied_on, "evidence_sent_on": order.evidence_sent_on},
    )

    def perform() -> tuple[str, str]:
        services.ombudsman_order_record_compliance(
            actor=actor,
            order=order,
            complied_on=form.cleaned_data["complied_on"],
            evidence_sent_on=form.cleaned_data["evidence_sent_on"],
        )
        return "Compliance recorded.", _case_url(case)

    return _form_page(
        request,
        form=form,
        title="Record compliance",
        caption=f"{order.get_kind_display()}: {order.description[:80]}",
        back=Back("Back to the case", _case_url(case)),
        perform=perform,
        intro=f"Due by {order.due_on:%-d %B %Y}." if order.due_on else "",
    )


# ---------------------------------------------------------------- publications


@staff_required(*READERS)
def publication_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return _render(
        request,
        "publications.html",
        "The Ombudsman's publications about us",
        publications=selectors.ombudsman_publication_list(actor=actor),
        **_can(actor),
    )


@staff_required(MANAGE_OMBUDSMAN)
def publication_new(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = PublicationForm(_data(request), request.FILES if request.method == "POST" else None)

    def perform() -> tuple[str, str]:
        data = form.cleaned_data
        upload = data["document"]
        publication = services.ombudsman_publication_add(
            actor=actor,
            kind=data["kind"],
            title=data["title"],
            published_on=data["published_on"],
            summary=data["summary"],
            document=services.PublicationFile(name=upload.name, content=upload.read())
            if upload
            else None,
        )
        return f"“{publication.title}” recorded.", reverse("staff:learning-publications")

    return _form_page(
        request,
        form=form,
        title="Add an Ombudsman publication",
        back=Back("Back to publications", reverse("staff:learning-publications")),
        perform=perform,
        intro="The Ombudsman's annual performance letter, a special investigation report or a "
        "complaint handling failure order: the annual report must include them "
        "(Complaint Handling Code 8.1e, 8.1f).",
        multipart=True,
    )


@staff_required(*READERS)
def publication_document(request: HttpRequest, publication_id: int) -> HttpResponseBase:
    publication = selectors.ombudsman_publication_get(
        actor=request_actor(request), publication_id=publication_id
    )
    if not publication.document:
        raise Http404("This publication has no document.")
    with publication.document.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{publication.title[:80]}.pdf"
    )
    return response


# ---------------------------------------------------------------- Code compliance


@staff_required(*READERS)
def compliance(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return _render(
        request,
        "compliance.html",
        "Code compliance findings and exceptional circumstances",
        findings=selectors.code_non_compliance_list(actor=actor),
        circumstances=selectors.exceptional_circumstance_list(actor=actor),
        **_can(actor),
    )


def _compliance_back() -> Back:
    return Back("Back to Code compliance", reverse("staff:learning-compliance"))


@staff_required(MANAGE_OMBUDSMAN)
def non_compliance_new(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = NonComplianceForm(_data(request))

    def perform() -> tuple[str, str]:
        data = form.cleaned_data
        finding = services.code_non_compliance_record(
            actor=actor,
            provision=data["provision"],
            source=data["source"],
            found_on=data["found_on"],
            description=data["description"],
            action=data["action"],
        )
        return f"Non-compliance with Code {finding.provision} recorded.", _compliance_back().href

    return _form_page(
        request,
        form=form,
        title="Record a finding of non-compliance with the Code",
        back=_compliance_back(),
        perform=perform,
        intro="Found by the Ombudsman, by the self-assessment or by an internal review: the "
        "annual report must include the Ombudsman's (Complaint Handling Code 8.1c).",
    )


@staff_required(MANAGE_OMBUDSMAN)
def non_compliance_remedied(request: HttpRequest, finding_id: int) -> HttpResponse:
    actor = request_actor(request)
    finding = selectors.code_non_compliance_get(actor=actor, finding_id=finding_id)
    form = NonComplianceRemedyForm(
        _data(request), initial={"remedied_on": finding.remedied_on, "action": finding.action}
    )

    def perform() -> tuple[str, str]:
        services.code_non_compliance_remedy(
            actor=actor,
            finding=finding,
            remedied_on=form.cleaned_data["remedied_on"],
            action=form.cleaned_data["action"],
        )
        return f"Non-compliance with Code {finding.provision} put right.", _compliance_back().href

    return _form_page(
        request,
        form=form,
        title="Record that it was put right",
        caption=f"Code {finding.provision}: {finding.description[:80]}",
        back=_compliance_back(),
        perform=perform,
    )


@staff_required(MANAGE_OMBUDSMAN)
def circumstance_new(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = CircumstanceForm(_data(request))

    def perform() -> tuple[str, str]:
        data = form.cleaned_data
        services.exceptional_circumstance_record(
            actor=actor,
            starts_on=data["starts_on"],
            description=data["description"],
            provisions_affected=data["provisions_affected"],
            dates=form.dates(),
        )
        return "Exceptional circumstances recorded.", _compliance_back().href

    return _form_page(
        request,
        form=form,
        title="Record exceptional circumstances",
        back=_compliance_back(),
        perform=perform,
        intro="When exceptional circumstances stop you meeting the Code, tell the Ombudsman, "
        "tell residents, and publish it on your website (Complaint Handling Code 8.5).",
    )


@staff_required(MANAGE_OMBUDSMAN)
def circumstance_edit(request: HttpRequest, circumstance_id: int) -> HttpResponse:
    actor = request_actor(request)
    circumstance = selectors.exceptional_circumstance_get(
        actor=actor, circumstance_id=circumstance_id
    )
    form = CircumstanceDatesForm(
        _data(request),
        initial={name: getattr(circumstance, name) for name in services.CIRCUMSTANCE_DATES},
    )

    def perform() -> tuple[str, str]:
        services.exceptional_circumstance_update(
            actor=actor, circumstance=circumstance, dates=form.dates()
        )
        return "Exceptional circumstances updated.", _compliance_back().href

    return _form_page(
        request,
        form=form,
        title="Update the exceptional circumstances",
        caption=f"From {circumstance.starts_on:%-d %B %Y}",
        back=_compliance_back(),
        perform=perform,
    )


# ---------------------------------------------------------------- a complaint's root causes


def _complaint_learning_url(complaint: Complaint) -> str:
    return reverse("staff:complaint-learning", kwargs={"reference": complaint.reference})


@staff_required(*CASE_READERS)
def complaint_learning(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 9.1: why the complaint arose, and the improvements it prompted."""
    actor = request_actor(request)
    complaint = complaint_get(actor=actor, reference=reference)
    causes = selectors.root_cause_choices(landlord_id=complaint.landlord_id)
    form = RootCauseChoiceForm(_data(request), causes=causes)
    may_record = actor.can("complaints.handle_complaint") or actor.can(MANAGE_LEARNING)
    if request.method == "POST":
        if not may_record:
            raise NotPermittedError("Your role does not allow you to record root causes.")
        if form.is_valid():
            try:
                services.complaint_root_cause_record(
                    actor=actor,
                    complaint=complaint,
                    root_cause=form.cleaned_data["root_cause"],
                    notes=form.cleaned_data["notes"],
                )
            except (NotPermittedError, NotFoundError):
                raise
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, "Root cause recorded.")
                return redirect(_complaint_learning_url(complaint))
    return render(
        request,
        f"{TEMPLATES}/complaint.html",
        {
            "page_title": "Root causes and learning",
            "page_has_errors": bool(form.is_bound and form.errors),
            "complaint": complaint,
            "recorded": selectors.complaint_root_causes(complaint=complaint),
            "improvements": selectors.complaint_improvements(complaint=complaint),
            "form": form,
            "has_causes": bool(causes),
            "may_record": may_record,
            "may_see_improvements": any(actor.can(p) for p in READERS),
            "surveys": selectors.satisfaction_invitations_for(complaint=complaint),
            "may_send_survey": _may_send_survey(actor, complaint),
        },
    )


def _may_send_survey(actor: Actor, complaint: Complaint) -> bool:
    """Offered only when ``satisfaction_invite`` would not refuse for want of a response or a
    role; whether the resident was already asked, the service says."""
    return (
        any(actor.can(p) for p in SURVEY_SENDERS)
        and services.satisfaction_stage(complaint) is not None
    )


@require_POST
@staff_required(*SURVEY_SENDERS)
def complaint_survey_send(request: HttpRequest, reference: str) -> HttpResponse:
    """Email the resident the satisfaction survey about this complaint, now."""
    actor = request_actor(request)
    complaint = complaint_get(actor=actor, reference=reference)
    try:
        invitation = services.satisfaction_invite(
            actor=actor,
            complaint=complaint,
            site_url=request.build_absolute_uri("/").rstrip("/"),
        )
    except (NotPermittedError, NotFoundError):
        raise
    except DomainError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, f"Satisfaction survey about stage {invitation.stage_number} sent by email."
        )
    return redirect(_complaint_learning_url(complaint))


@require_POST
@staff_required(*CASE_READERS)
def complaint_root_cause_remove(request: HttpRequest, reference: str, recorded_id: int) -> Any:
    actor = request_actor(request)
    complaint = complaint_get(actor=actor, reference=reference)
    recorded = selectors.complaint_root_cause_get(complaint=complaint, recorded_id=recorded_id)
    services.complaint_root_cause_remove(actor=actor, complaint_root_cause=recorded)
    messages.success(request, f"Root cause “{recorded.root_cause}” removed.")
    return redirect(_complaint_learning_url(complaint))


urlpatterns: list[URLPattern] = [
    path("learning/", overview, name="learning"),
    path("learning/improvements/", improvement_list, name="learning-improvements"),
    path(
        "learning/improvements/you-said-we-did/",
        you_said_we_did,
        name="learning-you-said-we-did",
    ),
    path("learning/improvements/new/", improvement_new, name="learning-improvement-new"),
    path(
        "learning/improvements/<int:improvement_id>/",
        improvement_page,
        name="learning-improvement",
    ),
    path(
        "learning/improvements/<int:improvement_id>/change/",
        improvement_edit,
        name="learning-improvement-edit",
    ),
    path(
        "learning/improvements/<int:improvement_id>/status/",
        improvement_status,
        name="learning-improvement-status",
    ),
    path(
        "learning/improvements/<int:improvement_id>/complaints/",
        improvement_link,
        name="learning-improvement-link",
    ),
    path(
        "learning/improvements/<int:improvement_id>/complaints/<str:reference>/remove/",
        improvement_unlink,
        name="learning-improvement-unlink",
    ),
    path("learning/ombudsman/", case_list, name="learning-ombudsman-cases"),
    path("learning/ombudsman/new/", case_new, name="learning-ombudsman-case-new"),
    path("learning/ombudsman/<int:case_id>/", case_page, name="learning-ombudsman-case"),
    path(
        "learning/ombudsman/<int:case_id>/status/",
        case_status,
        name="learning-ombudsman-case-status",
    ),
    path(
        "learning/ombudsman/<int:case_id>/findings/new/",
        finding_new,
        name="learning-ombudsman-finding-new",
    ),
    path(
        "learning/ombudsman/<int:case_id>/findings/<int:finding_id>/remove/",
        finding_remove,
        name="learning-ombudsman-finding-remove",
    ),
    path(
        "learning/ombudsman/<int:case_id>/orders/new/",
        order_new,
        name="learning-ombudsman-order-new",
    ),
    path(
        "learning/ombudsman/<int:case_id>/orders/<int:order_id>/compliance/",
        order_compliance,
        name="learning-ombudsman-order-compliance",
    ),
    path("learning/publications/", publication_list, name="learning-publications"),
    path("learning/publications/new/", publication_new, name="learning-publication-new"),
    path(
        "learning/publications/<int:publication_id>/document/",
        publication_document,
        name="learning-publication-document",
    ),
    path("learning/compliance/", compliance, name="learning-compliance"),
    path(
        "learning/compliance/non-compliance/new/",
        non_compliance_new,
        name="learning-non-compliance-new",
    ),
    path(
        "learning/compliance/non-compliance/<int:finding_id>/put-right/",
        non_compliance_remedied,
        name="learning-non-compliance-remedied",
    ),
    path(
        "learning/compliance/exceptional-circumstances/new/",
        circumstance_new,
        name="learning-circumstance-new",
    ),
    path(
        "learning/compliance/exceptional-circumstances/<int:circumstance_id>/change/",
        circumstance_edit,
        name="learning-circumstance-edit",
    ),
    path("complaints/<str:reference>/learning/", complaint_learning, name="complaint-learning"),
    path(
        "complaints/<str:reference>/learning/survey/",
        complaint_survey_send,
        name="complaint-survey-send",
    ),
    path(
        "complaints/<str:reference>/learning/root-causes/<int:recorded_id>/remove/",
        complaint_root_cause_remove,
        name="complaint-root-cause-remove",
    ),
]
