"""Logging, listing, reading and the history of complaints over the API."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from putright.complaints.models import Category, Complaint
from putright.core.actors import Actor
from putright.landlords.services import landlord_create
from putright.residents.services import property_create, resident_create
from tests.api.conftest import etag_of, problem_of

# ------------------------------------------------ POST /complaints


def test_logging_a_complaint_answers_201_with_its_location_etag_and_first_deadline(
    officer_api, resident
):
    response = officer_api.post(
        "/complaints",
        {
            "description": "The repair to my boiler was not done.",
            "channel": "email",
            "resident_id": resident.pk,
            "outcome_sought": "A working boiler.",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == f"/api/v1/complaints/{body['reference']}"
    assert etag_of(response) == 1
    assert body["status"] == Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
    assert body["stage"] == 1
    assert body["resident_id"] == resident.pk
    assert body["property_id"] == resident.home_id  # Code 3.2: the home comes with the resident
    assert body["deadline"]["kind"] == "acknowledgement"
    assert Complaint.objects.get(reference=body["reference"]).channel == "email"


def test_the_201_answer_is_the_complaint_exactly_as_a_later_read_gives_it(
    officer_api, resident, landlord
):
    # The 201 is built from what complaint_log hands back, not read back: it must not differ.
    boilers = Category.objects.create(
        landlord=landlord,
        name="Boilers",
        parent=Category.objects.create(landlord=landlord, name="Heating"),
    )
    created = officer_api.post(
        "/complaints",
        {
            "description": "The repair to my boiler was not done.",
            "channel": "phone",
            "resident_id": resident.pk,
            "category_id": boilers.pk,
            "occurred_on": str(timezone.localdate() - datetime.timedelta(days=3)),
        },
    )
    assert created.status_code == 201, created.content
    read = officer_api.get(created["Location"].removeprefix("/api/v1"))
    assert created.json() == read.json()
    assert created["ETag"] == read["ETag"]


def test_a_complaint_without_a_description_is_a_422_naming_the_field(officer_api, resident):
    body = problem_of(officer_api.post("/complaints", {"channel": "phone"}), 422)
    assert body["field"] == "description"
    assert body["errors"][0]["location"] == "body.payload.description"
    assert not Complaint.objects.exists()


def test_a_blank_description_is_refused_under_code_5_12(officer_api, resident):
    body = problem_of(
        officer_api.post(
            "/complaints", {"description": "   ", "channel": "phone", "resident_id": resident.pk}
        ),
        422,
    )
    assert (body["provision"], body["field"]) == ("5.12", "description")
    assert body["type"] == "urn:putright:complaint-handling-code:5.12"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"channel": "pigeon"}, "channel"),
        ({"resident_id": None}, "resident_id"),
        ({"is_anonymous": True}, "is_anonymous"),
        ({"resident_id": 999_999}, "resident_id"),
        ({"property_id": 999_999}, "property_id"),
        ({"category_id": 999_999}, "category_id"),
        ({"service_area_id": 999_999}, "service_area_id"),
        ({"representative_id": 999_999}, "representative_id"),
        ({"occurred_on": "2999-01-01"}, "occurred_on"),
        ({"received_at": "2999-01-01T09:00:00Z"}, "received_at"),
    ],
)
def test_a_complaint_with_a_bad_field_is_a_422_naming_that_field(
    officer_api, resident, change, field
):
    payload = {"description": "Mould.", "channel": "phone", "resident_id": resident.pk, **change}
    body = problem_of(officer_api.post("/complaints", payload), 422)
    assert body["field"] == field
    assert not Complaint.objects.exists()


def test_a_resident_of_another_landlord_cannot_be_named(officer_api, system_actor):
    other = landlord_create(name="Hillside Housing", slug="hillside")
    stranger = resident_create(
        actor=Actor.system(other.pk), landlord=other, name="Sam Other", email="sam@example.org"
    )
    body = problem_of(
        officer_api.post(
            "/complaints", {"description": "Mould.", "channel": "phone", "resident_id": stranger.pk}
        ),
        422,
    )
    assert body["field"] == "resident_id"


def test_a_complaint_may_be_anonymous(officer_api):
    response = officer_api.post(
        "/complaints",
        {"description": "Rubbish on the stairs.", "channel": "other", "is_anonymous": True},
    )
    assert response.status_code == 201, response.content
    assert response.json()["is_anonymous"] is True


# ------------------------------------------------ GET /complaints


@pytest.fixture
def five_complaints(log_complaint):
    start = timezone.now() - datetime.timedelta(days=5)
    return [
        log_complaint(received_at=start + datetime.timedelta(hours=n), description=f"Issue {n}")
        for n in range(5)
    ]


def references(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["reference"] for item in response.json()["items"]]


def test_the_list_is_newest_first_with_the_total_count(officer_api, five_complaints):
    response = officer_api.get("/complaints")
    assert response.json()["count"] == 5
    assert references(response) == [c.reference for c in reversed(five_complaints)]
    first = response.json()["items"][0]
    assert first["version"] == 1 and first["deadline"]["kind"] == "acknowledgement"


def test_limit_and_offset_page_through_the_list(officer_api, five_complaints):
    newest_first = [c.reference for c in reversed(five_complaints)]
    page = officer_api.get("/complaints", {"limit": 2, "offset": 1})
    assert page.json()["count"] == 5
    assert references(page) == newest_first[1:3]
    assert references(officer_api.get("/complaints", {"limit": 2, "offset": 4})) == newest_first[4:]
    assert references(officer_api.get("/complaints", {"offset": 5})) == []


@pytest.mark.parametrize("limit", [1, 200])
def test_limit_may_be_1_to_200(officer_api, five_complaints, limit):
    assert len(references(officer_api.get("/complaints", {"limit": limit}))) == min(limit, 5)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"stage": 3}, "stage"),
        ({"status": "lost"}, "status"),
        ({"received_from": "last tuesday"}, "received_from"),
        ({"open": "perhaps"}, "open"),
    ],
)
def test_a_bad_list_parameter_is_a_422_naming_it(officer_api, query, field):
    assert problem_of(officer_api.get("/complaints", query), 422)["field"] == field


def test_filtering_by_status_and_by_open(officer_api, journey, five_complaints):
    responded = journey.responded()
    investigating = references(
        officer_api.get("/complaints", {"status": Complaint.Status.STAGE1_RESPONDED})
    )
    assert investigating == [responded]
    still_open = references(officer_api.get("/complaints", {"open": True}))
    assert set(still_open) == {c.reference for c in five_complaints}
    assert references(officer_api.get("/complaints", {"open": False})) == [responded]


def test_filtering_by_stage_2(officer_api, journey, five_complaints):
    escalated = journey.responded()
    journey.escalate(escalated)
    assert references(officer_api.get("/complaints", {"stage": 2})) == [escalated]
    stage_one = references(officer_api.get("/complaints", {"stage": 1}))
    assert escalated not in stage_one and len(stage_one) == 5


def test_filtering_by_received_dates_and_channel(officer_api, log_complaint):
    now = timezone.now()
    old = log_complaint(received_at=now - datetime.timedelta(days=40), channel="letter")
    new = log_complaint(received_at=now, channel="email")
    since = (now - datetime.timedelta(days=10)).date().isoformat()
    assert references(officer_api.get("/complaints", {"received_from": since})) == [new.reference]
    assert references(officer_api.get("/complaints", {"received_to": since})) == [old.reference]
    assert references(officer_api.get("/complaints", {"channel": "letter"})) == [old.reference]


def test_filtering_by_category(officer_api, log_complaint, landlord):
    damp = Category.objects.create(landlord=landlord, name="Damp and mould")
    tagged = log_complaint(category=damp)
    log_complaint()
    assert references(officer_api.get("/complaints", {"category_id": damp.pk})) == [
        tagged.reference
    ]


def test_search_finds_a_complaint_by_reference_in_any_case(officer_api, five_complaints):
    wanted = five_complaints[2].reference
    assert references(officer_api.get("/complaints", {"search": wanted.lower()})) == [wanted]


def test_search_finds_complaints_by_postcode(
    officer_api, log_complaint, landlord, system_actor, five_complaints
):
    elsewhere = property_create(
        actor=system_actor, landlord=landlord, address_line_1="3 Quay St", postcode="QY9 9ZZ"
    )
    neighbour = resident_create(
        actor=system_actor,
        landlord=landlord,
        name="Jo Quay",
        email="jo@example.org",
        home=elsewhere,
    )
    wanted = log_complaint(resident=neighbour)
    assert references(officer_api.get("/complaints", {"search": "qy9 9zz"})) == [wanted.reference]
    # The resident fixture's home is RV1 2AB: every other complaint, and not this one.
    assert len(references(officer_api.get("/complaints", {"search": "RV1 2AB"}))) == 5


def test_a_handler_lists_only_their_teams_complaints(
    handler_api, outsider_api, journey, five_complaints
):
    theirs = journey.log()
    journey.assign(theirs)
    assert references(handler_api.get("/complaints")) == [theirs]
    assert references(outsider_api.get("/complaints")) == []


def test_the_governing_body_sees_no_complaints(governing_body_api, five_complaints):
    response = governing_body_api.get("/complaints")
    assert response.json() == {"count": 0, "items": []}


# ------------------------------------------------ GET /complaints/{reference}


def test_reading_a_complaint_gives_its_detail_and_version_as_etag(officer_api, journey):
    reference = journey.investigating()
    response = officer_api.get(f"/complaints/{reference}")
    assert response.status_code == 200
    body = response.json()
    assert etag_of(response) == Complaint.objects.get(reference=reference).version
    assert body["status"] == Complaint.Status.STAGE1_INVESTIGATING
    (stage,) = body["stages"]
    assert stage["points"][0]["description"] == "The repair was not done"
    assert stage["deadline"]["kind"] == "response"
    assert stage["handler"] == body["handler"] is not None


def test_a_reference_is_found_in_lower_case(officer_api, journey):
    reference = journey.log()
    assert officer_api.get(f"/complaints/{reference.lower()}").json()["reference"] == reference


def test_a_handler_outside_the_team_gets_404_not_403(outsider_api, handler_api, journey):
    reference = journey.log()
    journey.assign(reference)
    assert handler_api.get(f"/complaints/{reference}").status_code == 200
    body = problem_of(outsider_api.get(f"/complaints/{reference}"), 404)
    assert reference in body["detail"]


def test_an_unknown_reference_is_404(officer_api, db):
    problem_of(officer_api.get("/complaints/C1999-99999"), 404)


def test_another_landlords_complaint_is_404(api_as, make_staff, journey):
    reference = journey.log()
    other = landlord_create(name="Hillside Housing", slug="hillside")
    stranger = make_staff("complaints_officer", username="hillside-officer")
    stranger.landlord = other
    stranger.save()
    problem_of(api_as(stranger, "complaints_officer").get(f"/complaints/{reference}"), 404)


# ------------------------------------------------ GET /complaints/{reference}/timeline


def test_the_timeline_is_the_full_history_newest_first(officer_api, journey):
    reference = journey.investigating()
    response = officer_api.get(f"/complaints/{reference}/timeline")
    assert response.status_code == 200
    actions = [event["action"] for event in response.json()]
    assert actions == [
        "stage.conflict_declared",
        "stage.assigned",
        "stage.acknowledged",
        # The acknowledgement letter, kept and queued for the resident (Code 6.2).
        "letter.queued",
        "outbox.queued",
        "stage.defined",
        "complaint.logged",
    ]
    assert "(via Test integration)" in response.json()[-1]["actor"]


def test_the_timeline_of_a_complaint_outside_the_team_is_404(outsider_api, journey):
    problem_of(outsider_api.get(f"/complaints/{journey.log()}/timeline"), 404)


# ------------------------------------------------ third parties (Code 5.4, 5.5)


def test_a_third_party_handling_the_response_is_logged_and_shown_in_the_detail(
    officer_api, resident
):
    created = officer_api.post(
        "/complaints",
        {
            "description": "The contractor left the boiler unsafe.",
            "channel": "email",
            "resident_id": resident.pk,
            "third_party_name": "  Northern Heating Ltd  ",
            "third_party_handles_response": True,
        },
    )
    assert created.status_code == 201, created.content
    body = officer_api.get(created["Location"].removeprefix("/api/v1")).json()
    assert body["third_party_name"] == "Northern Heating Ltd"
    assert body["third_party_handles_response"] is True
    assert created.json()["third_party_name"] == "Northern Heating Ltd"
    stored = Complaint.objects.get(reference=body["reference"])
    assert (stored.third_party_name, stored.third_party_handles_response) == (
        "Northern Heating Ltd",
        True,
    )


def test_a_complaint_logged_without_a_third_party_shows_none(officer_api, resident):
    created = officer_api.post(
        "/complaints", {"description": "Mould.", "channel": "phone", "resident_id": resident.pk}
    )
    assert created.status_code == 201, created.content
    body = officer_api.get(created["Location"].removeprefix("/api/v1")).json()
    assert (body["third_party_name"], body["third_party_handles_response"]) == ("", False)
