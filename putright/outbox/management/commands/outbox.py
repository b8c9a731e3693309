"""`putright outbox`: deliver queued messages, and produce the post room's batch.

    putright outbox deliver --once            # deliver what is due, then exit (cron)
    putright outbox deliver                   # keep delivering, polling every 10 seconds
    putright outbox post-batch --landlord riverside --output letters.pdf

``deliver`` stops cleanly on SIGTERM or Ctrl-C after the message in hand. Run as many as
you like: no two workers ever hold the same message (docs/delivery.md).
"""

from __future__ import annotations

import datetime
import signal
import time
from pathlib import Path
from types import FrameType
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import close_old_connections

from putright.core.actors import Actor
from putright.core.commands import PutrightCommand
from putright.landlords.models import Landlord
from putright.outbox.printing import letters_text
from putright.outbox.services import DEFAULT_LEASE, post_batch_produce
from putright.outbox.worker import deliver_due, worker_name


def _positive_seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise CommandError(f"expected a number of seconds, not {raw!r}") from None
    if value <= 0:
        raise CommandError(f"expected a positive number of seconds, not {raw!r}")
    return value


class Command(PutrightCommand):
    help = "Deliver the outbox's queued messages; produce the post room's batch of letters."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        deliver = actions.add_parser("deliver", help="Deliver queued email, texts and letters.")
        deliver.add_argument(
            "--once", action="store_true", help="Deliver what is due now, then exit (for cron)."
        )
        deliver.add_argument(
            "--poll-seconds",
            default="10",
            help="How long to wait when nothing is due before looking again (default 10).",
        )
        deliver.add_argument(
            "--lease-seconds",
            default=str(int(DEFAULT_LEASE.total_seconds())),
            help=(
                "How long a claim lasts before another worker may take the message over "
                "(default 300; must exceed the slowest send)."
            ),
        )
        batch = actions.add_parser(
            "post-batch", help="Put every letter waiting for the post into one PDF."
        )
        batch.add_argument("--landlord", metavar="SLUG", required=True)
        batch.add_argument("--output", metavar="FILE", required=True, help="Where to write it.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "deliver":
            self._deliver(
                once=options["once"],
                poll=_positive_seconds(options["poll_seconds"]),
                lease=datetime.timedelta(seconds=_positive_seconds(options["lease_seconds"])),
            )
        else:
            self._post_batch(slug=options["landlord"], output=Path(options["output"]))

    def _deliver(self, *, once: bool, poll: float, lease: datetime.timedelta) -> None:
        worker = worker_name()
        if once:
            run = deliver_due(worker=worker, lease=lease)
            self.stdout.write(f"sent {run.sent}, to retry {run.retrying}, failed {run.failed}")
            return
        stopping = {"now": False}

        def stop(signum: int, frame: FrameType | None) -> None:
            stopping["now"] = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not stopping["now"]:
            # A long-running process: drop a connection the database has closed meanwhile.
            close_old_connections()
            # One message at a time, so a stop request waits for one send at most.
            if deliver_due(worker=worker, lease=lease, max_messages=1).handled:
                continue
            waited = 0.0
            while not stopping["now"] and waited < poll:
                time.sleep(min(0.5, poll - waited))
                waited += 0.5

    def _post_batch(self, *, slug: str, output: Path) -> None:
        landlord = Landlord.objects.filter(slug=slug).first()
        if landlord is None:
            raise CommandError(f"no landlord with the slug {slug!r}")
        if not output.parent.is_dir():
            raise CommandError(f"no such folder: {output.parent}")
        batch = post_batch_produce(
            actor=Actor.system(landlord.pk, label="Post room (command line)")
        )
        if batch is None:
            self.stdout.write("no letters are waiting for the post")
            return
        output.write_bytes(bytes(batch.pdf))
        self.stdout.write(f"{letters_text(batch.letter_count)} written to {output}")
