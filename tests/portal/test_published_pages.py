"""The published pages are made from the landlord's settings, so they say what the system does
(Code 3.4, 3.5, 2.2 the policy; 3.7 the Ombudsman at any stage)."""

from __future__ import annotations

import re

import pytest

from putright.landlords.services import landlord_policy_update


def stage_list(html: str, number: int) -> str:
    return re.search(rf'id="stage-{number}-timescales">(.*?)</ul>', html, re.S).group(1)


def test_the_policy_page_gives_the_landlords_own_timescales_in_working_days(client, landlord):
    html = client.get("/resident/complaints-policy/").content.decode()
    assert "within 5 working days" in stage_list(html, 1)
    assert "within 10 working days after that" in stage_list(html, 1)
    assert "within 20 working days after that" in stage_list(html, 2)


def test_changing_the_policys_timescales_changes_the_policy_page(client, landlord, system_actor):
    landlord_policy_update(
        landlord=landlord,
        actor=system_actor,
        stage1_acknowledgement_days=3,
        stage2_response_days=15,
    )
    html = client.get("/resident/complaints-policy/").content.decode()
    assert "within 3 working days" in stage_list(html, 1)
    assert "within 5 working days" not in stage_list(html, 1)
    assert "within 15 working days after that" in stage_list(html, 2)


def test_the_policy_page_defines_a_complaint_and_a_service_request_and_what_is_excluded(
    client, landlord
):
    html = client.get("/resident/complaints-policy/").content.decode()
    assert "A complaint is when you tell us you are unhappy" in html
    assert "A complaint is not the same as a service request" in html
    assert "more than 12 months ago" in html
    assert "you have started court action" in html
    assert "There is no stage 3" in html


@pytest.mark.parametrize(
    "path",
    [
        "/resident/",
        "/resident/complaints-policy/",
        "/resident/accessibility/",
        "/resident/privacy/",
        "/resident/make-a-complaint/",
        "/resident/track/",
    ],
)
def test_every_resident_page_names_the_ombudsman_and_how_to_reach_them(client, landlord, path):
    html = client.get(path).content.decode()
    assert "0300 111 3000" in html
    assert 'href="/resident/housing-ombudsman/"' in html


def test_the_ombudsman_page_follows_the_contact_details_the_landlord_keeps(client, landlord):
    contact = landlord.ombudsman_contact
    contact.phone = "0300 999 0000"
    contact.save()
    html = client.get("/resident/housing-ombudsman/").content.decode()
    assert "0300 999 0000" in html
    assert "at any stage of your complaint" in html
    assert contact.complaint_form_url in html


def test_the_resident_pages_are_in_british_english(client, landlord):
    assert '<html lang="en-GB"' in client.get("/resident/").content.decode()


def test_every_link_on_the_resident_home_page_leads_somewhere(client, landlord):
    html = client.get("/resident/").content.decode()
    for href in set(re.findall(r'<a [^>]*href="(/[^"#]*)', html)):
        assert client.get(href, follow=True).status_code == 200, href


def test_the_home_page_leads_to_the_published_annual_reports(client, landlord):
    """Code 8.2: the annual report and the governing body's response are published."""
    html = client.get("/resident/").content.decode()
    assert 'href="/resident/complaints-reports/"' in html
