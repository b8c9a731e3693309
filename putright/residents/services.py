"""Residents, representatives, adjustments and restrictions: each change recorded."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError, require_text
from putright.core.services import record_event
from putright.landlords.models import Landlord
from putright.residents.models import (
    ContactMethod,
    Property,
    ReasonableAdjustment,
    Representative,
    Resident,
    Restriction,
    Vulnerability,
)
from putright.residents.selectors import special_category_require


def _require_own_landlord(actor: Actor, landlord_id: int) -> None:
    """Another landlord's residents do not exist, as far as this actor can tell."""
    if actor.landlord_id is None and actor.can("*"):
        return  # the system itself, acting across landlords (demo data, imports)
    if actor.landlord_id != landlord_id:
        raise NotFoundError("That resident or property could not be found.")


def _can_record_residents(actor: Actor) -> None:
    if not actor.is_resident:
        actor.require("residents.manage_residents", "record residents")


@transaction.atomic
def property_create(
    *,
    actor: Actor,
    landlord: Landlord,
    address_line_1: str,
    postcode: str,
    address_line_2: str = "",
    town: str = "",
    uprn: str = "",
) -> Property:
    _require_own_landlord(actor, landlord.pk)
    _can_record_residents(actor)
    home = Property.objects.create(
        landlord=landlord,
        address_line_1=require_text(
            address_line_1, "Enter the first line of the address.", field="address_line_1"
        ),
        address_line_2=address_line_2.strip(),
        town=town.strip(),
        postcode=require_text(postcode, "Enter the postcode.", field="postcode").upper(),
        uprn=uprn.strip(),
    )
    record_event(actor=actor, subject=home, action="property.created", summary="Property recorded")
    return home


@transaction.atomic
def resident_create(
    *,
    actor: Actor,
    landlord: Landlord,
    name: str,
    email: str = "",
    phone: str = "",
    postal_address: str = "",
    home: Property | None = None,
    tenancy_reference: str = "",
    preferred_contact_method: str = ContactMethod.EMAIL,
    contact_frequency: str = "",
) -> Resident:
    _require_own_landlord(actor, landlord.pk)
    _can_record_residents(actor)
    if preferred_contact_method not in ContactMethod.values:
        raise DomainError(
            "Choose how the resident would like us to contact them.",
            field="preferred_contact_method",
        )
    if not (email.strip() or phone.strip() or postal_address.strip() or home):
        raise DomainError(
            "Record at least one way to reach the resident: email, phone or address.", field="email"
        )
    if home is not None and home.landlord_id != landlord.pk:
        raise DomainError("That property belongs to another landlord.", field="home")
    resident = Resident.objects.create(
        landlord=landlord,
        name=require_text(name, "Enter the resident's name.", field="name"),
        email=email.strip().lower(),
        phone=phone.strip(),
        postal_address=postal_address.strip(),
        home=home,
        tenancy_reference=tenancy_reference.strip(),
        preferred_contact_method=preferred_contact_method,
        contact_frequency=contact_frequency.strip(),
    )
    # Names and contact details stay out of the event: the record must not copy personal data.
    record_event(
        actor=actor, subject=resident, action="resident.created", summary="Resident recorded"
    )
    return resident


@transaction.atomic
def resident_update_contact_preferences(
    *, actor: Actor, resident: Resident, preferred_contact_method: str, contact_frequency: str = ""
) -> Resident:
    _require_own_landlord(actor, resident.landlord_id)
    _can_record_residents(actor)
    if preferred_contact_method not in ContactMethod.values:
        raise DomainError(
            "Choose how the resident would like us to contact them.",
            field="preferred_contact_method",
        )
    before = {
        "preferred_contact_method": resident.preferred_contact_method,
        "contact_frequency": resident.contact_frequency,
    }
    resident.preferred_contact_method = preferred_contact_method
    resident.contact_frequency = contact_frequency.strip()
    resident.save(update_fields=["preferred_contact_method", "contact_frequency"])
    record_event(
        actor=actor,
        subject=resident,
        action="resident.contact_preferences_changed",
        summary="Contact preferences changed",
        before=before,
        after={
            "preferred_contact_method": preferred_contact_method,
            "contact_frequency": resident.contact_frequency,
        },
    )
    return resident


