"""Writes to the outbox: queue a message, claim it for delivery, record what happened to it.

Every message is queued inside the transaction of the action that caused it, so a rolled-back
action sends nothing and a committed one always leaves a message for the worker. Delivery is
at-least-once with a lease (see docs/delivery.md): a claim lasts ``lease``; a worker that dies
before recording the outcome leaves its messages to be claimed again when the lease runs out.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.db.models import F, Q
from django.utils import timezone

from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError
from putright.core.services import changes, record_event
from putright.outbox.models import (
    Bounce,
    DeliveryAttempt,
    DeliverySettings,
    Medium,
    OutboxAttachment,
    OutboxMessage,
    PostBatch,
    Provider,
)
from putright.outbox.printing import batch_pdf, letters_text
from putright.outbox.selectors import delivery_settings_for, outbox_message_for_message_id

#: How many times a message is tried before it is marked failed.
MAX_ATTEMPTS = 8
#: The wait after the first failed try; each later one doubles it, up to the cap.
RETRY_BASE = datetime.timedelta(minutes=1)
RETRY_CAP = datetime.timedelta(hours=6)
#: How long a claim lasts: longer than any provider's timeout (SMTP 20 s, Notify 30 s).
DEFAULT_LEASE = datetime.timedelta(minutes=5)

_NOTIFY_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str = ""
    phone: str = ""
    postal_address: str = ""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


def _outbox_actor(landlord_id: int) -> Actor:
    return Actor.system(landlord_id, label="Putright outbox")


def _provider_for(*, medium: str, settings: DeliverySettings) -> str:
    if medium == Medium.EMAIL:
        return settings.email_provider
    if medium == Medium.SMS:
        return Provider.NOTIFY
    return settings.post_provider


def _require_address(*, medium: str, recipient: Recipient, document_html: str) -> None:
    if medium == Medium.EMAIL and not recipient.email.strip():
        raise DomainError(f"{recipient.name} has no email address to send this to.")
    if medium == Medium.SMS and not recipient.phone.strip():
        raise DomainError(f"{recipient.name} has no mobile number to send this to.")
    if medium == Medium.POST:
        if not recipient.postal_address.strip():
            raise DomainError(f"{recipient.name} has no postal address to send this to.")
        if not document_html.strip():
            raise DomainError("A letter sent by post needs its printable document.")


def delivery_settings_check(*, delivery_settings: DeliverySettings) -> None:
    """Refuse settings that would make every message of a medium fail: a Notify choice needs
    its template, and a Notify ID is a UUID as Notify shows it."""
    ids = {
        "notify_email_template_id": "Notify email template ID",
        "notify_sms_template_id": "Notify text message template ID",
        "notify_email_reply_to_id": "Notify reply-to email ID",
    }
    for name, label in ids.items():
        value = getattr(delivery_settings, name).strip()
        if value and not _NOTIFY_ID.match(value):
            raise DomainError(
                f"The {label} must be the ID Notify shows, like "
                "f33517ff-2a88-4f6e-b855-c550268ce08a.",
                field=name,
            )
    if (
        delivery_settings.email_provider == Provider.NOTIFY
        and not delivery_settings.notify_email_template_id.strip()
    ):
        raise DomainError(
            "Email through GOV.UK Notify needs the Notify email template ID.",
            field="notify_email_template_id",
        )


def outbox_enqueue(
    *,
    landlord_id: int,
    complaint_id: int | None,
    medium: str,
    recipient: Recipient,
    subject: str,
    text_body: str,
    html_body: str,
    document_html: str = "",
    attachments: Sequence[Attachment] = (),
    source: models.Model | None = None,
) -> OutboxMessage:
    """Queue one message for the worker. Call inside the transaction of the action causing it."""
    if medium not in Medium.values:
        raise DomainError(f"Putright cannot send by {medium!r}: use email, sms or post.")
    _require_address(medium=medium, recipient=recipient, document_html=document_html)
    if not subject.strip():
        raise DomainError("A message needs a subject.")
    if source is not None and source.pk is None:
        raise DomainError("A message's source must be saved before the message is queued.")
    provider = _provider_for(medium=medium, settings=delivery_settings_for(landlord_id=landlord_id))
    now = timezone.now()
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            landlord_id=landlord_id,
            complaint_id=complaint_id,
            medium=medium,
            provider=provider,
            recipient_name=recipient.name,
            recipient_email=recipient.email.strip(),
            recipient_phone=recipient.phone.strip(),
            recipient_postal_address=recipient.postal_address.strip(),
            subject=subject.strip(),
            text_body=text_body,
            html_body=html_body,
            document_html=document_html,
            source_type=source._meta.label_lower if source is not None else "",
            source_id=source.pk if source is not None else None,
            created_at=now,
            next_attempt_at=now,
        )
        OutboxAttachment.objects.bulk_create(
            OutboxAttachment(
                message=message,
                filename=each.filename,
                content_type=each.content_type,
                content=each.content,
            )
            for each in attachments
        )
        record_event(
            actor=_outbox_actor(landlord_id),
            subject=message,
            action="outbox.queued",
            summary=(
                f"{message.get_medium_display()} queued for {recipient.name}: {message.subject}"
            ),
            complaint_id=complaint_id,
            after={"medium": medium, "provider": provider},
        )
    return message


# ---------------------------------------------------------------- the worker's side


@dataclass(frozen=True)
class Claim:
    """A message this worker may now deliver, and which try this is (1 = the first).

    ``is_retry``: an earlier try (perhaps by a worker that died, perhaps before the message was
    sent again by hand) may already have reached the provider.
    """

    message: OutboxMessage
    attempt: int
    is_retry: bool


def _due(now: datetime.datetime) -> Q:
    # Queued and due; or claimed by a worker whose lease ran out (it died mid-delivery).
    return Q(status=OutboxMessage.Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=OutboxMessage.Status.SENDING, lease_expires_at__lt=now
    )


def outbox_claim_due(
    *, worker: str, limit: int, lease: datetime.timedelta = DEFAULT_LEASE
) -> list[Claim]:
    """Claim up to ``limit`` due messages for ``worker``; no two workers claim the same one.

    Each claim is a conditional UPDATE that only succeeds if the message is still due and has
    not been tried since it was read, so a message another worker claimed in between is
    skipped. On PostgreSQL the candidates are first read with FOR UPDATE SKIP LOCKED, so
    workers do not even queue behind each other's rows.
    """
    now = timezone.now()
    # The post room's messages leave in a printed batch, not through the worker.
    due = OutboxMessage.objects.filter(_due(now)).exclude(provider=Provider.PRINT)
    claimed_attempts: dict[int, int] = {}
    with transaction.atomic():
        candidates = due.order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        for pk, attempts in list(candidates.values_list("pk", "attempts")[:limit]):
            claimed = due.filter(pk=pk, attempts=attempts).update(
                status=OutboxMessage.Status.SENDING,
                attempts=F("attempts") + 1,
                lease_expires_at=now + lease,
                claimed_by=worker,
            )
            if claimed:
                claimed_attempts[pk] = attempts + 1
    messages = OutboxMessage.objects.in_bulk(list(claimed_attempts))
    tried_before = set(
        DeliveryAttempt.objects.filter(message_id__in=list(claimed_attempts)).values_list(
            "message_id", flat=True
        )
    )
    return [
        Claim(
            message=messages[pk],
            attempt=attempt,
            is_retry=attempt > 1 or pk in tried_before,
        )
        for pk, attempt in claimed_attempts.items()
    ]


def _delivered_summary(message: OutboxMessage) -> str:
    how = {
        Medium.EMAIL: "Email sent",
        Medium.SMS: "Text message sent",
        Medium.POST: "Letter posted",
    }[Medium(message.medium)]
    return f"{how} to {message.recipient_name}: {message.subject}"


@transaction.atomic
def outbox_record_sent(
    *,
    claim: Claim,
    worker: str,
    provider_reference: str,
    found_already_sent: bool = False,
) -> OutboxMessage:
    """The provider has the message: mark it sent, once, and put it on the complaint's record."""
    message = OutboxMessage.objects.select_for_update().get(pk=claim.message.pk)
    DeliveryAttempt.objects.create(
        message=message,
        number=claim.attempt,
        worker=worker,
        finished_at=timezone.now(),
        outcome=(
            DeliveryAttempt.Outcome.FOUND_ALREADY_SENT
            if found_already_sent
            else DeliveryAttempt.Outcome.SENT
        ),
        detail=provider_reference,
    )
    if message.status in (OutboxMessage.Status.SENT, OutboxMessage.Status.BOUNCED):
        # Another worker recorded it first (our lease ran out mid-send): one record only.
        return message
    # Otherwise it is sent, whatever a worker that took over meanwhile made of it: the
    # provider has it, and a message queued again would be sent twice.
    before = changes(message, ["status"])
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.provider_reference = provider_reference
    message.lease_expires_at = None
    message.failure_reason = ""
    message.save(
        update_fields=[
            "status",
            "sent_at",
            "provider_reference",
            "lease_expires_at",
            "failure_reason",
        ]
    )
    record_event(
        actor=_outbox_actor(message.landlord_id),
        subject=message,
        action="outbox.sent",
        summary=_delivered_summary(message),
        complaint_id=message.complaint_id,
        before=before,
        after={"status": message.status, "medium": message.medium, "provider": message.provider},
        visible_to_resident=message.complaint_id is not None,
    )
    return message


