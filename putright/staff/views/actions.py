"""Every lifecycle action on a complaint, each on its own page: a GOV.UK form, sent by POST.

Each page parses the form and calls the service that does the action. The service decides
whether the Code allows it: what it refuses is shown in the error summary, naming the
provision, with what was typed kept. A service's "not permitted" becomes the 403 page (the
middleware does that). Each form carries the version of the complaint it was read at: if
someone else changed the complaint in between, nothing is saved and the page says so.

After the action, the case page, with a success banner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from putright.accounts.models import User
from putright.complaints import services
from putright.complaints.actions import (
    complaint_current_stage,
    stage_eligible_handlers,
    stage_extension_preview,
)
from putright.complaints.models import Complaint, ComplaintPoint, Correspondence, Stage
from putright.complaints.selectors import complaint_get, complaint_visible
from putright.core.actors import Actor
from putright.core.errors import ConflictError, DomainError, NotFoundError, NotPermittedError
from putright.remedies import services as remedies
from putright.remedies.models import OutstandingAction, Remedy
from putright.staff.access import request_actor, staff_required
from putright.staff.forms import actions as f
from putright.staff.forms.cases import moment_on, typed_values
from putright.web.forms import error_summary, form_add_domain_error
from putright.workdays.selectors import calendar_for_landlord

TRIAGE = "complaints.triage_complaint"
HANDLE = "complaints.handle_complaint"
LOG = "complaints.log_complaint"
CORRESPONDENCE = "complaints.manage_correspondence"
STAFF_ROLES = (TRIAGE, HANDLE, LOG, CORRESPONDENCE)

RemedyFormSet = forms.formset_factory(f.RemedyForm, extra=0)
ActionFormSet = forms.formset_factory(f.OutstandingActionForm, extra=0)


# ---------------------------------------------------------------- the shared machinery


class FormError(Exception):
    """A service refused part of a page with several forms: show it against that form."""

    def __init__(self, form: forms.Form, error: DomainError) -> None:
        super().__init__(str(error))
        self.form = form
        self.error = error


def within(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Call a service for ``form``; a refusal (but not "not permitted") is that form's."""
    try:
        return call()
    except (NotPermittedError, NotFoundError):
        raise
    except DomainError as error:
        raise FormError(form, error) from error


def _staff(complaint: Complaint) -> QuerySet[User]:
    return User.objects.filter(landlord_id=complaint.landlord_id, is_active=True)


def _case_url(complaint: Complaint) -> str:
    return reverse("staff:complaint", kwargs={"reference": complaint.reference})


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _files(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None


def _version(complaint: Complaint) -> dict[str, Any]:
    return {"version": complaint.version}


# A service's field, by the name of the form field that holds it (a day typed for a moment;
# the first of a financial remedy's amounts for all of them).
FIELD_ALIASES = {
    "requested_at": "requested_on",
    "occurred_at": "occurred_on",
    "withdrawn_at": "withdrawn_on",
    "amounts": "amount_time_and_trouble",
}


def _with(data: Any, **values: Any) -> QueryDict:
    """A form's data with ``values`` replaced, to show the form again with them."""
    changed = cast(QueryDict, data).copy()
    for name, value in values.items():
        changed[name] = str(value)
    return changed


def _show_refusal(form: forms.Form, main: forms.Form, complaint: Complaint, error: Any) -> None:
    if isinstance(error, ConflictError):
        # Nothing was saved. The form now carries the complaint's new version, so sending it
        # again, once the person has seen what changed, is a decision, not an accident.
        main.add_error(
            None,
            f"{error.message} Nothing you entered here has been saved: check what changed on "
            "the complaint's page, then send this form again if it is still right.",
        )
        main.data = _with(
            main.data,
            version=Complaint.objects.values_list("version", flat=True).get(pk=complaint.pk),
        )
    else:
        if error.field in FIELD_ALIASES and FIELD_ALIASES[error.field] in form.fields:
            error = DomainError(
                error.message, provision=error.provision, field=FIELD_ALIASES[error.field]
            )
        form_add_domain_error(form, error)


def attempt(
    request: HttpRequest,
    *,
    actor: Actor,
    complaint: Complaint,
    form: forms.Form,
    perform: Callable[[], str],
) -> HttpResponse | None:
    """Do the action; on success, back to the case page with ``perform``'s message.

    On a refusal, None: the caller shows the form again, with the refusal in it.
    """
    try:
        message = perform()
    except (NotPermittedError, NotFoundError):
        raise
    except FormError as failure:
        _show_refusal(failure.form, form, complaint, failure.error)
        return None
    except DomainError as error:
        _show_refusal(form, form, complaint, error)
        return None
    messages.success(request, message)
    # A handler who steps aside (Code 5.8) may no longer see the complaint.
    if complaint_visible(actor).filter(pk=complaint.pk).exists():
        return redirect(_case_url(complaint))
    return redirect("staff:home")


def page(
    request: HttpRequest,
    template: str,
    *,
    complaint: Complaint,
    title: str,
    form: forms.Form,
    **context: Any,
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "page_title": title,
            "complaint": complaint,
            "form": form,
            "page_has_errors": bool(form.is_bound and form.errors) or context.get("has_errors"),
            "back_url": _case_url(complaint),
            **context,
        },
    )


