"""A letter that leaves out anything the Code requires is never sent, and the action that
would have sent it is refused as a whole (Code 6.9, 6.19; 6.5, 6.16; 2.4)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from putright.complaints.models import Complaint, Stage
from putright.complaints.services import stage_extend
from putright.core.actors import Actor
from putright.core.errors import DomainError
from putright.core.models import Event
from putright.letters.models import Letter, LetterKind, LetterTemplate
from putright.letters.services import letter_template_save
from putright.outbox.models import OutboxMessage
from tests.letters.conftest import default_body, store_template

STAGE_ONE = default_body(LetterKind.STAGE1_RESPONSE)
STAGE_TWO = default_body(LetterKind.STAGE2_RESPONSE)

# Each element of Code 6.9, and an administrator's edit of the default letter that drops it.
STAGE_ONE_DROPS = {
    "a) the complaint stage": [
        ("our {{ stage.response_name }} to", "our response to"),
        ("at {{ stage.name }} of our complaints procedure", "under our complaints procedure"),
    ],
    "b) the complaint definition": [("{{ stage.definition|paragraphs }}", "")],
    "c) the decision on the complaint": [("{{ stage.decision|paragraphs }}", "")],
    "d) the reasons for the decisions made": [("{{ point.reasons|paragraphs }}", "")],
    "e) the details of any remedy offered": [("{{ remedy.description }}", "a remedy")],
    "f) details of any outstanding actions": [("{{ action.description }}", "an action")],
    "g) how to escalate the complaint to stage 2": [
        ("take your complaint to stage 2 of our complaints procedure", "contact us"),
    ],
}


def _drop(body: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        assert old in body, old
        body = body.replace(old, new)
    return body


def _record_of(complaint: Complaint) -> tuple[str, int, int, int, int]:
    """What a refused response must leave as it was."""
    stored = Complaint.objects.get(pk=complaint.pk)
    return (
        stored.status,
        stored.version,
        Letter.objects.filter(complaint=complaint).count(),
        Event.objects.filter(complaint_id=complaint.pk).count(),
        OutboxMessage.objects.filter(complaint=complaint).count(),
    )


@pytest.mark.parametrize("element", list(STAGE_ONE_DROPS))
def test_a_stage_one_response_missing_an_element_is_refused_and_nothing_is_saved(
    element, contactable_landlord, log_complaint, lifecycle, with_remedy_and_action
):
    complaint = with_remedy_and_action(lifecycle.investigating(log_complaint()))
    before = _record_of(complaint)
    store_template(
        contactable_landlord, LetterKind.STAGE1_RESPONSE, _drop(STAGE_ONE, STAGE_ONE_DROPS[element])
    )
    with pytest.raises(DomainError) as refused:
        lifecycle.respond(complaint)
    assert element in refused.value.message
    assert refused.value.provision == "6.9"
    assert _record_of(complaint) == before
    assert before[0] == Complaint.Status.STAGE1_INVESTIGATING
    assert complaint.stages.get(number=1).responded_at is None


@pytest.mark.parametrize(
    ("element", "edits"),
    [
        ("b) the complaint definition", [("{{ stage.definition|paragraphs }}", "")]),
        (
            "g) how to escalate the complaint to the Ombudsman",
            [("<li>Phone: {{ ombudsman.phone }}</li>", "")],
        ),
    ],
)
def test_a_final_response_missing_an_element_is_refused(
    element, edits, log_complaint, lifecycle, landlord
):
    complaint = lifecycle.stage_two_investigating(log_complaint())
    before = _record_of(complaint)
    store_template(landlord, LetterKind.STAGE2_RESPONSE, _drop(STAGE_TWO, edits))
    with pytest.raises(DomainError) as refused:
        lifecycle.respond(complaint)
    assert element in refused.value.message
    assert refused.value.provision == "6.19"
    assert _record_of(complaint) == before
    assert complaint.stages.get(number=2).responded_at is None


def test_a_response_with_nothing_to_offer_must_still_say_so(log_complaint, lifecycle, landlord):
    complaint = lifecycle.investigating(log_complaint())
    store_template(
        landlord, LetterKind.STAGE1_RESPONSE, STAGE_ONE.replace("<p>{{ no_remedy }}</p>", "")
    )
    with pytest.raises(DomainError, match=r"e\) the details of any remedy offered"):
        lifecycle.respond(complaint)


def test_an_extension_letter_without_the_ombudsmans_details_is_refused(
    log_complaint, lifecycle, handler, landlord
):
    complaint = lifecycle.investigating(log_complaint())
    body = default_body(LetterKind.EXTENSION)
    store_template(landlord, LetterKind.EXTENSION, body.split("<h2>If you are unhappy")[0])
    with pytest.raises(DomainError) as refused:
        stage_extend(
            actor=Actor.for_user(handler),
            complaint=complaint,
            working_days=5,
            reason="Waiting for a surveyor.",
            resident_informed_on=timezone.localdate(),
            ombudsman_details_given=True,
        )
    assert "the Ombudsman's contact details" in refused.value.message
    assert refused.value.provision == "6.5"
    assert not complaint.stages.get(number=1).extensions.exists()


def test_the_editor_refuses_an_extension_template_that_drops_the_ombudsmans_details(manager):
    body = default_body(LetterKind.EXTENSION).split("<h2>If you are unhappy")[0]
    with pytest.raises(DomainError) as refused:
        letter_template_save(
            actor=Actor.for_user(manager),
            kind=LetterKind.EXTENSION,
            subject="More time needed",
            body=body,
        )
    assert refused.value.provision == "6.5"
    assert not LetterTemplate.objects.exists()


@pytest.mark.parametrize("element", list(STAGE_ONE_DROPS))
def test_the_editor_refuses_a_response_template_that_drops_an_element(element, manager):
    with pytest.raises(DomainError) as refused:
        letter_template_save(
            actor=Actor.for_user(manager),
            kind=LetterKind.STAGE1_RESPONSE,
            subject="Our response",
            body=_drop(STAGE_ONE, STAGE_ONE_DROPS[element]),
        )
    assert element in refused.value.message
    assert refused.value.provision == "6.9"


def test_the_editor_refuses_a_template_that_only_says_so_when_there_is_a_remedy(manager):
    with pytest.raises(DomainError, match="when there is nothing to offer or do"):
        letter_template_save(
            actor=Actor.for_user(manager),
            kind=LetterKind.STAGE1_RESPONSE,
            subject="Our response",
            body=STAGE_ONE.replace("<p>{{ no_actions }}</p>", ""),
        )


def test_an_acknowledgement_without_the_definition_is_refused_and_not_acknowledged(
    log_complaint, lifecycle, landlord
):
    complaint = lifecycle.define(log_complaint())
    store_template(
        landlord,
        LetterKind.STAGE1_ACKNOWLEDGEMENT,
        default_body(LetterKind.STAGE1_ACKNOWLEDGEMENT).replace(
            "{{ stage.definition|paragraphs }}", ""
        ),
    )
    with pytest.raises(DomainError) as refused:
        lifecycle.acknowledge(complaint)
    assert "the complaint definition" in refused.value.message
    assert refused.value.provision == "5.6"
    assert complaint.stages.get(number=1).acknowledged_at is None


def test_the_response_letter_uses_the_latest_saved_template(log_complaint, lifecycle, manager):
    letter_template_save(
        actor=Actor.for_user(manager),
        kind=LetterKind.STAGE1_RESPONSE,
        subject="Your complaint {{ complaint.reference }}: our answer",
        body="<p>Hello {{ recipient.name }}.</p>\n" + STAGE_ONE,
        note="A friendlier greeting",
    )
    complaint = lifecycle.responded(log_complaint())
    letter = Letter.objects.get(complaint=complaint, kind=LetterKind.STAGE1_RESPONSE)
    assert letter.template_version == 1
    assert letter.subject == f"Your complaint {complaint.reference}: our answer"
    assert letter.body_text.startswith("Hello Alex Morgan.")
    assert complaint.stages.get(number=1).outcome == Stage.Outcome.UPHELD
