"""Sending the letters the Code requires, and keeping the templates and settings they use.

``letter_send`` is called by the lifecycle services (acknowledging, extending, responding,
refusing, offering a remedy, updating on an action) inside their own transaction: the letter
is composed, checked for every element the Code requires, stored exactly as sent and queued
in the outbox — or, if it is incomplete, the whole action is refused and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from putright.complaints.models import Complaint, Extension, Refusal, Stage
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.services import record_event
from putright.letters.completeness import letter_require_complete, missing_elements
from putright.letters.composition import letter_compose
from putright.letters.context import letter_context, sample_context
from putright.letters.delivery import (
    Delivery,
    Person,
    RepresentativeCircumstances,
    ResidentCircumstances,
    delivery_plan,
)
from putright.letters.models import Letter, LetterKind, LetterSettings, LetterTemplate
from putright.letters.rendering import render_letter
from putright.letters.selectors import MANAGE_TEMPLATES, letter_template_in_force
from putright.outbox.services import Recipient, outbox_enqueue
from putright.remedies.models import ActionUpdate, OutstandingAction, Remedy
from putright.residents.models import ReasonableAdjustment, Resident
from putright.residents.selectors import resident_active_restrictions

MAX_TEMPLATE_LENGTH = 20_000
MAX_LOGO_BYTES = 512 * 1024
LOGO_TYPES = {"image/png", "image/jpeg", "image/svg+xml"}


# ---------------------------------------------------------------- who, and how


def resident_postal_address(resident: Resident) -> str:
    if resident.postal_address.strip():
        return resident.postal_address.strip()
    home = resident.home
    if home is None:
        return ""
    return "\n".join(
        part
        for part in (home.address_line_1, home.address_line_2, home.town, home.postcode)
        if part
    )


def complaint_delivery_plan(*, complaint: Complaint) -> list[Delivery]:
    """Who gets this complaint's letters and how, from the resident's record as it is now."""
    resident = complaint.resident
    if complaint.is_anonymous or resident is None:
        return delivery_plan(is_anonymous=True, resident=None)
    today = timezone.localdate()
    # Read by the system to decide the format, never shown: the adjustments themselves stay
    # special-category data (see residents.selectors).
    adjustments = set(
        ReasonableAdjustment.objects.filter(resident=resident, agreed_on__lte=today)
        .exclude(ended_on__lte=today)
        .values_list("kind", flat=True)
    )
    representative = complaint.representative
    return delivery_plan(
        is_anonymous=False,
        resident=ResidentCircumstances(
            person=Person(
                name=resident.name,
                email=resident.email,
                postal_address=resident_postal_address(resident),
            ),
            preferred_contact_method=resident.preferred_contact_method,
            large_print=ReasonableAdjustment.Kind.LARGE_PRINT in adjustments,
            phone_instead_of_letters=(
                ReasonableAdjustment.Kind.PHONE_INSTEAD_OF_LETTERS in adjustments
            ),
            contact_restricted=resident_active_restrictions(resident=resident, on=today).exists(),
        ),
        representative=(
            RepresentativeCircumstances(
                person=Person(
                    name=representative.name,
                    email=representative.email,
                    postal_address=representative.postal_address,
                ),
                has_authority=representative.has_authority,
                receives_copies=representative.receives_copies,
            )
            if representative is not None
            else None
        ),
    )


# ---------------------------------------------------------------- sending


def _summary(letter: Letter) -> str:
    who = (
        "the resident"
        if letter.recipient_role == Letter.RecipientRole.RESIDENT
        else "the resident's representative (a copy)"
    )
    what = f"{letter.get_kind_display()} letter"
    if letter.medium == Letter.Medium.NOT_SENT:
        return f"{what} to {who} kept with the complaint, not sent. {letter.delivery_note}"
    large = " in large print" if letter.large_print else ""
    return f"{what} to {who} queued by {letter.get_medium_display().lower()}{large}"


def letter_send(
    *,
    actor: Actor,
    complaint: Complaint,
    kind: str,
    stage: Stage | None = None,
    extension: Extension | None = None,
    refusal: Refusal | None = None,
    remedy: Remedy | None = None,
    action: OutstandingAction | None = None,
    update: ActionUpdate | None = None,
) -> list[Letter]:
    """Write, check, keep and queue a letter of ``kind`` to the resident and any copy.

    Call inside the transaction of the action the letter reports: an incomplete letter raises
    DomainError (naming the missing element and its provision) and so undoes the action too.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("letter_send must run inside the action's transaction")
    template = letter_template_in_force(landlord_id=complaint.landlord_id, kind=kind)
    letters = []
    for delivery in complaint_delivery_plan(complaint=complaint):
        context = letter_context(
            kind=kind,
            complaint=complaint,
            recipient_name=delivery.person.name,
            recipient_address=delivery.person.postal_address,
            stage=stage,
            extension=extension,
            refusal=refusal,
            remedy=remedy,
            action=action,
            update=update,
        )
        composed = letter_compose(
            landlord=complaint.landlord,
            template=template,
            context=context,
            large_print=delivery.large_print,
        )
        letter_require_complete(kind, context, composed.body_html)
        letter = Letter.objects.create(
            landlord_id=complaint.landlord_id,
            complaint=complaint,
            stage=stage,
            kind=kind,
            recipient_role=delivery.role,
            recipient_name=delivery.person.name,
            recipient_email=delivery.person.email if delivery.medium == Letter.Medium.EMAIL else "",
            recipient_postal_address=delivery.person.postal_address,
            medium=delivery.medium,
            delivery_note=delivery.note,
            large_print=delivery.large_print,
            subject=composed.subject,
            body_html=composed.body_html,
            body_text=composed.body_text,
            document_html=composed.document_html,
            content_sha256=composed.content_sha256,
            template_version=composed.template_version,
            reading_grade=composed.reading.grade,
            created_by_label=actor.label,
            created_at=timezone.now(),
        )
        if delivery.medium != Letter.Medium.NOT_SENT:
            message = outbox_enqueue(
                landlord_id=complaint.landlord_id,
                complaint_id=complaint.pk,
                medium=delivery.medium,
                recipient=Recipient(
                    name=delivery.person.name,
                    email=delivery.person.email,
                    postal_address=delivery.person.postal_address,
                ),
                subject=composed.subject,
                text_body=composed.email_text,
                html_body=composed.email_html,
                document_html=composed.document_html,
                source=letter,
            )
            letter.outbox_message_id = message.pk
            letter.save(update_fields=["outbox_message_id"])
        record_event(
            actor=actor,
            subject=letter,
            complaint_id=complaint.pk,
            action="letter.queued" if letter.outbox_message_id else "letter.kept",
            summary=_summary(letter),
            after={
                "kind": kind,
                "medium": letter.medium,
                "recipient": letter.recipient_role,
                "sha256": letter.content_sha256,
                "template_version": letter.template_version,
                "reading_grade": letter.reading_grade,
            },
            visible_to_resident=True,
        )
        letters.append(letter)
    return letters


