"""Signing in and out of the staff workspace, and locking out repeated wrong passwords."""

from __future__ import annotations

import datetime
import logging
import re

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone

from config.urls import handler403, handler404  # noqa: F401 - this module is a URLconf too
from config.urls import urlpatterns as site_urlpatterns
from putright.accounts.models import User
from putright.staff.access import staff_required

PASSWORD = "correct horse battery staple"


@staff_required("complaints.view_reports")
def _reports_only(request: HttpRequest) -> HttpResponse:
    return HttpResponse("reports")


# The whole site, plus one page that only a role with the reports permission may open.
urlpatterns = [path("staff/test-reports-only/", _reports_only), *site_urlpatterns]


def sign_in(client, username="officer", password=PASSWORD, **extra):
    return client.post("/staff/sign-in/", {"username": username, "password": password}, **extra)


def test_signing_in_with_the_right_password_opens_the_staff_pages(client, officer):
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_signing_in_returns_to_the_page_that_was_asked_for(client, officer):
    asked = client.get("/staff/account/")
    assert asked["Location"] == "/staff/sign-in/?next=/staff/account/"
    response = client.post(
        "/staff/sign-in/",
        {"username": "officer", "password": PASSWORD, "next": "/staff/account/"},
    )
    assert response["Location"] == "/staff/account/"


def test_signing_in_never_sends_anyone_to_another_site(client, officer):
    response = client.post(
        "/staff/sign-in/",
        {"username": "officer", "password": PASSWORD, "next": "https://phish.example/"},
    )
    assert response["Location"] == "/staff/"


def test_a_wrong_password_shows_an_error_summary_linked_to_the_username(client, officer):
    response = sign_in(client, password="not the password")
    html = response.content.decode()
    assert response.status_code == 200
    summary = re.search(r'<div class="govuk-error-summary".*?</div>\s*</div>', html, re.S)
    assert summary, html
    assert 'href="#id_username"' in summary.group(0)
    assert "Enter a correct username and password" in summary.group(0)
    assert "govuk-input--error" in html
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session


def test_an_empty_form_asks_for_the_username_and_the_password(client, officer):
    html = sign_in(client, username="", password="").content.decode()
    assert "Enter your username" in html
    assert "Enter your password" in html
    assert 'href="#id_password"' in html


def test_signing_out_needs_the_button_and_ends_the_session(client, officer):
    client.force_login(officer)
    assert client.get("/staff/sign-out/").status_code == 405
    assert client.get("/staff/").status_code == 200
    response = client.post("/staff/sign-out/")
    assert response["Location"] == "/staff/signed-out/"
    assert "You have signed out" in client.get("/staff/signed-out/").content.decode()
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")


def test_the_staff_pages_offer_a_sign_out_button(client, officer):
    client.force_login(officer)
    html = client.get("/staff/").content.decode()
    assert re.search(r'<form method="post" action="/staff/sign-out/"', html)


def test_a_test_client_sign_in_without_a_password_still_works(client, officer):
    # Django's force_login skips authenticate(), so the lockout backend never sees it.
    client.force_login(officer)
    assert client.get("/staff/account/").status_code == 200


def test_authentication_without_the_request_is_refused_by_the_lockout(officer):
    # Every sign-in must pass the request, or wrong passwords could not be counted.
    from axes.exceptions import AxesBackendRequestParameterRequired

    with pytest.raises(AxesBackendRequestParameterRequired):
        authenticate(username="officer", password=PASSWORD)


# Lockout -----------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_that_username_at_that_address_for_30_minutes(client, officer):
    for _ in range(4):
        assert sign_in(client, password="guess").status_code == 200
    fifth = sign_in(client, password="guess")
    assert fifth.status_code == 429
    assert "You cannot sign in for now" in fifth.content.decode()

    # The right password does not get through while locked out...
    assert sign_in(client).status_code == 429
    # ...but the same person at another address can, and so can another account here.
    assert sign_in(client, REMOTE_ADDR="192.0.2.10").status_code == 302
    client.post("/staff/sign-out/")

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        assert sign_in(client).status_code == 302


def test_the_lockout_does_not_restart_when_someone_keeps_trying(client, officer):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            sign_in(client, password="guess")
    with time_machine.travel(start + datetime.timedelta(minutes=20), tick=False):
        assert sign_in(client, password="guess").status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=31), tick=False):
        assert sign_in(client).status_code == 302


def test_the_locked_out_page_says_what_to_do(client, officer):
    for _ in range(5):
        response = sign_in(client, password="guess")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Wait 30 minutes" in html
    assert 'href="/staff/password-reset/"' in html
    assert "administrator" in html
    assert "<h1" in html and "govuk-heading-xl" in html


def test_a_successful_sign_in_forgets_earlier_wrong_passwords(client, officer):
    for _ in range(4):
        sign_in(client, password="guess")
    assert sign_in(client).status_code == 302
    client.post("/staff/sign-out/")
    for _ in range(4):
        assert sign_in(client, password="guess").status_code == 200


def test_wrong_passwords_are_logged_without_the_username_or_address(client, make_staff, caplog):
    make_staff("complaints_officer", username="margaret.hughes")
    with caplog.at_level(logging.INFO):
        for _ in range(5):
            sign_in(client, username="margaret.hughes", password="guess")
    assert "login failure" in caplog.text
    assert "Locking out" in caplog.text
    assert "margaret.hughes" not in caplog.text
    assert "127.0.0.1" not in caplog.text


def test_the_lockout_keeps_no_record_of_successful_sign_ins(client, officer):
    from axes.models import AccessLog

    sign_in(client)
    assert AccessLog.objects.count() == 0


def test_behind_a_trusted_proxy_the_address_is_the_one_the_proxy_saw(client, officer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        sign_in(client, password="guess", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.7")
    # A different forged left-hand entry does not escape the lockout of 198.51.100.7...
    assert sign_in(client, HTTP_X_FORWARDED_FOR="203.0.113.99, 198.51.100.7").status_code == 429
    # ...while a different client behind the proxy is not locked out.
    assert sign_in(client, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302


# Who may open a staff page -----------------------------------------------------------------


@pytest.mark.urls(__name__)
def test_staff_without_the_roles_permission_get_the_403_page(client, officer):
    client.force_login(officer)
    response = client.get("/staff/test-reports-only/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your role does not allow you to see this page." in html
    assert "govuk-heading-l" in html


@pytest.mark.urls(__name__)
def test_staff_with_the_roles_permission_see_the_page(client, board_member):
    client.force_login(board_member)
    assert client.get("/staff/test-reports-only/").content == b"reports"


def test_an_account_that_belongs_to_no_landlord_gets_the_403_page(client, db):
    user = User.objects.create_user(username="drifter", password=PASSWORD)
    client.force_login(user)
    response = client.get("/staff/")
    assert response.status_code == 403
    assert "does not belong to a landlord" in response.content.decode()
