"""Lists do not grow a query per row: the same number of queries for 5 complaints as for 25."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from putright.complaints.models import Category, Complaint, ComplaintPoint, Stage
from putright.complaints.services import (
    PointFinding,
    complaint_escalate,
    stage_acknowledge,
    stage_assign,
    stage_declare_conflict,
    stage_define,
    stage_respond,
)
from putright.core.actors import Actor
from putright.landlords.models import Entity, ServiceArea
from putright.remedies.services import action_add, action_update, remedy_offer


def add_complaints(count, *, log_complaint, landlord, officer, handler, start=0):
    """Complaints with everything a summary shows: category with parent, area, handler, stage 2."""
    heating = Category.objects.get_or_create(landlord=landlord, name="Heating")[0]
    entity = Entity.objects.get_or_create(landlord=landlord, name="Riverside Living")[0]
    repairs = ServiceArea.objects.get_or_create(landlord=landlord, name="Repairs", entity=entity)[0]
    as_officer, as_handler = Actor.for_user(officer), Actor.for_user(handler)
    for n in range(start, start + count):
        boilers = Category.objects.create(landlord=landlord, name=f"Boilers {n}", parent=heating)
        complaint = log_complaint(
            received_at=timezone.now() - datetime.timedelta(hours=n),
            category=boilers,
            service_area=repairs,
        )
        stage_assign(actor=as_officer, complaint=complaint, handler=handler)
        if n % 3 == 0:  # every third at stage 2
            stage_define(
                actor=as_officer,
                complaint=complaint,
                definition="d",
                outcomes_sought="o",
                responsible_for="r",
                points=["p"],
            )
            stage_acknowledge(actor=as_officer, complaint=complaint)
            stage_declare_conflict(actor=as_handler, complaint=complaint, has_conflict=False)
            stage_respond(
                actor=as_handler,
                complaint=complaint,
                outcome=Stage.Outcome.UPHELD,
                decision="d",
                findings=[PointFinding(1, ComplaintPoint.Finding.UPHELD, "r")],
            )
            complaint_escalate(actor=as_officer, complaint=complaint)


def queries_for(client, path, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200, response.content
    return len(captured)


def test_listing_5_or_25_complaints_takes_the_same_number_of_queries(
    officer_api, log_complaint, landlord, officer, handler
):
    setup = {"log_complaint": log_complaint, "landlord": landlord, "officer": officer}
    add_complaints(5, handler=handler, **setup)
    officer_api.get("/complaints")  # the token's first use records when it was used
    five = queries_for(officer_api, "/complaints")
    assert len(officer_api.get("/complaints").json()["items"]) == 5
    add_complaints(20, handler=handler, start=5, **setup)
    twenty_five = queries_for(officer_api, "/complaints")
    items = officer_api.get("/complaints").json()["items"]
    assert len(items) == 25
    assert {item["stage"] for item in items} == {1, 2}
    assert all(item["category"].startswith("Heating: ") for item in items)
    assert all(item["handler"] for item in items if item["stage"] == 1)
    assert five == twenty_five, (five, twenty_five)
    assert twenty_five <= 8


def test_a_handlers_filtered_list_does_not_grow_either(
    handler_api, log_complaint, landlord, officer, handler
):
    setup = {"log_complaint": log_complaint, "landlord": landlord, "officer": officer}
    add_complaints(5, handler=handler, **setup)
    handler_api.get("/complaints")
    five = queries_for(handler_api, "/complaints", {"open": True, "search": "RV1 2AB"})
    add_complaints(20, handler=handler, start=5, **setup)
    twenty_five = queries_for(handler_api, "/complaints", {"open": True, "search": "RV1 2AB"})
    assert handler_api.get("/complaints", {"open": True}).json()["count"] == 25
    assert five == twenty_five


def test_reading_a_complaint_does_not_grow_with_its_remedies_and_actions(
    officer_api, handler_api, journey, handler
):
    reference = journey.investigating()
    complaint = Complaint.objects.get(reference=reference)
    as_handler = Actor.for_user(handler)
    due = timezone.localdate() + datetime.timedelta(days=7)

    def add_remedies_and_actions(count: int) -> None:
        for _ in range(count):
            remedy_offer(
                actor=as_handler, complaint=complaint, kind="apology", description="d", due_on=due
            )
            action = action_add(
                actor=as_handler, complaint=complaint, description="d", due_on=due, owner=handler
            )
            action_update(actor=as_handler, action=action, text="progress")

    add_remedies_and_actions(1)
    officer_api.get(f"/complaints/{reference}")
    one = queries_for(officer_api, f"/complaints/{reference}")
    add_remedies_and_actions(10)
    eleven = queries_for(officer_api, f"/complaints/{reference}")
    assert len(officer_api.get(f"/complaints/{reference}").json()["outstanding_actions"]) == 11
    assert one == eleven, (one, eleven)