def response_letter_kind(stage: Stage) -> str:
    return LetterKind.STAGE2_RESPONSE if stage.number == 2 else LetterKind.STAGE1_RESPONSE


def acknowledgement_letter_kind(stage: Stage) -> str:
    return (
        LetterKind.STAGE2_ACKNOWLEDGEMENT
        if stage.number == 2
        else LetterKind.STAGE1_ACKNOWLEDGEMENT
    )


def refusal_letter_kind(refusal: Refusal) -> str:
    return (
        LetterKind.ESCALATION_REFUSED
        if refusal.kind == Refusal.Kind.ESCALATION_REFUSED
        else LetterKind.NOT_ACCEPTED
    )


# ---------------------------------------------------------------- templates


def _require_template_editor(actor: Actor) -> None:
    if not actor.can(MANAGE_TEMPLATES):
        raise NotPermittedError("Your role does not allow you to edit letter templates.")


def letter_template_check(*, kind: str, subject: str, body: str) -> None:
    """Refuse a template that will not render, uses more than plain tags, or leaves out
    anything the Code requires — tried on invented facts with and without remedies."""
    if kind not in LetterKind.values:
        raise DomainError("Choose a kind of letter.", field="kind")
    if not subject.strip():
        raise DomainError("Enter the subject line.", field="subject")
    if not body.strip():
        raise DomainError("Enter the letter.", field="body")
    if len(body) > MAX_TEMPLATE_LENGTH:
        raise DomainError(
            f"A letter template can be at most {MAX_TEMPLATE_LENGTH:,} characters.", field="body"
        )
    for with_remedies in (True, False):
        context = sample_context(kind, with_remedies=with_remedies)
        rendered = render_letter(subject=subject, body=body, context=context)
        missing = missing_elements(kind, context, rendered.body_html)
        if missing:
            raise DomainError(
                f"This template leaves out {missing[0].name}, which the "
                f"{LetterKind(kind).label.lower()} letter must include"
                + (" when there is nothing to offer or do" if not with_remedies else "")
                + ". Put it back before saving.",
                provision=missing[0].provision,
                field="body",
            )


