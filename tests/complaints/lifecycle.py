"""Steps of a complaint's life, for tests that need a complaint at a given point.

Every step goes through the services, so a complaint built here is one the Code allows.
Each returns the complaint read afresh from the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from putright.accounts.models import User
from putright.complaints.models import Complaint, ComplaintPoint, Stage
from putright.complaints.services import (
    PointFinding,
    complaint_close,
    complaint_escalate,
    stage_acknowledge,
    stage_assign,
    stage_declare_conflict,
    stage_define,
    stage_respond,
)
from putright.core.actors import Actor
from putright.core.models import Event

LONDON = ZoneInfo("Europe/London")

POINTS = ("The boiler repair was not done", "Nobody called back")


def london(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A wall-clock time in London (GMT or BST as the date has it)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


# Letters and their delivery are recorded alongside the change that caused them (tests/letters).
CORRESPONDENCE_EVENTS = ("letter.", "outbox.")


def events(complaint: Complaint) -> list[Event]:
    """The complaint's own changes, oldest first."""
    history = Event.objects.filter(complaint_id=complaint.pk).order_by("occurred_at", "id")
    return [e for e in history if not e.action.startswith(CORRESPONDENCE_EVENTS)]


def last_event(complaint: Complaint) -> Event:
    return events(complaint)[-1]


def stage_of(complaint: Complaint, number: int) -> Stage:
    return Stage.objects.get(complaint=complaint, number=number)


def findings_for(stage: Stage, finding: str = ComplaintPoint.Finding.UPHELD) -> list[PointFinding]:
    """A finding with reasons for every point of the stage's definition."""
    return [
        PointFinding(point.number, finding, f"Reasons for point {point.number}.", "Policy 1.1")
        for point in stage.points.order_by("number")
    ]


@dataclass
class Lifecycle:
    officer: User
    handler: User
    second_handler: User

    @staticmethod
    def fresh(complaint: Complaint) -> Complaint:
        complaint.refresh_from_db()
        return complaint

    def define(
        self, complaint: Complaint, *, points: Sequence[str] = POINTS, actor: Actor | None = None
    ) -> Complaint:
        stage_define(
            actor=actor or Actor.for_user(self.officer),
            complaint=complaint,
            definition="The resident says the boiler repair was not completed.",
            outcomes_sought="The boiler repaired and an apology.",
            responsible_for="Repairs to the boiler.",
            points=list(points),
        )
        return self.fresh(complaint)

    def acknowledge(
        self, complaint: Complaint, *, at: datetime.datetime | None = None
    ) -> Complaint:
        stage_acknowledge(
            actor=Actor.for_user(self.officer), complaint=complaint, acknowledged_at=at
        )
        return self.fresh(complaint)

    def assign(self, complaint: Complaint, handler: User | None = None) -> Complaint:
        stage_assign(
            actor=Actor.for_user(self.officer), complaint=complaint, handler=handler or self.handler
        )
        return self.fresh(complaint)

    def declare(self, complaint: Complaint, handler: User | None = None) -> Complaint:
        stage_declare_conflict(
            actor=Actor.for_user(handler or self.handler), complaint=complaint, has_conflict=False
        )
        return self.fresh(complaint)

    def investigating(
        self,
        complaint: Complaint,
        *,
        handler: User | None = None,
        acknowledged_at: datetime.datetime | None = None,
        points: Sequence[str] = POINTS,
    ) -> Complaint:
        """Defined, acknowledged, assigned, and the handler has declared no conflict."""
        self.define(complaint, points=points)
        self.acknowledge(complaint, at=acknowledged_at)
        self.assign(complaint, handler)
        return self.declare(complaint, handler)

    def respond(
        self,
        complaint: Complaint,
        *,
        by: User | None = None,
        outcome: str = Stage.Outcome.UPHELD,
        finding: str = ComplaintPoint.Finding.UPHELD,
        responded_at: datetime.datetime | None = None,
    ) -> Complaint:
        complaint = self.fresh(complaint)
        number = 2 if complaint.stages.filter(number=2).exists() else 1
        stage = stage_of(complaint, number)
        responder = by or stage.handler
        assert responder is not None
        stage_respond(
            actor=Actor.for_user(responder),
            complaint=complaint,
            outcome=outcome,
            decision="We will put this right.",
            findings=findings_for(stage, finding),
            responded_at=responded_at,
        )
        return self.fresh(complaint)

    def responded(self, complaint: Complaint, *, handler: User | None = None) -> Complaint:
        """Through stage 1 to its response."""
        self.investigating(complaint, handler=handler)
        return self.respond(complaint)

    def escalate(
        self, complaint: Complaint, *, requested_at: datetime.datetime | None = None
    ) -> Complaint:
        complaint_escalate(
            actor=Actor.resident(complaint.landlord_id),
            complaint=complaint,
            requested_at=requested_at,
        )
        return self.fresh(complaint)

    def stage_two_investigating(self, complaint: Complaint) -> Complaint:
        """Stage 1 answered by the handler; stage 2 under way with the second handler."""
        self.responded(complaint)
        self.escalate(complaint)
        return self.investigating(
            complaint, handler=self.second_handler, points=["The remedy was not enough"]
        )

    def stage_two_responded(self, complaint: Complaint) -> Complaint:
        self.stage_two_investigating(complaint)
        return self.respond(complaint)

    def close(self, complaint: Complaint) -> Complaint:
        complaint_close(actor=Actor.for_user(self.officer), complaint=complaint)
        return self.fresh(complaint)
