"""The case page: where a complaint stands, who must be careful how, and its whole history."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from putright.complaints.models import Channel
from putright.complaints.services import (
    correspondence_record,
    service_request_log,
    service_request_record_dissatisfaction,
)
from putright.core.actors import Actor
from putright.remedies import services as remedies
from putright.residents.services import adjustment_record, restriction_impose, vulnerability_record
from putright.workdays.selectors import calendar_for_landlord
from tests.complaints.lifecycle import stage_of
from tests.staff.test_actions import history, text, today, url


def main(response) -> str:
    content = response.content.decode()
    return text(content[content.index("<main") :])


def summary_panel(response) -> str:
    content = response.content.decode()
    start = content.index("Where it stands")
    return text(content[start : content.index("</dl>", start)])


def actions_offered(response) -> list[str]:
    content = response.content.decode()
    found = re.search(r'<ul class="govuk-list" id="case-actions">(.*?)</ul>', content, re.S)
    return re.findall(r">([^<]+)</a>", found.group(1)) if found else []


# ---------------------------------------------------------------- where it stands


def test_the_case_page_shows_the_stage_the_deadline_and_working_days_left(
    client, officer, handler, lifecycle, log_complaint, landlord
):
    complaint = lifecycle.investigating(log_complaint())
    stage = stage_of(complaint, 1)
    calendar = calendar_for_landlord(landlord_id=landlord.pk)
    left = calendar.working_days_between(today(), stage.response_due)
    client.force_login(officer)

    response = client.get(reverse("staff:complaint", kwargs={"reference": complaint.reference}))

    assert response.status_code == 200
    panel = summary_panel(response)
    assert "Stage 1: investigating" in panel
    assert f"Response due {stage.response_due:%-d %B %Y}" in panel
    assert f"{left} working days left to the response" in panel
    assert f"Handler {handler}" in panel
    assert "Conflict of interest No conflict of interest" in panel
    assert "Outcome so far No response yet" in panel


def test_the_outcome_so_far_shows_each_stages_answer(client, officer, lifecycle, log_complaint):
    complaint = lifecycle.escalate(lifecycle.responded(log_complaint()))
    client.force_login(officer)
    panel = summary_panel(client.get(url(complaint)))
    assert "Stage 2, the landlord's final stage" in panel
    assert "Stage 1: Upheld (response given" in panel
    assert "Acknowledgement Due by" in panel


def test_an_overdue_acknowledgement_says_so(client, officer, log_complaint):
    """Code 6.2: five working days to acknowledge."""
    complaint = log_complaint(received_at=_days_ago(20))
    client.force_login(officer)
    assert "Overdue by" in summary_panel(client.get(url(complaint)))


def _days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def test_the_complaint_definition_and_each_points_answer_are_shown(
    client, officer, lifecycle, log_complaint
):
    """Code 5.6, 6.7."""
    complaint = lifecycle.responded(log_complaint())
    client.force_login(officer)
    page = main(client.get(url(complaint)))
    assert "Our understanding The resident says the boiler repair was not completed." in page
    assert "1 The boiler repair was not done Upheld Reasons for point 1." in page
    assert "2 Nobody called back Upheld Reasons for point 2." in page


# ---------------------------------------------------------------- history


def test_the_history_lists_every_event_newest_first_in_words_with_who_did_it(
    client, officer, handler, lifecycle, log_complaint
):
    complaint = lifecycle.investigating(log_complaint())
    correspondence_record(
        actor=Actor.for_user(handler),
        complaint=complaint,
        direction="out",
        medium="letter",
        counterpart="Alex Morgan",
        body="We are looking into your complaint.",
    )
    client.force_login(officer)

    timeline = history(client.get(url(complaint)))

    kinds = [
        "Message sent",
        "Conflict of interest declaration",
        "Handler assigned",
        "Acknowledged",
        "Complaint definition set out",
        "Complaint logged",
    ]
    positions = [timeline.index(kind) for kind in kinds]
    assert positions == sorted(positions)
    assert "We are looking into your complaint." in timeline
    assert f"{handler}," in timeline
    assert f"{officer}," in timeline
    assert "stage.assigned" not in timeline


# ---------------------------------------------------------------- what can be done


def test_only_what_the_code_allows_now_is_offered(client, officer, lifecycle, log_complaint):
    complaint = log_complaint()
    client.force_login(officer)
    offered = actions_offered(client.get(url(complaint)))
    assert "Acknowledge and define" in offered
    assert "Do not accept (refuse)" in offered
    assert "Record the response" not in offered
    assert "Record a request for stage 2" not in offered

    complaint = lifecycle.responded(complaint)
    offered = actions_offered(client.get(url(complaint)))
    assert "Record a request for stage 2" in offered
    assert "Close the complaint" in offered
    assert "Acknowledge and define" not in offered
    assert "Record the response" not in offered


def test_a_handler_is_not_offered_what_their_role_cannot_do(
    client, handler, lifecycle, log_complaint
):
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    offered = actions_offered(client.get(url(complaint)))
    assert "Record the response" in offered
    assert "Extend the response deadline" in offered
    assert "Assign a handler" not in offered
    assert "Close the complaint" not in offered


def test_a_complaint_the_member_of_staff_may_not_see_is_not_found(
    client, second_handler, log_complaint
):
    complaint = log_complaint()
    client.force_login(second_handler)
    assert client.get(url(complaint)).status_code == 404


def test_a_role_without_access_to_complaints_gets_the_forbidden_page(
    client, board_member, log_complaint
):
    """The governing body sees reports, not individual complaints' personal data."""
    complaint = log_complaint()
    client.force_login(board_member)
    assert client.get(url(complaint)).status_code == 403


