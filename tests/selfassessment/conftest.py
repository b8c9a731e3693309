"""A month of complaints with known timeliness, for measuring practice against the Code."""

from __future__ import annotations

import datetime

import pytest

from putright.core.actors import Actor
from putright.selfassessment.services import self_assessment_prepare
from tests.complaints.lifecycle import london

PERIOD = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
TODAY = datetime.date(2026, 3, 20)


@pytest.fixture(autouse=True)
def friday_20_march(time_machine):
    """Today is Friday 20 March 2026, noon in London."""
    time_machine.move_to(london(2026, 3, 20, 12), tick=False)


@pytest.fixture
def four_stage_one_complaints(log_complaint, lifecycle):
    """Four complaints received on Monday 2 March 2026 (acknowledge by Monday 9 March under
    the Code): three acknowledged on Wednesday 4 March, one on Thursday 12 March, late."""
    complaints = []
    for acknowledged in (
        london(2026, 3, 4),
        london(2026, 3, 4),
        london(2026, 3, 4),
        london(2026, 3, 12),
    ):
        complaint = log_complaint(received_at=london(2026, 3, 2, 9))
        lifecycle.define(complaint)
        complaints.append(lifecycle.acknowledge(complaint, at=acknowledged))
    return complaints


@pytest.fixture
def prepare(manager, landlord):
    def make(period=PERIOD, **options):
        return self_assessment_prepare(
            actor=Actor.for_user(manager),
            landlord=landlord,
            period_from=period[0],
            period_to=period[1],
            today=TODAY,
            **options,
        )

    return make
