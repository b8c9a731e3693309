"""`putright mail ingest`: take in email, from a mail server's pipe or from an IMAP mailbox.

    putright mail ingest --landlord riverside < message.eml     # one message on standard input
    putright mail ingest --landlord riverside --imap            # every unread message in the
                                                                # mailbox set in INBOUND_IMAP_*

Exit status, as mail servers read it (sysexits): 0 the message is stored (or was already);
2 the message or the command is wrong and retrying cannot help (the mail server returns the
message to its sender); 75 Putright cannot store it now (the database is unavailable, or the
landlord named is not set up), so the mail server keeps the message and tries again later.
Output names messages by number and complaint reference only: mail server logs keep it.
"""

from __future__ import annotations

import sys
from typing import Any, BinaryIO, NoReturn

from django.core.management.base import CommandError, CommandParser
from django.db import InterfaceError, OperationalError

from putright.core.commands import PutrightCommand
from putright.inbound.imap import MailboxSettings, mailbox_poll
from putright.inbound.services import IngestResult, inbound_message_ingest
from putright.landlords.models import Landlord

# Bigger than any mail server's usual limit (Postfix: 10 MB); a message this size is refused.
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
# sysexits.h: a temporary failure; the mail server tries again later.
EX_TEMPFAIL = 75


class TemporaryFailure(Exception):
    """The message cannot be stored now, but may be later."""


class Command(PutrightCommand):
    help = "Take in email: one message on standard input, or the unread mail of an IMAP mailbox."
    # Lets tests and other code feed standard input through call_command(stdin=...).
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        ingest = actions.add_parser(
            "ingest",
            help="Store email: keep it with the complaint it names, or leave it for triage.",
        )
        ingest.add_argument(
            "--landlord",
            metavar="SLUG",
            required=True,
            help="The landlord whose mailbox this is.",
        )
        ingest.add_argument(
            "--imap",
            action="store_true",
            help="Read the unread messages of the IMAP mailbox set in INBOUND_IMAP_* instead "
            "of one message from standard input.",
        )

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except (TemporaryFailure, OperationalError, InterfaceError) as error:
            if options.get("traceback"):
                raise
            reason = (
                str(error)
                if isinstance(error, TemporaryFailure)
                else "the database cannot be reached"
            )
            self._fail_temporarily(f"{reason}; try again later")

    def _fail_temporarily(self, message: str) -> NoReturn:
        if getattr(self, "_called_from_command_line", False):
            self.stderr.write(f"{self.command_name}: {message}", style_func=lambda text: text)
            sys.exit(EX_TEMPFAIL)
        raise CommandError(message, returncode=EX_TEMPFAIL)

    def handle(self, *args: Any, **options: Any) -> None:
        landlord = Landlord.objects.filter(slug=options["landlord"]).first()
        if landlord is None:
            # Deferred, not refused: a slip in the mail server's settings must delay mail,
            # never return residents' messages to them.
            raise TemporaryFailure(f"there is no landlord {options['landlord']!r}")
        if options["imap"]:
            results = mailbox_poll(
                landlord=landlord, mailbox=MailboxSettings.from_settings(), on_stored=self._report
            )
            self.stdout.write(f"{len(results)} message(s) read from the mailbox.")
            return
        raw = _read_message(options.get("stdin") or sys.stdin)
        self._report(inbound_message_ingest(landlord=landlord, raw=raw))

    def _report(self, result: IngestResult) -> None:
        message = result.message
        if not result.created:
            outcome = "stored already; nothing more done"
        elif message.complaint_id is not None:
            outcome = f"kept with complaint {message.complaint}"
        else:
            outcome = message.get_status_display().lower()
        self.stdout.write(f"Message {message.pk}: {outcome}.")


def _read_message(stream: Any) -> bytes:
    """The bytes of the message: exactly as sent, whatever the locale's encoding."""
    source: BinaryIO = getattr(stream, "buffer", stream)
    data = source.read(MAX_MESSAGE_BYTES + 1)
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_MESSAGE_BYTES:
        megabytes = MAX_MESSAGE_BYTES // (1024 * 1024)
        raise CommandError(f"The message is larger than {megabytes} MB; it was not stored.")
    if not raw.strip():
        raise CommandError("There is no message on standard input.")
    return raw
