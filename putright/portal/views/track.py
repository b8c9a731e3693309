"""Track my complaint: ask for a sign-in link by email, follow it, see where the complaint is,
and from there add information, ask for stage 2, withdraw, or change how we keep in touch.

No account: the emailed link is single-use and expires (see ``portal.services``). Following it
signs this browser in to that one complaint for a while; the session key is changed so a
session started before cannot be carried over.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from putright.accounts.lockout import client_ip_address
from putright.complaints.models import Complaint
from putright.complaints.services import complaint_escalate, complaint_withdraw
from putright.core.errors import DomainError, NotFoundError
from putright.landlords.selectors import landlord_current
from putright.letters.rendering import letter_pdf
from putright.letters.selectors import letter_get_for_complaint
from putright.portal import forms as f
from putright.portal.selectors import resident_complaint_view
from putright.portal.services import (
    complaint_sign_in_link_redeem,
    complaint_sign_in_link_send,
    online_information_add,
    resident_actor,
    resident_service_attempt_record,
)
from putright.portal.uploads import MAX_FILES, MAX_REQUEST_BYTES, UploadRefused, document_accept
from putright.residents.services import resident_update_contact_preferences
from putright.web.forms import form_add_domain_error

SIGNED_IN_KEY = "putright.portal.signed_in"
# How long one sign-in lasts in this browser before a new link is needed.
SIGNED_IN_FOR = datetime.timedelta(hours=1)
TEMPLATES = "portal/track"

View = Callable[..., HttpResponse]


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"{TEMPLATES}/{template}", {"active_nav": "track", **context})


def _signed_in_complaint_id(request: HttpRequest) -> int | None:
    signed_in = request.session.get(SIGNED_IN_KEY) or {}
    started = signed_in.get("at")
    if not started:
        return None
    if timezone.now() - datetime.datetime.fromisoformat(started) > SIGNED_IN_FOR:
        request.session.pop(SIGNED_IN_KEY, None)
        return None
    return int(signed_in["complaint"])


def signed_in_required(view: View) -> View:
    """The view, for a browser signed in to a complaint; otherwise, the page to ask for a link."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        complaint_id = _signed_in_complaint_id(request)
        if complaint_id is None:
            return HttpResponseRedirect(reverse("portal:track") + "?signed_out=1")
        return view(request, complaint_id, *args, **kwargs)

    return wrapped


# ---------------------------------------------------------------- asking for a link


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    landlord = landlord_current()
    if landlord is None:
        raise Http404("This service has not been set up yet.")
    form = f.TrackForm()
    if request.method == "POST":
        form = f.TrackForm(request.POST)
        if form.is_valid():
            try:
                resident_service_attempt_record(
                    action="sign_in_link.request",
                    client_address=client_ip_address(request) or "unknown",
                )
                complaint_sign_in_link_send(
                    landlord=landlord,
                    reference=form.cleaned_data["reference"],
                    email=form.cleaned_data["email"] or "",
                    postcode=form.cleaned_data["postcode"] or "",
                    url_for_token=lambda token: request.build_absolute_uri(
                        reverse("portal:sign-in", kwargs={"token": token})
                    ),
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                return HttpResponseRedirect(reverse("portal:track-sent"))
    return _page(
        request,
        "track.html",
        {
            "page_title": _("Track your complaint"),
            "form": form,
            "page_has_errors": bool(form.errors),
            "signed_out": request.GET.get("signed_out") == "1",
        },
    )


def track_sent(request: HttpRequest) -> HttpResponse:
    return _page(request, "sent.html", {"page_title": _("Check your email")})


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest, token: str) -> HttpResponse:
    """Following the link shows a button; pressing it uses the link. A mail system that opens
    links to check them for viruses only loads the page, so it cannot use the link up."""
    if request.method == "POST":
        try:
            complaint = complaint_sign_in_link_redeem(token=token)
        except DomainError as error:
            return _page(
                request,
                "link_problem.html",
                {"page_title": _("This link cannot be used"), "message": str(error)},
            )
        request.session.cycle_key()
        request.session[SIGNED_IN_KEY] = {
            "complaint": complaint.pk,
            "at": timezone.now().isoformat(),
        }
        return HttpResponseRedirect(reverse("portal:status"))
    return _page(request, "sign_in.html", {"page_title": _("See your complaint")})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    request.session.pop(SIGNED_IN_KEY, None)
    request.session.cycle_key()
    return _page(request, "signed_out.html", {"page_title": _("You have signed out")})


# ---------------------------------------------------------------- the complaint


def _complaint(complaint_id: int) -> Complaint:
    return Complaint.objects.select_related("resident").get(pk=complaint_id)


@signed_in_required
def status(request: HttpRequest, complaint_id: int) -> HttpResponse:
    view = resident_complaint_view(complaint_id=complaint_id)
    return _page(
        request,
        "status.html",
        {
            "page_title": _("Your complaint %(reference)s")
            % {"reference": view.complaint.reference},
            "view": view,
            "done": request.GET.get("done", ""),
        },
    )


def _documents(request: HttpRequest) -> list[Any]:
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES:
        raise UploadRefused(_("The files are too big to send at once. Upload them one at a time."))
    uploads = request.FILES.getlist("documents")
    if len(uploads) > MAX_FILES:
        raise UploadRefused(_("You can upload up to %(count)s files") % {"count": MAX_FILES})
    return [document_accept(upload) for upload in uploads]


