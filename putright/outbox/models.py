"""The outbox: every message Putright sends, queued with the action that caused it.

A message is written in the same transaction as the action (a letter, an acknowledgement),
so it exists exactly when the action does; the worker (``putright outbox deliver``) delivers
it after commit, with retries and a lease so that a crashed worker's message is picked up
again. What each message became (sent, failed, bounced) stays here as the proof of delivery.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.db import models


def new_delivery_key() -> str:
    """A random key naming one message to the providers: Notify's reference, the Message-ID."""
    return secrets.token_hex(16)


class Medium(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    POST = "post", "Post"


class Provider(models.TextChoices):
    SMTP = "smtp", "Email server (SMTP)"
    NOTIFY = "notify", "GOV.UK Notify"
    PRINT = "print", "Print and post (post room)"


class DeliverySettings(models.Model):
    """How one landlord's messages leave Putright: which provider carries each medium."""

    class EmailProvider(models.TextChoices):
        SMTP = Provider.SMTP.value, Provider.SMTP.label
        NOTIFY = Provider.NOTIFY.value, Provider.NOTIFY.label

    class PostProvider(models.TextChoices):
        PRINT = Provider.PRINT.value, Provider.PRINT.label
        NOTIFY = Provider.NOTIFY.value, "GOV.UK Notify letters (precompiled PDF)"

    landlord = models.OneToOneField(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="delivery_settings"
    )
    email_provider = models.CharField(
        max_length=10, choices=EmailProvider.choices, default=EmailProvider.SMTP
    )
    post_provider = models.CharField(
        max_length=10, choices=PostProvider.choices, default=PostProvider.PRINT
    )
    from_email = models.EmailField(
        blank=True, help_text="The sender of SMTP email. Blank: the server's default sender."
    )
    reply_to_email = models.EmailField(blank=True)
    notify_email_template_id = models.CharField(
        "Notify email template ID",
        max_length=36,
        blank=True,
        help_text="A Notify email template whose subject is ((subject)) and body is ((body)).",
    )
    notify_sms_template_id = models.CharField(
        "Notify text message template ID",
        max_length=36,
        blank=True,
        help_text="A Notify text message template whose body is ((body)).",
    )
    notify_email_reply_to_id = models.CharField(
        "Notify reply-to email ID", max_length=36, blank=True
    )

    class Meta:
        verbose_name_plural = "delivery settings"

    def __str__(self) -> str:
        return f"Delivery settings of landlord {self.landlord_id}"


class PostBatch(models.Model):
    """One PDF of letters for the post room to print, envelope and post."""

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.PROTECT, related_name="post_batches"
    )
    produced_at = models.DateTimeField()
    produced_by_label = models.CharField(max_length=200)
    letter_count = models.PositiveIntegerField()
    pdf = models.BinaryField()

    class Meta:
        ordering: ClassVar = ["-produced_at", "-id"]

    def __str__(self) -> str:
        return f"Post batch {self.pk} ({self.letter_count} letters)"


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        BOUNCED = "bounced", "Bounced"

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.PROTECT, related_name="outbox_messages"
    )
    complaint = models.ForeignKey(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outbox_messages",
    )
    medium = models.CharField(max_length=10, choices=Medium.choices)
    # Chosen when queued, so a change of settings never reroutes a message already promised.
    provider = models.CharField(max_length=10, choices=Provider.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)

    recipient_name = models.CharField(max_length=200)
    recipient_email = models.EmailField(blank=True)
    recipient_phone = models.CharField(max_length=40, blank=True)
    recipient_postal_address = models.TextField(blank=True)

    subject = models.CharField(max_length=300)
    text_body = models.TextField()
    html_body = models.TextField(blank=True)
    document_html = models.TextField(blank=True)

    source_type = models.CharField(max_length=100, blank=True)
    source_id = models.BigIntegerField(null=True, blank=True)

    # The same on every attempt: Notify's ``reference`` and the random part of the Message-ID.
    delivery_key = models.CharField(max_length=64, unique=True, default=new_delivery_key)
    created_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    # A worker's claim: while ``status`` is sending and the lease has not run out, no other
    # worker touches the message; once it runs out the worker is taken to have died.
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)

    sent_at = models.DateTimeField(null=True, blank=True)
    provider_reference = models.CharField(max_length=200, blank=True)
    failure_reason = models.TextField(blank=True)
    post_batch = models.ForeignKey(
        PostBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )

    class Meta:
        ordering: ClassVar = ["created_at", "id"]
        indexes: ClassVar = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["source_type", "source_id"], name="outbox_source"),
            models.Index(fields=["landlord", "provider", "status"], name="outbox_post_room"),
        ]
        permissions: ClassVar = [
            ("run_post_room", "Produce and download post batches; see failed messages"),
        ]

    def __str__(self) -> str:
        return f"Outbox message {self.pk} ({self.medium}, {self.status})"

    @property
    def message_id_token(self) -> str:
        """The part of the Message-ID before the domain, e.g. ``outbox.42.9f…``."""
        return f"outbox.{self.pk}.{self.delivery_key}"


class OutboxAttachment(models.Model):
    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()

    class Meta:
        ordering: ClassVar = ["id"]

    def __str__(self) -> str:
        return self.filename


class DeliveryAttempt(models.Model):
    """One try at handing a message to its provider, and what came of it."""

    class Outcome(models.TextChoices):
        SENT = "sent", "Sent"
        FOUND_ALREADY_SENT = "found", "Found already sent"
        RETRY = "retry", "Will retry"
        FAILED = "failed", "Failed"

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="tries")
    number = models.PositiveSmallIntegerField()
    worker = models.CharField(max_length=100)
    finished_at = models.DateTimeField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    detail = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["message", "number", "id"]

    def __str__(self) -> str:
        return f"Attempt {self.number} of message {self.message_id}: {self.outcome}"


class Bounce(models.Model):
    """A report that a sent email did not arrive (a non-delivery report read by inbound mail)."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="bounces")
    received_at = models.DateTimeField()
    reason = models.TextField()

    class Meta:
        ordering: ClassVar = ["received_at", "id"]

    def __str__(self) -> str:
        return f"Bounce of message {self.message_id}"
