"""Mail coming in: every message received, whatever became of it.

Each message is kept once (by its Message-ID), with the original stored as a file exactly as
it arrived. A message that names a complaint is also kept with that complaint as inbound
correspondence (Code 5.12); anything else waits for a member of staff in the triage queue, so
no message from a resident is ever lost (Code 3.2: a complaint can be made in any way).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


def raw_message_path(instance: InboundMessage, filename: str) -> str:
    # An opaque name: nothing a sender wrote becomes part of a path on the server.
    return f"inbound/{instance.landlord_id}/{instance.raw_sha256[:2]}/{instance.raw_sha256}.eml"


class InboundMessage(models.Model):
    class Status(models.TextChoices):
        TO_TRIAGE = "to_triage", "To triage"
        ATTACHED = "attached", "Kept with a complaint"
        CONTACT = "contact", "Passed on to log as a new contact"
        DISMISSED = "dismissed", "Dismissed"
        BOUNCE = "bounce", "Delivery failure recorded"
        DELIVERY_REPORT = "delivery_report", "Delivery report, nothing to do"

    class MatchedBy(models.TextChoices):
        SUBJECT = "subject", "Complaint reference in the subject"
        REPLY = "reply", "Reply to a message about the complaint"
        BODY = "body", "Complaint reference in the message"
        STAFF = "staff", "Chosen by a member of staff"

    # Still waiting for someone: the triage queue.
    WAITING_STATUSES: ClassVar = (Status.TO_TRIAGE,)

    landlord = models.ForeignKey("landlords.Landlord", on_delete=models.PROTECT, related_name="+")
    message_key = models.CharField(
        max_length=255,
        help_text="The Message-ID, or a digest of the message when it has none: "
        "the same message is stored once.",
    )
    message_id = models.CharField(max_length=998, blank=True)
    from_name = models.CharField(max_length=200, blank=True)
    from_address = models.CharField(max_length=320, blank=True)
    to = models.TextField(blank=True)
    subject = models.TextField(blank=True)
    body_text = models.TextField(
        blank=True, help_text="The text of the message; HTML-only mail converted to plain text."
    )
    has_html = models.BooleanField(
        default=False, help_text="The message was written in HTML only; the HTML is never shown."
    )
    sent_at = models.DateTimeField(null=True, blank=True, help_text="From the Date header.")
    received_at = models.DateTimeField()
    raw = models.FileField(upload_to=raw_message_path, max_length=300)
    raw_sha256 = models.CharField(max_length=64)
    raw_size = models.PositiveIntegerField()
    attachments = models.JSONField(
        default=list, blank=True, help_text="Name, type and size of each attached file."
    )
    problems = models.JSONField(
        default=list, blank=True, help_text="What could not be read or kept, in plain words."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TO_TRIAGE)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inbound_messages",
    )
    correspondence = models.OneToOneField(
        "complaints.Correspondence",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inbound_message",
    )
    matched_by = models.CharField(max_length=10, choices=MatchedBy.choices, blank=True)
    suggested_reference = models.CharField(
        max_length=30,
        blank=True,
        help_text="The complaint the message names, for a person to confirm before keeping it.",
    )
    bounced_message_id = models.CharField(
        max_length=998,
        blank=True,
        help_text="The Message-ID of the email that could not be delivered.",
    )
    bounce_reason = models.TextField(blank=True)
    outbox_message_pk = models.BigIntegerField(
        null=True, blank=True, help_text="The outbox message the delivery failure was recorded on."
    )
    dismissal_reason = models.TextField(blank=True)
    dealt_with_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dealt_with_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-received_at", "-id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["landlord", "message_key"], name="inbound_message_stored_once"
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["landlord", "status", "-received_at"]),
            models.Index(fields=["landlord", "message_id"]),
        ]
        permissions: ClassVar = [
            (
                "triage_inbound_mail",
                "Can read mail that matched no complaint and decide what becomes of it",
            ),
        ]

    def __str__(self) -> str:
        return self.subject[:80] or f"Message {self.pk}"

    @property
    def sender(self) -> str:
        if self.from_name and self.from_address:
            return f"{self.from_name} <{self.from_address}>"
        return self.from_name or self.from_address

    @property
    def is_waiting(self) -> bool:
        return self.status in self.WAITING_STATUSES
