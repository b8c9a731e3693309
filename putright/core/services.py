from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.db import models
from django.utils import timezone

from putright.core.actors import Actor
from putright.core.models import Event


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def record_event(
    *,
    actor: Actor,
    subject: models.Model,
    action: str,
    summary: str,
    complaint_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    visible_to_resident: bool = False,
    occurred_at: datetime.datetime | None = None,
) -> Event:
    """Append one event to the record. Call inside the same transaction as the change it records."""
    return Event.objects.create(
        occurred_at=occurred_at or timezone.now(),
        landlord_id=actor.landlord_id,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        complaint_id=complaint_id,
        action=action,
        summary=summary,
        actor_label=actor.label,
        actor_user=actor.user,
        before=_jsonable(before or {}),
        after=_jsonable(after or {}),
        visible_to_resident=visible_to_resident,
    )


def changes(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The current values of ``fields`` on ``instance``, ready for an event's before/after."""
    return {name: _jsonable(getattr(instance, name)) for name in fields}
