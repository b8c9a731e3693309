"""The staff home page and the queue pages: what needs doing now, with counts, and each queue
paginated, sortable and filterable, with deadlines in words as well as colour."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.complaints.models import Complaint, Stage
from putright.complaints.queues import COMPLAINT_QUEUES
from putright.landlords.models import Entity
from putright.staff.views.queues import PAGE_SIZE, QUEUE_PAGES, complaint_url
from tests.complaints.test_queues import bulk_complaints

TODAY = datetime.date(2026, 3, 4)  # a Wednesday


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2026, 3, 4, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield TODAY


def signed_in(client, user):
    client.force_login(user)
    return client


def references(response) -> list[str]:
    return re.findall(r'href="/staff/complaints/([^/]+)/"', response.content.decode())


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# ---------------------------------------------------------------- the home page


def test_the_home_page_counts_what_needs_doing_now(client, frozen, landlord, officer, handler):
    bulk_complaints(landlord=landlord, number=25, today=frozen, handler=handler)
    response = signed_in(client, officer).get("/staff/")
    assert response.status_code == 200
    page = text(response)
    for slug, count in (("overdue", 5), ("unassigned", 10), ("due-soon", 9), ("actions", 5)):
        item = re.search(
            rf'href="/staff/queues/{slug}/".*?govuk-task-list__status[^>]*>(.*?)</div>', page
        )
        assert item, slug
        assert f"{count} " in item.group(1), (slug, item.group(1))
    # Red for overdue, but the words say it too: the count and the queue's name.
    assert re.search(r'govuk-tag--red putright-queue-count">\s*5 complaints', page)
    assert '<h2 class="govuk-heading-m">Deadlines</h2>' in page


def test_an_empty_queue_says_none_rather_than_zero(client, officer):
    page = text(signed_in(client, officer).get("/staff/"))
    assert "None" in page
    assert "govuk-tag" not in page.split("<main")[1]


def test_the_home_page_shows_each_role_only_the_queues_it_may_see(
    client, manager, officer, handler
):
    def queues(user) -> set[str]:
        client.force_login(user)
        return set(
            re.findall(
                r'href="/staff/queues/([a-z0-9-]+)/"', client.get("/staff/").content.decode()
            )
        )

    everything = {page.slug for page in QUEUE_PAGES}
    assert queues(manager) == everything
    assert queues(officer) == everything - {"restriction-reviews"}
    assert queues(handler) == everything - {"restriction-reviews", "adjustment-reviews"}


def test_the_governing_body_has_no_work_queues(client, board_member):
    response = signed_in(client, board_member).get("/staff/")
    assert response.status_code == 200
    assert "Your role does not include any work queues" in response.content.decode()
    assert signed_in(client, board_member).get("/staff/queues/overdue/").status_code == 403


def test_the_home_page_needs_signing_in(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/")


def test_the_home_page_takes_the_same_queries_for_10_complaints_as_for_200(
    client, frozen, landlord, manager, handler, django_assert_num_queries
):
    signed_in(client, manager)
    bulk_complaints(landlord=landlord, number=10, today=frozen, handler=handler)
    client.get("/staff/")  # the session and permissions, as on any later page
    with CaptureQueriesContext(connection) as first:
        client.get("/staff/")
    bulk_complaints(landlord=landlord, number=190, today=frozen, handler=handler)
    with django_assert_num_queries(len(first)):
        response = client.get("/staff/")
    assert "40 actions" in text(response)


# ---------------------------------------------------------------- a queue page


def test_a_queue_page_lists_each_complaint_with_its_deadline_in_words(
    client, frozen, log_complaint, lifecycle, officer, handler
):
    complaint = lifecycle.assign(
        log_complaint(received_at=datetime.datetime(2026, 2, 20, 9, tzinfo=datetime.UTC))
    )
    stage = complaint.stages.get()
    response = signed_in(client, officer).get("/staff/queues/overdue/")
    page = text(response)
    assert references(response) == [complaint.reference]
    assert f'href="{complaint_url(complaint.reference)}"' in page
    assert "Alex Morgan" in page
    assert "Stage 1: to acknowledge" in page
    assert "Staff 2" in page  # the handler
    assert f"{stage.acknowledgement_due:%-d %B %Y}" in page
    assert re.search(
        r'govuk-tag--red">Overdue</strong> '
        r'<span class="putright-deadline-text">Overdue by 3 working days',
        page,
    )


def test_a_due_soon_complaint_is_tagged_and_says_how_many_working_days_are_left(
    client, frozen, log_complaint, officer
):
    log_complaint(received_at=datetime.datetime(2026, 2, 25, 9, tzinfo=datetime.UTC))  # due 4 March
    page = text(signed_in(client, officer).get("/staff/queues/due-soon/"))
    assert (
        'govuk-tag--yellow">Due soon</strong> <span class="putright-deadline-text">Due today'
        in page
    )


def test_a_long_queue_is_paginated(client, frozen, landlord, officer, handler):
    bulk_complaints(landlord=landlord, number=70, today=frozen, handler=handler)  # 28 unassigned
    signed_in(client, officer)
    first = client.get("/staff/queues/unassigned/")
    assert len(references(first)) == PAGE_SIZE
    assert "Showing 1 to 25 of 28 complaints" in text(first)
    assert 'class="govuk-pagination' in first.content.decode()
    assert re.search(r'href="\?page=2"[^>]*aria-label="Page 2"', first.content.decode())
    second = client.get("/staff/queues/unassigned/?page=2")
    assert len(references(second)) == 3
    assert "Showing 26 to 28 of 28 complaints" in text(second)
    assert re.search(r'aria-label="Page 2"\s+aria-current="page"', second.content.decode())
    assert not set(references(first)) & set(references(second))
    # A page past the end shows the last one rather than an error.
    assert references(client.get("/staff/queues/unassigned/?page=99")) == references(second)


def test_a_queue_sorts_by_a_column_and_says_so_with_aria_sort(
    client, frozen, landlord, officer, handler
):
    bulk_complaints(landlord=landlord, number=20, today=frozen, handler=handler)
    signed_in(client, officer)
    by_due = client.get("/staff/queues/unassigned/")
    page = by_due.content.decode()
    assert re.search(
        r'aria-sort="ascending"><a class="govuk-link putright-sort-link" href="\?sort=-due">Due',
        page,
    )
    assert re.search(
        r'aria-sort="none"><a class="govuk-link putright-sort-link" '
        r'href="\?sort=reference">Reference',
        page,
    )
    assert "aria-sort" not in page.split("Time left")[0].rsplit("<th", 1)[1]  # not sortable
    descending = client.get("/staff/queues/unassigned/?sort=-reference")
    listed = references(descending)
    assert listed == sorted(listed, reverse=True) and len(listed) == 8
    assert re.search(
        r'aria-sort="descending"><a class="govuk-link putright-sort-link" '
        r'href="\?sort=reference">Reference',
        descending.content.decode(),
    )


def test_sorting_keeps_the_filters_and_goes_back_to_the_first_page(
    client, frozen, landlord, officer, handler
):
    bulk_complaints(landlord=landlord, number=70, today=frozen, handler=handler)
    page = (
        signed_in(client, officer).get("/staff/queues/unassigned/?stage=1&page=2").content.decode()
    )
    assert 'href="?stage=1&amp;sort=reference"' in page


def test_a_queue_filters_by_stage_handler_and_entity(
    client, frozen, landlord, officer, handler, teammate, log_complaint, lifecycle
):
    north = Entity.objects.create(landlord=landlord, name="North Homes")
    stage_one = lifecycle.assign(log_complaint(entity=north))
    stage_two = lifecycle.stage_two_investigating(log_complaint())
    signed_in(client, officer)
    assert set(references(client.get("/staff/queues/acknowledge-stage-1/"))) == {
        stage_one.reference
    }
    everyone = client.get("/staff/queues/overdue/?sort=reference")
    assert references(everyone) == []  # nothing is late yet
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10, tzinfo=datetime.UTC), tick=False):
        signed_in(client, officer)  # a new session: the first has expired by June
        assert set(references(client.get("/staff/queues/overdue/"))) == {
            stage_one.reference,
            stage_two.reference,
        }
        only_two = client.get("/staff/queues/overdue/?stage=2")
        assert references(only_two) == [stage_two.reference]
        assert "matching the filters" in text(only_two)
        assert '<option value="2" selected>Stage 2</option>' in only_two.content.decode()
        assert references(client.get(f"/staff/queues/overdue/?handler={handler.pk}")) == [
            stage_one.reference
        ]
        assert references(client.get(f"/staff/queues/overdue/?entity={north.pk}")) == [
            stage_one.reference
        ]
        # A choice that is not offered is ignored rather than failing the page.
        assert len(references(client.get("/staff/queues/overdue/?handler=99999&stage=x"))) == 2


def test_a_handler_sees_only_their_own_and_their_teams_complaints_on_a_queue_page(
    client, frozen, log_complaint, lifecycle, handler, second_handler, teammate
):
    ours = lifecycle.assign(log_complaint(), teammate)
    theirs = lifecycle.assign(log_complaint(), second_handler)
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10, tzinfo=datetime.UTC), tick=False):
        assert references(signed_in(client, handler).get("/staff/queues/overdue/")) == [
            ours.reference
        ]
        assert references(signed_in(client, second_handler).get("/staff/queues/overdue/")) == [
            theirs.reference
        ]


def test_another_landlords_staff_see_none_of_our_complaints(
    client, frozen, landlord, handler, other_landlord_officer
):
    bulk_complaints(landlord=landlord, number=20, today=frozen, handler=handler)
    signed_in(client, other_landlord_officer)
    for queue in COMPLAINT_QUEUES:
        assert references(client.get(f"/staff/queues/{queue.slug}/")) == []


@pytest.mark.parametrize(
    ("role", "slug"),
    [
        ("complaints_officer", "restriction-reviews"),
        ("complaint_handler", "adjustment-reviews"),
        ("governing_body", "overdue"),
        ("administrator", "actions"),
    ],
)
def test_a_queue_the_role_may_not_see_is_refused(client, make_staff, role, slug):
    response = signed_in(client, make_staff(role)).get(f"/staff/queues/{slug}/")
    assert response.status_code == 403


def test_an_unknown_queue_is_not_found(client, officer):
    assert signed_in(client, officer).get("/staff/queues/everything/").status_code == 404


def test_the_follow_through_and_review_queues_list_their_rows(
    client, frozen, landlord, manager, handler
):
    bulk_complaints(landlord=landlord, number=10, today=frozen, handler=handler)
    signed_in(client, manager)
    actions = text(client.get("/staff/queues/actions/"))
    assert actions.count("Replace the boiler") == 2
    assert "Due today" in actions
    remedies = text(client.get("/staff/queues/unpaid-remedies/"))
    assert remedies.count("£100.00") == 2
    assert "2 working days left" in remedies
    restrictions = text(client.get("/staff/queues/restriction-reviews/"))
    assert restrictions.count("Email only") == 2
    assert "Overdue by 1 working day" in restrictions
    adjustments = text(client.get("/staff/queues/adjustment-reviews/"))
    assert adjustments.count("Large print") == 2
    assert "1 working day left" in adjustments


@pytest.mark.parametrize("slug", [page.slug for page in QUEUE_PAGES])
def test_a_queue_page_takes_the_same_queries_for_10_complaints_as_for_200(
    slug, client, frozen, landlord, manager, handler, django_assert_num_queries
):
    signed_in(client, manager if slug != "mine" else handler)
    path = f"/staff/queues/{slug}/"
    complaints = bulk_complaints(landlord=landlord, number=10, today=frozen, handler=handler)
    _dissatisfied(landlord, complaints)
    client.get(path)
    with CaptureQueriesContext(connection) as first:
        assert client.get(path).status_code == 200
    complaints = bulk_complaints(landlord=landlord, number=190, today=frozen, handler=handler)
    _dissatisfied(landlord, complaints)
    with django_assert_num_queries(len(first)):
        response = client.get(path)
    assert response.status_code == 200
    assert "Nothing needs doing" not in response.content.decode(), slug


def _dissatisfied(landlord, complaints):
    from tests.complaints.test_queues import _dissatisfied_requests

    _dissatisfied_requests(landlord, complaints[::2])


def test_stage_numbers_in_queues_are_those_of_the_current_stage(
    client, frozen, log_complaint, lifecycle, officer
):
    complaint = lifecycle.escalate(lifecycle.responded(log_complaint()))
    assert Stage.objects.filter(complaint=complaint).count() == 2
    page = text(signed_in(client, officer).get("/staff/queues/acknowledge-stage-2/"))
    assert "Stage 2: to acknowledge" in page
    assert (
        Complaint.objects.get(pk=complaint.pk).status
        == Complaint.Status.STAGE2_AWAITING_ACKNOWLEDGEMENT
    )
