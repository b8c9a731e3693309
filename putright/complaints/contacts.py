"""Logging a contact: whatever a resident says, however they say it, to whoever takes it.

Code 3.2: residents can raise a complaint in any way and with any member of staff. The
member of staff who takes the contact follows the Code's Appendix B ("Service request or
complaint"): a request for something to be done is a service request (Code 1.4); an
expression of dissatisfaction with the standard of service, actions or lack of action is
a complaint (Code 1.2), and the resident is given the choice to make one (Code 1.3); and
dissatisfaction with the response to a service request raises a complaint while the
request is still followed through (Code 1.5).

``contact_log`` records the outcome through the complaints and residents services, in one
transaction: nothing is kept unless all of it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace, Upper

from putright.complaints.models import Category, Complaint, ServiceRequest
from putright.complaints.services import (
    ComplaintDetails,
    complaint_log,
    service_request_log,
    service_request_record_dissatisfaction,
)
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError
from putright.core.services import record_event
from putright.landlords.models import Landlord
from putright.residents.models import ContactMethod, Representative, Resident
from putright.residents.services import (
    property_create,
    representative_add,
    representative_confirm_authority,
    resident_create,
)

LOG_CONTACT = "complaints.log_complaint"
SEARCH_LIMIT = 20


class ContactKind(models.TextChoices):
    """The question Appendix B asks of every contact."""

    SERVICE_REQUEST = "service_request", "They are asking for something to be done"
    DISSATISFIED = (
        "dissatisfied",
        "They are unhappy with the standard of service, action or lack of action",
    )
    DISSATISFIED_WITH_REQUEST = (
        "dissatisfied_with_request",
        "They are unhappy with how a request they already made is being handled",
    )


DISSATISFIED_KINDS = (ContactKind.DISSATISFIED, ContactKind.DISSATISFIED_WITH_REQUEST)


class Outcome(models.TextChoices):
    """What a contact is recorded as."""

    SERVICE_REQUEST = "service_request", "A service request"
    COMPLAINT = "complaint", "A complaint at stage 1"
    COMPLAINT_FROM_REQUEST = (
        "complaint_from_request",
        "A complaint raised from the service request, which stays open",
    )
    CHOICE_ON_REQUEST = (
        "choice_on_request",
        "No new record: the choice they were given is recorded on the service request",
    )


@dataclass(frozen=True)
class NewResident:
    """A resident not yet on record, as the member of staff took their details."""

    name: str
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""
    email: str = ""
    phone: str = ""
    preferred_contact_method: str = ContactMethod.EMAIL


@dataclass(frozen=True)
class NewRepresentative:
    """Code 3.6: someone acting for the resident, and the resident's consent if given."""

    name: str
    relationship: str
    organisation: str = ""
    email: str = ""
    phone: str = ""
    authority_given_on: datetime.date | None = None
    authority_evidence: str = ""


@dataclass(frozen=True)
class Contact:
    """One contact as taken: the channel, who, what they said, and the answers to Appendix B.

    The resident is one on record (``resident``), a new one (``new_resident``), or nobody
    (``is_anonymous``). A representative is likewise one on record or a new one; consent
    given now for one on record is in ``authority_given_on``/``authority_evidence``.
    """

    channel: str
    description: str
    kind: str
    received_at: datetime.datetime | None = None
    resident: Resident | None = None
    new_resident: NewResident | None = None
    is_anonymous: bool = False
    representative: Representative | None = None
    new_representative: NewRepresentative | None = None
    authority_given_on: datetime.date | None = None
    authority_evidence: str = ""
    outcome_sought: str = ""
    category: Category | None = None
    # Code 1.3: whenever a resident expresses dissatisfaction, the choice to complain.
    choice_offered: bool = False
    wants_to_complain: bool | None = None
    # Code 1.5: the earlier request they are unhappy about, or what they asked for if it
    # was never recorded.
    service_request: ServiceRequest | None = None
    original_request: str = ""


@dataclass(frozen=True)
class ContactLogged:
    """What logging the contact made: a service request, a complaint, or both, linked."""

    outcome: Outcome
    service_request: ServiceRequest | None
    complaint: Complaint | None
    acknowledgement_due: datetime.date | None
    resident: Resident | None
    choice_recorded: bool


