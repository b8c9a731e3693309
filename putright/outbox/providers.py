"""Handing one claimed message to the provider that carries it: SMTP or GOV.UK Notify.

Each provider either returns ``Sent`` (the provider has the message) or raises
``DeliveryProblem`` saying whether trying again could help. Print-and-post messages never come
here: they leave in the post room's batch (``putright.outbox.services.post_batch_produce``).
"""

from __future__ import annotations

import io
import smtplib
from dataclasses import dataclass
from email.utils import formataddr
from typing import Any

import requests
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from putright.core.pdf import html_to_pdf
from putright.outbox.models import DeliverySettings, Medium, OutboxMessage, Provider
from putright.outbox.selectors import delivery_settings_for
from putright.outbox.services import Claim

NOTIFY_TIMEOUT_SECONDS = 30
# Notify's documented responses: 400 (the request is wrong: bad template, address, team-only
# key) and 403 (the key is wrong) will not succeed by waiting; 429 (rate or daily limit) and
# 5xx will. Anything else unexpected is retried, and after MAX_ATTEMPTS it fails.
NOTIFY_PERMANENT_STATUSES = frozenset({400, 403})


class DeliveryProblem(Exception):
    """A try that failed. ``permanent``: the same message will never succeed as it stands."""

    def __init__(self, reason: str, *, permanent: bool):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


@dataclass(frozen=True)
class Sent:
    provider_reference: str
    found_already_sent: bool = False


def deliver(claim: Claim) -> Sent:
    message = claim.message
    delivery_settings = delivery_settings_for(landlord_id=message.landlord_id)
    if message.provider == Provider.SMTP:
        return send_smtp(message=message, delivery_settings=delivery_settings)
    if message.provider == Provider.NOTIFY:
        return send_notify(claim=claim, delivery_settings=delivery_settings)
    raise DeliveryProblem(
        f"{message.get_provider_display()} messages are not delivered by the worker.",
        permanent=True,
    )


# ---------------------------------------------------------------- SMTP


def smtp_message_id(*, message: OutboxMessage, from_email: str) -> str:
    """``<outbox.{pk}.{key}@{domain}>``: the same on every try, so a bounce finds its message
    and a receiving mail system can drop a second copy sent after a crash."""
    domain = from_email.rpartition("@")[2] or "localhost"
    return f"<{message.message_id_token}@{domain}>"


def send_smtp(*, message: OutboxMessage, delivery_settings: DeliverySettings) -> Sent:
    from_email = delivery_settings.from_email or settings.DEFAULT_FROM_EMAIL
    message_id = smtp_message_id(message=message, from_email=from_email)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text_body,
        from_email=from_email,
        to=[formataddr((message.recipient_name, message.recipient_email))],
        reply_to=[delivery_settings.reply_to_email] if delivery_settings.reply_to_email else None,
        headers={"Message-ID": message_id},
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for attachment in message.attachments.all():
        email.attach(attachment.filename, bytes(attachment.content), attachment.content_type)
    try:
        email.connection = get_connection(fail_silently=False)
        email.send()
    except smtplib.SMTPRecipientsRefused as refused:
        codes = [code for code, _ in refused.recipients.values()]
        raise DeliveryProblem(
            f"The mail server refused the recipient (SMTP {', '.join(map(str, codes))}).",
            permanent=all(500 <= code < 600 for code in codes),
        ) from refused
    except smtplib.SMTPResponseException as error:
        # 5xx: the server will never take this message; 4xx: a temporary refusal.
        reply = error.smtp_error
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply or "")
        raise DeliveryProblem(
            f"The mail server refused the email (SMTP {error.smtp_code} {text}).",
            permanent=500 <= error.smtp_code < 600,
        ) from error
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryProblem(
            f"The mail server could not be reached ({type(error).__name__}).", permanent=False
        ) from error
    return Sent(provider_reference=message_id)


# ---------------------------------------------------------------- GOV.UK Notify


def notify_client() -> NotificationsAPIClient:
    key = settings.NOTIFY_API_KEY
    # A Notify API key ends with the service ID and the secret, each a 36-character UUID.
    if len(key) < 74:
        raise DeliveryProblem(
            "GOV.UK Notify is chosen but its API key (NOTIFY_API_KEY) is missing or incomplete.",
            permanent=True,
        )
    return NotificationsAPIClient(
        key, base_url=settings.NOTIFY_BASE_URL, timeout=NOTIFY_TIMEOUT_SECONDS
    )


def _notify_problem(error: Exception, doing: str) -> DeliveryProblem:
    if isinstance(error, APIError):
        status = error.status_code
        detail = error.message
        if isinstance(detail, list):
            detail = "; ".join(
                str(each.get("message", each)) if isinstance(each, dict) else str(each)
                for each in detail
            )
        return DeliveryProblem(
            f"GOV.UK Notify refused to {doing} ({status}: {detail}).",
            permanent=status in NOTIFY_PERMANENT_STATUSES,
        )
    return DeliveryProblem(
        f"GOV.UK Notify could not be reached to {doing} ({type(error).__name__}).",
        permanent=False,
    )


def _template_id(template_id: str, what: str) -> str:
    if not template_id:
        raise DeliveryProblem(
            f"GOV.UK Notify is chosen but no Notify {what} template ID is set in the "
            "landlord's delivery settings.",
            permanent=True,
        )
    return template_id


def notify_find_sent(*, client: NotificationsAPIClient, reference: str) -> str | None:
    """The id of a notification Notify already holds under ``reference``, if any.

    Notify does not refuse a second notification with the same reference; Putright gives
    each message its own reference and asks before any retry, so a crash or a lost response
    never sends the same message twice.
    """
    try:
        found = client.get_all_notifications(reference=reference)
    except (APIError, requests.RequestException) as error:
        raise _notify_problem(error, "look up an earlier send") from error
    notifications = found.get("notifications") or []
    return str(notifications[0]["id"]) if notifications else None


def send_notify(*, claim: Claim, delivery_settings: DeliverySettings) -> Sent:
    message = claim.message
    client = notify_client()
    reference = message.delivery_key
    if claim.is_retry:
        already = notify_find_sent(client=client, reference=reference)
        if already is not None:
            return Sent(provider_reference=already, found_already_sent=True)
    response: dict[str, Any]
    try:
        if message.medium == Medium.EMAIL:
            response = client.send_email_notification(
                email_address=message.recipient_email,
                template_id=_template_id(delivery_settings.notify_email_template_id, "email"),
                personalisation={"subject": message.subject, "body": message.text_body},
                reference=reference,
                email_reply_to_id=delivery_settings.notify_email_reply_to_id or None,
            )
        elif message.medium == Medium.SMS:
            response = client.send_sms_notification(
                phone_number=message.recipient_phone,
                template_id=_template_id(delivery_settings.notify_sms_template_id, "text message"),
                personalisation={"body": message.text_body},
                reference=reference,
            )
        else:
            pdf = html_to_pdf(message.document_html)
            response = client.send_precompiled_letter_notification(
                reference=reference, pdf_file=io.BytesIO(pdf)
            )
    except (APIError, requests.RequestException) as error:
        raise _notify_problem(error, f"send this {message.get_medium_display().lower()}") from error
    return Sent(provider_reference=str(response["id"]))
