"""Each lifecycle action on its own page: what the Code requires, what it refuses, and how.

Through the test client, as a member of staff would: each action's page records the event
on the complaint's history; what is typed wrong comes back in a GOV.UK error summary with
the typing kept; what the Code forbids is refused naming the provision (never a 500); a form
read before someone else's change is refused as a conflict; a role that may not act gets
the 403 page.
"""

from __future__ import annotations

import datetime
import html
import re
from typing import Any

import pytest
from django.utils import timezone

from putright.complaints.models import Complaint
from putright.complaints.services import complaint_withdraw, correspondence_record
from putright.core.actors import Actor
from putright.core.models import Event
from tests.complaints.lifecycle import stage_of

# ---------------------------------------------------------------- helpers (shared with
# test_actions_follow_through.py)


def url(complaint: Complaint, action: str = "") -> str:
    return f"/staff/complaints/{complaint.reference}/{action}"


def text(fragment: str) -> str:
    """HTML as the words a reader sees."""
    fragment = re.sub(r"<script.*?</script>", " ", fragment, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def error_summary(response: Any) -> str:
    content = response.content.decode()
    found = re.search(r'<div class="govuk-error-summary".*?</ul>', content, re.S)
    return text(found.group(0)) if found else ""


def success_banner(response: Any) -> str:
    content = response.content.decode()
    banner = r'<div class="govuk-notification-banner govuk-notification-banner--success"'
    found = re.search(banner + r".*?</div>\s*</div>", content, re.S)
    return text(found.group(0)) if found else ""


def history(response: Any) -> str:
    content = response.content.decode()
    start = content.index('id="history"')
    return text(content[start : content.index("</ol>", start)])


def date_fields(name: str, day: datetime.date) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


def today() -> datetime.date:
    return timezone.localdate()


def version(complaint: Complaint) -> int:
    return Complaint.objects.values_list("version", flat=True).get(pk=complaint.pk)


def post(client: Any, complaint: Complaint, action: str, data: dict[str, Any], **kw: Any) -> Any:
    """Send an action's form as read now (the current version), unless the data says otherwise."""
    return client.post(url(complaint, action), {"version": version(complaint), **data}, **kw)


def events(complaint: Complaint) -> int:
    return Event.objects.filter(complaint_id=complaint.pk).count()


def status(complaint: Complaint) -> str:
    return Complaint.objects.values_list("status", flat=True).get(pk=complaint.pk)


DEFINITION = {
    "definition": "The resident says the boiler repair was not finished.",
    "outcomes_sought": "The boiler repaired and an apology.",
    "responsible_for": "Repairs to the boiler.",
    "not_responsible_for": "",
    "points": "The boiler repair was not done\nNobody called back",
}


def respond_data(complaint: Complaint, finding: str = "upheld", **extra: Any) -> dict[str, Any]:
    stage = stage_of(complaint, 2 if complaint.stages.filter(number=2).exists() else 1)
    data: dict[str, Any] = {
        "outcome": "upheld" if finding == "upheld" else "not_upheld",
        "decision": "We will put this right.",
        "remedy-TOTAL_FORMS": "1",
        "remedy-INITIAL_FORMS": "1",
        "action-TOTAL_FORMS": "1",
        "action-INITIAL_FORMS": "1",
    }
    for point in stage.points.all():
        data[f"point_{point.number}_finding"] = finding
        data[f"point_{point.number}_reasons"] = f"Reasons for point {point.number}."
        data[f"point_{point.number}_policy"] = "Repairs policy 4.2"
    data.update(extra)
    return data


# ---------------------------------------------------------------- acknowledge and define


def test_acknowledging_defines_the_complaint_and_starts_the_response_clock(
    client, officer, log_complaint
):
    """Code 6.2, 5.6, 5.7."""
    complaint = log_complaint()
    client.force_login(officer)
    page = client.get(url(complaint, "acknowledge/"))
    assert page.status_code == 200
    assert 'name="version"' in page.content.decode()

    response = post(client, complaint, "acknowledge/", DEFINITION, follow=True)

    assert response.redirect_chain[-1][0] == url(complaint)
    stage = stage_of(complaint, 1)
    assert status(complaint) == Complaint.Status.STAGE1_INVESTIGATING
    assert f"The response is due by {stage.response_due:%-d %B %Y}" in success_banner(response)
    assert [p.description for p in stage.points.order_by("number")] == [
        "The boiler repair was not done",
        "Nobody called back",
    ]
    timeline = history(response)
    assert timeline.index("Acknowledged") < timeline.index("Complaint definition set out")


def test_acknowledging_without_a_definition_is_refused_naming_the_code(
    client, officer, log_complaint
):
    """Code 5.6: the acknowledgement sets out the complaint definition."""
    complaint = log_complaint()
    client.force_login(officer)
    before = events(complaint)

    response = post(client, complaint, "acknowledge/", {**DEFINITION, "definition": ""})

    assert response.status_code == 200
    summary = error_summary(response)
    assert "Set out your understanding of the complaint. (Complaint Handling Code 5.6)" in summary
    assert 'href="#id_definition"' in response.content.decode()
    assert "<title>Error:" in response.content.decode()
    assert "The boiler repaired and an apology." in response.content.decode()  # kept as typed
    assert status(complaint) == Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
    assert events(complaint) == before


def test_a_definition_needs_at_least_one_point_to_answer(client, officer, lifecycle, log_complaint):
    """Code 6.7."""
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(officer)
    response = post(client, complaint, "define/", {**DEFINITION, "points": "\n \n"})
    assert "List at least one point the response must answer. (Complaint Handling Code 6.7)" in (
        error_summary(response)
    )


def test_changing_the_definition_keeps_points_raised_during_the_investigation(
    client, officer, handler, lifecycle, log_complaint
):
    """Code 6.8: an additional issue stays part of stage 1."""
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    added = post(
        client,
        complaint,
        "additional-issue/",
        {"description": "Mould in the bathroom"},
        follow=True,
    )
    assert "The issue is now point 3 of the stage 1 investigation" in success_banner(added)
    response = post(
        client, complaint, "define/", {**DEFINITION, "points": "Only one point"}, follow=True
    )
    assert "complaint definition saved" in success_banner(response)
    points = [p.description for p in stage_of(complaint, 1).points.order_by("number")]
    assert points == ["Only one point", "Mould in the bathroom"]
    assert "Additional issue added" in history(response)


def test_acknowledging_is_for_roles_that_triage(client, handler, log_complaint):
    complaint = log_complaint()
    client.force_login(handler)
    assert client.get(url(complaint, "acknowledge/")).status_code == 403
    response = post(client, complaint, "acknowledge/", DEFINITION)
    assert response.status_code == 403
    assert status(complaint) == Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT


def test_acknowledging_twice_is_refused_not_a_server_error(
    client, officer, lifecycle, log_complaint
):
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(officer)
    response = post(client, complaint, "acknowledge/", DEFINITION)
    assert response.status_code == 200
    assert "is not waiting to be acknowledged" in error_summary(response)


# ---------------------------------------------------------------- handlers


def test_assigning_a_handler_lists_only_those_who_may_handle_it(
    client, officer, handler, second_handler, board_member, lifecycle, log_complaint
):
    complaint = lifecycle.acknowledge(lifecycle.define(log_complaint()))
    client.force_login(officer)
    page = client.get(url(complaint, "assign/")).content.decode()
    assert f'value="{handler.pk}"' in page
    assert f'value="{board_member.pk}"' not in page

    response = post(client, complaint, "assign/", {"handler": handler.pk}, follow=True)

    assert f"Stage 1 assigned to {handler}" in success_banner(response)
    assert "Handler assigned" in history(response)
    assert stage_of(complaint, 1).handler == handler


def test_the_stage_two_handler_must_differ_from_the_stage_one_handler(
    client, officer, handler, second_handler, lifecycle, log_complaint
):
    """Code 6.13: the stage 1 handler is not offered, and is refused if sent anyway."""
    complaint = lifecycle.escalate(lifecycle.responded(log_complaint()))
    client.force_login(officer)
    page = client.get(url(complaint, "assign/")).content.decode()
    assert f'value="{handler.pk}"' not in page
    assert f'value="{second_handler.pk}"' in page

    response = post(client, complaint, "assign/", {"handler": handler.pk})

    assert response.status_code == 200
    assert "must not be the person who considered the complaint at stage 1" in error_summary(
        response
    )
    assert "(Complaint Handling Code 6.13)" in error_summary(response)
    assert stage_of(complaint, 2).handler is None


def test_assigning_without_choosing_anyone_asks_who(client, officer, log_complaint):
    complaint = log_complaint()
    client.force_login(officer)
    response = post(client, complaint, "assign/", {"handler": ""})
    assert "Choose who will handle the complaint" in error_summary(response)


def test_a_handler_declares_no_conflict_of_interest(client, handler, lifecycle, log_complaint):
    """Code 5.8 c."""
    complaint = lifecycle.assign(lifecycle.acknowledge(lifecycle.define(log_complaint())))
    client.force_login(handler)
    response = post(client, complaint, "conflict-of-interest/", {"has_conflict": "no"}, follow=True)
    assert "declaration of no conflict of interest is recorded" in success_banner(response)
    assert "declared no conflict of interest" in history(response)


def test_a_handler_with_a_conflict_must_describe_it_and_then_steps_aside(
    client, handler, lifecycle, log_complaint
):
    """Code 5.8 c: a conflict unassigns the handler, who may then no longer see the case."""
    complaint = lifecycle.assign(lifecycle.acknowledge(lifecycle.define(log_complaint())))
    client.force_login(handler)
    response = post(client, complaint, "conflict-of-interest/", {"has_conflict": "yes"})
    assert "Describe the conflict of interest. (Complaint Handling Code 5.8)" in error_summary(
        response
    )
    response = post(
        client,
        complaint,
        "conflict-of-interest/",
        {"has_conflict": "yes", "declaration": "The resident is my neighbour."},
    )
    assert response.status_code == 302
    assert stage_of(complaint, 1).handler is None


def test_only_the_handler_declares_their_own_interests(client, officer, lifecycle, log_complaint):
    complaint = lifecycle.assign(lifecycle.acknowledge(lifecycle.define(log_complaint())))
    client.force_login(officer)
    response = post(client, complaint, "conflict-of-interest/", {"has_conflict": "no"})
    assert "Only the stage's handler can declare their own interests" in error_summary(response)


# ---------------------------------------------------------------- extensions


def extension(**extra: Any) -> dict[str, Any]:
    return {
        "working_days": "5",
        "reason": "We are waiting for a surveyor's report.",
        "ombudsman_details_given": "on",
        **date_fields("resident_informed_on", today()),
        **extra,
    }


def test_an_extension_shows_the_new_due_date_in_working_days_before_it_is_set(
    client, handler, lifecycle, log_complaint, landlord
):
    """Code 6.4, 6.5."""
    from putright.workdays.selectors import calendar_for_landlord

    complaint = lifecycle.investigating(log_complaint())
    due = stage_of(complaint, 1).response_due
    expected = calendar_for_landlord(landlord_id=landlord.pk).add_working_days(due, 5)
    client.force_login(handler)

    preview = post(client, complaint, "extend/", extension())

    assert preview.status_code == 200
    assert f"The response will be due by {expected:%A %-d %B %Y}" in text(preview.content.decode())
    assert f"5 working days after {due:%-d %B %Y}" in text(preview.content.decode())
    assert stage_of(complaint, 1).response_due == due  # not yet

    response = post(client, complaint, "extend/", extension(previewed_days="5"), follow=True)

    assert stage_of(complaint, 1).response_due == expected
    assert f"now due by {expected:%-d %B %Y}" in success_banner(response)
    assert "Response deadline extended" in history(response)


def test_an_extension_must_give_the_ombudsmans_contact_details(
    client, handler, lifecycle, log_complaint
):
    """Code 6.5: what was typed stays."""
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    data = extension(previewed_days="5")
    del data["ombudsman_details_given"]
    response = post(client, complaint, "extend/", data)
    assert "must give them the Ombudsman's contact details. (Complaint Handling Code 6.5)" in (
        error_summary(response)
    )
    assert "waiting for a surveyor" in response.content.decode()


def test_an_extension_beyond_the_maximum_needs_a_good_reason(
    client, handler, lifecycle, log_complaint
):
    """Code 6.4: no more than 10 working days without good reason."""
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    preview = post(client, complaint, "extend/", extension(working_days="11"))
    assert "beyond the maximum of 10 working days" in text(preview.content.decode())
    response = post(client, complaint, "extend/", extension(working_days="11", previewed_days="11"))
    assert "(Complaint Handling Code 6.4)" in error_summary(response)
    response = post(
        client,
        complaint,
        "extend/",
        extension(
            working_days="11",
            previewed_days="11",
            good_reason_beyond_maximum="The contractor's report is delayed by a court order.",
        ),
    )
    assert response.status_code == 302


def test_changing_the_days_after_the_preview_shows_the_new_date_again(
    client, handler, lifecycle, log_complaint
):
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    due = stage_of(complaint, 1).response_due
    response = post(client, complaint, "extend/", extension(working_days="3", previewed_days="5"))
    assert response.status_code == 200
    assert "3 working days after" in text(response.content.decode())
    assert stage_of(complaint, 1).response_due == due


def test_a_complaint_not_yet_acknowledged_cannot_be_extended(
    client, handler, log_complaint, officer
):
    complaint = log_complaint()
    client.force_login(officer)
    response = post(client, complaint, "extend/", extension(previewed_days="5"))
    assert response.status_code == 200
    assert "Only an acknowledged complaint awaiting its response can be extended" in (
        error_summary(response)
    )


# ---------------------------------------------------------------- the response


def test_a_response_answers_every_point_with_a_remedy_and_an_outstanding_action(
    client, handler, lifecycle, log_complaint
):
    """Code 6.6, 6.7, 7.1, 7.3."""
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    due = today() + datetime.timedelta(days=14)
    data = respond_data(
        complaint,
        **{
            "remedy-0-kind": "apology",
            "remedy-0-description": "A written apology from the head of repairs.",
            **date_fields("remedy-0-due_on", due),
            "action-0-description": "Replace the boiler's pump.",
            "action-0-owner": str(handler.pk),
            **date_fields("action-0-due_on", due),
        },
    )

    response = post(client, complaint, "respond/", data, follow=True)

    assert "Stage 1 response recorded: upheld" in success_banner(response)
    timeline = history(response)
    for kind in ("Response given", "Remedy offered", "Outstanding action added"):
        assert kind in timeline
    assert status(complaint) == Complaint.Status.STAGE1_RESPONDED
    assert complaint.remedies.get().description == "A written apology from the head of repairs."
    assert complaint.outstanding_actions.get().owner == handler
    points = stage_of(complaint, 1).points.order_by("number")
    assert [p.reasons for p in points] == ["Reasons for point 1.", "Reasons for point 2."]


def test_the_response_letter_carries_the_remedies_and_actions_given_with_it(
    client, handler, lifecycle, log_complaint
):
    """Code 6.9 e, f: what is offered with the response is in the response, not a letter after."""
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    due = today() + datetime.timedelta(days=14)
    data = respond_data(
        complaint,
        **{
            "remedy-0-kind": "apology",
            "remedy-0-description": "A written apology from the head of repairs.",
            **date_fields("remedy-0-due_on", due),
            "action-0-description": "Replace the boiler's pump.",
            "action-0-owner": str(handler.pk),
            **date_fields("action-0-due_on", due),
        },
    )

    post(client, complaint, "respond/", data, follow=True)

    letters = {letter.kind: letter for letter in complaint.letters.all()}
    assert "remedy_offer" not in letters
    response_letter = letters["stage1_response"].body_text
    assert "A written apology from the head of repairs." in response_letter
    assert "Replace the boiler's pump." in response_letter


def test_a_response_must_give_reasons_for_every_point(client, handler, lifecycle, log_complaint):
    """Code 6.7: typed answers are kept."""
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    data = respond_data(complaint, point_2_reasons="")
    response = post(client, complaint, "respond/", data)
    assert "Point 2: give clear reasons for the decision. (Complaint Handling Code 6.7)" in (
        error_summary(response)
    )
    assert "Reasons for point 1." in response.content.decode()
    assert status(complaint) == Complaint.Status.STAGE1_INVESTIGATING


def test_a_response_needs_a_finding_on_each_point(client, handler, lifecycle, log_complaint):
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    data = respond_data(complaint)
    del data["point_1_finding"]
    response = post(client, complaint, "respond/", data)
    assert "Choose upheld or not upheld for point 1" in error_summary(response)
    assert 'href="#id_point_1_finding"' in response.content.decode()


def test_a_refused_remedy_leaves_the_response_unrecorded(client, handler, lifecycle, log_complaint):
    """The response and its remedies are recorded together or not at all."""
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    before = events(complaint)
    data = respond_data(
        complaint,
        **{
            "remedy-0-kind": "financial",
            "remedy-0-description": "Compensation for the time without heating.",
            **date_fields("remedy-0-due_on", today()),
        },
    )
    response = post(client, complaint, "respond/", data)
    summary = error_summary(response)
    assert "Remedy 1: A financial remedy needs an amount" in summary
    assert "(Complaint Handling Code 7.1)" in summary
    assert status(complaint) == Complaint.Status.STAGE1_INVESTIGATING
    assert events(complaint) == before
    assert "Compensation for the time without heating." in response.content.decode()


def test_adding_another_remedy_keeps_what_was_typed_without_judging_it(
    client, handler, lifecycle, log_complaint
):
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    data = respond_data(complaint, decision="", **{"remedy-0-description": "An apology."})
    response = post(client, complaint, "respond/", {**data, "add": "remedy"})
    page = response.content.decode()
    assert error_summary(response) == ""
    assert "An apology." in page
    assert "Reasons for point 2." in page
    assert 'name="remedy-1-description"' in page
    assert 'name="remedy-TOTAL_FORMS" value="2"' in page
    assert status(complaint) == Complaint.Status.STAGE1_INVESTIGATING


def test_a_complaint_cannot_be_answered_before_it_is_acknowledged(client, officer, log_complaint):
    """Code 6.2: sent anyway, the page names the provision, never a server error."""
    complaint = log_complaint()
    client.force_login(officer)
    response = post(client, complaint, "respond/", respond_data(complaint))
    assert response.status_code == 200
    assert "Acknowledge and define the complaint before responding" in error_summary(response)
    assert "(Complaint Handling Code 6.2)" in error_summary(response)


def test_whoever_considered_stage_one_cannot_give_the_stage_two_response(
    client, manager, second_handler, lifecycle, log_complaint
):
    """Code 6.13."""
    complaint = lifecycle.escalate(lifecycle.responded(log_complaint(), handler=manager))
    complaint = lifecycle.investigating(complaint, handler=second_handler, points=["Still broken"])
    client.force_login(manager)
    response = post(client, complaint, "respond/", respond_data(complaint))
    assert "(Complaint Handling Code 6.13)" in error_summary(response)
    assert status(complaint) == Complaint.Status.STAGE2_INVESTIGATING


def test_responding_is_for_roles_that_handle_complaints(
    client, board_member, lifecycle, log_complaint
):
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(board_member)
    assert post(client, complaint, "respond/", respond_data(complaint)).status_code == 403


# ---------------------------------------------------------------- escalation


def test_a_request_for_stage_two_needs_no_reason(client, officer, lifecycle, log_complaint):
    """Code 6.12: residents must not be required to explain their reasons."""
    complaint = lifecycle.responded(log_complaint())
    client.force_login(officer)
    page = client.get(url(complaint, "escalate/")).content.decode()
    assert "(optional)" in text(page)
    assert "does not have to give a reason" in text(page)

    response = post(
        client,
        complaint,
        "escalate/",
        {**date_fields("requested_on", today()), "reason": ""},
        follow=True,
    )

    assert "Stage 2 requested" in success_banner(response)
    assert "Stage 2 requested" in history(response)
    assert status(complaint) == Complaint.Status.STAGE2_AWAITING_ACKNOWLEDGEMENT
    assert stage_of(complaint, 2).escalation_reason == ""


def test_the_residents_reason_for_stage_two_is_recorded_when_given(
    client, officer, lifecycle, log_complaint
):
    complaint = lifecycle.responded(log_complaint())
    client.force_login(officer)
    earlier = today() - datetime.timedelta(days=2)
    post(
        client,
        complaint,
        "escalate/",
        {**date_fields("requested_on", earlier), "reason": "The boiler still fails."},
    )
    stage = stage_of(complaint, 2)
    assert stage.escalation_reason == "The boiler still fails."
    assert timezone.localtime(stage.requested_at).date() == earlier


def test_a_request_for_stage_two_cannot_be_dated_in_the_future(
    client, officer, lifecycle, log_complaint
):
    complaint = lifecycle.responded(log_complaint())
    client.force_login(officer)
    tomorrow = today() + datetime.timedelta(days=1)
    response = post(client, complaint, "escalate/", date_fields("requested_on", tomorrow))
    assert "A request for stage 2 cannot be received in the future." in error_summary(response)
    assert 'href="#id_requested_on-day"' in response.content.decode()
    assert status(complaint) == Complaint.Status.STAGE1_RESPONDED


def test_a_complaint_goes_to_stage_two_only_after_the_stage_one_response(
    client, officer, lifecycle, log_complaint
):
    """Code 6.10."""
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(officer)
    response = post(client, complaint, "escalate/", date_fields("requested_on", today()))
    assert "only after the stage 1 response has been given. (Complaint Handling Code 6.10)" in (
        error_summary(response)
    )


def test_there_is_no_third_stage(client, officer, lifecycle, log_complaint):
    """Code 5.3."""
    complaint = lifecycle.stage_two_responded(log_complaint())
    client.force_login(officer)
    response = post(client, complaint, "escalate/", date_fields("requested_on", today()))
    assert "(Complaint Handling Code 5.3)" in error_summary(response)


# ---------------------------------------------------------------- refusal, withdrawal, closure


REFUSAL = {
    "ground": "legal_proceedings",
    "evidence": "Court papers issued on 2 March.",
    "explanation": "A court is deciding the matter, so it cannot be a complaint.",
    "ombudsman_right_explained": "on",
}


def test_a_complaint_not_accepted_records_the_ground_the_evidence_and_the_explanation(
    client, officer, log_complaint
):
    """Code 2.1, 2.4."""
    complaint = log_complaint()
    client.force_login(officer)
    response = post(client, complaint, "refuse/", REFUSAL, follow=True)
    assert "complaint not accepted" in success_banner(response)
    assert "Not accepted" in history(response)
    assert status(complaint) == Complaint.Status.NOT_ACCEPTED
    assert "Court papers issued on 2 March." in response.content.decode()


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("ground", "Choose the ground for refusing. (Complaint Handling Code 2.2)"),
        ("evidence", "Record the evidence for the decision. (Complaint Handling Code 2.1)"),
        ("explanation", "(Complaint Handling Code 2.4)"),
        ("ombudsman_right_explained", "right to take this decision to the Ombudsman"),
    ],
)
def test_a_refusal_is_refused_without_what_the_code_requires(
    client, officer, log_complaint, missing, message
):
    complaint = log_complaint()
    client.force_login(officer)
    data = {k: v for k, v in REFUSAL.items() if k != missing}
    response = post(client, complaint, "refuse/", data)
    assert message in error_summary(response)
    assert status(complaint) == Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT


