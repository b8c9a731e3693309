"""The workspace offers each member of staff only the areas their role lets them use."""

from __future__ import annotations

import lxml.html
import pytest

LINKS = "//a[contains(@class, 'govuk-service-navigation__link')]"


def _links(client, user) -> list:
    client.force_login(user)
    return lxml.html.fromstring(client.get("/staff/account/").content).xpath(LINKS)


def _areas(client, user) -> list[str]:
    return [link.text_content().strip() for link in _links(client, user)]


@pytest.mark.parametrize(
    ("who", "shown", "hidden"),
    [
        ("handler", ["Work queues", "Log a contact"], ["Reports", "Mail", "Letter templates"]),
        ("officer", ["Mail", "Post room", "Learning"], ["Reports", "Letter templates"]),
        ("manager", ["Reports", "Self-assessment", "Letter templates"], []),
        (
            "board_member",
            ["Reports", "Annual reports", "Learning"],
            ["Log a contact", "Mail", "Search"],
        ),
    ],
)
def test_each_role_sees_only_the_areas_it_can_use(db, client, request, who, shown, hidden):
    areas = _areas(client, request.getfixturevalue(who))
    assert set(shown) <= set(areas), areas
    assert not set(hidden) & set(areas), areas


@pytest.mark.parametrize("who", ["handler", "officer", "manager", "board_member"])
def test_every_area_shown_opens_for_the_role_it_is_shown_to(db, client, request, who):
    for link in _links(client, request.getfixturevalue(who)):
        assert client.get(link.get("href")).status_code == 200, link.get("href")
