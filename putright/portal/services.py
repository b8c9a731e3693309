"""What a resident does in the resident service, composed from the complaints and residents
services so each change is checked and recorded there, in one transaction.

The portal holds no rules of the Code itself: ``complaint_log``, ``complaint_escalate`` and the
rest enforce them for a resident ``Actor`` as they do for staff. What lives here is what only the
online service needs: turning a resident's answers into records, the single-use sign-in links
to track a complaint, and counting attempts per client address to slow down abuse.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
import secrets
import smtplib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from putright.complaints.models import Channel, Complaint, Correspondence
from putright.complaints.services import (
    ComplaintDetails,
    UploadedDocument,
    complaint_log,
    correspondence_record,
)
from putright.core.actors import Actor
from putright.core.errors import DomainError
from putright.core.services import record_event
from putright.landlords.models import Landlord
from putright.residents.models import (
    ComplaintSignInLink,
    Property,
    ReasonableAdjustment,
    Representative,
    ResidentServiceAttempt,
)
from putright.residents.services import (
    adjustment_record,
    property_create,
    representative_add,
    resident_create,
)

# How many times one client address may do each action in the window, before it must wait.
# Generous enough for a household or an advice centre sharing one address.
RATE_LIMITS: dict[str, tuple[int, datetime.timedelta]] = {
    "complaint.submit": (10, datetime.timedelta(hours=1)),
    "sign_in_link.request": (5, datetime.timedelta(minutes=15)),
}
SIGN_IN_LINK_LIFETIME = datetime.timedelta(minutes=30)
SIGN_IN_SALT = "putright.portal.sign-in-link"

logger = logging.getLogger(__name__)


class RateLimitedError(DomainError):
    """Too many attempts from one client address: wait before trying again."""


def resident_actor(landlord_id: int) -> Actor:
    # Not translated: the case history reads the same whatever language the page was in.
    return Actor.resident(landlord_id, label="Resident (online)")


def _postcode_key(postcode: str) -> str:
    return "".join(postcode.split()).upper()


# ---------------------------------------------------------------- abuse protection


def _client_key(client_address: str) -> str:
    # Keyed, so the stored value cannot be reversed by hashing every address there is.
    return hmac.new(
        settings.SECRET_KEY.encode(), client_address.encode(), hashlib.sha256
    ).hexdigest()


@transaction.atomic
def resident_service_attempt_record(*, action: str, client_address: str) -> None:
    """Count one attempt at ``action`` from ``client_address``, or refuse it if there have been
    too many lately. Not in the case history: an attempt changes no complaint."""
    limit, window = RATE_LIMITS[action]
    now = timezone.now()
    key = _client_key(client_address)
    ResidentServiceAttempt.objects.filter(attempted_at__lt=now - window, action=action).delete()
    recent = ResidentServiceAttempt.objects.filter(
        action=action, client_key=key, attempted_at__gte=now - window
    ).count()
    if recent >= limit:
        minutes = int(window.total_seconds() // 60)
        raise RateLimitedError(
            _(
                "You have tried this too many times. Wait %(minutes)s minutes and try again, "
                "or phone us."
            )
            % {"minutes": minutes}
        )
    ResidentServiceAttempt.objects.create(action=action, client_key=key, attempted_at=now)


# ---------------------------------------------------------------- making a complaint online


@dataclass(frozen=True)
class OnlineRepresentative:
    """Someone complaining for the resident (Code 3.6), and whether the resident agreed."""

    name: str
    relationship: str
    email: str = ""
    phone: str = ""
    resident_agreed: bool = False


@dataclass(frozen=True)
class OnlineComplaint:
    """A resident's answers to the online complaint form."""

    name: str
    address_line_1: str
    postcode: str
    description: str
    address_line_2: str = ""
    town: str = ""
    email: str = ""
    phone: str = ""
    occurred_on: datetime.date | None = None
    became_aware_on: datetime.date | None = None
    outcome_sought: str = ""
    preferred_contact_method: str = "email"
    contact_frequency: str = ""
    adjustments: tuple[str, ...] = ()
    adjustment_details: str = ""
    representative: OnlineRepresentative | None = None
    documents: tuple[UploadedDocument, ...] = ()


