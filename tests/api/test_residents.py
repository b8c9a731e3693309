"""Properties, residents and their representatives (Code 3.6) over the API."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from putright.core.actors import Actor
from putright.landlords.services import landlord_create
from putright.residents.models import Property, Representative, Resident
from putright.residents.services import resident_create
from tests.api.conftest import problem_of

# ------------------------------------------------ POST /properties


def test_recording_a_property(officer_api, db):
    response = officer_api.post(
        "/properties", {"address_line_1": "4 Canal Row", "postcode": "rv2 9xy", "town": "Riverside"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["postcode"], body["town"]) == ("RV2 9XY", "Riverside")
    assert Property.objects.get(pk=body["id"]).address_line_1 == "4 Canal Row"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"address_line_1": "4 Canal Row", "postcode": " "}, "postcode"),
        ({"address_line_1": "", "postcode": "RV2 9XY"}, "address_line_1"),
        ({"address_line_1": "4 Canal Row"}, "postcode"),
    ],
)
def test_a_property_needs_an_address_and_postcode(officer_api, db, payload, field):
    assert problem_of(officer_api.post("/properties", payload), 422)["field"] == field
    assert not Property.objects.exists()


def test_the_governing_body_cannot_record_properties(governing_body_api, db):
    problem_of(
        governing_body_api.post("/properties", {"address_line_1": "4 Canal Row", "postcode": "X"}),
        403,
    )
    assert not Property.objects.exists()


# ------------------------------------------------ POST /residents, GET /residents/{id}


def test_recording_and_reading_a_resident(officer_api, resident):
    response = officer_api.post(
        "/residents",
        {
            "name": "Priya Shah",
            "email": "Priya@Example.org",
            "property_id": resident.home_id,
            "preferred_contact_method": "phone",
            "phone": "01632 960000",
        },
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["email"], created["property_id"]) == ("priya@example.org", resident.home_id)
    read = officer_api.get(f"/residents/{created['id']}")
    assert read.status_code == 200
    assert read.json() == created


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "Priya Shah"}, "email"),  # no way at all to reach them
        ({"name": " ", "email": "p@example.org"}, "name"),
        ({"name": "P", "email": "p@example.org", "preferred_contact_method": "fax"}, None),
        ({"name": "P", "email": "p@example.org", "property_id": 999_999}, "property_id"),
        ({"email": "p@example.org"}, "name"),
    ],
)
def test_a_resident_with_a_bad_field_is_a_422(officer_api, db, payload, field):
    body = problem_of(officer_api.post("/residents", payload), 422)
    assert body["field"] == (field or "preferred_contact_method")
    assert not Resident.objects.exists()


def test_the_governing_body_cannot_record_or_see_residents(governing_body_api, resident):
    problem_of(governing_body_api.post("/residents", {"name": "P", "email": "p@x.org"}), 403)
    problem_of(governing_body_api.get(f"/residents/{resident.pk}"), 403)


def test_another_landlords_resident_is_404(officer_api):
    other = landlord_create(name="Hillside Housing", slug="hillside")
    stranger = resident_create(
        actor=Actor.system(other.pk), landlord=other, name="Sam Other", email="sam@example.org"
    )
    problem_of(officer_api.get(f"/residents/{stranger.pk}"), 404)
    problem_of(officer_api.get("/residents/999999"), 404)
    problem_of(
        officer_api.post(
            f"/residents/{stranger.pk}/representatives", {"name": "Kim", "relationship": "friend"}
        ),
        404,
    )


# ------------------------------------------------ POST /residents/{id}/representatives


def test_recording_a_representative_with_the_residents_consent(officer_api, resident):
    response = officer_api.post(
        f"/residents/{resident.pk}/representatives",
        {
            "name": "Cllr Kim Lee",
            "relationship": "councillor",
            "authority_given_on": timezone.localdate().isoformat(),
            "authority_evidence": "Signed consent form.",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["resident_id"], body["relationship"]) == (resident.pk, "councillor")
    assert Representative.objects.get(pk=body["id"]).authority_evidence == "Signed consent form."


def test_a_representatives_consent_must_be_evidenced(officer_api, resident):
    """Code 3.6: a representative acts with the resident's consent, and we record how."""
    response = officer_api.post(
        f"/residents/{resident.pk}/representatives",
        {
            "name": "Kim Lee",
            "relationship": "friend",
            "authority_given_on": timezone.localdate().isoformat(),
        },
    )
    body = problem_of(response, 422)
    assert (body["provision"], body["field"]) == ("3.6", "authority_evidence")
    assert not Representative.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"relationship": "neighbour"}, "relationship"),
        (
            {
                "authority_given_on": (
                    timezone.localdate() + datetime.timedelta(days=2)
                ).isoformat(),
                "authority_evidence": "Form.",
            },
            "authority_given_on",
        ),
        ({"relationship": None}, "relationship"),
    ],
)
def test_a_representative_with_a_bad_field_is_a_422(officer_api, resident, changes, field):
    payload = {"name": "Kim Lee", "relationship": "friend", **changes}
    response = officer_api.post(f"/residents/{resident.pk}/representatives", payload)
    assert problem_of(response, 422)["field"] == field


def test_the_governing_body_cannot_record_representatives(governing_body_api, resident):
    response = governing_body_api.post(
        f"/residents/{resident.pk}/representatives", {"name": "Kim", "relationship": "friend"}
    )
    problem_of(response, 403)
    assert not Representative.objects.exists()


def test_a_complaint_made_by_a_representative_names_them(officer_api, resident):
    representative = officer_api.post(
        f"/residents/{resident.pk}/representatives", {"name": "Kim", "relationship": "mp"}
    ).json()
    response = officer_api.post(
        "/complaints",
        {
            "description": "Mould in the bedroom.",
            "channel": "councillor_or_mp",
            "resident_id": resident.pk,
            "representative_id": representative["id"],
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["representative_id"] == representative["id"]
