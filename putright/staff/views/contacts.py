"""Log a contact: any member of staff who logs complaints takes a contact however it came
(Code 3.2) and records it as Appendix B of the Code directs — a service request, a complaint,
or a complaint raised from a service request (Code 1.2 to 1.5).

A short flow of question pages. The answers are kept in the session until the member of staff
checks them and logs the contact, so nothing typed is lost going back or after an error;
nothing is recorded until then. Every page is a plain form: no step needs JavaScript.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from putright.complaints.contacts import (
    DISSATISFIED_KINDS,
    Contact,
    ContactKind,
    NewRepresentative,
    NewResident,
    Outcome,
    contact_check_people,
    contact_log,
    contact_outcome,
    contact_representatives,
    contact_require_choice,
    contact_require_earlier_request,
    contact_resident_get,
    contact_resident_search,
    contact_service_request_get,
    contact_service_requests,
)
from putright.complaints.models import Category, Channel, ServiceRequest
from putright.complaints.selectors import complaint_visible
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError
from putright.landlords.models import Landlord
from putright.residents.models import ContactMethod, Representative, Resident
from putright.staff.access import request_actor, staff_required
from putright.staff.forms.cases import moment_on
from putright.staff.forms.contacts import (
    NEW,
    NO,
    YES,
    ChannelForm,
    ChoiceForm,
    EarlierRequestForm,
    KindForm,
    NewResidentForm,
    RepresentativeForm,
    ResidentForm,
    StepForm,
    WhatForm,
    Who,
    WhoForm,
)
from putright.staff.views.queues import complaint_url
from putright.web.forms import form_add_domain_error
from putright.web.jinja import date_format

LOG_CONTACT = "complaints.log_complaint"
DRAFT_KEY = "putright.contact.draft"
LOGGED_KEY = "putright.contact.logged"
TEMPLATES = "staff/contacts"


# ---------------------------------------------------------------- the answers so far


class Draft:
    """The answers given so far, step by step, kept in the session."""

    def __init__(self, session: SessionBase | None) -> None:
        self.session = session
        self.answers: dict[str, dict[str, Any]] = dict(
            (session.get(DRAFT_KEY) if session is not None else None) or {}
        )

    def trying(self, slug: str, answers: dict[str, Any]) -> Draft:
        """These answers as they would be with ``answers`` given to ``slug``; not kept."""
        trial = Draft(None)
        trial.answers = {**self.answers, slug: answers}
        return trial

    def get(self, slug: str) -> dict[str, Any] | None:
        return self.answers.get(slug)

    def value(self, slug: str, name: str) -> Any:
        return (self.answers.get(slug) or {}).get(name)

    def save(self, slug: str, answers: dict[str, Any], *, forgets: tuple[str, ...] = ()) -> None:
        previous = self.answers.get(slug)
        self.answers[slug] = answers
        if previous is not None and previous != answers:
            # A later answer chosen from this one (a representative of the resident, say)
            # is asked again rather than kept for the wrong person.
            for later in forgets:
                self.answers.pop(later, None)
        if self.session is not None:
            self.session[DRAFT_KEY] = self.answers

    def clear(self) -> None:
        self.answers = {}
        if self.session is not None:
            self.session.pop(DRAFT_KEY, None)

    @property
    def started(self) -> bool:
        return bool(self.answers)

    # What later steps depend on.
    @property
    def who(self) -> str | None:
        return self.value("who", "who")

    @property
    def resident_choice(self) -> str | None:
        return self.value("resident", "resident") if self.is_named else None

    @property
    def is_named(self) -> bool:
        return self.who in (Who.RESIDENT, Who.REPRESENTATIVE)

    @property
    def resident_id(self) -> int | None:
        choice = self.resident_choice
        return int(choice) if choice and choice != NEW else None

    @property
    def kind(self) -> str | None:
        return self.value("kind", "kind")


# ---------------------------------------------------------------- the steps


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form: type[StepForm]
    applies: Callable[[Draft], bool] = lambda draft: True
    # Steps whose answers were chosen from this one's, forgotten when it changes.
    forgets: tuple[str, ...] = ()
    # Form arguments that depend on the answers so far (the residents found, say).
    form_kwargs: Callable[[Actor, Draft, HttpRequest], dict[str, Any]] = field(
        default=lambda actor, draft, request: {}
    )


def _resident(actor: Actor, draft: Draft) -> Resident | None:
    resident_id = draft.resident_id
    return contact_resident_get(actor=actor, resident_id=resident_id) if resident_id else None


def _resident_kwargs(actor: Actor, draft: Draft, request: HttpRequest) -> dict[str, Any]:
    query = (request.POST.get("q") if request.method == "POST" else request.GET.get("q")) or ""
    found = contact_resident_search(actor=actor, query=query[:200])
    chosen = _resident(actor, draft)
    if chosen is not None and chosen.pk not in {r.pk for r in found}:
        found.insert(0, chosen)
    return {"residents": found}


def _representative_kwargs(actor: Actor, draft: Draft, request: HttpRequest) -> dict[str, Any]:
    resident = _resident(actor, draft)
    return {"representatives": list(contact_representatives(resident=resident)) if resident else []}


def _what_kwargs(actor: Actor, draft: Draft, request: HttpRequest) -> dict[str, Any]:
    categories = Category.objects.filter(landlord_id=actor.landlord_pk, active=True)
    # Each category followed by its sub-categories: "Repairs", "Repairs: Delay", ...
    in_order = categories.select_related("parent").order_by(
        Coalesce("parent__name", "name"), F("parent").asc(nulls_first=True), "name"
    )
    return {"categories": in_order}


def _earlier_request_kwargs(actor: Actor, draft: Draft, request: HttpRequest) -> dict[str, Any]:
    resident = _resident(actor, draft)
    return {
        "service_requests": contact_service_requests(actor=actor, resident=resident)
        if resident
        else []
    }


STEPS: tuple[Step, ...] = (
    Step("channel", "How did they contact you?", ChannelForm),
    Step("who", "Who is contacting you?", WhoForm),
    Step(
        "resident",
        "Find the resident",
        ResidentForm,
        applies=lambda d: d.is_named,
        forgets=("representative", "earlier-request"),
        form_kwargs=_resident_kwargs,
    ),
    Step(
        "new-resident",
        "Record a new resident",
        NewResidentForm,
        applies=lambda d: d.is_named and d.resident_choice == NEW,
    ),
    Step(
        "representative",
        "Who is acting for the resident?",
        RepresentativeForm,
        applies=lambda d: d.who == Who.REPRESENTATIVE,
        form_kwargs=_representative_kwargs,
    ),
    Step("what", "What did they say?", WhatForm, form_kwargs=_what_kwargs),
    Step("kind", "What are they asking for?", KindForm),
    Step(
        "earlier-request",
        "Which request are they unhappy about?",
        EarlierRequestForm,
        applies=lambda d: d.kind == ContactKind.DISSATISFIED_WITH_REQUEST,
        form_kwargs=_earlier_request_kwargs,
    ),
    Step(
        "choice",
        "Give them the choice to make a complaint",
        ChoiceForm,
        applies=lambda d: d.kind in DISSATISFIED_KINDS,
    ),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
CHECK = "check"


def _applicable(draft: Draft) -> list[Step]:
    return [step for step in STEPS if step.applies(draft)]


def _first_unanswered(draft: Draft) -> Step | None:
    return next((s for s in _applicable(draft) if draft.get(s.slug) is None), None)


def _url(slug: str, *, returning: bool = False) -> str:
    if slug == CHECK:
        return reverse("staff:contact-check")
    url = (
        reverse("staff:contact-log")
        if slug == STEPS[0].slug
        else reverse("staff:contact-step", kwargs={"slug": slug})
    )
    return f"{url}?return=check" if returning else url


def _next_url(draft: Draft, step: Step, *, returning: bool) -> str:
    unanswered = _first_unanswered(draft)
    if returning:
        return _url(unanswered.slug, returning=True) if unanswered else _url(CHECK)
    steps = _applicable(draft)
    later = steps[steps.index(step) + 1 :] if step in steps else []
    return _url(later[0].slug) if later else _url(CHECK)


def _back_url(draft: Draft, step: Step, *, returning: bool) -> str:
    if returning:
        return _url(CHECK)
    steps = _applicable(draft)
    index = steps.index(step) if step in steps else 0
    return _url(steps[index - 1].slug) if index > 0 else reverse("staff:home")


# ---------------------------------------------------------------- the contact, from the answers


def _received_at(draft: Draft) -> datetime.datetime | None:
    day = draft.value("channel", "received_on")
    return moment_on(datetime.date.fromisoformat(day)) if day else None


def _new_resident(draft: Draft) -> NewResident | None:
    if draft.resident_choice != NEW:
        return None
    answers = draft.get("new-resident") or {}
    return NewResident(
        name=answers.get("name", ""),
        address_line_1=answers.get("address_line_1", ""),
        address_line_2=answers.get("address_line_2", ""),
        town=answers.get("town", ""),
        postcode=answers.get("postcode", ""),
        email=answers.get("email", ""),
        phone=answers.get("phone", ""),
        preferred_contact_method=answers.get("preferred_contact_method", ContactMethod.EMAIL),
    )


def _consent(answers: dict[str, Any]) -> tuple[datetime.date | None, str]:
    if answers.get("consent") != YES or not answers.get("authority_given_on"):
        return None, ""
    return (
        datetime.date.fromisoformat(answers["authority_given_on"]),
        answers.get("authority_evidence", ""),
    )


def _people(
    actor: Actor, draft: Draft
) -> tuple[Resident | None, Representative | None, NewRepresentative | None]:
    resident = _resident(actor, draft)
    if draft.who != Who.REPRESENTATIVE:
        return resident, None, None
    answers = draft.get("representative")
    if answers is None:
        return resident, None, None  # not asked yet
    chosen = answers.get("representative")
    if chosen and chosen != NEW and resident is not None:
        representative = contact_representatives(resident=resident).filter(pk=int(chosen)).first()
        if representative is None:
            raise NotFoundError("That representative could not be found.")
        return resident, representative, None
    given_on, evidence = _consent(answers)
    return (
        resident,
        None,
        NewRepresentative(
            name=answers.get("name", ""),
            relationship=answers.get("relationship", ""),
            organisation=answers.get("organisation", ""),
            email=answers.get("email", ""),
            phone=answers.get("phone", ""),
            authority_given_on=given_on,
            authority_evidence=evidence,
        ),
    )


def _earlier_request(actor: Actor, draft: Draft) -> ServiceRequest | None:
    chosen = draft.value("earlier-request", "service_request")
    if draft.kind != ContactKind.DISSATISFIED_WITH_REQUEST or not chosen or chosen == NEW:
        return None
    return contact_service_request_get(actor=actor, service_request_id=int(chosen))


def _contact(actor: Actor, draft: Draft) -> Contact:
    """The contact the answers describe, with the records they name read afresh."""
    resident, representative, new_representative = _people(actor, draft)
    category_id = draft.value("what", "category")
    wants = draft.value("choice", "wants_to_complain")
    given_on, evidence = _consent(draft.get("representative") or {})
    return Contact(
        channel=draft.value("channel", "channel") or "",
        received_at=_received_at(draft),
        description=draft.value("what", "description") or "",
        outcome_sought=draft.value("what", "outcome_sought") or "",
        category=Category.objects.filter(landlord_id=actor.landlord_pk, pk=category_id).first()
        if category_id
        else None,
        kind=draft.kind or "",
        resident=resident,
        new_resident=_new_resident(draft),
        is_anonymous=draft.who == Who.ANONYMOUS,
        representative=representative,
        new_representative=new_representative,
        authority_given_on=given_on if representative is not None else None,
        authority_evidence=evidence if representative is not None else "",
        choice_offered=bool(draft.value("choice", "choice_offered")),
        wants_to_complain={YES: True, NO: False}.get(wants) if wants else None,
        service_request=_earlier_request(actor, draft),
        original_request=draft.value("earlier-request", "original_request") or "",
    )


def _landlord(actor: Actor) -> Landlord:
    return Landlord.objects.get(pk=actor.landlord_pk)


# ---------------------------------------------------------------- checks a step asks of the Code


def _check_step(actor: Actor, draft: Draft, step: Step, form: StepForm) -> None:
    """The rules the whole contact must meet that this step's answers decide (they raise)."""
    if step.slug in ("new-resident", "representative"):
        # The residents services judge a new resident or representative as they will when
        # the contact is logged; here, nothing is kept.
        contact = _contact(actor, draft.trying(step.slug, form.stored()))
        contact_check_people(actor=actor, landlord=_landlord(actor), contact=contact)
    elif step.slug == "choice":
        assert isinstance(form, ChoiceForm)
        contact_require_choice(
            choice_offered=form.cleaned_data["choice_offered"], wants_to_complain=form.wants()
        )
    elif step.slug == "earlier-request":
        chosen = form.cleaned_data["service_request"]
        contact_require_earlier_request(
            landlord=_landlord(actor),
            resident=_resident(actor, draft),
            service_request=None
            if chosen == NEW
            else contact_service_request_get(actor=actor, service_request_id=int(chosen)),
            original_request=form.cleaned_data.get("original_request") or "",
        )


