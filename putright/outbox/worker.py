"""The delivery worker: claim a due message, hand it to its provider, record the outcome.

It claims one message at a time, so a claim's lease starts when that message's delivery
starts, and several workers share the queue fairly. Logs name messages by id only: no
addresses, names or content (they are personal data).
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
from dataclasses import dataclass, field

from putright.outbox.providers import DeliveryProblem, deliver
from putright.outbox.services import (
    DEFAULT_LEASE,
    outbox_claim_due,
    outbox_record_problem,
    outbox_record_sent,
)

logger = logging.getLogger(__name__)


def worker_name() -> str:
    """Which process holds a claim: host and process id, for the attempts record."""
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class DeliveryRun:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    message_ids: list[int] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.sent + self.retrying + self.failed


def deliver_due(
    *,
    worker: str,
    lease: datetime.timedelta = DEFAULT_LEASE,
    max_messages: int | None = None,
) -> DeliveryRun:
    """Deliver due messages until none is left (or ``max_messages`` have been handled)."""
    run = DeliveryRun()
    while max_messages is None or run.handled < max_messages:
        claims = outbox_claim_due(worker=worker, limit=1, lease=lease)
        if not claims:
            break
        claim = claims[0]
        run.message_ids.append(claim.message.pk)
        try:
            sent = deliver(claim)
        except DeliveryProblem as problem:
            message = outbox_record_problem(
                claim=claim, worker=worker, reason=problem.reason, permanent=problem.permanent
            )
            if message.status == message.Status.FAILED:
                run.failed += 1
                # The reason stays in the database: a provider's words may quote an address.
                logger.warning("outbox message %s failed", message.pk)
            else:
                run.retrying += 1
                logger.info("outbox message %s will be retried", message.pk)
        except Exception:
            # A fault in Putright rather than the provider: keep the worker alive, retry later.
            logger.exception("outbox message %s: unexpected error", claim.message.pk)
            outbox_record_problem(
                claim=claim,
                worker=worker,
                reason="An unexpected error in Putright; see the server's log.",
                permanent=False,
            )
            run.retrying += 1
        else:
            outbox_record_sent(
                claim=claim,
                worker=worker,
                provider_reference=sent.provider_reference,
                found_already_sent=sent.found_already_sent,
            )
            run.sent += 1
            logger.info("outbox message %s sent", claim.message.pk)
    return run
