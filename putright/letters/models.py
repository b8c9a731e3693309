"""Letters the Code requires, the templates they are written from, and what was sent.

Models hold data only: ``putright.letters.services`` composes, checks and queues letters;
``putright.letters.selectors`` reads them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models


class LetterKind(models.TextChoices):
    STAGE1_ACKNOWLEDGEMENT = "stage1_acknowledgement", "Stage 1 acknowledgement"
    STAGE2_ACKNOWLEDGEMENT = "stage2_acknowledgement", "Stage 2 acknowledgement"
    EXTENSION = "extension", "Extension of the response deadline"
    STAGE1_RESPONSE = "stage1_response", "Stage 1 response"
    STAGE2_RESPONSE = "stage2_response", "Stage 2 final response"
    NOT_ACCEPTED = "not_accepted", "Complaint not accepted"
    ESCALATION_REFUSED = "escalation_refused", "Stage 2 request refused"
    ACTION_UPDATE = "action_update", "Update on an outstanding action"
    REMEDY_OFFER = "remedy_offer", "Remedy offer"


class LetterSettings(models.Model):
    """How a landlord's letters look and read: the sender, the logo, the reading level."""

    landlord = models.OneToOneField(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="letter_settings"
    )
    sender_name = models.CharField(
        max_length=200, blank=True, help_text="Who letters are from, e.g. 'Complaints team'."
    )
    signature = models.TextField(
        blank=True, help_text="The lines under 'Yours sincerely', e.g. a name and a job title."
    )
    logo = models.FileField(upload_to="letters/logos/", blank=True, max_length=300)
    logo_content_type = models.CharField(max_length=40, blank=True)
    # "Clear, plain language" (Code 6.9, 6.19): a warning, never a refusal, above this grade.
    reading_grade_warning = models.DecimalField(
        max_digits=4, decimal_places=1, default=Decimal("9.0")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "letter settings"

    def __str__(self) -> str:
        return f"Letter settings of {self.landlord}"


class LetterTemplate(models.Model):
    """An administrator's version of one kind of letter. The highest version is in force;
    with none, the default shipped with Putright is. Versions are never changed, only added."""

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="letter_templates"
    )
    kind = models.CharField(max_length=32, choices=LetterKind.choices)
    version = models.PositiveIntegerField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    note = models.CharField(max_length=300, blank=True, help_text="What changed, and why.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["landlord", "kind", "-version"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["landlord", "kind", "version"], name="letter_template_unique_version"
            ),
        ]
        permissions: ClassVar = [
            ("manage_letter_templates", "Can edit letter templates and letter settings"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class Letter(models.Model):
    """One letter to one person, exactly as it was sent (or kept, when it could not be sent)."""

    class Medium(models.TextChoices):
        EMAIL = "email", "Email"
        POST = "post", "Post"
        NOT_SENT = "not_sent", "Not sent"

    class RecipientRole(models.TextChoices):
        RESIDENT = "resident", "Resident"
        REPRESENTATIVE = "representative", "Representative (copy)"

    landlord = models.ForeignKey("landlords.Landlord", on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="letters"
    )
    stage = models.ForeignKey(
        "complaints.Stage", null=True, blank=True, on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(max_length=32, choices=LetterKind.choices)
    recipient_role = models.CharField(max_length=16, choices=RecipientRole.choices)
    recipient_name = models.CharField(max_length=200)
    recipient_email = models.CharField(max_length=254, blank=True)
    recipient_postal_address = models.TextField(blank=True)
    medium = models.CharField(max_length=10, choices=Medium.choices)
    delivery_note = models.TextField(
        blank=True, help_text="Why this medium was chosen, or why the letter was not sent."
    )
    large_print = models.BooleanField(default=False)
    subject = models.CharField(max_length=300)
    body_html = models.TextField(help_text="The letter's body: a sanitised HTML fragment.")
    body_text = models.TextField()
    document_html = models.TextField(help_text="The complete printable document.")
    content_sha256 = models.CharField(max_length=64)
    template_version = models.PositiveIntegerField(
        default=0, help_text="The landlord's template version used; 0 is Putright's default."
    )
    reading_grade = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    outbox_message_id = models.BigIntegerField(null=True, blank=True)
    created_by_label = models.CharField(max_length=200)
    created_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["created_at", "id"]
        indexes: ClassVar = [models.Index(fields=["complaint", "created_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def sent_at(self) -> datetime.datetime | None:
        """When the outbox delivered it; None while it is queued, or if it was not sent."""
        if "_sent_at" not in self.__dict__:
            from putright.letters.selectors import letter_sent_times

            self.__dict__["_sent_at"] = letter_sent_times(letters=[self]).get(self.pk)
        return self.__dict__["_sent_at"]  # type: ignore[no-any-return]