@transaction.atomic
def representative_add(
    *,
    actor: Actor,
    resident: Resident,
    name: str,
    relationship: str,
    authority_given_on: datetime.date | None,
    authority_evidence: str = "",
    organisation: str = "",
    email: str = "",
    phone: str = "",
    postal_address: str = "",
    receives_copies: bool = True,
) -> Representative:
    """Code 3.6, 1.3: a representative may act for a resident, with the resident's authority."""
    _require_own_landlord(actor, resident.landlord_id)
    _can_record_residents(actor)
    if relationship not in Representative.Relationship.values:
        raise DomainError("Choose how the representative knows the resident.", field="relationship")
    if authority_given_on is not None:
        if authority_given_on > timezone.localdate():
            raise DomainError("Consent cannot be given in the future.", field="authority_given_on")
        authority_evidence = require_text(
            authority_evidence,
            "Record how the resident gave their consent.",
            field="authority_evidence",
            provision="3.6",
        )
    representative = Representative.objects.create(
        resident=resident,
        name=require_text(name, "Enter the representative's name.", field="name"),
        relationship=relationship,
        organisation=organisation.strip(),
        email=email.strip().lower(),
        phone=phone.strip(),
        postal_address=postal_address.strip(),
        authority_given_on=authority_given_on,
        authority_evidence=authority_evidence.strip(),
        receives_copies=receives_copies,
    )
    record_event(
        actor=actor,
        subject=representative,
        action="representative.added",
        summary=f"Representative recorded ({representative.get_relationship_display().lower()})"
        + ("" if authority_given_on else "; the resident's consent is still to be confirmed"),
        after={"has_authority": authority_given_on is not None},
    )
    return representative


@transaction.atomic
def representative_confirm_authority(
    *,
    actor: Actor,
    representative: Representative,
    authority_given_on: datetime.date,
    authority_evidence: str,
) -> Representative:
    _require_own_landlord(actor, representative.resident.landlord_id)
    _can_record_residents(actor)
    if authority_given_on > timezone.localdate():
        raise DomainError("Consent cannot be given in the future.", field="authority_given_on")
    representative.authority_given_on = authority_given_on
    representative.authority_evidence = require_text(
        authority_evidence,
        "Record how the resident gave their consent.",
        field="authority_evidence",
        provision="3.6",
    )
    representative.save(update_fields=["authority_given_on", "authority_evidence"])
    record_event(
        actor=actor,
        subject=representative,
        action="representative.authority_confirmed",
        summary="The resident's consent for their representative was recorded",
        after={"authority_given_on": authority_given_on},
    )
    return representative


@transaction.atomic
def adjustment_record(
    *,
    actor: Actor,
    resident: Resident,
    kind: str,
    agreed_on: datetime.date,
    details: str = "",
    disability_disclosed: str = "",
    review_on: datetime.date | None = None,
) -> ReasonableAdjustment:
    """Code 5.10: a record of every adjustment agreed and disability disclosed, with a review
    date."""
    _require_own_landlord(actor, resident.landlord_id)
    if not actor.is_resident:
        special_category_require(actor)
    if kind not in ReasonableAdjustment.Kind.values:
        raise DomainError("Choose the adjustment.", field="kind")
    if kind == ReasonableAdjustment.Kind.OTHER:
        details = require_text(
            details, "Describe the adjustment.", field="details", provision="5.10"
        )
    if review_on is not None and review_on <= agreed_on:
        raise DomainError(
            "The review date must be after the date it was agreed.", field="review_on"
        )
    adjustment = ReasonableAdjustment.objects.create(
        resident=resident,
        kind=kind,
        details=details.strip(),
        disability_disclosed=disability_disclosed.strip(),
        agreed_on=agreed_on,
        review_on=review_on,
        recorded_by=actor.user,
    )
    # The event names the kind of adjustment only: what was disclosed stays in its record.
    record_event(
        actor=actor,
        subject=adjustment,
        action="adjustment.recorded",
        summary="Reasonable adjustment recorded",
        after={"review_on": review_on},
    )
    return adjustment


