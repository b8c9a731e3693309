"""Remedies (Code 7.1-7.3) and outstanding actions (Code 6.6, 6.17), followed to completion."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from putright.remedies.models import OutstandingAction, Remedy
from tests.api.conftest import etag_of, problem_of, snapshot


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def apology(**changes):
    return {"kind": "apology", "description": "A written apology.", "due_on": in_days(5), **changes}


def payment(**changes):
    return {
        "kind": "financial",
        "description": "Compensation for the weeks without heating.",
        "due_on": in_days(10),
        "amount_distress_and_inconvenience": "150.00",
        "amount_time_and_trouble": "25.50",
        "payment_method": "bank",
        **changes,
    }


def offer(client, reference: str, payload: dict) -> dict:
    response = client.post(f"/complaints/{reference}/remedies", payload)
    assert response.status_code == 201, response.content
    return response.json()["remedies"][-1]


# ------------------------------------------------ POST /complaints/{reference}/remedies


def test_offering_a_financial_remedy_splits_the_amount_by_head(handler_api, journey):
    reference = journey.investigating()
    response = handler_api.post(f"/complaints/{reference}/remedies", payment())
    assert response.status_code == 201, response.content
    (remedy,) = response.json()["remedies"]
    assert remedy["total_amount"] == "175.50"
    assert remedy["amount_distress_and_inconvenience"] == "150.00"
    assert (remedy["status"], remedy["stage"], remedy["payment_method"]) == ("offered", 1, "bank")
    assert etag_of(response) == snapshot(reference)[0]


@pytest.mark.parametrize(
    ("payload", "provision", "field"),
    [
        (
            payment(amount_distress_and_inconvenience="0", amount_time_and_trouble="0"),
            "7.1",
            "amounts",
        ),
        (apology(kind="hug"), "7.1", "kind"),
        (apology(description=" "), "7.3", "description"),
        (apology(due_on="2001-01-01"), "7.3", "due_on"),
    ],
)
def test_a_remedy_must_say_what_will_happen_and_by_when(
    handler_api, journey, payload, provision, field
):
    reference = journey.investigating()
    before = snapshot(reference)
    body = problem_of(handler_api.post(f"/complaints/{reference}/remedies", payload), 422)
    assert (body["provision"], body["field"]) == (provision, field)
    assert snapshot(reference) == before


def test_a_remedy_amount_must_be_a_number(handler_api, journey):
    reference = journey.investigating()
    response = handler_api.post(
        f"/complaints/{reference}/remedies", payment(amount_statutory="lots")
    )
    assert problem_of(response, 422)["field"] == "amount_statutory"


def test_a_remedy_cannot_be_offered_on_a_withdrawn_complaint(handler_api, journey):
    reference = journey.investigating()
    assert handler_api.post(f"/complaints/{reference}/withdraw", {}).status_code == 200
    assert problem_of(handler_api.post(f"/complaints/{reference}/remedies", apology()), 422)
    assert not Remedy.objects.exists()


# ------------------------------------------------ POST /remedies/{id}/response, /payment, /complete


def test_the_resident_accepts_and_the_payment_completes_the_remedy(handler_api, journey):
    reference = journey.investigating()
    remedy = offer(handler_api, reference, payment())
    accepted = handler_api.post(f"/remedies/{remedy['id']}/response", {"accepted": True})
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["accepted_on"] == timezone.localdate().isoformat()
    paid = handler_api.post(
        f"/remedies/{remedy['id']}/payment", {"paid_on": timezone.localdate().isoformat()}
    )
    assert paid.status_code == 200, paid.content
    assert (paid.json()["status"], paid.json()["total_amount"]) == ("completed", "175.50")


def test_a_declined_remedy_cannot_be_answered_again_or_paid(handler_api, journey):
    reference = journey.investigating()
    remedy = offer(handler_api, reference, payment())
    declined = handler_api.post(f"/remedies/{remedy['id']}/response", {"accepted": False})
    assert declined.json()["status"] == "declined"
    assert (
        "declined"
        in problem_of(
            handler_api.post(f"/remedies/{remedy['id']}/response", {"accepted": True}), 422
        )["detail"]
    )
    problem_of(
        handler_api.post(
            f"/remedies/{remedy['id']}/payment", {"paid_on": timezone.localdate().isoformat()}
        ),
        422,
    )


def test_a_remedy_response_needs_accepted(handler_api, journey):
    reference = journey.investigating()
    remedy = offer(handler_api, reference, apology())
    body = problem_of(handler_api.post(f"/remedies/{remedy['id']}/response", {}), 422)
    assert body["field"] == "accepted"


def test_a_payment_cannot_be_recorded_in_the_future_or_for_an_apology(handler_api, journey):
    reference = journey.investigating()
    money = offer(handler_api, reference, payment())
    sorry = offer(handler_api, reference, apology())
    assert (
        problem_of(
            handler_api.post(f"/remedies/{money['id']}/payment", {"paid_on": in_days(3)}), 422
        )["field"]
        == "paid_on"
    )
    assert problem_of(
        handler_api.post(f"/remedies/{sorry['id']}/payment", {"paid_on": in_days(0)}), 422
    )
    assert (
        problem_of(handler_api.post(f"/remedies/{money['id']}/payment", {}), 422)["field"]
        == "paid_on"
    )


def test_completing_a_remedy_that_is_not_a_payment(handler_api, journey):
    reference = journey.investigating()
    remedy = offer(handler_api, reference, apology())
    response = handler_api.post(f"/remedies/{remedy['id']}/complete", {})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "completed"
    assert response.json()["completed_on"] == timezone.localdate().isoformat()
    again = problem_of(handler_api.post(f"/remedies/{remedy['id']}/complete", {}), 422)
    assert "already completed" in again["detail"]


def test_a_financial_remedy_is_completed_by_its_payment(handler_api, journey):
    reference = journey.investigating()
    remedy = offer(handler_api, reference, payment())
    assert (
        "payment"
        in problem_of(handler_api.post(f"/remedies/{remedy['id']}/complete", {}), 422)["detail"]
    )


def test_a_completion_date_must_be_a_date(handler_api, journey):
    reference = journey.investigating()
    remedy = offer(handler_api, reference, apology())
    response = handler_api.post(f"/remedies/{remedy['id']}/complete", {"completed_on": "soon"})
    assert problem_of(response, 422)["field"] == "completed_on"


@pytest.mark.parametrize("action", ["response", "payment", "complete"])
def test_an_unknown_remedy_is_404(handler_api, db, action):
    payload = {"accepted": True, "paid_on": timezone.localdate().isoformat()}
    problem_of(handler_api.post(f"/remedies/999999/{action}", payload), 404)


# ------------------------------------------------ outstanding actions


def add_action(client, reference: str, **changes) -> dict:
    response = client.post(
        f"/complaints/{reference}/actions",
        {"description": "Replace the boiler.", "due_on": in_days(14), **changes},
    )
    assert response.status_code == 201, response.content
    return response.json()["outstanding_actions"][-1]


def test_an_outstanding_action_has_an_owner_and_a_date(handler_api, journey, handler):
    reference = journey.investigating()
    response = handler_api.post(
        f"/complaints/{reference}/actions",
        {"description": "Replace the boiler.", "due_on": in_days(14), "owner_id": handler.pk},
    )
    assert response.status_code == 201, response.content
    (action,) = response.json()["outstanding_actions"]
    assert (action["owner"], action["status"], action["stage"]) == (str(handler), "open", 1)
    assert etag_of(response) == snapshot(reference)[0]


def test_an_action_may_be_owned_by_someone_outside_the_system(handler_api, journey):
    action = add_action(handler_api, journey.investigating(), owner_description="Gas contractor")
    assert action["owner"] == "Gas contractor"


@pytest.mark.parametrize(
    ("changes", "provision", "field"),
    [
        ({}, "6.6", "owner_id"),
        ({"owner_description": "Contractor", "description": " "}, "6.6", "description"),
        ({"owner_description": "Contractor", "due_on": "2001-01-01"}, None, "due_on"),
        ({"owner_id": 999_999}, None, "owner_id"),
    ],
)
def test_an_action_without_an_owner_description_or_future_date_is_refused(
    handler_api, journey, changes, provision, field
):
    reference = journey.investigating()
    before = snapshot(reference)
    response = handler_api.post(
        f"/complaints/{reference}/actions",
        {"description": "Replace the boiler.", "due_on": in_days(14), **changes},
    )
    body = problem_of(response, 422)
    assert (body.get("provision"), body["field"]) == (provision, field)
    assert snapshot(reference) == before


def test_progress_on_an_action_is_recorded_with_when_the_resident_was_told(handler_api, journey):
    action = add_action(handler_api, journey.investigating(), owner_description="Contractor")
    response = handler_api.post(
        f"/actions/{action['id']}/updates",
        {"text": "Parts ordered.", "given_to_resident_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 201, response.content
    (update,) = response.json()["updates"]
    assert update["text"] == "Parts ordered."
    assert (
        problem_of(handler_api.post(f"/actions/{action['id']}/updates", {"text": " "}), 422)[
            "field"
        ]
        == "text"
    )
    assert (
        problem_of(handler_api.post(f"/actions/{action['id']}/updates", {}), 422)["field"] == "text"
    )


def test_completing_an_action_stops_further_updates(handler_api, journey):
    action = add_action(handler_api, journey.investigating(), owner_description="Contractor")
    response = handler_api.post(f"/actions/{action['id']}/complete", {})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "completed"
    problem_of(handler_api.post(f"/actions/{action['id']}/updates", {"text": "More."}), 422)
    problem_of(handler_api.post(f"/actions/{action['id']}/complete", {}), 422)


def test_an_action_completion_date_must_be_a_date(handler_api, journey):
    action = add_action(handler_api, journey.investigating(), owner_description="Contractor")
    body = problem_of(
        handler_api.post(f"/actions/{action['id']}/complete", {"completed_on": "later"}), 422
    )
    assert body["field"] == "completed_on"


def test_cancelling_an_action_needs_a_reason(officer_api, journey, handler_api):
    action = add_action(handler_api, journey.investigating(), owner_description="Contractor")
    assert (
        problem_of(officer_api.post(f"/actions/{action['id']}/cancel", {"reason": ""}), 422)[
            "field"
        ]
        == "reason"
    )
    response = officer_api.post(
        f"/actions/{action['id']}/cancel", {"reason": "The resident moved out."}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert OutstandingAction.objects.get().cancellation_reason == "The resident moved out."


def test_a_complaint_handler_cannot_cancel_an_action(handler_api, journey):
    action = add_action(handler_api, journey.investigating(), owner_description="Contractor")
    body = problem_of(handler_api.post(f"/actions/{action['id']}/cancel", {"reason": "No."}), 403)
    assert "cancel" in body["detail"]
    assert OutstandingAction.objects.get().status == "open"


@pytest.mark.parametrize("action", ["updates", "complete", "cancel"])
def test_an_unknown_action_is_404(officer_api, db, action):
    problem_of(officer_api.post(f"/actions/999999/{action}", {"text": "x", "reason": "x"}), 404)


def test_remedies_and_actions_stay_tracked_after_closure(officer_api, handler_api, journey):
    """Code 6.6, 6.17, 7.3: the response is given when the answer is known; what remains is
    still followed through after the complaint is closed."""
    reference = journey.investigating()
    remedy = offer(handler_api, reference, apology())
    action = add_action(handler_api, reference, owner_description="Contractor")
    journey.respond(reference)
    assert officer_api.post(f"/complaints/{reference}/close", {}).status_code == 200
    assert handler_api.post(f"/remedies/{remedy['id']}/complete", {}).status_code == 200
    assert handler_api.post(f"/actions/{action['id']}/complete", {}).status_code == 200
    detail = officer_api.get(f"/complaints/{reference}").json()
    assert detail["remedies"][0]["status"] == "completed"
    assert detail["outstanding_actions"][0]["status"] == "completed"
