"""What was sent is kept with the complaint exactly as sent, reaches the resident through the
outbox, and is what the resident's own view of the complaint lists."""

from __future__ import annotations

import pytest

from putright.core.errors import NotFoundError
from putright.core.models import Event
from putright.letters.models import LetterKind
from putright.letters.selectors import letter_get_for_complaint, letter_list_sent
from putright.outbox.worker import deliver_due
from tests.letters.conftest import only_letter


def test_a_letter_is_queued_and_not_yet_sent_until_the_outbox_delivers_it(
    log_complaint, lifecycle, smtp_server
):
    complaint = lifecycle.acknowledge(lifecycle.define(log_complaint()))
    (letter,) = letter_list_sent(complaint=complaint)
    assert letter.kind == LetterKind.STAGE1_ACKNOWLEDGEMENT
    assert letter.sent_at is None

    assert deliver_due(worker="test").sent == 1

    (letter,) = letter_list_sent(complaint=complaint)
    assert letter.sent_at is not None
    ((recipients, message),) = smtp_server.messages
    assert recipients == ["alex@example.org"]
    assert message["Subject"] == letter.subject
    parts = {part.get_content_type(): part for part in message.walk()}
    assert letter.body_text.split("\n")[0] in parts["text/plain"].get_payload(decode=True).decode()
    html = parts["text/html"].get_payload(decode=True).decode()
    assert complaint.stages.get(number=1).definition in html


def test_the_letters_are_listed_oldest_first_with_their_kinds(log_complaint, lifecycle):
    complaint = lifecycle.responded(log_complaint())
    assert [x.get_kind_display() for x in letter_list_sent(complaint=complaint)] == [
        "Stage 1 acknowledgement",
        "Stage 1 response",
    ]


def test_the_letter_list_reads_in_a_fixed_number_of_queries(
    log_complaint, lifecycle, django_assert_num_queries
):
    complaint = lifecycle.stage_two_responded(log_complaint())
    with django_assert_num_queries(2):
        letters = letter_list_sent(complaint=complaint)
        assert [x.sent_at for x in letters] == [None] * 4


def test_a_letter_of_another_complaint_is_not_found(log_complaint, lifecycle):
    first = lifecycle.acknowledge(lifecycle.define(log_complaint()))
    second = log_complaint()
    letter = only_letter(first, LetterKind.STAGE1_ACKNOWLEDGEMENT)
    assert letter_get_for_complaint(complaint=first, letter_id=letter.pk) == letter
    with pytest.raises(NotFoundError):
        letter_get_for_complaint(complaint=second, letter_id=letter.pk)


def test_each_letter_is_on_the_timeline_the_resident_sees(log_complaint, lifecycle):
    complaint = lifecycle.acknowledge(lifecycle.define(log_complaint()))
    letter = only_letter(complaint, LetterKind.STAGE1_ACKNOWLEDGEMENT)
    event = Event.objects.get(complaint_id=complaint.pk, action="letter.queued")
    assert event.visible_to_resident
    assert event.summary == "Stage 1 acknowledgement letter to the resident queued by email"
    assert event.after["sha256"] == letter.content_sha256
