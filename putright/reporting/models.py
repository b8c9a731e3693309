"""The annual complaints performance and service improvement report (Code 8.1, 8.2).

The figures are never stored: they are counted from the records whenever the report is shown.
What people write is stored here: the narrative sections, the self-assessment version the
report includes, and the governing body's response. Publishing takes a snapshot (the HTML,
the JSON and the PDF as published) so the public page shows exactly what was published,
however the records change afterwards. Models hold data only: ``putright.reporting.services``
makes every change.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.PROTECT, related_name="annual_reports"
    )
    title = models.CharField(max_length=200)
    period_from = models.DateField()
    period_to = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The narrative: the qualitative analysis the figures cannot give (Code 8.1b, 8.1d).
    summary = models.TextField(blank=True)
    qualitative_analysis = models.TextField(blank=True)
    refusals_commentary = models.TextField(blank=True)
    learning = models.TextField(blank=True)
    ombudsman_commentary = models.TextField(blank=True)
    self_assessment = models.ForeignKey(
        "selfassessment.SelfAssessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    # Code 8.2: the governing body's response, published alongside the report.
    governing_body_response = models.TextField(blank=True)
    response_recorded_by_label = models.CharField(max_length=200, blank=True)
    response_recorded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    published_by_label = models.CharField(max_length=200, blank=True)
    published_html = models.TextField(blank=True)
    published_json = models.JSONField(null=True, blank=True)
    published_pdf = models.BinaryField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-period_to", "-created_at"]
        indexes: ClassVar = [models.Index(fields=["landlord", "status", "-period_to"])]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(period_from__lte=models.F("period_to")),
                name="annual_report_period_in_order",
            ),
        ]
        permissions: ClassVar = [
            ("prepare_annualreport", "Can prepare the annual complaints report"),
            ("respond_annualreport", "Can record the governing body's response to the report"),
            ("publish_annualreport", "Can publish the annual complaints report"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_response(self) -> bool:
        return bool(self.governing_body_response.strip())
