"""The post room: produce and download the batch of letters to print and post, and see the
messages that could not be delivered, so that none is silently lost.

Pages only: what goes in a batch, who may produce it, and when a message may be sent again
are decided by ``putright.outbox.services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from putright.outbox.printing import letters_text
from putright.outbox.selectors import (
    outbox_list_undelivered,
    outbox_message_get,
    outbox_post_waiting_count,
    post_batch_get,
    post_batch_list_recent,
)
from putright.outbox.services import outbox_retry, post_batch_produce
from putright.staff.access import request_actor, staff_required
from putright.web.jinja import date_format

POST_ROOM = "outbox.run_post_room"


@staff_required(POST_ROOM)
def post_room(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "staff/outbox/post_room.html",
        {
            "page_title": "Post room and undelivered messages",
            "active_nav": "post-room",
            "waiting": outbox_post_waiting_count(actor=actor),
            "batches": post_batch_list_recent(actor=actor),
            "undelivered": outbox_list_undelivered(actor=actor),
        },
    )


@require_POST
@staff_required(POST_ROOM)
def post_batch_create(request: HttpRequest) -> HttpResponse:
    batch = post_batch_produce(actor=request_actor(request))
    if batch is None:
        messages.info(request, "No letters are waiting for the post.")
        return HttpResponseRedirect(reverse("staff:post-room"))
    messages.success(
        request,
        f"Batch of {letters_text(batch.letter_count)} produced. Download it, print it and post "
        "the letters today: they are now recorded as sent.",
    )
    return HttpResponseRedirect(reverse("staff:post-room"))


@staff_required(POST_ROOM)
def post_batch_download(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = post_batch_get(actor=request_actor(request), batch_id=batch_id)
    response = HttpResponse(bytes(batch.pdf), content_type="application/pdf")
    filename = f"post-batch-{batch.pk}-{date_format(batch.produced_at, 'Y-m-d')}.pdf"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response


@require_POST
@staff_required(POST_ROOM)
def message_send_again(request: HttpRequest, message_id: int) -> HttpResponse:
    actor = request_actor(request)
    message = outbox_retry(
        actor=actor, message=outbox_message_get(actor=actor, message_id=message_id)
    )
    messages.success(
        request, f"{message.get_medium_display()} to {message.recipient_name} will be sent again."
    )
    return HttpResponseRedirect(reverse("staff:post-room"))


urlpatterns: list[URLPattern] = [
    path("post-room/", post_room, name="post-room"),
    path("post-room/batches/", post_batch_create, name="post-batch-create"),
    path(
        "post-room/batches/<int:batch_id>/download/",
        post_batch_download,
        name="post-batch-download",
    ),
    path(
        "post-room/messages/<int:message_id>/send-again/",
        message_send_again,
        name="outbox-message-send-again",
    ),
]