def test_a_complaint_made_within_twelve_months_must_be_accepted(client, officer, log_complaint):
    """Code 2.3."""
    complaint = log_complaint(occurred_on=today() - datetime.timedelta(days=30))
    client.force_login(officer)
    data = {**REFUSAL, "ground": "over_12_months", "discretion_considered": "on"}
    response = post(client, complaint, "refuse/", data)
    assert "so it must be accepted. (Complaint Handling Code 2.3)" in error_summary(response)


def test_a_complaint_under_investigation_cannot_be_refused(
    client, officer, lifecycle, log_complaint
):
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(officer)
    response = post(client, complaint, "refuse/", REFUSAL)
    assert "can be refused only before it is acknowledged" in error_summary(response)


def test_a_withdrawal_is_recorded_with_the_residents_reason(
    client, officer, lifecycle, log_complaint
):
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(officer)
    response = post(
        client,
        complaint,
        "withdraw/",
        {**date_fields("withdrawn_on", today()), "reason": "Sorted out by phone."},
        follow=True,
    )
    assert "recorded as withdrawn" in success_banner(response)
    assert "Withdrawn" in history(response)
    assert status(complaint) == Complaint.Status.WITHDRAWN


def test_a_closed_complaint_cannot_be_withdrawn(client, officer, lifecycle, log_complaint):
    complaint = lifecycle.close(lifecycle.responded(log_complaint()))
    client.force_login(officer)
    response = post(client, complaint, "withdraw/", date_fields("withdrawn_on", today()))
    assert "Only an open complaint can be withdrawn" in error_summary(response)


