"""Versions of the self-assessment: prepared by the senior lead, approved by the governing
body, frozen once approved (Code 8.1a, 8.3, 8.4; the Code's self-assessment form)."""

from __future__ import annotations

import datetime

import pytest

from putright.accounts.models import User
from putright.accounts.roles import role_group
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.models import Event
from putright.provisions.catalogue import provisions_all
from putright.selfassessment.models import SelfAssessment, SelfAssessmentEntry
from putright.selfassessment.services import (
    self_assessment_approve,
    self_assessment_entry_update,
    self_assessment_prepare,
    self_assessment_remeasure,
)
from tests.selfassessment.conftest import PERIOD, TODAY


def answer_all(assessment, user, complies=True):
    for entry in assessment.entries.all():
        self_assessment_entry_update(
            actor=Actor.for_user(user), entry=entry, complies=complies, evidence="Policy 2025."
        )


def entry(assessment, provision):
    return assessment.entries.get(provision=provision)


def test_a_version_holds_every_provision_of_the_form_from_1_2(prepare):
    assessment = prepare()
    provisions = list(assessment.entries.values_list("provision", flat=True))
    assert len(provisions) == 72
    assert provisions[0] == "1.2" and provisions[-1] == "9.8"
    assert provisions == [p.number for p in provisions_all() if p.number != "1.1"]
    assert assessment.version == 1 and assessment.status == SelfAssessment.Status.DRAFT


def test_preparing_fills_the_evidence_putright_can_measure(prepare, four_stage_one_complaints):
    acknowledgement = entry(prepare(), "6.2")
    assert acknowledgement.measured_evidence.startswith("3 of 4 stage 1 complaints")
    assert acknowledgement.shortfall
    assert acknowledgement.evidence == ""  # the landlord's own words stay the landlord's


def test_a_no_needs_the_action_and_the_date_to_comply(prepare, manager):
    row = entry(prepare(), "6.2")
    with pytest.raises(DomainError) as missing_action:
        self_assessment_entry_update(actor=Actor.for_user(manager), entry=row, complies=False)
    assert missing_action.value.field == "action"
    with pytest.raises(DomainError) as missing_date:
        self_assessment_entry_update(
            actor=Actor.for_user(manager), entry=row, complies=False, action="Retrain the team."
        )
    assert missing_date.value.field == "comply_by"
    self_assessment_entry_update(
        actor=Actor.for_user(manager),
        entry=row,
        complies=False,
        action="Retrain the team.",
        comply_by=datetime.date(2026, 6, 30),
    )
    row.refresh_from_db()
    assert (row.complies, row.action, row.comply_by) == (
        False,
        "Retrain the team.",
        datetime.date(2026, 6, 30),
    )


def test_approval_needs_every_provision_answered(prepare, board_member, manager):
    assessment = prepare()
    self_assessment_entry_update(
        actor=Actor.for_user(manager), entry=entry(assessment, "1.2"), complies=True
    )
    with pytest.raises(DomainError, match="71 are not"):
        self_assessment_approve(actor=Actor.for_user(board_member), assessment=assessment)


def test_the_governing_body_approves_and_who_and_when_are_recorded(prepare, manager, board_member):
    assessment = prepare()
    answer_all(assessment, manager)
    approved = self_assessment_approve(
        actor=Actor.for_user(board_member),
        assessment=assessment,
        note="Approved at the Board of 19 March 2026.",
    )
    assert approved.is_approved
    assert approved.approved_by == board_member
    assert approved.approved_at is not None
    assert Event.objects.filter(
        subject_type="selfassessment.selfassessment",
        subject_id=assessment.pk,
        action="self_assessment.approved",
    ).exists()


def test_an_approved_version_is_frozen(prepare, manager, board_member):
    assessment = prepare()
    answer_all(assessment, manager)
    self_assessment_approve(actor=Actor.for_user(board_member), assessment=assessment)
    with pytest.raises(DomainError, match="make a new version"):
        self_assessment_entry_update(
            actor=Actor.for_user(manager), entry=entry(assessment, "1.2"), complies=False
        )
    with pytest.raises(DomainError, match="make a new version"):
        self_assessment_remeasure(actor=Actor.for_user(manager), assessment=assessment)
    with pytest.raises(DomainError):
        self_assessment_approve(actor=Actor.for_user(board_member), assessment=assessment)


def test_a_change_after_approval_is_a_new_version_carrying_the_answers(
    prepare, manager, board_member
):
    first = prepare()
    answer_all(first, manager)
    self_assessment_approve(actor=Actor.for_user(board_member), assessment=first)
    second = prepare(reason=SelfAssessment.Reason.RESTRUCTURE)
    assert (second.version, second.based_on, second.status) == (2, first, "draft")
    assert entry(second, "4.1").complies is True
    assert entry(second, "4.1").evidence == "Policy 2025."
    self_assessment_entry_update(
        actor=Actor.for_user(manager),
        entry=entry(second, "4.1"),
        complies=False,
        action="Appoint a new complaints officer.",
        comply_by=datetime.date(2026, 5, 1),
    )
    assert entry(first, "4.1").complies is True  # the approved version is untouched


def test_only_the_senior_lead_prepares_and_only_the_governing_body_approves(
    landlord, handler, board_member, manager, prepare
):
    for who in (handler, board_member):
        with pytest.raises(NotPermittedError):
            self_assessment_prepare(
                actor=Actor.for_user(who),
                landlord=landlord,
                period_from=PERIOD[0],
                period_to=PERIOD[1],
                today=TODAY,
            )
    assessment = prepare()
    answer_all(assessment, manager)
    with pytest.raises(NotPermittedError):
        self_assessment_approve(actor=Actor.for_user(manager), assessment=assessment)
    with pytest.raises(NotPermittedError):
        self_assessment_entry_update(
            actor=Actor.for_user(board_member), entry=entry(assessment, "1.2"), complies=True
        )


def test_another_landlords_staff_cannot_touch_it(prepare, other_landlord):
    assessment = prepare()
    outsider = User.objects.create_user(
        username="outsider", password="x" * 16, landlord=other_landlord
    )
    outsider.groups.add(role_group("senior_lead"))
    outsider = User.objects.get(pk=outsider.pk)
    with pytest.raises(NotPermittedError):
        self_assessment_entry_update(
            actor=Actor.for_user(outsider),
            entry=SelfAssessmentEntry.objects.filter(assessment=assessment).first(),
            complies=True,
        )


def test_a_period_that_runs_backwards_is_refused(manager, landlord):
    with pytest.raises(DomainError, match="start before it ends"):
        self_assessment_prepare(
            actor=Actor.for_user(manager),
            landlord=landlord,
            period_from=PERIOD[1],
            period_to=PERIOD[0],
        )
