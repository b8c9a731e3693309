"""Claims: no two workers ever deliver the same message; a dead worker's claim runs out."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from putright.outbox.models import DeliveryAttempt, OutboxMessage
from putright.outbox.services import DEFAULT_LEASE, outbox_claim_due
from putright.outbox.worker import deliver_due


def test_a_claimed_message_is_not_claimed_again_while_its_lease_lasts(enqueue):
    enqueue("email")
    [first] = outbox_claim_due(worker="a", limit=5)

    assert outbox_claim_due(worker="b", limit=5) == []
    with time_machine.travel(timezone.now() + DEFAULT_LEASE / 2, tick=False):
        assert outbox_claim_due(worker="b", limit=5) == []
    with time_machine.travel(timezone.now() + DEFAULT_LEASE * 2, tick=False):
        [taken_over] = outbox_claim_due(worker="b", limit=5)

    assert taken_over.message.pk == first.message.pk
    assert (first.attempt, first.is_retry) == (1, False)
    assert (taken_over.attempt, taken_over.is_retry) == (2, True)
    assert OutboxMessage.objects.get().claimed_by == "b"


def test_letters_for_the_post_room_are_never_claimed_by_the_worker(enqueue):
    enqueue("post")

    assert outbox_claim_due(worker="a", limit=5) == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_together_send_each_message_exactly_once(enqueue, smtp_server):
    messages = [enqueue("email") for _ in range(24)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            start.wait()
            deliver_due(worker=name)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(name,)) for name in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    message_ids = Counter(received["Message-ID"] for _, received in smtp_server.messages)
    assert len(message_ids) == len(messages)
    assert set(message_ids.values()) == {1}
    assert OutboxMessage.objects.filter(status="sent").count() == len(messages)
    assert DeliveryAttempt.objects.count() == len(messages)
    # Both really worked the queue at once: each sent some of it.
    assert set(DeliveryAttempt.objects.values_list("worker", flat=True)) == {"a", "b"}
