from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from putright.accounts.models import Team, User
from putright.api.tokens import api_token_create
from putright.complaints.models import Complaint
from putright.core.actors import Actor
from putright.core.models import Event

PROBLEM = "application/problem+json"


class ApiClient:
    """A test client that speaks to /api/v1/ with a bearer token."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.token = token
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, data: dict | None = None, headers: dict | None = None):
        return self.client.get(
            f"/api/v1{path}", data=data, headers={**self.headers, **(headers or {})}
        )

    def post(self, path: str, data=None, headers: dict | None = None, **kwargs):
        return self.client.post(
            f"/api/v1{path}",
            data=data if data is not None else {},
            content_type=kwargs.pop("content_type", "application/json"),
            headers={**self.headers, **(headers or {})},
            **kwargs,
        )

    def post_multipart(self, path: str, data: dict, headers: dict | None = None):
        """A multipart/form-data POST (the test client encodes files given as file objects)."""
        return self.client.post(
            f"/api/v1{path}", data=data, headers={**self.headers, **(headers or {})}
        )

    def request(self, method: str, path: str, data: Any = None, headers: dict | None = None):
        if method == "GET":
            return self.get(path, headers=headers)
        return self.post(path, data, headers=headers)


def problem_of(response, status: int) -> dict[str, Any]:
    """The problem+json body of an error response, after checking its status and media type."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"] == PROBLEM, response["Content-Type"]
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    return body


def snapshot(reference: str) -> tuple[int, str, int]:
    """What must not move when a write is refused: version, status and the history's length."""
    complaint = Complaint.objects.get(reference=reference)
    return (
        complaint.version,
        complaint.status,
        Event.objects.filter(complaint_id=complaint.pk).count(),
    )


def etag_of(response) -> int:
    """The complaint version carried in the ETag header, checked against the body."""
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"'), etag
    version = int(etag.strip('"'))
    assert response.json()["version"] == version
    return version


@pytest.fixture
def api_as(db) -> Callable[[User, str], ApiClient]:
    def make(user: User, role: str) -> ApiClient:
        issued = api_token_create(
            actor=Actor.system(user.landlord_id), user=user, role=role, name="Test integration"
        )
        return ApiClient(issued.secret)

    return make


@pytest.fixture
def anonymous() -> ApiClient:
    return ApiClient(None)


@pytest.fixture
def officer_api(api_as, officer) -> ApiClient:
    return api_as(officer, "complaints_officer")


@pytest.fixture
def handler_api(api_as, handler) -> ApiClient:
    return api_as(handler, "complaint_handler")


@pytest.fixture
def second_handler_api(api_as, second_handler) -> ApiClient:
    return api_as(second_handler, "complaint_handler")


@pytest.fixture
def manager_api(api_as, manager) -> ApiClient:
    return api_as(manager, "senior_lead")


@pytest.fixture
def governing_body_api(api_as, make_staff) -> ApiClient:
    return api_as(make_staff("governing_body", username="board"), "governing_body")


@pytest.fixture
def outsider(make_staff, landlord) -> User:
    """A complaint handler in another team: they see neither our team's complaints nor ours."""
    other_team = Team.objects.create(landlord=landlord, name="Anti-social behaviour")
    return make_staff("complaint_handler", team=other_team, username="outsider")


@pytest.fixture
def outsider_api(api_as, outsider) -> ApiClient:
    return api_as(outsider, "complaint_handler")


class Journey:
    """Drives a complaint through its lifecycle over HTTP, checking each step succeeds."""

    def __init__(self, officer_api: ApiClient, handler_api: ApiClient, resident, handler: User):
        self.officer_api = officer_api
        self.handler_api = handler_api
        self.resident = resident
        self.handler = handler

    def _ok(self, response, status: int = 200) -> dict[str, Any]:
        assert response.status_code == status, response.content[:800]
        return response.json()

    def log(self, **fields: Any) -> str:
        payload = {
            "description": "The repair to my boiler was not done.",
            "channel": "phone",
            "resident_id": self.resident.pk,
            **fields,
        }
        return self._ok(self.officer_api.post("/complaints", payload), 201)["reference"]

    def define(self, reference: str, points: tuple[str, ...] = ("The repair was not done",)):
        return self._ok(
            self.officer_api.post(
                f"/complaints/{reference}/define",
                {
                    "definition": "The boiler repair reported in May was not completed.",
                    "outcomes_sought": "The boiler fixed.",
                    "responsible_for": "Repairs to the boiler.",
                    "points": list(points),
                },
            )
        )

    def acknowledge(self, reference: str):
        return self._ok(self.officer_api.post(f"/complaints/{reference}/acknowledge", {}))

    def assign(self, reference: str, handler: User | None = None):
        handler = handler or self.handler
        return self._ok(
            self.officer_api.post(f"/complaints/{reference}/assign", {"handler_id": handler.pk})
        )

    def declare_no_conflict(self, reference: str, client: ApiClient | None = None):
        return self._ok(
            (client or self.handler_api).post(
                f"/complaints/{reference}/declare-conflict", {"has_conflict": False}
            )
        )

    def respond(self, reference: str, client: ApiClient | None = None, points: int = 1):
        return self._ok(
            (client or self.handler_api).post(
                f"/complaints/{reference}/respond",
                {
                    "outcome": "upheld",
                    "decision": "We got this wrong and will fix the boiler.",
                    "findings": [
                        {"point": n, "finding": "upheld", "reasons": "The job was closed in error."}
                        for n in range(1, points + 1)
                    ],
                },
            )
        )

    def escalate(self, reference: str):
        return self._ok(self.officer_api.post(f"/complaints/{reference}/escalate", {}))

    def stage_two_investigating(self, handler: User, handler_api: ApiClient) -> str:
        """A complaint at stage 2, defined, acknowledged, assigned to ``handler``, no conflict."""
        reference = self.responded()
        self.escalate(reference)
        self.define(reference, points=("The remedy was not enough",))
        self.acknowledge(reference)
        self.assign(reference, handler)
        self.declare_no_conflict(reference, handler_api)
        return reference

    def investigating(self, **fields: Any) -> str:
        """A complaint at stage 1, defined, acknowledged, assigned and with no conflict."""
        reference = self.log(**fields)
        self.define(reference)
        self.acknowledge(reference)
        self.assign(reference)
        self.declare_no_conflict(reference)
        return reference

    def responded(self, **fields: Any) -> str:
        reference = self.investigating(**fields)
        self.respond(reference)
        return reference


@pytest.fixture
def journey(officer_api, handler_api, resident, handler) -> Journey:
    return Journey(officer_api, handler_api, resident, handler)