def test_a_complaint_is_closed_once_its_response_is_given(
    client, officer, lifecycle, log_complaint
):
    complaint = lifecycle.responded(log_complaint())
    client.force_login(officer)
    response = post(client, complaint, "close/", {"note": "Resident satisfied."}, follow=True)
    assert "The complaint is closed" in success_banner(response)
    assert "Complaint closed: Resident satisfied." in history(response)


def test_a_complaint_awaiting_its_response_cannot_be_closed(
    client, officer, lifecycle, log_complaint
):
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(officer)
    response = post(client, complaint, "close/", {"note": ""})
    assert "can be closed only after its response has been given" in error_summary(response)
    assert status(complaint) == Complaint.Status.STAGE1_INVESTIGATING


def test_closing_is_for_roles_that_triage(client, handler, lifecycle, log_complaint):
    complaint = lifecycle.responded(log_complaint())
    client.force_login(handler)
    assert post(client, complaint, "close/", {"note": ""}).status_code == 403
    assert status(complaint) == Complaint.Status.STAGE1_RESPONDED


# ---------------------------------------------------------------- updates and issues


def test_update_intervals_are_agreed_with_the_resident(client, handler, lifecycle, log_complaint):
    """Code 5.9."""
    complaint = lifecycle.investigating(log_complaint())
    client.force_login(handler)
    data = {"interval_working_days": "5", "method": "", **date_fields("agreed_on", today())}
    response = post(client, complaint, "updates/", data)
    assert "Say how the updates will be given. (Complaint Handling Code 5.9)" in error_summary(
        response
    )
    response = post(client, complaint, "updates/", {**data, "method": "Phone"}, follow=True)
    assert "Updates agreed with the resident" in history(response)
    assert stage_of(complaint, 1).update_interval_working_days == 5


