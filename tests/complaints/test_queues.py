"""The complaint work queues: each holds the open complaints that need that action now, only
those the person looking may see, never another landlord's, and reads a page in the same
number of queries for 10 complaints as for 200."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from putright.complaints.models import Category, Channel, Complaint, Extension, Stage
from putright.complaints.queues import (
    COMPLAINT_QUEUES,
    QueueFilters,
    Sort,
    Today,
    complaint_queue,
    complaint_queue_counts,
    complaint_queue_due_soon,
    complaint_queue_extended,
    complaint_queue_mine,
    complaint_queue_overdue,
    complaint_queue_to_acknowledge_stage_2,
    complaint_queue_unassigned,
    queue_filter_options,
    service_request_queue_dissatisfied,
)
from putright.complaints.selectors import deadline_for, stage_deadline
from putright.complaints.services import (
    complaint_withdraw,
    service_request_log,
    service_request_record_dissatisfaction,
    stage_extend,
)
from putright.core.actors import Actor
from putright.core.errors import NotPermittedError
from putright.landlords.models import Entity, ServiceArea
from putright.remedies.models import OutstandingAction, Remedy
from putright.residents.models import ReasonableAdjustment, Resident, Restriction
from putright.workdays.rules import WorkingCalendar
from putright.workdays.selectors import calendar_for_landlord

# ---------------------------------------------------------------- many complaints, fast

_references = count(1)


def bulk_complaints(
    *,
    landlord,
    number: int,
    today: datetime.date,
    handler,
    resident=None,
    calendar: WorkingCalendar | None = None,
) -> list[Complaint]:
    """``number`` complaints written straight to the tables, in five states that between them
    fill every queue: to acknowledge at stage 1 (unassigned, due soon or not), investigating
    and overdue, investigating, extended and due soon, stage 2 to acknowledge, and closed with
    an outstanding action and an unpaid remedy. For counting queries, not for the Code's rules:
    states are set, not reached through the services."""
    calendar = calendar or WorkingCalendar()
    now = timezone.now()
    resident = resident or Resident.objects.create(landlord=landlord, name="Sam Bulk")

    def on(n: int) -> datetime.date:
        return calendar.add_working_days(today, n)

    statuses = (
        Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT,
        Complaint.Status.STAGE1_INVESTIGATING,
        Complaint.Status.STAGE1_INVESTIGATING,
        Complaint.Status.STAGE2_AWAITING_ACKNOWLEDGEMENT,
        Complaint.Status.CLOSED,
    )
    complaints = Complaint.objects.bulk_create(
        Complaint(
            landlord=landlord,
            reference=f"B{next(_references):06d}",
            status=statuses[i % 5],
            resident=resident,
            received_at=now,
            received_on=on(-10),
            channel=Channel.PHONE,
            description="Bulk",
        )
        for i in range(number)
    )
    stages = []
    for i, complaint in enumerate(complaints):
        kind = i % 5
        first = Stage(
            complaint=complaint,
            number=1,
            requested_at=now,
            requested_on=on(-10),
            acknowledgement_due=on(i % 4),
            handler=None if kind == 0 else handler,
        )
        if kind in (1, 2, 3, 4):
            first.acknowledged_at = now
            first.response_due = on(-1) if kind == 1 else on(1)
        if kind in (3, 4):
            first.responded_at = now
        stages.append(first)
        if kind == 3:
            stages.append(
                Stage(
                    complaint=complaint,
                    number=2,
                    requested_at=now,
                    requested_on=on(-2),
                    acknowledgement_due=on(3),
                )
            )
    stages = Stage.objects.bulk_create(stages)
    Extension.objects.bulk_create(
        Extension(
            stage=stage,
            working_days=5,
            reason="Waiting for a surveyor",
            previous_due=on(-4),
            new_due=on(1),
            resident_informed_on=today,
            ombudsman_details_given=True,
            created_at=now,
        )
        for i, stage in enumerate(s for s in stages if s.number == 1)
        if i % 5 == 2
    )
    closed = [(c, s) for c, s in zip(complaints, [s for s in stages if s.number == 1], strict=True)]
    closed = [(c, s) for c, s in closed if c.status == Complaint.Status.CLOSED]
    OutstandingAction.objects.bulk_create(
        OutstandingAction(
            complaint=c, stage=s, description="Replace the boiler", owner=handler, due_on=on(0)
        )
        for c, s in closed
    )
    Remedy.objects.bulk_create(
        Remedy(
            complaint=c,
            stage=s,
            kind=Remedy.Kind.FINANCIAL,
            description="Compensation for the delay",
            due_on=on(2),
            offered_on=today,
            amount_time_and_trouble=100,
            payment_method=Remedy.PaymentMethod.BANK_TRANSFER,
        )
        for c, s in closed
    )
    Restriction.objects.bulk_create(
        Restriction(
            resident=resident,
            behaviour="b",
            evidence="e",
            restriction="Email only",
            equality_considerations="q",
            starts_on=on(-20),
            review_on=on(-1),
        )
        for _ in closed
    )
    ReasonableAdjustment.objects.bulk_create(
        ReasonableAdjustment(
            resident=resident,
            kind=ReasonableAdjustment.Kind.LARGE_PRINT,
            agreed_on=on(-20),
            review_on=on(1),
        )
        for _ in closed
    )
    return complaints


# ---------------------------------------------------------------- fixtures


@pytest.fixture
def calendar(landlord) -> WorkingCalendar:
    return calendar_for_landlord(landlord_id=landlord.pk)


@pytest.fixture
def complaint(log_complaint):
    return log_complaint()


def listed(user, slug, **kwargs) -> list[str]:
    return [
        row.reference for row in complaint_queue(actor=Actor.for_user(user), slug=slug, **kwargs)
    ]


def due_of(complaint) -> datetime.date:
    stage = complaint.stages.order_by("-number").first()
    return stage.acknowledgement_due if stage.acknowledged_at is None else stage.response_due


# ---------------------------------------------------------------- the due-soon window


@settings(max_examples=300, deadline=None)
@given(
    today=st.dates(datetime.date(2025, 12, 15), datetime.date(2027, 1, 15)),
    offset=st.integers(-15, 15),
    closures=st.sets(st.dates(datetime.date(2025, 12, 15), datetime.date(2027, 2, 15)), max_size=6),
)
def test_the_due_soon_and_overdue_date_ranges_agree_with_the_deadline_count(
    today, offset, closures
):
    """The database's date ranges and ``Deadline``'s working-day count never disagree: not at
    weekends, over bank holidays, nor across the landlord's closure days."""
    calendar = WorkingCalendar(closures=frozenset(closures))
    due = today + datetime.timedelta(days=offset)
    deadline = deadline_for(kind="response", due=due, calendar=calendar, today=today)
    day = Today(date=today, calendar=calendar)
    assert (today <= due < day.due_soon_before) == deadline.is_due_soon
    assert (due < today) == deadline.is_overdue


