"""Complaint categories and sub-categories, kept by a landlord's administrators in the admin."""

from __future__ import annotations

import pytest

from putright.accounts.models import User
from putright.complaints.categories import category_seed_defaults
from putright.complaints.models import Category


@pytest.fixture
def administrator(make_staff) -> User:
    return make_staff("administrator", username="admin")


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


ADD = "/admin/complaints/category/add/"


def test_an_administrator_adds_a_category_and_a_sub_category(admin_client, landlord):
    response = admin_client.post(ADD, {"landlord": landlord.pk, "name": "Heating", "active": "on"})
    assert response.status_code == 302
    heating = Category.objects.get(landlord=landlord, name="Heating")
    response = admin_client.post(
        ADD, {"landlord": landlord.pk, "parent": heating.pk, "name": "No hot water", "active": "on"}
    )
    assert response.status_code == 302
    sub = Category.objects.get(name="No hot water")
    assert sub.parent == heating
    assert str(sub) == "Heating: No hot water"


def test_a_sub_category_cannot_have_sub_categories_of_its_own(admin_client, landlord):
    category_seed_defaults(landlord=landlord)
    delay = Category.objects.get(landlord=landlord, name="Delay")
    page = admin_client.get(ADD).content.decode()
    assert ">Repairs<" in page and ">Repairs: Delay<" not in page
    response = admin_client.post(
        ADD, {"landlord": landlord.pk, "parent": delay.pk, "name": "Long delay", "active": "on"}
    )
    assert response.status_code == 200
    assert not Category.objects.filter(name="Long delay").exists()


def test_a_category_with_sub_categories_cannot_become_one(admin_client, landlord):
    category_seed_defaults(landlord=landlord)
    repairs = Category.objects.get(landlord=landlord, name="Repairs")
    other = Category.objects.get(landlord=landlord, name="Other")
    response = admin_client.post(
        f"/admin/complaints/category/{repairs.pk}/change/",
        {"landlord": landlord.pk, "parent": other.pk, "name": "Repairs", "active": "on"},
    )
    assert response.status_code == 200
    assert "A category that has sub-categories cannot become a sub-category." in (
        response.content.decode()
    )
    repairs.refresh_from_db()
    assert repairs.parent is None


def test_a_category_is_renamed_or_made_inactive_but_never_deleted(admin_client, landlord):
    category_seed_defaults(landlord=landlord)
    noise = Category.objects.get(landlord=landlord, name="Noise")
    response = admin_client.post(
        f"/admin/complaints/category/{noise.pk}/change/",
        {"landlord": landlord.pk, "parent": noise.parent_id, "name": "Noise nuisance"},
    )
    assert response.status_code == 302
    noise.refresh_from_db()
    assert (noise.name, noise.active) == ("Noise nuisance", False)
    assert admin_client.get(f"/admin/complaints/category/{noise.pk}/delete/").status_code == 403


def test_the_same_name_twice_under_one_category_is_refused_on_the_form(admin_client, landlord):
    admin_client.post(ADD, {"landlord": landlord.pk, "name": "Heating", "active": "on"})
    response = admin_client.post(ADD, {"landlord": landlord.pk, "name": "heating", "active": "on"})
    assert response.status_code == 200
    assert "There is already a category called heating." in response.content.decode()
    assert Category.objects.filter(name__iexact="Heating").count() == 1


def test_an_administrator_sees_and_uses_only_their_own_landlords_categories(
    admin_client, landlord, other_landlord
):
    category_seed_defaults(landlord=other_landlord)
    theirs = Category.objects.get(landlord=other_landlord, name="Repairs")
    Category.objects.create(landlord=landlord, name="Heating")
    listing = admin_client.get("/admin/complaints/category/").content.decode()
    assert "Heating" in listing and "Repairs" not in listing
    response = admin_client.post(
        ADD, {"landlord": landlord.pk, "parent": theirs.pk, "name": "Delay", "active": "on"}
    )
    assert response.status_code == 200
    response = admin_client.post(
        ADD, {"landlord": other_landlord.pk, "name": "Sneaky", "active": "on"}
    )
    assert response.status_code == 200
    assert not Category.objects.filter(name__in=["Delay", "Sneaky"], landlord=landlord).exists()
    assert not Category.objects.filter(name="Sneaky").exists()
