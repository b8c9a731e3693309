"""Composing a letter: template + facts + letterhead -> everything that is sent, checked.

Used by the services that send letters and by the template editor's preview, so what an
administrator previews is exactly what would be sent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from putright.complaints.models import Complaint, Extension
from putright.complaints.selectors import complaint_require_visible
from putright.core.actors import Actor
from putright.core.errors import DomainError
from putright.landlords.models import Landlord
from putright.letters.completeness import Element, missing_elements
from putright.letters.context import Context, landlord_facts, letter_context, staff_written_text
from putright.letters.models import LetterKind, LetterSettings
from putright.letters.readability import ReadingLevel, reading_level
from putright.letters.rendering import (
    Letterhead,
    document_html,
    email_html,
    email_text,
    logo_data_uri,
    render_letter,
)
from putright.letters.selectors import TemplateInForce, letter_settings_for
from putright.remedies.models import ActionUpdate


def letterhead_for(landlord: Landlord, settings: LetterSettings | None = None) -> Letterhead:
    settings = settings or letter_settings_for(landlord_id=landlord.pk)
    logo = ""
    if settings.logo:
        with settings.logo.open("rb") as stored:
            logo = logo_data_uri(stored.read(), settings.logo_content_type or "image/png")
    return Letterhead(
        landlord_name=landlord.name,
        landlord_address=landlord.address,
        contact_lines=tuple(landlord_facts(landlord)["contact_ways"][:2]),
        sender_name=settings.sender_name or f"Complaints team, {landlord.name}",
        signature=settings.signature,
        logo_data_uri=logo,
    )


@dataclass(frozen=True)
class ComposedLetter:
    kind: str
    subject: str
    body_html: str
    body_text: str
    document_html: str
    email_html: str
    email_text: str
    reading: ReadingLevel
    reading_threshold: Decimal
    missing: tuple[Element, ...]
    template_version: int

    @property
    def reading_warning(self) -> bool:
        return self.reading.is_above(self.reading_threshold)

    @property
    def content_sha256(self) -> str:
        """A hash of exactly what is stored as sent: subject, text, HTML and document."""
        digest = hashlib.sha256()
        for part in (self.subject, self.body_text, self.body_html, self.document_html):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()


def letter_compose(
    *,
    landlord: Landlord,
    template: TemplateInForce,
    context: Context,
    large_print: bool = False,
) -> ComposedLetter:
    """Render ``template`` over ``context`` and check it; raises DomainError if it will not
    render. What it leaves out is reported in ``missing``, for the caller to refuse or show."""
    settings = letter_settings_for(landlord_id=landlord.pk)
    letterhead = letterhead_for(landlord, settings)
    rendered = render_letter(subject=template.subject, body=template.body, context=context)
    recipient = context["recipient"]
    return ComposedLetter(
        kind=template.kind,
        subject=rendered.subject,
        body_html=rendered.body_html,
        body_text=rendered.body_text,
        document_html=document_html(
            letterhead=letterhead,
            subject=rendered.subject,
            body_html=rendered.body_html,
            recipient_name=recipient["name"],
            recipient_address=recipient["address"],
            dated=context["letter"]["date"],
            reference=context["complaint"]["reference"],
            large_print=large_print,
        ),
        email_html=email_html(
            subject=rendered.subject,
            body_html=rendered.body_html,
            letterhead=letterhead,
            large_print=large_print,
        ),
        email_text=email_text(body_text=rendered.body_text, letterhead=letterhead),
        reading=reading_level(staff_written_text(template.kind, context)),
        reading_threshold=settings.reading_grade_warning,
        missing=tuple(missing_elements(template.kind, context, rendered.body_html)),
        template_version=template.version,
    )


def _preview_subjects(kind: str, complaint: Complaint) -> dict[str, Any]:
    """The records a letter of ``kind`` about ``complaint`` would be written from."""
    stages = {s.number: s for s in complaint.stages.all()}
    latest_stage = stages[max(stages)]
    wanted_stage = {
        LetterKind.STAGE1_ACKNOWLEDGEMENT: 1,
        LetterKind.STAGE1_RESPONSE: 1,
        LetterKind.STAGE2_ACKNOWLEDGEMENT: 2,
        LetterKind.STAGE2_RESPONSE: 2,
    }.get(LetterKind(kind))
    missing = f"Complaint {complaint.reference} has no {{}} to show this letter with."
    if wanted_stage is not None:
        if wanted_stage not in stages:
            raise DomainError(missing.format(f"stage {wanted_stage}"), field="complaint_reference")
        return {"stage": stages[wanted_stage]}
    subjects: dict[str, Any] = {"stage": latest_stage}
    if kind == LetterKind.EXTENSION:
        subjects["extension"] = Extension.objects.filter(stage__complaint=complaint).last()
    elif kind in (LetterKind.NOT_ACCEPTED, LetterKind.ESCALATION_REFUSED):
        subjects["refusal"] = complaint.refusals.order_by("decided_at").last()
    elif kind == LetterKind.REMEDY_OFFER:
        subjects["remedy"] = complaint.remedies.order_by("created_at").last()
    elif kind == LetterKind.ACTION_UPDATE:
        update = (
            ActionUpdate.objects.filter(action__complaint=complaint)
            .select_related("action")
            .order_by("created_at")
            .last()
        )
        subjects["update"] = update
        subjects["action"] = update.action if update else None
    absent = [name for name, value in subjects.items() if value is None]
    if absent:
        raise DomainError(missing.format(absent[-1].replace("_", " ")), field="complaint_reference")
    return subjects


def letter_preview(
    *, actor: Actor, kind: str, subject: str, body: str, complaint: Complaint
) -> ComposedLetter:
    """A template tried on a real complaint, as its resident would receive it, with what it
    leaves out and its reading level. Nothing is stored or sent."""
    complaint_require_visible(actor, complaint)
    resident = complaint.resident
    if resident is None:
        raise DomainError(
            f"Complaint {complaint.reference} is anonymous, so it gets no letters: choose "
            "another complaint to preview with.",
            field="complaint_reference",
        )
    context = letter_context(
        kind=kind,
        complaint=complaint,
        recipient_name=resident.name,
        recipient_address=resident.postal_address or str(resident.home or ""),
        **_preview_subjects(kind, complaint),
    )
    return letter_compose(
        landlord=complaint.landlord,
        template=TemplateInForce(kind=kind, subject=subject, body=body, version=0),
        context=context,
    )
