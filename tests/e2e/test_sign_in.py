"""Signing in, two-factor authentication, lockout and password reset in a real browser,
each page checked with axe."""

from __future__ import annotations

import re

from tests.accounts.authenticator import code_from_secret
from tests.e2e.conftest import axe_violations, describe

PASSWORD = "correct horse battery staple"


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def fill_sign_in(page, username: str, password: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_a_wrong_password_moves_focus_to_the_error_summary(page, officer):
    page.goto("/staff/sign-in/")
    assert_accessible(page)
    fill_sign_in(page, "officer", "not the password")
    summary = page.locator(".govuk-error-summary")
    assert "Enter a correct username and password" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert page.title().startswith("Error: Sign in")
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_username"
    assert_accessible(page)


def test_two_factor_is_set_up_and_then_asked_for_at_sign_in(page, officer):
    page.goto("/staff/sign-in/")
    fill_sign_in(page, "officer", PASSWORD)
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name="Set up two-factor authentication").click()
    page.locator("svg.putright-qr[role=img]").wait_for(state="visible")
    assert_accessible(page)

    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#secret-key").inner_text()
    assert re.fullmatch(r"[A-Z2-7 ]+", secret)
    page.get_by_label("Code from your authenticator app").fill(code_from_secret(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    page.wait_for_load_state()
    assert "Two-factor authentication is on." in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "You have signed out"
    assert_accessible(page)

    page.goto("/staff/sign-in/")
    fill_sign_in(page, "officer", PASSWORD)
    assert page.locator("h1").inner_text() == "Enter your code"
    assert_accessible(page)
    page.get_by_label("Code from your authenticator app").fill(
        code_from_secret(secret, steps_ahead=1)
    )
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.url.endswith("/staff/")
    assert "Signed in as" in page.locator(".putright-staff-bar").inner_text()
    assert page.console_errors == []


def test_the_locked_out_page_says_what_to_do_and_is_accessible(page, officer):
    page.goto("/staff/sign-in/")
    for _ in range(5):
        fill_sign_in(page, "officer", "guess")
    assert page.locator("h1").inner_text() == "You cannot sign in for now"
    assert "Wait 30 minutes" in page.locator("main").inner_text()
    assert_accessible(page)


def test_the_password_reset_pages_are_accessible(page, officer):
    page.goto("/staff/sign-in/")
    page.get_by_role("link", name="I have forgotten my password").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send the link").click()
    page.wait_for_load_state()
    assert "Enter your email address" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("Email address").fill("officer@riverside.example")
    page.get_by_role("button", name="Send the link").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Check your email"
    assert_accessible(page)