@transaction.atomic
def vulnerability_record(
    *,
    actor: Actor,
    resident: Resident,
    kind: str,
    recorded_on: datetime.date,
    details: str = "",
    review_on: datetime.date | None = None,
) -> Vulnerability:
    _require_own_landlord(actor, resident.landlord_id)
    special_category_require(actor)
    if kind not in Vulnerability.Kind.values:
        raise DomainError("Choose the kind of vulnerability.", field="kind")
    vulnerability = Vulnerability.objects.create(
        resident=resident,
        kind=kind,
        details=details.strip(),
        recorded_on=recorded_on,
        review_on=review_on,
    )
    record_event(
        actor=actor,
        subject=vulnerability,
        action="vulnerability.recorded",
        summary="Vulnerability recorded",
    )
    return vulnerability


@transaction.atomic
def restriction_impose(
    *,
    actor: Actor,
    resident: Resident,
    behaviour: str,
    evidence: str,
    restriction: str,
    equality_considerations: str,
    starts_on: datetime.date,
    review_on: datetime.date,
) -> Restriction:
    """Code 5.14, 5.15: restrict contact only with evidence, proportionately, having regard to
    the Equality Act 2010, and with a date to review it."""
    _require_own_landlord(actor, resident.landlord_id)
    actor.require("residents.manage_restrictions", "restrict a resident's contact")
    if review_on <= starts_on:
        raise DomainError(
            "The review date must be after the restriction starts.",
            field="review_on",
            provision="5.14",
        )
    record = Restriction.objects.create(
        resident=resident,
        behaviour=require_text(
            behaviour, "Describe the unacceptable behaviour.", field="behaviour", provision="5.14"
        ),
        evidence=require_text(
            evidence, "Record the evidence for the restriction.", field="evidence", provision="5.14"
        ),
        restriction=require_text(
            restriction,
            "Say what contact is restricted and how the resident can still reach us.",
            field="restriction",
            provision="5.15",
        ),
        equality_considerations=require_text(
            equality_considerations,
            "Record how the Equality Act 2010 was considered.",
            field="equality_considerations",
            provision="5.15",
        ),
        starts_on=starts_on,
        review_on=review_on,
        decided_by=actor.user,
    )
    record_event(
        actor=actor,
        subject=record,
        action="restriction.imposed",
        summary=f"Contact restricted from {starts_on:%d %B %Y}; review due {review_on:%d %B %Y}",
        after={"starts_on": starts_on, "review_on": review_on},
    )
    return record


@transaction.atomic
def restriction_review(
    *, actor: Actor, restriction: Restriction, outcome: str, next_review_on: datetime.date | None
) -> Restriction:
    """Review a restriction: keep it with a new review date, or lift it."""
    _require_own_landlord(actor, restriction.resident.landlord_id)
    actor.require("residents.manage_restrictions", "review a restriction")
    outcome = require_text(
        outcome, "Record the outcome of the review.", field="outcome", provision="5.14"
    )
    today = timezone.localdate()
    restriction.last_reviewed_on = today
    if next_review_on is None:
        restriction.ended_on = today
        summary = "Restriction reviewed and lifted"
    else:
        if next_review_on <= today:
            raise DomainError("The next review must be in the future.", field="next_review_on")
        restriction.review_on = next_review_on
        summary = f"Restriction reviewed and kept; next review {next_review_on:%d %B %Y}"
    restriction.save(update_fields=["last_reviewed_on", "ended_on", "review_on"])
    record_event(
        actor=actor,
        subject=restriction,
        action="restriction.reviewed",
        summary=summary,
        after={"outcome": outcome},
    )
    return restriction