def retry_delay(attempt: int) -> datetime.timedelta:
    """How long to wait after failed try number ``attempt``: 1, 2, 4, 8 … minutes, at most 6 h."""
    return min(RETRY_BASE * (2 ** (attempt - 1)), RETRY_CAP)


@transaction.atomic
def outbox_record_problem(
    *, claim: Claim, worker: str, reason: str, permanent: bool
) -> OutboxMessage:
    """A try failed: queue the message again after a backoff, or mark it failed for good."""
    message = OutboxMessage.objects.select_for_update().get(pk=claim.message.pk)
    gives_up = permanent or claim.attempt >= MAX_ATTEMPTS
    DeliveryAttempt.objects.create(
        message=message,
        number=claim.attempt,
        worker=worker,
        finished_at=timezone.now(),
        outcome=DeliveryAttempt.Outcome.FAILED if gives_up else DeliveryAttempt.Outcome.RETRY,
        detail=reason,
    )
    if message.status != OutboxMessage.Status.SENDING:
        return message
    before = changes(message, ["status"])
    message.failure_reason = reason
    message.lease_expires_at = None
    if gives_up:
        message.status = OutboxMessage.Status.FAILED
        if not permanent:
            message.failure_reason = f"Gave up after {claim.attempt} tries. Last: {reason}"
    else:
        message.status = OutboxMessage.Status.QUEUED
        message.next_attempt_at = timezone.now() + retry_delay(claim.attempt)
    message.save(update_fields=["status", "failure_reason", "lease_expires_at", "next_attempt_at"])
    record_event(
        actor=_outbox_actor(message.landlord_id),
        subject=message,
        action="outbox.failed" if gives_up else "outbox.retry_scheduled",
        summary=(
            f"{message.get_medium_display()} to {message.recipient_name} could not be sent: "
            f"{message.failure_reason}"
            if gives_up
            else f"{message.get_medium_display()} to {message.recipient_name} will be tried "
            f"again: {reason}"
        ),
        complaint_id=message.complaint_id,
        before=before,
        after={"status": message.status, "attempts": claim.attempt},
    )
    return message


