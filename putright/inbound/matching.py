"""Which complaint an email is about, if it says so clearly.

In order: a complaint reference in the subject; a reply to an email Putright sent about a
complaint (or to an earlier email kept with one); a complaint reference in the text. A message
that names more than one complaint in the same place is not guessed at: a person decides.

References are short and follow each other (C2026-00041, C2026-00042), so anyone can write
one. An email that names a complaint by reference is kept with it only when it comes from the
resident's or their representative's email address on record; from anyone else, a person
checks it first. A reply to an email Putright sent carries that email's random Message-ID,
which only its recipients know, so it is kept with its complaint whoever replies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from putright.complaints.models import Complaint
from putright.inbound.models import InboundMessage
from putright.inbound.parsing import ParsedMessage
from putright.landlords.models import Landlord
from putright.outbox.selectors import outbox_message_for_message_id

# More than this many references in one place is a list, not a message about one complaint.
MAX_REFERENCES = 20


@dataclass(frozen=True)
class Match:
    complaint: Complaint | None
    matched_by: str = ""
    # Why no complaint was chosen when the message named some: shown on the triage page.
    problem: str = ""
    # The one complaint the message names, when a person must confirm it.
    named: str = ""


def reference_pattern(prefix: str) -> re.Pattern[str]:
    """A complaint reference as the landlord writes it (C2026-00042), in any case."""
    return re.compile(
        rf"(?<![A-Za-z0-9]){re.escape(prefix)}(?P<year>\d{{4}})-(?P<number>\d{{5,9}})(?!\d)",
        re.IGNORECASE,
    )


def references_in(*, landlord: Landlord, text: str) -> list[str]:
    """The references in ``text`` written in the landlord's format, first to last, once each."""
    prefix = landlord.complaint_reference_prefix
    found = (f"{prefix}{m['year']}-{m['number']}" for m in reference_pattern(prefix).finditer(text))
    return list(dict.fromkeys(found))[:MAX_REFERENCES]


def _from_someone_on_record(complaint: Complaint, sender: str) -> bool:
    on_record = {
        person.email.strip().lower()
        for person in (complaint.resident, complaint.representative)
        if person is not None and person.email
    }
    return bool(sender) and sender.strip().lower() in on_record


def _named(*, landlord: Landlord, text: str, sender: str, where: str) -> Match | None:
    references = references_in(landlord=landlord, text=text)
    if not references:
        return None
    complaints = list(
        Complaint.objects.filter(landlord=landlord, reference__in=references).select_related(
            "resident", "representative"
        )
    )
    if len(complaints) > 1:
        named = ", ".join(sorted(c.reference for c in complaints))
        return Match(complaint=None, problem=f"The message names more than one complaint: {named}.")
    if not complaints:
        return None
    complaint = complaints[0]
    if not _from_someone_on_record(complaint, sender):
        return Match(
            complaint=None,
            named=complaint.reference,
            problem=f"It names complaint {complaint.reference}, but is not from the email "
            "address of the resident or their representative on record: check it before "
            "keeping it with the complaint.",
        )
    return Match(complaint=complaint, matched_by=where)


def _replied_to(*, landlord: Landlord, message_ids: tuple[str, ...]) -> Complaint | None:
    """The complaint of the most recent message this one replies to, if Putright knows it."""
    for message_id in reversed(message_ids):  # References lists the oldest first
        outbox = (
            outbox_message_for_message_id(message_id)
            .filter(landlord=landlord, complaint__isnull=False)
            .select_related("complaint")
            .first()
        )
        if outbox is not None:
            return outbox.complaint
        earlier = (
            InboundMessage.objects.filter(
                landlord=landlord, message_id=message_id, complaint__isnull=False
            )
            .select_related("complaint")
            .first()
        )
        if earlier is not None:
            return earlier.complaint
    return None


def complaint_match(*, landlord: Landlord, parsed: ParsedMessage) -> Match:
    """The complaint the message is about, how that was found, or why none was chosen."""
    sender = parsed.from_address
    in_subject = _named(
        landlord=landlord,
        text=parsed.subject,
        sender=sender,
        where=InboundMessage.MatchedBy.SUBJECT,
    )
    if in_subject is not None and in_subject.complaint is not None:
        return in_subject
    replied_to = _replied_to(landlord=landlord, message_ids=parsed.reply_to_ids)
    if replied_to is not None:
        return Match(complaint=replied_to, matched_by=InboundMessage.MatchedBy.REPLY)
    if in_subject is not None:
        return in_subject
    in_body = _named(
        landlord=landlord, text=parsed.body_text, sender=sender, where=InboundMessage.MatchedBy.BODY
    )
    return in_body or Match(complaint=None)
