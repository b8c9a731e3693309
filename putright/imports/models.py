"""What a historical import brought in, and from which row of which file.

Models hold data only. Imports are made by ``putright.imports.services.import_batch_create``.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    """One file imported with ``putright import complaints FILE --commit``."""

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.PROTECT, related_name="import_batches"
    )
    source_name = models.CharField(max_length=255, help_text="The file's name, without a path.")
    source_sha256 = models.CharField(max_length=64)
    rows_read = models.PositiveIntegerField()
    complaints_created = models.PositiveIntegerField()
    rows_unchanged = models.PositiveIntegerField(
        help_text="Rows already imported with the same data: left as they were."
    )
    imported_by_label = models.CharField(max_length=200)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "import batches"
        ordering: ClassVar = ["-imported_at", "-id"]
        permissions: ClassVar = [
            ("import_complaints", "Can import past complaints from a spreadsheet"),
        ]

    def __str__(self) -> str:
        return f"{self.source_name} ({self.imported_at:%d %B %Y})"


class ImportedComplaint(models.Model):
    """A complaint that came from a historical import, under the landlord's old reference.

    The legacy reference is the key that makes an import idempotent: a row whose legacy
    reference is here already is left alone when its data is the same, and refused when it
    differs. ``data`` is the row as it was imported, normalised, for that comparison.
    """

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="complaints")
    landlord = models.ForeignKey("landlords.Landlord", on_delete=models.PROTECT, related_name="+")
    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="import_record"
    )
    legacy_reference = models.CharField(max_length=60)
    row_number = models.PositiveIntegerField()
    data = models.JSONField()

    class Meta:
        ordering: ClassVar = ["batch", "row_number"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["landlord", "legacy_reference"], name="imported_complaint_unique_legacy"
            ),
        ]

    def __str__(self) -> str:
        return self.legacy_reference
