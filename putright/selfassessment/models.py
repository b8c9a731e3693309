"""The self-assessment against the Code (Code 8.1a, 8.3, 8.4; Appendix A's form).

One ``SelfAssessment`` is one version of the landlord's answers for a period; it holds one
``SelfAssessmentEntry`` per provision of the form (1.2 to 9.8). An approved version is frozen:
a change makes a new version, so what the governing body approved stays on record.
Models hold data only; ``putright.selfassessment.services`` makes every change.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class SelfAssessment(models.Model):
    class Reason(models.TextChoices):
        ANNUAL = "annual", "The annual self-assessment (Code 8.1a)"
        RESTRUCTURE = "restructure", "A restructure, merger or change in procedures (Code 8.3)"
        OMBUDSMAN = "ombudsman", "Asked to review it after an Ombudsman investigation (Code 8.4)"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.PROTECT, related_name="self_assessments"
    )
    period_from = models.DateField()
    period_to = models.DateField()
    version = models.PositiveIntegerField()
    reason = models.CharField(max_length=12, choices=Reason.choices, default=Reason.ANNUAL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revisions"
    )
    measured_at = models.DateTimeField(
        help_text="When Putright last measured practice from the records for the period."
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by_label = models.CharField(max_length=200, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approval_note = models.TextField(
        blank=True, help_text="Where and how it was approved, e.g. at the Board of 12 June 2025."
    )

    class Meta:
        ordering: ClassVar = ["-period_to", "-version"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["landlord", "period_from", "period_to", "version"],
                name="self_assessment_unique_version",
            ),
            models.CheckConstraint(
                condition=models.Q(period_from__lte=models.F("period_to")),
                name="self_assessment_period_in_order",
            ),
        ]
        permissions: ClassVar = [
            ("prepare_selfassessment", "Can prepare and edit the self-assessment"),
            ("approve_selfassessment", "Can approve the self-assessment for the governing body"),
        ]

    def __str__(self) -> str:
        return (
            f"Self-assessment {self.period_from:%d %B %Y} to {self.period_to:%d %B %Y}, "
            f"version {self.version}"
        )

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class SelfAssessmentEntry(models.Model):
    """One row of the form: a provision, whether the landlord complies, and the evidence."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="entries")
    provision = models.CharField(max_length=8)
    section = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField(help_text="The provision's place in the Code.")
    complies = models.BooleanField(null=True, blank=True, help_text="Unanswered while blank.")
    # What Putright measured from the records, kept apart from what the landlord writes so
    # that measuring again never overwrites the landlord's own words.
    measured_evidence = models.TextField(blank=True)
    shortfall = models.BooleanField(
        default=False, help_text="Practice or settings fall short of the Code, as measured."
    )
    evidence = models.TextField(blank=True)
    commentary = models.TextField(blank=True)
    action = models.TextField(blank=True, help_text="For a 'no': what the landlord will do.")
    comply_by = models.DateField(
        null=True, blank=True, help_text="For a 'no': the date by which it will comply."
    )

    class Meta:
        verbose_name_plural = "self-assessment entries"
        ordering: ClassVar = ["assessment", "position"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["assessment", "provision"], name="self_assessment_entry_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.provision

    @property
    def comply_display(self) -> str:
        if self.complies is None:
            return "Not answered"
        return "Yes" if self.complies else "No"
