"""Reads of mail coming in, for the triage pages. Only staff who triage mail see any of it:
a message that matched no complaint may be from anyone, about anything."""

from __future__ import annotations

from django.db.models import QuerySet

from putright.core.actors import Actor
from putright.core.errors import NotFoundError
from putright.inbound.models import InboundMessage

TRIAGE_PERMISSION = "inbound.triage_inbound_mail"


class MailView:
    """Which messages a list shows: those waiting for a person, or every message received."""

    TO_TRIAGE = "to-triage"
    ALL = "all"


def inbound_message_list(
    *, actor: Actor, view: str = MailView.TO_TRIAGE
) -> QuerySet[InboundMessage]:
    """Messages newest first; the waiting ones, or all of them."""
    actor.require(TRIAGE_PERMISSION, "read mail coming in")
    messages = InboundMessage.objects.filter(landlord_id=actor.landlord_pk).select_related(
        "complaint"
    )
    if view == MailView.TO_TRIAGE:
        messages = messages.filter(status__in=InboundMessage.WAITING_STATUSES)
    return messages.order_by("-received_at", "-id")


def inbound_message_get(*, actor: Actor, message_id: int) -> InboundMessage:
    actor.require(TRIAGE_PERMISSION, "read mail coming in")
    message = (
        InboundMessage.objects.filter(landlord_id=actor.landlord_pk, pk=message_id)
        .select_related("complaint", "dealt_with_by")
        .first()
    )
    if message is None:
        raise NotFoundError("That message could not be found.")
    return message


def inbound_message_raw(*, message: InboundMessage) -> bytes:
    """The message exactly as it arrived."""
    with message.raw.open("rb") as handle:
        return handle.read()
