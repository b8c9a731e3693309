"""A complaint outside someone's sight does not exist for them: 404, never 403, and no change.

A complaint handler sees the complaints they handle or logged and their team's; the governing
body sees none (it reads reports). Every endpoint that names a complaint, a remedy or an
outstanding action answers 404 to anyone else, with a valid request, and changes nothing.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from putright.remedies.models import OutstandingAction, Remedy
from tests.api.conftest import problem_of, snapshot

TODAY = timezone.localdate().isoformat()
NEXT_WEEK = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()

# A valid request for each endpoint, so that only visibility can refuse it.
COMPLAINT_ENDPOINTS = {
    ("GET", "/complaints/{reference}"): None,
    ("GET", "/complaints/{reference}/timeline"): None,
    ("GET", "/complaints/{reference}/correspondence"): None,
    ("GET", "/complaints/{reference}/attachments/{attachment_id}"): None,
    ("POST", "/complaints/{reference}/define"): {
        "definition": "d",
        "outcomes_sought": "o",
        "responsible_for": "r",
        "points": ["p"],
    },
    ("POST", "/complaints/{reference}/acknowledge"): {},
    ("POST", "/complaints/{reference}/assign"): {"handler_id": "{handler_id}"},
    ("POST", "/complaints/{reference}/declare-conflict"): {"has_conflict": False},
    ("POST", "/complaints/{reference}/extend"): {
        "working_days": 2,
        "reason": "r",
        "resident_informed_on": TODAY,
        "ombudsman_details_given": True,
    },
    ("POST", "/complaints/{reference}/agree-updates"): {
        "interval_working_days": 5,
        "method": "phone",
        "agreed_on": TODAY,
    },
    ("POST", "/complaints/{reference}/respond"): {
        "outcome": "upheld",
        "decision": "d",
        "findings": [{"point": 1, "finding": "upheld", "reasons": "r"}],
    },
    ("POST", "/complaints/{reference}/escalate"): {},
    ("POST", "/complaints/{reference}/refuse"): {
        "ground": "legal_proceedings",
        "evidence": "e",
        "explanation": "x",
        "ombudsman_right_explained": True,
    },
    ("POST", "/complaints/{reference}/withdraw"): {},
    ("POST", "/complaints/{reference}/close"): {},
    ("POST", "/complaints/{reference}/categorise"): {},
    ("POST", "/complaints/{reference}/additional-issues"): {"description": "d"},
    ("POST", "/complaints/{reference}/remedies"): {
        "kind": "apology",
        "description": "d",
        "due_on": NEXT_WEEK,
    },
    ("POST", "/complaints/{reference}/actions"): {
        "description": "d",
        "due_on": NEXT_WEEK,
        "owner_description": "o",
    },
    ("POST", "/complaints/{reference}/correspondence"): "multipart",
}

REMEDY_AND_ACTION_ENDPOINTS = {
    ("POST", "/remedies/{remedy_id}/response"): {"accepted": True},
    ("POST", "/remedies/{remedy_id}/payment"): {"paid_on": TODAY},
    ("POST", "/remedies/{remedy_id}/complete"): {},
    ("POST", "/actions/{action_id}/updates"): {"text": "t"},
    ("POST", "/actions/{action_id}/complete"): {},
    ("POST", "/actions/{action_id}/cancel"): {"reason": "r"},
}


@pytest.fixture
def teams_complaint(journey, handler_api, officer_api):
    """A complaint at stage 1 handled by the team, with a document, a remedy and an action."""
    reference = journey.investigating()
    message = officer_api.post_multipart(
        f"/complaints/{reference}/correspondence",
        {
            "direction": "in",
            "medium": "email",
            "documents": [SimpleUploadedFile("a.txt", b"evidence", "text/plain")],
        },
    ).json()
    handler_api.post(
        f"/complaints/{reference}/remedies",
        {
            "kind": "financial",
            "description": "d",
            "due_on": NEXT_WEEK,
            "amount_statutory": "10",
            "payment_method": "bank",
        },
    )
    handler_api.post(
        f"/complaints/{reference}/actions",
        {"description": "d", "due_on": NEXT_WEEK, "owner_description": "o"},
    )
    return {
        "reference": reference,
        "attachment_id": message["attachments"][0]["id"],
        "remedy_id": Remedy.objects.get().pk,
        "action_id": OutstandingAction.objects.get().pk,
    }


def send(client, method, template, payload, ids, handler):
    path = template.format(**ids)
    if payload == "multipart":
        return client.post_multipart(path, {"direction": "in", "medium": "email", "body": "b"})
    if isinstance(payload, dict) and payload.get("handler_id") == "{handler_id}":
        payload = {"handler_id": handler.pk}
    return client.request(method, path, payload)


def state(ids) -> tuple:
    remedy = Remedy.objects.get(pk=ids["remedy_id"])
    action = OutstandingAction.objects.get(pk=ids["action_id"])
    return snapshot(ids["reference"]), remedy.status, action.status, action.updates.count()


@pytest.mark.parametrize(("method", "path"), list(COMPLAINT_ENDPOINTS))
def test_a_handler_outside_the_team_gets_404_from_every_complaint_endpoint(
    outsider_api, teams_complaint, handler, handler_api, method, path
):
    payload = COMPLAINT_ENDPOINTS[(method, path)]
    if method == "GET":  # the team's own handler can read it: it exists
        assert handler_api.get(path.format(**teams_complaint)).status_code == 200
    before = state(teams_complaint)
    problem_of(send(outsider_api, method, path, payload, teams_complaint, handler), 404)
    assert state(teams_complaint) == before


@pytest.mark.parametrize(("method", "path"), list(COMPLAINT_ENDPOINTS))
def test_the_governing_body_gets_404_from_every_complaint_endpoint(
    governing_body_api, teams_complaint, handler, method, path
):
    before = state(teams_complaint)
    payload = COMPLAINT_ENDPOINTS[(method, path)]
    problem_of(send(governing_body_api, method, path, payload, teams_complaint, handler), 404)
    assert state(teams_complaint) == before


@pytest.mark.parametrize(("method", "path"), list(REMEDY_AND_ACTION_ENDPOINTS))
def test_a_handler_outside_the_team_gets_404_for_its_remedies_and_actions(
    outsider_api, governing_body_api, teams_complaint, handler, method, path
):
    payload = REMEDY_AND_ACTION_ENDPOINTS[(method, path)]
    before = state(teams_complaint)
    for client in (outsider_api, governing_body_api):
        problem_of(send(client, method, path, payload, teams_complaint, handler), 404)
    assert state(teams_complaint) == before


@pytest.mark.parametrize(("method", "path"), list(REMEDY_AND_ACTION_ENDPOINTS))
def test_the_same_requests_find_the_remedy_or_action_for_someone_who_sees_the_complaint(
    officer_api, teams_complaint, handler, method, path
):
    payload = REMEDY_AND_ACTION_ENDPOINTS[(method, path)]
    response = send(officer_api, method, path, payload, teams_complaint, handler)
    assert response.status_code != 404, response.content