# ---------------------------------------------------------------- each queue


def test_a_new_complaint_waits_unassigned_to_be_acknowledged_at_stage_one(complaint, officer):
    assert listed(officer, "acknowledge-stage-1") == [complaint.reference]
    assert listed(officer, "unassigned") == [complaint.reference]
    assert listed(officer, "acknowledge-stage-2") == []
    assert listed(officer, "extended") == []


def test_an_acknowledged_complaint_leaves_the_acknowledgement_queue(complaint, officer, lifecycle):
    lifecycle.investigating(complaint)
    assert listed(officer, "acknowledge-stage-1") == []
    assert listed(officer, "unassigned") == []


def test_my_complaints_are_those_whose_current_stage_i_handle(
    log_complaint, lifecycle, handler, teammate
):
    mine = lifecycle.assign(log_complaint())
    theirs = lifecycle.assign(log_complaint(), teammate)
    assert complaint_queue_mine(actor=Actor.for_user(handler)).count() == 1
    assert listed(handler, "mine") == [mine.reference]
    assert listed(teammate, "mine") == [theirs.reference]


def test_a_stage_two_request_waits_to_be_acknowledged_and_leaves_stage_ones_handler_queue(
    complaint, lifecycle, officer, handler
):
    lifecycle.responded(complaint)
    assert listed(handler, "mine") == []  # stage 1 answered: nothing left to do
    lifecycle.escalate(complaint)
    assert listed(officer, "acknowledge-stage-2") == [complaint.reference]
    assert listed(officer, "acknowledge-stage-1") == []
    assert listed(officer, "unassigned") == [complaint.reference]  # stage 2 needs a handler
    rows = list(complaint_queue_to_acknowledge_stage_2(actor=Actor.for_user(officer)))
    assert rows[0].stage.number == 2
    assert rows[0].deadline.kind == "acknowledgement"