def test_an_issue_raised_after_the_stage_one_response_becomes_a_new_linked_complaint(
    client, officer, lifecycle, log_complaint
):
    """Code 6.8."""
    complaint = lifecycle.responded(log_complaint())
    client.force_login(officer)
    response = post(
        client, complaint, "additional-issue/", {"description": "Rent overcharged"}, follow=True
    )
    new = Complaint.objects.get(related_to=complaint)
    assert f"a new complaint, {new.reference}, linked to this one" in success_banner(response)
    assert new.reference in response.content.decode()  # listed under related complaints


# ---------------------------------------------------------------- conflicts and forbidden states


def _valid(action: str, complaint: Complaint, users: dict[str, Any]) -> dict[str, Any]:
    """A form for ``action`` that the Code allows on a complaint at the matching state."""
    return {
        "acknowledge/": DEFINITION,
        "define/": DEFINITION,
        "assign/": {"handler": users["handler"].pk},
        "extend/": extension(previewed_days="5"),
        "updates/": {
            "interval_working_days": "5",
            "method": "Phone",
            **date_fields("agreed_on", today()),
        },
        "additional-issue/": {"description": "Damp"},
        "respond/": respond_data(complaint) if complaint.stages.get(number=1).is_defined else {},
        "remedies/new/": {
            "kind": "apology",
            "description": "An apology.",
            **date_fields("due_on", today()),
        },
        "actions/new/": {
            "description": "Fix it.",
            "owner_description": "Repairs team",
            **date_fields("due_on", today()),
        },
        "escalate/": date_fields("requested_on", today()),
        "refuse/": REFUSAL,
        "withdraw/": date_fields("withdrawn_on", today()),
        "close/": {"note": ""},
        "note/": {"body": "Spoke to the contractor."},
        "message/": {
            "direction": "in",
            "medium": "email",
            "body": "Hello.",
            **date_fields("occurred_on", today()),
        },
    }[action]