def outbox_record_bounce(*, message_id: str, reason: str) -> OutboxMessage | None:
    """A non-delivery report for an email the outbox sent; None when the Message-ID is not ours."""
    with transaction.atomic():
        message = (
            outbox_message_for_message_id(message_id)
            .select_for_update()
            .filter(medium=Medium.EMAIL)
            .first()
        )
        if message is None:
            return None
        reason = " ".join(reason.split()) or "The receiving mail server returned the email."
        Bounce.objects.create(message=message, received_at=timezone.now(), reason=reason)
        before = changes(message, ["status"])
        message.status = OutboxMessage.Status.BOUNCED
        message.failure_reason = reason
        message.save(update_fields=["status", "failure_reason"])
        record_event(
            actor=_outbox_actor(message.landlord_id),
            subject=message,
            action="outbox.bounced",
            summary=f"Email to {message.recipient_name} bounced: {reason}",
            complaint_id=message.complaint_id,
            before=before,
            after={"status": message.status},
        )
    return message


@transaction.atomic
def outbox_retry(*, actor: Actor, message: OutboxMessage) -> OutboxMessage:
    """Send a failed or bounced message again, e.g. after its address or settings were fixed."""
    actor.require("outbox.run_post_room", "send failed messages again")
    locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if locked.landlord_id != actor.landlord_pk:
        raise NotFoundError("That message does not exist.")
    if locked.status not in (OutboxMessage.Status.FAILED, OutboxMessage.Status.BOUNCED):
        raise DomainError("Only a failed or bounced message can be sent again.")
    before = changes(locked, ["status", "attempts"])
    locked.status = OutboxMessage.Status.QUEUED
    # A fresh run of tries; the delivery key stays, so Notify can still find an earlier send.
    locked.attempts = 0
    locked.next_attempt_at = timezone.now()
    locked.save(update_fields=["status", "attempts", "next_attempt_at"])
    record_event(
        actor=actor,
        subject=locked,
        action="outbox.retried",
        summary=f"{locked.get_medium_display()} to {locked.recipient_name} queued to send again",
        complaint_id=locked.complaint_id,
        before=before,
        after=changes(locked, ["status", "attempts"]),
    )
    return locked


