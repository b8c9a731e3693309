"""Reading email, without a database: whatever arrives is read without raising, HTML becomes
inert text, and only the landlord's own reference format names a complaint."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from putright.inbound.matching import references_in
from putright.inbound.parsing import ReportOutcome, html_to_text, parse_message
from putright.landlords.models import Landlord
from tests.inbound.conftest import sample

HEADER_LINES = st.sampled_from(
    [
        b"From: ",
        b"To: ",
        b"Subject: ",
        b"Date: ",
        b"Message-ID: ",
        b"Content-Type: multipart/mixed; boundary=",
        b"Content-Type: text/html; charset=",
        b"Content-Transfer-Encoding: ",
        b"Content-Disposition: attachment; filename*=",
        b"--",
        b"",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(HEADER_LINES, st.binary(max_size=60)), max_size=25))
def test_any_bytes_at_all_are_read_without_raising(lines):
    raw = b"\n".join(head + tail for head, tail in lines)

    parsed = parse_message(raw)

    for text in (parsed.subject, parsed.body_text, parsed.to, parsed.from_name):
        assert "\x00" not in text
    assert parsed.message_key


def test_html_becomes_the_text_a_reader_sees_and_nothing_else():
    html = (
        "<html><head><title>T</title><style>p{color:red}</style></head>"
        "<body><script>steal()</script><p>First&nbsp;line<br>second</p>"
        "<ul><li>one</li><li>two</li></ul><p>See <a href='https://example.org/x'>this</a> "
        "and <a href='javascript:alert(1)'>that</a>.</p><noscript>no</noscript></body></html>"
    )

    assert html_to_text(html) == (
        "First line\nsecond\n\n- one\n- two\n\nSee this (https://example.org/x) and that."
    )


def test_a_head_left_open_does_not_hide_the_message():
    assert html_to_text("<head><title>x</title><body><p>Still here</p>") == "Still here"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Re: C2026-00042", ["C2026-00042"]),
        ("about c2026-00042, and C2026-00042 again", ["C2026-00042"]),
        ("C2026-00042 and C2025-01234", ["C2026-00042", "C2025-01234"]),
        ("XC2026-00042", []),  # part of a longer word
        ("C2026-0004", []),  # too few digits
        ("C2026-0004212345678", []),  # not a reference: too long
        ("SR2026-00042", []),  # a service request, not a complaint
        ("H2026-00042", []),  # another landlord's format
    ],
)
def test_only_the_landlords_complaint_reference_format_is_found(text, found):
    landlord = Landlord(name="Riverside Homes", slug="riverside", complaint_reference_prefix="C")

    assert references_in(landlord=landlord, text=text) == found


def test_a_delivery_status_notification_is_read_as_rfc_3464_sets_it_out():
    report = parse_message(sample("dsn_bounce")).delivery_report

    assert report is not None
    assert report.outcome == ReportOutcome.FAILED
    assert report.original_message_ids == (
        "<outbox.1.0123456789abcdef0123456789abcdef@riverside.example>",
    )
    assert report.reason == (
        "5.1.1 smtp; 550 5.1.1 <sam.okafor@example.net>: Recipient address rejected: "
        "User unknown in virtual mailbox table"
    )


def test_a_resident_forwarding_a_message_is_not_taken_for_a_bounce():
    # Words like "undeliverable" in a resident's subject, with no returned email quoted.
    raw = b"From: Alex <alex@example.org>\nSubject: Your letter was undeliverable to me\n\nHello"

    assert parse_message(raw).delivery_report is None
