"""Mail coming in: the triage queue of email that named no complaint, and what staff do with it.

Pages only: what may happen to a message is decided by ``putright.inbound.services``. Whatever
a sender wrote is shown as text (autoescaped, never as HTML), and the original message is
only ever downloaded, never displayed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from putright.complaints.models import Channel
from putright.core.errors import DomainError
from putright.inbound.models import InboundMessage
from putright.inbound.selectors import (
    TRIAGE_PERMISSION,
    MailView,
    inbound_message_get,
    inbound_message_list,
    inbound_message_raw,
)
from putright.inbound.services import (
    inbound_message_attach,
    inbound_message_dismiss,
    inbound_message_pass_to_contact,
)
from putright.staff.access import request_actor, staff_required
from putright.staff.views.contacts import Draft
from putright.web.forms import form_add_domain_error

PAGE_SIZE = 25
TEMPLATES = "staff/inbound"
VIEWS = {
    MailView.TO_TRIAGE: "Mail to triage",
    MailView.ALL: "All mail received",
}


class AttachForm(forms.Form):
    reference = forms.CharField(
        label="Complaint reference",
        help_text="For example, C2026-00042. The message and its attachments are kept with it.",
        max_length=30,
        error_messages={"required": "Enter the reference of the complaint"},
    )


class DismissForm(forms.Form):
    reason = forms.CharField(
        label="Why does the message need nothing more doing with it?",
        help_text="For example, it is advertising, or it was sent to us by mistake. "
        "The reason is kept on record.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the message needs nothing more doing with it"},
    )


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"{TEMPLATES}/{template}", {"active_nav": "inbound", **context})


def _message_url(message: InboundMessage) -> str:
    return reverse("staff:inbound-message", kwargs={"message_id": message.pk})


@staff_required(TRIAGE_PERMISSION)
def inbound_list(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", MailView.TO_TRIAGE)
    if view not in VIEWS:
        view = MailView.TO_TRIAGE
    actor = request_actor(request)
    paginator = Paginator(inbound_message_list(actor=actor, view=view), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    base = f"{reverse('staff:inbound')}?view={view}"
    pagination = None
    if paginator.num_pages > 1:
        pagination = {
            "items": [
                {"number": n, "href": f"{base}&page={n}", "current": n == page.number}
                for n in paginator.page_range
            ],
            "previous": {"href": f"{base}&page={page.number - 1}"} if page.has_previous() else None,
            "next": {"href": f"{base}&page={page.number + 1}"} if page.has_next() else None,
        }
    return _page(
        request,
        "list.html",
        {
            "page_title": VIEWS[view],
            "view": view,
            "views": [
                {"slug": slug, "title": title, "href": f"{reverse('staff:inbound')}?view={slug}"}
                for slug, title in VIEWS.items()
            ],
            "page": page,
            "count": paginator.count,
            "pagination": pagination,
        },
    )


def _paragraphs(text: str) -> list[list[str]]:
    """The message text as paragraphs of lines, for the page to show as text."""
    return [block.split("\n") for block in text.split("\n\n") if block.strip()]


def _message_page(
    request: HttpRequest,
    message: InboundMessage,
    *,
    template: str = "message.html",
    **context: Any,
) -> HttpResponse:
    return _page(
        request,
        template,
        {
            "page_title": message.subject or "Message with no subject",
            "message": message,
            "paragraphs": _paragraphs(message.body_text),
            "Status": InboundMessage.Status,
            "can_log_contact": request_actor(request).can("complaints.log_complaint"),
            **context,
        },
    )


@staff_required(TRIAGE_PERMISSION)
def inbound_message(request: HttpRequest, message_id: int) -> HttpResponse:
    message = inbound_message_get(actor=request_actor(request), message_id=message_id)
    return _message_page(request, message, notices=list(messages.get_messages(request)))


@staff_required(TRIAGE_PERMISSION)
def inbound_attach(request: HttpRequest, message_id: int) -> HttpResponse:
    actor = request_actor(request)
    message = inbound_message_get(actor=actor, message_id=message_id)
    form = AttachForm(
        request.POST if request.method == "POST" else None,
        initial={"reference": message.suggested_reference},
    )
    if request.method == "POST" and form.is_valid():
        try:
            inbound_message_attach(
                actor=actor, message=message, reference=form.cleaned_data["reference"]
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            message.refresh_from_db()
            messages.success(request, f"The message is kept with complaint {message.complaint}.")
            return HttpResponseRedirect(_message_url(message))
    return _message_page(
        request,
        message,
        template="attach.html",
        form=form,
        page_title="Keep the message with a complaint",
    )


@staff_required(TRIAGE_PERMISSION)
def inbound_dismiss(request: HttpRequest, message_id: int) -> HttpResponse:
    actor = request_actor(request)
    message = inbound_message_get(actor=actor, message_id=message_id)
    form = DismissForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            inbound_message_dismiss(
                actor=actor, message=message, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, "The message is dismissed. The reason is kept on record.")
            return HttpResponseRedirect(_message_url(message))
    return _message_page(
        request, message, template="dismiss.html", form=form, page_title="Dismiss the message"
    )


@require_POST
@staff_required(TRIAGE_PERMISSION)
def inbound_log_contact(request: HttpRequest, message_id: int) -> HttpResponse:
    """Pass the message on to "Log a contact", with what it says already filled in."""
    actor = request_actor(request)
    message = inbound_message_get(actor=actor, message_id=message_id)
    message = inbound_message_pass_to_contact(actor=actor, message=message)
    draft = Draft(request.session)
    draft.clear()
    # The first answers of "Log a contact", as its own steps keep them; the member of staff
    # checks each and answers the rest (who it is from, what they are asking for).
    # The day the resident sent it, unless their clock was ahead of ours.
    sent = message.sent_at if message.sent_at and message.sent_at <= message.received_at else None
    received_on = timezone.localtime(sent or message.received_at).date()
    draft.save("channel", {"channel": Channel.EMAIL, "received_on": received_on.isoformat()})
    subject = f"{message.subject}\n\n" if message.subject else ""
    draft.save(
        "what",
        {"description": f"{subject}{message.body_text}", "outcome_sought": "", "category": ""},
    )
    return HttpResponseRedirect(reverse("staff:contact-log"))


@staff_required(TRIAGE_PERMISSION)
def inbound_original(request: HttpRequest, message_id: int) -> HttpResponse:
    """The message exactly as it arrived: a file to open in a mail program, never a page."""
    message = inbound_message_get(actor=request_actor(request), message_id=message_id)
    response = HttpResponse(
        inbound_message_raw(message=message), content_type="application/octet-stream"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"message-{message.pk}.eml"
    )
    return response


urlpatterns: list[URLPattern] = [
    path("mail/", inbound_list, name="inbound"),
    path("mail/<int:message_id>/", inbound_message, name="inbound-message"),
    path("mail/<int:message_id>/attach/", inbound_attach, name="inbound-attach"),
    path("mail/<int:message_id>/dismiss/", inbound_dismiss, name="inbound-dismiss"),
    path("mail/<int:message_id>/log-contact/", inbound_log_contact, name="inbound-log-contact"),
    path("mail/<int:message_id>/original/", inbound_original, name="inbound-original"),
]