def test_the_due_soon_queue_holds_deadlines_today_to_two_working_days_ahead(
    complaint, officer, calendar
):
    due = due_of(complaint)
    for days_before, expected in ((3, []), (2, [complaint.reference]), (0, [complaint.reference])):
        today = calendar.add_working_days(due, -days_before)
        assert listed(officer, "due-soon", today=today) == expected, days_before
    after = calendar.add_working_days(due, 1)
    assert listed(officer, "due-soon", today=after) == []
    assert listed(officer, "overdue", today=after) == [complaint.reference]
    assert listed(officer, "overdue", today=due) == []


def test_a_queue_row_says_where_the_complaint_stands_in_working_days(complaint, officer, calendar):
    due = due_of(complaint)
    [row] = complaint_queue_overdue(
        actor=Actor.for_user(officer), today=calendar.add_working_days(due, 3)
    )
    assert row.deadline.description == "Overdue by 3 working days"
    assert row.deadline.kind == "acknowledgement"
    [row] = complaint_queue_due_soon(
        actor=Actor.for_user(officer), today=calendar.add_working_days(due, -2)
    )
    assert row.deadline.description == "2 working days left"
    assert row.deadline == stage_deadline(
        row.stage, calendar=calendar, today=calendar.add_working_days(due, -2)
    )


def test_once_acknowledged_the_response_deadline_counts(complaint, officer, lifecycle, calendar):
    lifecycle.investigating(complaint)
    due = due_of(complaint)
    [row] = complaint_queue_due_soon(actor=Actor.for_user(officer), today=due)
    assert (row.deadline.kind, row.deadline.due, row.deadline.description) == (
        "response",
        due,
        "Due today",
    )


def test_an_extended_complaint_is_in_the_extended_queue_with_its_new_date(
    complaint, lifecycle, officer, handler
):
    lifecycle.investigating(complaint)
    extension = stage_extend(
        actor=Actor.for_user(handler),
        complaint=complaint,
        working_days=5,
        reason="Waiting for the contractor's report",
        resident_informed_on=timezone.localdate(),
        ombudsman_details_given=True,
    )
    [row] = complaint_queue_extended(actor=Actor.for_user(officer))
    assert row.reference == complaint.reference
    assert row.deadline.due == extension.new_due


def test_closed_withdrawn_and_answered_complaints_are_in_no_queue(
    log_complaint, lifecycle, officer, handler
):
    answered = lifecycle.responded(log_complaint())
    withdrawn = log_complaint()
    complaint_withdraw(actor=Actor.for_user(officer), complaint=withdrawn, reason="Sorted")
    far_future = timezone.localdate() + datetime.timedelta(days=400)
    for queue in COMPLAINT_QUEUES:
        for user in (officer, handler):
            found = listed(user, queue.slug, today=far_future)
            assert answered.reference not in found
            assert withdrawn.reference not in found


# ---------------------------------------------------------------- who sees what


def test_a_handler_sees_their_own_and_their_teams_complaints_in_the_queues(
    log_complaint, lifecycle, handler, teammate, second_handler, officer, calendar
):
    ours = lifecycle.assign(log_complaint(), teammate)
    other = lifecycle.assign(log_complaint(), second_handler)
    today = calendar.add_working_days(due_of(ours), 1)
    assert listed(handler, "overdue", today=today) == [ours.reference]
    assert listed(second_handler, "overdue", today=today) == [other.reference]
    assert sorted(listed(officer, "overdue", today=today)) == sorted(
        [ours.reference, other.reference]
    )


def test_a_handler_does_not_see_unassigned_complaints_someone_else_logged(
    complaint, handler, officer
):
    assert listed(handler, "unassigned") == []
    assert listed(officer, "unassigned") == [complaint.reference]


def test_another_landlords_complaints_are_never_in_the_queues(complaint, other_landlord_officer):
    far_future = timezone.localdate() + datetime.timedelta(days=400)
    for queue in COMPLAINT_QUEUES:
        assert listed(other_landlord_officer, queue.slug, today=far_future) == []
    counts = complaint_queue_counts(actor=Actor.for_user(other_landlord_officer))
    assert set(counts.values()) == {0}


