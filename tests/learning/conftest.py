from __future__ import annotations

import pytest

from putright.core.actors import Actor
from putright.learning.models import RootCause


@pytest.fixture
def causes(landlord) -> dict[str, RootCause]:
    """A landlord's root causes: two main causes, one with a sub-cause, and one retired."""
    communication = RootCause.objects.create(landlord=landlord, name="Communication")
    return {
        "communication": communication,
        "not_kept_informed": RootCause.objects.create(
            landlord=landlord, name="Not kept informed", parent=communication
        ),
        "service_failure": RootCause.objects.create(landlord=landlord, name="Service failure"),
        "retired": RootCause.objects.create(landlord=landlord, name="Old cause", active=False),
    }


@pytest.fixture
def closed_complaint(log_complaint, lifecycle):
    """A complaint answered at stage 1 and closed."""
    return lifecycle.close(lifecycle.responded(log_complaint()))


@pytest.fixture
def lead(manager) -> Actor:
    """The senior lead for complaints, who manages learning and Ombudsman cases."""
    return Actor.for_user(manager)
