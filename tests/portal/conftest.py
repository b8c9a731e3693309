"""Helpers for the resident service's tests: a resident's answers, page by page."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

from putright.complaints.models import Complaint
from putright.portal.services import OnlineComplaint, online_complaint_submit

BASE = "/resident/make-a-complaint"

# A resident complaining for themselves; each test changes what it is about.
ANSWERS: dict[str, dict[str, Any]] = {
    "who": {"who": "myself"},
    "resident": {"name": "Sam Taylor", "email": "sam@example.org", "phone": ""},
    "address": {
        "address_line_1": "3 River Court",
        "address_line_2": "",
        "town": "Riverton",
        "postcode": "rv3 4cd",
    },
    "what": {"description": "The damp in my bedroom was reported in May and nothing was done."},
    "when": {
        "occurred_on-day": "2",
        "occurred_on-month": "5",
        "occurred_on-year": "2026",
        "became_aware_on-day": "",
        "became_aware_on-month": "",
        "became_aware_on-year": "",
    },
    "outcome": {"outcome_sought": "Treat the damp and say sorry."},
    "contact": {"preferred_contact_method": "email", "contact_frequency": "weekly"},
    "adjustments": {"adjustments": ["none"], "adjustment_details": ""},
}
REPRESENTATIVE = {
    "name": "Jo Taylor",
    "relationship": "relative",
    "email": "jo@example.org",
    "phone": "",
    "consent": "yes",
}

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
# The start of a Windows program: what an attacker might rename to photo.jpg.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def word_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def step_url(slug: str) -> str:
    return f"{BASE}/{slug}/"


def errors_of(response) -> list[str]:
    """The messages in the page's GOV.UK error summary."""
    html = response.content.decode()
    summary = re.search(r'<div class="govuk-error-summary.*?</ul>', html, re.S)
    if not summary:
        return []
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in re.findall(r'<a href="#[^"]*">(.*?)</a>', summary.group(0), re.S)
    ]


@pytest.fixture
def answer(client) -> Callable[..., Any]:
    """Post the answers of every step up to the check page, with any overrides per step."""

    def answer_all(representative: dict[str, Any] | None = None, **overrides: dict[str, Any]):
        answers = {slug: {**given, **overrides.get(slug, {})} for slug, given in ANSWERS.items()}
        for slug, data in answers.items():
            response = client.post(step_url(slug), data)
            assert response.status_code == 302, (slug, errors_of(response))
            if slug == "who" and representative is not None:
                response = client.post(step_url("representative"), representative)
                assert response.status_code == 302, errors_of(response)
        response = client.post(step_url("documents"), {"action": "continue"})
        assert response.status_code == 302
        return response

    return answer_all


@pytest.fixture
def send(client) -> Callable[..., Any]:
    def send_complaint(website: str = "", **extra: Any):
        return client.post(f"{BASE}/check-your-answers/", {"website": website}, **extra)

    return send_complaint


@pytest.fixture
def online_complaint(landlord) -> Complaint:
    """A complaint already made on the online form, by Sam, who gave an email address."""
    return online_complaint_submit(
        landlord=landlord,
        answers=OnlineComplaint(
            name="Sam Taylor",
            email="sam@example.org",
            address_line_1="3 River Court",
            town="Riverton",
            postcode="RV3 4CD",
            description="The damp in my bedroom was not treated.",
        ),
    )