@transaction.atomic
def letter_template_save(
    *, actor: Actor, kind: str, subject: str, body: str, note: str = ""
) -> LetterTemplate:
    """Save a new version of a kind of letter; it is used for every letter from now on."""
    _require_template_editor(actor)
    letter_template_check(kind=kind, subject=subject, body=body)
    landlord_id = actor.landlord_pk
    previous = letter_template_in_force(landlord_id=landlord_id, kind=kind)
    latest = (
        LetterTemplate.objects.select_for_update()
        .filter(landlord_id=landlord_id, kind=kind)
        .order_by("-version")
        .first()
    )
    template = LetterTemplate.objects.create(
        landlord_id=landlord_id,
        kind=kind,
        version=(latest.version if latest else 0) + 1,
        subject=subject.strip(),
        body=body.replace("\r\n", "\n"),
        note=note.strip()[:300],
        created_by=actor.user,
        created_at=timezone.now(),
    )
    record_event(
        actor=actor,
        subject=template,
        action="letter_template.saved",
        summary=f"{template.get_kind_display()} letter template: version {template.version} "
        "in force",
        before={"version": previous.version},
        after={"version": template.version, "note": template.note},
    )
    return template


# ---------------------------------------------------------------- settings


@dataclass(frozen=True)
class Logo:
    content_type: str
    content: bytes


@transaction.atomic
def letter_settings_update(
    *,
    actor: Actor,
    sender_name: str,
    signature: str,
    reading_grade_warning: Decimal | str,
    logo: Logo | None = None,
    remove_logo: bool = False,
) -> LetterSettings:
    """Who letters are from, how they are signed, the logo, and the reading level to warn at."""
    _require_template_editor(actor)
    try:
        threshold = Decimal(str(reading_grade_warning))
    except InvalidOperation as exc:
        raise DomainError(
            "Enter the reading level as a number, like 9.", field="reading_grade_warning"
        ) from exc
    if not Decimal("1") <= threshold <= Decimal("18"):
        raise DomainError("The reading level must be from 1 to 18.", field="reading_grade_warning")
    if logo is not None:
        if logo.content_type not in LOGO_TYPES:
            raise DomainError("The logo must be a PNG, JPEG or SVG image.", field="logo")
        if len(logo.content) > MAX_LOGO_BYTES:
            raise DomainError(
                f"The logo must be smaller than {MAX_LOGO_BYTES // 1024} KB.", field="logo"
            )
    settings, _ = LetterSettings.objects.select_for_update().get_or_create(
        landlord_id=actor.landlord_pk
    )
    settings.sender_name = sender_name.strip()[:200]
    settings.signature = signature.strip()
    settings.reading_grade_warning = threshold.quantize(Decimal("0.1"))
    if remove_logo and settings.logo:
        settings.logo.delete(save=False)
        settings.logo_content_type = ""
    if logo is not None:
        extension = {"image/png": "png", "image/jpeg": "jpg", "image/svg+xml": "svg"}
        settings.logo.save(
            f"{actor.landlord_pk}-{timezone.now():%Y%m%d%H%M%S}.{extension[logo.content_type]}",
            ContentFile(logo.content),
            save=False,
        )
        settings.logo_content_type = logo.content_type
    settings.save()
    record_event(
        actor=actor,
        subject=settings,
        action="letter_settings.updated",
        summary="Letter settings updated",
        after={
            "sender_name": settings.sender_name,
            "reading_grade_warning": settings.reading_grade_warning,
            "logo": bool(settings.logo),
        },
    )
    return settings
