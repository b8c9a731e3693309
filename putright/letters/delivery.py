"""Who gets a letter, and how: pure rules over what the resident's record says.

Kept free of the database so each rule can be read, and tested, on its own:

* An anonymous complaint, or one with no resident named, gets no letter: there is no one
  to write to (the complaint is still investigated).
* The resident gets every letter. It goes by email when they prefer email, a text message
  or a phone call and have an email address; by post when they prefer letters, or have no
  email address. With neither an email nor a postal address it is kept, not sent.
* A reasonable adjustment of "phone calls instead of letters" (Code 5.10) means the letter
  is kept with the complaint and read to the resident, not posted or emailed. "Large print"
  means the large-print document.
* While a restriction on contact is in force (Code 5.14, 5.15) the Code's letters still go:
  a restriction limits how the resident contacts the landlord, never what the landlord must
  tell them. They go by post, so they never open an email conversation the restriction
  closed; by email only when no postal address is known.
* A representative (Code 1.3, 3.6) gets a copy when the resident's authority is recorded and
  they have not asked to stop receiving copies: by email if they gave one, else by post.
"""

from __future__ import annotations

from dataclasses import dataclass

from putright.letters.models import Letter

EMAIL, POST, NOT_SENT = Letter.Medium.EMAIL, Letter.Medium.POST, Letter.Medium.NOT_SENT
RESIDENT, REPRESENTATIVE = Letter.RecipientRole.RESIDENT, Letter.RecipientRole.REPRESENTATIVE


@dataclass(frozen=True)
class Person:
    name: str
    email: str = ""
    postal_address: str = ""


@dataclass(frozen=True)
class ResidentCircumstances:
    """What the resident's record says about how to reach them."""

    person: Person
    preferred_contact_method: str  # residents.ContactMethod
    large_print: bool = False
    phone_instead_of_letters: bool = False
    contact_restricted: bool = False


@dataclass(frozen=True)
class RepresentativeCircumstances:
    person: Person
    has_authority: bool
    receives_copies: bool


@dataclass(frozen=True)
class Delivery:
    """One letter to make: to whom, by what, in which format, and why."""

    role: str
    person: Person
    medium: str
    large_print: bool
    note: str


def _resident_delivery(resident: ResidentCircumstances) -> Delivery:
    person = resident.person
    email, post = bool(person.email.strip()), bool(person.postal_address.strip())

    def make(medium: str, note: str) -> Delivery:
        return Delivery(RESIDENT, person, medium, resident.large_print, note)

    if resident.phone_instead_of_letters:
        return make(
            NOT_SENT,
            "Not posted or emailed: the resident has agreed another way to receive letters "
            "(see their reasonable adjustments). The letter is kept here to be given that way.",
        )
    if resident.contact_restricted:
        if post:
            return make(POST, "By post: a restriction on contact is in force.")
        if email:
            return make(
                EMAIL, "By email: a restriction on contact is in force and no address is known."
            )
    elif resident.preferred_contact_method == "letter":
        if post:
            return make(POST, "By post: the resident prefers letters.")
        if email:
            return make(EMAIL, "By email: the resident prefers letters but has no postal address.")
    else:
        if email:
            return make(EMAIL, "By email.")
        if post:
            return make(POST, "By post: the resident has no email address.")
    return make(NOT_SENT, "Not sent: the resident has no email or postal address recorded.")


def _representative_delivery(representative: RepresentativeCircumstances) -> Delivery | None:
    if not (representative.has_authority and representative.receives_copies):
        return None
    person = representative.person
    if person.email.strip():
        return Delivery(REPRESENTATIVE, person, EMAIL, False, "Copy to the representative.")
    if person.postal_address.strip():
        return Delivery(REPRESENTATIVE, person, POST, False, "Copy to the representative.")
    return Delivery(
        REPRESENTATIVE,
        person,
        NOT_SENT,
        False,
        "Copy not sent: the representative has no email or postal address recorded.",
    )


def delivery_plan(
    *,
    is_anonymous: bool,
    resident: ResidentCircumstances | None,
    representative: RepresentativeCircumstances | None = None,
) -> list[Delivery]:
    """The letters to make for one event on a complaint: the resident's, and any copy."""
    if is_anonymous or resident is None:
        return []
    plan = [_resident_delivery(resident)]
    if representative is not None:
        copy = _representative_delivery(representative)
        if copy is not None:
            plan.append(copy)
    return plan
