"""Concurrent edits: the ETag is the complaint's version; If-Match with a stale one is 412.

Two people working on one complaint must never overwrite each other without knowing: a write
that names the version it read is refused if the complaint has moved on, and nothing changes.
"""

from __future__ import annotations

import contextlib
import datetime
import threading
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from putright.complaints import services as complaint_services
from putright.complaints.models import Complaint, Correspondence, Stage
from putright.core.actors import Actor
from putright.remedies import services as remedy_services
from putright.remedies.models import OutstandingAction, Remedy
from tests.api.conftest import etag_of, problem_of, snapshot

NEXT_WEEK = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
TODAY = timezone.localdate().isoformat()

DEFINITION = {
    "definition": "The boiler repair was not completed.",
    "outcomes_sought": "The boiler fixed.",
    "responsible_for": "Repairs.",
    "points": ["Not repaired"],
}


def if_match(version: int | str) -> dict[str, str]:
    return {"If-Match": f'"{version}"'}


# ------------------------------------------------ ETag


def test_the_etag_is_the_version_on_reads_and_on_every_write(officer_api, handler_api, journey):
    created = journey.officer_api.post(
        "/complaints",
        {"description": "No heating.", "channel": "phone", "resident_id": journey.resident.pk},
    )
    reference = created.json()["reference"]
    versions = [etag_of(created)]
    steps: list[tuple[Callable, str, dict]] = [
        (officer_api.post, "define", DEFINITION),
        (officer_api.post, "acknowledge", {}),
        (officer_api.post, "assign", {"handler_id": journey.handler.pk}),
        (handler_api.post, "declare-conflict", {"has_conflict": False}),
        (
            handler_api.post,
            "agree-updates",
            {"interval_working_days": 5, "method": "phone", "agreed_on": TODAY},
        ),
        (officer_api.post, "categorise", {}),
        (
            handler_api.post,
            "remedies",
            {"kind": "apology", "description": "d", "due_on": NEXT_WEEK},
        ),
        (
            handler_api.post,
            "actions",
            {"description": "d", "due_on": NEXT_WEEK, "owner_description": "o"},
        ),
    ]
    for post, action, payload in steps:
        response = post(
            f"/complaints/{reference}/{action}", payload, headers=if_match(versions[-1])
        )
        assert response.status_code in (200, 201), (action, response.content)
        versions.append(etag_of(response))
        read = officer_api.get(f"/complaints/{reference}")
        assert etag_of(read) == versions[-1] == Complaint.objects.get(reference=reference).version
    assert versions == list(range(1, len(steps) + 2))


def test_a_weak_etag_is_accepted_in_if_match(officer_api, journey):
    reference = journey.log()
    response = officer_api.post(
        f"/complaints/{reference}/define", DEFINITION, headers={"If-Match": 'W/"1"'}
    )
    assert response.status_code == 200, response.content


def test_an_if_match_that_is_not_an_etag_is_a_422_naming_the_header(officer_api, journey):
    reference = journey.log()
    before = snapshot(reference)
    response = officer_api.post(
        f"/complaints/{reference}/define", DEFINITION, headers={"If-Match": "yesterday"}
    )
    assert problem_of(response, 422)["field"] == "If-Match"
    assert snapshot(reference) == before


# ------------------------------------------------ a stale If-Match changes nothing

# Every write on a complaint, with a valid request, so that only the version can refuse it.
WRITES: dict[str, dict | str] = {
    "define": DEFINITION,
    "acknowledge": {},
    "assign": {"handler_id": "handler"},
    "declare-conflict": {"has_conflict": False},
    "extend": {
        "working_days": 2,
        "reason": "Waiting for a report.",
        "resident_informed_on": TODAY,
        "ombudsman_details_given": True,
    },
    "agree-updates": {"interval_working_days": 5, "method": "phone", "agreed_on": TODAY},
    "respond": {
        "outcome": "upheld",
        "decision": "We will fix it.",
        "findings": [{"point": 1, "finding": "upheld", "reasons": "Closed in error."}],
    },
    "escalate": {},
    "refuse": {
        "ground": "legal_proceedings",
        "evidence": "Court papers.",
        "explanation": "Before the court.",
        "ombudsman_right_explained": True,
    },
    "withdraw": {},
    "close": {},
    "categorise": {},
    "additional-issues": {"description": "The radiator too."},
    "remedies": {"kind": "apology", "description": "An apology.", "due_on": NEXT_WEEK},
    "actions": {"description": "Fix it.", "due_on": NEXT_WEEK, "owner_description": "Contractor"},
    "correspondence": "multipart",
}


def _ready_for(action: str, journey) -> str:
    """A complaint in a state where ``action`` would succeed."""
    if action in ("define", "assign", "refuse"):
        return journey.log()
    if action == "acknowledge":
        reference = journey.log()
        journey.define(reference)
        return reference
    if action == "declare-conflict":
        reference = journey.log()
        journey.assign(reference)
        return reference
    if action in ("escalate", "close"):
        return journey.responded()
    return journey.investigating()


