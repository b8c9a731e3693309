"""The post room: a batch PDF of the letters waiting for the post, and what was not delivered."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from putright.core.errors import NotPermittedError
from putright.core.models import Event
from putright.outbox.models import OutboxMessage, PostBatch
from putright.outbox.selectors import outbox_list_undelivered
from putright.outbox.services import post_batch_produce
from putright.outbox.worker import deliver_due
from tests.outbox.conftest import LETTER_HTML

TWO_PAGE_LETTER = LETTER_HTML.replace(
    "<p>We have received your complaint.</p>",
    '<p>Page one.</p><p style="break-before: page">Page two.</p>',
)


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_batch_holds_every_waiting_letter_each_starting_on_a_fresh_sheet(
    enqueue, officer, as_actor
):
    first = enqueue("post", document_html=LETTER_HTML.format(address="1 First Street", title="A"))
    second = enqueue(
        "post", document_html=TWO_PAGE_LETTER.format(address="2 Second Street", title="B")
    )
    enqueue("email")

    batch = post_batch_produce(actor=as_actor(officer))

    assert batch is not None
    assert batch.letter_count == 2
    pages = _pages(bytes(batch.pdf))
    # One page, a blank back, then the two-page letter: printed double-sided, two sheets.
    assert len(pages) == 4
    assert "1 First Street" in pages[0]
    assert pages[1].strip() == ""
    assert "2 Second Street" in pages[2] and "Page one." in pages[2]
    assert "Page two." in pages[3]
    for letter in (first, second):
        letter.refresh_from_db()
        assert letter.status == OutboxMessage.Status.SENT
        assert letter.post_batch == batch


def test_letters_in_a_batch_are_recorded_as_posted_on_the_residents_timeline(
    enqueue, officer, as_actor, complaint
):
    letter = enqueue("post")

    post_batch_produce(actor=as_actor(officer))

    event = Event.objects.get(complaint_id=complaint.pk, action="outbox.sent")
    assert event.subject_id == letter.pk
    assert event.visible_to_resident is True
    assert event.summary.startswith("Letter posted to Alex Morgan")
    assert event.actor_label == officer.get_full_name()


def test_a_letter_goes_in_one_batch_only(enqueue, officer, as_actor):
    enqueue("post")
    post_batch_produce(actor=as_actor(officer))

    assert post_batch_produce(actor=as_actor(officer)) is None
    assert PostBatch.objects.count() == 1


def test_the_worker_leaves_letters_for_the_post_room(enqueue, smtp_server):
    letter = enqueue("post")

    assert deliver_due(worker="test").handled == 0
    letter.refresh_from_db()
    assert letter.status == OutboxMessage.Status.QUEUED


def test_a_handler_cannot_produce_the_batch(handler, as_actor):
    with pytest.raises(NotPermittedError):
        post_batch_produce(actor=as_actor(handler))


# ---------------------------------------------------------------- the page


def test_the_post_room_page_produces_a_batch_to_download(client, officer, enqueue):
    enqueue("post")
    enqueue("post")
    client.force_login(officer)

    page = client.get("/staff/post-room/")
    assert "2 letters are waiting for the post." in page.content.decode()

    produced = client.post("/staff/post-room/batches/", follow=True)
    content = produced.content.decode()
    assert "Batch of 2 letters produced." in content
    assert "0 letters are waiting for the post." in content

    batch = PostBatch.objects.get()
    download = client.get(f"/staff/post-room/batches/{batch.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="post-batch-')
    assert download.content == bytes(batch.pdf)


def test_the_post_room_page_lists_undelivered_messages_and_sends_one_again(
    client, officer, enqueue, complaint, notify_server, use_notify
):
    notify_server.fail_next(400, "BadRequestError", "Can't send to this recipient")
    message = enqueue("email")
    deliver_due(worker="test")
    client.force_login(officer)

    content = client.get("/staff/post-room/").content.decode()
    assert complaint.reference in content
    assert "Can&#39;t send to this recipient" in content

    sent_again = client.post(f"/staff/post-room/messages/{message.pk}/send-again/", follow=True)
    assert "Email to Alex Morgan will be sent again." in sent_again.content.decode()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.QUEUED


def test_another_landlords_batch_cannot_be_downloaded(
    client, other_landlord_officer, enqueue, officer, as_actor
):
    enqueue("post")
    batch = post_batch_produce(actor=as_actor(officer))
    client.force_login(other_landlord_officer)

    response = client.get(f"/staff/post-room/batches/{batch.pk}/download/")

    assert response.status_code == 404


def test_producing_a_batch_needs_a_post(client, officer):
    client.force_login(officer)

    assert client.get("/staff/post-room/batches/").status_code == 405


# ---------------------------------------------------------------- the command line


def test_the_command_line_writes_the_batch_to_a_file(enqueue, landlord, tmp_path):
    enqueue("post")
    output = io.StringIO()

    call_command(
        "outbox",
        "post-batch",
        "--landlord",
        landlord.slug,
        "--output",
        str(tmp_path / "letters.pdf"),
        stdout=output,
    )

    assert output.getvalue().strip() == f"1 letter written to {tmp_path / 'letters.pdf'}"
    assert (tmp_path / "letters.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["post-batch", "--landlord", "nowhere", "--output", "x.pdf"], "no landlord"),
        (["deliver", "--poll-seconds", "soon"], "expected a number of seconds"),
        (["deliver", "--lease-seconds", "0"], "expected a positive number"),
    ],
)
def test_bad_command_line_input_is_one_plain_line(db, arguments, message):
    with pytest.raises(CommandError, match=message) as refused:
        call_command("outbox", *arguments)
    assert refused.value.returncode == 2


def test_the_undelivered_list_takes_one_query_however_long_it_is(
    enqueue, officer, as_actor, django_assert_num_queries
):
    for _ in range(6):
        message = enqueue("email")
        OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxMessage.Status.FAILED)
    actor = as_actor(officer)

    with django_assert_num_queries(1):
        listed = outbox_list_undelivered(actor=actor)
        references = [each.complaint.reference for each in listed]

    assert len(references) == 6
