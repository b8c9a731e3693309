"""Many people at once: references stay unique, and two changes made against the same version
of a complaint do not both go through. Real threads, each on its own database connection
(PostgreSQL row locks; SQLite serialises writers behind its busy timeout)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from putright.complaints.models import Channel, Complaint, ReferenceCounter, ServiceRequest
from putright.complaints.services import (
    ComplaintDetails,
    complaint_escalate,
    complaint_log,
    service_request_log,
    stage_assign,
)
from putright.core.actors import Actor
from putright.core.errors import ConflictError, DomainError
from putright.core.models import Event
from tests.complaints.lifecycle import london, stage_of

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 10


def run_at_once(tasks: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Run each task in its own thread, all released together; their results and errors."""
    barrier = threading.Barrier(len(tasks))
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(task: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            result = task()
            with lock:
                results.append(result)
        except BaseException as error:  # reported to the test, whatever it is
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(task,)) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results, errors


def test_complaint_references_stay_unique_when_many_are_logged_at_once(landlord, officer, resident):
    def log() -> str:
        return complaint_log(
            actor=Actor.for_user(officer),
            landlord=landlord,
            details=ComplaintDetails(
                description="The lift is broken.",
                channel=Channel.PHONE,
                resident=resident,
                received_at=london(2026, 3, 2, 9),
            ),
        ).reference

    references, errors = run_at_once([log] * THREADS)
    assert errors == []
    assert sorted(references) == [f"C2026-{n:05d}" for n in range(1, THREADS + 1)]
    assert Complaint.objects.count() == THREADS
    counter = ReferenceCounter.objects.get(landlord=landlord, kind="complaint", year=2026)
    assert counter.last_value == THREADS


def test_complaints_and_service_requests_logged_together_keep_their_own_sequences(
    landlord, officer, resident
):
    def log_complaint() -> str:
        return complaint_log(
            actor=Actor.for_user(officer),
            landlord=landlord,
            details=ComplaintDetails(
                description="Mould.",
                channel=Channel.EMAIL,
                resident=resident,
                received_at=london(2026, 3, 2, 9),
            ),
        ).reference

    def log_request() -> str:
        return service_request_log(
            actor=Actor.for_user(officer),
            landlord=landlord,
            description="Fix the lift.",
            channel=Channel.PHONE,
            resident=resident,
            received_at=london(2026, 3, 2, 9),
        ).reference

    half = THREADS // 2
    references, errors = run_at_once([log_complaint] * half + [log_request] * half)
    assert errors == []
    assert sorted(r for r in references if r.startswith("C")) == [
        f"C2026-{n:05d}" for n in range(1, half + 1)
    ]
    assert sorted(r for r in references if r.startswith("SR")) == [
        f"SR2026-{n:05d}" for n in range(1, half + 1)
    ]
    assert ServiceRequest.objects.count() == half


def test_two_changes_against_the_same_version_exactly_one_goes_through(
    log_complaint, lifecycle, officer, handler, second_handler
):
    complaint = lifecycle.acknowledge(lifecycle.define(log_complaint()))
    version = complaint.version

    def assign(user) -> Callable[[], Any]:
        return lambda: (
            stage_assign(
                actor=Actor.for_user(officer),
                complaint=complaint,
                handler=user,
                expected_version=version,
            ).handler
        )

    winners, errors = run_at_once([assign(handler), assign(second_handler)])
    assert len(winners) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], ConflictError)
    assert stage_of(complaint, 1).handler == winners[0]
    assert Complaint.objects.get(pk=complaint.pk).version == version + 1
    assert Event.objects.filter(complaint_id=complaint.pk, action="stage.assigned").count() == 1


def test_two_requests_for_stage_two_at_once_open_only_one_stage_two(log_complaint, lifecycle):
    complaint = lifecycle.responded(log_complaint())

    def escalate() -> int:
        return complaint_escalate(
            actor=Actor.resident(complaint.landlord_id), complaint=complaint
        ).number

    stages, errors = run_at_once([escalate, escalate])
    assert stages == [2]
    assert len(errors) == 1
    assert isinstance(errors[0], DomainError)
    assert errors[0].provision == "5.3"
    assert complaint.stages.count() == 2
