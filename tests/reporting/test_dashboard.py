"""The complaints dashboard: for the senior lead and the governing body (Code 8.1, 9.7), read
only, every figure drillable to the complaints behind it, and no personal data."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from putright.reporting.charts import Bar, bar_chart
from putright.reporting.figures import report_figures
from tests.complaints.lifecycle import london
from tests.reporting.test_figures import all_counts
from tests.reporting.test_figures_scenario import (  # noqa: F401
    PERIOD_FROM,
    PERIOD_TO,
    TODAY,
    quarter,
)

pytestmark = pytest.mark.django_db

QUARTER = "/staff/reports/?period=quarter&quarter=2025-1"


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def drill_links(response) -> dict[str, str]:
    """Each drill-down link on the page, by the figure key it names."""
    links = {}
    for href in re.findall(r'href="(/staff/reports/figure/\?[^"]+)"', response.content.decode()):
        href = href.replace("&amp;", "&")
        links[parse_qs(urlparse(href).query)["figure"][0]] = href
    return links


@pytest.fixture
def board(client, board_member):
    client.force_login(board_member)
    return client


def test_the_governing_body_sees_the_figures_for_a_quarter(board, quarter):  # noqa: F811
    response = board.get(QUARTER)
    assert response.status_code == 200
    page = text(response)
    assert "1 April 2025 to 30 June 2025" in page
    assert "Compared with 1 January 2025 to 31 March 2025" in page
    assert "<svg" in page
    # Every chart has its figures in a table beside it.
    assert page.count("<svg") == page.count("The same figures are in the table.")
    assert "Stage 1 responses within the Code&#39;s timescales (allowed extensions included)" in (
        page
    )
    assert "66.7%" in page  # stage 1 on time: 4 of 6


def test_the_drill_down_lists_the_complaints_a_figure_counts_by_reference_only(
    board,
    quarter,  # noqa: F811
):
    links = drill_links(board.get(QUARTER))
    response = board.get(links["timeliness.stage1.responded_late"])
    assert response.status_code == 200
    page = text(response)
    assert "Stage 1 responses late" in page
    assert "2 complaints" in page
    for ref in ("C", "D"):
        assert quarter.complaints[ref].reference in page
    assert quarter.complaints["A"].reference not in page
    # No names, and no way into the case for the governing body.
    assert "Alex Morgan" not in page
    assert "/staff/complaints/" not in page


def test_every_drill_down_link_lists_as_many_complaints_as_the_figure_shows(
    board,
    quarter,  # noqa: F811
):
    figures = report_figures(
        landlord=quarter.landlord, period_from=PERIOD_FROM, period_to=PERIOD_TO, today=TODAY
    )
    expected = {c.key: c for c in all_counts(figures) if c.value}
    links = drill_links(board.get(QUARTER))
    assert set(links) <= set(expected)
    assert len(links) > 30
    for key, href in links.items():
        listed = len(
            re.findall(
                r'<td class="govuk-table__cell">[A-Z]+\d{4}-\d+', board.get(href).content.decode()
            )
        )
        if expected[key].unit == "complaints":
            assert listed == expected[key].value, key
        else:
            assert 0 < listed <= expected[key].value, key


def test_the_senior_lead_can_open_each_case_from_the_drill_down(client, manager, quarter):  # noqa: F811
    client.force_login(manager)
    links = drill_links(client.get(QUARTER))
    page = client.get(links["overdue.stage1"]).content.decode()
    assert f'href="/staff/complaints/{quarter.complaints["E"].reference}/"' in page


def test_a_complaint_handler_cannot_see_the_dashboard(client, handler):
    client.force_login(handler)
    assert client.get("/staff/reports/").status_code == 403
    assert (
        client.get(
            "/staff/reports/figure/?period=year&year=2025&figure=received.stage1"
        ).status_code
        == 403
    )


def test_the_dashboard_opens_on_this_financial_year(board, time_machine):
    time_machine.move_to(london(2026, 2, 10, 12), tick=False)
    page = text(board.get("/staff/reports/"))
    assert "1 April 2025 to 31 March 2026" in page


def test_an_entity_filter_narrows_the_figures(board, quarter):  # noqa: F811
    response = board.get(f"{QUARTER}&entity={quarter.company.pk}")
    page = text(response)
    assert "Housing company" in page
    links = drill_links(response)
    listed = board.get(links["received.stage1"]).content.decode()
    assert quarter.complaints["C"].reference in listed
    assert quarter.complaints["A"].reference not in listed


def test_custom_dates_are_checked_and_shown_again_with_the_errors(board, landlord):
    response = board.get(
        "/staff/reports/?period=custom&period_from-day=31&period_from-month=2"
        "&period_from-year=2025&period_to-day=1&period_to-month=1&period_to-year=2025"
    )
    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page
    assert "From must be a real date" in page
    assert 'href="#id_period_from-day"' in page
    assert 'value="31"' in page  # what was typed is kept


def test_a_period_ending_before_it_starts_is_refused(board, landlord):
    response = board.get(
        "/staff/reports/?period=custom&period_from-day=1&period_from-month=4"
        "&period_from-year=2025&period_to-day=31&period_to-month=3&period_to-year=2025"
    )
    assert response.status_code == 400
    assert "The last day must be the same as or after the first" in text(response)


def test_an_unknown_figure_is_not_found(board, landlord):
    response = board.get("/staff/reports/figure/?period=year&year=2025&figure=nonsense")
    assert response.status_code == 404


def test_a_chart_escapes_its_labels_and_scales_its_bars():
    svg = str(bar_chart(bars=[Bar("<b>Repairs</b>", (10,)), Bar("Damp", (5,))]))
    assert "&lt;b&gt;Repairs&lt;/b&gt;" in svg
    assert 'width="400.0"' in svg  # the largest bar fills the chart
    assert 'width="200.0"' in svg
    assert 'aria-hidden="true"' in svg


def test_a_financial_year_shows_the_tsm_complaint_measures(board, quarter):  # noqa: F811
    page = text(board.get("/staff/reports/?period=year&year=2025"))
    assert "Tenant Satisfaction Measures 2025/26" in page
    # CH01: 8 stage 1 complaints (F not accepted) and 2 stage 2 (J refused) per 2,500 homes;
    # CH02: 4 of 6 stage 1 responses within the Code's timescales.
    assert "3.20 (8)" in page
    assert "0.80 (2)" in page
    assert "66.7% (4 of 6)" in page
    quarter_page = text(board.get(QUARTER))
    assert "Tenant Satisfaction Measures" not in quarter_page