# ---------------------------------------------------------------- selectors


def _postcode_key(text: str) -> str:
    return "".join(text.split()).upper()


def contact_resident_search(*, actor: Actor, query: str) -> list[Resident]:
    """The landlord's residents matching a name, an address or a postcode, at most 20.

    A postcode matches with or without its space ("rv12ab" finds RV1 2AB); otherwise every
    word must appear in the name or the address. An empty query finds nobody.
    """
    actor.require(LOG_CONTACT, "log a contact")
    words = query.split()
    if not words:
        return []
    every_word = Q()
    for word in words:
        every_word &= (
            Q(name__icontains=word)
            | Q(home__address_line_1__icontains=word)
            | Q(home__address_line_2__icontains=word)
            | Q(home__town__icontains=word)
            | Q(home__postcode__icontains=word)
        )
    key = _postcode_key(query)
    residents = (
        Resident.objects.filter(landlord_id=actor.landlord_pk)
        .annotate(postcode_key=Replace(Upper("home__postcode"), Value(" "), Value("")))
        .filter(
            Q(postcode_key__startswith=key)
            | Q(tenancy_reference__iexact=query.strip())
            | every_word
        )
        .select_related("home")
        .order_by("name", "pk")
    )
    return list(residents[:SEARCH_LIMIT])


def contact_resident_get(*, actor: Actor, resident_id: int) -> Resident:
    """One of the landlord's residents; another landlord's do not exist here."""
    actor.require(LOG_CONTACT, "log a contact")
    resident = (
        Resident.objects.filter(landlord_id=actor.landlord_pk, pk=resident_id)
        .select_related("home")
        .first()
    )
    if resident is None:
        raise NotFoundError("That resident could not be found.")
    return resident


def contact_representatives(*, resident: Resident) -> QuerySet[Representative]:
    """The people already on record as acting for the resident (Code 3.6)."""
    return resident.representatives.order_by("name", "pk")


def contact_service_requests(*, actor: Actor, resident: Resident) -> list[ServiceRequest]:
    """The resident's service requests, open ones first, newest first: the ones a
    dissatisfied resident may be talking about (Code 1.5)."""
    actor.require(LOG_CONTACT, "log a contact")
    requests = ServiceRequest.objects.filter(
        landlord_id=actor.landlord_pk, resident_id=resident.pk
    ).order_by("-status", "-received_at", "-pk")
    # "open" sorts after "closed", so descending puts the open ones first.
    return list(requests[:SEARCH_LIMIT])


def contact_service_request_get(*, actor: Actor, service_request_id: int) -> ServiceRequest:
    actor.require(LOG_CONTACT, "log a contact")
    request = ServiceRequest.objects.filter(
        landlord_id=actor.landlord_pk, pk=service_request_id
    ).first()
    if request is None:
        raise NotFoundError("That service request could not be found.")
    return request


# ---------------------------------------------------------------- services


def contact_outcome(
    *, kind: str, wants_to_complain: bool | None, earlier_request_on_record: bool = True
) -> Outcome:
    """Appendix B's answer: what the contact is recorded as (Code 1.2 to 1.5).

    A resident who is unhappy but chooses not to complain still has what they asked for
    followed up, as a service request.
    """
    if kind == ContactKind.DISSATISFIED_WITH_REQUEST:
        if wants_to_complain:
            return Outcome.COMPLAINT_FROM_REQUEST
        return Outcome.CHOICE_ON_REQUEST if earlier_request_on_record else Outcome.SERVICE_REQUEST
    if kind == ContactKind.DISSATISFIED and wants_to_complain:
        return Outcome.COMPLAINT
    return Outcome.SERVICE_REQUEST


def contact_require_choice(*, choice_offered: bool, wants_to_complain: bool | None) -> None:
    """Code 1.3: whenever a resident expresses dissatisfaction they are given the choice to
    make a complaint; the record shows they were, and what they chose."""
    if not choice_offered:
        raise DomainError(
            "Give the resident the choice to make a complaint, and record that you did.",
            provision="1.3",
            field="choice_offered",
        )
    if wants_to_complain is None:
        raise DomainError(
            "Record whether the resident wants to make a complaint.",
            provision="1.3",
            field="wants_to_complain",
        )


