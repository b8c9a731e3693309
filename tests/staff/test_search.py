"""Finding a complaint by reference, resident's name, address or postcode: only among the
complaints the person searching may see."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.complaints.queues import complaint_search
from putright.core.actors import Actor
from putright.core.errors import NotPermittedError
from putright.residents.services import property_create, resident_create
from tests.complaints.test_queues import bulk_complaints


@pytest.fixture
def complaint(log_complaint):
    return log_complaint()  # from Alex Morgan of 12 Mill Lane, RV1 2AB


@pytest.fixture
def another(landlord, system_actor, log_complaint):
    home = property_create(
        actor=system_actor,
        landlord=landlord,
        address_line_1="4 Orchard Close",
        town="Riverton",
        postcode="RV9 8ZZ",
    )
    jo = resident_create(actor=system_actor, landlord=landlord, name="Jo Bramley", home=home)
    return log_complaint(resident=jo)


def found(user, query: str) -> list[str]:
    return [row.reference for row in complaint_search(actor=Actor.for_user(user), query=query)]


@pytest.mark.parametrize(
    "query",
    [
        "alex morgan",
        "Morgan",
        "morgan mill",  # a name and an address word together
        "12 Mill Lane",
        "mill lane",
        "RV1 2AB",
        "rv12ab",  # a postcode typed without its space
        "rv1",  # the start of a postcode
    ],
)
def test_a_complaint_is_found_by_name_address_or_postcode(complaint, another, officer, query):
    assert found(officer, query) == [complaint.reference]


def test_a_complaint_is_found_by_its_reference_whole_or_in_part(complaint, another, officer):
    assert found(officer, complaint.reference) == [complaint.reference]
    assert found(officer, complaint.reference.lower()) == [complaint.reference]
    number = complaint.reference.rsplit("-", 1)[1]
    assert found(officer, number) == [complaint.reference]


def test_words_must_all_match_the_same_complaint(complaint, another, officer):
    assert found(officer, "morgan orchard") == []
    assert found(officer, "jo riverton") == [another.reference]


def test_an_empty_search_finds_nothing(complaint, officer):
    assert found(officer, "") == []
    assert found(officer, "   ") == []


def test_search_finds_only_complaints_the_searcher_may_see(
    complaint, lifecycle, handler, teammate, second_handler, other_landlord_officer
):
    assert found(handler, "morgan") == []  # logged by the officer, not yet assigned
    lifecycle.assign(complaint)
    assert found(handler, "morgan") == [complaint.reference]
    assert found(teammate, "morgan") == [complaint.reference]
    assert found(second_handler, "morgan") == []
    assert found(other_landlord_officer, complaint.reference) == []


def test_the_board_cannot_search_complaints(board_member):
    with pytest.raises(NotPermittedError):
        complaint_search(actor=Actor.for_user(board_member), query="morgan")


def test_closed_complaints_are_found_without_a_deadline(complaint, lifecycle, officer):
    lifecycle.close(lifecycle.responded(complaint))
    [row] = complaint_search(actor=Actor.for_user(officer), query="morgan")
    assert row.deadline is None
    assert row.stage is not None and row.stage.number == 1


# ---------------------------------------------------------------- the search page


def test_the_search_page_lists_what_it_found_with_links_to_the_cases(
    client, complaint, another, officer
):
    client.force_login(officer)
    response = client.get("/staff/search/", {"q": "mill lane"})
    page = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r'href="/staff/complaints/([^/]+)/"', page) == [complaint.reference]
    assert "12 Mill Lane, RV1 2AB" in page
    assert "Search results for “mill lane”" in page  # the page title
    assert 'value="mill lane"' in page


def test_the_search_page_says_when_nothing_was_found(client, complaint, officer):
    client.force_login(officer)
    page = client.get("/staff/search/", {"q": "nobody"}).content.decode()
    assert "No complaints found for “nobody”" in re.sub(r"\s+", " ", page)
    assert "<table" not in page


def test_the_search_page_without_a_query_shows_only_the_form(client, complaint, officer):
    client.force_login(officer)
    page = client.get("/staff/search/").content.decode()
    assert 'name="q"' in page
    assert "<table" not in page


def test_the_search_page_is_refused_to_the_board(client, board_member):
    client.force_login(board_member)
    assert client.get("/staff/search/", {"q": "morgan"}).status_code == 403


def test_search_results_are_paginated_and_sortable(client, landlord, officer, handler):
    bulk_complaints(landlord=landlord, number=30, today=datetime.date(2026, 3, 2), handler=handler)
    client.force_login(officer)
    first = client.get("/staff/search/", {"q": "bulk", "sort": "reference"}).content.decode()
    listed = re.findall(r'href="/staff/complaints/([^/]+)/"', first)
    assert len(listed) == 25 and listed == sorted(listed)
    assert 'class="govuk-pagination' in first
    assert 'href="?q=bulk&amp;sort=reference&amp;page=2"' in first
    assert re.search(r'aria-sort="ascending"><a [^>]*href="\?q=bulk&amp;sort=-reference"', first)


def test_the_search_page_takes_the_same_queries_for_10_complaints_as_for_200(
    client, landlord, officer, handler, django_assert_num_queries
):
    today = datetime.date(2026, 3, 2)
    client.force_login(officer)
    bulk_complaints(landlord=landlord, number=10, today=today, handler=handler)
    client.get("/staff/search/", {"q": "bulk"})
    with CaptureQueriesContext(connection) as first:
        client.get("/staff/search/", {"q": "bulk"})
    bulk_complaints(landlord=landlord, number=190, today=today, handler=handler)
    with django_assert_num_queries(len(first)):
        response = client.get("/staff/search/", {"q": "bulk"})
    assert "Showing 1 to 25 of 200 complaints" in response.content.decode()