# ---------------------------------------------------------------- pages


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"{TEMPLATES}/{template}", {"active_nav": "contacts", **context})


def _step_page(
    request: HttpRequest,
    actor: Actor,
    draft: Draft,
    step: Step,
    form: StepForm,
    *,
    returning: bool,
) -> HttpResponse:
    query = (request.POST.get("q") if request.method == "POST" else request.GET.get("q")) or ""
    return _page(
        request,
        f"{step.slug.replace('-', '_')}.html",
        {
            "page_title": step.title,
            "form": form,
            "step": step,
            "draft": draft,
            "back_url": _back_url(draft, step, returning=returning),
            "action_url": _url(step.slug, returning=returning),
            "returning": returning,
            "query": query.strip()[:200],
            "searched": bool(query.strip()),
            "is_first": step is STEPS[0],
            "resident": _resident(actor, draft),
        },
    )


@staff_required(LOG_CONTACT)
def contact_step(request: HttpRequest, slug: str = STEPS[0].slug) -> HttpResponse:
    step = STEPS_BY_SLUG.get(slug)
    if step is None:
        return HttpResponseRedirect(_url(STEPS[0].slug))
    actor = request_actor(request)
    draft = Draft(request.session)
    returning = request.GET.get("return") == CHECK
    unanswered = _first_unanswered(draft)
    steps = _applicable(draft)
    if step not in steps:
        return HttpResponseRedirect(_url(unanswered.slug if unanswered else CHECK))
    if unanswered is not None and steps.index(unanswered) < steps.index(step):
        # An earlier question is still to be answered: go there first.
        return HttpResponseRedirect(_url(unanswered.slug))
    kwargs = step.form_kwargs(actor, draft, request)
    if request.method != "POST":
        initial = step.form.initial_from(draft.get(step.slug))
        if step is STEPS[0] and not initial.get("received_on"):
            initial["received_on"] = timezone.localdate()
        form = step.form(initial=initial, **kwargs)
        return _step_page(request, actor, draft, step, form, returning=returning)
    form = step.form(request.POST, **kwargs)
    if form.is_valid():
        try:
            _check_step(actor, draft, step, form)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            stored = form.stored()
            if step.slug == "resident":
                stored["q"] = (request.POST.get("q") or "").strip()[:200]
            draft.save(step.slug, stored, forgets=step.forgets)
            return HttpResponseRedirect(_next_url(draft, step, returning=returning))
    return _step_page(request, actor, draft, step, form, returning=returning)


