"""The append-only record of everything that happens to a case."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models


class AppendOnlyError(RuntimeError):
    """An attempt to change or remove part of the append-only record."""


class EventQuerySet(models.QuerySet["Event"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("The case history is append-only: events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The case history is append-only: events cannot be deleted.")


class Event(models.Model):
    """One thing that happened, to one subject, by one actor, with the values before and after.

    Written only by ``putright.core.services.record_event``. The database refuses UPDATE and
    DELETE on this table (triggers in migration 0002), so the record stays whole even
    against code that bypasses the ORM.
    """

    occurred_at = models.DateTimeField(db_index=True)
    landlord_id = models.BigIntegerField(null=True, db_index=True)
    subject_type = models.CharField(max_length=60)
    subject_id = models.BigIntegerField()
    complaint_id = models.BigIntegerField(null=True, db_index=True)
    action = models.CharField(max_length=80)
    summary = models.TextField()
    actor_label = models.CharField(max_length=200)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    visible_to_resident = models.BooleanField(default=False)

    objects: ClassVar[EventQuerySet] = EventQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering: ClassVar = ["-occurred_at", "-id"]
        indexes: ClassVar = [
            models.Index(fields=["subject_type", "subject_id", "-occurred_at"]),
            models.Index(fields=["complaint_id", "-occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("The case history is append-only: events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The case history is append-only: events cannot be deleted.")
