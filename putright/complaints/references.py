"""Human references (C2026-00042), unique under concurrency.

One statement takes the next number: ``UPDATE … SET last_value = last_value + 1 …
RETURNING last_value`` locks the counter row until the transaction ends, so two
transactions can never take the same number, and the lock is held from that statement
on, not from an earlier read. Both PostgreSQL and SQLite (3.35 and later) support it.
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction

from putright.complaints.models import ReferenceCounter


def _take_next(landlord_id: int, kind: str, year: int) -> int | None:
    table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_value = last_value + 1 "  # noqa: S608 - the table name is ours
            "WHERE landlord_id = %s AND kind = %s AND year = %s RETURNING last_value",
            [landlord_id, kind, year],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def reference_next(*, landlord_id: int, kind: str, prefix: str, year: int) -> str:
    """The next reference; call inside the transaction that stores the record it names."""
    number = _take_next(landlord_id, kind, year)
    if number is None:
        # Once per landlord, kind and year. The savepoint lets a transaction that loses the
        # race to create the counter go on and take its number from the winner's row.
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(landlord_id=landlord_id, kind=kind, year=year)
        except IntegrityError:
            pass
        number = _take_next(landlord_id, kind, year)
    assert number is not None  # the row exists now, whoever created it
    return f"{prefix}{year}-{number:05d}"
