"""Retries with exponential backoff, giving up, and sending a failed message again."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from putright.core.errors import NotPermittedError
from putright.core.models import Event
from putright.outbox.models import DeliveryAttempt, OutboxMessage
from putright.outbox.services import MAX_ATTEMPTS, outbox_retry, retry_delay
from putright.outbox.worker import deliver_due


def test_the_wait_doubles_from_one_minute_up_to_six_hours():
    minutes = [retry_delay(attempt) / datetime.timedelta(minutes=1) for attempt in range(1, 12)]

    assert minutes == [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]


def _notify_down(notify_server) -> None:
    notify_server.fail_next(500, "Exception", "Internal server error")


def test_a_message_waits_out_its_backoff_before_the_next_try(enqueue, notify_server, use_notify):
    message = enqueue("email")
    _notify_down(notify_server)
    deliver_due(worker="test")
    message.refresh_from_db()
    retry_at = message.next_attempt_at

    with time_machine.travel(retry_at - datetime.timedelta(seconds=1), tick=False):
        assert deliver_due(worker="test").handled == 0
    with time_machine.travel(retry_at, tick=False):
        assert deliver_due(worker="test").sent == 1

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert list(message.tries.values_list("number", "outcome")) == [(1, "retry"), (2, "sent")]


def test_a_message_that_keeps_failing_is_marked_failed_after_the_last_try(
    enqueue, notify_server, use_notify, complaint
):
    message = enqueue("email")
    now = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        _notify_down(notify_server)
        with time_machine.travel(now, tick=False):
            deliver_due(worker="test")
        message.refresh_from_db()
        now = message.next_attempt_at

    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == MAX_ATTEMPTS
    assert message.failure_reason.startswith(f"Gave up after {MAX_ATTEMPTS} tries. Last:")
    assert DeliveryAttempt.objects.filter(message=message).count() == MAX_ATTEMPTS
    assert Event.objects.filter(complaint_id=complaint.pk, action="outbox.failed").count() == 1
    assert notify_server.sent() == []


def test_post_room_staff_can_send_a_failed_message_again(
    enqueue, notify_server, use_notify, officer, as_actor, complaint
):
    notify_server.fail_next(400, "BadRequestError", "Can't send to this recipient")
    message = enqueue("email")
    deliver_due(worker="test")

    outbox_retry(actor=as_actor(officer), message=message)
    deliver_due(worker="test")

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    # The earlier try might have reached Notify, so the retry asked first.
    assert ("GET", f"/v2/notifications?reference={message.delivery_key}") in (
        notify_server.requests
    )
    assert len(notify_server.sent()) == 1
    assert Event.objects.filter(complaint_id=complaint.pk, action="outbox.retried").exists()


def test_a_handler_cannot_send_failed_messages_again(enqueue, handler, as_actor):
    message = enqueue("email")
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxMessage.Status.FAILED)

    with pytest.raises(NotPermittedError):
        outbox_retry(actor=as_actor(handler), message=message)