def contact_require_earlier_request(
    *,
    landlord: Landlord,
    resident: Resident | None,
    service_request: ServiceRequest | None,
    original_request: str,
) -> None:
    """Code 1.5: the complaint is raised from the request the resident is unhappy about."""
    if service_request is None and not original_request.strip():
        raise DomainError(
            "Choose the request they are unhappy about, or record what they asked for.",
            provision="1.5",
            field="service_request",
        )
    if service_request is not None and (
        service_request.landlord_id != landlord.pk
        or service_request.resident_id != getattr(resident, "pk", None)
    ):
        raise DomainError(
            "That service request was made by someone else: choose one of the resident's own "
            "requests.",
            provision="1.5",
            field="service_request",
        )


def _validate(landlord: Landlord, contact: Contact) -> None:
    if contact.kind not in ContactKind.values:
        raise DomainError(
            "Say whether they are asking for something to be done or are unhappy with a service.",
            provision="1.4",
            field="kind",
        )
    people = [contact.resident is not None, contact.new_resident is not None, contact.is_anonymous]
    if sum(people) != 1:
        raise DomainError(
            "Say who the contact is from: a resident on record, a new resident, or someone "
            "who did not give their name.",
            field="resident",
        )
    if contact.is_anonymous and (contact.representative or contact.new_representative):
        raise DomainError(
            "A representative acts for a named resident: say who the resident is.",
            provision="3.6",
            field="representative",
        )
    if contact.representative is not None and (
        contact.resident is None or contact.representative.resident_id != contact.resident.pk
    ):
        raise DomainError(
            "The representative must be acting for the resident who made contact.",
            provision="3.6",
            field="representative",
        )
    if contact.kind in DISSATISFIED_KINDS:
        contact_require_choice(
            choice_offered=contact.choice_offered, wants_to_complain=contact.wants_to_complain
        )
    if contact.kind == ContactKind.DISSATISFIED_WITH_REQUEST:
        contact_require_earlier_request(
            landlord=landlord,
            resident=contact.resident,
            service_request=contact.service_request,
            original_request=contact.original_request,
        )


def _people(
    actor: Actor, landlord: Landlord, contact: Contact
) -> tuple[Resident | None, Representative | None]:
    """The resident and representative the contact is from, recording any not yet on record."""
    resident = contact.resident
    if contact.new_resident is not None:
        details = contact.new_resident
        home = None
        if any((details.address_line_1.strip(), details.postcode.strip(), details.town.strip())):
            home = property_create(
                actor=actor,
                landlord=landlord,
                address_line_1=details.address_line_1,
                address_line_2=details.address_line_2,
                town=details.town,
                postcode=details.postcode,
            )
        resident = resident_create(
            actor=actor,
            landlord=landlord,
            name=details.name,
            email=details.email,
            phone=details.phone,
            home=home,
            preferred_contact_method=details.preferred_contact_method,
        )
    representative = contact.representative
    if contact.new_representative is not None and resident is not None:
        new = contact.new_representative
        representative = representative_add(
            actor=actor,
            resident=resident,
            name=new.name,
            relationship=new.relationship,
            organisation=new.organisation,
            email=new.email,
            phone=new.phone,
            authority_given_on=new.authority_given_on,
            authority_evidence=new.authority_evidence,
        )
    elif (
        representative is not None
        and not representative.has_authority
        and contact.authority_given_on is not None
    ):
        # Consent given during this contact, for someone already on record (Code 3.6).
        representative = representative_confirm_authority(
            actor=actor,
            representative=representative,
            authority_given_on=contact.authority_given_on,
            authority_evidence=contact.authority_evidence,
        )
    return resident, representative


def contact_check_people(*, actor: Actor, landlord: Landlord, contact: Contact) -> None:
    """Raise the ``DomainError`` recording the contact's new resident or representative would,
    keeping nothing: a step of a form can then say what is missing while it is on screen."""
    actor.require(LOG_CONTACT, "log a contact")
    with transaction.atomic():
        _people(actor, landlord, contact)
        transaction.set_rollback(True)


