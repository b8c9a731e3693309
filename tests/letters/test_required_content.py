"""Each kind of letter says what the Code requires of it, from what was recorded."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from putright.complaints.models import Refusal, Stage
from putright.complaints.services import complaint_refuse, stage_extend
from putright.core.actors import Actor
from putright.letters.models import Letter, LetterKind
from putright.letters.rendering import plain_text
from putright.remedies.models import OutstandingAction
from putright.remedies.services import action_update, remedy_offer
from tests.letters.conftest import letters_of, only_letter

OMBUDSMAN_DETAILS = (
    "Housing Ombudsman Service",
    "https://www.housing-ombudsman.org.uk",
    "info@housing-ombudsman.org.uk",
    "0300 111 3000",
)


def says(letter: Letter, *facts: str) -> None:
    text = plain_text(letter.body_html)
    for fact in facts:
        assert " ".join(fact.split()).casefold() in text, fact
        assert fact.split()[0] in letter.body_text


def test_the_stage_one_acknowledgement_sets_out_the_complaint_definition(
    contactable_landlord, log_complaint, lifecycle
):
    complaint = lifecycle.acknowledge(lifecycle.define(log_complaint()))
    letter = only_letter(complaint, LetterKind.STAGE1_ACKNOWLEDGEMENT)
    stage = complaint.stages.get(number=1)
    says(
        letter,
        "stage 1",
        stage.definition,  # Code 5.6
        stage.outcomes_sought,  # Code 5.6
        stage.responsible_for,  # Code 5.7
        f"{stage.response_due.day} {stage.response_due:%B %Y}",
    )
    assert letter.medium == Letter.Medium.EMAIL
    assert letter.recipient_email == "alex@example.org"


def test_the_acknowledgement_says_what_the_landlord_is_not_responsible_for(officer, log_complaint):
    from putright.complaints.services import stage_acknowledge, stage_define

    complaint = log_complaint()
    actor = Actor.for_user(officer)
    stage_define(
        actor=actor,
        complaint=complaint,
        definition="The fence between gardens fell down.",
        outcomes_sought="A new fence.",
        responsible_for="Fences on the boundary of the home.",
        not_responsible_for="The neighbour's shed, which is privately owned.",
        points=["The fence was not repaired"],
    )
    stage_acknowledge(actor=actor, complaint=complaint)
    letter = only_letter(complaint, LetterKind.STAGE1_ACKNOWLEDGEMENT)
    says(letter, "The neighbour's shed, which is privately owned.")  # Code 5.7


def test_the_stage_two_acknowledgement_sets_out_the_stage_two_definition(log_complaint, lifecycle):
    complaint = lifecycle.stage_two_investigating(log_complaint())
    letter = only_letter(complaint, LetterKind.STAGE2_ACKNOWLEDGEMENT)
    says(letter, "stage 2", complaint.stages.get(number=2).definition)  # Code 5.6, 6.11


@pytest.mark.parametrize("stage_two", [False, True], ids=["stage 1", "stage 2"])
def test_an_extension_letter_gives_the_reason_the_new_date_and_the_ombudsmans_details(
    log_complaint, lifecycle, handler, second_handler, stage_two
):
    complaint = log_complaint()
    if stage_two:
        complaint = lifecycle.stage_two_investigating(complaint)
    else:
        complaint = lifecycle.investigating(complaint)
    extension = stage_extend(
        actor=Actor.for_user(second_handler if stage_two else handler),
        complaint=complaint,
        working_days=5,
        reason="We are waiting for the heating engineer's report.",
        resident_informed_on=timezone.localdate(),
        ombudsman_details_given=True,
    )
    letter = only_letter(complaint, LetterKind.EXTENSION)
    says(
        letter,
        "We are waiting for the heating engineer's report.",  # Code 6.4 / 6.15
        f"{extension.new_due.day} {extension.new_due:%B %Y}",
        *OMBUDSMAN_DETAILS,  # Code 6.5 / 6.16
    )


def test_the_stage_one_response_confirms_elements_a_to_g(
    contactable_landlord, log_complaint, lifecycle, with_remedy_and_action
):
    complaint = with_remedy_and_action(lifecycle.investigating(log_complaint()))
    complaint = lifecycle.respond(complaint, outcome=Stage.Outcome.UPHELD)
    letter = only_letter(complaint, LetterKind.STAGE1_RESPONSE)
    stage = complaint.stages.get(number=1)
    says(
        letter,
        "stage 1",  # a
        stage.definition,  # b
        "upheld",  # c
        stage.decision,
        *(p.reasons for p in stage.points.all()),  # d
        "We apologise for the missed repair appointments",  # e
        "Replace the boiler's pressure valve",  # f
        "stage 2",  # g
        "complaints@riverside.example",
        "0161 000 1234",
    )


def test_the_final_response_says_how_to_go_to_the_ombudsman(log_complaint, lifecycle):
    complaint = lifecycle.stage_two_responded(log_complaint())
    letter = only_letter(complaint, LetterKind.STAGE2_RESPONSE)
    stage = complaint.stages.get(number=2)
    says(letter, "stage 2", "final response", stage.definition, *OMBUDSMAN_DETAILS)  # 6.19 a, b, g


def test_a_response_with_nothing_to_offer_says_so(log_complaint, lifecycle):
    complaint = lifecycle.responded(log_complaint())
    letter = only_letter(complaint, LetterKind.STAGE1_RESPONSE)
    says(
        letter,
        "We are not offering a remedy as part of this response.",  # 6.9 e
        "There is nothing further we need to do about your complaint.",  # 6.9 f
    )


@pytest.mark.parametrize(
    ("status_step", "kind", "provision_text"),
    [
        ("stage1", LetterKind.NOT_ACCEPTED, "not to accept"),
        ("stage2", LetterKind.ESCALATION_REFUSED, "stage 2"),
    ],
)
def test_a_refusal_gives_the_reasons_and_the_right_to_go_to_the_ombudsman(
    log_complaint, lifecycle, officer, status_step, kind, provision_text
):
    complaint = log_complaint()
    if status_step == "stage2":
        complaint = lifecycle.responded(complaint)
        complaint = lifecycle.escalate(complaint)
    complaint_refuse(
        actor=Actor.for_user(officer),
        complaint=complaint,
        ground=Refusal.Ground.LEGAL_PROCEEDINGS,
        evidence="Court papers dated 1 March.",
        explanation="The same matter is before the county court, which will decide it.",
        ombudsman_right_explained=True,
    )
    letter = only_letter(complaint, kind)
    says(
        letter,
        provision_text,
        "The same matter is before the county court, which will decide it.",  # 2.4 / 5.11
        *OMBUDSMAN_DETAILS,  # 2.4: the right to take the decision to the Ombudsman
    )


def test_a_remedy_offered_after_the_response_says_what_will_happen_and_by_when(
    log_complaint, lifecycle, handler
):
    complaint = lifecycle.responded(log_complaint())
    due = timezone.localdate() + datetime.timedelta(days=10)
    remedy_offer(
        actor=Actor.for_user(handler),
        complaint=complaint,
        kind="financial",
        description="A payment for the time and trouble of chasing the repair",
        due_on=due,
        amounts={"amount_time_and_trouble": "125.50"},
        payment_method="bank",
    )
    letter = only_letter(complaint, LetterKind.REMEDY_OFFER)
    says(  # Code 7.3
        letter,
        "A payment for the time and trouble of chasing the repair",
        "£125.50",
        f"{due.day} {due:%B %Y}",
    )


def test_a_remedy_offered_during_the_investigation_waits_for_the_response_letter(
    log_complaint, lifecycle, with_remedy_and_action
):
    complaint = with_remedy_and_action(lifecycle.investigating(log_complaint()))
    assert letters_of(complaint, LetterKind.REMEDY_OFFER) == []


def test_an_update_given_to_the_resident_on_an_outstanding_action_is_written_to_them(
    log_complaint, lifecycle, handler, with_remedy_and_action
):
    complaint = lifecycle.respond(with_remedy_and_action(lifecycle.investigating(log_complaint())))
    action = OutstandingAction.objects.get(complaint=complaint)
    action_update(
        actor=Actor.for_user(handler),
        action=action,
        text="The valve is ordered and the engineer will fit it on Tuesday.",
        given_to_resident_on=timezone.localdate(),
    )
    letter = only_letter(complaint, LetterKind.ACTION_UPDATE)
    says(  # Code 6.6
        letter,
        "Replace the boiler's pressure valve",
        "The valve is ordered and the engineer will fit it on Tuesday.",
    )


def test_a_progress_note_not_given_to_the_resident_sends_no_letter(
    log_complaint, lifecycle, handler, with_remedy_and_action
):
    complaint = lifecycle.respond(with_remedy_and_action(lifecycle.investigating(log_complaint())))
    action_update(
        actor=Actor.for_user(handler),
        action=OutstandingAction.objects.get(complaint=complaint),
        text="Chased the supplier.",
    )
    assert letters_of(complaint, LetterKind.ACTION_UPDATE) == []