# ---------------------------------------------------------------- check answers


FIELD_STEPS = {
    "channel": "channel",
    "received_at": "channel",
    "is_anonymous": "who",
    "resident": "resident",
    "home": "new-resident",
    "address_line_1": "new-resident",
    "postcode": "new-resident",
    "email": "new-resident",
    "preferred_contact_method": "new-resident",
    "representative": "representative",
    "relationship": "representative",
    "authority_given_on": "representative",
    "authority_evidence": "representative",
    "description": "what",
    "occurred_on": "what",
    "category": "what",
    "kind": "kind",
    "service_request": "earlier-request",
    "choice_offered": "choice",
    "wants_to_complain": "choice",
}


def _error_step(draft: Draft, error: DomainError) -> str:
    if error.field == "name":
        return "new-resident" if draft.resident_choice == NEW else "representative"
    slug = FIELD_STEPS.get(error.field or "")
    return slug if slug and STEPS_BY_SLUG[slug].applies(draft) else CHECK


def _row(key: str, value: str, slug: str, *, html: bool = False) -> dict[str, Any]:
    return {
        "key": {"text": key},
        "value": {"html" if html else "text": value or "Not given"},
        "actions": {
            "items": [
                {
                    "href": _url(slug, returning=True),
                    "text": "Change",
                    "visuallyHiddenText": key[0].lower() + key[1:],
                }
            ]
        },
    }