def _home(actor: Actor, landlord: Landlord, answers: OnlineComplaint) -> Property:
    """The home on record with this address, or a new record of it. Nothing about homes
    already on record is shown to the resident: a match is silent."""
    key = _postcode_key(answers.postcode)
    for home in Property.objects.filter(
        landlord=landlord, address_line_1__iexact=answers.address_line_1.strip()
    ):
        if _postcode_key(home.postcode) == key:
            return home
    return property_create(
        actor=actor,
        landlord=landlord,
        address_line_1=answers.address_line_1,
        address_line_2=answers.address_line_2,
        town=answers.town,
        postcode=answers.postcode,
    )


@transaction.atomic
def online_complaint_submit(*, landlord: Landlord, answers: OnlineComplaint) -> Complaint:
    """A complaint made on the online form: logged at stage 1 with channel "online form"
    (Code 3.1, 3.2), with the resident, any representative and the consent they say they
    have (3.6), the adjustments asked for (5.10) and any documents (5.12). The 12-month limit
    is never applied here: staff judge it, with reasons (2.3)."""
    actor = resident_actor(landlord.pk)
    home = _home(actor, landlord, answers)
    representative_answers = answers.representative
    resident = resident_create(
        actor=actor,
        landlord=landlord,
        name=answers.name,
        email=answers.email,
        phone=answers.phone,
        home=home,
        preferred_contact_method=answers.preferred_contact_method,
        contact_frequency=answers.contact_frequency,
    )
    representative: Representative | None = None
    if representative_answers is not None:
        today = timezone.localdate()
        representative = representative_add(
            actor=actor,
            resident=resident,
            name=representative_answers.name,
            relationship=representative_answers.relationship,
            email=representative_answers.email,
            phone=representative_answers.phone,
            authority_given_on=today if representative_answers.resident_agreed else None,
            authority_evidence=(
                f"Confirmed by the representative on the online complaint form on {today:%d %B %Y}"
                if representative_answers.resident_agreed
                else ""
            ),
        )
    complaint = complaint_log(
        actor=actor,
        landlord=landlord,
        details=ComplaintDetails(
            description=answers.description,
            channel=Channel.ONLINE_FORM,
            resident=resident,
            representative=representative,
            home=home,
            occurred_on=answers.occurred_on,
            became_aware_on=answers.became_aware_on,
            outcome_sought=answers.outcome_sought,
        ),
    )
    for kind in answers.adjustments:
        adjustment_record(
            actor=actor,
            resident=resident,
            kind=kind,
            agreed_on=timezone.localdate(),
            details=answers.adjustment_details if kind == ReasonableAdjustment.Kind.OTHER else "",
        )
    if answers.documents:
        correspondence_record(
            actor=actor,
            complaint=complaint,
            direction=Correspondence.Direction.INBOUND,
            medium=Correspondence.Medium.ONLINE,
            subject="Documents sent with the online complaint form",
            body="",
            counterpart=representative.name if representative else resident.name,
            documents=answers.documents,
        )
    return complaint


@transaction.atomic
def online_information_add(
    *,
    complaint: Complaint,
    message: str,
    documents: Sequence[UploadedDocument] = (),
) -> Correspondence:
    """More information from the resident about their complaint, kept with it (Code 5.12)."""
    return correspondence_record(
        actor=resident_actor(complaint.landlord_id),
        complaint=complaint,
        direction=Correspondence.Direction.INBOUND,
        medium=Correspondence.Medium.ONLINE,
        subject="Information added in the resident service",
        body=message,
        counterpart="Resident",
        documents=documents,
    )


# ---------------------------------------------------------------- sign-in links


def _secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _matching_complaint(
    *, landlord: Landlord, reference: str, email: str, postcode: str
) -> tuple[Complaint, str] | None:
    """The complaint with this reference, and the email address to send its link to, when the
    email address or postcode given matches the one on record; otherwise None."""
    complaint = (
        Complaint.objects.select_related("resident", "representative", "home", "resident__home")
        .filter(landlord=landlord, reference__iexact=reference.strip())
        .first()
    )
    if complaint is None or complaint.resident is None:
        return None
    on_record = [
        address
        for address in (
            complaint.representative.email if complaint.representative else "",
            complaint.resident.email,
        )
        if address
    ]
    given_email = email.strip().lower()
    if given_email:
        return (complaint, given_email) if given_email in map(str.lower, on_record) else None
    home = complaint.home or complaint.resident.home
    if (
        postcode.strip()
        and home is not None
        and on_record
        and _postcode_key(home.postcode) == _postcode_key(postcode)
    ):
        return complaint, on_record[0]
    return None


