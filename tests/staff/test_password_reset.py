"""Resetting a forgotten password by email, delivered through a real SMTP server."""

from __future__ import annotations

import re
from email.message import Message

import pytest

from putright.accounts.models import User

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "plum kettle orbit seventy"


@pytest.fixture
def officer_with_email(officer) -> User:
    officer.email = "officer@riverside.example"
    officer.first_name, officer.last_name = "Priya", "Shah"
    officer.save()
    return officer


def _part(message: Message, content_type: str) -> str:
    for part in message.walk():
        if part.get_content_type() == content_type:
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError(f"no {content_type} part")


def _ask_for_a_reset(client, address="officer@riverside.example"):
    return client.post("/staff/password-reset/", {"email": address})


def _link(message: Message) -> str:
    found = re.search(
        r"http://testserver(/staff/password-reset/\S+/\S+/)", _part(message, "text/plain")
    )
    assert found, _part(message, "text/plain")
    return found.group(1)


def test_a_forgotten_password_is_reset_through_a_link_sent_by_email(
    client, officer_with_email, smtp_server
):
    response = _ask_for_a_reset(client)
    assert response["Location"] == "/staff/password-reset/sent/"
    assert "Check your email" in client.get(response["Location"]).content.decode()

    [(recipients, message)] = smtp_server.messages
    assert recipients == ["officer@riverside.example"]
    assert message["From"] == "complaints@riverside.example"
    assert message["Subject"] == "Reset your password for Riverside Homes complaints"
    text, html = _part(message, "text/plain"), _part(message, "text/html")
    assert "Dear Priya Shah," in text and "Your username is officer." in text
    assert "<" not in text  # plain text, not HTML escaped into it
    link = _link(message)
    assert f'href="http://testserver{link}"' in html

    # The link leads to a form for the new password (Django swaps the token out of the URL).
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done["Location"] == "/staff/password-reset/done/"
    assert "Your password has been reset" in client.get(done["Location"]).content.decode()

    old = client.post("/staff/sign-in/", {"username": "officer", "password": PASSWORD})
    assert old.status_code == 200
    new = client.post("/staff/sign-in/", {"username": "officer", "password": NEW_PASSWORD})
    assert new["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_a_reset_link_works_only_once(client, officer_with_email, smtp_server):
    _ask_for_a_reset(client)
    link = _link(smtp_server.messages[0][1])
    set_password_url = client.get(link)["Location"]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(link, follow=True).content.decode()
    assert "This link has expired or has been used" in again


def test_the_new_password_must_follow_the_password_rules(client, officer_with_email, smtp_server):
    _ask_for_a_reset(client)
    set_password_url = client.get(_link(smtp_server.messages[0][1]))["Location"]
    response = client.post(
        set_password_url, {"new_password1": "123456789012", "new_password2": "123456789012"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This password is entirely numeric." in html
    assert "govuk-error-summary" in html
    officer_with_email.refresh_from_db()
    assert officer_with_email.check_password(PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_email(
    client, officer_with_email, smtp_server
):
    response = _ask_for_a_reset(client, "nobody@riverside.example")
    assert response["Location"] == "/staff/password-reset/sent/"
    assert smtp_server.messages == []


def test_an_address_in_the_wrong_format_is_shown_as_an_error(
    client, officer_with_email, smtp_server
):
    html = _ask_for_a_reset(client, "not-an-address").content.decode()
    assert "Enter an email address in the correct format" in html
    assert 'href="#id_email"' in html


def test_resetting_the_password_lifts_a_lockout(client, officer_with_email, smtp_server):
    for _ in range(5):
        client.post("/staff/sign-in/", {"username": "officer", "password": "guess"})
    assert (
        client.post("/staff/sign-in/", {"username": "officer", "password": PASSWORD}).status_code
        == 429
    )

    _ask_for_a_reset(client)
    set_password_url = client.get(_link(smtp_server.messages[0][1]))["Location"]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    signed_in = client.post("/staff/sign-in/", {"username": "officer", "password": NEW_PASSWORD})
    assert signed_in["Location"] == "/staff/"