@pytest.mark.parametrize("role", ["governing_body", "administrator"])
def test_roles_that_do_not_handle_complaints_have_no_complaint_queues(make_staff, role, complaint):
    actor = Actor.for_user(make_staff(role))
    with pytest.raises(NotPermittedError):
        complaint_queue_unassigned(actor=actor)
    with pytest.raises(NotPermittedError):
        complaint_queue_counts(actor=actor)


# ---------------------------------------------------------------- filters and sorting


def test_queues_filter_by_entity_service_area_category_handler_and_stage(
    landlord, log_complaint, lifecycle, officer, handler, teammate
):
    north = Entity.objects.create(landlord=landlord, name="North Homes")
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs", entity=north)
    heating = Category.objects.create(landlord=landlord, name="Heating")
    boilers = Category.objects.create(landlord=landlord, name="Boilers", parent=heating)
    in_north = lifecycle.assign(log_complaint(service_area=repairs, category=boilers))
    elsewhere = lifecycle.assign(log_complaint(), teammate)
    stage_two = lifecycle.stage_two_investigating(log_complaint())
    everyone = {in_north.reference, elsewhere.reference, stage_two.reference}

    far = timezone.localdate() + datetime.timedelta(days=60)

    def in_any_queue(**filters) -> set[str]:
        rows = set()
        for queue in ("acknowledge-stage-1", "overdue"):
            rows |= set(listed(officer, queue, filters=QueueFilters(**filters), today=far))
        return rows

    assert in_any_queue() == everyone
    assert in_any_queue(entity_id=north.pk) == {in_north.reference}
    assert in_any_queue(service_area_id=repairs.pk) == {in_north.reference}
    assert in_any_queue(category_id=heating.pk) == {in_north.reference}  # and sub-categories
    assert in_any_queue(category_id=boilers.pk) == {in_north.reference}
    assert in_any_queue(handler_id=teammate.pk) == {elsewhere.reference}
    assert in_any_queue(handler_id=handler.pk) == {in_north.reference}  # stage 2 went elsewhere
    assert in_any_queue(stage=2) == {stage_two.reference}
    assert in_any_queue(stage=1) == {in_north.reference, elsewhere.reference}


def test_queues_sort_by_due_date_by_default_and_by_any_column_asked_for(landlord, officer, handler):
    today = datetime.date(2026, 3, 2)
    bulk_complaints(landlord=landlord, number=20, today=today, handler=handler)
    actor = Actor.for_user(officer)
    rows = list(complaint_queue_unassigned(actor=actor, today=today))
    assert rows and [r.deadline.due for r in rows] == sorted(r.deadline.due for r in rows)
    by_reference = list(complaint_queue_unassigned(actor=actor, today=today, sort="-reference"))
    assert [r.reference for r in by_reference] == sorted((r.reference for r in rows), reverse=True)
    assert complaint_queue_unassigned(actor=actor, sort="-reference").sort == Sort(
        "reference", descending=True
    )
    # A column that cannot be sorted falls back to the due date, not an error.
    assert complaint_queue_unassigned(actor=actor, sort="description").sort == Sort("due")


def test_the_counts_are_the_lengths_of_the_queues(landlord, officer, handler, calendar):
    today = datetime.date(2026, 3, 2)
    bulk_complaints(landlord=landlord, number=25, today=today, handler=handler)
    for user in (officer, handler):
        actor = Actor.for_user(user)
        counts = complaint_queue_counts(actor=actor, today=today)
        for queue in COMPLAINT_QUEUES:
            assert counts[queue.slug] == len(
                list(complaint_queue(actor=actor, slug=queue.slug, today=today))
            ), queue.slug
    assert complaint_queue_counts(actor=Actor.for_user(officer), today=today) == {
        "mine": 0,
        "unassigned": 10,  # stage 1 to acknowledge, and stage 2 to acknowledge
        "acknowledge-stage-1": 5,
        "acknowledge-stage-2": 5,
        "due-soon": 4 + 5,  # 4 of 5 acknowledgements within 2 days; the extended responses
        "overdue": 5,
        "extended": 5,
    }


