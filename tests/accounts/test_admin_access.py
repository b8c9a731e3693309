"""The administration pages: who gets in, and what an administrator may do to accounts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from putright.accounts.models import RoleSecurity, Team, User
from putright.accounts.roles import role_group
from putright.accounts.selectors import two_factor_status
from putright.accounts.services import two_factor_confirm, two_factor_start
from tests.accounts.authenticator import app_code


@pytest.fixture
def administrator(make_staff) -> User:
    return make_staff("administrator", username="admin")


def test_the_administrator_role_gives_the_administration_pages(make_staff):
    administrator = make_staff("administrator")
    officer = make_staff("complaints_officer")
    assert administrator.is_staff
    assert not officer.is_staff


def test_taking_the_administrator_role_away_takes_the_administration_pages_away(administrator):
    administrator.groups.remove(role_group("administrator"))
    administrator.refresh_from_db()
    assert not administrator.is_staff


def test_admin_access_follows_the_role_from_the_roles_side_too(officer):
    group: Group = role_group("administrator")
    group.user_set.add(officer)
    officer.refresh_from_db()
    assert officer.is_staff
    group.user_set.clear()
    officer.refresh_from_db()
    assert not officer.is_staff


def test_a_superuser_keeps_the_administration_pages_without_a_role(db):
    root = User.objects.create_superuser("root", "root@example.org", "long enough password x")
    root.groups.add(role_group("complaint_handler"))
    root.groups.clear()
    root.refresh_from_db()
    assert root.is_staff


def test_someone_signed_out_is_sent_to_the_staff_sign_in(client, landlord):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/staff/sign-in/?next=/admin/"


def test_staff_who_are_not_administrators_are_refused_the_administration_pages(
    client, officer, manager
):
    for person in (officer, manager):
        client.force_login(person)
        response = client.get("/admin/", follow=True)
        assert response.status_code == 403
        assert "Only administrators can use the administration pages." in response.content.decode()
        assert client.get("/admin/accounts/user/", follow=True).status_code == 403


def test_an_administrator_gets_into_the_administration_pages(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get("/admin/accounts/rolesecurity/").status_code == 200


def test_the_admins_own_sign_in_form_is_never_shown(client, administrator):
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response["Location"] == "/staff/sign-in/?next=/admin/accounts/user/"
    signed_in = client.post(
        "/staff/sign-in/",
        {
            "username": "admin",
            "password": "correct horse battery staple",
            "next": "/admin/accounts/user/",
        },
    )
    assert signed_in["Location"] == "/admin/accounts/user/"
    assert client.get("/admin/accounts/user/").status_code == 200


def test_an_administrator_with_an_authenticator_app_gives_its_code_before_the_admin(
    client, administrator
):
    device = two_factor_confirm(
        user=administrator, code=app_code(two_factor_start(user=administrator))
    )
    client.force_login(administrator)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/staff/sign-in/code/?next=%2Fadmin%2F"
    entered = client.post("/staff/sign-in/code/?next=/admin/", {"code": app_code(device, 1)})
    assert entered["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def _new_colleague(landlord, team) -> dict:
    return {
        "username": "new.handler",
        "usable_password": "true",
        "password1": "plum kettle orbit seventy",
        "password2": "plum kettle orbit seventy",
        "first_name": "Sam",
        "last_name": "Okafor",
        "email": "sam@riverside.example",
        "job_title": "Complaint handler",
        "landlord": str(landlord.pk),
        "team": str(team.pk),
        "groups": [str(role_group("complaint_handler").pk)],
    }


def test_an_administrator_creates_a_colleague_with_roles_and_a_team(
    client, administrator, landlord
):
    team = Team.objects.create(landlord=landlord, name="Housing complaints")
    client.force_login(administrator)
    response = client.post("/admin/accounts/user/add/", _new_colleague(landlord, team))
    assert response.status_code == 302, response.context["adminform"].form.errors
    colleague = User.objects.get(username="new.handler")
    assert colleague.landlord == landlord
    assert colleague.team == team
    assert list(colleague.groups.values_list("name", flat=True)) == ["Complaint handler"]
    assert colleague.check_password("plum kettle orbit seventy")
    assert not colleague.is_staff


def test_an_administrator_cannot_add_staff_to_another_landlord(
    client, administrator, landlord, other_landlord
):
    client.force_login(administrator)
    other_team = Team.objects.create(landlord=other_landlord, name="Hillside complaints")
    response = client.post("/admin/accounts/user/add/", _new_colleague(other_landlord, other_team))
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"landlord", "team"}
    assert not User.objects.filter(username="new.handler").exists()


def test_the_admin_refuses_a_weak_password_for_a_new_colleague(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "weak",
            "usable_password": "true",
            "password1": "password1234",
            "password2": "password1234",
        },
    )
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not User.objects.filter(username="weak").exists()


def test_an_administrator_sees_only_their_own_landlords_staff(
    client, administrator, officer, other_landlord_officer
):
    client.force_login(administrator)
    html = client.get("/admin/accounts/user/").content.decode()
    assert "officer" in html
    assert "hillside-officer" not in html
    edit = client.get(f"/admin/accounts/user/{other_landlord_officer.pk}/change/", follow=True)
    assert "hillside-officer" not in edit.content.decode()


def test_an_administrator_cannot_make_anyone_a_superuser_or_change_a_superuser(
    client, administrator, officer
):
    root = User.objects.create_superuser("root", "root@example.org", "long enough password x")
    client.force_login(administrator)
    page = client.get(f"/admin/accounts/user/{officer.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="user_permissions"' not in page
    assert 'name="is_staff"' not in page
    refused = client.get(f"/admin/accounts/user/{root.pk}/change/", follow=True)
    assert refused.redirect_chain[-1][0] == "/admin/"
    assert 'name="username" value="root"' not in refused.content.decode()
    assert client.get(f"/admin/accounts/user/{root.pk}/password/").status_code == 404
    assert "root@example.org" not in client.get("/admin/accounts/user/").content.decode()


def test_an_administrator_can_require_two_factor_for_a_role(client, administrator, officer):
    client.force_login(administrator)
    client.get("/admin/accounts/rolesecurity/")
    rule = RoleSecurity.objects.get(role=role_group("complaints_officer"))
    assert not rule.two_factor_required
    response = client.post(
        f"/admin/accounts/rolesecurity/{rule.pk}/change/", {"two_factor_required": "on"}
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.two_factor_required
    assert two_factor_status(user=officer).set_up_needed
    assert not two_factor_status(user=administrator).required


def test_role_security_lists_every_role_once_per_landlord(
    client, administrator, landlord, other_landlord
):
    client.force_login(administrator)
    client.get("/admin/accounts/rolesecurity/")
    client.get("/admin/accounts/rolesecurity/")
    assert RoleSecurity.objects.filter(landlord=landlord).count() == 5
    assert not RoleSecurity.objects.filter(landlord=other_landlord).exists()


def test_an_administrator_removes_a_lost_authenticator_app_for_their_own_staff_only(
    client, administrator, officer, other_landlord_officer
):
    mine = two_factor_confirm(user=officer, code=app_code(two_factor_start(user=officer)))
    theirs = two_factor_confirm(
        user=other_landlord_officer, code=app_code(two_factor_start(user=other_landlord_officer))
    )
    client.force_login(administrator)
    listing = client.get("/admin/otp_totp/totpdevice/").content.decode()
    assert f"/admin/otp_totp/totpdevice/{mine.pk}/change/" in listing
    assert f"/admin/otp_totp/totpdevice/{theirs.pk}/change/" not in listing
    assert (
        mine.key not in client.get(f"/admin/otp_totp/totpdevice/{mine.pk}/change/").content.decode()
    )

    client.post(f"/admin/otp_totp/totpdevice/{mine.pk}/delete/", {"post": "yes"})
    assert not two_factor_status(user=officer).has_device
    client.post(f"/admin/otp_totp/totpdevice/{theirs.pk}/delete/", {"post": "yes"})
    assert two_factor_status(user=other_landlord_officer).has_device