def _write(client, reference: str, action: str, handler, headers: dict):
    payload = WRITES[action]
    path = f"/complaints/{reference}/{action}"
    if payload == "multipart":
        return client.post_multipart(
            path,
            {
                "direction": "in",
                "medium": "email",
                "body": "Hello",
                "documents": [SimpleUploadedFile("a.txt", b"evidence", "text/plain")],
            },
            headers,
        )
    if payload == {"handler_id": "handler"}:
        payload = {"handler_id": handler.pk}
    return client.post(path, payload, headers=headers)


def _everything(reference: str) -> tuple:
    complaint = Complaint.objects.get(reference=reference)
    return (
        snapshot(reference),
        list(Stage.objects.filter(complaint=complaint).values()),
        Remedy.objects.filter(complaint=complaint).count(),
        OutstandingAction.objects.filter(complaint=complaint).count(),
        Correspondence.objects.filter(complaint=complaint).count(),
        complaint.attachments.count(),
        Complaint.objects.count(),
    )


@pytest.mark.parametrize("action", list(WRITES))
def test_a_write_with_a_stale_if_match_is_412_and_changes_nothing(
    manager_api, journey, handler, action
):
    reference = _ready_for(action, journey)
    # The manager may do every one of these writes (declare-conflict: see the next test).
    client = journey.handler_api if action == "declare-conflict" else manager_api
    current = Complaint.objects.get(reference=reference).version
    before = _everything(reference)
    response = _write(client, reference, action, handler, if_match(current - 1))
    body = problem_of(response, 412)
    assert f"version {current}" in body["detail"]
    assert _everything(reference) == before
    # The same write, naming the current version, goes through.
    response = _write(client, reference, action, handler, if_match(current))
    assert response.status_code in (200, 201), response.content
    assert Complaint.objects.get(reference=reference).version > current


def test_without_if_match_a_write_applies_to_the_complaint_as_it_now_is(officer_api, journey):
    reference = journey.log()
    officer_api.post(f"/complaints/{reference}/define", DEFINITION)
    response = officer_api.post(f"/complaints/{reference}/acknowledge", {})
    assert response.status_code == 200
    assert etag_of(response) == 3


# ------------------------------------------------ two clients racing


def test_two_clients_on_the_same_version_one_wins_and_the_other_gets_412(
    officer_api, manager_api, journey
):
    reference = journey.log()
    seen_by_officer = etag_of(officer_api.get(f"/complaints/{reference}"))
    seen_by_manager = etag_of(manager_api.get(f"/complaints/{reference}"))
    assert seen_by_officer == seen_by_manager
    first = officer_api.post(
        f"/complaints/{reference}/define", DEFINITION, headers=if_match(seen_by_officer)
    )
    assert first.status_code == 200
    after_first = _everything(reference)
    second = manager_api.post(
        f"/complaints/{reference}/define",
        {**DEFINITION, "definition": "Something else entirely."},
        headers=if_match(seen_by_manager),
    )
    problem_of(second, 412)
    assert _everything(reference) == after_first
    assert Stage.objects.get(complaint__reference=reference).definition == DEFINITION["definition"]


def test_a_write_that_lands_after_the_if_match_check_still_makes_the_other_412(
    officer_api, manager_api, journey, monkeypatch
):
    """The If-Match check and the change are not separate: if another write lands between
    the endpoint's check and the service's change, the service refuses with 412 too."""
    reference = journey.log()
    version = Complaint.objects.get(reference=reference).version
    real_define = complaint_services.stage_define
    interloper: list = []

    def define_after_someone_else(**kwargs):
        monkeypatch.setattr(complaint_services, "stage_define", real_define)
        # The manager's write lands first, after our If-Match check passed.
        interloper.append(
            manager_api.post(
                f"/complaints/{reference}/define",
                {**DEFINITION, "definition": "The manager's definition."},
                headers=if_match(version),
            )
        )
        return real_define(**kwargs)

    monkeypatch.setattr(complaint_services, "stage_define", define_after_someone_else)
    ours = officer_api.post(
        f"/complaints/{reference}/define", DEFINITION, headers=if_match(version)
    )
    (theirs,) = interloper
    assert theirs.status_code == 200, theirs.content
    problem_of(ours, 412)
    stage = Stage.objects.get(complaint__reference=reference)
    assert stage.definition == "The manager's definition."
    assert Complaint.objects.get(reference=reference).version == version + 1


def _race(requests: list[Callable]) -> list:
    """Run the requests at the same moment in separate threads (each its own connection)."""
    barrier = threading.Barrier(len(requests))
    results: list = [None] * len(requests)

    def run(index: int, request: Callable) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = request()
        except Exception as exc:  # surfaced by the assertions below
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


