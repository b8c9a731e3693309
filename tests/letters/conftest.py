from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from putright.complaints.models import Complaint
from putright.core.actors import Actor
from putright.letters.models import Letter, LetterTemplate
from putright.letters.rendering import default_template


@pytest.fixture
def contactable_landlord(landlord):
    """A landlord whose letters can say how to reach it (Code 6.9 g)."""
    landlord.email = "complaints@riverside.example"
    landlord.phone = "0161 000 1234"
    landlord.address = "Riverside House\nMill Street\nRV1 1AA"
    landlord.save()
    return landlord


def letters_of(complaint: Complaint, kind: str | None = None) -> list[Letter]:
    letters = Letter.objects.filter(complaint=complaint).order_by("created_at", "id")
    return list(letters.filter(kind=kind) if kind else letters)


def only_letter(complaint: Complaint, kind: str) -> Letter:
    (letter,) = letters_of(complaint, kind)
    return letter


def store_template(landlord, kind: str, body: str, subject: str | None = None) -> LetterTemplate:
    """A template as the database holds it, without the editor's checks: as if an older,
    more lenient Putright had saved it, so the send-time check is what stands in the way."""
    latest = LetterTemplate.objects.filter(landlord=landlord, kind=kind).count()
    return LetterTemplate.objects.create(
        landlord=landlord,
        kind=kind,
        version=latest + 1,
        subject=subject or default_template(kind)[0],
        body=body,
        created_at=timezone.now(),
    )


def default_body(kind: str) -> str:
    return default_template(kind)[1]


@pytest.fixture
def with_remedy_and_action(handler):
    """Record a remedy and an outstanding action on the open stage, before the response."""
    from putright.remedies.services import action_add, remedy_offer

    def record(complaint: Complaint) -> Complaint:
        actor = Actor.for_user(handler)
        today = timezone.localdate()
        remedy_offer(
            actor=actor,
            complaint=complaint,
            kind="apology",
            description="We apologise for the missed repair appointments",
            due_on=today + datetime.timedelta(days=7),
        )
        action_add(
            actor=actor,
            complaint=complaint,
            description="Replace the boiler's pressure valve",
            due_on=today + datetime.timedelta(days=14),
            owner=handler,
        )
        complaint.refresh_from_db()
        return complaint

    return record
