"""Make a complaint: one question a page, then check your answers, then send (Code 3.1).

The answers are kept in the session until the resident sends them, so nothing typed is lost
going back or after an error; nothing is recorded until then. Every page is a plain form that
works without JavaScript. Documents wait in storage under opaque names (see ``uploads``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from putright.accounts.lockout import client_ip_address
from putright.complaints.models import Complaint
from putright.core.errors import DomainError
from putright.landlords.models import Landlord
from putright.landlords.selectors import landlord_current
from putright.portal import forms as f
from putright.portal.services import (
    OnlineComplaint,
    OnlineRepresentative,
    online_complaint_submit,
    resident_service_attempt_record,
)
from putright.portal.uploads import (
    MAX_FILES,
    MAX_REQUEST_BYTES,
    PendingDocument,
    PendingDocumentGone,
    UploadRefused,
    document_accept,
    pending_document_discard,
    pending_document_keep,
    pending_document_read,
)
from putright.residents.models import ContactMethod, Representative
from putright.web.forms import form_add_domain_error
from putright.web.jinja import date_format

DRAFT_KEY = "putright.portal.complaint"
DOCUMENTS_KEY = "putright.portal.complaint.documents"
SENT_KEY = "putright.portal.complaint.sent"
TEMPLATES = "portal/complain"


class Draft:
    """The answers given so far, page by page, kept in the session."""

    def __init__(self, session: SessionBase) -> None:
        self.session = session
        self.answers: dict[str, dict[str, Any]] = dict(session.get(DRAFT_KEY) or {})

    def get(self, slug: str) -> dict[str, Any] | None:
        return self.answers.get(slug)

    def value(self, slug: str, name: str) -> Any:
        return (self.answers.get(slug) or {}).get(name)

    def save(self, slug: str, answers: dict[str, Any]) -> None:
        self.answers[slug] = answers
        self.session[DRAFT_KEY] = self.answers

    @property
    def documents(self) -> list[PendingDocument]:
        return [PendingDocument.from_session(d) for d in self.session.get(DOCUMENTS_KEY) or []]

    def documents_set(self, documents: list[PendingDocument]) -> None:
        self.session[DOCUMENTS_KEY] = [d.as_session() for d in documents]

    def clear(self) -> None:
        self.answers = {}
        self.session.pop(DRAFT_KEY, None)
        self.session.pop(DOCUMENTS_KEY, None)

    @property
    def for_someone_else(self) -> bool:
        return self.value("who", "who") == f.SOMEONE_ELSE


@dataclass(frozen=True)
class Step:
    slug: str
    title: str | Promise
    form: type[f.StepForm]
    applies: Callable[[Draft], bool] = lambda draft: True
    form_kwargs: Callable[[Draft], dict[str, Any]] = field(default=lambda draft: {})


def _contact_kwargs(draft: Draft) -> dict[str, Any]:
    email = draft.value("resident", "email") or draft.value("representative", "email")
    phone = draft.value("resident", "phone") or draft.value("representative", "phone")
    return {"email_given": bool(email), "phone_given": bool(phone)}


STEPS: tuple[Step, ...] = (
    Step("who", gettext_lazy("Who is the complaint for?"), f.WhoForm),
    Step(
        "representative",
        gettext_lazy("About you"),
        f.RepresentativeForm,
        applies=lambda d: d.for_someone_else,
    ),
    Step(
        "resident",
        gettext_lazy("Your details"),
        f.ResidentForm,
        form_kwargs=lambda d: {"for_someone_else": d.for_someone_else},
    ),
    Step("address", gettext_lazy("The address of the home"), f.AddressForm),
    Step("what", gettext_lazy("What went wrong?"), f.WhatForm),
    Step("when", gettext_lazy("When did it happen?"), f.WhenForm),
    Step("outcome", gettext_lazy("What would you like us to do?"), f.OutcomeForm),
    Step(
        "contact", gettext_lazy("How we keep in touch"), f.ContactForm, form_kwargs=_contact_kwargs
    ),
    Step("adjustments", gettext_lazy("Help with taking part"), f.AdjustmentsForm),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
DOCUMENTS, CHECK = "documents", "check"


def _step_title(step: Step, draft: Draft) -> str:
    if step.slug == "resident" and draft.for_someone_else:
        return _("About the person you are complaining for")
    if step.slug == "address" and draft.for_someone_else:
        return _("The address of their home")
    return str(step.title)


def _applicable(draft: Draft) -> list[str]:
    return [s.slug for s in STEPS if s.applies(draft)] + [DOCUMENTS]


def _first_unanswered(draft: Draft) -> str | None:
    return next(
        (slug for slug in _applicable(draft) if slug != DOCUMENTS and draft.get(slug) is None),
        None,
    )


def _url(slug: str, *, returning: bool = False) -> str:
    if slug == CHECK:
        return reverse("portal:complain-check")
    url = reverse("portal:complain-step", kwargs={"slug": slug})
    return f"{url}?return=check" if returning else url


def _next_url(draft: Draft, slug: str, *, returning: bool) -> str:
    unanswered = _first_unanswered(draft)
    if returning:
        return _url(unanswered, returning=True) if unanswered else _url(CHECK)
    slugs = _applicable(draft)
    later = slugs[slugs.index(slug) + 1 :] if slug in slugs else []
    return _url(later[0]) if later else _url(CHECK)


def _back_url(draft: Draft, slug: str, *, returning: bool) -> str:
    if returning:
        return _url(CHECK)
    slugs = _applicable(draft)
    index = slugs.index(slug) if slug in slugs else 0
    return _url(slugs[index - 1]) if index > 0 else reverse("portal:complain-start")


def _landlord() -> Landlord:
    landlord = landlord_current()
    if landlord is None:
        raise Http404("This service has not been set up yet.")
    return landlord


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"{TEMPLATES}/{template}", {"active_nav": "complain", **context})


def _client_address(request: HttpRequest) -> str:
    return client_ip_address(request) or "unknown"


# ---------------------------------------------------------------- pages


def start(request: HttpRequest) -> HttpResponse:
    return _page(request, "start.html", {"page_title": _("Make a complaint"), "first": _url("who")})


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    if slug == DOCUMENTS:
        return documents(request)
    current = STEPS_BY_SLUG.get(slug)
    if current is None:
        raise Http404("No such question.")
    draft = Draft(request.session)
    if not current.applies(draft):
        return HttpResponseRedirect(_url(_first_unanswered(draft) or CHECK))
    returning = request.GET.get("return") == "check"
    kwargs = current.form_kwargs(draft)
    if request.method == "POST":
        form = current.form(request.POST, **kwargs)
        if form.is_valid():
            draft.save(slug, form.stored())
            return HttpResponseRedirect(_next_url(draft, slug, returning=returning))
    else:
        form = current.form(initial=current.form.initial_from(draft.get(slug)), **kwargs)
    title = _step_title(current, draft)
    return _page(
        request,
        "step.html",
        {
            "slug": slug,
            "page_title": title,
            "form": form,
            "page_has_errors": bool(form.errors),
            "back_url": _back_url(draft, slug, returning=returning),
            "for_someone_else": draft.for_someone_else,
        },
    )


def documents(request: HttpRequest) -> HttpResponse:
    """Optional documents or photos. Each upload is checked by what it contains and its size,
    then kept until the complaint is sent; a file can be removed again."""
    draft = Draft(request.session)
    returning = request.GET.get("return") == "check"
    form = f.DocumentsForm()
    kept = draft.documents
    if request.method == "POST":
        remove = request.POST.get("remove")
        if remove:
            for pending in kept:
                if pending.key == remove:
                    pending_document_discard(pending)
            draft.documents_set([p for p in kept if p.key != remove])
            return HttpResponseRedirect(request.get_full_path())
        form = f.DocumentsForm(request.POST)
        problems = _accept_uploads(request, draft, kept)
        for problem in problems:
            form.add_error("documents", problem)
        if not problems:
            if request.POST.get("action") == "upload":
                return HttpResponseRedirect(request.get_full_path())
            return HttpResponseRedirect(_next_url(draft, DOCUMENTS, returning=returning))
        form.is_valid()
    return _page(
        request,
        "documents.html",
        {
            "page_title": _("Upload documents or photos (optional)"),
            "form": form,
            "page_has_errors": bool(form.errors),
            "documents": draft.documents,
            "max_files": MAX_FILES,
            "back_url": _back_url(draft, DOCUMENTS, returning=returning),
        },
    )


def _accept_uploads(request: HttpRequest, draft: Draft, kept: list[PendingDocument]) -> list[str]:
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES:
        return [_("The files are too big to send at once. Upload them one at a time.")]
    uploads = request.FILES.getlist("documents")
    if len(kept) + len(uploads) > MAX_FILES:
        return [_("You can upload up to %(count)s files") % {"count": MAX_FILES}]
    accepted, problems = [], []
    for upload in uploads:
        try:
            accepted.append(document_accept(upload))
        except UploadRefused as refused:
            problems.append(str(refused))
    if problems:
        return problems
    draft.documents_set(kept + [pending_document_keep(document) for document in accepted])
    return []


def _answers(draft: Draft) -> OnlineComplaint:
    """The complaint the answers describe, ready for the service to judge and record."""
    representative = None
    if draft.for_someone_else:
        given = draft.get("representative") or {}
        representative = OnlineRepresentative(
            name=given.get("name", ""),
            relationship=given.get("relationship", ""),
            email=given.get("email", ""),
            phone=given.get("phone", ""),
            resident_agreed=given.get("consent") == f.YES,
        )
    when = draft.get("when") or {}
    adjustments = tuple(
        a for a in (draft.value("adjustments", "adjustments") or []) if a != f.NO_ADJUSTMENTS
    )
    resident = draft.get("resident") or {}
    address = draft.get("address") or {}
    frequency = draft.value("contact", "contact_frequency") or ""
    return OnlineComplaint(
        name=resident.get("name", ""),
        email=resident.get("email", ""),
        phone=resident.get("phone", ""),
        address_line_1=address.get("address_line_1", ""),
        address_line_2=address.get("address_line_2", ""),
        town=address.get("town", ""),
        postcode=address.get("postcode", ""),
        description=draft.value("what", "description") or "",
        occurred_on=_date(when.get("occurred_on")),
        became_aware_on=_date(when.get("became_aware_on")),
        outcome_sought=draft.value("outcome", "outcome_sought") or "",
        preferred_contact_method=draft.value("contact", "preferred_contact_method")
        or ContactMethod.EMAIL,
        contact_frequency=f.CONTACT_FREQUENCY_TEXT.get(frequency, ""),
        adjustments=adjustments,
        adjustment_details=draft.value("adjustments", "adjustment_details") or "",
        representative=representative,
    )


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _summary(draft: Draft) -> list[dict[str, Any]]:
    """The check-your-answers rows: each answer in words, with a link to change it."""
    answers = _answers(draft)
    rows: list[dict[str, Any]] = []

    def row(label: str, value: str, slug: str) -> None:
        rows.append(
            {"label": label, "value": value or _("Not given"), "href": _url(slug, returning=True)}
        )

    who = dict(f.WhoForm.base_fields["who"].choices)  # type: ignore[attr-defined]
    row(_("Who the complaint is for"), str(who.get(draft.value("who", "who"), "")), "who")
    if answers.representative is not None:
        rep = answers.representative
        relationship = dict(Representative.Relationship.choices).get(rep.relationship, "")
        row(
            _("Complaining for them"),
            "\n".join(p for p in (rep.name, str(relationship), rep.email, rep.phone) if p),
            "representative",
        )
        row(
            _("Have they agreed?"),
            _("Yes, they have agreed") if rep.resident_agreed else _("Not yet"),
            "representative",
        )
    row(
        _("Name and contact details"),
        "\n".join(p for p in (answers.name, answers.email, answers.phone) if p),
        "resident",
    )
    row(
        _("Address"),
        "\n".join(
            p
            for p in (
                answers.address_line_1,
                answers.address_line_2,
                answers.town,
                answers.postcode,
            )
            if p
        ),
        "address",
    )
    row(_("What went wrong"), answers.description, "what")
    when = []
    if answers.occurred_on:
        when.append(_("Happened on %(date)s") % {"date": date_format(answers.occurred_on)})
    if answers.became_aware_on:
        when.append(_("Found out on %(date)s") % {"date": date_format(answers.became_aware_on)})
    row(_("When"), "\n".join(when), "when")
    row(_("What you would like us to do"), answers.outcome_sought, "outcome")
    method = dict(ContactMethod.choices).get(answers.preferred_contact_method, "")
    row(
        _("How we contact you"),
        "\n".join(p for p in (str(method), answers.contact_frequency) if p),
        "contact",
    )
    help_labels = dict(f.AdjustmentsForm.base_fields["adjustments"].choices)  # type: ignore[attr-defined]
    help_text = [str(help_labels[a]) for a in answers.adjustments if a in help_labels]
    if answers.adjustment_details:
        help_text.append(answers.adjustment_details)
    row(_("Help you need"), "\n".join(help_text) or _("None"), "adjustments")
    row(_("Documents or photos"), "\n".join(d.name for d in draft.documents), DOCUMENTS)
    return rows


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    draft = Draft(request.session)
    unanswered = _first_unanswered(draft)
    if unanswered is not None:
        return HttpResponseRedirect(_url(unanswered))
    landlord = _landlord()
    form = f.SubmitForm()
    if request.method == "POST":
        form = f.SubmitForm(request.POST)
        if form.is_valid():
            if form.cleaned_data["website"]:
                # The honeypot was filled in: a program, not a person. Nothing is recorded.
                form.add_error(
                    None,
                    _("We could not send your complaint. Please phone or email us instead."),
                )
            else:
                try:
                    complaint = _send(request, landlord, draft)
                except DomainError as error:
                    form_add_domain_error(form, error)
                else:
                    request.session[SENT_KEY] = complaint.pk
                    return HttpResponseRedirect(reverse("portal:complain-sent"))
    return _page(
        request,
        "check.html",
        {
            "page_title": _("Check your answers before sending your complaint"),
            "form": form,
            "page_has_errors": bool(form.errors),
            "rows": _summary(draft),
            "back_url": _url(DOCUMENTS),
        },
    )


def _send(request: HttpRequest, landlord: Landlord, draft: Draft) -> Complaint:
    resident_service_attempt_record(
        action="complaint.submit", client_address=_client_address(request)
    )
    pending = draft.documents
    try:
        documents = tuple(pending_document_read(p) for p in pending)
    except PendingDocumentGone as gone:
        draft.documents_set([p for p in pending if p.key != gone.pending.key])
        raise DomainError(
            _(
                "We deleted %(name)s because it was added more than a day ago. "
                "Upload it again, or send your complaint without it."
            )
            % {"name": gone.pending.name}
        ) from None
    answers = OnlineComplaint(**{**_answers(draft).__dict__, "documents": documents})
    complaint = online_complaint_submit(landlord=landlord, answers=answers)
    for document in pending:
        pending_document_discard(document)
    draft.clear()
    return complaint


def sent(request: HttpRequest) -> HttpResponse:
    """The reference, the real acknowledgement date, what happens next, and the Ombudsman."""
    complaint_id = request.session.get(SENT_KEY)
    complaint = (
        Complaint.objects.select_related("resident", "representative")
        .prefetch_related("stages")
        .filter(pk=complaint_id)
        .first()
        if complaint_id
        else None
    )
    if complaint is None:
        return HttpResponseRedirect(reverse("portal:complain-start"))
    stage = next(s for s in complaint.stages.all() if s.number == 1)
    return _page(
        request,
        "sent.html",
        {
            "page_title": _("Complaint sent"),
            "complaint": complaint,
            "acknowledgement_due": stage.acknowledgement_due,
            "has_email": bool(complaint.resident.email if complaint.resident else False)
            or bool(complaint.representative and complaint.representative.email),
        },
    )


urlpatterns: list[URLPattern] = [
    path("make-a-complaint/", start, name="complain-start"),
    path("make-a-complaint/check-your-answers/", check, name="complain-check"),
    path("make-a-complaint/sent/", sent, name="complain-sent"),
    path("make-a-complaint/<slug:slug>/", step, name="complain-step"),
]
