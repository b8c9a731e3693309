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
        status="implemented",
        answered_by=(
            "putright.complaints.models.Channel",
            "putright.complaints.services.complaint_log",
            "putright.complaints.contacts.contact_outcome",
            "putright.complaints.contacts.contact_log",
            "putright.staff.views.contacts.contact_step",
        ),
        tests=(
            "tests/staff/test_log_contact.py::test_dissatisfaction_is_logged_as_a_complaint_when_the_resident_chooses_to_complain",
            "tests/complaints/test_contacts.py::test_appendix_b_decides_what_a_contact_is_recorded_as",
        ),
        note="Log a contact asks every contact, from any channel, Appendix B's question in the "
        "Code's own words (which no landlord can edit), and dissatisfaction the resident chooses "
        "to complain about is logged as a complaint at stage 1.",
    ),
    "1.3": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.ComplaintDetails",
            "putright.complaints.contacts.contact_require_choice",
            "putright.complaints.contacts.contact_log",
            "putright.staff.views.contacts.contact_step",
        ),
        tests=(
            "tests/staff/test_log_contact.py::test_the_choice_to_complain_must_be_recorded_and_nothing_typed_is_lost",
            "tests/staff/test_log_contact.py::test_a_resident_who_chooses_not_to_complain_has_their_request_followed_up",
            "tests/staff/test_log_contact.py::test_choosing_not_to_complain_about_a_request_records_the_choice_on_that_request",
            "tests/complaints/test_contacts.py::test_dissatisfaction_cannot_be_logged_without_recording_the_choice_to_complain",
        ),
        note="Dissatisfaction cannot be logged until the resident was given the choice to complain "
        "and their answer is recorded; a resident who declines still has their request followed "
        "up, and a representative can complain for them.",
    ),
    "1.4": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.complaints.models.ServiceRequest",
            "putright.complaints.services.service_request_log",
            "putright.api.api.service_request_list",
            "putright.complaints.contacts.contact_outcome",
            "putright.complaints.queues.service_request_queue_dissatisfied",
        ),
        tests=(
            "tests/complaints/test_service_requests.py::test_a_service_request_is_recorded_with_its_own_reference",
            "tests/complaints/test_service_requests.py::test_a_service_request_is_not_a_complaint",
            "tests/api/test_service_requests.py::test_listing_open_and_closed_service_requests",
            "tests/staff/test_log_contact.py::test_a_request_for_something_to_be_done_is_logged_as_a_service_request",
            "tests/complaints/test_contacts.py::test_a_service_request_needs_no_choice_to_complain",
            "tests/complaints/test_queues.py::test_a_service_request_the_resident_is_dissatisfied_with_stays_in_its_queue",
        ),
        note="Log a contact records a request for something to be done as a service request, with "
        "its own reference and apart from complaints; requests are listed open or closed, and "
        "those the resident is unhappy with are queued for staff; reviewing them is the "
        "landlord's.",
    ),
    "1.5": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.service_request_record_dissatisfaction",
            "putright.complaints.contacts.contact_require_earlier_request",
            "putright.complaints.contacts.contact_log",
            "putright.complaints.queues.service_request_queue_dissatisfied",
        ),
        tests=(
            "tests/complaints/test_service_requests.py::test_dissatisfaction_with_a_service_request_raises_a_linked_complaint",
            "tests/complaints/test_service_requests.py::test_the_service_request_stays_open_when_the_resident_complains",
            "tests/complaints/test_service_requests.py::test_the_service_request_is_still_followed_through_after_the_complaint",
            "tests/api/test_service_requests.py::test_dissatisfaction_raises_a_complaint_and_the_request_stays_open",
            "tests/staff/test_log_contact.py::test_dissatisfaction_with_a_service_request_raises_a_linked_complaint_and_it_stays_open",
            "tests/staff/test_log_contact.py::test_a_request_never_recorded_is_recorded_and_the_complaint_raised_from_it",
            "tests/complaints/test_contacts.py::test_a_complaint_is_raised_only_from_the_residents_own_service_request",
            "tests/complaints/test_contacts.py::test_a_representative_complaining_about_a_service_request_is_named_on_the_complaint",
            "tests/complaints/test_queues.py::test_a_service_request_the_resident_is_dissatisfied_with_stays_in_its_queue",
        ),
        note="Dissatisfaction with a service request, logged as a contact or through the API, "
        "raises a complaint linked to the resident's own request (recorded first if it never was); "
        "the request stays open in its queue to be followed through and closed on its own.",
    ),
    "1.6": Answer(
        classification="supported",
        status="planned",
        note="Survey feedback is not recorded in Putright, though a complaint can be logged as "
        "signposted from a survey; saying how to complain on feedback pages and letters comes "
        "with the resident service and letters.",
    ),
    # -- 2. Exclusions ------------------------------------------------------------------------
    "2.1": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.complaint_refuse",
            "putright.complaints.models.Refusal",
            "putright.staff.views.actions.refuse",
        ),
        tests=(
            "tests/complaints/test_refusals.py::test_a_refusal_needs_its_evidence",
            "tests/complaints/test_refusals.py::test_a_refusal_keeps_its_reasoning_who_decided_and_when",
            "tests/complaints/test_refusals.py::test_each_complaint_is_refused_on_its_own_merits",
            "tests/api/test_lifecycle.py::test_a_refusal_must_meet_the_code",
            "tests/staff/test_actions.py::test_a_complaint_not_accepted_records_the_ground_the_evidence_and_the_explanation",
            "tests/staff/test_actions.py::test_a_refusal_is_refused_without_what_the_code_requires",
        ),
        note="A logged complaint proceeds unless refused, and a refusal, in the staff pages or the "
        "API, needs a ground and its evidence, decided on that complaint alone and kept with who "
        "decided and when.",
    ),
    "2.2": Answer(
        classification="enforced",
        status="planned",
        answered_by=(
            "putright.complaints.models.Refusal",
            "putright.staff.views.actions.refuse",
        ),
        tests=(
            "tests/staff/test_actions.py::test_a_complaint_not_accepted_records_the_ground_the_evidence_and_the_explanation",
            "tests/staff/test_actions.py::test_a_refusal_is_refused_without_what_the_code_requires",
        ),
        note="A refusal, in the staff pages or the API, must name one of the Code's acceptable "
        "exclusions or state another reason (done); recording the landlord's own exclusions in its "
        "policy, and refusing only on those, is still to be built.",
    ),
    "2.3": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.landlords.services.policy_validate_timescales",
            "putright.complaints.services.complaint_refuse",
            "putright.staff.views.actions.refuse",
            "putright.landlords.admin.ComplaintPolicyAdmin",
        ),
        tests=(
            "tests/complaints/test_refusals.py::test_a_complaint_made_within_twelve_months_of_the_issue_must_be_accepted",
            "tests/complaints/test_refusals.py::test_twelve_months_run_from_when_the_resident_became_aware_of_the_issue",
            "tests/complaints/test_refusals.py::test_a_complaint_made_on_the_anniversary_of_the_issue_is_still_within_twelve_months",
            "tests/complaints/test_refusals.py::test_twelve_months_count_to_the_day_the_complaint_was_made_not_the_day_it_counts_from",
            "tests/complaints/test_refusals.py::test_an_issue_more_than_twelve_months_before_the_complaint_may_be_refused",
            "tests/complaints/test_refusals.py::test_refusing_an_issue_over_twelve_months_old_needs_discretion_considered",
            "tests/landlords/test_policy.py::test_a_landlord_may_not_shorten_the_twelve_month_time_limit",
            "tests/staff/test_actions.py::test_a_complaint_made_within_twelve_months_must_be_accepted",
            "tests/landlords/test_admin.py::test_the_admin_refuses_a_time_limit_for_complaints_shorter_than_twelve_months",
        ),
        note="Neither the policy service nor the admin lets the 12-month limit be shortened; a "
        "time-limit refusal is blocked, on the staff pages too, when the complaint's recorded "
        "dates put the issue, or the resident's awareness of it, within 12 months, and otherwise "
        "needs discretion considered and recorded; with neither date recorded, only the refusal's "
        "evidence shows the limit was passed.",
    ),
    "2.4": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.complaint_refuse",
            "putright.complaints.models.Refusal",
            "putright.staff.views.actions.refuse",
        ),
        tests=(
            "tests/complaints/test_refusals.py::test_a_refusal_needs_an_explanation_for_the_resident",
            "tests/complaints/test_refusals.py::test_the_resident_must_be_told_of_their_right_to_go_to_the_ombudsman",
            "tests/api/test_lifecycle.py::test_a_refusal_without_the_right_to_go_to_the_ombudsman_is_refused",
            "tests/staff/test_actions.py::test_a_complaint_not_accepted_records_the_ground_the_evidence_and_the_explanation",
            "tests/staff/test_actions.py::test_a_refusal_is_refused_without_what_the_code_requires",
        ),
        note="A refusal, in the staff pages or the API, cannot be recorded without the written "
        "explanation given to the resident and confirmation that they were told of their right to "
        "take the decision to the Ombudsman.",
    ),
    "2.5": Answer(
        classification="enforced",
        status="implemented",
        answered_by=("putright.complaints.services.complaint_refuse",),
        tests=(
            "tests/complaints/test_refusals.py::test_each_complaint_is_refused_on_its_own_merits",
            "tests/complaints/test_refusals.py::test_a_refusal_needs_its_evidence",
        ),
        note="There is no bulk exclusion: each refusal is one complaint's decision with its "
        "own ground, evidence and explanation.",
    ),
    # -- 3. Accessibility and awareness -------------------------------------------------------
    "3.1": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.complaints.models.Channel",
            "putright.complaints.services.complaint_log",
            "putright.residents.services.adjustment_record",
            "putright.web.views.resident",
        ),
        tests=(
            "tests/complaints/test_logging.py::test_a_complaint_can_be_logged_however_it_is_made",
            "tests/residents/test_special_category_data.py::test_an_adjustment_and_the_disability_disclosed_are_recorded",
            "tests/residents/test_special_category_data.py::test_a_resident_can_ask_for_an_adjustment_themselves",
        ),
        note="Each complaint records which of ten channels it came by, the resident page lists "
        "the ways to complain, and reasonable adjustments are recorded whether residents ask "
        "or staff anticipate them.",
    ),
    "3.2": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.complaints.services.complaint_log",
            "putright.complaints.services.complaint_categorise",
            "putright.complaints.services.stage_assign",
            "putright.complaints.contacts.contact_log",
            "putright.staff.views.contacts.contact_step",
            "putright.staff.views.contacts.contact_check",
        ),
        tests=(
            "tests/complaints/test_logging.py::test_a_complaint_can_be_logged_by_a_handler_not_only_the_complaints_team",
            "tests/api/test_lifecycle.py::test_categorising_sets_category_and_service_area",
            "tests/complaints/test_handlers.py::test_a_stage_is_assigned_to_a_handler_and_the_change_recorded",
            "tests/staff/test_log_contact.py::test_every_role_that_logs_complaints_can_log_a_contact",
            "tests/staff/test_log_contact.py::test_a_governing_body_member_cannot_log_a_contact",
            "tests/e2e/test_log_contact.py::test_an_officer_logs_a_phone_complaint_from_start_to_finish",
        ),
        note="Every staff role that takes complaints can log a contact however it was made, "
        "through Log a contact or the API, and the complaints officer routes it by service area "
        "and assigns its handler; knowing the process is the landlord's training.",
    ),
    "3.3": Answer(
        classification="organisational",
        status="planned",
        note="An attitude for the landlord; reporting will show volumes per 1,000 homes "
        "(homes are recorded per entity) without a target to drive them down.",
    ),
    "3.4": Answer(
        classification="supported",
        status="planned",
        answered_by=("putright.web.views.resident",),
        note="The resident page shows both stages' timescales from the policy the system "
        "applies (done); publishing the full policy, stage by stage, in accessible HTML comes "
        "with the resident service.",
    ),
    "3.5": Answer(
        classification="supported",
        status="planned",
        answered_by=("putright.web.views.resident",),
        note="The resident page shows the Ombudsman's contact details (done); recording how "
        "the policy is publicised and linking to the Code come with the resident service.",
    ),
    "3.6": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.residents.models.Representative",
            "putright.residents.services.representative_add",
            "putright.residents.services.representative_confirm_authority",
            "putright.complaints.services.complaint_log",
            "putright.complaints.contacts.contact_log",
            "putright.staff.views.contacts.contact_step",
        ),
        tests=(
            "tests/residents/test_residents_and_representatives.py::test_a_representative_acts_with_the_residents_consent_and_its_evidence",
            "tests/complaints/test_logging.py::test_a_complaint_can_be_made_through_a_representative",
            "tests/complaints/test_logging.py::test_a_representative_must_be_acting_for_the_resident_who_is_complaining",
            "tests/api/test_residents.py::test_a_complaint_made_by_a_representative_names_them",
            "tests/staff/test_log_contact.py::test_a_representative_with_the_residents_consent_makes_a_complaint_for_them",
            "tests/staff/test_log_contact.py::test_a_representatives_consent_needs_how_it_was_given",
            "tests/staff/test_log_contact.py::test_a_representative_without_consent_yet_is_recorded_as_such",
            "tests/staff/test_log_contact.py::test_consent_given_now_is_recorded_for_a_representative_already_on_record",
            "tests/complaints/test_contacts.py::test_a_representative_must_act_for_the_resident_who_made_contact",
        ),
        note="A representative is recorded, when a contact is logged or through the API, with the "
        "resident's consent and how it was given (or as awaiting it), and can make and pursue the "
        "complaint for them; who comes to a meeting is the landlord's to allow.",
    ),
    "3.7": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.landlords.models.OmbudsmanContact",
            "putright.landlords.services.landlord_create",
            "putright.web.views.resident",
            "putright.complaints.services.complaint_refuse",
            "putright.complaints.services.stage_extend",
            "putright.landlords.admin.LandlordAdmin",
        ),
        tests=(
            "tests/landlords/test_policy.py::test_a_new_landlord_has_the_ombudsmans_published_contact_details",
            "tests/web/test_pages.py::test_the_resident_page_always_gives_the_ombudsmans_contact_details",
            "tests/complaints/test_refusals.py::test_the_resident_must_be_told_of_their_right_to_go_to_the_ombudsman",
            "tests/complaints/test_extensions.py::test_the_resident_must_be_given_the_ombudsmans_details_with_a_stage_one_extension",
            "tests/landlords/test_admin.py::test_an_administrator_changes_the_landlords_details_and_ombudsman_contact",
        ),
        note="Every landlord is set up with the Ombudsman's contact details, which its "
        "administrator keeps up to date in the admin and the resident page always shows, and "
        "refusals and extensions cannot be recorded unless the resident was told them.",
    ),
    # -- 4. Complaint handling staff ----------------------------------------------------------
    "4.1": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.accounts.roles.ROLES",
            "putright.staff.access.staff_required",
        ),
        tests=(
            "tests/complaints/test_visibility.py::test_officers_and_managers_see_every_complaint",
            "tests/staff/test_permission_matrix.py::test_each_role_opens_the_pages_its_purpose_needs_and_no_others",
        ),
        note="The complaints officer is whoever holds the Complaints officer role (a person, or "
        "each member of a team), which sees, triages and assigns every complaint and opens the "
        "staff pages for that, and no others.",
    ),
    "4.2": Answer(
        classification="organisational",
        status="implemented",
        answered_by=(
            "putright.accounts.roles.ROLES",
            "putright.staff.access.staff_required",
        ),
        tests=(
            "tests/complaints/test_visibility.py::test_officers_and_managers_see_every_complaint",
            "tests/staff/test_permission_matrix.py::test_each_role_opens_the_pages_its_purpose_needs_and_no_others",
        ),
        note="Authority is the landlord's to give; the complaints officer role sees, triages and "
        "assigns every service area's complaints, and each role opens only the staff pages its "
        "purpose needs.",
    ),
    "4.3": Answer(
        classification="supported",
        status="planned",
        note="Recording each member of staff's complaint-handling training comes with the "
        "staff workspace; culture and resourcing are the landlord's.",
    ),
    # -- 5. The complaint handling process ----------------------------------------------------
    "5.1": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.landlords.models.ComplaintPolicy",
            "putright.landlords.services.policy_validate_timescales",
            "putright.landlords.services.landlord_policy_update",
            "putright.landlords.admin.ComplaintPolicyAdmin",
        ),
        tests=(
            "tests/landlords/test_policy.py::test_a_new_landlord_starts_with_the_codes_timescales",
            "tests/landlords/test_policy.py::test_a_landlord_may_set_a_stricter_acknowledgement_target",
            "tests/landlords/test_policy.py::test_a_landlord_may_not_set_a_looser_timescale_than_the_code",
            "tests/landlords/test_admin.py::test_the_admin_refuses_a_timescale_looser_than_the_code_with_the_reason",
            "tests/landlords/test_admin.py::test_the_admin_shows_every_looser_timescale_at_once",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_is_saved_through_the_service_and_recorded",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_shortens_the_next_complaints_deadline",
        ),
        note="One complaints policy per landlord, whose timescales its administrator may make "
        "stricter than the Code's in the admin but never looser.",
    ),
    "5.2": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.models.Stage",
            "putright.complaints.services.complaint_log",
        ),
        tests=(
            "tests/complaints/test_logging.py::test_a_complaint_is_logged_at_stage_one_with_no_earlier_stage",
            "tests/complaints/test_escalation.py::test_the_database_refuses_a_stage_zero_or_a_third_stage",
            "tests/e2e/test_case_journey.py::test_a_complaint_is_handled_through_both_stages",
        ),
        note="Complaints are logged straight at stage 1 and the database admits only stages 1 "
        "and 2, so no 'stage 0' or informal stage can exist.",
    ),
    "5.3": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.complaint_escalate",
            "putright.complaints.models.Stage",
            "putright.complaints.actions.complaint_available_actions",
        ),
        tests=(
            "tests/complaints/test_escalation.py::test_there_is_no_third_stage",
            "tests/complaints/test_escalation.py::test_after_the_final_response_there_is_no_further_stage",
            "tests/complaints/test_escalation.py::test_the_database_refuses_a_stage_zero_or_a_third_stage",
            "tests/api/test_lifecycle.py::test_there_is_no_third_stage",
            "tests/staff/test_actions.py::test_there_is_no_third_stage",
            "tests/complaints/test_available_actions.py::test_escalation_is_offered_once_only_as_there_is_no_third_stage",
        ),
        note="A complaint has two stages at most, held by the service and the database and offered "
        "so on the case page; after stage 2 the only route is the Ombudsman.",
    ),
    "5.4": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.complaints.models.Complaint.third_party_name",
            "putright.complaints.models.Complaint.third_party_handles_response",
            "putright.complaints.services.complaint_log",
        ),
        tests=(
            "tests/complaints/test_logging.py::test_a_third_party_handling_the_response_is_recorded_on_the_complaint",
            "tests/complaints/test_logging.py::test_a_third_party_involved_but_not_handling_the_response_is_recorded_as_such",
            "tests/complaints/test_logging.py::test_a_complaint_handled_by_a_third_party_goes_through_the_same_two_stages",
            "tests/api/test_complaints.py::test_a_third_party_handling_the_response_is_logged_and_shown_in_the_detail",
        ),
        note="A contractor or adjudicator who handles the response is recorded on the complaint "
        "itself, which runs through the same two stages; there is no second process.",
    ),
    "5.5": Answer(
        classification="organisational",
        status="planned",
        answered_by=(
            "putright.complaints.models.Complaint.third_party_name",
            "putright.complaints.models.Complaint.third_party_handles_response",
        ),
        tests=(
            "tests/complaints/test_logging.py::test_a_third_party_handling_the_response_is_recorded_on_the_complaint",
            "tests/api/test_complaints.py::test_a_third_party_handling_the_response_is_logged_and_shown_in_the_detail",
        ),
        note="The landlord's duty over its third parties; reporting will show complaints "
        "handled by third parties (recorded on each complaint) alongside its own.",
    ),
    "5.6": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_define",
            "putright.complaints.services.stage_acknowledge",
            "putright.complaints.services.stage_respond",
            "putright.staff.views.actions.acknowledge",
            "putright.staff.views.actions.define",
        ),
        tests=(
            "tests/complaints/test_definition_and_acknowledgement.py::test_the_definition_must_set_out_understanding_outcomes_and_responsibility",
            "tests/complaints/test_definition_and_acknowledgement.py::test_a_complaint_cannot_be_acknowledged_before_it_is_defined",
            "tests/complaints/test_definition_and_acknowledgement.py::test_a_stage_two_request_cannot_be_acknowledged_before_it_is_defined",
            "tests/complaints/test_definition_and_acknowledgement.py::test_stage_two_is_defined_afresh_when_escalated",
            "tests/api/test_lifecycle.py::test_a_definition_missing_what_the_code_requires_is_refused",
            "tests/staff/test_actions.py::test_acknowledging_defines_the_complaint_and_starts_the_response_clock",
            "tests/staff/test_actions.py::test_acknowledging_without_a_definition_is_refused_naming_the_code",
            "tests/staff/test_actions.py::test_a_complaint_cannot_be_answered_before_it_is_acknowledged",
        ),
        note="Neither stage can be acknowledged or answered until its complaint definition, "
        "with the outcomes the resident seeks, is set out; asking the resident to clarify is "
        "kept as correspondence.",
    ),
    "5.7": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_define",
            "putright.complaints.services.stage_acknowledge",
            "putright.staff.views.actions.acknowledge",
            "putright.staff.views.actions.define",
        ),
        tests=(
            "tests/complaints/test_definition_and_acknowledgement.py::test_the_definition_must_set_out_understanding_outcomes_and_responsibility",
            "tests/complaints/test_definition_and_acknowledgement.py::test_the_definition_records_what_the_landlord_is_and_is_not_responsible_for",
            "tests/complaints/test_definition_and_acknowledgement.py::test_a_complaint_cannot_be_acknowledged_before_it_is_defined",
            "tests/staff/test_actions.py::test_acknowledging_defines_the_complaint_and_starts_the_response_clock",
            "tests/staff/test_actions.py::test_acknowledging_without_a_definition_is_refused_naming_the_code",
        ),
        note="A stage cannot be acknowledged until its definition says what the landlord is "
        "responsible for, with what it is not responsible for recorded beside it.",
    ),
    "5.8": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_declare_conflict",
            "putright.complaints.services.stage_assign",
            "putright.complaints.services.stage_respond",
            "putright.complaints.services.correspondence_record",
            "putright.staff.views.actions.declare_conflict",
        ),
        tests=(
            "tests/complaints/test_handlers.py::test_the_response_is_refused_until_the_handler_has_declared_their_interests",
            "tests/complaints/test_handlers.py::test_a_handler_who_declares_a_conflict_is_unassigned",
            "tests/complaints/test_handlers.py::test_a_new_handler_makes_their_own_conflict_declaration",
            "tests/complaints/test_correspondence.py::test_a_message_from_the_resident_is_kept_with_the_complaint",
            "tests/staff/test_actions.py::test_a_handler_declares_no_conflict_of_interest",
            "tests/staff/test_actions.py::test_a_handler_with_a_conflict_must_describe_it_and_then_steps_aside",
            "tests/staff/test_actions.py::test_only_the_handler_declares_their_own_interests",
        ),
        note="Each stage's handler, and only they, must declare any conflict of interest before "
        "its response (declaring one unassigns them) and the resident's position and evidence are "
        "kept as correspondence; fairness and an open mind are the handler's.",
    ),
    "5.9": Answer(
        classification="enforced",
        status="planned",
        answered_by=(
            "putright.complaints.services.stage_agree_updates",
            "putright.staff.views.actions.agree_updates",
            "putright.complaints.queues.complaint_queue_overdue",
        ),
        tests=(
            "tests/complaints/test_update_intervals.py::test_update_intervals_are_agreed_and_recorded_for_the_resident",
            "tests/staff/test_actions.py::test_update_intervals_are_agreed_with_the_resident",
        ),
        note="The update interval and method agreed with the resident are recorded per stage on "
        "the case page, and the Overdue queue prompts staff to agree them (done); an extension or "
        "a late response is not yet refused until one is agreed.",
    ),
    "5.10": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.residents.models.ReasonableAdjustment",
            "putright.residents.services.adjustment_record",
            "putright.residents.selectors.adjustment_list_due_for_review",
            "putright.staff.views.cases.complaint_page",
            "putright.residents.selectors.adjustment_queue_due_for_review",
        ),
        tests=(
            "tests/residents/test_special_category_data.py::test_an_adjustment_and_the_disability_disclosed_are_recorded",
            "tests/residents/test_special_category_data.py::test_an_adjustments_review_date_comes_after_it_was_agreed",
            "tests/residents/test_special_category_data.py::test_adjustments_due_for_review_are_listed",
            "tests/staff/test_case_page.py::test_vulnerabilities_and_adjustments_are_shown_to_roles_that_may_see_them",
            "tests/staff/test_case_page.py::test_vulnerabilities_and_adjustments_are_hidden_from_roles_that_may_not_see_them",
            "tests/residents/test_review_queues.py::test_an_adjustment_is_listed_from_two_working_days_before_its_review",
            "tests/residents/test_review_queues.py::test_adjustments_are_special_category_data_and_not_shown_to_handlers",
        ),
        note="Reasonable adjustments and disclosed disabilities are recorded per resident with "
        "review dates, shown on the case page only to roles allowed special-category data, and "
        "listed in a review queue from two working days before each review.",
    ),
    "5.11": Answer(
        classification="enforced",
        status="implemented",
        answered_by=("putright.complaints.services.complaint_refuse",),
        tests=(
            "tests/complaints/test_refusals.py::test_refusing_a_stage_two_request_records_that_escalation_was_refused",
            "tests/complaints/test_refusals.py::test_refusing_stage_two_needs_an_explanation_of_the_reasons",
            "tests/complaints/test_refusals.py::test_refusing_stage_two_also_needs_the_ombudsman_right_explained",
            "tests/api/test_lifecycle.py::test_refusing_a_stage_two_request_needs_the_ombudsman_right",
        ),
        note="A request for stage 2 can be refused only before it is acknowledged, on a "
        "recorded ground with evidence, an explanation for the resident and their right to go "
        "to the Ombudsman.",
    ),
    "5.12": Answer(
        classification="evidenced",
        status="implemented",
        answered_by=(
            "putright.core.models.Event",
            "putright.core.services.record_event",
            "putright.complaints.models.Complaint",
            "putright.complaints.services.correspondence_record",
            "putright.complaints.services.attachment_store",
            "putright.staff.views.actions.note",
            "putright.staff.views.actions.message",
            "putright.staff.views.cases.complaint_page",
        ),
        tests=(
            "tests/core/test_event_record.py::test_an_event_records_who_what_and_the_values_before_and_after",
            "tests/core/test_event_record.py::test_an_event_cannot_be_changed_through_the_orm",
            "tests/core/test_event_record.py::test_an_event_cannot_be_deleted_through_the_orm",
            "tests/core/test_event_record.py::test_the_database_refuses_to_change_an_event_even_in_raw_sql",
            "tests/core/test_event_record.py::test_the_production_database_refuses_to_delete_an_event_even_in_raw_sql",
            "tests/complaints/test_record.py::test_each_change_appends_exactly_one_event_naming_who_acted",
            "tests/complaints/test_logging.py::test_the_original_complaint_and_when_it_was_received_are_kept",
            "tests/complaints/test_responses.py::test_the_response_records_the_outcome_the_decision_and_who_gave_it",
            "tests/complaints/test_correspondence.py::test_a_message_from_the_resident_is_kept_with_the_complaint",
            "tests/complaints/test_correspondence.py::test_correspondence_with_other_parties_is_kept_too",
            "tests/complaints/test_correspondence.py::test_a_document_is_stored_through_django_storage_with_its_sha256",
            "tests/api/test_complaints.py::test_a_blank_description_is_refused_under_code_5_12",
            "tests/staff/test_actions_follow_through.py::test_a_note_with_a_document_is_kept_with_the_complaint",
            "tests/staff/test_actions_follow_through.py::test_a_message_received_is_recorded_with_who_it_was_from",
            "tests/staff/test_case_page.py::test_the_history_lists_every_event_newest_first_in_words_with_who_did_it",
        ),
        note="The original complaint and when it was received, each stage's outcome, all "
        "correspondence, notes and documents, and every change are kept, in a record neither the "
        "ORM nor the database lets anyone alter, and the case page lists its history in words.",
    ),
    "5.13": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.remedies.services.remedy_offer",
            "putright.staff.views.actions.offer_remedy",
            "putright.staff.views.actions.respond",
            "putright.complaints.actions.remedy_available_actions",
        ),
        tests=(
            "tests/remedies/test_remedies.py::test_a_remedy_can_be_offered_at_stage_one_without_escalation",
            "tests/remedies/test_remedies.py::test_a_remedy_offered_at_stage_two_belongs_to_stage_two",
            "tests/staff/test_actions_follow_through.py::test_a_financial_remedy_says_how_much_for_what_and_how_it_is_paid",
            "tests/staff/test_actions_follow_through.py::test_a_remedy_says_what_will_happen",
            "tests/complaints/test_available_actions.py::test_what_is_offered_on_a_remedy_is_what_the_services_allow",
        ),
        note="Remedies can be offered at stage 1 or stage 2, with the response or on their own "
        "from the case page; nothing reserves them for escalation.",
    ),
    "5.14": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.residents.models.Restriction",
            "putright.residents.services.restriction_impose",
            "putright.residents.services.restriction_review",
            "putright.residents.selectors.restriction_list_due_for_review",
            "putright.staff.views.cases.complaint_page",
            "putright.residents.selectors.restriction_queue_due_for_review",
        ),
        tests=(
            "tests/residents/test_restrictions.py::test_a_manager_restricts_contact_with_evidence_and_a_review_date",
            "tests/residents/test_restrictions.py::test_a_restriction_needs_its_behaviour_evidence_terms_and_equality_considerations",
            "tests/residents/test_restrictions.py::test_restrictions_due_for_review_are_listed",
            "tests/residents/test_restrictions.py::test_a_review_records_its_outcome",
            "tests/staff/test_case_page.py::test_restrictions_on_contact_are_shown_to_everyone_who_may_see_the_complaint",
            "tests/residents/test_review_queues.py::test_a_restriction_is_listed_from_two_working_days_before_its_review",
        ),
        note="A restriction on contact needs the behaviour, its evidence and a review date, and is "
        "shown on the case page to everyone who may see the complaint; reviews are recorded and "
        "listed from two working days before they fall due; the policy is the landlord's.",
    ),
    "5.15": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.residents.models.Restriction",
            "putright.residents.services.restriction_impose",
        ),
        tests=(
            "tests/residents/test_restrictions.py::test_a_restriction_needs_its_behaviour_evidence_terms_and_equality_considerations",
        ),
        note="Each restriction records what contact is restricted, how the resident can still "
        "reach the landlord and how the Equality Act 2010 was considered; proportion is the "
        "landlord's judgement.",
    ),
    # -- 6. Complaints stages: stage 1 --------------------------------------------------------
    "6.1": Answer(
        classification="supported",
        status="planned",
        answered_by=(
            "putright.residents.services.vulnerability_record",
            "putright.staff.views.cases.complaint_page",
        ),
        tests=(
            "tests/residents/test_special_category_data.py::test_an_officer_can_record_that_a_resident_is_vulnerable",
            "tests/residents/test_special_category_data.py::test_recording_a_vulnerability_is_in_the_history_without_its_details",
            "tests/residents/test_special_category_data.py::test_a_handler_cannot_record_a_vulnerability",
            "tests/staff/test_case_page.py::test_vulnerabilities_and_adjustments_are_shown_to_roles_that_may_see_them",
        ),
        note="Residents' vulnerabilities are recorded and shown on the case page to roles allowed "
        "special-category data (done); recording each complaint's complexity and risk at triage, "
        "to route it early or to investigation, is still to be built.",
    ),
    "6.2": Answer(
        classification="evidenced",
        status="implemented",
        answered_by=(
            "putright.landlords.timescales.CODE_TIMESCALES",
            "putright.complaints.services.complaint_log",
            "putright.complaints.services.stage_acknowledge",
            "putright.complaints.selectors.stage_deadline",
            "putright.complaints.queues.complaint_queue",
            "putright.complaints.queues.complaint_queue_to_acknowledge_stage_1",
            "putright.complaints.queues.complaint_queue_due_soon",
            "putright.complaints.queues.complaint_queue_overdue",
            "putright.landlords.admin.ComplaintPolicyAdmin",
            "putright.workdays.admin.ClosureDayAdmin",
            "putright.staff.views.actions.acknowledge",
            "putright.staff.views.queues.queue",
        ),
        tests=(
            "tests/complaints/test_logging.py::test_acknowledgement_is_due_five_working_days_after_the_complaint_is_received",
            "tests/complaints/test_definition_and_acknowledgement.py::test_an_acknowledgement_after_five_working_days_is_recorded_as_late",
            "tests/complaints/test_definition_and_acknowledgement.py::test_a_complaint_cannot_be_acknowledged_before_it_is_defined",
            "tests/complaints/test_deadlines.py::test_an_unacknowledged_stage_counts_down_to_its_acknowledgement",
            "tests/landlords/test_policy.py::test_a_landlord_may_not_set_a_looser_timescale_than_the_code",
            "tests/staff/test_actions.py::test_acknowledging_defines_the_complaint_and_starts_the_response_clock",
            "tests/staff/test_actions.py::test_acknowledging_without_a_definition_is_refused_naming_the_code",
            "tests/staff/test_actions.py::test_a_complaint_cannot_be_answered_before_it_is_acknowledged",
            "tests/staff/test_case_page.py::test_an_overdue_acknowledgement_says_so",
            "tests/complaints/test_queues.py::test_a_new_complaint_waits_unassigned_to_be_acknowledged_at_stage_one",
            "tests/complaints/test_queues.py::test_the_due_soon_queue_holds_deadlines_today_to_two_working_days_ahead",
            "tests/complaints/test_queues.py::test_a_queue_row_says_where_the_complaint_stands_in_working_days",
            "tests/staff/test_queues.py::test_a_queue_page_lists_each_complaint_with_its_deadline_in_words",
            "tests/complaints/test_contacts.py::test_the_complaint_is_due_for_acknowledgement_as_the_policy_says",
            "tests/workdays/test_admin.py::test_a_closure_day_set_in_the_admin_moves_the_acknowledgement_deadline",
            "tests/landlords/test_admin.py::test_the_admin_refuses_a_timescale_looser_than_the_code_with_the_reason",
            "tests/landlords/test_admin.py::test_the_admin_shows_every_looser_timescale_at_once",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_is_saved_through_the_service_and_recorded",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_shortens_the_next_complaints_deadline",
        ),
        note="Acknowledgement, which needs the definition first, is due in the policy's working "
        "days (never more than 5, and closure days set in the admin do not count) from receipt; "
        "each is recorded on time or late, and staff queues list stages to acknowledge, due soon "
        "and overdue.",
    ),
    "6.3": Answer(
        classification="evidenced",
        status="implemented",
        answered_by=(
            "putright.landlords.timescales.CODE_TIMESCALES",
            "putright.complaints.services.stage_acknowledge",
            "putright.complaints.services.stage_respond",
            "putright.complaints.selectors.stage_deadline",
            "putright.complaints.queues.complaint_queue_due_soon",
            "putright.complaints.queues.complaint_queue_overdue",
            "putright.landlords.admin.ComplaintPolicyAdmin",
        ),
        tests=(
            "tests/complaints/test_definition_and_acknowledgement.py::test_the_stage_one_response_is_due_ten_working_days_after_acknowledgement",
            "tests/complaints/test_definition_and_acknowledgement.py::test_the_response_deadline_runs_from_the_acknowledgement_not_from_receipt",
            "tests/complaints/test_responses.py::test_a_response_after_the_deadline_is_recorded_as_late",
            "tests/complaints/test_deadlines.py::test_an_acknowledged_stage_counts_down_to_its_response",
            "tests/landlords/test_policy.py::test_a_landlord_may_not_set_a_looser_timescale_than_the_code",
            "tests/complaints/test_queues.py::test_once_acknowledged_the_response_deadline_counts",
            "tests/landlords/test_admin.py::test_the_admin_refuses_a_timescale_looser_than_the_code_with_the_reason",
            "tests/landlords/test_admin.py::test_the_admin_shows_every_looser_timescale_at_once",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_is_saved_through_the_service_and_recorded",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_shortens_the_next_complaints_deadline",
        ),
        note="The stage 1 response is due in the policy's working days (never more than 10) from "
        "acknowledgement; each response is recorded on time or late, and the due-soon and overdue "
        "queues count down to it.",
    ),
    "6.4": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.landlords.timescales.CODE_TIMESCALES",
            "putright.complaints.services.stage_extend",
            "putright.complaints.actions.stage_extension_preview",
            "putright.staff.views.actions.extend",
            "putright.complaints.queues.complaint_queue_extended",
            "putright.landlords.admin.ComplaintPolicyAdmin",
        ),
        tests=(
            "tests/complaints/test_extensions.py::test_an_extension_needs_a_reason",
            "tests/complaints/test_extensions.py::test_an_extension_records_when_the_resident_was_told_and_by_whom",
            "tests/complaints/test_extensions.py::test_a_stage_one_extension_of_more_than_ten_working_days_needs_a_good_reason",
            "tests/complaints/test_extensions.py::test_stage_one_extensions_add_up_to_at_most_ten_working_days",
            "tests/api/test_lifecycle.py::test_a_stage_one_extension_beyond_10_working_days_needs_a_good_reason",
            "tests/staff/test_actions.py::test_an_extension_shows_the_new_due_date_in_working_days_before_it_is_set",
            "tests/staff/test_actions.py::test_an_extension_must_give_the_ombudsmans_contact_details",
            "tests/staff/test_actions.py::test_an_extension_beyond_the_maximum_needs_a_good_reason",
            "tests/complaints/test_available_actions.py::test_the_extension_preview_counts_working_days_as_the_service_will",
            "tests/complaints/test_queues.py::test_an_extended_complaint_is_in_the_extended_queue_with_its_new_date",
            "tests/landlords/test_admin.py::test_the_admin_refuses_a_timescale_looser_than_the_code_with_the_reason",
            "tests/landlords/test_admin.py::test_the_admin_shows_every_looser_timescale_at_once",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_is_saved_through_the_service_and_recorded",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_shortens_the_next_complaints_deadline",
        ),
        note="An extension needs a reason and the date the resident was told the new deadline, "
        "which the staff page shows in working days before it is set; going beyond the policy's "
        "maximum (never more than 10 working days) needs a recorded good reason, and extended "
        "complaints are listed with their new date.",
    ),
    "6.5": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_extend",
            "putright.staff.views.actions.extend",
        ),
        tests=(
            "tests/complaints/test_extensions.py::test_the_resident_must_be_given_the_ombudsmans_details_with_a_stage_one_extension",
            "tests/api/test_lifecycle.py::test_an_extension_without_the_ombudsmans_details_is_refused",
            "tests/staff/test_actions.py::test_an_extension_shows_the_new_due_date_in_working_days_before_it_is_set",
            "tests/staff/test_actions.py::test_an_extension_must_give_the_ombudsmans_contact_details",
            "tests/staff/test_actions.py::test_an_extension_beyond_the_maximum_needs_a_good_reason",
            "tests/complaints/test_available_actions.py::test_the_extension_preview_counts_working_days_as_the_service_will",
        ),
        note="An extension cannot be recorded unless the resident was given the Ombudsman's "
        "contact details when told of it.",
    ),
    "6.6": Answer(
        classification="evidenced",
        status="implemented",
        answered_by=(
            "putright.remedies.services.action_add",
            "putright.remedies.services.action_update",
            "putright.complaints.services.stage_respond",
            "putright.staff.views.actions.respond",
            "putright.staff.views.actions.add_action",
            "putright.staff.views.actions.action_update",
            "putright.staff.views.actions.action_complete",
            "putright.remedies.selectors.action_queue_due",
            "putright.complaints.actions.outstanding_action_available_actions",
        ),
        tests=(
            "tests/staff/test_actions.py::test_a_response_answers_every_point_with_a_remedy_and_an_outstanding_action",
            "tests/staff/test_actions_follow_through.py::test_an_outstanding_action_has_an_owner_and_a_date",
            "tests/staff/test_actions_follow_through.py::test_an_outstanding_action_is_updated_then_done",
            "tests/staff/test_actions_follow_through.py::test_outstanding_actions_are_still_followed_after_closure",
            "tests/remedies/test_selectors.py::test_an_action_is_listed_from_two_working_days_before_it_is_due_until_it_is_done",
            "tests/remedies/test_selectors.py::test_a_cancelled_action_is_not_listed",
        ),
        note="The response is recorded without waiting on outstanding actions, which are tracked "
        "with an owner, a due date and updates to the resident, after closure too, and listed in a "
        "staff queue from two working days before they fall due until done; reports of overdue "
        "actions come with reporting.",
    ),
    "6.7": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_define",
            "putright.complaints.services.stage_respond",
            "putright.complaints.models.ComplaintPoint",
            "putright.staff.views.actions.respond",
            "putright.staff.views.actions.define",
        ),
        tests=(
            "tests/complaints/test_responses.py::test_every_point_in_the_definition_needs_a_finding",
            "tests/complaints/test_responses.py::test_every_finding_needs_reasons",
            "tests/complaints/test_responses.py::test_the_response_records_each_points_finding_reasons_and_policy",
            "tests/api/test_lifecycle.py::test_a_response_must_address_every_point",
            "tests/api/test_lifecycle.py::test_a_response_needs_reasons_for_each_finding",
            "tests/staff/test_actions.py::test_a_response_answers_every_point_with_a_remedy_and_an_outstanding_action",
            "tests/staff/test_actions.py::test_a_response_must_give_reasons_for_every_point",
            "tests/staff/test_actions.py::test_a_definition_needs_at_least_one_point_to_answer",
        ),
        note="The stage 1 response cannot be recorded, on the staff pages or through the API, "
        "until every point of the definition (which needs at least one) has a finding and its "
        "reasons, with any policy, law or good practice relied on.",
    ),
    "6.8": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.complaint_add_issue",
            "putright.staff.views.actions.add_issue",
            "putright.staff.views.actions.define",
        ),
        tests=(
            "tests/complaints/test_additional_issues.py::test_an_issue_raised_before_the_stage_one_response_joins_stage_one",
            "tests/complaints/test_additional_issues.py::test_the_stage_one_response_must_answer_the_additional_issue_too",
            "tests/complaints/test_additional_issues.py::test_an_issue_raised_after_the_stage_one_response_becomes_a_new_linked_complaint",
            "tests/api/test_lifecycle.py::test_an_issue_raised_before_the_stage_one_response_joins_stage_one",
            "tests/api/test_lifecycle.py::test_an_issue_raised_after_the_stage_one_response_is_a_new_complaint",
            "tests/staff/test_actions.py::test_an_issue_raised_after_the_stage_one_response_becomes_a_new_linked_complaint",
            "tests/staff/test_actions.py::test_changing_the_definition_keeps_points_raised_during_the_investigation",
        ),
        note="An issue raised before the stage 1 response joins the points it must answer, and "
        "stays when the definition is changed; after it, the issue is logged as a new complaint "
        "linked to the first.",
    ),
    "6.9": Answer(
        classification="enforced",
        status="planned",
        answered_by=("putright.complaints.services.stage_respond",),
        note="The stage 1 response needs the definition, a decision and reasons for every "
        "point, with remedies and actions recorded (done); the written response carrying a) "
        "to g), with how to escalate, comes with letters.",
    ),
    # -- 6. Complaints stages: stage 2 --------------------------------------------------------
    "6.10": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.complaint_escalate",
            "putright.staff.views.actions.escalate",
            "putright.complaints.actions.complaint_available_actions",
        ),
        tests=(
            "tests/complaints/test_escalation.py::test_a_complaint_goes_to_stage_two_after_the_stage_one_response",
            "tests/complaints/test_escalation.py::test_escalating_a_closed_complaint_reopens_it_at_stage_two",
            "tests/complaints/test_escalation.py::test_a_complaint_cannot_go_to_stage_two_before_the_stage_one_response",
            "tests/complaints/test_responses.py::test_the_stage_two_response_is_the_final_response",
            "tests/api/test_lifecycle.py::test_escalating_opens_stage_two_without_a_reason",
            "tests/staff/test_actions.py::test_a_complaint_goes_to_stage_two_only_after_the_stage_one_response",
            "tests/complaints/test_available_actions.py::test_escalation_is_offered_once_only_as_there_is_no_third_stage",
            "tests/e2e/test_case_journey.py::test_a_complaint_is_handled_through_both_stages",
        ),
        note="Once stage 1 is answered the complaint can go to stage 2, even after closure, and "
        "only a recorded refusal stops it; stage 2 is the final response.",
    ),
    "6.11": Answer(
        classification="evidenced",
        status="implemented",
        answered_by=(
            "putright.landlords.timescales.CODE_TIMESCALES",
            "putright.complaints.services.complaint_escalate",
            "putright.complaints.services.stage_acknowledge",
            "putright.complaints.selectors.stage_deadline",
            "putright.complaints.queues.complaint_queue_to_acknowledge_stage_2",
            "putright.landlords.admin.ComplaintPolicyAdmin",
        ),
        tests=(
            "tests/complaints/test_escalation.py::test_stage_two_acknowledgement_is_due_five_working_days_after_the_request",
            "tests/complaints/test_definition_and_acknowledgement.py::test_a_stage_two_request_cannot_be_acknowledged_before_it_is_defined",
            "tests/complaints/test_deadlines.py::test_stage_two_counts_down_to_its_own_acknowledgement",
            "tests/complaints/test_definition_and_acknowledgement.py::test_a_stage_two_acknowledgement_within_five_working_days_is_recorded_as_on_time",
            "tests/complaints/test_definition_and_acknowledgement.py::test_a_stage_two_acknowledgement_after_five_working_days_is_recorded_as_late",
            "tests/landlords/test_policy.py::test_a_landlord_may_not_set_a_looser_timescale_than_the_code",
            "tests/complaints/test_queues.py::test_a_stage_two_request_waits_to_be_acknowledged_and_leaves_stage_ones_handler_queue",
            "tests/landlords/test_admin.py::test_the_admin_refuses_a_timescale_looser_than_the_code_with_the_reason",
            "tests/landlords/test_admin.py::test_the_admin_shows_every_looser_timescale_at_once",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_is_saved_through_the_service_and_recorded",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_shortens_the_next_complaints_deadline",
        ),
        note="Stage 2 acknowledgement, which needs its own definition first, is due in the "
        "policy's working days (never more than 5) from the request, and the request waits in its "
        "own queue; each is recorded on time or late.",
    ),
    "6.12": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.complaint_escalate",
            "putright.complaints.models.Stage.escalation_reason",
            "putright.staff.views.actions.escalate",
        ),
        tests=(
            "tests/complaints/test_escalation.py::test_a_resident_need_not_give_a_reason_for_stage_two",
            "tests/complaints/test_escalation.py::test_a_reason_for_stage_two_is_kept_when_the_resident_gives_one",
            "tests/api/test_lifecycle.py::test_escalating_opens_stage_two_without_a_reason",
            "tests/staff/test_actions.py::test_a_request_for_stage_two_needs_no_reason",
        ),
        note="A request for stage 2 never needs a reason and any reason given is kept; stage 2 "
        "is defined afresh to understand why the resident is still unhappy.",
    ),
    "6.13": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_assign",
            "putright.complaints.services.stage_respond",
            "putright.complaints.services.stage_declare_conflict",
            "putright.staff.views.actions.assign",
            "putright.staff.views.actions.respond",
            "putright.complaints.actions.stage_eligible_handlers",
            "putright.complaints.actions.complaint_available_actions",
        ),
        tests=(
            "tests/complaints/test_handlers.py::test_stage_two_handler_must_differ_from_stage_one_handler",
            "tests/complaints/test_handlers.py::test_stage_two_handler_must_differ_from_the_stage_one_responder",
            "tests/complaints/test_handlers.py::test_the_stage_two_response_cannot_be_given_by_the_stage_one_handler_even_as_a_manager",
            "tests/complaints/test_handlers.py::test_the_stage_two_response_cannot_be_given_by_the_stage_one_responder",
            "tests/complaints/test_handlers.py::test_the_stage_one_handler_cannot_step_aside_after_the_response",
            "tests/api/test_lifecycle.py::test_the_stage_two_handler_must_differ_from_the_stage_one_handler",
            "tests/api/test_lifecycle.py::test_the_stage_one_handler_cannot_give_the_stage_two_response",
            "tests/staff/test_actions.py::test_the_stage_two_handler_must_differ_from_the_stage_one_handler",
            "tests/staff/test_actions.py::test_whoever_considered_stage_one_cannot_give_the_stage_two_response",
            "tests/complaints/test_available_actions.py::test_whoever_considered_stage_one_is_never_offered_the_stage_two_response",
            "tests/complaints/test_available_actions.py::test_stage_two_handlers_offered_exclude_whoever_considered_stage_one",
            "tests/e2e/test_case_journey.py::test_a_complaint_is_handled_through_both_stages",
        ),
        note="Stage 2 cannot be assigned to, or answered by, whoever handled or answered stage 1, "
        "and the staff pages never offer them; the stage 1 handler cannot step aside once it is "
        "answered.",
    ),
    "6.14": Answer(
        classification="evidenced",
        status="implemented",
        answered_by=(
            "putright.landlords.timescales.CODE_TIMESCALES",
            "putright.complaints.services.stage_acknowledge",
            "putright.complaints.services.stage_respond",
            "putright.complaints.selectors.stage_deadline",
            "putright.complaints.queues.complaint_queue_due_soon",
            "putright.complaints.queues.complaint_queue_overdue",
            "putright.landlords.admin.ComplaintPolicyAdmin",
        ),
        tests=(
            "tests/complaints/test_definition_and_acknowledgement.py::test_the_stage_two_response_is_due_twenty_working_days_after_acknowledgement",
            "tests/complaints/test_responses.py::test_a_stage_two_response_within_twenty_working_days_is_recorded_as_on_time",
            "tests/complaints/test_responses.py::test_a_stage_two_response_after_twenty_working_days_is_recorded_as_late",
            "tests/landlords/test_policy.py::test_a_landlord_may_not_set_a_looser_timescale_than_the_code",
            "tests/complaints/test_queues.py::test_once_acknowledged_the_response_deadline_counts",
            "tests/landlords/test_admin.py::test_the_admin_refuses_a_timescale_looser_than_the_code_with_the_reason",
            "tests/landlords/test_admin.py::test_the_admin_shows_every_looser_timescale_at_once",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_is_saved_through_the_service_and_recorded",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_shortens_the_next_complaints_deadline",
        ),
        note="The stage 2 response is due in the policy's working days (never more than 20) from "
        "acknowledgement; each response is recorded on time or late, and the due-soon and overdue "
        "queues count down to it.",
    ),
    "6.15": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.landlords.timescales.CODE_TIMESCALES",
            "putright.complaints.services.stage_extend",
            "putright.staff.views.actions.extend",
            "putright.complaints.queues.complaint_queue_extended",
            "putright.landlords.admin.ComplaintPolicyAdmin",
        ),
        tests=(
            "tests/complaints/test_extensions.py::test_a_stage_two_extension_needs_a_reason",
            "tests/complaints/test_extensions.py::test_stage_two_extensions_add_up_to_at_most_twenty_working_days",
            "tests/complaints/test_extensions.py::test_stage_one_extensions_do_not_count_against_stage_two",
            "tests/api/test_lifecycle.py::test_a_stage_two_extension_needs_the_ombudsmans_details_and_a_limit",
            "tests/complaints/test_queues.py::test_an_extended_complaint_is_in_the_extended_queue_with_its_new_date",
            "tests/landlords/test_admin.py::test_the_admin_refuses_a_timescale_looser_than_the_code_with_the_reason",
            "tests/landlords/test_admin.py::test_the_admin_shows_every_looser_timescale_at_once",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_is_saved_through_the_service_and_recorded",
            "tests/landlords/test_admin.py::test_a_stricter_timescale_shortens_the_next_complaints_deadline",
        ),
        note="A stage 2 extension needs a reason and the date the resident was told; going beyond "
        "the policy's maximum (never more than 20 working days) needs a recorded good reason, and "
        "extended complaints are listed with their new date.",
    ),
    "6.16": Answer(
        classification="enforced",
        status="implemented",
        answered_by=("putright.complaints.services.stage_extend",),
        tests=(
            "tests/complaints/test_extensions.py::test_the_resident_must_be_given_the_ombudsmans_details_with_a_stage_two_extension",
            "tests/api/test_lifecycle.py::test_a_stage_two_extension_needs_the_ombudsmans_details_and_a_limit",
        ),
        note="A stage 2 extension cannot be recorded unless the resident was given the "
        "Ombudsman's contact details when told of it.",
    ),
    "6.17": Answer(
        classification="evidenced",
        status="implemented",
        answered_by=(
            "putright.remedies.services.action_add",
            "putright.remedies.services.action_update",
            "putright.complaints.services.stage_respond",
            "putright.staff.views.actions.respond",
            "putright.staff.views.actions.add_action",
            "putright.staff.views.actions.action_update",
            "putright.staff.views.actions.action_complete",
            "putright.remedies.selectors.action_queue_due",
            "putright.complaints.actions.outstanding_action_available_actions",
        ),
        tests=(
            "tests/staff/test_actions.py::test_a_response_answers_every_point_with_a_remedy_and_an_outstanding_action",
            "tests/staff/test_actions_follow_through.py::test_an_outstanding_action_has_an_owner_and_a_date",
            "tests/staff/test_actions_follow_through.py::test_an_outstanding_action_is_updated_then_done",
            "tests/staff/test_actions_follow_through.py::test_outstanding_actions_are_still_followed_after_closure",
            "tests/remedies/test_selectors.py::test_an_action_is_listed_from_two_working_days_before_it_is_due_until_it_is_done",
            "tests/remedies/test_selectors.py::test_a_cancelled_action_is_not_listed",
        ),
        note="The final response is recorded without waiting on outstanding actions, which are "
        "tracked with an owner, a due date and updates to the resident, after closure too, and "
        "listed in a staff queue from two working days before they fall due until done; reports of "
        "overdue actions come with reporting.",
    ),
    "6.18": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_define",
            "putright.complaints.services.stage_respond",
            "putright.complaints.models.ComplaintPoint",
        ),
        tests=(
            "tests/complaints/test_responses.py::test_the_stage_two_response_must_address_every_point",
            "tests/complaints/test_responses.py::test_every_stage_two_finding_needs_reasons",
            "tests/complaints/test_responses.py::test_the_stage_two_response_records_each_points_finding_reasons_and_policy",
            "tests/api/test_lifecycle.py::test_a_stage_two_response_must_address_every_point_and_decide",
        ),
        note="The stage 2 response cannot be recorded until every point of its definition has a "
        "finding and its reasons, with any policy, law or good practice relied on.",
    ),
    "6.19": Answer(
        classification="enforced",
        status="planned",
        answered_by=("putright.complaints.services.stage_respond",),
        note="The stage 2 response needs the definition, a decision and reasons for every "
        "point, with remedies and actions recorded (done); the written final response "
        "carrying a) to g), with how to go to the Ombudsman, comes with letters.",
    ),
    "6.20": Answer(
        classification="supported",
        status="planned",
        note="Stage 2 records its handler and who gave the final response; recording every "
        "member of staff who contributed comes with the staff workspace.",
    ),
    # -- 7. Putting things right --------------------------------------------------------------
    "7.1": Answer(
        classification="enforced",
        status="planned",
        answered_by=(
            "putright.remedies.models.Remedy",
            "putright.remedies.services.remedy_offer",
            "putright.staff.views.actions.offer_remedy",
            "putright.staff.views.actions.respond",
        ),
        tests=(
            "tests/staff/test_actions.py::test_a_response_answers_every_point_with_a_remedy_and_an_outstanding_action",
            "tests/staff/test_actions_follow_through.py::test_a_financial_remedy_says_how_much_for_what_and_how_it_is_paid",
            "tests/staff/test_actions_follow_through.py::test_a_financial_remedy_needs_an_amount",
            "tests/staff/test_actions_follow_through.py::test_a_remedy_says_what_will_happen",
            "tests/staff/test_actions_follow_through.py::test_a_financial_remedy_is_completed_by_recording_its_payment",
            "tests/complaints/test_available_actions.py::test_what_is_offered_on_a_remedy_is_what_the_services_allow",
            "tests/remedies/test_selectors.py::test_a_financial_remedy_is_listed_until_its_payment_is_recorded",
            "tests/remedies/test_selectors.py::test_a_declined_or_non_financial_remedy_is_not_owed",
        ),
        note="Remedies are offered from the Code's list, with the response or from the case page, "
        "financial ones with an amount split by head (done); an upheld or partly upheld response "
        "is not yet refused without a remedy or action to put things right.",
    ),
    "7.2": Answer(
        classification="supported",
        status="planned",
        note="Recording the impact on the resident that each remedy answers comes with the "
        "staff workspace; the judgement is the landlord's.",
    ),
    "7.3": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.remedies.services.remedy_offer",
            "putright.remedies.services.remedy_record_response",
            "putright.remedies.services.remedy_complete",
            "putright.remedies.services.remedy_record_payment",
            "putright.staff.views.actions.offer_remedy",
            "putright.staff.views.actions.remedy_response",
            "putright.staff.views.actions.remedy_payment",
            "putright.staff.views.actions.remedy_complete",
            "putright.remedies.selectors.remedy_queue_unpaid",
            "putright.complaints.actions.remedy_available_actions",
        ),
        tests=(
            "tests/remedies/test_remedies.py::test_a_remedy_sets_out_what_will_happen",
            "tests/remedies/test_remedies.py::test_a_remedy_sets_out_by_when_and_not_before_it_is_offered",
            "tests/remedies/test_remedies.py::test_the_resident_accepts_a_remedy",
            "tests/remedies/test_remedies.py::test_a_non_financial_remedy_is_followed_through_to_completion",
            "tests/remedies/test_remedies.py::test_recording_the_payment_completes_a_financial_remedy",
            "tests/complaints/test_withdrawal_and_closure.py::test_remedies_and_actions_are_followed_through_after_closure",
            "tests/api/test_remedies.py::test_a_remedy_must_say_what_will_happen_and_by_when",
            "tests/staff/test_actions.py::test_a_response_answers_every_point_with_a_remedy_and_an_outstanding_action",
            "tests/staff/test_actions_follow_through.py::test_a_financial_remedy_says_how_much_for_what_and_how_it_is_paid",
            "tests/staff/test_actions_follow_through.py::test_a_financial_remedy_needs_an_amount",
            "tests/staff/test_actions_follow_through.py::test_a_remedy_says_what_will_happen",
            "tests/staff/test_actions_follow_through.py::test_a_financial_remedy_is_completed_by_recording_its_payment",
            "tests/complaints/test_available_actions.py::test_what_is_offered_on_a_remedy_is_what_the_services_allow",
            "tests/remedies/test_selectors.py::test_a_financial_remedy_is_listed_until_its_payment_is_recorded",
            "tests/remedies/test_selectors.py::test_a_declined_or_non_financial_remedy_is_not_owed",
        ),
        note="A remedy cannot be offered without what will happen and by when; the resident's "
        "answer is recorded and it stays open, after closure too, until completed or paid, and "
        "financial remedies are listed in a staff queue until their payment is recorded.",
    ),
    "7.4": Answer(
        classification="supported",
        status="planned",
        note="Financial remedies are split by the heads the Ombudsman's remedies guidance uses; "
        "showing the guidance when a remedy is chosen comes with the staff workspace.",
    ),
    # -- 8. Self-assessment, reporting and compliance -----------------------------------------
    "8.1": Answer(
        classification="evidenced",
        status="planned",
        note="Reporting will build the annual report from the records: self-assessment, "
        "performance, refusals by type (each refusal records its ground), Ombudsman findings "
        "and improvements.",
    ),
    "8.2": Answer(
        classification="supported",
        status="planned",
        note="Reporting will record the governing body's consideration, its response and the "
        "report's publication.",
    ),
    "8.3": Answer(
        classification="supported",
        status="planned",
        note="The self-assessment will let one be started at any time with its reason "
        "recorded, such as a restructure, merger or change in procedures.",
    ),
    "8.4": Answer(
        classification="supported",
        status="planned",
        note="The self-assessment will let a review be linked to the Ombudsman case that "
        "prompted it.",
    ),
    "8.5": Answer(
        classification="supported",
        status="planned",
        note="Reporting will record a period of non-compliance with the notice to the "
        "Ombudsman, to residents, its publication and the return date.",
    ),
    # -- 9. Scrutiny & oversight: continuous learning and improvement -------------------------
    "9.1": Answer(
        classification="supported",
        status="planned",
        note="Recording at closure whether a complaint taught anything, and tracking service "
        "improvements to completion, come with the staff workspace and reporting.",
    ),
    "9.2": Answer(
        classification="supported",
        status="planned",
        answered_by=("putright.complaints.services.complaint_categorise",),
        note="Complaints carry a category and service area (done); root causes and theme "
        "reports for service managers come with reporting.",
    ),
    "9.3": Answer(
        classification="supported",
        status="planned",
        note="Reporting will produce learning reports for residents' panels, staff and "
        "committees, with a record of when each was shared.",
    ),
    "9.4": Answer(
        classification="supported",
        status="planned",
        answered_by=("putright.accounts.roles.ROLES",),
        note="A senior lead role exists that sees every complaint and may read reports (done); "
        "the themes and trends reports it needs come with reporting.",
    ),
    "9.5": Answer(
        classification="supported",
        status="planned",
        note="One role serves the MRC and the governing body alike; naming the Member "
        "Responsible for Complaints comes with reporting.",
    ),
    "9.6": Answer(
        classification="supported",
        status="planned",
        answered_by=("putright.accounts.roles.ROLES",),
        note="The governing body role may read reports but sees no personal data (done); the "
        "complaints reports it reads come with reporting.",
    ),
    "9.7": Answer(
        classification="evidenced",
        status="planned",
        note="Reporting will give the MRC and governing body volumes, outcomes, performance, "
        "trends and Ombudsman orders, with when each was received.",
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
