"""Every error is RFC 9457 problem details: application/problem+json with a detail."""

from __future__ import annotations

import json

import pytest

from putright.api.api import api
from putright.complaints.models import Complaint
from tests.api.conftest import PROBLEM, problem_of

JSON_POSTS = [
    path.removeprefix("/api/v1")
    for path, methods in api.get_openapi_schema()["paths"].items()
    if "post" in methods
    and "application/json" in methods["post"].get("requestBody", {}).get("content", {})
]


def concrete(path: str, reference: str) -> str:
    return (
        path.replace("{reference}", reference)
        .replace("{remedy_id}", "1")
        .replace("{action_id}", "1")
        .replace("{resident_id}", "1")
    )


def test_every_post_but_the_multipart_one_takes_json():
    posts = {
        path.removeprefix("/api/v1")
        for path, methods in api.get_openapi_schema()["paths"].items()
        if "post" in methods
    }
    assert posts - set(JSON_POSTS) == {"/complaints/{reference}/correspondence"}


@pytest.mark.parametrize("path", JSON_POSTS)
def test_malformed_json_is_a_400_problem_on_every_endpoint(officer_api, journey, path):
    reference = journey.log()
    before = Complaint.objects.get(reference=reference).version
    response = officer_api.post(concrete(path, reference), '{"description": "unterminated')
    body = problem_of(response, 400)
    assert body["title"] == "Bad request"
    assert body["type"] == "about:blank"
    assert Complaint.objects.get(reference=reference).version == before


def test_a_json_body_that_is_not_an_object_is_a_422(officer_api, db):
    response = officer_api.post("/complaints", json.dumps(["description", "channel"]))
    assert problem_of(response, 422)["errors"]


def test_a_422_from_the_schema_lists_every_error(officer_api, db):
    body = problem_of(officer_api.post("/complaints", {}), 422)
    locations = {error["location"] for error in body["errors"]}
    assert locations == {"body.payload.description", "body.payload.channel"}
    assert body["title"] == "The request is not valid"
    assert body["detail"].startswith("body.payload.")
    assert "provision" not in body


def test_a_problem_without_a_provision_has_no_provision_member(officer_api, journey):
    reference = journey.log()
    body = problem_of(officer_api.post(f"/complaints/{reference}/close", {}), 422)
    assert body["type"] == "about:blank"
    assert "provision" not in body and "field" not in body


def test_a_problem_under_the_code_names_the_provision_in_its_type(officer_api, journey):
    reference = journey.log()
    body = problem_of(officer_api.post(f"/complaints/{reference}/acknowledge", {}), 422)
    assert body == {
        "type": "urn:putright:complaint-handling-code:6.2",
        "title": "The Complaint Handling Code or the rules do not allow this",
        "status": 422,
        "detail": body["detail"],
        "provision": "6.2",
    }


@pytest.mark.parametrize(
    ("status", "request_"),
    [
        (400, lambda c, ref: c.post("/complaints", "{")),
        (401, lambda c, ref: c.client.get("/api/v1/complaints")),
        (403, lambda c, ref: c.get("/service-requests")),
        (404, lambda c, ref: c.get(f"/complaints/{ref}")),
        (412, lambda c, ref: c.post(f"/complaints/{ref}/close", {}, headers={"If-Match": '"0"'})),
        (422, lambda c, ref: c.get("/complaints", {"limit": 0})),
    ],
)
def test_every_error_status_is_problem_json(governing_body_api, journey, status, request_):
    response = request_(governing_body_api, journey.log())
    if status == 412:  # someone who can see the complaint, to get past 404
        response = request_(journey.officer_api, journey.log())
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    assert set(json.loads(response.content)) >= {"type", "title", "status", "detail"}


def test_the_schema_documents_the_problem_responses():
    schema = api.get_openapi_schema()
    problem = schema["components"]["schemas"]["Problem"]
    assert {"provision", "field", "detail", "status", "title", "type"} <= set(problem["properties"])
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            documented = {str(code) for code in operation["responses"]}
            assert {"400", "401", "403", "404", "422"} <= documented, (method, path)


@pytest.mark.parametrize(
    ("method", "path", "field"),
    [
        ("GET", "/residents/abc", "resident_id"),
        ("POST", "/residents/abc/representatives", "resident_id"),
        ("POST", "/remedies/abc/response", "remedy_id"),
        ("POST", "/remedies/abc/payment", "remedy_id"),
        ("POST", "/remedies/abc/complete", "remedy_id"),
        ("POST", "/actions/abc/updates", "action_id"),
        ("POST", "/actions/abc/complete", "action_id"),
        ("POST", "/actions/abc/cancel", "action_id"),
        ("GET", "/complaints/{reference}/attachments/abc", "attachment_id"),
    ],
)
def test_a_path_id_that_is_not_a_number_is_a_422_naming_it(
    officer_api, journey, method, path, field
):
    response = officer_api.request(method, path.replace("{reference}", journey.log()), {})
    body = problem_of(response, 422)
    assert body["field"] == field
    assert body["errors"][0]["location"] == f"path.{field}"
