"""The intake benchmark's URLconf: the real API, plus a floor endpoint that inserts one row.

The floor is a separate NinjaAPI with the product's own TokenAuth and the same request
schema as POST /api/v1/complaints, so it pays the same middleware, authentication,
parsing and database connection costs, and does the least useful work possible after
that: one INSERT (one ``core.Event`` row, in autocommit). It exists only here, for
bench/bench_intake.py; the product's URLconf (config.urls) never includes it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path
from django.utils import timezone
from ninja import NinjaAPI, Schema, Status

from putright.api import schemas as s
from putright.api.api import TokenAuth, api
from putright.core.actors import Actor
from putright.core.models import Event

floor_api = NinjaAPI(
    title="Putright intake benchmark floor",
    version="bench",
    auth=TokenAuth(),
    urls_namespace="bench-floor",
    docs_url=None,
    openapi_url=None,
)


class FloorOut(Schema):
    id: int


@floor_api.post("/floor", response={201: FloorOut}, summary="Insert one row")
def floor(request: HttpRequest, payload: s.ComplaintIn) -> Any:
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    event = Event.objects.create(
        occurred_at=timezone.now(),
        landlord_id=actor.landlord_id,
        subject_type="bench.floor",
        subject_id=0,
        action="bench.floor",
        summary=payload.description,
        actor_label=actor.label,
    )
    return Status(201, {"id": event.pk})


urlpatterns = [
    path("api/v1/", api.urls),
    path("bench/", floor_api.urls),
]