# Each action, with a point of the complaint's life at which the Code allows it.
ALLOWED_AT = [
    ("acknowledge/", "logged"),
    ("define/", "investigating"),
    ("assign/", "acknowledged"),
    ("extend/", "investigating"),
    ("updates/", "investigating"),
    ("additional-issue/", "investigating"),
    ("respond/", "investigating"),
    ("remedies/new/", "investigating"),
    ("actions/new/", "investigating"),
    ("escalate/", "responded"),
    ("refuse/", "logged"),
    ("withdraw/", "investigating"),
    ("close/", "responded"),
    ("note/", "investigating"),
    ("message/", "investigating"),
]


def _at(point: str, lifecycle: Any, log_complaint: Any) -> Complaint:
    complaint = log_complaint()
    if point == "acknowledged":
        return lifecycle.acknowledge(lifecycle.define(complaint))
    if point == "investigating":
        return lifecycle.investigating(complaint)
    if point == "responded":
        return lifecycle.responded(complaint)
    if point == "withdrawn":
        complaint_withdraw(actor=Actor.for_user(lifecycle.officer), complaint=complaint)
        return lifecycle.fresh(complaint)
    return complaint


@pytest.mark.parametrize(("action", "point"), ALLOWED_AT)
def test_a_form_read_before_someone_elses_change_is_refused_as_a_conflict(
    client, officer, manager, handler, lifecycle, log_complaint, action, point
):
    """Never a silent overwrite: the change is refused, and nothing is saved."""
    complaint = _at(point, lifecycle, log_complaint)
    client.force_login(manager)
    stale = version(complaint)
    lifecycle.fresh(complaint)
    # Someone else changes the complaint while the form is open.
    correspondence_record(
        actor=Actor.for_user(officer),
        complaint=complaint,
        direction="internal",
        medium="note",
        body="Meanwhile.",
    )
    before = events(complaint)
    data = {**_valid(action, complaint, {"handler": handler}), "version": stale}

    response = client.post(url(complaint, action), data)

    assert response.status_code == 200
    summary = error_summary(response)
    assert "was changed by someone else since you opened it" in summary
    assert "Nothing you entered here has been saved" in summary
    assert events(complaint) == before
    # Sent again, now knowingly, it goes through.
    assert f'name="version" value="{version(complaint)}"' in response.content.decode()