def _summary(actor: Actor, draft: Draft, contact: Contact) -> dict[str, Any]:
    """What the member of staff is about to record, in rows of a summary list."""
    rows: list[dict[str, Any]] = []
    received = _received_at(draft)
    day = timezone.localtime(received).date() if received else timezone.localdate()
    rows.append(
        _row(
            "How they contacted you",
            Channel(contact.channel).label if contact.channel in Channel.values else "",
            "channel",
        )
    )
    rows.append(_row("Date they contacted you", date_format(day), "channel"))
    rows.append(_row("Who is contacting you", Who(draft.who).label if draft.who else "", "who"))
    if contact.resident is not None:
        home = f", {contact.resident.home}" if contact.resident.home_id else ""
        rows.append(_row("Resident", f"{contact.resident.name}{home}", "resident"))
    elif contact.new_resident is not None:
        new = contact.new_resident
        address = ", ".join(
            p for p in (new.address_line_1, new.address_line_2, new.town, new.postcode) if p
        )
        reach = ", ".join(p for p in (address, new.email, new.phone) if p)
        rows.append(
            _row("Resident", f"{new.name} (new){': ' + reach if reach else ''}", "new-resident")
        )
    if draft.who == Who.REPRESENTATIVE:
        representative = contact.representative
        if representative is not None:
            name = str(representative)
            consent = (
                f"Given on {date_format(representative.authority_given_on)}"
                if representative.authority_given_on
                else (
                    f"Given on {date_format(contact.authority_given_on)}: "
                    f"{contact.authority_evidence}"
                    if contact.authority_given_on
                    else "Not yet given"
                )
            )
        else:
            new_rep = contact.new_representative
            relationship = (
                Representative.Relationship(new_rep.relationship).label
                if new_rep and new_rep.relationship in Representative.Relationship.values
                else ""
            )
            name = f"{new_rep.name} ({relationship})" if new_rep else ""
            consent = (
                f"Given on {date_format(new_rep.authority_given_on)}: {new_rep.authority_evidence}"
                if new_rep and new_rep.authority_given_on
                else "Not yet given"
            )
        rows.append(_row("Acting for the resident", name, "representative"))
        rows.append(_row("The resident's consent", consent, "representative"))
    rows.append(_row("What they said", contact.description, "what"))
    rows.append(_row("What they would like to happen", contact.outcome_sought, "what"))
    rows.append(_row("What it is about", str(contact.category or ""), "what"))
    rows.append(
        _row(
            "What they are asking for",
            ContactKind(contact.kind).label if contact.kind in ContactKind.values else "",
            "kind",
        )
    )
    if contact.kind == ContactKind.DISSATISFIED_WITH_REQUEST:
        earlier = contact.service_request
        rows.append(
            _row(
                "The request they are unhappy about",
                f"{earlier.reference}: {earlier.description}"
                if earlier
                else f"Not on record, recorded now: {contact.original_request}",
                "earlier-request",
            )
        )
    if contact.kind in DISSATISFIED_KINDS:
        answer = {
            True: "Yes. They want to make a complaint",
            False: "Yes. They chose not to make a complaint",
            None: "Yes",
        }
        rows.append(
            _row(
                "Given the choice to make a complaint",
                answer[contact.wants_to_complain] if contact.choice_offered else "No",
                "choice",
            )
        )
    outcome = contact_outcome(
        kind=contact.kind,
        wants_to_complain=contact.wants_to_complain,
        earlier_request_on_record=contact.service_request is not None,
    )
    return {"rows": rows, "outcome": outcome}


