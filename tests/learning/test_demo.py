"""The demo landlord's learning records are made through the services, and show on its pages."""

from __future__ import annotations

from putright.accounts.models import User
from putright.core.models import Event
from putright.demo.services import demo_load
from putright.learning.models import (
    ComplaintRootCause,
    OmbudsmanCase,
    SatisfactionResponse,
    ServiceImprovement,
)


def test_the_demo_has_root_causes_improvements_an_ombudsman_case_and_a_survey_answer(
    db, client, smtp_server
):
    demo_load()
    assert ComplaintRootCause.objects.count() == 6
    assert ServiceImprovement.objects.filter(status="completed").count() == 1
    case = OmbudsmanCase.objects.get()
    assert case.findings.count() == 2
    assert SatisfactionResponse.objects.get().handling == 4
    # The survey email was kept in memory, not sent to the demo resident.
    assert not smtp_server.messages
    assert Event.objects.filter(action="improvement.complaint_linked").count() == 3

    client.force_login(User.objects.get(username="lead"))
    overview = client.get("/staff/learning/").content.decode()
    assert "1 overdue" in overview  # the damp survey improvement, past its due date
    cases = client.get("/staff/learning/ombudsman/").content.decode()
    assert "Orders past their due date" in cases