def test_the_case_page_asks_to_sign_in_first(client, log_complaint):
    complaint = log_complaint()
    response = client.get(url(complaint))
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/")


# ---------------------------------------------------------------- the resident's needs


@pytest.fixture
def resident_with_needs(resident, manager):
    actor = Actor.for_user(manager)
    vulnerability_record(
        actor=actor,
        resident=resident,
        kind="health",
        recorded_on=today(),
        details="Has COPD; a cold home is a risk.",
    )
    adjustment_record(
        actor=actor,
        resident=resident,
        kind="large_print",
        agreed_on=today(),
        details="Letters in 16 point.",
    )
    restriction_impose(
        actor=actor,
        resident=resident,
        behaviour="Abusive calls.",
        evidence="Call recordings.",
        restriction="Contact by email only, to the complaints team.",
        equality_considerations="No disability is linked to the behaviour.",
        starts_on=today(),
        review_on=today() + datetime.timedelta(days=90),
    )
    return resident


def test_vulnerabilities_and_adjustments_are_shown_to_roles_that_may_see_them(
    client, officer, resident_with_needs, log_complaint
):
    """Code 5.10, 6.1; special-category data only for roles holding the permission."""
    complaint = log_complaint(resident=resident_with_needs)
    client.force_login(officer)
    page = main(client.get(url(complaint)))
    assert "Important: about this resident" in page
    assert "Physical or mental health: Has COPD; a cold home is a risk." in page
    assert "Large print: Letters in 16 point." in page


def test_vulnerabilities_and_adjustments_are_hidden_from_roles_that_may_not_see_them(
    client, handler, resident_with_needs, lifecycle, log_complaint
):
    """A handler without ``residents.view_special_category`` sees neither, not even a hint."""
    complaint = lifecycle.investigating(log_complaint(resident=resident_with_needs))
    client.force_login(handler)
    content = client.get(url(complaint)).content.decode()
    assert "COPD" not in content
    assert "Large print" not in content
    assert "Letters in 16 point" not in content
    assert "about this resident" not in content


