"""Code 9.1: an administrator sets up the landlord's root causes, with sub-causes one level deep."""

from __future__ import annotations

import pytest

from putright.core.models import Event
from putright.learning.models import RootCause

ADD = "/admin/learning/rootcause/add/"


@pytest.fixture
def admin_client(client, make_staff):
    client.force_login(make_staff("administrator", username="admin"))
    return client


def test_an_administrator_adds_a_sub_cause_and_the_change_is_recorded(
    admin_client, landlord, causes
):
    response = admin_client.post(
        ADD,
        {
            "landlord": landlord.pk,
            "name": "Wrong information given",
            "parent": causes["communication"].pk,
            "active": "on",
        },
    )
    assert response.status_code == 302
    added = RootCause.objects.get(name="Wrong information given")
    assert str(added) == "Communication: Wrong information given"
    assert Event.objects.filter(action="settings.rootcause.added", subject_id=added.pk).exists()


def test_a_sub_cause_cannot_have_sub_causes(admin_client, landlord, causes):
    response = admin_client.post(
        ADD,
        {"landlord": landlord.pk, "name": "Too deep", "parent": causes["not_kept_informed"].pk},
    )
    assert "sub-causes go one level deep" in response.content.decode()
    assert not RootCause.objects.filter(name="Too deep").exists()


def test_another_landlords_causes_are_neither_listed_nor_offered(
    admin_client, landlord, causes, other_landlord
):
    elsewhere = RootCause.objects.create(landlord=other_landlord, name="Elsewhere cause")
    listing = admin_client.get("/admin/learning/rootcause/").content.decode()
    assert "Elsewhere cause" not in listing
    assert "Service failure" in listing
    form = admin_client.get(ADD).content.decode()
    assert f'value="{elsewhere.pk}"' not in form


def test_causes_are_retired_not_deleted(admin_client, causes):
    url = f"/admin/learning/rootcause/{causes['service_failure'].pk}/delete/"
    assert admin_client.get(url).status_code == 403
