from __future__ import annotations

from typing import ClassVar

from django.db import models


class ClosureDay(models.Model):
    """A weekday the landlord is closed for complaints, so it is not a working day.

    Bank holidays need no entry: they come from ``putright.workdays.rules``. A closure day
    (for example, an office closure between Christmas and New Year) moves every deadline
    that runs across it, so it should be set before complaints are counted through it.
    """

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="closure_days"
    )
    date = models.DateField()
    description = models.CharField(
        max_length=200, help_text="Why the landlord is closed, e.g. “Office closed for Christmas”."
    )

    class Meta:
        ordering: ClassVar = ["date"]
        constraints: ClassVar = [
            # Also the index calendar_for_landlord reads by (landlord first).
            models.UniqueConstraint(fields=["landlord", "date"], name="closure_day_unique_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d %B %Y}: {self.description}"
