"""Reading a mailbox over IMAP, for landlords whose mail server cannot pipe to Putright.

Each unread message is fetched without marking it read (BODY.PEEK), stored, and only then
marked read. A crash in between leaves it unread; the next poll fetches it again and finds
it stored already (ingest is idempotent on the Message-ID), so no message is lost or doubled.
"""

from __future__ import annotations

import contextlib
import imaplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from putright.core.errors import DomainError
from putright.inbound.services import IngestResult, inbound_message_ingest
from putright.landlords.models import Landlord

TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class MailboxSettings:
    host: str
    port: int
    user: str
    password: str
    folder: str = "INBOX"
    use_ssl: bool = True

    @classmethod
    def from_settings(cls) -> MailboxSettings:
        configured: dict[str, Any] = settings.INBOUND_IMAP
        if not configured.get("HOST"):
            raise DomainError(
                "No mailbox is set up: set INBOUND_IMAP_HOST, INBOUND_IMAP_USER and "
                "INBOUND_IMAP_PASSWORD (see docs/inbound-mail.md)."
            )
        return cls(
            host=configured["HOST"],
            port=int(configured["PORT"]),
            user=configured["USER"],
            password=configured["PASSWORD"],
            folder=configured["FOLDER"],
            use_ssl=bool(configured["SSL"]),
        )


class MailboxError(DomainError):
    """The mailbox could not be reached or read; nothing in it was marked read."""


def _connect(mailbox: MailboxSettings) -> imaplib.IMAP4:
    if mailbox.use_ssl:
        return imaplib.IMAP4_SSL(
            mailbox.host,
            mailbox.port,
            ssl_context=ssl.create_default_context(),
            timeout=TIMEOUT_SECONDS,
        )
    return imaplib.IMAP4(mailbox.host, mailbox.port, timeout=TIMEOUT_SECONDS)


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fetched_message(data: list[Any]) -> bytes | None:
    """The message's bytes in a FETCH response: the literal that follows ``BODY[] {n}``."""
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def _check(status: str, data: list[Any], doing: str) -> None:
    if status != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode("utf-8", "replace")
        raise MailboxError(f"The mail server refused to {doing}: {detail or status}.")


def mailbox_poll(
    *,
    landlord: Landlord,
    mailbox: MailboxSettings,
    on_stored: Callable[[IngestResult], None] = lambda result: None,
) -> list[IngestResult]:
    """Store every unread message in the mailbox's folder, marking each read once stored."""
    results: list[IngestResult] = []
    try:
        client = _connect(mailbox)
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxError(
            f"The mail server {mailbox.host}:{mailbox.port} could not be reached: {error}"
        ) from error
    try:
        try:
            client.login(mailbox.user, mailbox.password)
        except imaplib.IMAP4.error as error:
            raise MailboxError(
                f"The mail server refused to sign in as {mailbox.user}: check the user name "
                "and password."
            ) from error
        status, data = client.select(_quoted(mailbox.folder))
        _check(status, data, f"open the folder {mailbox.folder}")
        status, data = client.uid("SEARCH", "UNSEEN")
        _check(status, data, "list unread messages")
        for uid in (data[0] or b"").decode("ascii").split():
            status, fetched = client.uid("FETCH", uid, "(BODY.PEEK[])")
            _check(status, fetched, "fetch a message")
            raw = _fetched_message(fetched)
            if raw is None or not raw.strip():
                continue  # deleted by someone else since the search
            result = inbound_message_ingest(landlord=landlord, raw=raw)
            # Only now, with the message stored, is it marked read.
            status, data = client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
            _check(status, data, "mark a message read")
            results.append(result)
            on_stored(result)
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxError(f"Reading the mailbox failed part way: {error}") from error
    finally:
        # If the connection is gone already, the messages stored are stored all the same.
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            client.logout()
    return results