@staff_required(LOG_CONTACT)
def contact_check(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    draft = Draft(request.session)
    unanswered = _first_unanswered(draft)
    if unanswered is not None:
        return HttpResponseRedirect(_url(unanswered.slug))
    contact = _contact(actor, draft)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        try:
            logged = contact_log(actor=actor, landlord=_landlord(actor), contact=contact)
        except DomainError as error:
            slug = _error_step(draft, error)
            errors.append(
                {"text": str(error), "href": _url(slug, returning=True) if slug != CHECK else "#"}
            )
        else:
            draft.clear()
            request.session[LOGGED_KEY] = {
                "outcome": logged.outcome,
                "complaint": logged.complaint.reference if logged.complaint else None,
                "service_request": logged.service_request.reference
                if logged.service_request
                else None,
                "acknowledgement_due": logged.acknowledgement_due.isoformat()
                if logged.acknowledgement_due
                else None,
                "choice_recorded": logged.choice_recorded,
                "wants_to_complain": contact.wants_to_complain,
            }
            return HttpResponseRedirect(reverse("staff:contact-logged"))
    return _page(
        request,
        "check.html",
        {
            "page_title": "Check your answers before logging the contact",
            "errors": errors,
            "page_has_errors": bool(errors),
            "back_url": _url(_applicable(draft)[-1].slug),
            **_summary(actor, draft, contact),
            "Outcome": Outcome,
        },
    )


LOGGED_TITLES = {
    Outcome.SERVICE_REQUEST: "Service request logged",
    Outcome.COMPLAINT: "Complaint logged",
    Outcome.COMPLAINT_FROM_REQUEST: "Complaint logged",
    Outcome.CHOICE_ON_REQUEST: "Contact recorded",
}


@staff_required(LOG_CONTACT)
def contact_logged(request: HttpRequest) -> HttpResponse:
    logged = request.session.get(LOGGED_KEY)
    if not logged:
        return HttpResponseRedirect(reverse("staff:contact-log"))
    actor = request_actor(request)
    complaint_link = None
    if logged["complaint"]:
        # A handler who logs a complaint outside their team may not see it afterwards.
        visible = complaint_visible(actor).filter(reference=logged["complaint"]).exists()
        complaint_link = complaint_url(logged["complaint"]) if visible else None
    due = logged["acknowledgement_due"]
    return _page(
        request,
        "logged.html",
        {
            "page_title": LOGGED_TITLES[Outcome(logged["outcome"])],
            "logged": logged,
            "outcome": Outcome(logged["outcome"]),
            "Outcome": Outcome,
            "acknowledgement_due": datetime.date.fromisoformat(due) if due else None,
            "complaint_link": complaint_link,
        },
    )


@require_POST
@staff_required(LOG_CONTACT)
def contact_start_again(request: HttpRequest) -> HttpResponse:
    Draft(request.session).clear()
    return HttpResponseRedirect(reverse("staff:contact-log"))


urlpatterns: list[URLPattern] = [
    path("contacts/new/", contact_step, name="contact-log"),
    path("contacts/new/check/", contact_check, name="contact-check"),
    path("contacts/new/logged/", contact_logged, name="contact-logged"),
    path("contacts/new/start-again/", contact_start_again, name="contact-start-again"),
    path("contacts/new/<slug:slug>/", contact_step, name="contact-step"),
]
