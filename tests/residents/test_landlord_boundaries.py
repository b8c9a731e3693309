"""One landlord's staff can neither see nor change another landlord's residents."""

from __future__ import annotations

import datetime

import pytest

from putright.core.actors import Actor
from putright.core.errors import NotFoundError
from putright.residents.models import ReasonableAdjustment, Resident, Vulnerability
from putright.residents.services import (
    adjustment_record,
    property_create,
    representative_add,
    resident_create,
    resident_update_contact_preferences,
    restriction_impose,
    vulnerability_record,
)

ON = datetime.date(2026, 3, 2)


@pytest.fixture
def outsider(other_landlord_officer):
    return Actor.for_user(other_landlord_officer)


def test_another_landlords_officer_cannot_record_a_vulnerability(outsider, resident):
    with pytest.raises(NotFoundError):
        vulnerability_record(
            actor=outsider, resident=resident, kind=Vulnerability.Kind.SAFEGUARDING, recorded_on=ON
        )
    assert not Vulnerability.objects.exists()


def test_another_landlords_officer_cannot_record_an_adjustment(outsider, resident):
    with pytest.raises(NotFoundError):
        adjustment_record(
            actor=outsider,
            resident=resident,
            kind=ReasonableAdjustment.Kind.LARGE_PRINT,
            agreed_on=ON,
        )
    assert not ReasonableAdjustment.objects.exists()


def test_another_landlords_officer_cannot_change_contact_preferences(outsider, resident):
    before = resident.preferred_contact_method
    with pytest.raises(NotFoundError):
        resident_update_contact_preferences(
            actor=outsider, resident=resident, preferred_contact_method="phone"
        )
    assert Resident.objects.get(pk=resident.pk).preferred_contact_method == before


def test_another_landlords_officer_cannot_add_a_representative(outsider, resident):
    with pytest.raises(NotFoundError):
        representative_add(
            actor=outsider,
            resident=resident,
            name="Sam Morgan",
            relationship="Son",
            authority_given_on=None,
        )
    assert not resident.representatives.exists()


def test_another_landlords_manager_cannot_restrict_contact(make_staff, other_landlord, resident):
    manager = make_staff("senior_lead", username="hillside-lead")
    manager.landlord = other_landlord
    manager.save()
    with pytest.raises(NotFoundError):
        restriction_impose(
            actor=Actor.for_user(manager),
            resident=resident,
            behaviour="Abusive calls",
            evidence="Recordings",
            restriction="Email only",
            equality_considerations="None disclosed",
            starts_on=ON,
            review_on=ON + datetime.timedelta(days=90),
        )
    assert not resident.restrictions.exists()


def test_no_one_records_residents_or_homes_for_another_landlord(outsider, landlord):
    with pytest.raises(NotFoundError):
        resident_create(actor=outsider, landlord=landlord, name="Alex Other")
    with pytest.raises(NotFoundError):
        property_create(
            actor=outsider, landlord=landlord, address_line_1="1 High St", postcode="AB1 2CD"
        )
