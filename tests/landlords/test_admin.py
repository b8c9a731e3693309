"""The landlord's settings in the admin: details, the Ombudsman's contact details, entities,
and the complaints policy, whose timescales may be stricter than the Code's, never looser
(Code 5.1 and section 6)."""

from __future__ import annotations

import pytest

from putright.accounts.models import User
from putright.core.models import Event
from putright.landlords.models import ComplaintPolicy, Entity, Landlord
from tests.landlords.admin_pages import form_data


@pytest.fixture
def administrator(make_staff) -> User:
    return make_staff("administrator", username="admin")


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def policy_url(landlord: Landlord) -> str:
    return f"/admin/landlords/complaintpolicy/{landlord.policy.pk}/change/"


def post_policy(client, landlord: Landlord, **changes):
    data = form_data(client.get(policy_url(landlord)).content.decode())
    data.update({name: str(value) for name, value in changes.items()})
    return client.post(policy_url(landlord), data)


@pytest.mark.parametrize(
    ("field", "looser", "message"),
    [
        (
            "stage1_acknowledgement_days",
            6,
            "Stage 1 acknowledgement cannot be longer than the Code&#x27;s 5 working days; a "
            "landlord may set stricter targets, never looser ones. (Complaint Handling Code 6.2)",
        ),
        (
            "stage1_response_days",
            11,
            "cannot be longer than the Code&#x27;s 10 working days; a landlord may set stricter "
            "targets, never looser ones. (Complaint Handling Code 6.3)",
        ),
        ("stage1_extension_max_days", 15, "(Complaint Handling Code 6.4)"),
        ("stage2_acknowledgement_days", 6, "(Complaint Handling Code 6.11)"),
        (
            "stage2_response_days",
            25,
            "Stage 2 response, from acknowledgement cannot be longer than the Code&#x27;s 20 "
            "working days",
        ),
        ("stage2_extension_max_days", 21, "(Complaint Handling Code 6.15)"),
    ],
)
def test_the_admin_refuses_a_timescale_looser_than_the_code_with_the_reason(
    admin_client, landlord, field, looser, message
):
    response = post_policy(admin_client, landlord, **{field: looser})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the error below." in page
    assert message in page
    landlord.policy.refresh_from_db()
    assert getattr(landlord.policy, field) != looser
    assert not Event.objects.filter(action="policy.updated").exists()


def test_the_admin_refuses_a_time_limit_for_complaints_shorter_than_twelve_months(
    admin_client, landlord
):
    response = post_policy(admin_client, landlord, complaint_time_limit_months=6)
    assert "cannot be shorter than 12 months. (Complaint Handling Code 2.3)" in (
        response.content.decode()
    )
    landlord.policy.refresh_from_db()
    assert landlord.policy.complaint_time_limit_months == 12


def test_the_admin_shows_every_looser_timescale_at_once(admin_client, landlord):
    response = post_policy(
        admin_client, landlord, stage1_acknowledgement_days=9, stage2_response_days=30
    )
    page = response.content.decode()
    assert "(Complaint Handling Code 6.2)" in page
    assert "(Complaint Handling Code 6.14)" in page


