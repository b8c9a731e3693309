"""How Putright answers each provision of the Complaint Handling Code.

One entry per provision in ``ANSWERS``. When you build something that answers a provision,
edit its entry here: name the code in ``answered_by`` and the tests that prove it in
``tests``, set ``status="implemented"``, then run ``putright provisions traceability`` to
regenerate ``docs/code-traceability.md``. The tests in ``tests/provisions`` fail when an
entry names code that does not import or a test that does not exist.

- ``classification``: how a complaint-handling system can answer the provision at all:

  - ``enforced``: the system stops the provision being broken (a service refuses the action);
  - ``evidenced``: the system measures compliance from its own records (timeliness, reports);
  - ``supported``: the system records what the landlord does (a named officer, training,
    a published policy), but the doing is the landlord's;
  - ``organisational``: outside the system (culture, attitudes, HR).

- ``status``: ``implemented`` only once the code and its tests exist; ``planned`` until then.
- ``answered_by``: dotted paths, ``module`` or ``module.attribute``, of what answers it.
- ``tests``: pytest node ids, ``tests/<app>/test_<feature>.py::test_<what>`` (or
  ``...::TestClass::test_<what>``). An ``implemented`` entry that is ``enforced`` or
  ``evidenced`` must name at least one.
- ``note``: one short sentence: how the system answers it (or will).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Classification = Literal["enforced", "evidenced", "supported", "organisational"]
Status = Literal["implemented", "planned"]

CLASSIFICATIONS: tuple[Classification, ...] = get_args(Classification)
STATUSES: tuple[Status, ...] = get_args(Status)


@dataclass(frozen=True, kw_only=True)
class Answer:
    classification: Classification
    status: Status
    answered_by: tuple[str, ...] = ()
    tests: tuple[str, ...] = ()
    note: str

    def __post_init__(self) -> None:
        # A one-item tuple written without its trailing comma is a string: say so early.
        for name in ("answered_by", "tests"):
            if not isinstance(getattr(self, name), tuple):
                raise TypeError(f"Answer.{name} must be a tuple of strings, e.g. ('a.b',).")

    @property
    def needs_tests(self) -> bool:
        """Implemented rules the system enforces or measures must be proved by a test."""
        return self.status == "implemented" and self.classification in {"enforced", "evidenced"}


ANSWERS: dict[str, Answer] = {
    # -- 1. Definition of a complaint ---------------------------------------------------------
    "1.1": Answer(
        classification="organisational",
        status="planned",
        note="A preamble: the shared definition it calls for is 1.2.",
    ),
    "1.2": Answer(
        classification="enforced",
        status="planned",
        note="The Code's definition is built in, cannot be edited by a landlord, and a "
        "complaint can be logged from any channel.",
    ),
    "1.3": Answer(
        classification="enforced",
        status="planned",
        note="Dissatisfaction recorded on a contact or service request cannot be closed until "
        "the resident's choice to complain is recorded; representatives can complain for a "
        "resident.",
    ),
    "1.4": Answer(
        classification="supported",
        status="planned",
        note="Service requests are recorded apart from complaints, with lists for monitoring "
        "and regular review.",
    ),
    "1.5": Answer(
        classification="enforced",
        status="planned",
        note="Raising a complaint about a service request leaves the service request open; "
        "the complaint cannot close it.",
    ),
    "1.6": Answer(
        classification="supported",
        status="planned",
        note="Survey feedback recorded in Putright is kept apart from complaints, and feedback "
        "pages and letters say how to complain.",
    ),
    # -- 2. Exclusions ------------------------------------------------------------------------
    "2.1": Answer(
        classification="enforced",
        status="planned",
        note="Refusing a complaint needs a recorded reason and its evidence, decided on that "
        "complaint alone.",
    ),
    "2.2": Answer(
        classification="enforced",
        status="planned",
        note="Exclusions can only be chosen from the landlord's published policy, which starts "
        "from the Code's acceptable exclusions.",
    ),
    "2.3": Answer(
        classification="enforced",
        status="planned",
        answered_by=("putright.landlords.services.policy_validate_timescales",),
        note="The policy cannot shorten the 12-month limit (done); the time-limit exclusion "
        "will be refused inside it and discretion recorded outside it.",
    ),
    "2.4": Answer(
        classification="enforced",
        status="planned",
        note="A refusal letter cannot be sent without its reasons and the resident's right to "
        "take the decision to the Ombudsman.",
    ),
    "2.5": Answer(
        classification="enforced",
        status="planned",
        note="There is no bulk exclusion: each refusal is one complaint's decision with its "
        "own reasons.",
    ),
    # -- 3. Accessibility and awareness -------------------------------------------------------
    "3.1": Answer(
        classification="supported",
        status="planned",
        note="Complaints can come through the portal, email, phone, letter or in person, with "
        "the channel and any reasonable adjustments recorded.",
    ),
    "3.2": Answer(
        classification="supported",
        status="planned",
        note="Any member of staff can log a complaint for a resident and pass it to the team "
        "that owns it.",
    ),
    "3.3": Answer(
        classification="organisational",
        status="planned",
        note="An attitude for the landlord; reports show volumes per 1,000 homes without a "
        "target to drive them down.",
    ),
    "3.4": Answer(
        classification="supported",
        status="planned",
        note="The portal publishes the landlord's policy in accessible HTML, with its two "
        "stages and timescales taken from the policy the system applies.",
    ),
    "3.5": Answer(
        classification="supported",
        status="planned",
        note="The policy records how it is publicised; the portal shows the Ombudsman's "
        "details and links to the Code.",
    ),
    "3.6": Answer(
        classification="supported",
        status="planned",
        note="A representative can be recorded with their authority, receives the letters, "
        "and can be noted at any meeting.",
    ),
    "3.7": Answer(
        classification="enforced",
        status="planned",
        note="Letters that must carry it cannot be issued without the Ombudsman's contact "
        "details from the landlord's record.",
    ),
    # -- 4. Complaint handling staff ----------------------------------------------------------
    "4.1": Answer(
        classification="supported",
        status="planned",
        note="The landlord names its complaints officer (a person or team) in Putright.",
    ),
    "4.2": Answer(
        classification="organisational",
        status="planned",
        note="Authority is the landlord's to give; the complaints officer role sees and "
        "assigns every service area's cases.",
    ),
    "4.3": Answer(
        classification="supported",
        status="planned",
        note="Staff training in complaint handling is recorded per member of staff; culture "
        "and resourcing are the landlord's.",
    ),
    # -- 5. The complaint handling process ----------------------------------------------------
    "5.1": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.landlords.models.ComplaintPolicy",
            "putright.landlords.services.policy_validate_timescales",
        ),
        tests=(
            "tests/landlords/test_policy.py::test_a_landlord_may_set_a_stricter_acknowledgement_target",
            "tests/landlords/test_policy.py::test_a_landlord_may_not_set_a_looser_timescale_than_the_code",
        ),
        note="One complaints policy per landlord, whose timescales may be stricter than the "
        "Code's but never looser.",
    ),
    "5.2": Answer(
        classification="enforced",
        status="planned",
        note="The stages are fixed as stage 1 and stage 2: no 'stage 0' or informal stage can "
        "be configured.",
    ),
    "5.3": Answer(
        classification="enforced",
        status="planned",
        note="The complaint's state machine has two stages; after stage 2 the only route is "
        "the Ombudsman.",
    ),
    "5.4": Answer(
        classification="supported",
        status="planned",
        note="A contractor or adjudicator is recorded as handling a stage of the same "
        "two-stage complaint, never a process of its own.",
    ),
    "5.5": Answer(
        classification="organisational",
        status="planned",
        note="The landlord's duty over its third parties; stages they handle are reported "
        "alongside its own.",
    ),
    "5.6": Answer(
        classification="enforced",
        status="planned",
        note="A complaint cannot be logged at stage 1 or escalated to stage 2 without its "
        "complaint definition and the outcomes sought.",
    ),
    "5.7": Answer(
        classification="enforced",
        status="planned",
        note="An acknowledgement cannot be issued until each point of the definition is marked "
        "as the landlord's responsibility or not.",
    ),
    "5.8": Answer(
        classification="supported",
        status="planned",
        note="Handlers declare any conflict of interest when assigned, and the resident's "
        "position and evidence are recorded on the case.",
    ),
    "5.9": Answer(
        classification="enforced",
        status="planned",
        note="An extension cannot be recorded without the update interval agreed with the "
        "resident.",
    ),
    "5.10": Answer(
        classification="supported",
        status="planned",
        note="Reasonable adjustments and disclosed disabilities are recorded per resident with "
        "review dates, and overdue reviews are listed.",
    ),
    "5.11": Answer(
        classification="enforced",
        status="planned",
        note="Refusing to escalate needs a reason from the section 2 exclusions and a letter "
        "setting it out.",
    ),
    "5.12": Answer(
        classification="evidenced",
        status="implemented",
        answered_by=(
            "putright.core.models.Event",
            "putright.core.services.record_event",
        ),
        tests=(
            "tests/core/test_event_record.py::test_an_event_records_who_what_and_the_values_before_and_after",
            "tests/core/test_event_record.py::test_an_event_cannot_be_changed_through_the_orm",
            "tests/core/test_event_record.py::test_an_event_cannot_be_deleted_through_the_orm",
            "tests/core/test_event_record.py::test_the_database_refuses_to_change_an_event_even_in_raw_sql",
            "tests/core/test_event_record.py::test_the_production_database_refuses_to_delete_an_event_even_in_raw_sql",
        ),
        note="Every change to a case is appended to a record that neither the ORM nor the "
        "database lets anyone alter.",
    ),
    "5.13": Answer(
        classification="supported",
        status="planned",
        note="Remedies can be offered at stage 1 or stage 2; nothing reserves them for escalation.",
    ),
    "5.14": Answer(
        classification="supported",
        status="planned",
        note="Restrictions on contact are recorded with their reasons and review dates, and "
        "overdue reviews are listed.",
    ),
    "5.15": Answer(
        classification="supported",
        status="planned",
        note="Each restriction records why it is proportionate and the Equality Act "
        "considerations; the judgement is the landlord's.",
    ),
    # -- 6. Complaints stages: stage 1 --------------------------------------------------------
    "6.1": Answer(
        classification="supported",
        status="planned",
        note="Logging records the complaint's complexity and whether the resident is "
        "vulnerable or at risk, to route it early or to investigation.",
    ),
    "6.2": Answer(
        classification="evidenced",
        status="planned",
        answered_by=("putright.landlords.timescales.CODE_TIMESCALES",),
        note="Acknowledgement is due in the policy's working days (never more than 5) and "
        "timeliness is measured from the record.",
    ),
    "6.3": Answer(
        classification="evidenced",
        status="planned",
        answered_by=("putright.landlords.timescales.CODE_TIMESCALES",),
        note="The stage 1 response is due in the policy's working days from acknowledgement "
        "(never more than 10) and timeliness is measured.",
    ),
    "6.4": Answer(
        classification="enforced",
        status="planned",
        answered_by=("putright.landlords.timescales.CODE_TIMESCALES",),
        note="An extension needs a reason, a new date and a letter to the resident; more than "
        "10 working days needs a recorded good reason.",
    ),
    "6.5": Answer(
        classification="enforced",
        status="planned",
        note="An extension letter cannot be issued without the Ombudsman's contact details.",
    ),
    "6.6": Answer(
        classification="evidenced",
        status="planned",
        note="The response does not wait on outstanding actions, which are tracked with due "
        "dates and updates, and overdue ones reported.",
    ),
    "6.7": Answer(
        classification="enforced",
        status="planned",
        note="The stage 1 response cannot be issued until every point of the definition has a "
        "decision and its reasons.",
    ),
    "6.8": Answer(
        classification="enforced",
        status="planned",
        note="A new issue joins the stage 1 definition only before the response is issued; "
        "after that it must be logged as a new complaint.",
    ),
    "6.9": Answer(
        classification="enforced",
        status="planned",
        note="The stage 1 response letter cannot be issued unless it carries items a) to g).",
    ),
    # -- 6. Complaints stages: stage 2 --------------------------------------------------------
    "6.10": Answer(
        classification="enforced",
        status="planned",
        note="Any stage 1 complaint not resolved to the resident's satisfaction can be "
        "escalated, and stage 2 is final.",
    ),
    "6.11": Answer(
        classification="evidenced",
        status="planned",
        answered_by=("putright.landlords.timescales.CODE_TIMESCALES",),
        note="Stage 2 acknowledgement is due in the policy's working days (never more than 5) "
        "and timeliness is measured.",
    ),
    "6.12": Answer(
        classification="enforced",
        status="planned",
        note="An escalation request never requires a reason; any reason given is recorded.",
    ),
    "6.13": Answer(
        classification="enforced",
        status="planned",
        note="Assigning stage 2 refuses the member of staff who considered stage 1.",
    ),
    "6.14": Answer(
        classification="evidenced",
        status="planned",
        answered_by=("putright.landlords.timescales.CODE_TIMESCALES",),
        note="The stage 2 response is due in the policy's working days from acknowledgement "
        "(never more than 20) and timeliness is measured.",
    ),
    "6.15": Answer(
        classification="enforced",
        status="planned",
        answered_by=("putright.landlords.timescales.CODE_TIMESCALES",),
        note="An extension needs a reason, a new date and a letter to the resident; more than "
        "20 working days needs a recorded good reason.",
    ),
    "6.16": Answer(
        classification="enforced",
        status="planned",
        note="An extension letter cannot be issued without the Ombudsman's contact details.",
    ),
    "6.17": Answer(
        classification="evidenced",
        status="planned",
        note="The final response does not wait on outstanding actions, which are tracked with "
        "due dates and updates, and overdue ones reported.",
    ),
    "6.18": Answer(
        classification="enforced",
        status="planned",
        note="The stage 2 response cannot be issued until every point of the definition has a "
        "decision and its reasons.",
    ),
    "6.19": Answer(
        classification="enforced",
        status="planned",
        note="The stage 2 response letter cannot be issued unless it carries items a) to g).",
    ),
    "6.20": Answer(
        classification="supported",
        status="planned",
        note="The staff who contributed to the final response are recorded on stage 2.",
    ),
    # -- 7. Putting things right --------------------------------------------------------------
    "7.1": Answer(
        classification="enforced",
        status="planned",
        note="An upheld or partly upheld decision cannot be issued without the actions taken "
        "or intended to put things right.",
    ),
    "7.2": Answer(
        classification="supported",
        status="planned",
        note="Each remedy records the impact on the resident it answers; the judgement is the "
        "landlord's.",
    ),
    "7.3": Answer(
        classification="enforced",
        status="planned",
        note="A remedy cannot be offered without what will happen and by when, and it is "
        "tracked until completed.",
    ),
    "7.4": Answer(
        classification="supported",
        status="planned",
        note="The remedy form shows the Ombudsman's remedies guidance; the choice is the "
        "landlord's.",
    ),
    # -- 8. Self-assessment, reporting and compliance -----------------------------------------
    "8.1": Answer(
        classification="evidenced",
        status="planned",
        note="The annual report is built from the records: self-assessment, performance, "
        "refusals by type, Ombudsman findings and improvements.",
    ),
    "8.2": Answer(
        classification="supported",
        status="planned",
        note="The governing body's consideration, its response and the report's publication "
        "are recorded.",
    ),
    "8.3": Answer(
        classification="supported",
        status="planned",
        note="A self-assessment can be started at any time with its reason recorded, such as "
        "a restructure, merger or change in procedures.",
    ),
    "8.4": Answer(
        classification="supported",
        status="planned",
        note="A self-assessment review can be linked to the Ombudsman case that prompted it.",
    ),
    "8.5": Answer(
        classification="supported",
        status="planned",
        note="A period of non-compliance is recorded with the notice to the Ombudsman, to "
        "residents, its publication and the return date.",
    ),
    # -- 9. Scrutiny & oversight: continuous learning and improvement -------------------------
    "9.1": Answer(
        classification="supported",
        status="planned",
        note="Closing a complaint records whether it taught anything, and service "
        "improvements are tracked to completion.",
    ),
    "9.2": Answer(
        classification="supported",
        status="planned",
        note="Complaints carry categories and root causes, reported as themes for service "
        "managers.",
    ),
    "9.3": Answer(
        classification="supported",
        status="planned",
        note="Learning reports for residents' panels, staff and committees, with a record of "
        "when each was shared.",
    ),
    "9.4": Answer(
        classification="supported",
        status="planned",
        note="The landlord names its senior lead for complaints, who gets the themes and "
        "trends reports.",
    ),
    "9.5": Answer(
        classification="supported",
        status="planned",
        note="The landlord names its Member Responsible for Complaints in Putright.",
    ),
    "9.6": Answer(
        classification="supported",
        status="planned",
        note="The Member Responsible for Complaints has a role that reads every complaints report.",
    ),
    "9.7": Answer(
        classification="evidenced",
        status="planned",
        note="Reports for the MRC and governing body on volumes, outcomes, performance, trends "
        "and Ombudsman orders, with when each was received.",
    ),
    "9.8": Answer(
        classification="organisational",
        status="planned",
        note="Staff objectives are set through the landlord's own performance management.",
    ),
}


def answer_for(number: str) -> Answer:
    """The entry for provision ``number``; raises ``KeyError`` when it has none."""
    return ANSWERS[number]