# The service each write calls once its If-Match check has passed.
SERVICES = {
    "define": (complaint_services, "stage_define"),
    "remedies": (remedy_services, "remedy_offer"),
    "correspondence": (complaint_services, "correspondence_record"),
}


@pytest.mark.parametrize("action", list(SERVICES))
def test_two_clients_racing_on_the_same_version_get_one_success_and_one_412(
    transactional_db, officer_api, manager_api, journey, handler, action, monkeypatch
):
    """Both requests are in flight at once; each, once past its If-Match check, waits for the
    other to get as far before changing anything. If the check and the change were not one
    step under a lock, both would get there, and both would succeed."""
    reference = journey.investigating() if action != "define" else journey.log()
    version = Complaint.objects.get(reference=reference).version
    before = _everything(reference)
    module, name = SERVICES[action]
    real_service = getattr(module, name)
    past_the_check = threading.Barrier(2)

    def service_once_both_are_past_the_check(**kwargs):
        # A broken barrier: the other request is held at the lock, as it should be.
        with contextlib.suppress(threading.BrokenBarrierError):
            past_the_check.wait(timeout=1.5)
        return real_service(**kwargs)

    monkeypatch.setattr(module, name, service_once_both_are_past_the_check)
    results = _race(
        [
            lambda client=client: _write(client, reference, action, handler, if_match(version))
            for client in (officer_api, manager_api)
        ]
    )
    statuses = sorted(getattr(r, "status_code", repr(r)) for r in results)
    assert statuses in ([200, 412], [201, 412]), [getattr(r, "content", r) for r in results]
    loser = next(r for r in results if r.status_code == 412)
    problem_of(loser, 412)
    assert Complaint.objects.get(reference=reference).version == version + 1
    after = _everything(reference)
    # Exactly one write's worth of change: one remedy or one message (or one definition).
    assert after[2] - before[2] + after[4] - before[4] == (0 if action == "define" else 1)


# ------------------------------------------------ remedies and outstanding actions

# Writes on a remedy or an outstanding action change the complaint, so they take its ETag too.
REMEDY_WRITES: dict[str, dict] = {
    "response": {"accepted": True},
    "payment": {"paid_on": TODAY},
    "complete": {"completed_on": TODAY},
}
ACTION_WRITES: dict[str, dict] = {
    "updates": {"text": "The contractor is booked."},
    "complete": {"completed_on": TODAY},
    "cancel": {"reason": "Done under another complaint."},
}


def _remedy_path(journey, manager_api, write: str) -> tuple[str, str]:
    reference = journey.investigating()
    kind = {
        "kind": "financial",
        "amount_distress_and_inconvenience": "50.00",
        "payment_method": "bank",
    }
    if write != "payment":
        kind = {"kind": "apology"}
    offered = manager_api.post(
        f"/complaints/{reference}/remedies",
        {"description": "Put right.", "due_on": NEXT_WEEK, **kind},
    )
    assert offered.status_code == 201, offered.content
    remedy = Remedy.objects.get(complaint__reference=reference)
    if write == "payment":
        remedy_services.remedy_record_response(
            actor=Actor.system(remedy.complaint.landlord_id),
            remedy=remedy,
            accepted=True,
        )
    return reference, f"/remedies/{remedy.pk}/{write}"


def _action_path(journey, manager_api, write: str) -> tuple[str, str]:
    reference = journey.investigating()
    added = manager_api.post(
        f"/complaints/{reference}/actions",
        {"description": "Fix it.", "due_on": NEXT_WEEK, "owner_description": "Contractor"},
    )
    assert added.status_code == 201, added.content
    action = OutstandingAction.objects.get(complaint__reference=reference)
    return reference, f"/actions/{action.pk}/{write}"


@pytest.mark.parametrize(
    ("target", "write"),
    [("remedy", w) for w in REMEDY_WRITES] + [("action", w) for w in ACTION_WRITES],
)
def test_a_remedy_or_action_write_with_a_stale_if_match_is_412_and_changes_nothing(
    manager_api, journey, target, write
):
    make_path = _remedy_path if target == "remedy" else _action_path
    payload = (REMEDY_WRITES if target == "remedy" else ACTION_WRITES)[write]
    reference, path = make_path(journey, manager_api, write)
    current = Complaint.objects.get(reference=reference).version
    before = (
        _everything(reference),
        list(Remedy.objects.values()),
        list(OutstandingAction.objects.values()),
    )
    problem_of(manager_api.post(path, payload, headers=if_match(current - 1)), 412)
    assert (
        _everything(reference),
        list(Remedy.objects.values()),
        list(OutstandingAction.objects.values()),
    ) == before
    response = manager_api.post(path, payload, headers=if_match(current))
    assert response.status_code in (200, 201), response.content
    # The body is the remedy or action; the ETag is still the complaint's version.
    now = Complaint.objects.get(reference=reference).version
    assert response["ETag"] == f'"{now}"'
    assert now > current
