"""Letters in the staff workspace: what was sent on a complaint, and, for those who may, the
letter templates (with a preview on a real complaint) and the letter settings.

The pages only parse forms and call ``putright.letters``: what a letter must contain, and
whether a template may be saved, is decided there and shown here in the error summary.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import content_disposition_header

from putright.complaints.selectors import complaint_get
from putright.core.errors import DomainError, NotFoundError, NotPermittedError
from putright.letters.composition import ComposedLetter, letter_preview
from putright.letters.models import LetterKind
from putright.letters.rendering import default_template, letter_pdf
from putright.letters.selectors import (
    MANAGE_TEMPLATES,
    letter_get_for_staff,
    letter_list_for_staff,
    letter_settings_for,
    letter_template_in_force,
    letter_template_list,
    letter_template_versions,
)
from putright.letters.services import Logo, letter_settings_update, letter_template_save
from putright.staff.access import request_actor, staff_required
from putright.web.forms import form_add_domain_error

CASE_READERS = ("complaints.view_all_complaints", "complaints.handle_complaint")


class TemplateForm(forms.Form):
    subject = forms.CharField(
        label="Subject line",
        max_length=300,
        error_messages={"required": "Enter the subject line"},
    )
    body = forms.CharField(
        label="The letter",
        help_text=(
            "Paragraphs (<p>), headings (<h2>, <h3>), lists (<ul>, <ol>, <li>) and emphasis "
            "(<strong>, <em>) only. Facts go in double braces, like {{ complaint.reference }}."
        ),
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "true"}),
        error_messages={"required": "Enter the letter"},
    )
    note = forms.CharField(
        label="What you changed, and why (optional)", max_length=300, required=False
    )
    complaint_reference = forms.CharField(
        label="Complaint to preview the letter with (optional)",
        help_text="A complaint reference, like C2026-00042. The preview is not sent or kept.",
        max_length=30,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)


class SettingsForm(forms.Form):
    sender_name = forms.CharField(
        label="Who letters are from",
        help_text="For example, Customer Relations. Blank: the complaints team, by your name.",
        max_length=200,
        required=False,
    )
    signature = forms.CharField(
        label="Signature",
        help_text="The lines under 'Yours sincerely', for example a name and job title.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    reading_grade_warning = forms.DecimalField(
        label="Warn when the reading level is above",
        help_text=(
            "A Flesch-Kincaid grade, from 1 to 18. Grade 9 is about the reading age of a "
            "14-year-old; plain English guides suggest 8 or 9 for letters to the public."
        ),
        min_value=1,
        max_value=18,
        decimal_places=1,
        error_messages={
            "required": "Enter the reading level to warn at",
            "invalid": "Enter the reading level as a number, like 9",
            "min_value": "The reading level must be from 1 to 18",
            "max_value": "The reading level must be from 1 to 18",
        },
    )
    logo = forms.FileField(
        label="Logo (optional)",
        help_text="A PNG, JPEG or SVG image smaller than 512 KB, printed at the top of letters.",
        required=False,
    )
    remove_logo = forms.BooleanField(label="Remove the current logo", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)


def _kind_or_404(kind: str) -> str:
    if kind not in LetterKind.values:
        raise Http404("There is no such kind of letter.")
    return kind


@staff_required(MANAGE_TEMPLATES)
def template_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "staff/letters/templates.html",
        {
            "page_title": "Letter templates",
            "templates": letter_template_list(actor=request_actor(request)),
        },
    )


@staff_required(MANAGE_TEMPLATES)
def template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    """Edit one kind of letter; preview it on a real complaint; save it as a new version."""
    actor = request_actor(request)
    kind = _kind_or_404(kind)
    in_force = letter_template_in_force(landlord_id=actor.landlord_pk, kind=kind)
    starting_again = request.POST.get("action") == "default"
    if starting_again:
        # Putright's default, to edit or save as it is: nothing changes until it is saved.
        subject, body = default_template(kind)
        initial = {"subject": subject, "body": body}
    else:
        initial = {"subject": in_force.subject, "body": in_force.body}
    form = TemplateForm(
        request.POST if request.method == "POST" and not starting_again else None,
        initial=initial,
    )
    preview: ComposedLetter | None = None
    if request.method == "POST" and not starting_again and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "save":
                template = letter_template_save(
                    actor=actor,
                    kind=kind,
                    subject=data["subject"],
                    body=data["body"],
                    note=data["note"],
                )
                messages.success(
                    request,
                    f"{template.get_kind_display()} letter saved as version {template.version}. "
                    "Letters from now on use it.",
                )
                return redirect("staff:letter-templates")
            if not data["complaint_reference"].strip():
                raise DomainError(
                    "Enter the reference of a complaint to preview the letter with.",
                    field="complaint_reference",
                )
            preview = letter_preview(
                actor=actor,
                kind=kind,
                subject=data["subject"],
                body=data["body"],
                complaint=complaint_get(actor=actor, reference=data["complaint_reference"]),
            )
        except NotPermittedError:
            raise
        except NotFoundError as error:
            form.add_error("complaint_reference", error.message)
        except DomainError as error:
            form_add_domain_error(form, error)
    return render(
        request,
        "staff/letters/template_edit.html",
        {
            "page_title": f"{LetterKind(kind).label} letter",
            "kind": kind,
            "in_force": in_force,
            "versions": letter_template_versions(actor=actor, kind=kind),
            "form": form,
            "preview": preview,
            "page_has_errors": bool(form.errors),
        },
    )


@staff_required(MANAGE_TEMPLATES)
def settings_edit(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    current = letter_settings_for(landlord_id=actor.landlord_pk)
    form = SettingsForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={
            "sender_name": current.sender_name,
            "signature": current.signature,
            "reading_grade_warning": current.reading_grade_warning,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["logo"]
        logo = None
        if upload is not None:
            logo = Logo(content_type=upload.content_type or "", content=upload.read())
        try:
            letter_settings_update(
                actor=actor,
                sender_name=data["sender_name"],
                signature=data["signature"],
                reading_grade_warning=data["reading_grade_warning"],
                logo=logo,
                remove_logo=data["remove_logo"],
            )
        except NotPermittedError:
            raise
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, "Letter settings saved.")
            return redirect("staff:letter-settings")
    return render(
        request,
        "staff/letters/settings.html",
        {
            "page_title": "Letter settings",
            "form": form,
            "current": current,
            "page_has_errors": bool(form.errors),
        },
    )


@staff_required(*CASE_READERS)
def complaint_letters(request: HttpRequest, reference: str) -> HttpResponse:
    """Every letter on a complaint: to whom, how, and what became of it."""
    actor = request_actor(request)
    complaint = complaint_get(actor=actor, reference=reference)
    return render(
        request,
        "staff/letters/complaint_letters.html",
        {
            "page_title": "Letters",
            "complaint": complaint,
            "rows": letter_list_for_staff(actor=actor, complaint=complaint),
            "back_url": reverse("staff:complaint", kwargs={"reference": complaint.reference}),
        },
    )


@staff_required(*CASE_READERS)
def complaint_letter(request: HttpRequest, reference: str, letter_id: int) -> HttpResponse:
    """One letter, exactly as it was sent."""
    actor = request_actor(request)
    complaint = complaint_get(actor=actor, reference=reference)
    letter = letter_get_for_staff(actor=actor, complaint=complaint, letter_id=letter_id)
    return render(
        request,
        "staff/letters/letter.html",
        {
            "page_title": letter.subject,
            "complaint": complaint,
            "letter": letter,
            "back_url": reverse("staff:complaint-letters", kwargs={"reference": reference}),
        },
    )


@staff_required(*CASE_READERS)
def complaint_letter_pdf(request: HttpRequest, reference: str, letter_id: int) -> HttpResponse:
    actor = request_actor(request)
    complaint = complaint_get(actor=actor, reference=reference)
    letter = letter_get_for_staff(actor=actor, complaint=complaint, letter_id=letter_id)
    response = HttpResponse(letter_pdf(letter=letter), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{complaint.reference}-letter-{letter.pk}.pdf"
    )
    return response


urlpatterns: list[URLPattern] = [
    path("letters/templates/", template_list, name="letter-templates"),
    path("letters/templates/<str:kind>/", template_edit, name="letter-template"),
    path("letters/settings/", settings_edit, name="letter-settings"),
    path("complaints/<str:reference>/letters/", complaint_letters, name="complaint-letters"),
    path(
        "complaints/<str:reference>/letters/<int:letter_id>/",
        complaint_letter,
        name="complaint-letter",
    ),
    path(
        "complaints/<str:reference>/letters/<int:letter_id>/pdf/",
        complaint_letter_pdf,
        name="complaint-letter-pdf",
    ),
]