def _choice_recorded(
    actor: Actor,
    *,
    subject: ServiceRequest | Complaint,
    complaint: Complaint | None,
    wants_to_complain: bool,
) -> None:
    if wants_to_complain:
        summary = "The resident was given the choice to make a complaint, and made one"
    else:
        summary = (
            "The resident was given the choice to make a complaint, and chose not to; "
            "what they asked for is followed up as a service request"
        )
    record_event(
        actor=actor,
        subject=subject,
        complaint_id=complaint.pk if complaint else None,
        action="contact.choice_to_complain_offered",
        summary=summary + " (Complaint Handling Code 1.3)",
        after={"choice_offered": True, "wants_to_complain": wants_to_complain},
    )


@transaction.atomic
def contact_log(*, actor: Actor, landlord: Landlord, contact: Contact) -> ContactLogged:
    """Record a contact as Appendix B directs (Code 1.2 to 1.5, 3.2, 3.6).

    - Asking for something to be done: a service request (Code 1.4).
    - Unhappy with the standard of service, action or lack of action, and wanting to
      complain: a complaint at stage 1, acknowledgement due as the policy says (Code 1.2).
    - Unhappy with how a request is being handled, and wanting to complain: a complaint
      raised from that request, which stays open (Code 1.5); a request never recorded is
      recorded first.
    - Unhappy, but choosing not to complain: what they asked for is followed up as a
      service request. Either way, the choice they were given is recorded (Code 1.3).
    """
    actor.require(LOG_CONTACT, "log a contact")
    if actor.landlord_id != landlord.pk:
        raise NotFoundError("That landlord could not be found.")
    _validate(landlord, contact)
    resident, representative = _people(actor, landlord, contact)
    wants = bool(contact.wants_to_complain)
    dissatisfied = contact.kind in DISSATISFIED_KINDS
    outcome = contact_outcome(
        kind=contact.kind,
        wants_to_complain=contact.wants_to_complain,
        earlier_request_on_record=contact.service_request is not None,
    )

    def request(description: str) -> ServiceRequest:
        return service_request_log(
            actor=actor,
            landlord=landlord,
            description=description,
            channel=contact.channel,
            resident=resident,
            category=contact.category,
            received_at=contact.received_at,
        )

    service_request: ServiceRequest | None = None
    complaint: Complaint | None = None
    if contact.kind == ContactKind.DISSATISFIED_WITH_REQUEST:
        # A request never recorded is recorded now: the complaint is raised from it (Code 1.5).
        service_request = contact.service_request or request(contact.original_request)
        if outcome == Outcome.COMPLAINT_FROM_REQUEST:
            complaint = service_request_record_dissatisfaction(
                actor=actor,
                service_request=service_request,
                description=contact.description,
                channel=contact.channel,
                received_at=contact.received_at,
                representative=representative,
                outcome_sought=contact.outcome_sought,
            )
    elif outcome == Outcome.COMPLAINT:
        complaint = complaint_log(
            actor=actor,
            landlord=landlord,
            details=ComplaintDetails(
                description=contact.description,
                channel=contact.channel,
                received_at=contact.received_at,
                resident=resident,
                representative=representative,
                is_anonymous=resident is None,
                outcome_sought=contact.outcome_sought,
                category=contact.category,
            ),
        )
    else:
        service_request = request(contact.description)
    if dissatisfied:
        subject: ServiceRequest | Complaint | None = complaint or service_request
        assert subject is not None  # every path above made or found one
        _choice_recorded(actor, subject=subject, complaint=complaint, wants_to_complain=wants)
    acknowledgement_due = None
    if complaint is not None:
        # The stage the service made is already on the complaint: no need to read it back.
        acknowledgement_due = next(
            s for s in complaint.stages.all() if s.number == 1
        ).acknowledgement_due
    return ContactLogged(
        outcome=outcome,
        service_request=service_request,
        complaint=complaint,
        acknowledgement_due=acknowledgement_due,
        resident=resident,
        choice_recorded=dissatisfied,
    )