# ---------------------------------------------------------------- the post room


def post_batch_produce(*, actor: Actor) -> PostBatch | None:
    """Put every letter waiting for the post into one PDF; None when none are waiting.

    The letters count as sent when the batch is produced: the PDF is kept, so the post room
    can download it again, and producing it is the post room's commitment to post it that day.
    """
    actor.require("outbox.run_post_room", "produce the post room's batch")
    landlord_id = actor.landlord_pk
    with transaction.atomic():
        waiting = OutboxMessage.objects.filter(
            landlord_id=landlord_id,
            provider=Provider.PRINT,
            status=OutboxMessage.Status.QUEUED,
        ).order_by("created_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            waiting = waiting.select_for_update(skip_locked=True)
        waiting_letters = list(waiting)
        if not waiting_letters:
            return None
        now = timezone.now()
        batch = PostBatch.objects.create(
            landlord_id=landlord_id,
            produced_at=now,
            produced_by_label=actor.label,
            letter_count=len(waiting_letters),
            pdf=batch_pdf(letter.document_html for letter in waiting_letters),
        )
        for letter in waiting_letters:
            letter.status = OutboxMessage.Status.SENT
            letter.sent_at = now
            letter.post_batch = batch
            letter.provider_reference = f"post batch {batch.pk}"
            letter.attempts += 1
            letter.save(
                update_fields=["status", "sent_at", "post_batch", "provider_reference", "attempts"]
            )
            record_event(
                actor=actor,
                subject=letter,
                action="outbox.sent",
                summary=_delivered_summary(letter),
                complaint_id=letter.complaint_id,
                before={"status": OutboxMessage.Status.QUEUED},
                after={"status": OutboxMessage.Status.SENT, "post_batch": batch.pk},
                visible_to_resident=letter.complaint_id is not None,
            )
        record_event(
            actor=actor,
            subject=batch,
            action="outbox.post_batch_produced",
            summary=f"Post batch of {letters_text(len(waiting_letters))} produced for printing",
            after={"letters": [letter.pk for letter in waiting_letters]},
        )
    return batch