def test_restrictions_on_contact_are_shown_to_everyone_who_may_see_the_complaint(
    client, handler, resident_with_needs, lifecycle, log_complaint
):
    """Code 5.14: staff who contact the resident must respect a restriction."""
    complaint = lifecycle.investigating(log_complaint(resident=resident_with_needs))
    client.force_login(handler)
    page = main(client.get(url(complaint)))
    assert (
        "Contact with this resident is restricted. Contact by email only, to the complaints team."
        in page
    )


# ---------------------------------------------------------------- recurring issues


def test_related_complaints_and_service_requests_of_the_resident_are_listed(
    client, officer, resident, landlord, lifecycle, log_complaint
):
    """Recurring issues: the resident's other complaints, and the request a complaint came
    from (Code 1.5)."""
    actor = Actor.for_user(officer)
    earlier = log_complaint(description="Damp in the bedroom")
    request = service_request_log(
        actor=actor,
        landlord=landlord,
        description="Boiler not working",
        channel=Channel.PHONE,
        resident=resident,
    )
    complaint = service_request_record_dissatisfaction(
        actor=actor,
        service_request=request,
        description="Nobody came to fix the boiler.",
        channel=Channel.PHONE,
    )
    client.force_login(officer)
    page = main(client.get(url(complaint)))
    assert f"{earlier.reference}" in page
    assert "(same resident)" in page
    assert f"{request.reference}" in page
    assert "(this complaint came from it)" in page


def test_remedies_and_outstanding_actions_are_shown_with_their_status(
    client, officer, handler, lifecycle, log_complaint
):
    complaint = lifecycle.responded(log_complaint())
    actor = Actor.for_user(handler)
    remedy = remedies.remedy_offer(
        actor=actor,
        complaint=complaint,
        kind="apology",
        description="A written apology.",
        due_on=today(),
    )
    remedies.remedy_record_response(actor=actor, remedy=remedy, accepted=True)
    remedies.action_add(
        actor=actor,
        complaint=complaint,
        description="Replace the pump.",
        due_on=today() + datetime.timedelta(days=30),
        owner_description="Acme Heating",
    )
    client.force_login(officer)
    page = main(client.get(url(complaint)))
    assert "Apologising A written apology." in page
    assert "Accepted" in page
    assert "Replace the pump. Acme Heating" in page
    assert "working days left" in page


# ---------------------------------------------------------------- reading it


def _with_history(complaint, handler, officer, *, times: int):
    """``times`` of each: messages, remedies (answered), outstanding actions (updated)."""
    actor = Actor.for_user(handler)
    for n in range(times):
        correspondence_record(
            actor=Actor.for_user(officer),
            complaint=complaint,
            direction="in",
            medium="email",
            body=f"Message {n}",
        )
        remedy = remedies.remedy_offer(
            actor=actor, complaint=complaint, kind="apology", description="Sorry.", due_on=today()
        )
        remedies.remedy_record_response(actor=actor, remedy=remedy, accepted=True)
        action = remedies.action_add(
            actor=actor, complaint=complaint, description="Fix.", due_on=today(), owner=handler
        )
        remedies.action_update(actor=actor, action=action, text="Progress.")
    return complaint


def test_the_case_page_reads_in_a_fixed_number_of_queries(
    client, officer, handler, lifecycle, log_complaint, django_assert_num_queries
):
    """However long the history, however many points, remedies and actions."""
    client.force_login(officer)
    few = lifecycle.investigating(log_complaint(), points=["One point"])
    _with_history(few, handler, officer, times=1)
    with CaptureQueriesContext(connection) as counted:
        assert client.get(url(few)).status_code == 200
    many = lifecycle.investigating(log_complaint(), points=[f"Point {n}" for n in range(1, 9)])
    _with_history(many, handler, officer, times=8)
    lifecycle.escalate(lifecycle.respond(many))

    with django_assert_num_queries(len(counted.captured_queries)):
        response = client.get(url(many))

    assert response.status_code == 200
    assert "Message 5" in history(response)
