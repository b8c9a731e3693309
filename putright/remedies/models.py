"""Putting things right (Code section 7) and following through (Code 6.6, 6.17)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models


class Remedy(models.Model):
    class Kind(models.TextChoices):
        """The remedies the Code lists in 7.1."""

        APOLOGY = "apology", "Apologising"
        ACKNOWLEDGEMENT = "acknowledgement", "Acknowledging where things have gone wrong"
        EXPLANATION = "explanation", "Providing an explanation, assistance or reasons"
        ACTION_ON_DELAY = "action_on_delay", "Taking action if there has been delay"
        RECONSIDER_DECISION = "reconsider_decision", "Reconsidering or changing a decision"
        AMEND_RECORD = "amend_record", "Amending a record or adding a correction or addendum"
        FINANCIAL = "financial", "Providing a financial remedy"
        CHANGE_POLICY = "change_policy", "Changing policies, procedures or practices"

    class Status(models.TextChoices):
        OFFERED = "offered", "Offered"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        COMPLETED = "completed", "Completed"

    class PaymentMethod(models.TextChoices):
        BANK_TRANSFER = "bank", "Bank transfer"
        RENT_ACCOUNT = "rent_account", "Credit to rent account"
        VOUCHER = "voucher", "Voucher"
        CHEQUE = "cheque", "Cheque"
        OTHER = "other", "Other"

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="remedies"
    )
    stage = models.ForeignKey("complaints.Stage", on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    description = models.TextField(help_text="Code 7.3: what will happen.")
    due_on = models.DateField(help_text="Code 7.3: by when.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OFFERED)
    offered_on = models.DateField()
    accepted_on = models.DateField(null=True, blank=True)
    declined_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    # A financial remedy, split as the Ombudsman's remedies guidance splits it.
    amount_time_and_trouble = models.DecimalField(
        max_digits=9, decimal_places=2, default=Decimal("0")
    )
    amount_distress_and_inconvenience = models.DecimalField(
        max_digits=9, decimal_places=2, default=Decimal("0")
    )
    amount_quantifiable_loss = models.DecimalField(
        max_digits=9, decimal_places=2, default=Decimal("0")
    )
    amount_statutory = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0"))
    payment_method = models.CharField(max_length=16, choices=PaymentMethod.choices, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "remedies"
        ordering: ClassVar = ["complaint", "created_at"]
        indexes: ClassVar = [
            models.Index(fields=["status", "due_on"]),
            # The report's periods: compensation offered and paid in a period.
            models.Index(fields=["offered_on"]),
            models.Index(fields=["paid_on"]),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def total_amount(self) -> Decimal:
        return (
            self.amount_time_and_trouble
            + self.amount_distress_and_inconvenience
            + self.amount_quantifiable_loss
            + self.amount_statutory
        )


class OutstandingAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="outstanding_actions"
    )
    stage = models.ForeignKey(
        "complaints.Stage", on_delete=models.CASCADE, related_name="outstanding_actions"
    )
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions_owned",
    )
    owner_description = models.CharField(
        max_length=200, blank=True, help_text="A team or contractor, when no single person owns it."
    )
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    cancellation_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["due_on", "id"]
        indexes: ClassVar = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.description[:60]


class ActionUpdate(models.Model):
    """Code 6.6: the resident is kept updated on outstanding actions until they are done."""

    action = models.ForeignKey(OutstandingAction, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    given_to_resident_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]