def test_the_filter_form_offers_the_landlords_own_choices_only(
    landlord, other_landlord, officer, handler, teammate, manager
):
    Entity.objects.create(landlord=landlord, name="North Homes")
    Entity.objects.create(landlord=other_landlord, name="Elsewhere")
    options = queue_filter_options(actor=Actor.for_user(officer))
    assert [e.name for e in options.entities] == ["North Homes"]
    # Everyone who can handle complaints, and only them.
    assert set(options.handlers) == {officer, handler, teammate, manager}


# ---------------------------------------------------------------- service requests


def test_a_service_request_the_resident_is_dissatisfied_with_stays_in_its_queue(
    landlord, officer, handler, resident
):
    as_officer = Actor.for_user(officer)
    request = service_request_log(
        actor=as_officer,
        landlord=landlord,
        description="Fix the gutter",
        channel=Channel.PHONE,
        resident=resident,
    )
    untouched = service_request_log(
        actor=as_officer, landlord=landlord, description="Fix the fence", channel=Channel.PHONE
    )
    assert service_request_queue_dissatisfied(actor=as_officer).count() == 0
    complaint = service_request_record_dissatisfaction(
        actor=as_officer,
        service_request=request,
        description="Nobody came about the gutter",
        channel=Channel.PHONE,
    )
    [row] = service_request_queue_dissatisfied(actor=as_officer)
    assert row.reference == request.reference != untouched.reference
    assert [c.reference for c in row.complaints] == [complaint.reference]
    # A handler sees the request, but not a complaint they may not see.
    [row] = service_request_queue_dissatisfied(actor=Actor.for_user(handler))
    assert row.complaints == []


def test_another_landlords_service_requests_are_not_listed(
    landlord, officer, other_landlord_officer
):
    request = service_request_log(
        actor=Actor.for_user(officer),
        landlord=landlord,
        description="Fix the gutter",
        channel=Channel.PHONE,
    )
    service_request_record_dissatisfaction(
        actor=Actor.for_user(officer),
        service_request=request,
        description="Nobody came",
        channel=Channel.PHONE,
    )
    assert service_request_queue_dissatisfied(actor=Actor.for_user(officer)).count() == 1
    assert (
        service_request_queue_dissatisfied(actor=Actor.for_user(other_landlord_officer)).count()
        == 0
    )


# ---------------------------------------------------------------- a fixed number of queries


def _read(slug, actor, today, calendar):
    if slug == "dissatisfied-service-requests":
        return list(service_request_queue_dissatisfied(actor=actor, today=today, calendar=calendar))
    return list(complaint_queue(actor=actor, slug=slug, today=today, calendar=calendar))


@pytest.mark.parametrize(
    "slug", [*(q.slug for q in COMPLAINT_QUEUES), "dissatisfied-service-requests"]
)
def test_a_queue_is_read_in_the_same_queries_for_10_complaints_as_for_200(
    slug, landlord, officer, handler, django_assert_num_queries
):
    today = datetime.date(2026, 3, 2)
    actor = Actor.for_user(handler if slug == "mine" else officer)
    expected = 2  # the calendar and the rows; or the rows and their complaints
    for number in (10, 190):
        complaints = bulk_complaints(landlord=landlord, number=number, today=today, handler=handler)
        _dissatisfied_requests(landlord, complaints[::2])
        with django_assert_num_queries(expected):
            rows = _read(slug, actor, today, None)
        assert rows, slug
    assert len(rows) > 20


def test_the_queue_counts_are_one_query(landlord, officer, handler, django_assert_num_queries):
    today = datetime.date(2026, 3, 2)
    actor = Actor.for_user(officer)
    calendar = WorkingCalendar()
    for number in (10, 190):
        bulk_complaints(landlord=landlord, number=number, today=today, handler=handler)
        with django_assert_num_queries(1):
            counts = complaint_queue_counts(actor=actor, today=today, calendar=calendar)
        assert counts["overdue"]


def _dissatisfied_requests(landlord, complaints):
    from putright.complaints.models import ServiceRequest

    now = timezone.now()
    made = ServiceRequest.objects.bulk_create(
        ServiceRequest(
            landlord=landlord,
            reference=f"SRB{next(_references):06d}",
            received_at=now,
            channel=Channel.PHONE,
            description="Bulk",
            dissatisfaction_expressed_at=now,
        )
        for _ in complaints
    )
    for request, complaint in zip(made, complaints, strict=True):
        complaint.service_request = request
    Complaint.objects.bulk_update(complaints, ["service_request"])
