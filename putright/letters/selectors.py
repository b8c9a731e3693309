"""Reading letters: what was sent about a complaint, and the templates in force."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from putright.complaints.models import Complaint
from putright.complaints.selectors import complaint_require_visible
from putright.core.actors import Actor
from putright.core.errors import NotFoundError, NotPermittedError
from putright.letters.models import Letter, LetterKind, LetterSettings, LetterTemplate
from putright.letters.readability import ReadingLevel, reading_level
from putright.letters.rendering import default_template
from putright.outbox.models import OutboxMessage

MANAGE_TEMPLATES = "letters.manage_letter_templates"


def letter_sent_times(*, letters: Sequence[Letter]) -> dict[int, datetime.datetime | None]:
    """When the outbox delivered each letter, by letter id, in one query."""
    by_message = {letter.outbox_message_id: letter.pk for letter in letters}
    by_message.pop(None, None)
    times: dict[int, datetime.datetime | None] = {letter.pk: None for letter in letters}
    for message_id, sent_at in OutboxMessage.objects.filter(
        pk__in=list(by_message), status__in=(OutboxMessage.Status.SENT,)
    ).values_list("pk", "sent_at"):
        times[by_message[message_id]] = sent_at
    return times


def _with_sent_times(letters: list[Letter]) -> list[Letter]:
    times = letter_sent_times(letters=letters)
    for letter in letters:
        letter.__dict__["_sent_at"] = times.get(letter.pk)
    return letters


def letter_list_sent(*, complaint: Complaint) -> list[Letter]:
    """The letters to the resident, or their representative, about this complaint, oldest
    first, including those still queued. For the resident's own view of their complaint."""
    return _with_sent_times(
        list(Letter.objects.filter(complaint=complaint).order_by("created_at", "id"))
    )


def letter_get_for_complaint(*, complaint: Complaint, letter_id: int) -> Letter:
    try:
        letter = Letter.objects.get(complaint=complaint, pk=letter_id)
    except Letter.DoesNotExist as exc:
        raise NotFoundError("That letter could not be found.") from exc
    return _with_sent_times([letter])[0]


@dataclass(frozen=True)
class LetterRow:
    """A letter on the staff case page, with what became of it in the outbox."""

    letter: Letter
    delivery_status: str
    failure_reason: str


def letter_list_for_staff(*, actor: Actor, complaint: Complaint) -> list[LetterRow]:
    """Every letter about a complaint the actor may see, with its delivery status."""
    complaint_require_visible(actor, complaint)
    letters = list(Letter.objects.filter(complaint=complaint).order_by("created_at", "id"))
    messages = {
        m.pk: m
        for m in OutboxMessage.objects.filter(
            pk__in=[x.outbox_message_id for x in letters if x.outbox_message_id]
        ).only("pk", "status", "sent_at", "failure_reason")
    }
    rows = []
    for letter in letters:
        message = messages.get(letter.outbox_message_id or 0)
        letter.__dict__["_sent_at"] = (
            message.sent_at if message and message.status == OutboxMessage.Status.SENT else None
        )
        rows.append(
            LetterRow(
                letter=letter,
                delivery_status=message.get_status_display() if message else "Not sent",
                failure_reason=message.failure_reason if message else letter.delivery_note,
            )
        )
    return rows


def letter_get_for_staff(*, actor: Actor, complaint: Complaint, letter_id: int) -> Letter:
    complaint_require_visible(actor, complaint)
    return letter_get_for_complaint(complaint=complaint, letter_id=letter_id)


# ---------------------------------------------------------------- templates and settings


@dataclass(frozen=True)
class TemplateInForce:
    kind: str
    subject: str
    body: str
    version: int  # 0: Putright's default

    @property
    def kind_label(self) -> str:
        return LetterKind(self.kind).label


def letter_template_in_force(*, landlord_id: int, kind: str) -> TemplateInForce:
    """The landlord's latest version of a kind of letter, or Putright's default."""
    latest = (
        LetterTemplate.objects.filter(landlord_id=landlord_id, kind=kind)
        .order_by("-version")
        .first()
    )
    if latest is not None:
        return TemplateInForce(kind, latest.subject, latest.body, latest.version)
    subject, body = default_template(kind)
    return TemplateInForce(kind, subject, body, 0)


def letter_template_list(*, actor: Actor) -> list[TemplateInForce]:
    """Every kind of letter, each with the version in force, for those who edit them."""
    if not actor.can(MANAGE_TEMPLATES):
        raise NotPermittedError("Your role does not allow you to edit letter templates.")
    return [
        letter_template_in_force(landlord_id=actor.landlord_pk, kind=kind)
        for kind in LetterKind.values
    ]


def letter_template_versions(*, actor: Actor, kind: str) -> list[LetterTemplate]:
    if not actor.can(MANAGE_TEMPLATES):
        raise NotPermittedError("Your role does not allow you to edit letter templates.")
    return list(
        LetterTemplate.objects.filter(landlord_id=actor.landlord_pk, kind=kind)
        .select_related("created_by")
        .order_by("-version")
    )


def letter_settings_for(*, landlord_id: int) -> LetterSettings:
    """The landlord's letter settings; unsaved defaults when none are recorded."""
    return LetterSettings.objects.filter(landlord_id=landlord_id).first() or LetterSettings(
        landlord_id=landlord_id
    )


@dataclass(frozen=True)
class ReadingCheck:
    """The reading level of some free text against the landlord's level to warn at."""

    level: ReadingLevel
    threshold: Decimal

    @property
    def warn(self) -> bool:
        return self.level.is_above(self.threshold)


def reading_level_check(*, landlord_id: int, texts: Sequence[str]) -> ReadingCheck:
    """Code 6.9, 6.19 "clear, plain language": for a form to warn while staff write."""
    written = "\n\n".join(t.strip() for t in texts if t and t.strip())
    return ReadingCheck(
        level=reading_level(written),
        threshold=letter_settings_for(landlord_id=landlord_id).reading_grade_warning,
    )
