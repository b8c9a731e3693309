"""Human references (C2026-00042), unique under concurrency: the counter row is locked."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from putright.complaints.models import ReferenceCounter


def reference_next(*, landlord_id: int, kind: str, prefix: str, year: int) -> str:
    """The next reference; call inside the transaction that stores the record it names."""
    try:
        with transaction.atomic():
            ReferenceCounter.objects.get_or_create(landlord_id=landlord_id, kind=kind, year=year)
    except IntegrityError:
        pass  # Another transaction created the counter first: lock theirs below.
    counter = ReferenceCounter.objects.select_for_update().get(
        landlord_id=landlord_id, kind=kind, year=year
    )
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return f"{prefix}{year}-{counter.last_value:05d}"
