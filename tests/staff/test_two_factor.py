"""Two-factor authentication: setting up an authenticator app, signing in with its code,
and roles that require it."""

from __future__ import annotations

import datetime
import re

import pytest
import segno
import time_machine
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.accounts.models import RoleSecurity
from putright.accounts.roles import role_group
from putright.accounts.services import two_factor_confirm, two_factor_start
from putright.core.models import Event
from tests.accounts.authenticator import app_code, code_from_secret

PASSWORD = "correct horse battery staple"


@pytest.fixture
def officer_with_app(officer) -> TOTPDevice:
    """The officer, with an authenticator app set up and confirmed."""
    device = two_factor_start(user=officer)
    return two_factor_confirm(user=officer, code=app_code(device))


def sign_in(client, username="officer", password=PASSWORD, **data):
    return client.post("/staff/sign-in/", {"username": username, "password": password, **data})


def enter_code(client, code, next_url="/staff/"):
    return client.post(f"/staff/sign-in/code/?next={next_url}", {"code": code})


# Setting it up -----------------------------------------------------------------------------


def test_the_set_up_page_shows_a_qr_code_drawn_on_the_server_and_the_key(client, officer):
    client.force_login(officer)
    response = client.get("/staff/account/two-factor/")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<svg role="img" width="\d+" height="\d+" class="putright-qr">', html)
    assert "<title>QR code to scan with your authenticator app</title>" in html
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed
    secret = re.search(r'<code class="putright-secret" id="secret-key">([A-Z2-7 ]+)</code>', html)
    assert secret
    assert app_code(device) == code_from_secret(secret.group(1))
    # The QR code is exactly the device's otpauth:// address, which names the key.
    otpauth = device.config_url
    assert otpauth.startswith("otpauth://totp/Putright%3Aofficer?secret=")
    assert secret.group(1).replace(" ", "") in otpauth
    assert str(segno.make(otpauth, error="m").svg_inline(scale=5)).split("<path", 1)[1] in html
    # The QR code is plain SVG: the page has no script but the layout's own two.
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == [scripts[0], '<script type="module" src="/static/putright-init.js">']
    assert "nonce=" in scripts[0]


def test_reloading_the_set_up_page_keeps_the_same_key(client, officer):
    client.force_login(officer)
    first = client.get("/staff/account/two-factor/").content.decode()
    second = client.get("/staff/account/two-factor/").content.decode()
    key = re.compile(r'id="secret-key">([A-Z2-7 ]+)<')
    assert key.search(first).group(1) == key.search(second).group(1)
    assert TOTPDevice.objects.filter(user=officer).count() == 1


def test_a_code_from_the_app_turns_two_factor_authentication_on(client, officer):
    client.force_login(officer)
    client.get("/staff/account/two-factor/")
    device = TOTPDevice.objects.get(user=officer)
    response = client.post("/staff/account/two-factor/", {"code": app_code(device)})
    assert response["Location"] == "/staff/account/"
    device.refresh_from_db()
    assert device.confirmed
    html = client.get("/staff/account/").content.decode()
    assert "Two-factor authentication is on." in html
    assert "On: you sign in with a code from your authenticator app" in html
    assert Event.objects.filter(
        subject_type="accounts.user", subject_id=officer.pk, action="account.two_factor_set_up"
    ).exists()


def test_a_wrong_code_does_not_turn_it_on(client, officer):
    client.force_login(officer)
    client.get("/staff/account/two-factor/")
    device = TOTPDevice.objects.get(user=officer)
    wrong = f"{(int(app_code(device)) + 1) % 1_000_000:06d}"
    response = client.post("/staff/account/two-factor/", {"code": wrong})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The code is not right" in html
    assert 'href="#id_code"' in html
    device.refresh_from_db()
    assert not device.confirmed


def test_setting_up_a_new_phone_replaces_the_old_app(client, officer, officer_with_app):
    sign_in(client)
    enter_code(client, app_code(officer_with_app, steps_ahead=1))
    client.get("/staff/account/two-factor/")
    new_device = TOTPDevice.objects.get(user=officer, confirmed=False)
    client.post("/staff/account/two-factor/", {"code": app_code(new_device)})
    assert list(TOTPDevice.objects.filter(user=officer)) == [new_device]


# Signing in with it ------------------------------------------------------------------------


def test_signing_in_asks_for_the_code_on_a_second_page(client, officer, officer_with_app):
    response = sign_in(client, next="/staff/account/")
    assert response["Location"] == "/staff/sign-in/code/?next=%2Fstaff%2Faccount%2F"
    # The password alone has not signed anyone in.
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")
    page = client.get(response["Location"]).content.decode()
    assert "Enter your code" in page
    assert 'autocomplete="one-time-code"' in page
    assert 'inputmode="numeric"' in page

    signed_in = client.post(response["Location"], {"code": app_code(officer_with_app, 1)})
    assert signed_in["Location"] == "/staff/account/"
    assert client.get("/staff/account/").status_code == 200


