"""A worker killed between handing a message over and recording it, then restarted.

The worker runs as a real ``putright outbox deliver`` process against the test database;
the test kills it with SIGKILL while the provider holds the message and the worker waits
for the reply, exactly the moment a crash would cost a duplicate or a lost letter.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from putright.core.models import Event
from putright.outbox.models import DeliveryAttempt, OutboxMessage
from tests.support.notify import API_KEY

pytestmark = pytest.mark.django_db(transaction=True)

LEASE_SECONDS = 1
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _worker(*arguments: str, smtp_port: int = 0, notify_url: str = "") -> subprocess.Popen:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port or 25),
        "EMAIL_USE_TLS": "false",
        "DEFAULT_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
        "NOTIFY_API_KEY": API_KEY,
        "NOTIFY_BASE_URL": notify_url or "http://127.0.0.1:9",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "putright", "outbox", "deliver", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _kill_when(event: threading.Event, worker: subprocess.Popen) -> None:
    try:
        assert event.wait(timeout=60), "the worker never reached the provider"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)


def _restart_after_the_lease(**where: object) -> str:
    time.sleep(LEASE_SECONDS + 0.5)  # let the dead worker's claim run out
    worker = _worker("--once", f"--lease-seconds={LEASE_SECONDS}", **where)  # type: ignore[arg-type]
    out, err = worker.communicate(timeout=120)
    assert worker.returncode == 0, err.decode()
    return out.decode()


class HoldingMailbox:
    """An SMTP server's handler that keeps each message, then stalls before saying 250."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.holding = True
        self.received = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        if self.holding:
            self.holding = False
            self.received.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_smtp_a_killed_worker_is_recorded_once_and_resends_under_the_same_message_id(
    enqueue, complaint
):
    mailbox = HoldingMailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        message = enqueue("email")
        worker = _worker(
            f"--lease-seconds={LEASE_SECONDS}", "--poll-seconds=0.2", smtp_port=controller.port
        )
        _kill_when(mailbox.received, worker)
        mailbox.release.set()
        message.refresh_from_db()
        assert message.status == OutboxMessage.Status.SENDING

        output = _restart_after_the_lease(smtp_port=controller.port)
    finally:
        controller.stop()

    assert output.strip() == "sent 1, to retry 0, failed 0"
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert Event.objects.filter(complaint_id=complaint.pk, action="outbox.sent").count() == 1
    assert list(DeliveryAttempt.objects.values_list("number", "outcome")) == [(2, "sent")]
    # SMTP has no way to ask whether the first copy arrived: at least once, never lost. The
    # copies share one Message-ID, by which receiving mail systems recognise a duplicate.
    assert len(mailbox.messages) == 2
    assert {each["Message-ID"] for each in mailbox.messages} == {message.provider_reference}


def test_notify_a_killed_worker_never_sends_the_same_message_twice(
    enqueue, complaint, notify_server, use_notify
):
    notify_server.holding = True
    message = enqueue("email")
    worker = _worker(
        f"--lease-seconds={LEASE_SECONDS}", "--poll-seconds=0.2", notify_url=notify_server.base_url
    )
    _kill_when(notify_server.created, worker)
    notify_server.holding = False
    notify_server.release.set()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENDING

    output = _restart_after_the_lease(notify_url=notify_server.base_url)

    assert output.strip() == "sent 1, to retry 0, failed 0"
    [notification] = notify_server.sent()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.provider_reference == notification["id"]
    assert Event.objects.filter(complaint_id=complaint.pk, action="outbox.sent").count() == 1
    assert list(DeliveryAttempt.objects.values_list("number", "outcome")) == [(2, "found")]


def test_a_continuous_worker_sends_what_arrives_and_stops_cleanly_on_sigterm(enqueue, smtp_server):
    worker = _worker("--poll-seconds=0.2", smtp_port=settings.EMAIL_PORT)
    try:
        message = enqueue("email")
        waited = 0.0
        while not smtp_server.messages and waited < 60:
            time.sleep(0.1)
            waited += 0.1
        assert smtp_server.messages, "the worker never sent the message"
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)

    assert worker.returncode == 0
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
