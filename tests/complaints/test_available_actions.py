"""What the case page offers is exactly what the services allow.

``complaint_available_actions`` says in advance what each service would do; these tests try
every action, through its service, on complaints at every point of their life, as each role,
and check that what succeeded is what was offered, and what the Code refused was not.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from putright.complaints import services
from putright.complaints.actions import (
    CaseAction,
    OutstandingActionAction,
    RemedyAction,
    complaint_available_actions,
    complaint_current_stage,
    outstanding_action_available_actions,
    remedy_available_actions,
    stage_eligible_handlers,
    stage_extension_preview,
)
from putright.complaints.models import Complaint, Refusal
from putright.complaints.selectors import complaint_visible
from putright.core.actors import Actor
from putright.core.errors import DomainError
from putright.remedies import services as remedies
from putright.remedies.models import OutstandingAction, Remedy
from putright.workdays.selectors import calendar_for_landlord
from tests.complaints.lifecycle import findings_for


class _Rollback(Exception):
    pass


def succeeds(call: Callable[[], object]) -> bool:
    """Whether the service call goes through; nothing it does is kept."""
    try:
        with transaction.atomic():
            call()
            raise _Rollback
    except _Rollback:
        return True
    except DomainError:
        return False


def _today() -> datetime.date:
    return timezone.localdate()


def attempt(action: CaseAction, actor: Actor, complaint: Complaint, handler) -> bool:
    complaint = Complaint.objects.get(pk=complaint.pk)
    definition = {
        "definition": "Understanding.",
        "outcomes_sought": "Repair.",
        "responsible_for": "Repairs.",
        "points": ["A point"],
    }

    def acknowledge() -> None:
        services.stage_define(actor=actor, complaint=complaint, **definition)
        services.stage_acknowledge(actor=actor, complaint=complaint)

    def assign() -> None:
        eligible = stage_eligible_handlers(complaint=complaint).first()
        services.stage_assign(actor=actor, complaint=complaint, handler=eligible or handler)

    def respond() -> None:
        stage = complaint_current_stage(complaint)
        assert stage is not None
        services.stage_respond(
            actor=actor,
            complaint=complaint,
            outcome="upheld",
            decision="Decided.",
            findings=findings_for(stage),
        )

    calls: dict[CaseAction, Callable[[], object]] = {
        CaseAction.ACKNOWLEDGE: acknowledge,
        CaseAction.DEFINE: lambda: services.stage_define(
            actor=actor, complaint=complaint, **definition
        ),
        CaseAction.ASSIGN: assign,
        CaseAction.DECLARE_CONFLICT: lambda: services.stage_declare_conflict(
            actor=actor, complaint=complaint, has_conflict=False
        ),
        CaseAction.EXTEND: lambda: services.stage_extend(
            actor=actor,
            complaint=complaint,
            working_days=1,
            reason="Complex.",
            resident_informed_on=_today(),
            ombudsman_details_given=True,
        ),
        CaseAction.AGREE_UPDATES: lambda: services.stage_agree_updates(
            actor=actor,
            complaint=complaint,
            interval_working_days=5,
            method="Phone",
            agreed_on=_today(),
        ),
        CaseAction.ADD_ISSUE: lambda: services.complaint_add_issue(
            actor=actor, complaint=complaint, description="Another issue."
        ),
        CaseAction.RESPOND: respond,
        CaseAction.OFFER_REMEDY: lambda: remedies.remedy_offer(
            actor=actor,
            complaint=complaint,
            kind="apology",
            description="Sorry.",
            due_on=_today(),
        ),
        CaseAction.ADD_ACTION: lambda: remedies.action_add(
            actor=actor,
            complaint=complaint,
            description="Fix it.",
            due_on=_today(),
            owner_description="Repairs team",
        ),
        CaseAction.ESCALATE: lambda: services.complaint_escalate(actor=actor, complaint=complaint),
        CaseAction.REFUSE: lambda: services.complaint_refuse(
            actor=actor,
            complaint=complaint,
            ground=Refusal.Ground.LEGAL_PROCEEDINGS,
            evidence="Court papers.",
            explanation="A court is deciding this.",
            ombudsman_right_explained=True,
        ),
        CaseAction.WITHDRAW: lambda: services.complaint_withdraw(actor=actor, complaint=complaint),
        CaseAction.CLOSE: lambda: services.complaint_close(actor=actor, complaint=complaint),
        CaseAction.NOTE: lambda: services.correspondence_record(
            actor=actor, complaint=complaint, direction="internal", medium="note", body="Note."
        ),
        CaseAction.MESSAGE: lambda: services.correspondence_record(
            actor=actor, complaint=complaint, direction="in", medium="email", body="Hello."
        ),
    }
    return succeeds(calls[action])


STATES = (
    "awaiting acknowledgement",
    "defined, awaiting acknowledgement",
    "acknowledged, no handler",
    "assigned, interests not declared",
    "investigating",
    "stage 1 responded",
    "closed after stage 1",
    "stage 2 awaiting acknowledgement",
    "stage 2 investigating",
    "stage 2 responded",
    "stage 2 investigating, stage 1 answered by a manager",
    "not accepted",
    "withdrawn",
    "anonymous, investigating",
)


def complaint_in(state: str, lifecycle, log_complaint, manager) -> Complaint:
    if state == "anonymous, investigating":
        return lifecycle.investigating(log_complaint(is_anonymous=True, resident=None))
    complaint = log_complaint()
    steps: dict[str, Callable[[Complaint], Complaint]] = {
        "awaiting acknowledgement": lambda c: c,
        "defined, awaiting acknowledgement": lifecycle.define,
        "acknowledged, no handler": lambda c: lifecycle.acknowledge(lifecycle.define(c)),
        "assigned, interests not declared": lambda c: lifecycle.assign(
            lifecycle.acknowledge(lifecycle.define(c))
        ),
        "investigating": lifecycle.investigating,
        "stage 1 responded": lifecycle.responded,
        "closed after stage 1": lambda c: lifecycle.close(lifecycle.responded(c)),
        "stage 2 awaiting acknowledgement": lambda c: lifecycle.escalate(lifecycle.responded(c)),
        "stage 2 investigating": lifecycle.stage_two_investigating,
        "stage 2 responded": lifecycle.stage_two_responded,
        "stage 2 investigating, stage 1 answered by a manager": lambda c: _stage_two_after(
            lifecycle.responded(c, handler=manager), lifecycle
        ),
        "not accepted": lambda c: _refused(c, lifecycle),
        "withdrawn": lambda c: _withdrawn(c, lifecycle),
    }
    return steps[state](complaint)


def _stage_two_after(complaint: Complaint, lifecycle) -> Complaint:
    lifecycle.escalate(complaint)
    return lifecycle.investigating(
        complaint, handler=lifecycle.second_handler, points=["The remedy was not enough"]
    )


def _refused(complaint: Complaint, lifecycle) -> Complaint:
    services.complaint_refuse(
        actor=Actor.for_user(lifecycle.officer),
        complaint=complaint,
        ground=Refusal.Ground.LEGAL_PROCEEDINGS,
        evidence="Court papers.",
        explanation="A court is deciding this.",
        ombudsman_right_explained=True,
    )
    return lifecycle.fresh(complaint)


def _withdrawn(complaint: Complaint, lifecycle) -> Complaint:
    services.complaint_withdraw(actor=Actor.for_user(lifecycle.officer), complaint=complaint)
    return lifecycle.fresh(complaint)


@pytest.mark.parametrize("state", STATES)
def test_what_is_offered_is_exactly_what_the_services_allow(
    state, lifecycle, log_complaint, officer, handler, second_handler, manager
):
    complaint = complaint_in(state, lifecycle, log_complaint, manager)
    checked = 0
    for user in (officer, handler, second_handler, manager):
        actor = Actor.for_user(user)
        if not complaint_visible(actor).filter(pk=complaint.pk).exists():
            continue
        offered = complaint_available_actions(
            actor=actor, complaint=Complaint.objects.get(pk=complaint.pk)
        )
        for action in CaseAction:
            allowed = attempt(action, actor, complaint, handler)
            assert allowed == (action in offered), (state, user.username, action)
            checked += 1
    assert checked


def test_acknowledging_is_offered_only_while_a_stage_waits_for_it(
    lifecycle, log_complaint, officer
):
    actor = Actor.for_user(officer)
    complaint = log_complaint()
    assert CaseAction.ACKNOWLEDGE in complaint_available_actions(actor=actor, complaint=complaint)
    complaint = lifecycle.investigating(complaint)
    assert CaseAction.ACKNOWLEDGE not in complaint_available_actions(
        actor=actor, complaint=complaint
    )


def test_whoever_considered_stage_one_is_never_offered_the_stage_two_response(
    lifecycle, log_complaint, manager, officer
):
    """Code 6.13: not even a manager, who may otherwise answer for a handler."""
    complaint = lifecycle.responded(log_complaint(), handler=manager)
    complaint = _stage_two_after(complaint, lifecycle)
    offered = complaint_available_actions(actor=Actor.for_user(manager), complaint=complaint)
    assert CaseAction.RESPOND not in offered
    assert CaseAction.RESPOND in complaint_available_actions(
        actor=Actor.for_user(officer), complaint=complaint
    )


def test_escalation_is_offered_once_only_as_there_is_no_third_stage(
    lifecycle, log_complaint, officer
):
    """Code 5.3, 6.10."""
    actor = Actor.for_user(officer)
    complaint = lifecycle.responded(log_complaint())
    assert CaseAction.ESCALATE in complaint_available_actions(actor=actor, complaint=complaint)
    complaint = lifecycle.stage_two_responded(log_complaint())
    assert CaseAction.ESCALATE not in complaint_available_actions(actor=actor, complaint=complaint)


def test_a_reports_only_role_is_offered_nothing(lifecycle, log_complaint, board_member):
    complaint = lifecycle.investigating(log_complaint())
    offered = complaint_available_actions(actor=Actor.for_user(board_member), complaint=complaint)
    assert offered == frozenset()


# ---------------------------------------------------------------- handlers


def test_stage_two_handlers_offered_exclude_whoever_considered_stage_one(
    lifecycle, log_complaint, handler, second_handler, officer, board_member
):
    """Code 6.13; and only people whose role can handle complaints."""
    complaint = log_complaint()
    offered = set(stage_eligible_handlers(complaint=complaint))
    assert {handler, second_handler, officer} <= offered
    assert board_member not in offered
    complaint = lifecycle.escalate(lifecycle.responded(complaint))
    offered = set(stage_eligible_handlers(complaint=complaint))
    assert handler not in offered
    assert second_handler in offered


def test_an_inactive_member_of_staff_is_not_offered_as_handler(log_complaint, second_handler):
    second_handler.is_active = False
    second_handler.save()
    assert second_handler not in set(stage_eligible_handlers(complaint=log_complaint()))


# ---------------------------------------------------------------- extensions


def test_the_extension_preview_counts_working_days_as_the_service_will(
    lifecycle, log_complaint, handler, landlord
):
    """Code 6.4: the date shown before extending is the date the extension sets."""
    complaint = lifecycle.investigating(log_complaint())
    calendar = calendar_for_landlord(landlord_id=landlord.pk)
    preview = stage_extension_preview(complaint=complaint, working_days=7, calendar=calendar)
    assert preview is not None
    assert preview.maximum == 10
    assert not preview.beyond_maximum
    extension = services.stage_extend(
        actor=Actor.for_user(handler),
        complaint=complaint,
        working_days=7,
        reason="Complex.",
        resident_informed_on=_today(),
        ombudsman_details_given=True,
    )
    assert extension.new_due == preview.new_due
    complaint = Complaint.objects.get(pk=complaint.pk)
    beyond = stage_extension_preview(complaint=complaint, working_days=4, calendar=calendar)
    assert beyond is not None
    assert beyond.already_extended == 7
    assert beyond.beyond_maximum


def test_there_is_nothing_to_extend_before_acknowledgement(log_complaint, landlord):
    calendar = calendar_for_landlord(landlord_id=landlord.pk)
    preview = stage_extension_preview(complaint=log_complaint(), working_days=5, calendar=calendar)
    assert preview is None


# ---------------------------------------------------------------- remedies and actions


def _remedy_states(complaint: Complaint, actor: Actor) -> list[Remedy]:
    def offer(kind: str) -> Remedy:
        amounts = {"amount_time_and_trouble": Decimal("50")} if kind == "financial" else None
        return remedies.remedy_offer(
            actor=actor,
            complaint=complaint,
            kind=kind,
            description="Put right.",
            due_on=_today(),
            amounts=amounts,
            payment_method="bank" if kind == "financial" else "",
        )

    made = []
    for kind in ("apology", "financial"):
        made.append(offer(kind))
        made.append(remedies.remedy_record_response(actor=actor, remedy=offer(kind), accepted=True))
        made.append(
            remedies.remedy_record_response(actor=actor, remedy=offer(kind), accepted=False)
        )
    made.append(remedies.remedy_complete(actor=actor, remedy=offer("apology")))
    made.append(
        remedies.remedy_record_payment(actor=actor, remedy=offer("financial"), paid_on=_today())
    )
    return made


def test_what_is_offered_on_a_remedy_is_what_the_services_allow(
    lifecycle, log_complaint, officer, handler, second_handler
):
    """Code 7.3: a remedy is followed through to completion."""
    complaint = lifecycle.responded(log_complaint())
    for remedy in _remedy_states(complaint, Actor.for_user(handler)):
        for user in (officer, handler):
            actor = Actor.for_user(user)
            offered = remedy_available_actions(actor=actor, remedy=remedy)
            calls = {
                RemedyAction.RECORD_RESPONSE: lambda a=actor, r=remedy: (
                    remedies.remedy_record_response(actor=a, remedy=r, accepted=True)
                ),
                RemedyAction.RECORD_PAYMENT: lambda a=actor, r=remedy: (
                    remedies.remedy_record_payment(actor=a, remedy=r, paid_on=_today())
                ),
                RemedyAction.COMPLETE: lambda a=actor, r=remedy: remedies.remedy_complete(
                    actor=a, remedy=r
                ),
            }
            for action, call in calls.items():
                assert succeeds(call) == (action in offered), (remedy.kind, remedy.status, action)


def test_what_is_offered_on_an_outstanding_action_is_what_the_services_allow(
    lifecycle, log_complaint, officer, handler
):
    """Code 6.6, 6.17: tracked until done, with updates."""
    complaint = lifecycle.responded(log_complaint())
    by_handler = Actor.for_user(handler)

    def add() -> OutstandingAction:
        return remedies.action_add(
            actor=by_handler,
            complaint=complaint,
            description="Fix it.",
            due_on=_today(),
            owner=handler,
        )

    open_action = add()
    done = remedies.action_complete(actor=by_handler, action=add())
    cancelled = remedies.action_cancel(actor=Actor.for_user(officer), action=add(), reason="No.")
    for item in (open_action, done, cancelled):
        for user in (officer, handler):
            actor = Actor.for_user(user)
            offered = outstanding_action_available_actions(actor=actor, action=item)
            calls = {
                OutstandingActionAction.UPDATE: lambda a=actor, i=item: remedies.action_update(
                    actor=a, action=i, text="Progress."
                ),
                OutstandingActionAction.COMPLETE: lambda a=actor, i=item: remedies.action_complete(
                    actor=a, action=i
                ),
                OutstandingActionAction.CANCEL: lambda a=actor, i=item: remedies.action_cancel(
                    actor=a, action=i, reason="Not needed."
                ),
            }
            for action, call in calls.items():
                assert succeeds(call) == (action in offered), (item.status, user.username, action)
