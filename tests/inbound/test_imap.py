"""Polling a mailbox over IMAP, against a real IMAP server on this machine: every unread
message is stored, and marked read only once it is — never lost, never stored twice."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from putright.inbound.imap import MailboxError, MailboxSettings, mailbox_poll
from putright.inbound.models import InboundMessage
from tests.inbound.conftest import sample

SEEN = "\\Seen"


def poll(landlord):
    return mailbox_poll(landlord=landlord, mailbox=MailboxSettings.from_settings())


def test_every_unread_message_is_stored_and_then_marked_read(landlord, complaint, imap_server):
    mailbox = imap_server.mailbox
    first = mailbox.deliver(sample("plain_reference_in_subject"))
    second = mailbox.deliver(sample("hostile_no_reference"))

    results = poll(landlord)

    assert [r.created for r in results] == [True, True]
    assert InboundMessage.objects.get(complaint=complaint).subject.startswith("Re: Your complaint")
    assert InboundMessage.objects.filter(status=InboundMessage.Status.TO_TRIAGE).count() == 1
    assert mailbox.flags(first) == {SEEN}
    assert mailbox.flags(second) == {SEEN}
    # Fetched without marking read (BODY.PEEK[]); marked read by a STORE after each was stored.
    assert mailbox.commands.count("UID STORE") == 2


def test_messages_already_read_in_the_mailbox_are_left_alone(landlord, imap_server):
    imap_server.mailbox.deliver(sample("plain_reference_in_subject"), seen=True)

    assert poll(landlord) == []
    assert not InboundMessage.objects.exists()


def test_a_crash_before_marking_read_leaves_the_message_unread_and_it_is_stored_once(
    landlord, imap_server
):
    mailbox = imap_server.mailbox
    uid = mailbox.deliver(sample("hostile_no_reference"))
    mailbox.fail_on = "STORE"  # the connection drops after the message is stored

    with pytest.raises(MailboxError):
        poll(landlord)

    assert InboundMessage.objects.count() == 1
    assert mailbox.flags(uid) == set()  # still unread: the next poll will see it

    mailbox.fail_on = None
    results = poll(landlord)

    assert [r.created for r in results] == [False]
    assert InboundMessage.objects.count() == 1
    assert mailbox.flags(uid) == {SEEN}


def test_a_wrong_password_is_one_plain_message_and_nothing_is_read(landlord, imap_server, settings):
    imap_server.mailbox.deliver(sample("hostile_no_reference"))
    settings.INBOUND_IMAP = {**settings.INBOUND_IMAP, "PASSWORD": "wrong"}

    with pytest.raises(MailboxError, match="refused to sign in"):
        poll(landlord)

    assert "UID FETCH" not in imap_server.mailbox.commands


def test_a_folder_that_does_not_exist_is_named(landlord, imap_server, settings):
    settings.INBOUND_IMAP = {**settings.INBOUND_IMAP, "FOLDER": "Complaints"}

    with pytest.raises(MailboxError, match="open the folder Complaints"):
        poll(landlord)


def test_no_mailbox_set_up_is_a_plain_refusal(landlord, settings):
    settings.INBOUND_IMAP = {"HOST": "", "PORT": 993, "USER": "", "PASSWORD": "", "SSL": True}

    with pytest.raises(CommandError, match="INBOUND_IMAP_HOST") as failure:
        call_command("mail", "ingest", "--landlord", "riverside", "--imap")
    assert failure.value.returncode == 2


def test_the_command_polls_the_mailbox_and_names_each_message_by_number(
    landlord, complaint, imap_server
):
    imap_server.mailbox.deliver(sample("plain_reference_in_subject"))
    imap_server.mailbox.deliver(sample("hostile_no_reference"))
    out = io.StringIO()

    call_command("mail", "ingest", "--landlord", "riverside", "--imap", stdout=out)

    lines = out.getvalue().splitlines()
    first, second = InboundMessage.objects.order_by("pk")
    assert lines == [
        f"Message {first.pk}: kept with complaint C2026-00001.",
        f"Message {second.pk}: to triage.",
        "2 message(s) read from the mailbox.",
    ]