@pytest.mark.parametrize(("action", "point"), ALLOWED_AT)
def test_each_action_succeeds_where_the_code_allows_it(
    client, manager, handler, lifecycle, log_complaint, action, point
):
    complaint = _at(point, lifecycle, log_complaint)
    client.force_login(manager)
    before = events(complaint)
    response = post(client, complaint, action, _valid(action, complaint, {"handler": handler}))
    assert response.status_code == 302, error_summary(response)
    assert events(complaint) > before


# Each action, with a point of the complaint's life at which the Code does not allow it.
FORBIDDEN_AT = [
    ("acknowledge/", "investigating", "is not waiting to be acknowledged"),
    ("define/", "responded", "Only an open complaint can be defined"),
    ("assign/", "responded", "Only an open complaint can be assigned"),
    ("conflict-of-interest/", "responded", "(Complaint Handling Code 5.8)"),
    ("extend/", "logged", "Only an acknowledged complaint awaiting its response"),
    ("updates/", "responded", "agreed while a complaint is open"),
    ("respond/", "logged", "(Complaint Handling Code 6.2)"),
    ("remedies/new/", "withdrawn", "cannot be offered on a complaint that is withdrawn"),
    ("escalate/", "investigating", "(Complaint Handling Code 6.10)"),
    ("refuse/", "investigating", "can be refused only before it is acknowledged"),
    ("withdraw/", "responded", "Only an open complaint can be withdrawn"),
    ("close/", "investigating", "can be closed only after its response has been given"),
]