def simple_action(
    request: HttpRequest,
    reference: str,
    *,
    form_class: type[f.CaseForm],
    title: str,
    perform: Callable[[Actor, Complaint, Any], str],
    template: str = "staff/cases/action.html",
    form_kwargs: Callable[[Complaint], dict[str, Any]] | None = None,
    initial: Callable[[Complaint], dict[str, Any]] | None = None,
    **context: Any,
) -> HttpResponse:
    """A page with one form that calls one service: ``perform(actor, complaint, form)``."""
    actor = request_actor(request)
    complaint = complaint_get(actor=actor, reference=reference)
    form = form_class(
        _data(request),
        _files(request),
        initial={**_version(complaint), **(initial(complaint) if initial else {})},
        **(form_kwargs(complaint) if form_kwargs else {}),
    )
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            actor=actor,
            complaint=complaint,
            form=form,
            perform=lambda: perform(actor, complaint, form),
        )
        if done is not None:
            return done
    return page(request, template, complaint=complaint, title=title, form=form, **context)


def _with_stages(complaint: Complaint) -> Complaint:
    prefetch_related_objects(
        [complaint],
        Prefetch("stages", queryset=Stage.objects.select_related("handler").order_by("number")),
        Prefetch("stages__points", queryset=ComplaintPoint.objects.order_by("number")),
        "stages__extensions",
    )
    return complaint


def _stage_name(stage: Stage) -> str:
    return f"Stage {stage.number}"


# ---------------------------------------------------------------- definition and acknowledgement


def _definition_initial(complaint: Complaint) -> dict[str, Any]:
    stage = complaint_current_stage(_with_stages(complaint))
    if stage is None or not stage.is_defined:
        return {"outcomes_sought": complaint.outcome_sought if stage and stage.number == 1 else ""}
    return {
        "definition": stage.definition,
        "outcomes_sought": stage.outcomes_sought,
        "responsible_for": stage.responsible_for,
        "not_responsible_for": stage.not_responsible_for,
        "points": "\n".join(
            p.description
            for p in stage.points.all()
            if p.source == ComplaintPoint.Source.DEFINITION
        ),
    }


def _define(actor: Actor, complaint: Complaint, data: dict[str, Any], version: int) -> Stage:
    return services.stage_define(
        actor=actor,
        complaint=complaint,
        definition=data["definition"],
        outcomes_sought=data["outcomes_sought"],
        responsible_for=data["responsible_for"],
        not_responsible_for=data["not_responsible_for"],
        points=data["points"],
        expected_version=version,
    )


