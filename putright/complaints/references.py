"""Human references (C2026-00042), unique under concurrency: the counter row is locked."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from putright.complaints.models import ReferenceCounter


def reference_next(*, landlord_id: int, kind: str, prefix: str, year: int) -> str:
    """The next reference; call inside the transaction that stores the record it names."""
    counters = ReferenceCounter.objects.select_for_update()
    counter = counters.filter(landlord_id=landlord_id, kind=kind, year=year).first()
    if counter is None:
        # Once per landlord, kind and year. The savepoint lets a transaction that loses the
        # race to create the counter go on and lock the winner's row instead.
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(landlord_id=landlord_id, kind=kind, year=year)
        except IntegrityError:
            pass
        counter = counters.get(landlord_id=landlord_id, kind=kind, year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return f"{prefix}{year}-{counter.last_value:05d}"