def test_a_wrong_code_at_sign_in_is_an_error_and_signs_nobody_in(client, officer, officer_with_app):
    sign_in(client)
    wrong = f"{(int(app_code(officer_with_app, 1)) + 7) % 1_000_000:06d}"
    response = enter_code(client, wrong)
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "The code is not right" in html
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")


def test_a_code_cannot_be_used_twice(client, officer, officer_with_app):
    code = app_code(officer_with_app, 1)
    sign_in(client)
    assert enter_code(client, code).status_code == 302
    client.post("/staff/sign-out/")
    sign_in(client)
    assert enter_code(client, code).status_code == 200
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")


def test_five_wrong_codes_lock_the_account_out_like_wrong_passwords(
    client, officer, officer_with_app
):
    sign_in(client)
    for _ in range(4):
        assert enter_code(client, "000000").status_code == 200
    locked = enter_code(client, "000000")
    assert locked.status_code == 429
    assert "You cannot sign in for now" in locked.content.decode()
    assert sign_in(client).status_code == 429


def test_the_code_must_follow_the_password_within_five_minutes(client, officer, officer_with_app):
    sign_in(client)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        late = enter_code(client, app_code(officer_with_app, 1))
    assert late["Location"].startswith("/staff/sign-in/")
    assert "Sign in again" in client.get(late["Location"]).content.decode()


def test_a_session_that_has_not_given_the_code_cannot_open_staff_pages(
    client, officer, officer_with_app
):
    client.force_login(officer)
    response = client.get("/staff/account/")
    assert response["Location"] == "/staff/sign-in/code/?next=%2Fstaff%2Faccount%2F"
    assert (
        enter_code(client, app_code(officer_with_app, 1), "/staff/account/")["Location"]
        == "/staff/account/"
    )
    assert client.get("/staff/account/").status_code == 200


def test_the_app_cannot_be_replaced_without_a_code_from_the_current_one(
    client, officer, officer_with_app
):
    client.force_login(officer)
    response = client.get("/staff/account/two-factor/")
    assert response["Location"].startswith("/staff/sign-in/code/")
    assert TOTPDevice.objects.filter(user=officer).count() == 1


def test_turning_it_off_needs_a_code(client, officer, officer_with_app):
    sign_in(client)
    enter_code(client, app_code(officer_with_app, 1))
    refused = client.post("/staff/account/two-factor/turn-off/", {"code": "123"})
    assert "Enter the 6-digit code" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=officer).exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=31)):
        done = client.post(
            "/staff/account/two-factor/turn-off/", {"code": app_code(officer_with_app, 1)}
        )
    assert done["Location"] == "/staff/account/"
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert sign_in(client)["Location"] == "/staff/"


# Roles that require it ---------------------------------------------------------------------


@pytest.fixture
def officers_must_use_two_factor(landlord):
    return RoleSecurity.objects.create(
        landlord=landlord, role=role_group("complaints_officer"), two_factor_required=True
    )


def test_a_role_requiring_two_factor_sends_its_members_to_set_it_up_first(
    client, officer, officers_must_use_two_factor
):
    client.force_login(officer)
    response = client.get("/staff/")
    assert response["Location"] == "/staff/account/two-factor/?next=%2Fstaff%2F"
    page = client.get(response["Location"]).content.decode()
    assert "Your role requires two-factor authentication" in page
    assert client.get("/staff/account/")["Location"].startswith("/staff/account/two-factor/")

    device = TOTPDevice.objects.get(user=officer)
    done = client.post(response["Location"], {"code": app_code(device)})
    assert done["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_a_role_requiring_two_factor_does_not_affect_other_roles(
    client, handler, officers_must_use_two_factor
):
    client.force_login(handler)
    assert client.get("/staff/").status_code == 200


def test_a_requirement_belongs_to_one_landlord(
    client, other_landlord_officer, officers_must_use_two_factor
):
    client.force_login(other_landlord_officer)
    assert client.get("/staff/").status_code == 200


def test_a_role_that_requires_it_cannot_turn_it_off(
    client, officer, officer_with_app, officers_must_use_two_factor
):
    sign_in(client)
    enter_code(client, app_code(officer_with_app, 1))
    page = client.get("/staff/account/").content.decode()
    assert "/staff/account/two-factor/turn-off/" not in page
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=31)):
        response = client.post(
            "/staff/account/two-factor/turn-off/", {"code": app_code(officer_with_app, 1)}
        )
    assert "cannot be turned off" in response.content.decode()
    assert TOTPDevice.objects.filter(user=officer, confirmed=True).exists()