@transaction.atomic
def complaint_sign_in_link_send(
    *,
    landlord: Landlord,
    reference: str,
    email: str = "",
    postcode: str = "",
    url_for_token: Callable[[str], str],
) -> None:
    """Email a single-use sign-in link for a complaint to the address on record, if the
    reference matches the email address or postcode given.

    Says nothing either way: whoever asks sees the same reply whether or not the complaint
    exists, so a reference cannot be confirmed by someone who does not know the resident.
    """
    match = _matching_complaint(
        landlord=landlord, reference=reference, email=email, postcode=postcode
    )
    if match is None:
        return
    complaint, recipient = match
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    link = ComplaintSignInLink.objects.create(
        complaint=complaint,
        secret_sha256=_secret_hash(secret),
        created_at=now,
        expires_at=now + SIGN_IN_LINK_LIFETIME,
    )
    token = signing.dumps({"link": link.pk, "secret": secret}, salt=SIGN_IN_SALT)
    context = {
        "landlord": landlord,
        "reference": complaint.reference,
        "url": url_for_token(token),
        "minutes": int(SIGN_IN_LINK_LIFETIME.total_seconds() // 60),
    }
    message = EmailMultiAlternatives(
        subject=_("Your link to see complaint %(reference)s") % {"reference": complaint.reference},
        body=render_to_string("portal/email/sign_in_link.txt", context),
        to=[recipient],
    )
    message.attach_alternative(
        render_to_string("portal/email/sign_in_link.html", context), "text/html"
    )
    record_event(
        actor=resident_actor(landlord.pk),
        subject=complaint,
        complaint_id=complaint.pk,
        action="portal.sign_in_link_sent",
        summary="A sign-in link to the resident service was emailed to the address on record",
    )

    def send() -> None:
        try:
            message.send(fail_silently=False)
        except (OSError, smtplib.SMTPException) as error:
            # Logged without the address, and never shown: an error page would tell whoever
            # asked that the reference and details matched.
            logger.error("A sign-in link email could not be sent (%s)", type(error).__name__)

    # After the commit: a link is never emailed for a record that was rolled back.
    transaction.on_commit(send)


@transaction.atomic
def complaint_sign_in_link_redeem(*, token: str) -> Complaint:
    """The complaint a sign-in link opens, using the link up: each link works once."""
    try:
        payload = signing.loads(token, salt=SIGN_IN_SALT, max_age=SIGN_IN_LINK_LIFETIME)
    except signing.SignatureExpired:
        raise DomainError(_("This link has expired. Ask for a new one.")) from None
    except signing.BadSignature:
        raise DomainError(
            _("This link does not work. Check you copied all of it, or ask for a new one.")
        ) from None
    link = (
        ComplaintSignInLink.objects.select_for_update()
        .filter(pk=payload.get("link"), secret_sha256=_secret_hash(str(payload.get("secret"))))
        .first()
    )
    if link is None:
        raise DomainError(
            _("This link does not work. Check you copied all of it, or ask for a new one.")
        )
    now = timezone.now()
    if link.used_at is not None:
        raise DomainError(
            _("This link has already been used. Each link works once. Ask for a new one.")
        )
    if link.expires_at <= now:
        raise DomainError(_("This link has expired. Ask for a new one."))
    link.used_at = now
    link.save(update_fields=["used_at"])
    complaint = Complaint.objects.select_related("resident", "representative").get(
        pk=link.complaint_id
    )
    record_event(
        actor=resident_actor(complaint.landlord_id),
        subject=complaint,
        complaint_id=complaint.pk,
        action="portal.signed_in",
        summary="The resident signed in to the resident service with an emailed link",
    )
    return complaint