@staff_required(TRIAGE)
def acknowledge(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 6.2, 6.11: acknowledged, defined and logged; the response is due from now."""

    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        data = form.cleaned_data
        with transaction.atomic():
            _define(actor, complaint, data, data["version"])
            stage = services.stage_acknowledge(actor=actor, complaint=complaint)
        assert stage.response_due is not None
        return (
            f"{_stage_name(stage)} acknowledged and defined. "
            f"The response is due by {stage.response_due:%-d %B %Y}."
        )

    return simple_action(
        request,
        reference,
        form_class=f.AcknowledgeForm,
        title="Acknowledge and define the complaint",
        submit_text="Acknowledge the complaint",
        perform=perform,
        template="staff/cases/define.html",
        initial=_definition_initial,
        acknowledging=True,
    )


@staff_required(TRIAGE, HANDLE)
def define(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 5.6, 5.7: the complaint definition."""

    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        data = form.cleaned_data
        stage = _define(actor, complaint, data, data["version"])
        return f"{_stage_name(stage)} complaint definition saved."

    return simple_action(
        request,
        reference,
        form_class=f.DefineForm,
        title="Set out the complaint definition",
        submit_text="Save the complaint definition",
        perform=perform,
        template="staff/cases/define.html",
        initial=_definition_initial,
        acknowledging=False,
    )


# ---------------------------------------------------------------- handlers


@staff_required(TRIAGE)
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 6.13: at stage 2, only someone who did not consider stage 1 is offered."""

    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        data = form.cleaned_data
        stage = services.stage_assign(
            actor=actor,
            complaint=complaint,
            handler=data["handler"],
            expected_version=data["version"],
        )
        return f"{_stage_name(stage)} assigned to {data['handler']}."

    def form_kwargs(complaint: Complaint) -> dict[str, Any]:
        return {
            "staff": _staff(complaint),
            "offered": stage_eligible_handlers(complaint=_with_stages(complaint)),
        }

    def initial(complaint: Complaint) -> dict[str, Any]:
        stage = complaint_current_stage(_with_stages(complaint))
        return {"handler": stage.handler_id} if stage and stage.handler_id else {}

    return simple_action(
        request,
        reference,
        form_class=f.AssignForm,
        title="Assign a handler",
        submit_text="Assign",
        perform=perform,
        form_kwargs=form_kwargs,
        initial=initial,
    )


@staff_required(HANDLE)
def declare_conflict(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 5.8 c: only the handler declares, for themselves."""

    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        data = form.cleaned_data
        has_conflict = data["has_conflict"] == "yes"
        stage = services.stage_declare_conflict(
            actor=actor,
            complaint=complaint,
            has_conflict=has_conflict,
            declaration=data["declaration"],
            expected_version=data["version"],
        )
        if has_conflict:
            return (
                f"Your conflict of interest is recorded and you no longer handle "
                f"{complaint.reference} at stage {stage.number}: it needs a new handler."
            )
        return "Your declaration of no conflict of interest is recorded."

    return simple_action(
        request,
        reference,
        form_class=f.DeclareConflictForm,
        title="Declare any conflict of interest",
        submit_text="Save your declaration",
        perform=perform,
    )


# ---------------------------------------------------------------- time


@staff_required(HANDLE)
def extend(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 6.4, 6.5, 6.15, 6.16: the new due date is shown, in working days, before it is set."""
    actor = request_actor(request)
    complaint = _with_stages(complaint_get(actor=actor, reference=reference))
    calendar = calendar_for_landlord(landlord_id=complaint.landlord_id)
    form = f.ExtendForm(_data(request), initial=_version(complaint))
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["working_days"] >= 1 and not form.is_confirmed():
            preview = stage_extension_preview(
                complaint=complaint, working_days=data["working_days"], calendar=calendar
            )
        if preview is not None:
            form.data = _with(form.data, previewed_days=data["working_days"])
        else:

            def perform() -> str:
                extension = services.stage_extend(
                    actor=actor,
                    complaint=complaint,
                    working_days=data["working_days"],
                    reason=data["reason"],
                    resident_informed_on=data["resident_informed_on"],
                    ombudsman_details_given=data["ombudsman_details_given"],
                    good_reason_beyond_maximum=data["good_reason_beyond_maximum"],
                    expected_version=data["version"],
                )
                return (
                    f"Response deadline extended by {extension.working_days} working days. "
                    f"The response is now due by {extension.new_due:%-d %B %Y}."
                )

            done = attempt(request, actor=actor, complaint=complaint, form=form, perform=perform)
            if done is not None:
                return done
    return page(
        request,
        "staff/cases/extend.html",
        complaint=complaint,
        title="Extend the response deadline",
        form=form,
        stage=complaint_current_stage(complaint),
        preview=preview,
        policy=complaint.landlord.policy,
    )


@staff_required(HANDLE)
def agree_updates(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 5.9."""

    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        data = form.cleaned_data
        services.stage_agree_updates(
            actor=actor,
            complaint=complaint,
            interval_working_days=data["interval_working_days"],
            method=data["method"],
            agreed_on=data["agreed_on"],
            expected_version=data["version"],
        )
        return (
            f"Recorded: the resident will be updated every {data['interval_working_days']} "
            "working days."
        )

    return simple_action(
        request,
        reference,
        form_class=f.AgreeUpdatesForm,
        title="Agree how often to update the resident",
        submit_text="Save",
        perform=perform,
    )


@staff_required(LOG)
def add_issue(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 6.8."""

    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        data = form.cleaned_data
        result = services.complaint_add_issue(
            actor=actor,
            complaint=complaint,
            description=data["description"],
            expected_version=data["version"],
        )
        if isinstance(result, Complaint):
            return (
                f"The stage 1 response had been given, so the issue is a new complaint, "
                f"{result.reference}, linked to this one."
            )
        return f"The issue is now point {result.number} of the stage 1 investigation."

    return simple_action(
        request,
        reference,
        form_class=f.AddIssueForm,
        title="Record an additional issue",
        submit_text="Record the issue",
        perform=perform,
    )


# ---------------------------------------------------------------- the response


def _formsets(
    request: HttpRequest, complaint: Complaint
) -> tuple[forms.BaseFormSet, forms.BaseFormSet]:
    staff = _staff(complaint)
    data = _data(request)
    # Every row may be left blank, including one added and not used.
    remedy_kwargs = {"empty_permitted": True}
    action_kwargs = {"empty_permitted": True, "staff": staff}
    if data is None:
        return (
            RemedyFormSet(prefix="remedy", initial=[{}], form_kwargs=remedy_kwargs),
            ActionFormSet(prefix="action", initial=[{}], form_kwargs=action_kwargs),
        )
    return (
        RemedyFormSet(data, prefix="remedy", form_kwargs=remedy_kwargs),
        ActionFormSet(data, prefix="action", form_kwargs=action_kwargs),
    )


def _as_typed(formset: forms.BaseFormSet, *, add: bool, **form_kwargs: Any) -> forms.BaseFormSet:
    """The formset as typed, unjudged, with a blank row added if ``add``."""
    rows = [typed_values(form) for form in formset.forms]
    if add or not rows:
        rows.append({})
    return type(formset)(
        prefix=formset.prefix, initial=rows, form_kwargs={"empty_permitted": True, **form_kwargs}
    )


def _filled(formset: forms.BaseFormSet) -> list[forms.Form]:
    return [form for form in formset.forms if form.has_changed()]


@staff_required(HANDLE)
def respond(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 6.6, 6.7, 6.17, 6.18, 7.1, 7.3: every point answered with reasons, and what will
    be done to put things right, recorded together."""
    actor = request_actor(request)
    complaint = _with_stages(complaint_get(actor=actor, reference=reference))
    stage = complaint_current_stage(complaint)
    points = list(stage.points.all()) if stage else []
    policy = complaint.landlord.policy
    partly = (
        policy.partly_upheld_allowed_at_stage1
        if stage is None or stage.number == 1
        else policy.partly_upheld_allowed_at_stage2
    )
    form = f.RespondForm(
        _data(request), initial=_version(complaint), points=points, partly_upheld_allowed=partly
    )
    remedy_set, action_set = _formsets(request, complaint)
    adding = request.POST.get("add") if request.method == "POST" else None
    if adding in ("remedy", "action"):
        # Another row, and nothing judged yet: the page comes back as typed.
        form = f.RespondForm(
            initial=typed_values(form), points=points, partly_upheld_allowed=partly
        )
        remedy_set = _as_typed(remedy_set, add=adding == "remedy")
        action_set = _as_typed(action_set, add=adding == "action", staff=_staff(complaint))
    elif request.method == "POST":
        valid = [form.is_valid(), remedy_set.is_valid(), action_set.is_valid()]
        if all(valid):
            data = form.cleaned_data

            def perform() -> str:
                # Remedies and actions first: the response letter is written by stage_respond
                # and must carry them (Code 6.9 e, f). The first write checks the version the
                # page was read at and locks the complaint; the rest follow under that lock.
                version = data["version"]
                with transaction.atomic():
                    for remedy_form in _filled(remedy_set):
                        _offer(actor, complaint, remedy_form, version)
                        version = None
                    for action_form in _filled(action_set):
                        _add_action(actor, complaint, action_form, version)
                        version = None
                    responded = within(
                        form,
                        lambda: services.stage_respond(
                            actor=actor,
                            complaint=complaint,
                            outcome=data["outcome"],
                            decision=data["decision"],
                            findings=[services.PointFinding(*row) for row in form.findings()],
                            expected_version=version,
                        ),
                    )
                return (
                    f"{_stage_name(responded)} response recorded: "
                    f"{responded.get_outcome_display().lower()}."
                )

            done = attempt(request, actor=actor, complaint=complaint, form=form, perform=perform)
            if done is not None:
                return done
    return page(
        request,
        "staff/cases/respond.html",
        complaint=complaint,
        title=f"Record the {_response_name(stage)}",
        form=form,
        stage=stage,
        remedy_set=remedy_set,
        action_set=action_set,
        error_list=(errors := _error_list(form, remedy_set, action_set)),
        has_errors=bool(errors),
    )


def _error_list(form: forms.Form, *formsets: forms.BaseFormSet) -> list[dict[str, str]]:
    """One error summary for the response and every remedy and action row, each named."""
    items = error_summary(form) if form.is_bound else []
    for formset in formsets:
        if not formset.is_bound:
            continue
        name = "Remedy" if formset.prefix == "remedy" else "Outstanding action"
        for number, row in enumerate(formset.forms, start=1):
            items += [
                {**item, "text": f"{name} {number}: {item['text']}"} for item in error_summary(row)
            ]
    return items


def _response_name(stage: Stage | None) -> str:
    return "final response (stage 2)" if stage and stage.number == 2 else "stage 1 response"


def _offer(
    actor: Actor, complaint: Complaint, form: forms.Form, version: int | None = None
) -> Remedy:
    data = form.cleaned_data
    return within(  # type: ignore[no-any-return]
        form,
        lambda: remedies.remedy_offer(
            actor=actor,
            complaint=complaint,
            kind=data["kind"],
            description=data["description"],
            due_on=data["due_on"],
            amounts=form.amounts(),  # type: ignore[attr-defined]
            payment_method=data["payment_method"],
            expected_version=version,
        ),
    )


def _add_action(
    actor: Actor, complaint: Complaint, form: forms.Form, version: int | None = None
) -> OutstandingAction:
    data = form.cleaned_data
    return within(  # type: ignore[no-any-return]
        form,
        lambda: remedies.action_add(
            actor=actor,
            complaint=complaint,
            description=data["description"],
            due_on=data["due_on"],
            owner=data["owner"],
            owner_description=data["owner_description"],
            expected_version=version,
        ),
    )


@staff_required(HANDLE)
def offer_remedy(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 5.13, 7.1, 7.3: a remedy can be offered at any stage."""

    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        remedy = _offer(actor, complaint, form, form.expected_version())
        return f"Remedy offered: {remedy.get_kind_display().lower()}."

    return simple_action(
        request,
        reference,
        form_class=f.OfferRemedyForm,
        title="Offer a remedy",
        submit_text="Offer the remedy",
        perform=perform,
        template="staff/cases/remedy.html",
    )


@staff_required(HANDLE)
def add_action(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 6.6, 6.17: tracked to completion, with updates to the resident."""

    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        action = _add_action(actor, complaint, form, form.expected_version())
        return f"Outstanding action added, due by {action.due_on:%-d %B %Y}."

    return simple_action(
        request,
        reference,
        form_class=f.AddOutstandingActionForm,
        title="Add an outstanding action",
        submit_text="Add the action",
        perform=perform,
        form_kwargs=lambda complaint: {"staff": _staff(complaint)},
    )


# ---------------------------------------------------------------- escalation and endings


@staff_required(LOG)
def escalate(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 6.10 to 6.12: the resident's request is recorded. No reason is required."""

    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        data = form.cleaned_data
        stage = services.complaint_escalate(
            actor=actor,
            complaint=complaint,
            requested_at=moment_on(data["requested_on"]),
            reason=data["reason"],
            expected_version=data["version"],
        )
        return (
            f"Stage 2 requested. It must be acknowledged and defined by "
            f"{stage.acknowledgement_due:%-d %B %Y}."
        )

    return simple_action(
        request,
        reference,
        form_class=f.EscalateForm,
        title="Record the resident's request for stage 2",
        submit_text="Record the request for stage 2",
        perform=perform,
        template="staff/cases/escalate.html",
    )


@staff_required(TRIAGE)
def refuse(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 2.1 to 2.5, 5.11."""

    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        data = form.cleaned_data
        refusal = services.complaint_refuse(
            actor=actor,
            complaint=complaint,
            ground=data["ground"],
            other_reason=data["other_reason"],
            evidence=data["evidence"],
            explanation=data["explanation"],
            ombudsman_right_explained=data["ombudsman_right_explained"],
            discretion_considered=data["discretion_considered"],
            discretion_notes=data["discretion_notes"],
            expected_version=data["version"],
        )
        return f"Recorded: {refusal.get_kind_display().lower()}."

    return simple_action(
        request,
        reference,
        form_class=f.RefuseForm,
        title="Do not accept the complaint",
        submit_text="Do not accept the complaint",
        perform=perform,
        template="staff/cases/refuse.html",
    )


@staff_required(LOG)
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        data = form.cleaned_data
        services.complaint_withdraw(
            actor=actor,
            complaint=complaint,
            reason=data["reason"],
            withdrawn_at=moment_on(data["withdrawn_on"]),
            expected_version=data["version"],
        )
        return "The complaint is recorded as withdrawn."

    return simple_action(
        request,
        reference,
        form_class=f.WithdrawForm,
        title="Record that the resident withdrew the complaint",
        submit_text="Record the withdrawal",
        perform=perform,
    )


@staff_required(TRIAGE)
def close(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 6.6, 6.17, 7.3: remedies and outstanding actions are still followed after closure."""

    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        data = form.cleaned_data
        services.complaint_close(
            actor=actor, complaint=complaint, note=data["note"], expected_version=data["version"]
        )
        return "The complaint is closed."

    return simple_action(
        request,
        reference,
        form_class=f.CloseForm,
        title="Close the complaint",
        submit_text="Close the complaint",
        perform=perform,
        template="staff/cases/close.html",
    )


# ---------------------------------------------------------------- correspondence (Code 5.12)


@staff_required(CORRESPONDENCE)
def note(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        data = form.cleaned_data
        services.correspondence_record(
            actor=actor,
            complaint=complaint,
            direction=Correspondence.Direction.INTERNAL,
            medium=Correspondence.Medium.NOTE,
            body=data["body"],
            documents=data["documents"],
            expected_version=data["version"],
        )
        count = len(data["documents"])
        return "Note added" + (
            f" with {count} document{'s' if count != 1 else ''}." if count else "."
        )

    return simple_action(
        request,
        reference,
        form_class=f.NoteForm,
        title="Add a note or document",
        submit_text="Add the note",
        perform=perform,
        multipart=True,
    )


@staff_required(CORRESPONDENCE)
def message(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Actor, complaint: Complaint, form: Any) -> str:
        data = form.cleaned_data
        recorded = services.correspondence_record(
            actor=actor,
            complaint=complaint,
            direction=data["direction"],
            medium=data["medium"],
            counterpart=data["counterpart"],
            subject=data["subject"],
            body=data["body"],
            occurred_at=moment_on(data["occurred_on"]),
            documents=data["documents"],
            expected_version=data["version"],
        )
        return f"{recorded.get_direction_display()} message recorded."

    return simple_action(
        request,
        reference,
        form_class=f.MessageForm,
        title="Record a message received or sent",
        submit_text="Record the message",
        perform=perform,
        multipart=True,
    )


# ---------------------------------------------------------------- remedies and actions, later


def _remedy(complaint: Complaint, remedy_id: int) -> Remedy:
    remedy = Remedy.objects.filter(pk=remedy_id, complaint=complaint).first()
    if remedy is None:
        raise NotFoundError(f"That remedy is not on complaint {complaint.reference}.")
    return remedy


def _action(complaint: Complaint, action_id: int) -> OutstandingAction:
    action = OutstandingAction.objects.filter(pk=action_id, complaint=complaint).first()
    if action is None:
        raise NotFoundError(f"That outstanding action is not on complaint {complaint.reference}.")
    return action


def _on_item(
    request: HttpRequest,
    reference: str,
    *,
    find: Callable[[Complaint], Any],
    form_class: type[f.CaseForm],
    title: str,
    perform: Callable[[Actor, Any, dict[str, Any]], str],
    item_name: str,
    submit_text: str,
) -> HttpResponse:
    """A page acting on one remedy or outstanding action of the complaint."""
    actor = request_actor(request)
    complaint = complaint_get(actor=actor, reference=reference)
    item = find(complaint)
    form = form_class(_data(request), initial=_version(complaint))
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            actor=actor,
            complaint=complaint,
            form=form,
            perform=lambda: perform(actor, item, form.cleaned_data),
        )
        if done is not None:
            return done
    return page(
        request,
        "staff/cases/action.html",
        complaint=complaint,
        title=title,
        form=form,
        item=item,
        item_name=item_name,
        submit_text=submit_text,
    )


@staff_required(HANDLE)
def remedy_response(request: HttpRequest, reference: str, remedy_id: int) -> HttpResponse:
    def perform(actor: Actor, remedy: Remedy, data: dict[str, Any]) -> str:
        accepted = data["accepted"] == "yes"
        remedies.remedy_record_response(
            actor=actor,
            remedy=remedy,
            accepted=accepted,
            on=data["on"],
            expected_version=data["version"],
        )
        return f"Recorded: the resident {'accepted' if accepted else 'declined'} the remedy."

    return _on_item(
        request,
        reference,
        find=lambda complaint: _remedy(complaint, remedy_id),
        form_class=f.RemedyResponseForm,
        title="Record the resident's answer to a remedy",
        submit_text="Record the answer",
        perform=perform,
        item_name="Remedy",
    )


@staff_required(HANDLE)
def remedy_payment(request: HttpRequest, reference: str, remedy_id: int) -> HttpResponse:
    def perform(actor: Actor, remedy: Remedy, data: dict[str, Any]) -> str:
        paid = remedies.remedy_record_payment(
            actor=actor, remedy=remedy, paid_on=data["paid_on"], expected_version=data["version"]
        )
        return f"Payment of £{paid.total_amount:,.2f} recorded."

    return _on_item(
        request,
        reference,
        find=lambda complaint: _remedy(complaint, remedy_id),
        form_class=f.RemedyPaymentForm,
        title="Record a payment",
        submit_text="Record the payment",
        perform=perform,
        item_name="Remedy",
    )


@staff_required(HANDLE)
def remedy_complete(request: HttpRequest, reference: str, remedy_id: int) -> HttpResponse:
    def perform(actor: Actor, remedy: Remedy, data: dict[str, Any]) -> str:
        remedies.remedy_complete(
            actor=actor,
            remedy=remedy,
            completed_on=data["completed_on"],
            expected_version=data["version"],
        )
        return "The remedy is recorded as done."

    return _on_item(
        request,
        reference,
        find=lambda complaint: _remedy(complaint, remedy_id),
        form_class=f.RemedyCompleteForm,
        title="Record that a remedy was carried out",
        submit_text="Record as done",
        perform=perform,
        item_name="Remedy",
    )


@staff_required(HANDLE)
def action_update(request: HttpRequest, reference: str, action_id: int) -> HttpResponse:
    def perform(actor: Actor, action: OutstandingAction, data: dict[str, Any]) -> str:
        remedies.action_update(
            actor=actor,
            action=action,
            text=data["text"],
            given_to_resident_on=data["given_to_resident_on"],
            expected_version=data["version"],
        )
        return "Update on the outstanding action recorded."

    return _on_item(
        request,
        reference,
        find=lambda complaint: _action(complaint, action_id),
        form_class=f.ActionUpdateForm,
        title="Record an update on an outstanding action",
        submit_text="Record the update",
        perform=perform,
        item_name="Outstanding action",
    )


@staff_required(HANDLE)
def action_complete(request: HttpRequest, reference: str, action_id: int) -> HttpResponse:
    def perform(actor: Actor, action: OutstandingAction, data: dict[str, Any]) -> str:
        remedies.action_complete(
            actor=actor,
            action=action,
            completed_on=data["completed_on"],
            expected_version=data["version"],
        )
        return "The outstanding action is recorded as done."

    return _on_item(
        request,
        reference,
        find=lambda complaint: _action(complaint, action_id),
        form_class=f.ActionCompleteForm,
        title="Record that an outstanding action is done",
        submit_text="Record as done",
        perform=perform,
        item_name="Outstanding action",
    )


@staff_required(TRIAGE)
def action_cancel(request: HttpRequest, reference: str, action_id: int) -> HttpResponse:
    def perform(actor: Actor, action: OutstandingAction, data: dict[str, Any]) -> str:
        remedies.action_cancel(
            actor=actor, action=action, reason=data["reason"], expected_version=data["version"]
        )
        return "The outstanding action is cancelled."

    return _on_item(
        request,
        reference,
        find=lambda complaint: _action(complaint, action_id),
        form_class=f.ActionCancelForm,
        title="Cancel an outstanding action",
        submit_text="Cancel the action",
        perform=perform,
        item_name="Outstanding action",
    )


def _case(route: str, view: Any, name: str) -> URLPattern:
    return path(f"complaints/<str:reference>/{route}", view, name=name)


urlpatterns: list[URLPattern] = [
    _case("acknowledge/", acknowledge, "complaint-acknowledge"),
    _case("define/", define, "complaint-define"),
    _case("assign/", assign, "complaint-assign"),
    _case("conflict-of-interest/", declare_conflict, "complaint-declare-conflict"),
    _case("extend/", extend, "complaint-extend"),
    _case("updates/", agree_updates, "complaint-updates"),
    _case("additional-issue/", add_issue, "complaint-issue"),
    _case("respond/", respond, "complaint-respond"),
    _case("remedies/new/", offer_remedy, "complaint-remedy-offer"),
    _case("actions/new/", add_action, "complaint-action-add"),
    _case("escalate/", escalate, "complaint-escalate"),
    _case("refuse/", refuse, "complaint-refuse"),
    _case("withdraw/", withdraw, "complaint-withdraw"),
    _case("close/", close, "complaint-close"),
    _case("note/", note, "complaint-note"),
    _case("message/", message, "complaint-message"),
    _case("remedies/<int:remedy_id>/response/", remedy_response, "remedy-response"),
    _case("remedies/<int:remedy_id>/payment/", remedy_payment, "remedy-payment"),
    _case("remedies/<int:remedy_id>/complete/", remedy_complete, "remedy-complete"),
    _case("actions/<int:action_id>/update/", action_update, "action-update"),
    _case("actions/<int:action_id>/complete/", action_complete, "action-complete"),
    _case("actions/<int:action_id>/cancel/", action_cancel, "action-cancel"),
]
