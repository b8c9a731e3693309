"""The lifecycle actions on a complaint, over HTTP: what the Code allows, and what it forbids.

When the Code forbids an action the answer is 422 problem+json naming the provision and, where
one field is at fault, the field; the complaint is left exactly as it was.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from putright.complaints.models import Category, Complaint, ComplaintPoint, Refusal, Stage
from putright.landlords.models import ServiceArea
from tests.api.conftest import etag_of, problem_of, snapshot

Status = Complaint.Status
TODAY = timezone.localdate


def refused_by_code(response, provision: str, field: str | None = None) -> dict:
    body = problem_of(response, 422)
    assert body["provision"] == provision, body
    assert body["type"] == f"urn:putright:complaint-handling-code:{provision}"
    assert f"Complaint Handling Code {provision}" in body["detail"]
    if field is not None:
        assert body["field"] == field, body
    return body


DEFINITION = {
    "definition": "The boiler repair reported in May was not completed.",
    "outcomes_sought": "The boiler fixed.",
    "responsible_for": "Repairs to the boiler.",
    "not_responsible_for": "The gas supply.",
    "points": ["The repair was not done", "Nobody called back"],
}


# ------------------------------------------------ define (Code 5.6, 5.7, 6.7)


def test_defining_a_complaint_sets_out_its_points(officer_api, journey):
    reference = journey.log()
    response = officer_api.post(f"/complaints/{reference}/define", DEFINITION)
    assert response.status_code == 200, response.content
    assert etag_of(response) == 2
    (stage,) = response.json()["stages"]
    assert stage["definition"] == DEFINITION["definition"]
    assert stage["not_responsible_for"] == "The gas supply."
    assert [p["description"] for p in stage["points"]] == DEFINITION["points"]


@pytest.mark.parametrize(
    ("field", "value", "provision"),
    [
        ("definition", " ", "5.6"),
        ("outcomes_sought", "", "5.6"),
        ("responsible_for", "", "5.7"),
        ("points", [], "6.7"),
        ("points", ["  "], "6.7"),
    ],
)
def test_a_definition_missing_what_the_code_requires_is_refused(
    officer_api, journey, field, value, provision
):
    reference = journey.log()
    before = snapshot(reference)
    response = officer_api.post(f"/complaints/{reference}/define", {**DEFINITION, field: value})
    refused_by_code(response, provision, field)
    assert snapshot(reference) == before


def test_a_definition_without_its_points_is_a_422_naming_the_field(officer_api, journey):
    reference = journey.log()
    payload = {k: v for k, v in DEFINITION.items() if k != "points"}
    assert (
        problem_of(officer_api.post(f"/complaints/{reference}/define", payload), 422)["field"]
        == "points"
    )


# ------------------------------------------------ acknowledge (Code 6.2, 6.11)


def test_acknowledging_starts_the_response_deadline(officer_api, journey):
    reference = journey.log()
    journey.define(reference)
    response = officer_api.post(f"/complaints/{reference}/acknowledge", {})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == Status.STAGE1_INVESTIGATING
    assert body["stages"][0]["acknowledged_at"] is not None
    assert body["deadline"]["kind"] == "response"
    assert etag_of(response) == 3


def test_a_complaint_cannot_be_acknowledged_before_it_is_defined(officer_api, journey):
    reference = journey.log()
    before = snapshot(reference)
    refused_by_code(officer_api.post(f"/complaints/{reference}/acknowledge", {}), "6.2")
    assert snapshot(reference) == before


def test_stage_two_cannot_be_acknowledged_before_it_is_defined(officer_api, journey):
    reference = journey.responded()
    journey.escalate(reference)
    refused_by_code(officer_api.post(f"/complaints/{reference}/acknowledge", {}), "6.11")


def test_an_acknowledgement_dated_before_receipt_is_refused(officer_api, journey):
    reference = journey.log()
    journey.define(reference)
    response = officer_api.post(
        f"/complaints/{reference}/acknowledge", {"acknowledged_at": "2001-01-01T09:00:00Z"}
    )
    assert problem_of(response, 422)["field"] == "acknowledged_at"


def test_a_complaint_handler_cannot_acknowledge(handler_api, journey):
    reference = journey.log()
    journey.define(reference)
    journey.assign(reference)  # the handler can see it, but acknowledging is triage
    before = snapshot(reference)
    body = problem_of(handler_api.post(f"/complaints/{reference}/acknowledge", {}), 403)
    assert "acknowledge" in body["detail"]
    assert snapshot(reference) == before


# ------------------------------------------------ assign (Code 6.13)


def test_assigning_names_the_handler(officer_api, journey, handler):
    reference = journey.log()
    response = officer_api.post(f"/complaints/{reference}/assign", {"handler_id": handler.pk})
    assert response.status_code == 200, response.content
    assert response.json()["handler"] == str(handler)


def test_the_stage_two_handler_must_differ_from_the_stage_one_handler(
    officer_api, journey, handler
):
    reference = journey.responded()
    journey.escalate(reference)
    before = snapshot(reference)
    response = officer_api.post(f"/complaints/{reference}/assign", {"handler_id": handler.pk})
    refused_by_code(response, "6.13", "handler_id")
    assert snapshot(reference) == before


@pytest.mark.parametrize("who", ["nobody", "governing_body"])
def test_only_someone_who_can_handle_complaints_can_be_assigned(
    officer_api, journey, make_staff, who
):
    reference = journey.log()
    handler_id = 999_999 if who == "nobody" else make_staff("governing_body").pk
    response = officer_api.post(f"/complaints/{reference}/assign", {"handler_id": handler_id})
    assert problem_of(response, 422)["field"] == "handler_id"


def test_a_complaint_handler_cannot_assign(handler_api, journey, handler):
    reference = journey.log()
    journey.assign(reference)
    problem_of(handler_api.post(f"/complaints/{reference}/assign", {"handler_id": handler.pk}), 403)


# ------------------------------------------------ declare-conflict (Code 5.8)


def test_the_handler_declares_no_conflict(handler_api, journey):
    reference = journey.log()
    journey.assign(reference)
    response = handler_api.post(
        f"/complaints/{reference}/declare-conflict", {"has_conflict": False}
    )
    assert response.status_code == 200, response.content
    assert response.json()["stages"][0]["conflict_declared_at"] is not None


def test_a_handler_with_a_conflict_steps_aside(handler_api, journey):
    reference = journey.log()
    journey.assign(reference)
    response = handler_api.post(
        f"/complaints/{reference}/declare-conflict",
        {"has_conflict": True, "declaration": "The resident is my neighbour."},
    )
    assert response.status_code == 200, response.content
    assert response.json()["handler"] is None


def test_a_conflict_must_be_described(handler_api, journey):
    reference = journey.log()
    journey.assign(reference)
    response = handler_api.post(
        f"/complaints/{reference}/declare-conflict", {"has_conflict": True, "declaration": ""}
    )
    refused_by_code(response, "5.8", "declaration")


def test_only_the_stages_handler_declares_their_interests(officer_api, journey):
    reference = journey.log()
    journey.assign(reference)
    before = snapshot(reference)
    response = officer_api.post(
        f"/complaints/{reference}/declare-conflict", {"has_conflict": False}
    )
    assert "handler" in problem_of(response, 422)["detail"]
    assert snapshot(reference) == before


def test_declare_conflict_needs_has_conflict(handler_api, journey):
    reference = journey.log()
    journey.assign(reference)
    response = handler_api.post(f"/complaints/{reference}/declare-conflict", {})
    assert problem_of(response, 422)["field"] == "has_conflict"


# ------------------------------------------------ extend (Code 6.4, 6.5, 6.15, 6.16)


def extension(**changes):
    return {
        "working_days": 5,
        "reason": "We are waiting for the contractor's report.",
        "resident_informed_on": TODAY().isoformat(),
        "ombudsman_details_given": True,
        **changes,
    }


def test_extending_moves_the_response_deadline(handler_api, journey):
    reference = journey.investigating()
    due = Stage.objects.get(complaint__reference=reference).response_due
    response = handler_api.post(f"/complaints/{reference}/extend", extension())
    assert response.status_code == 200, response.content
    (ext,) = response.json()["stages"][0]["extensions"]
    assert ext["previous_due"] == due.isoformat()
    assert response.json()["stages"][0]["response_due"] == ext["new_due"] > due.isoformat()


def test_an_extension_without_the_ombudsmans_details_is_refused(handler_api, journey):
    reference = journey.investigating()
    before = snapshot(reference)
    response = handler_api.post(
        f"/complaints/{reference}/extend", extension(ombudsman_details_given=False)
    )
    refused_by_code(response, "6.5", "ombudsman_details_given")
    assert snapshot(reference) == before


def test_a_stage_one_extension_beyond_10_working_days_needs_a_good_reason(handler_api, journey):
    reference = journey.investigating()
    refused_by_code(
        handler_api.post(f"/complaints/{reference}/extend", extension(working_days=11)),
        "6.4",
        "working_days",
    )
    response = handler_api.post(
        f"/complaints/{reference}/extend",
        extension(working_days=11, good_reason_beyond_maximum="The resident asked for it."),
    )
    assert response.status_code == 200, response.content


def test_a_stage_two_extension_needs_the_ombudsmans_details_and_a_limit(
    journey, second_handler, second_handler_api
):
    reference = journey.stage_two_investigating(second_handler, second_handler_api)
    refused_by_code(
        second_handler_api.post(
            f"/complaints/{reference}/extend", extension(ombudsman_details_given=False)
        ),
        "6.16",
        "ombudsman_details_given",
    )
    refused_by_code(
        second_handler_api.post(f"/complaints/{reference}/extend", extension(working_days=21)),
        "6.15",
        "working_days",
    )


def test_a_complaint_not_yet_acknowledged_cannot_be_extended(officer_api, journey):
    reference = journey.log()
    assert problem_of(officer_api.post(f"/complaints/{reference}/extend", extension()), 422)


def test_an_extension_needs_a_reason_field(handler_api, journey):
    reference = journey.investigating()
    payload = {k: v for k, v in extension().items() if k != "reason"}
    assert (
        problem_of(handler_api.post(f"/complaints/{reference}/extend", payload), 422)["field"]
        == "reason"
    )


# ------------------------------------------------ agree-updates (Code 5.9)


def test_agreeing_how_often_the_resident_hears_from_us(handler_api, journey):
    reference = journey.investigating()
    response = handler_api.post(
        f"/complaints/{reference}/agree-updates",
        {"interval_working_days": 5, "method": "phone", "agreed_on": TODAY().isoformat()},
    )
    assert response.status_code == 200, response.content
    stage = response.json()["stages"][0]
    assert (stage["update_interval_working_days"], stage["update_method"]) == (5, "phone")


def test_agreed_updates_must_say_how(handler_api, journey):
    reference = journey.investigating()
    response = handler_api.post(
        f"/complaints/{reference}/agree-updates",
        {"interval_working_days": 5, "method": " ", "agreed_on": TODAY().isoformat()},
    )
    refused_by_code(response, "5.9", "method")


def test_agreed_updates_need_an_interval(handler_api, journey):
    reference = journey.investigating()
    response = handler_api.post(
        f"/complaints/{reference}/agree-updates",
        {"interval_working_days": 0, "method": "phone", "agreed_on": TODAY().isoformat()},
    )
    assert problem_of(response, 422)["field"] == "interval_working_days"


# ------------------------------------------------ respond (Code 6.7, 6.9, 6.13, 6.18, 6.19)


def response_to(points: int = 1, **changes):
    return {
        "outcome": "upheld",
        "decision": "We got this wrong and will fix the boiler.",
        "findings": [
            {"point": n, "finding": "upheld", "reasons": "The job was closed in error."}
            for n in range(1, points + 1)
        ],
        **changes,
    }


def test_responding_answers_every_point(handler_api, journey):
    reference = journey.investigating()
    response = handler_api.post(f"/complaints/{reference}/respond", response_to())
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == Status.STAGE1_RESPONDED
    assert body["stages"][0]["points"][0]["finding"] == ComplaintPoint.Finding.UPHELD
    assert body["deadline"] is None


def test_a_response_must_address_every_point(handler_api, journey):
    reference = journey.log()
    journey.define(reference, points=("The repair was not done", "Nobody called back"))
    journey.acknowledge(reference)
    journey.assign(reference)
    journey.declare_no_conflict(reference)
    before = snapshot(reference)
    response = handler_api.post(f"/complaints/{reference}/respond", response_to(points=1))
    refused_by_code(response, "6.7", "findings")
    assert snapshot(reference) == before


def test_a_response_must_set_out_its_decision(handler_api, journey):
    reference = journey.investigating()
    response = handler_api.post(f"/complaints/{reference}/respond", response_to(decision=" "))
    refused_by_code(response, "6.9", "decision")


def test_a_response_needs_reasons_for_each_finding(handler_api, journey):
    reference = journey.investigating()
    payload = response_to()
    payload["findings"][0]["reasons"] = " "
    refused_by_code(handler_api.post(f"/complaints/{reference}/respond", payload), "6.7")


def test_a_response_before_acknowledgement_is_refused(officer_api, journey):
    reference = journey.log()
    journey.define(reference)
    refused_by_code(officer_api.post(f"/complaints/{reference}/respond", response_to()), "6.2")


def test_a_response_before_the_handler_declares_their_interests_is_refused(handler_api, journey):
    reference = journey.log()
    journey.define(reference)
    journey.acknowledge(reference)
    journey.assign(reference)
    refused_by_code(handler_api.post(f"/complaints/{reference}/respond", response_to()), "5.8")


def test_a_finding_must_be_upheld_or_not_upheld(handler_api, journey):
    reference = journey.investigating()
    payload = response_to()
    payload["findings"][0]["finding"] = "maybe"
    assert (
        problem_of(handler_api.post(f"/complaints/{reference}/respond", payload), 422)["field"]
        == "findings"
    )


def test_a_finding_without_its_point_number_is_a_422(handler_api, journey):
    reference = journey.investigating()
    payload = response_to()
    del payload["findings"][0]["point"]
    body = problem_of(handler_api.post(f"/complaints/{reference}/respond", payload), 422)
    assert body["field"] == "findings"
    assert body["errors"][0]["location"] == "body.payload.findings.0.point"


def test_the_stage_one_handler_cannot_give_the_stage_two_response(
    api_as, officer, journey, manager
):
    """Code 6.13, at the response: a manager who answered stage 1 may not answer stage 2."""
    manager_api = api_as(manager, "senior_lead")
    reference = journey.investigating()
    assert manager_api.post(f"/complaints/{reference}/respond", response_to()).status_code == 200
    journey.escalate(reference)
    journey.define(reference)
    journey.acknowledge(reference)
    journey.assign(reference, officer)
    journey.declare_no_conflict(reference, api_as(officer, "complaints_officer"))
    before = snapshot(reference)
    refused_by_code(manager_api.post(f"/complaints/{reference}/respond", response_to()), "6.13")
    assert snapshot(reference) == before


def test_a_stage_two_response_must_address_every_point_and_decide(
    journey, second_handler, second_handler_api
):
    reference = journey.stage_two_investigating(second_handler, second_handler_api)
    refused_by_code(
        second_handler_api.post(
            f"/complaints/{reference}/respond", response_to(points=1, findings=[])
        ),
        "6.18",
        "findings",
    )
    refused_by_code(
        second_handler_api.post(f"/complaints/{reference}/respond", response_to(decision="")),
        "6.19",
        "decision",
    )
    response = second_handler_api.post(f"/complaints/{reference}/respond", response_to())
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Status.STAGE2_RESPONDED


# ------------------------------------------------ escalate (Code 5.3, 6.10-6.12)


def test_escalating_opens_stage_two_without_a_reason(officer_api, journey):
    reference = journey.responded()
    response = officer_api.post(f"/complaints/{reference}/escalate", {})  # Code 6.12
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["stage"]) == (Status.STAGE2_AWAITING_ACKNOWLEDGEMENT, 2)
    assert body["stages"][1]["escalation_reason"] == ""


def test_stage_two_escalation_before_a_stage_one_response_is_refused(officer_api, journey):
    reference = journey.investigating()
    before = snapshot(reference)
    refused_by_code(officer_api.post(f"/complaints/{reference}/escalate", {}), "6.10")
    assert snapshot(reference) == before


def test_there_is_no_third_stage(officer_api, journey):
    reference = journey.responded()
    journey.escalate(reference)
    before = snapshot(reference)
    body = refused_by_code(officer_api.post(f"/complaints/{reference}/escalate", {}), "5.3")
    assert "Ombudsman" in body["detail"]
    assert snapshot(reference) == before
    assert Stage.objects.filter(complaint__reference=reference).count() == 2


def test_an_escalation_date_must_be_a_date(officer_api, journey):
    reference = journey.responded()
    response = officer_api.post(f"/complaints/{reference}/escalate", {"requested_at": "soon"})
    assert problem_of(response, 422)["field"] == "requested_at"


# ------------------------------------------------ refuse (Code 2.1-2.5, 5.11)


def refusal(**changes):
    return {
        "ground": "legal_proceedings",
        "evidence": "Court papers dated 3 March.",
        "explanation": "The matter is before the county court.",
        "ombudsman_right_explained": True,
        **changes,
    }


def test_refusing_a_complaint_records_the_ground_and_the_ombudsman_right(officer_api, journey):
    reference = journey.log()
    response = officer_api.post(f"/complaints/{reference}/refuse", refusal())
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == Status.NOT_ACCEPTED
    (recorded,) = body["refusals"]
    assert recorded["ground"] == "legal_proceedings"
    assert recorded["ombudsman_right_explained"] is True


def test_a_refusal_without_the_right_to_go_to_the_ombudsman_is_refused(officer_api, journey):
    reference = journey.log()
    before = snapshot(reference)
    response = officer_api.post(
        f"/complaints/{reference}/refuse", refusal(ombudsman_right_explained=False)
    )
    refused_by_code(response, "2.4", "ombudsman_right_explained")
    assert snapshot(reference) == before
    assert not Refusal.objects.exists()


@pytest.mark.parametrize(
    ("changes", "provision", "field"),
    [
        ({"ground": "too_busy"}, "2.2", "ground"),
        ({"ground": "other", "other_reason": ""}, "2.2", "other_reason"),
        ({"evidence": " "}, "2.1", "evidence"),
        ({"explanation": ""}, "2.4", "explanation"),
        ({"ground": "over_12_months"}, "2.3", "discretion_considered"),
    ],
)
def test_a_refusal_must_meet_the_code(officer_api, journey, changes, provision, field):
    reference = journey.log()
    response = officer_api.post(f"/complaints/{reference}/refuse", refusal(**changes))
    refused_by_code(response, provision, field)
    assert (
        Complaint.objects.get(reference=reference).status == Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
    )


def test_refusing_a_stage_two_request_needs_the_ombudsman_right(officer_api, journey):
    reference = journey.responded()
    journey.escalate(reference)
    refused_by_code(
        officer_api.post(
            f"/complaints/{reference}/refuse", refusal(ombudsman_right_explained=False)
        ),
        "5.11",
        "ombudsman_right_explained",
    )
    response = officer_api.post(f"/complaints/{reference}/refuse", refusal())
    assert response.json()["status"] == Status.ESCALATION_REFUSED


def test_an_acknowledged_complaint_cannot_be_refused(officer_api, journey):
    reference = journey.investigating()
    assert problem_of(officer_api.post(f"/complaints/{reference}/refuse", refusal()), 422)


def test_a_complaint_handler_cannot_refuse(handler_api, journey):
    reference = journey.log()
    journey.assign(reference)
    problem_of(handler_api.post(f"/complaints/{reference}/refuse", refusal()), 403)


# ------------------------------------------------ withdraw


def test_recording_a_withdrawal(handler_api, journey):
    reference = journey.investigating()
    response = handler_api.post(
        f"/complaints/{reference}/withdraw", {"reason": "The boiler was fixed."}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Status.WITHDRAWN
    assert response.json()["withdrawn_at"] is not None


def test_a_closed_complaint_cannot_be_withdrawn(officer_api, journey):
    reference = journey.responded()
    assert officer_api.post(f"/complaints/{reference}/close", {}).status_code == 200
    before = snapshot(reference)
    assert problem_of(officer_api.post(f"/complaints/{reference}/withdraw", {}), 422)
    assert snapshot(reference) == before


def test_a_withdrawal_date_must_be_a_date(officer_api, journey):
    reference = journey.log()
    response = officer_api.post(
        f"/complaints/{reference}/withdraw", {"withdrawn_at": "when I felt like it"}
    )
    assert problem_of(response, 422)["field"] == "withdrawn_at"


# ------------------------------------------------ close


def test_closing_a_complaint_with_its_response(officer_api, journey):
    reference = journey.responded()
    response = officer_api.post(f"/complaints/{reference}/close", {"note": "All done."})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Status.CLOSED
    assert response.json()["closed_at"] is not None


def test_a_complaint_cannot_be_closed_before_its_response(officer_api, journey):
    reference = journey.investigating()
    before = snapshot(reference)
    assert (
        "response"
        in problem_of(officer_api.post(f"/complaints/{reference}/close", {}), 422)["detail"]
    )
    assert snapshot(reference) == before


def test_a_complaint_handler_cannot_close(handler_api, journey):
    reference = journey.responded()
    problem_of(handler_api.post(f"/complaints/{reference}/close", {}), 403)


# ------------------------------------------------ categorise


def test_categorising_sets_category_and_service_area(handler_api, journey, landlord):
    heating = Category.objects.create(landlord=landlord, name="Heating")
    boilers = Category.objects.create(landlord=landlord, name="Boilers", parent=heating)
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    reference = journey.investigating()
    response = handler_api.post(
        f"/complaints/{reference}/categorise",
        {"category_id": boilers.pk, "service_area_id": repairs.pk},
    )
    assert response.status_code == 200, response.content
    assert (response.json()["category"], response.json()["service_area"]) == (
        "Heating: Boilers",
        "Repairs",
    )


@pytest.mark.parametrize("field", ["category_id", "service_area_id"])
def test_categorising_with_an_unknown_category_or_area_is_a_422(officer_api, journey, field):
    reference = journey.log()
    before = snapshot(reference)
    response = officer_api.post(f"/complaints/{reference}/categorise", {field: 999_999})
    assert problem_of(response, 422)["field"] == field
    assert snapshot(reference) == before


# ------------------------------------------------ additional-issues (Code 6.8)


def test_an_issue_raised_before_the_stage_one_response_joins_stage_one(officer_api, journey):
    reference = journey.investigating()
    response = officer_api.post(
        f"/complaints/{reference}/additional-issues", {"description": "The radiator leaks too."}
    )
    assert response.status_code == 201, response.content
    assert response.json() == {"joined_stage_one": True, "point": 2, "new_complaint": None}
    points = officer_api.get(f"/complaints/{reference}").json()["stages"][0]["points"]
    assert points[1] == {
        **points[1],
        "description": "The radiator leaks too.",
        "source": "additional",
    }


def test_an_issue_raised_after_the_stage_one_response_is_a_new_complaint(officer_api, journey):
    reference = journey.responded()
    response = officer_api.post(
        f"/complaints/{reference}/additional-issues", {"description": "The radiator leaks too."}
    )
    assert response.status_code == 201, response.content
    new = response.json()["new_complaint"]
    assert response.json()["joined_stage_one"] is False and new != reference
    assert officer_api.get(f"/complaints/{new}").json()["related_to"] == reference


def test_an_additional_issue_must_be_described(officer_api, journey):
    reference = journey.investigating()
    response = officer_api.post(f"/complaints/{reference}/additional-issues", {"description": ""})
    refused_by_code(response, "6.8", "description")


def test_a_complaint_closes_once_stage_two_is_answered(
    officer_api, journey, second_handler, second_handler_api
):
    reference = journey.stage_two_investigating(second_handler, second_handler_api)
    journey.respond(reference, second_handler_api)
    response = officer_api.post(f"/complaints/{reference}/close", {})
    assert response.json()["status"] == Status.CLOSED
    assert [s["outcome"] for s in response.json()["stages"]] == ["upheld", "upheld"]
    assert response.json()["stages"][1]["handler"] == str(second_handler)
    timeline = officer_api.get(f"/complaints/{reference}/timeline").json()
    assert timeline[0]["action"] == "complaint.closed"
    assert datetime.datetime.fromisoformat(timeline[0]["occurred_at"]) <= timezone.now()
