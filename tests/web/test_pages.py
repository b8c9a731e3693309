"""The pages every visitor sees, generated from the landlord's configuration."""

from __future__ import annotations

import re


def test_the_home_page_says_what_the_service_is_and_links_to_both_areas(client, landlord):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Riverside Homes complaints" in html
    for href in ('href="/resident/"', 'href="/staff/"'):
        assert href in html


def test_every_link_on_the_home_page_leads_somewhere(client, landlord):
    html = client.get("/").content.decode()
    for href in set(re.findall(r'<a [^>]*href="(/[^"]*)"', html)):
        response = client.get(href, follow=True)
        assert response.status_code == 200, href


def test_the_resident_page_always_gives_the_ombudsmans_contact_details(client, landlord):
    html = client.get("/resident/").content.decode()
    assert "0300 111 3000" in html
    assert "info@housing-ombudsman.org.uk" in html


def test_staff_pages_need_a_sign_in(client, landlord):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/")


def test_a_member_of_staff_signs_in_to_their_work_queues_and_sees_their_roles(client, officer):
    response = client.post(
        "/staff/sign-in/",
        {"username": "officer", "password": "correct horse battery staple"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Work queues" in response.content.decode()
    assert "Complaints officer" in client.get("/staff/account/").content.decode()


def test_a_wrong_password_shows_a_govuk_error_summary_and_keeps_the_username(client, officer):
    response = client.post("/staff/sign-in/", {"username": "officer", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'value="officer"' in html
    assert "<title>Error: " in html


def test_pages_carry_a_content_security_policy_with_a_nonce_for_the_one_inline_script(
    client, landlord
):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce, policy
    assert f'nonce="{nonce.group(1)}"' in response.content.decode()
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_forms_are_protected_against_cross_site_request_forgery(landlord, officer):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/staff/sign-in/", {"username": "officer", "password": "x"})
    assert response.status_code == 403
