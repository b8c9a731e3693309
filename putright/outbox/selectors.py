"""Reads of the outbox: delivery settings, what was sent for a thing, the post room's lists."""

from __future__ import annotations

import datetime
import re

from django.db import models
from django.utils import timezone

from putright.core.actors import Actor
from putright.core.errors import NotFoundError
from putright.outbox.models import DeliverySettings, OutboxMessage, PostBatch, Provider


def delivery_settings_for(*, landlord_id: int) -> DeliverySettings:
    """The landlord's delivery settings; the defaults (SMTP email, print and post) if never set."""
    found = DeliverySettings.objects.filter(landlord_id=landlord_id).first()
    return found or DeliverySettings(landlord_id=landlord_id)


# How the outbox names each email it sends: <outbox.{pk}.{delivery key}@{domain}>.
_MESSAGE_ID = re.compile(r"^<?outbox\.(?P<pk>\d+)\.(?P<key>[0-9a-f]+)@[^>]+>?$")


def outbox_message_for_message_id(message_id: str) -> models.QuerySet[OutboxMessage]:
    """The email the outbox sent under this Message-ID: none when the id is not one of ours.

    The random delivery key in the id must match too, so a guessed id finds nothing.
    """
    match = _MESSAGE_ID.match(message_id.strip())
    if match is None:
        return OutboxMessage.objects.none()
    return OutboxMessage.objects.filter(pk=int(match["pk"]), delivery_key=match["key"])


def outbox_messages_for(*, source: models.Model) -> list[OutboxMessage]:
    """Every message queued for ``source`` (a letter, say), oldest first."""
    return list(
        OutboxMessage.objects.filter(
            source_type=source._meta.label_lower, source_id=source.pk
        ).order_by("created_at", "id")
    )


def outbox_post_waiting_count(*, actor: Actor) -> int:
    """How many letters wait for the post room's next batch."""
    actor.require("outbox.run_post_room", "see the post room")
    return OutboxMessage.objects.filter(
        landlord_id=actor.landlord_pk,
        provider=Provider.PRINT,
        status=OutboxMessage.Status.QUEUED,
    ).count()


def post_batch_list_recent(*, actor: Actor, days: int = 14) -> list[PostBatch]:
    """The batches produced in the last ``days`` days, newest first (without their PDFs)."""
    actor.require("outbox.run_post_room", "see the post room")
    since = timezone.now() - datetime.timedelta(days=days)
    return list(
        PostBatch.objects.filter(landlord_id=actor.landlord_pk, produced_at__gte=since)
        .defer("pdf")
        .order_by("-produced_at", "-id")
    )


def post_batch_get(*, actor: Actor, batch_id: int) -> PostBatch:
    actor.require("outbox.run_post_room", "download post batches")
    batch = PostBatch.objects.filter(landlord_id=actor.landlord_pk, pk=batch_id).first()
    if batch is None:
        raise NotFoundError("That post batch does not exist.")
    return batch


def outbox_list_undelivered(*, actor: Actor, limit: int = 200) -> list[OutboxMessage]:
    """Messages that failed or bounced, newest first, with the complaint they belong to."""
    actor.require("outbox.run_post_room", "see failed messages")
    return list(
        OutboxMessage.objects.filter(
            landlord_id=actor.landlord_pk,
            status__in=(OutboxMessage.Status.FAILED, OutboxMessage.Status.BOUNCED),
        )
        .select_related("complaint")
        .defer("text_body", "html_body", "document_html")
        .order_by("-created_at", "-id")[:limit]
    )


def outbox_message_get(*, actor: Actor, message_id: int) -> OutboxMessage:
    actor.require("outbox.run_post_room", "see failed messages")
    message = OutboxMessage.objects.filter(landlord_id=actor.landlord_pk, pk=message_id).first()
    if message is None:
        raise NotFoundError("That message does not exist.")
    return message
