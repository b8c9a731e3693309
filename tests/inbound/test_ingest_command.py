"""`putright mail ingest` as a mail server runs it: a message on standard input, and an exit
status the mail server understands (0 stored, 2 refused for good, 75 try again later)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from putright.inbound.models import InboundMessage
from tests.inbound.conftest import sample

REPO = Path(__file__).resolve().parents[2]


def ingest(raw: bytes, *args: str) -> str:
    out = io.StringIO()
    call_command(
        "mail", "ingest", "--landlord", "riverside", *args, stdin=io.BytesIO(raw), stdout=out
    )
    return out.getvalue()


def test_a_message_on_standard_input_is_stored_and_named_by_number_only(landlord, complaint):
    out = ingest(sample("plain_reference_in_subject"))

    message = InboundMessage.objects.get()
    assert out == f"Message {message.pk}: kept with complaint C2026-00001.\n"
    # Mail server logs keep what the command prints: no names, addresses or subjects.
    assert "Alex" not in out and "heating" not in out


def test_a_message_delivered_again_is_reported_as_stored_already(landlord):
    ingest(sample("hostile_no_reference"))

    out = ingest(sample("hostile_no_reference"))

    assert out.endswith(": stored already; nothing more done.\n")
    assert InboundMessage.objects.count() == 1


def test_text_standard_input_is_taken_byte_for_byte(landlord):
    raw = sample("plain_reference_in_subject")
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="ascii", errors="surrogateescape")
    call_command("mail", "ingest", "--landlord", "riverside", stdin=stdin, stdout=io.StringIO())

    message = InboundMessage.objects.get()
    assert message.raw_size == len(raw)
    assert "£42" in message.body_text


def test_an_empty_message_is_refused_for_good(landlord):
    with pytest.raises(CommandError, match="no message on standard input") as failure:
        ingest(b"")
    assert failure.value.returncode == 2


def test_an_unknown_landlord_is_a_temporary_failure_so_no_mail_is_returned(db):
    with pytest.raises(CommandError, match="no landlord 'riverside'") as failure:
        ingest(sample("plain_reference_in_subject"))
    assert failure.value.returncode == 75


# ------------------------------------------------ as the mail server runs it: a real process


def putright(*args: str, database_url: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
    }
    return subprocess.run(
        [str(Path(sys.executable).parent / "putright"), *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def mail_database(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('mail') / 'putright.sqlite3'}"
    result = putright("migrate", "--verbosity", "0", database_url=url)
    assert result.returncode == 0, result.stderr
    result = putright(
        "shell",
        "-c",
        "from putright.landlords.services import landlord_create; "
        "landlord_create(name='Riverside Homes', slug='riverside')",
        database_url=url,
    )
    assert result.returncode == 0, result.stderr
    return url


def test_the_mail_server_pipe_stores_the_message_and_exits_0(mail_database):
    raw = sample("malformed_headers")

    first = putright(
        "mail", "ingest", "--landlord", "riverside", database_url=mail_database, stdin=raw
    )
    again = putright(
        "mail", "ingest", "--landlord", "riverside", database_url=mail_database, stdin=raw
    )

    assert first.returncode == 0, first.stderr
    assert first.stdout.decode().endswith(": to triage.\n")
    assert again.returncode == 0, again.stderr
    assert again.stdout.decode().endswith(": stored already; nothing more done.\n")


@pytest.mark.parametrize(
    ("args", "stdin", "status", "fragment"),
    [
        (("--landlord", "riverside"), b"", 2, "no message on standard input"),
        ((), b"Subject: x\n\nx", 2, "--landlord"),
        (("--landlord", "hillside"), b"Subject: x\n\nx", 75, "no landlord 'hillside'"),
    ],
    ids=["empty-message", "no-landlord-given", "unknown-landlord"],
)
def test_a_failure_is_one_plain_line_with_the_status_the_mail_server_acts_on(
    mail_database, args, stdin, status, fragment
):
    result = putright("mail", "ingest", *args, database_url=mail_database, stdin=stdin)

    assert result.returncode == status, result.stderr
    assert result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("putright mail: ")
    assert fragment in lines[0]


def test_a_database_that_cannot_be_reached_defers_the_message(tmp_path):
    unreachable = f"sqlite:///{tmp_path / 'no-such-folder' / 'putright.sqlite3'}"

    result = putright(
        "mail",
        "ingest",
        "--landlord",
        "riverside",
        database_url=unreachable,
        stdin=sample("plain_reference_in_subject"),
    )

    assert result.returncode == 75, result.stderr
    assert "Traceback" not in result.stderr.decode()
    assert result.stderr.decode().strip() == (
        "putright mail: the database cannot be reached; try again later"
    )
