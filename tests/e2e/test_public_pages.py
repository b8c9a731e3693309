"""The public pages in a real browser: readable on a phone, accessible, and script-safe."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import axe_violations, describe


@pytest.fixture
def landlord_with_details(landlord):
    landlord.phone = "0300 000 0000"
    landlord.email = "complaints@example.org"
    landlord.save()
    return landlord


@pytest.mark.parametrize("path", ["/", "/resident/", "/staff/sign-in/"])
def test_public_pages_have_no_accessibility_violations(page, landlord_with_details, path):
    page.goto(path)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_govuk_frontend_starts_under_the_content_security_policy(page, landlord_with_details):
    page.goto("/")
    assert "govuk-frontend-supported" in page.get_attribute("body", "class")
    assert page.console_errors == []


def test_the_resident_page_fits_a_320_pixel_screen(page, landlord_with_details):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/resident/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_a_member_of_staff_signs_in_with_the_keyboard(page, officer):
    page.goto("/staff/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("correct horse battery staple")
    with page.expect_navigation(url=f"{page.url.split('/staff/')[0]}/staff/"):
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Work queues" in page.locator("h1").inner_text()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
