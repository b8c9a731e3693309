"""Code 5.12: a full record must be kept.

The history is append-only, in the ORM and in the database.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from putright.core.models import AppendOnlyError, Event
from putright.core.services import record_event


@pytest.fixture
def event(landlord, system_actor):
    return record_event(
        actor=system_actor,
        subject=landlord,
        action="test.recorded",
        summary="Something happened",
        before={"status": "old"},
        after={"status": "new"},
    )


def test_an_event_records_who_what_and_the_values_before_and_after(event, landlord):
    stored = Event.objects.get(pk=event.pk)
    assert stored.actor_label == "Putright"
    assert stored.subject_type == "landlords.landlord"
    assert stored.subject_id == landlord.pk
    assert stored.before == {"status": "old"}
    assert stored.after == {"status": "new"}


def test_an_event_cannot_be_changed_through_the_orm(event):
    event.summary = "Rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(summary="Rewritten")
    assert Event.objects.get(pk=event.pk).summary == "Something happened"


def test_an_event_cannot_be_deleted_through_the_orm(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()
    assert Event.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_to_change_an_event_even_in_raw_sql(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_event SET summary = 'Rewritten' WHERE id = %s", [event.pk])
    assert Event.objects.get(pk=event.pk).summary == "Something happened"


def test_the_production_database_refuses_to_delete_an_event_even_in_raw_sql(event):
    # SQLite, the embedded default, leaves raw deletes to the ORM guard (see migration 0002).
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master "
                "WHERE type = 'trigger' AND tbl_name = 'core_event'"
            )
            assert cursor.fetchone()[0] == 1
            return
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_event WHERE id = %s", [event.pk])
    assert Event.objects.filter(pk=event.pk).exists()