@pytest.mark.parametrize(("action", "point", "message"), FORBIDDEN_AT)
def test_an_action_the_code_forbids_now_is_refused_on_the_page_never_a_server_error(
    client, manager, handler, lifecycle, log_complaint, action, point, message
):
    """Sent anyway (it is not offered), the service's refusal is shown in the error summary."""
    complaint = _at(point, lifecycle, log_complaint)
    data = (
        {"has_conflict": "no"}
        if action == "conflict-of-interest/"
        else _valid(action, _at("investigating", lifecycle, log_complaint), {"handler": handler})
    )
    if action == "respond/":
        data = respond_data(_at("investigating", lifecycle, log_complaint))
    client.force_login(manager if action != "conflict-of-interest/" else handler)
    before = events(complaint)

    response = post(client, complaint, action, data)

    assert response.status_code == 200
    assert message in error_summary(response)
    assert events(complaint) == before


def test_a_page_for_a_complaint_that_does_not_exist_is_not_found(client, officer, landlord):
    client.force_login(officer)
    assert client.get("/staff/complaints/C2099-99999/acknowledge/").status_code == 404


def test_another_landlords_complaint_is_not_found(client, other_landlord_officer, log_complaint):
    complaint = log_complaint()
    client.force_login(other_landlord_officer)
    assert client.get(url(complaint, "acknowledge/")).status_code == 404
    assert post(client, complaint, "acknowledge/", DEFINITION).status_code == 404


def test_the_forms_carry_the_version_and_are_protected_from_cross_site_requests(
    officer, log_complaint
):
    from django.test import Client

    complaint = log_complaint()
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    page = client.get(url(complaint, "acknowledge/")).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert f'name="version" value="{complaint.version}"' in page
    refused = client.post(
        url(complaint, "acknowledge/"), {"version": complaint.version, **DEFINITION}
    )
    assert refused.status_code == 403
    assert status(complaint) == Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