def test_a_stricter_timescale_is_saved_through_the_service_and_recorded(
    admin_client, landlord, administrator
):
    response = post_policy(
        admin_client, landlord, stage1_acknowledgement_days=3, stage2_response_days=15
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    policy = ComplaintPolicy.objects.get(landlord=landlord)
    assert (policy.stage1_acknowledgement_days, policy.stage2_response_days) == (3, 15)
    event = Event.objects.get(action="policy.updated")
    assert event.actor_user == administrator
    assert event.landlord_id == landlord.pk
    assert event.before == {"stage1_acknowledgement_days": 5, "stage2_response_days": 20}
    assert event.after == {"stage1_acknowledgement_days": 3, "stage2_response_days": 15}


def test_the_policy_page_says_the_codes_maximum_for_each_timescale(admin_client, landlord):
    page = admin_client.get(policy_url(landlord)).content.decode()
    assert "At most 5 (Complaint Handling Code 6.2): you may set fewer, never more." in page
    assert "At most 20 (Complaint Handling Code 6.15)" in page


def test_a_stricter_timescale_shortens_the_next_complaints_deadline(
    admin_client, landlord, log_complaint
):
    import datetime
    from zoneinfo import ZoneInfo

    monday = datetime.datetime(2025, 6, 2, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    before = log_complaint(received_at=monday).stages.get().acknowledgement_due
    assert post_policy(admin_client, landlord, stage1_acknowledgement_days=2).status_code == 302
    after = log_complaint(received_at=monday).stages.get().acknowledgement_due
    assert (before, after) == (datetime.date(2025, 6, 9), datetime.date(2025, 6, 4))


def test_a_policy_cannot_be_added_or_deleted(admin_client, landlord):
    assert admin_client.get("/admin/landlords/complaintpolicy/add/").status_code == 403
    url = f"/admin/landlords/complaintpolicy/{landlord.policy.pk}/delete/"
    assert admin_client.get(url).status_code == 403


def test_an_administrator_changes_the_landlords_details_and_ombudsman_contact(
    admin_client, landlord
):
    url = f"/admin/landlords/landlord/{landlord.pk}/change/"
    data = form_data(admin_client.get(url).content.decode())
    data.update(
        {
            "name": "Riverside Homes Group",
            "ombudsman_membership_number": "HOS-12345",
            "ombudsman_contact-0-phone": "0300 111 3001",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    landlord.refresh_from_db()
    landlord.ombudsman_contact.refresh_from_db()
    assert landlord.name == "Riverside Homes Group"
    assert landlord.ombudsman_membership_number == "HOS-12345"
    assert landlord.ombudsman_contact.phone == "0300 111 3001"


def test_an_administrator_records_the_homes_each_entity_owns(admin_client, landlord):
    url = f"/admin/landlords/landlord/{landlord.pk}/change/"
    data = form_data(admin_client.get(url).content.decode())
    data.update(
        {
            "entities-TOTAL_FORMS": "1",
            "entities-0-name": "Riverside Living",
            "entities-0-homes_owned": "4200",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entity = Entity.objects.get(landlord=landlord)
    assert (entity.name, entity.homes_owned) == ("Riverside Living", 4200)


def test_an_administrator_adds_a_service_area_under_their_own_entity(
    admin_client, landlord, other_landlord
):
    mine = Entity.objects.create(landlord=landlord, name="Riverside Living")
    theirs = Entity.objects.create(landlord=other_landlord, name="Hillside Living")
    page = admin_client.get("/admin/landlords/servicearea/add/").content.decode()
    assert "Riverside Living" in page and "Hillside Living" not in page
    refused = admin_client.post(
        "/admin/landlords/servicearea/add/",
        {"landlord": landlord.pk, "name": "Repairs", "entity": theirs.pk, "active": "on"},
    )
    assert refused.status_code == 200
    response = admin_client.post(
        "/admin/landlords/servicearea/add/",
        {"landlord": landlord.pk, "name": "Repairs", "entity": mine.pk, "active": "on"},
    )
    assert response.status_code == 302
    assert landlord.service_areas.get().entity == mine


def test_an_administrator_sees_only_their_own_landlord(admin_client, landlord, other_landlord):
    listing = admin_client.get("/admin/landlords/landlord/").content.decode()
    assert "Riverside Homes" in listing and "Hillside Housing" not in listing
    other = f"/admin/landlords/landlord/{other_landlord.pk}/change/"
    # The admin's answer for a record that does not exist: back to its home page.
    assert admin_client.get(other)["Location"] == "/admin/"
    assert admin_client.get(policy_url(other_landlord))["Location"] == "/admin/"
    policies = admin_client.get("/admin/landlords/complaintpolicy/").content.decode()
    assert "Hillside Housing" not in policies


def test_an_administrator_cannot_add_or_delete_a_landlord(admin_client, landlord):
    assert admin_client.get("/admin/landlords/landlord/add/").status_code == 403
    url = f"/admin/landlords/landlord/{landlord.pk}/delete/"
    assert admin_client.get(url).status_code == 403


def test_a_landlord_added_by_a_superuser_starts_with_the_codes_policy(client, db):
    root = User.objects.create_superuser("root", "root@example.org", "long enough password x")
    client.force_login(root)
    response = client.post(
        "/admin/landlords/landlord/add/",
        {
            "name": "Valley Homes",
            "slug": "valley",
            "complaint_reference_prefix": "V",
            "service_request_reference_prefix": "VSR",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    landlord = Landlord.objects.get(slug="valley")
    assert landlord.policy.stage1_acknowledgement_days == 5
    assert landlord.ombudsman_contact.phone == "0300 111 3000"
    assert Event.objects.filter(action="landlord.created", subject_id=landlord.pk).exists()


def test_staff_who_are_not_administrators_cannot_change_settings(client, officer, landlord):
    client.force_login(officer)
    assert client.get(policy_url(landlord), follow=True).status_code == 403


def test_every_settings_page_opens_for_an_administrator_and_a_superuser(
    client, administrator, landlord
):
    from putright.complaints.categories import category_seed_defaults

    category_seed_defaults(landlord=landlord)
    root = User.objects.create_superuser("root", "root@example.org", "long enough password x")
    pages = [
        "/admin/",
        "/admin/landlords/landlord/",
        f"/admin/landlords/landlord/{landlord.pk}/change/",
        "/admin/landlords/complaintpolicy/",
        policy_url(landlord),
        "/admin/landlords/entity/",
        "/admin/landlords/entity/add/",
        "/admin/landlords/servicearea/",
        "/admin/landlords/servicearea/add/",
        "/admin/complaints/category/",
        "/admin/complaints/category/?level=sub-category",
        "/admin/complaints/category/add/",
        "/admin/workdays/closureday/",
        "/admin/workdays/closureday/add/",
    ]
    for person in (administrator, root):
        client.force_login(person)
        for url in pages:
            assert client.get(url).status_code == 200, (person, url)
