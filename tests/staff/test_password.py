"""Strong passwords, and changing your own."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from putright.accounts.models import User

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "plum kettle orbit seventy"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Tr0ub4dor&3", "too short"),  # 11 characters: under the 12 asked for
        ("password1234", "too common"),
        ("qwertyuiop123", "too common"),
        ("839201748302", "entirely numeric"),
        ("margaret.hughes", "too similar"),
    ],
)
def test_weak_passwords_are_refused(db, password, reason):
    user = User(username="margaret.hughes", first_name="Margaret", last_name="Hughes")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert reason in " ".join(refused.value.messages)


def test_a_long_uncommon_password_is_accepted(db):
    user = User(username="margaret.hughes", first_name="Margaret", last_name="Hughes")
    validate_password(NEW_PASSWORD, user)


def change(client, old=PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post(
        "/staff/account/password/",
        {"old_password": old, "new_password1": new, "new_password2": confirm or new},
    )


def test_changing_your_password_needs_the_current_one(client, officer):
    client.force_login(officer)
    response = change(client, old="not my password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'href="#id_old_password"' in html
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_a_weak_new_password_is_refused_with_the_reason(client, officer):
    client.force_login(officer)
    response = change(client, new="password1234")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "This password is too common." in html
    assert 'href="#id_new_password2"' in html
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_changing_your_password_keeps_you_signed_in(client, officer):
    client.force_login(officer)
    response = change(client)
    assert response["Location"] == "/staff/account/password/changed/"
    assert "Your password has been changed" in client.get(response["Location"]).content.decode()
    assert client.get("/staff/").status_code == 200
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)


def test_the_password_pages_need_a_sign_in(client, officer):
    response = client.get("/staff/account/password/")
    assert response["Location"].startswith("/staff/sign-in/")


def test_your_account_page_links_to_changing_your_password(client, officer):
    client.force_login(officer)
    html = client.get("/staff/account/").content.decode()
    assert 'href="/staff/account/password/"' in html
    assert "Complaints officer" in html
