"""Residents and the people acting for them (Code 1.3, 3.6): a representative acts with the
resident's consent, and how it was given is recorded."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.models import Event
from putright.residents.models import ContactMethod, Representative, Resident
from putright.residents.services import (
    property_create,
    representative_add,
    representative_confirm_authority,
    resident_create,
    resident_update_contact_preferences,
)

Relationship = Representative.Relationship


def add(actor, resident, **changes):
    arguments = {
        "name": "Priya Shah",
        "relationship": Relationship.ADVOCATE,
        "authority_given_on": datetime.date(2026, 3, 2),
        "authority_evidence": "Signed authority form, scanned 2 March 2026.",
        **changes,
    }
    return representative_add(actor=actor, resident=resident, **arguments)


# ---------------------------------------------------------------- representatives (3.6)


def test_a_representative_acts_with_the_residents_consent_and_its_evidence(officer, resident):
    advocate = add(Actor.for_user(officer), resident, organisation="  Citizens Advice  ")
    advocate.refresh_from_db()
    assert advocate.has_authority
    assert advocate.authority_evidence == "Signed authority form, scanned 2 March 2026."
    assert advocate.organisation == "Citizens Advice"
    assert advocate.resident == resident


def test_a_consent_date_needs_evidence_of_the_consent(officer, resident):
    with pytest.raises(DomainError) as error:
        add(Actor.for_user(officer), resident, authority_evidence="  ")
    assert (error.value.field, error.value.provision) == ("authority_evidence", "3.6")
    assert not Representative.objects.exists()


def test_consent_cannot_be_given_in_the_future(officer, resident):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(DomainError) as error:
        add(Actor.for_user(officer), resident, authority_given_on=tomorrow)
    assert error.value.field == "authority_given_on"


def test_a_representative_can_be_recorded_before_consent_is_confirmed(officer, resident):
    friend = add(Actor.for_user(officer), resident, authority_given_on=None, authority_evidence="")
    assert not friend.has_authority
    event = Event.objects.get(action="representative.added")
    assert event.after == {"has_authority": False}
    assert "still to be confirmed" in event.summary


def test_consent_confirmed_later_needs_its_evidence(officer, resident):
    friend = add(Actor.for_user(officer), resident, authority_given_on=None, authority_evidence="")
    with pytest.raises(DomainError) as error:
        representative_confirm_authority(
            actor=Actor.for_user(officer),
            representative=friend,
            authority_given_on=datetime.date(2026, 3, 2),
            authority_evidence="",
        )
    assert (error.value.field, error.value.provision) == ("authority_evidence", "3.6")
    friend.refresh_from_db()
    assert not friend.has_authority


def test_consent_confirmed_later_is_recorded(officer, resident):
    friend = add(Actor.for_user(officer), resident, authority_given_on=None, authority_evidence="")
    representative_confirm_authority(
        actor=Actor.for_user(officer),
        representative=friend,
        authority_given_on=datetime.date(2026, 3, 2),
        authority_evidence="Consent given by phone; call note 88.",
    )
    friend.refresh_from_db()
    assert friend.has_authority
    assert Event.objects.filter(action="representative.authority_confirmed").count() == 1


def test_consent_confirmed_later_cannot_be_dated_in_the_future(officer, resident):
    friend = add(Actor.for_user(officer), resident, authority_given_on=None, authority_evidence="")
    with pytest.raises(DomainError) as error:
        representative_confirm_authority(
            actor=Actor.for_user(officer),
            representative=friend,
            authority_given_on=timezone.localdate() + datetime.timedelta(days=1),
            authority_evidence="Form.",
        )
    assert error.value.field == "authority_given_on"
    friend.refresh_from_db()
    assert not friend.has_authority


def test_a_representative_needs_a_known_relationship(officer, resident):
    with pytest.raises(DomainError) as error:
        add(Actor.for_user(officer), resident, relationship="landlord")
    assert error.value.field == "relationship"


def test_recording_representatives_needs_the_residents_permission(board_member, resident):
    with pytest.raises(NotPermittedError):
        add(Actor.for_user(board_member), resident)


def test_a_resident_can_name_their_own_representative(resident):
    assert add(Actor.resident(resident.landlord_id), resident).resident == resident


# ---------------------------------------------------------------- residents


def test_a_resident_needs_a_way_to_be_reached(landlord, officer):
    with pytest.raises(DomainError) as error:
        resident_create(actor=Actor.for_user(officer), landlord=landlord, name="Alex")
    assert error.value.field == "email"
    assert not Resident.objects.filter(name="Alex").exists()


def test_a_resident_needs_a_name(landlord, officer):
    with pytest.raises(DomainError) as error:
        resident_create(actor=Actor.for_user(officer), landlord=landlord, name=" ", phone="0123")
    assert error.value.field == "name"


def test_a_residents_home_belongs_to_the_landlord(landlord, officer, other_landlord):
    elsewhere = property_create(
        actor=Actor.system(other_landlord.pk),
        landlord=other_landlord,
        address_line_1="1 Hill",
        postcode="hl1 1aa",
    )
    assert elsewhere.postcode == "HL1 1AA"
    with pytest.raises(DomainError) as error:
        resident_create(actor=Actor.for_user(officer), landlord=landlord, name="Jo", home=elsewhere)
    assert error.value.field == "home"


def test_recording_a_resident_keeps_personal_data_out_of_the_history(landlord, officer):
    resident = resident_create(
        actor=Actor.for_user(officer), landlord=landlord, name="Jo Bloggs", email="JO@Example.org"
    )
    assert resident.email == "jo@example.org"
    event = Event.objects.get(action="resident.created", subject_id=resident.pk)
    assert "Bloggs" not in event.summary
    assert event.before == {} and event.after == {}


def test_recording_residents_needs_the_residents_permission(landlord, board_member):
    with pytest.raises(NotPermittedError):
        resident_create(
            actor=Actor.for_user(board_member), landlord=landlord, name="Jo", phone="0123"
        )


def test_contact_preferences_are_changed_and_the_change_recorded(officer, resident):
    resident_update_contact_preferences(
        actor=Actor.for_user(officer),
        resident=resident,
        preferred_contact_method=ContactMethod.PHONE,
        contact_frequency="  Weekly  ",
    )
    resident.refresh_from_db()
    assert (resident.preferred_contact_method, resident.contact_frequency) == ("phone", "Weekly")
    event = Event.objects.get(action="resident.contact_preferences_changed")
    assert event.before == {"preferred_contact_method": "email", "contact_frequency": ""}
    assert event.after == {"preferred_contact_method": "phone", "contact_frequency": "Weekly"}


def test_an_unknown_contact_method_is_refused(officer, resident):
    with pytest.raises(DomainError) as error:
        resident_update_contact_preferences(
            actor=Actor.for_user(officer), resident=resident, preferred_contact_method="pigeon"
        )
    assert error.value.field == "preferred_contact_method"
