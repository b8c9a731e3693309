"""The self-assessment's staff pages: prepare, answer (a "no" kept and explained when it is
incomplete), approve, download."""

from __future__ import annotations

import io

import docx
import pytest

from putright.accounts.models import User
from putright.accounts.roles import role_group
from putright.core.actors import Actor
from putright.selfassessment.models import SelfAssessment
from putright.selfassessment.services import self_assessment_entry_update
from tests.selfassessment.conftest import PERIOD


@pytest.fixture
def lead_client(client, manager):
    client.force_login(manager)
    return client


def prepare_by_page(client):
    return client.post(
        "/staff/self-assessment/",
        {
            "period_from-day": PERIOD[0].day,
            "period_from-month": PERIOD[0].month,
            "period_from-year": PERIOD[0].year,
            "period_to-day": PERIOD[1].day,
            "period_to-month": PERIOD[1].month,
            "period_to-year": PERIOD[1].year,
            "reason": "annual",
        },
    )


def test_the_senior_lead_prepares_a_version_and_sees_what_was_measured(
    lead_client, four_stage_one_complaints
):
    response = prepare_by_page(lead_client)
    assessment = SelfAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/self-assessment/{assessment.pk}/"
    page = lead_client.get(response["Location"]).content.decode()
    assert "3 of 4 stage 1 complaints acknowledged within 5 working days (75.0 %)" in page
    assert "Falls short" in page


def test_a_bad_period_is_shown_in_the_error_summary(lead_client):
    response = lead_client.post("/staff/self-assessment/", {"reason": "annual"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Enter start of the period" in page
    assert not SelfAssessment.objects.exists()


def test_a_no_without_a_date_is_refused_and_nothing_typed_is_lost(lead_client, prepare):
    assessment = prepare()
    url = f"/staff/self-assessment/{assessment.pk}/provisions/6.2/"
    response = lead_client.post(
        url, {"complies": "no", "evidence": "Monthly sample.", "action": "Train the team."}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Give the date by which you will comply" in page
    assert "Monthly sample." in page and "Train the team." in page
    assert assessment.entries.get(provision="6.2").complies is None


def test_an_answer_is_saved_and_shown(lead_client, prepare):
    assessment = prepare()
    response = lead_client.post(
        f"/staff/self-assessment/{assessment.pk}/provisions/1.2/",
        {"complies": "yes", "evidence": "Our policy, section 1."},
    )
    assert response.status_code == 302
    assert (
        "Our policy, section 1."
        in lead_client.get(f"/staff/self-assessment/{assessment.pk}/").content.decode()
    )


def test_the_governing_body_approves_but_cannot_edit(client, board_member, prepare, manager):
    assessment = prepare()
    for entry in assessment.entries.all():
        self_assessment_entry_update(actor=Actor.for_user(manager), entry=entry, complies=True)
    client.force_login(board_member)
    assert client.get(f"/staff/self-assessment/{assessment.pk}/provisions/1.2/").status_code == 403
    response = client.post(
        f"/staff/self-assessment/{assessment.pk}/approve/", {"note": "Board, 19 March 2026."}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.is_approved and assessment.approval_note == "Board, 19 March 2026."


def test_approving_an_unanswered_version_shows_why_not(client, board_member, prepare):
    assessment = prepare()
    client.force_login(board_member)
    response = client.post(f"/staff/self-assessment/{assessment.pk}/approve/", {"note": ""})
    assert "Every provision must be answered before approval" in response.content.decode()


def test_the_word_download_is_the_ombudsmans_form(lead_client, prepare):
    assessment = prepare()
    response = lead_client.get(f"/staff/self-assessment/{assessment.pk}/download/docx/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert len(docx.Document(io.BytesIO(response.content)).tables) == 9


def test_another_landlords_self_assessment_is_not_found(client, prepare, other_landlord):
    assessment = prepare()
    outsider = User.objects.create_user(
        username="outsider", password="x" * 16, landlord=other_landlord
    )
    outsider.groups.add(role_group("senior_lead"))
    client.force_login(outsider)
    assert client.get(f"/staff/self-assessment/{assessment.pk}/").status_code == 404