@signed_in_required
@require_http_methods(["GET", "POST"])
def add_information(request: HttpRequest, complaint_id: int) -> HttpResponse:
    form = f.AddInformationForm()
    if request.method == "POST":
        form = f.AddInformationForm(request.POST)
        if form.is_valid():
            try:
                documents = _documents(request)
                if not form.cleaned_data["message"].strip() and not documents:
                    raise DomainError(
                        _("Enter what you would like to tell us, or upload a file"),
                        field="message",
                    )
                online_information_add(
                    complaint=_complaint(complaint_id),
                    message=form.cleaned_data["message"],
                    documents=documents,
                )
            except UploadRefused as refused:
                form.add_error("documents", str(refused))
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                return HttpResponseRedirect(reverse("portal:status") + "?done=information")
    return _page(
        request,
        "add_information.html",
        {
            "page_title": _("Add information to your complaint"),
            "form": form,
            "page_has_errors": bool(form.errors),
            "back_url": reverse("portal:status"),
        },
    )


@signed_in_required
@require_http_methods(["GET", "POST"])
def escalate(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """Code 6.12: asking is enough; the box to say why is optional."""
    form = f.EscalateForm()
    if request.method == "POST":
        form = f.EscalateForm(request.POST)
        if form.is_valid():
            complaint = _complaint(complaint_id)
            try:
                complaint_escalate(
                    actor=resident_actor(complaint.landlord_id),
                    complaint=complaint,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                return HttpResponseRedirect(reverse("portal:status") + "?done=stage2")
    return _page(
        request,
        "escalate.html",
        {
            "page_title": _("Ask us to look at your complaint again"),
            "form": form,
            "page_has_errors": bool(form.errors),
            "back_url": reverse("portal:status"),
        },
    )


@signed_in_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, complaint_id: int) -> HttpResponse:
    form = f.WithdrawForm()
    if request.method == "POST":
        form = f.WithdrawForm(request.POST)
        if form.is_valid():
            if form.cleaned_data["confirm"] != f.YES:
                return HttpResponseRedirect(reverse("portal:status"))
            complaint = _complaint(complaint_id)
            try:
                complaint_withdraw(
                    actor=resident_actor(complaint.landlord_id),
                    complaint=complaint,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                return HttpResponseRedirect(reverse("portal:status") + "?done=withdrawn")
    return _page(
        request,
        "withdraw.html",
        {
            "page_title": _("Withdraw your complaint"),
            "form": form,
            "page_has_errors": bool(form.errors),
            "back_url": reverse("portal:status"),
        },
    )


@signed_in_required
@require_http_methods(["GET", "POST"])
def contact_preferences(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _complaint(complaint_id)
    resident = complaint.resident
    if resident is None:
        raise Http404("No resident is named on this complaint.")
    frequency = {text: key for key, text in f.CONTACT_FREQUENCY_TEXT.items()}
    if request.method == "POST":
        form = f.ContactPreferencesForm(request.POST)
        if form.is_valid():
            try:
                resident_update_contact_preferences(
                    actor=resident_actor(complaint.landlord_id),
                    resident=resident,
                    preferred_contact_method=form.cleaned_data["preferred_contact_method"],
                    contact_frequency=f.CONTACT_FREQUENCY_TEXT[
                        form.cleaned_data["contact_frequency"]
                    ],
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                return HttpResponseRedirect(reverse("portal:status") + "?done=preferences")
    else:
        form = f.ContactPreferencesForm(
            initial={
                "preferred_contact_method": resident.preferred_contact_method,
                "contact_frequency": frequency.get(resident.contact_frequency, ""),
            }
        )
    return _page(
        request,
        "contact_preferences.html",
        {
            "page_title": _("Change how we contact you"),
            "form": form,
            "page_has_errors": bool(form.errors),
            "back_url": reverse("portal:status"),
        },
    )


@signed_in_required
def letter(request: HttpRequest, complaint_id: int, letter_id: int) -> HttpResponse:
    try:
        sent = letter_get_for_complaint(complaint=_complaint(complaint_id), letter_id=letter_id)
    except NotFoundError as error:
        raise Http404(str(error)) from error
    return _page(
        request,
        "letter.html",
        {"page_title": sent.subject, "letter": sent, "back_url": reverse("portal:status")},
    )


@signed_in_required
def letter_download(request: HttpRequest, complaint_id: int, letter_id: int) -> HttpResponse:
    try:
        sent = letter_get_for_complaint(complaint=_complaint(complaint_id), letter_id=letter_id)
    except NotFoundError as error:
        raise Http404(str(error)) from error
    response = HttpResponse(letter_pdf(letter=sent), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letter-{sent.pk}.pdf"'
    return response


urlpatterns: list[URLPattern] = [
    path("track/", track, name="track"),
    path("track/check-your-email/", track_sent, name="track-sent"),
    path("sign-in/<str:token>/", sign_in, name="sign-in"),
    path("sign-out/", sign_out, name="sign-out"),
    path("your-complaint/", status, name="status"),
    path("your-complaint/add-information/", add_information, name="add-information"),
    path("your-complaint/stage-2/", escalate, name="escalate"),
    path("your-complaint/withdraw/", withdraw, name="withdraw"),
    path("your-complaint/contact-preferences/", contact_preferences, name="contact-preferences"),
    path("your-complaint/letters/<int:letter_id>/", letter, name="letter"),
    path("your-complaint/letters/<int:letter_id>/pdf/", letter_download, name="letter-pdf"),
]
