"""Mail coming in: storing each message once, keeping it with its complaint, and triage.

``inbound_message_ingest`` is what the mail server (through ``putright mail ingest``) calls:
it stores the message exactly as it arrived, then either keeps it with the complaint it names
(Code 5.12: a full record of every communication), records a delivery failure against the
email it reports on, or leaves it in the triage queue. Nothing that arrives is ever dropped:
Code 3.2 lets a resident complain in any way, and an email nobody reads is a complaint lost.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from putright.complaints.models import Complaint, Correspondence
from putright.complaints.selectors import complaint_get
from putright.complaints.services import (
    MAX_ATTACHMENT_BYTES,
    UploadedDocument,
    correspondence_record,
)
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError, require_text
from putright.core.services import changes, record_event
from putright.inbound.matching import complaint_match
from putright.inbound.models import InboundMessage, raw_message_path
from putright.inbound.parsing import ParsedMessage, ReportOutcome, parse_message
from putright.inbound.selectors import TRIAGE_PERMISSION, inbound_message_raw
from putright.landlords.models import Landlord
from putright.outbox.services import outbox_record_bounce

Status = InboundMessage.Status
SUBJECT_LENGTH = Correspondence._meta.get_field("subject").max_length or 300
COUNTERPART_LENGTH = Correspondence._meta.get_field("counterpart").max_length or 200
# The name the case history gives to what this app does on its own.
MAIL_ACTOR_LABEL = "Mail coming in"


def _mail_actor(landlord_id: int) -> Actor:
    return Actor.system(landlord_id, label=MAIL_ACTOR_LABEL)


@dataclass(frozen=True)
class IngestResult:
    message: InboundMessage
    created: bool  # False: the same message had been stored before, and nothing was done


def inbound_message_ingest(
    *, landlord: Landlord, raw: bytes, received_at: datetime.datetime | None = None
) -> IngestResult:
    """Store one email as it arrived, once, and do with it what it asks for.

    Idempotent on the Message-ID: a mail server that delivers the same message twice (or an
    IMAP poll that crashed before marking it read) stores it once.
    """
    if not raw.strip():
        raise DomainError("The message is empty: there is nothing to store.")
    parsed = parse_message(raw)
    stored = InboundMessage.objects.filter(
        landlord=landlord, message_key=parsed.message_key
    ).first()
    if stored is not None:
        return IngestResult(message=stored, created=False)
    try:
        with transaction.atomic():
            message = _store(landlord=landlord, raw=raw, parsed=parsed, received_at=received_at)
            _act_on(message=message, parsed=parsed)
    except IntegrityError:
        # Another delivery of the same message was stored at the same moment.
        stored = InboundMessage.objects.filter(
            landlord=landlord, message_key=parsed.message_key
        ).first()
        if stored is None:
            raise
        return IngestResult(message=stored, created=False)
    return IngestResult(message=message, created=True)


def _store(
    *,
    landlord: Landlord,
    raw: bytes,
    parsed: ParsedMessage,
    received_at: datetime.datetime | None,
) -> InboundMessage:
    message = InboundMessage(
        landlord=landlord,
        message_key=parsed.message_key,
        message_id=parsed.message_id[:998],
        from_name=parsed.from_name,
        from_address=parsed.from_address,
        to=parsed.to,
        subject=parsed.subject,
        body_text=parsed.body_text,
        has_html=bool(parsed.html),
        sent_at=parsed.sent_at,
        received_at=received_at or timezone.now(),
        raw_sha256=parsed.sha256,
        raw_size=len(raw),
        attachments=[
            {"name": a.filename, "content_type": a.content_type, "size": len(a.content)}
            for a in parsed.attachments
        ],
        problems=list(parsed.problems),
    )
    # Stored under its digest: a message stored once already is not stored again.
    name = raw_message_path(message, "")
    if message.raw.storage.exists(name):
        message.raw.name = name
    else:
        message.raw.save(name, ContentFile(raw), save=False)
    message.save()
    record_event(
        actor=_mail_actor(landlord.pk),
        subject=message,
        action="inbound.received",
        summary="Email received",
        after={"message": message.pk, "problems": len(parsed.problems)},
    )
    return message


def _act_on(*, message: InboundMessage, parsed: ParsedMessage) -> None:
    report = parsed.delivery_report
    if report is not None:
        _record_delivery_report(message=message, parsed=parsed)
        return
    match = complaint_match(landlord=message.landlord, parsed=parsed)
    if match.complaint is None:
        if match.named:
            message.suggested_reference = match.named
            message.save(update_fields=["suggested_reference"])
        if match.problem:
            _add_problem(message, match.problem)
        _leave_for_triage(message)
        return
    try:
        # A savepoint: if the complaint cannot take the message, the message is still stored.
        with transaction.atomic():
            _keep_with_complaint(
                actor=_mail_actor(message.landlord_id),
                message=message,
                parsed=parsed,
                complaint=match.complaint,
                matched_by=match.matched_by,
            )
    except DomainError as error:
        _add_problem(
            message,
            f"It belongs with complaint {match.complaint.reference}, but could not be kept "
            f"with it: {error}",
        )
        _leave_for_triage(message)


def _record_delivery_report(*, message: InboundMessage, parsed: ParsedMessage) -> None:
    report = parsed.delivery_report
    assert report is not None
    message.bounced_message_id = (report.original_message_ids[:1] or ("",))[0][:998]
    message.bounce_reason = report.reason
    if report.outcome == ReportOutcome.NO_ACTION:
        message.status = Status.DELIVERY_REPORT
        message.save(update_fields=["status", "bounced_message_id", "bounce_reason"])
        return
    if report.outcome == ReportOutcome.FAILED:
        for original in report.original_message_ids:
            sent = outbox_record_bounce(message_id=original, reason=report.reason)
            if sent is not None:
                message.status = Status.BOUNCE
                message.outbox_message_pk = sent.pk
                message.bounced_message_id = original[:998]
                message.save(
                    update_fields=[
                        "status",
                        "outbox_message_pk",
                        "bounced_message_id",
                        "bounce_reason",
                    ]
                )
                record_event(
                    actor=_mail_actor(message.landlord_id),
                    subject=message,
                    action="inbound.bounce_recorded",
                    summary="Delivery failure recorded against an email sent about a complaint",
                    after={"outbox_message": sent.pk},
                )
                return
        _add_problem(
            message,
            "A report that an email could not be delivered, but not one Putright sent "
            "(or it does not say which): check whether someone needs to be contacted another way.",
        )
    else:
        _add_problem(message, "A report from a mail server that does not say what happened.")
    message.save(update_fields=["bounced_message_id", "bounce_reason"])
    _leave_for_triage(message)


def _add_problem(message: InboundMessage, problem: str) -> None:
    message.problems = [*message.problems, problem]
    message.save(update_fields=["problems"])


def _leave_for_triage(message: InboundMessage) -> None:
    record_event(
        actor=_mail_actor(message.landlord_id),
        subject=message,
        action="inbound.left_for_triage",
        summary="Email matched no complaint: left for a person to read",
    )


def _documents(*, parsed: ParsedMessage) -> tuple[list[UploadedDocument], list[str]]:
    """The files to keep with the complaint, and the problems with any that cannot be kept.

    The limits are the complaint record's own (``attachment_store``); a file beyond them
    stays in the stored original and is named in the message's problems.
    """
    documents: list[UploadedDocument] = []
    left_out: list[str] = []
    if parsed.html:
        # HTML-only mail: the text is kept as the message; the HTML as a file, never shown.
        documents.append(
            UploadedDocument(
                name="original-message.html",
                content_type="text/html",
                content=parsed.html.encode("utf-8"),
            )
        )
    for attachment in parsed.attachments:
        if len(attachment.content) > MAX_ATTACHMENT_BYTES:
            left_out.append(
                f"{attachment.filename} is larger than "
                f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB, so it was not kept with the "
                "complaint; it is in the original message."
            )
            continue
        documents.append(
            UploadedDocument(
                name=attachment.filename,
                content_type=attachment.content_type,
                content=attachment.content,
            )
        )
    return documents, left_out


def _keep_with_complaint(
    *,
    actor: Actor,
    message: InboundMessage,
    parsed: ParsedMessage,
    complaint: Complaint,
    matched_by: str,
) -> Correspondence:
    documents, left_out = _documents(parsed=parsed)
    now = timezone.now()
    # When the sender sent it, unless their clock says the future.
    occurred_at = parsed.sent_at if parsed.sent_at and parsed.sent_at <= now else None
    correspondence = correspondence_record(
        actor=actor,
        complaint=complaint,
        direction=Correspondence.Direction.INBOUND,
        medium=Correspondence.Medium.EMAIL,
        body=message.body_text,
        subject=message.subject[:SUBJECT_LENGTH],
        counterpart=message.sender[:COUNTERPART_LENGTH],
        occurred_at=occurred_at or message.received_at,
        documents=documents,
    )
    before = changes(message, ["status"])
    message.status = Status.ATTACHED
    message.complaint = complaint
    message.correspondence = correspondence
    message.matched_by = matched_by
    message.problems = [*message.problems, *left_out]
    fields = ["status", "complaint", "correspondence", "matched_by", "problems"]
    if actor.user is not None:
        message.dealt_with_by = actor.user
        message.dealt_with_at = now
        fields += ["dealt_with_by", "dealt_with_at"]
    message.save(update_fields=fields)
    record_event(
        actor=actor,
        subject=message,
        action="inbound.kept_with_complaint",
        summary=f"Email kept with complaint {complaint.reference}: "
        f"{InboundMessage.MatchedBy(matched_by).label.lower()}",
        before=before,
        after={"status": message.status, "complaint": complaint.reference},
    )
    return correspondence


# ---------------------------------------------------------------- triage by staff


def _locked(*, actor: Actor, message: InboundMessage, action: str) -> InboundMessage:
    actor.require(TRIAGE_PERMISSION, action)
    locked = (
        InboundMessage.objects.select_for_update()
        .filter(pk=message.pk, landlord_id=actor.landlord_pk)
        .first()
    )
    if locked is None:
        raise NotFoundError("That message could not be found.")
    return locked


def _require_waiting(message: InboundMessage, *, also: Sequence[str] = ()) -> None:
    if message.status not in (*InboundMessage.WAITING_STATUSES, *also):
        raise DomainError(
            f"This message has been dealt with already: {message.get_status_display().lower()}."
        )


@transaction.atomic
def inbound_message_attach(
    *, actor: Actor, message: InboundMessage, reference: str
) -> Correspondence:
    """Keep a message from the triage queue with the complaint a member of staff names.

    Also for a message passed on to log a contact: once the contact is logged as a complaint,
    the email itself belongs in that complaint's record (Code 5.12).
    """
    message = _locked(actor=actor, message=message, action="deal with mail coming in")
    _require_waiting(message, also=(Status.CONTACT,))
    reference = require_text(
        reference,
        "Enter the reference of the complaint to keep the message with.",
        field="reference",
    )
    try:
        complaint = complaint_get(actor=actor, reference=reference)
    except NotFoundError as error:
        raise DomainError(
            f"There is no complaint {reference.strip().upper()} that you can see. Check the "
            "reference.",
            field="reference",
        ) from error
    return _keep_with_complaint(
        actor=actor,
        message=message,
        parsed=parse_message(inbound_message_raw(message=message)),
        complaint=complaint,
        matched_by=InboundMessage.MatchedBy.STAFF,
    )


@transaction.atomic
def inbound_message_dismiss(
    *, actor: Actor, message: InboundMessage, reason: str
) -> InboundMessage:
    """Take a message out of the triage queue for a reason that stays on record (spam, say)."""
    message = _locked(actor=actor, message=message, action="deal with mail coming in")
    _require_waiting(message)
    reason = require_text(
        reason, "Enter why the message needs nothing more doing with it.", field="reason"
    )
    before = changes(message, ["status"])
    message.status = Status.DISMISSED
    message.dismissal_reason = reason
    message.dealt_with_by = actor.user
    message.dealt_with_at = timezone.now()
    message.save(update_fields=["status", "dismissal_reason", "dealt_with_by", "dealt_with_at"])
    record_event(
        actor=actor,
        subject=message,
        action="inbound.dismissed",
        summary="Email dismissed from triage",
        before=before,
        after={"status": message.status, "reason": reason},
    )
    return message


@transaction.atomic
def inbound_message_pass_to_contact(*, actor: Actor, message: InboundMessage) -> InboundMessage:
    """A message that is a new contact (a complaint or a request not yet on record): it leaves
    the queue for the member of staff who logs it (Code 3.2, Appendix B)."""
    message = _locked(actor=actor, message=message, action="deal with mail coming in")
    actor.require("complaints.log_complaint", "log a contact")
    _require_waiting(message)
    before = changes(message, ["status"])
    message.status = Status.CONTACT
    message.dealt_with_by = actor.user
    message.dealt_with_at = timezone.now()
    message.save(update_fields=["status", "dealt_with_by", "dealt_with_at"])
    record_event(
        actor=actor,
        subject=message,
        action="inbound.passed_to_contact",
        summary="Email passed on to be logged as a new contact",
        before=before,
        after={"status": message.status},
    )
    return message
