"""Service requests (Code 1.4, 1.5): recorded and followed, and a complaint once dissatisfied."""

from __future__ import annotations

import pytest

from putright.complaints.models import Complaint, ServiceRequest
from tests.api.conftest import etag_of, problem_of


@pytest.fixture
def service_request(officer_api, resident) -> str:
    response = officer_api.post(
        "/service-requests",
        {"description": "The kitchen tap drips.", "channel": "phone", "resident_id": resident.pk},
    )
    assert response.status_code == 201, response.content
    return response.json()["reference"]


def test_logging_a_service_request(officer_api, resident):
    response = officer_api.post(
        "/service-requests",
        {"description": "The kitchen tap drips.", "channel": "phone", "resident_id": resident.pk},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["resident_id"], body["complaints"]) == ("open", resident.pk, [])
    assert ServiceRequest.objects.get(reference=body["reference"]).home_id == resident.home_id


@pytest.mark.parametrize(
    ("payload", "field", "provision"),
    [
        ({"description": " ", "channel": "phone"}, "description", "1.4"),
        ({"description": "Tap.", "channel": "carrier pigeon"}, "channel", None),
        ({"description": "Tap.", "channel": "phone", "resident_id": 999_999}, "resident_id", None),
        ({"channel": "phone"}, "description", None),
    ],
)
def test_a_service_request_with_a_bad_field_is_a_422(officer_api, db, payload, field, provision):
    body = problem_of(officer_api.post("/service-requests", payload), 422)
    assert (body["field"], body.get("provision")) == (field, provision)
    assert not ServiceRequest.objects.exists()


def test_the_governing_body_cannot_log_or_list_service_requests(governing_body_api, db):
    problem_of(
        governing_body_api.post("/service-requests", {"description": "Tap.", "channel": "phone"}),
        403,
    )
    problem_of(governing_body_api.get("/service-requests"), 403)


def test_listing_open_and_closed_service_requests(officer_api, service_request):
    assert [r["reference"] for r in officer_api.get("/service-requests").json()] == [
        service_request
    ]
    officer_api.post(f"/service-requests/{service_request}/close", {})
    assert officer_api.get("/service-requests").json() == []
    closed = officer_api.get("/service-requests", {"status": "closed"}).json()
    assert [r["reference"] for r in closed] == [service_request]


@pytest.mark.parametrize(
    ("query", "field"),
    [({"limit": 0}, "limit"), ({"offset": -1}, "offset"), ({"status": "lost"}, "status")],
)
def test_a_bad_service_request_list_parameter_is_a_422(officer_api, db, query, field):
    assert problem_of(officer_api.get("/service-requests", query), 422)["field"] == field


def test_reading_a_service_request(officer_api, service_request):
    response = officer_api.get(f"/service-requests/{service_request.lower()}")
    assert response.status_code == 200
    assert response.json()["reference"] == service_request


def test_an_unknown_service_request_is_404(officer_api, db):
    problem_of(officer_api.get("/service-requests/SR1999-99999"), 404)


def test_a_service_request_is_404_to_the_governing_body(governing_body_api, service_request):
    problem_of(governing_body_api.get(f"/service-requests/{service_request}"), 404)
    problem_of(governing_body_api.post(f"/service-requests/{service_request}/close", {}), 404)
    problem_of(
        governing_body_api.post(
            f"/service-requests/{service_request}/dissatisfaction",
            {"description": "Still dripping.", "channel": "phone"},
        ),
        404,
    )


def test_dissatisfaction_raises_a_complaint_and_the_request_stays_open(
    officer_api, service_request
):
    """Code 1.5."""
    response = officer_api.post(
        f"/service-requests/{service_request}/dissatisfaction",
        {"description": "Still dripping after three visits.", "channel": "phone"},
    )
    assert response.status_code == 201, response.content
    complaint = response.json()
    assert response["Location"] == f"/api/v1/complaints/{complaint['reference']}"
    assert etag_of(response) == 1
    assert complaint["service_request"] == service_request
    assert complaint["status"] == Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
    request_ = officer_api.get(f"/service-requests/{service_request}").json()
    assert request_["status"] == "open"
    assert request_["complaints"] == [complaint["reference"]]
    assert request_["dissatisfaction_expressed_at"] is not None


def test_dissatisfaction_must_be_described(officer_api, service_request):
    response = officer_api.post(
        f"/service-requests/{service_request}/dissatisfaction",
        {"description": "", "channel": "phone"},
    )
    body = problem_of(response, 422)
    assert (body["field"], body["provision"]) == ("description", "5.12")
    assert not Complaint.objects.exists()
    missing = officer_api.post(
        f"/service-requests/{service_request}/dissatisfaction", {"description": "Still."}
    )
    assert problem_of(missing, 422)["field"] == "channel"


def test_closing_a_service_request_once(officer_api, service_request):
    response = officer_api.post(f"/service-requests/{service_request}/close", {"note": "Fixed."})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "closed"
    assert (
        "already closed"
        in problem_of(officer_api.post(f"/service-requests/{service_request}/close", {}), 422)[
            "detail"
        ]
    )
    assert (
        problem_of(
            officer_api.post(f"/service-requests/{service_request}/close", {"note": 5}), 422
        )["field"]
        == "note"
    )
