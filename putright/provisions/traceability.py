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
            "putright.portal.views.pages.policy",
        ),
        tests=(
            "tests/staff/test_log_contact.py::test_dissatisfaction_is_logged_as_a_complaint_when_the_resident_chooses_to_complain",
            "tests/complaints/test_contacts.py::test_appendix_b_decides_what_a_contact_is_recorded_as",
            "tests/portal/test_published_pages.py::test_the_policy_page_defines_a_complaint_and_a_service_request_and_what_is_excluded",
        ),
        note=(
            "Log a contact asks every contact, from any channel, Appendix B's question in the "
            "Code's own words (which no landlord can edit), and dissatisfaction the resident "
            "chooses to complain about is logged as a complaint at stage 1."
        ),
    ),
    "1.3": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.ComplaintDetails",
            "putright.complaints.contacts.contact_require_choice",
            "putright.complaints.contacts.contact_log",
            "putright.staff.views.contacts.contact_step",
            "putright.letters.delivery.delivery_plan",
        ),
        tests=(
            "tests/staff/test_log_contact.py::test_the_choice_to_complain_must_be_recorded_and_nothing_typed_is_lost",
            "tests/staff/test_log_contact.py::test_a_resident_who_chooses_not_to_complain_has_their_request_followed_up",
            "tests/staff/test_log_contact.py::test_choosing_not_to_complain_about_a_request_records_the_choice_on_that_request",
            "tests/complaints/test_contacts.py::test_dissatisfaction_cannot_be_logged_without_recording_the_choice_to_complain",
            "tests/letters/test_delivery.py::test_an_authorised_representative_is_sent_a_copy_through_the_outbox",
        ),
        note=(
            "Dissatisfaction cannot be logged until the resident was given the choice to "
            "complain and their answer is recorded; a resident who declines still has their "
            "request followed up, and a representative can complain for them."
        ),
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
            "putright.portal.views.pages.policy",
        ),
        tests=(
            "tests/complaints/test_service_requests.py::test_a_service_request_is_recorded_with_its_own_reference",
            "tests/complaints/test_service_requests.py::test_a_service_request_is_not_a_complaint",
            "tests/api/test_service_requests.py::test_listing_open_and_closed_service_requests",
            "tests/staff/test_log_contact.py::test_a_request_for_something_to_be_done_is_logged_as_a_service_request",
            "tests/complaints/test_contacts.py::test_a_service_request_needs_no_choice_to_complain",
            "tests/complaints/test_queues.py::test_a_service_request_the_resident_is_dissatisfied_with_stays_in_its_queue",
            "tests/portal/test_published_pages.py::test_the_policy_page_defines_a_complaint_and_a_service_request_and_what_is_excluded",
        ),
        note=(
            "Log a contact records a request for something to be done as a service request, "
            "with its own reference and apart from complaints; requests are listed open or "
            "closed, and those the resident is unhappy with are queued for staff; reviewing "
            "them is the landlord's."
        ),
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
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.complaints.models.Refusal",
            "putright.staff.views.actions.refuse",
            "putright.portal.views.pages.policy",
        ),
        tests=(
            "tests/staff/test_actions.py::test_a_complaint_not_accepted_records_the_ground_the_evidence_and_the_explanation",
            "tests/staff/test_actions.py::test_a_refusal_is_refused_without_what_the_code_requires",
            "tests/portal/test_published_pages.py::test_the_policy_page_defines_a_complaint_and_a_service_request_and_what_is_excluded",
        ),
        note=(
            "A refusal must name one of the Code's acceptable exclusions or state another "
            "reason, and the published policy page sets out what cannot be considered and "
            "why; a landlord's own further exclusions are written in its policy, not "
            "configured."
        ),
    ),
    "2.3": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.landlords.services.policy_validate_timescales",
            "putright.complaints.services.complaint_refuse",
            "putright.staff.views.actions.refuse",
            "putright.landlords.admin.ComplaintPolicyAdmin",
            "putright.portal.forms.WhenForm",
            "putright.portal.services.online_complaint_submit",
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
            "tests/portal/test_making_a_complaint.py::test_something_that_happened_years_ago_is_never_refused_by_the_form",
            "tests/selfassessment/test_measures.py::test_a_policy_time_limit_shorter_than_twelve_months_is_flagged",
        ),
        note=(
            "Neither the policy service nor the admin lets the 12-month limit be shortened; a "
            "time-limit refusal is blocked, on the staff pages too, when the complaint's "
            "recorded dates put the issue, or the resident's awareness of it, within 12 "
            "months, and otherwise needs discretion considered and recorded; with neither "
            "date recorded, only the refusal's evidence shows the limit was passed."
        ),
    ),
    "2.4": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.complaint_refuse",
            "putright.complaints.models.Refusal",
            "putright.staff.views.actions.refuse",
            "putright.letters.services.letter_send",
            "putright.selfassessment.measures.MEASURES",
        ),
        tests=(
            "tests/complaints/test_refusals.py::test_a_refusal_needs_an_explanation_for_the_resident",
            "tests/complaints/test_refusals.py::test_the_resident_must_be_told_of_their_right_to_go_to_the_ombudsman",
            "tests/api/test_lifecycle.py::test_a_refusal_without_the_right_to_go_to_the_ombudsman_is_refused",
            "tests/staff/test_actions.py::test_a_complaint_not_accepted_records_the_ground_the_evidence_and_the_explanation",
            "tests/staff/test_actions.py::test_a_refusal_is_refused_without_what_the_code_requires",
            "tests/letters/test_required_content.py::test_a_refusal_gives_the_reasons_and_the_right_to_go_to_the_ombudsman",
            "tests/selfassessment/test_measures.py::test_every_refusal_explained_with_the_right_to_the_ombudsman",
        ),
        note=(
            "A refusal, in the staff pages or the API, cannot be recorded without the written "
            "explanation given to the resident and confirmation that they were told of their "
            "right to take the decision to the Ombudsman."
        ),
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
            "putright.portal.views.complain.check",
            "putright.portal.services.online_complaint_submit",
            "putright.portal.forms.AdjustmentsForm",
        ),
        tests=(
            "tests/complaints/test_logging.py::test_a_complaint_can_be_logged_however_it_is_made",
            "tests/residents/test_special_category_data.py::test_an_adjustment_and_the_disability_disclosed_are_recorded",
            "tests/residents/test_special_category_data.py::test_a_resident_can_ask_for_an_adjustment_themselves",
            "tests/portal/test_making_a_complaint.py::test_a_complaint_made_online_arrives_at_stage_one_with_the_channel_online_form",
            "tests/e2e/test_resident_journey.py::test_the_same_complaint_can_be_made_without_javascript_on_a_320_pixel_screen",
        ),
        note=(
            "Each complaint records which of ten channels it came by, including an accessible "
            "online form that works without JavaScript on a small screen and asks about "
            "adjustments up front; reasonable adjustments are recorded whether residents ask "
            "or staff anticipate them."
        ),
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
            "putright.portal.services.online_complaint_submit",
            "putright.inbound.services.inbound_message_ingest",
            "putright.staff.views.inbound.inbound_log_contact",
        ),
        tests=(
            "tests/complaints/test_logging.py::test_a_complaint_can_be_logged_by_a_handler_not_only_the_complaints_team",
            "tests/api/test_lifecycle.py::test_categorising_sets_category_and_service_area",
            "tests/complaints/test_handlers.py::test_a_stage_is_assigned_to_a_handler_and_the_change_recorded",
            "tests/staff/test_log_contact.py::test_every_role_that_logs_complaints_can_log_a_contact",
            "tests/staff/test_log_contact.py::test_a_governing_body_member_cannot_log_a_contact",
            "tests/e2e/test_log_contact.py::test_an_officer_logs_a_phone_complaint_from_start_to_finish",
            "tests/portal/test_making_a_complaint.py::test_the_complaint_arrives_in_the_staff_queue_to_acknowledge",
            "tests/inbound/test_ingest.py::test_whatever_arrives_is_stored_for_a_person_to_read",
            "tests/inbound/test_ingest.py::test_a_reference_to_no_complaint_is_left_for_triage",
            "tests/inbound/test_triage_pages.py::test_logging_as_a_new_contact_fills_in_log_a_contact",
        ),
        note=(
            "Every staff role that takes complaints can log a contact however it was made, "
            "through Log a contact or the API, and the complaints officer routes it by "
            "service area and assigns its handler; knowing the process is the landlord's "
            "training."
        ),
    ),
    "3.3": Answer(
        classification="organisational",
        status="planned",
        answered_by=("putright.reporting.figures.report_figures",),
        tests=(),
        note=(
            "An attitude for the landlord; the dashboard and annual report show complaints "
            "per 1,000 homes (homes are recorded per entity) with no target to drive them "
            "down."
        ),
    ),
    "3.4": Answer(
        classification="supported",
        status="implemented",
        answered_by=("putright.portal.views.pages.policy",),
        tests=(
            "tests/portal/test_published_pages.py::test_changing_the_policys_timescales_changes_the_policy_page",
            "tests/portal/test_published_pages.py::test_the_policy_page_gives_the_landlords_own_timescales_in_working_days",
            "tests/e2e/test_resident_journey.py::test_the_published_resident_pages_are_accessible",
        ),
        note=(
            "The resident service publishes the complaints policy in accessible HTML, stage "
            "by stage, with the timescales taken from the policy the system applies, so it "
            "changes when the settings do."
        ),
    ),
    "3.5": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.portal.views.pages.ombudsman",
            "putright.portal.views.complain.sent",
        ),
        tests=(
            "tests/portal/test_published_pages.py::test_every_resident_page_names_the_ombudsman_and_how_to_reach_them",
            "tests/portal/test_published_pages.py::test_the_ombudsman_page_follows_the_contact_details_the_landlord_keeps",
        ),
        note=(
            "Every page of the resident service names the Housing Ombudsman and how to reach "
            "them, and the Ombudsman page follows the contact details the landlord keeps; "
            "where else the policy is publicised is the landlord's to record."
        ),
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
            "putright.portal.forms.RepresentativeForm",
            "putright.letters.delivery.delivery_plan",
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
            "tests/portal/test_making_a_complaint.py::test_a_representative_complains_for_a_resident_with_their_consent",
            "tests/e2e/test_resident_journey.py::test_a_resident_complains_through_a_representative_and_asks_for_stage_two_without_a_reason",
            "tests/letters/test_delivery.py::test_an_authorised_representative_is_sent_a_copy_through_the_outbox",
        ),
        note=(
            "A representative is recorded, when a contact is logged or through the API, with "
            "the resident's consent and how it was given (or as awaiting it), and can make "
            "and pursue the complaint for them; who comes to a meeting is the landlord's to "
            "allow."
        ),
    ),
    "3.7": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.landlords.models.OmbudsmanContact",
            "putright.landlords.services.landlord_create",
            "putright.complaints.services.complaint_refuse",
            "putright.complaints.services.stage_extend",
            "putright.landlords.admin.LandlordAdmin",
            "putright.portal.views.pages.ombudsman",
        ),
        tests=(
            "tests/landlords/test_policy.py::test_a_new_landlord_has_the_ombudsmans_published_contact_details",
            "tests/web/test_pages.py::test_the_resident_page_always_gives_the_ombudsmans_contact_details",
            "tests/complaints/test_refusals.py::test_the_resident_must_be_told_of_their_right_to_go_to_the_ombudsman",
            "tests/complaints/test_extensions.py::test_the_resident_must_be_given_the_ombudsmans_details_with_a_stage_one_extension",
            "tests/landlords/test_admin.py::test_an_administrator_changes_the_landlords_details_and_ombudsman_contact",
            "tests/portal/test_published_pages.py::test_every_resident_page_names_the_ombudsman_and_how_to_reach_them",
        ),
        note=(
            "Every landlord is set up with the Ombudsman's contact details, which its "
            "administrator keeps up to date and every resident page shows, and refusals and "
            "extensions cannot be recorded unless the resident was told them."
        ),
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
            "putright.letters.services.letter_send",
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
            "tests/letters/test_required_content.py::test_the_stage_one_acknowledgement_sets_out_the_complaint_definition",
            "tests/letters/test_completeness.py::test_an_acknowledgement_without_the_definition_is_refused_and_not_acknowledged",
        ),
        note=(
            "Neither stage can be acknowledged or answered until its complaint definition, "
            "with the outcomes the resident seeks, is set out; asking the resident to clarify "
            "is kept as correspondence."
        ),
    ),
    "5.7": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_define",
            "putright.complaints.services.stage_acknowledge",
            "putright.staff.views.actions.acknowledge",
            "putright.staff.views.actions.define",
            "putright.letters.services.letter_send",
        ),
        tests=(
            "tests/complaints/test_definition_and_acknowledgement.py::test_the_definition_must_set_out_understanding_outcomes_and_responsibility",
            "tests/complaints/test_definition_and_acknowledgement.py::test_the_definition_records_what_the_landlord_is_and_is_not_responsible_for",
            "tests/complaints/test_definition_and_acknowledgement.py::test_a_complaint_cannot_be_acknowledged_before_it_is_defined",
            "tests/staff/test_actions.py::test_acknowledging_defines_the_complaint_and_starts_the_response_clock",
            "tests/staff/test_actions.py::test_acknowledging_without_a_definition_is_refused_naming_the_code",
            "tests/letters/test_required_content.py::test_the_acknowledgement_says_what_the_landlord_is_not_responsible_for",
        ),
        note=(
            "A stage cannot be acknowledged until its definition says what the landlord is "
            "responsible for, with what it is not responsible for recorded beside it."
        ),
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
        classification="evidenced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_agree_updates",
            "putright.staff.views.actions.agree_updates",
            "putright.complaints.queues.complaint_queue_overdue",
            "putright.selfassessment.measures.MEASURES",
        ),
        tests=(
            "tests/complaints/test_update_intervals.py::test_update_intervals_are_agreed_and_recorded_for_the_resident",
            "tests/staff/test_actions.py::test_update_intervals_are_agreed_with_the_resident",
            "tests/selfassessment/test_measures.py::test_late_responses_without_agreed_update_intervals_are_flagged",
        ),
        note=(
            "The update interval and method agreed with the resident are recorded per stage, "
            "the Overdue queue prompts staff to agree them, and the self-assessment flags "
            "every late response without agreed updates; an extension or late response is not "
            "refused for want of one."
        ),
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
            "putright.portal.services.online_complaint_submit",
            "putright.letters.delivery.delivery_plan",
        ),
        tests=(
            "tests/residents/test_special_category_data.py::test_an_adjustment_and_the_disability_disclosed_are_recorded",
            "tests/residents/test_special_category_data.py::test_an_adjustments_review_date_comes_after_it_was_agreed",
            "tests/residents/test_special_category_data.py::test_adjustments_due_for_review_are_listed",
            "tests/staff/test_case_page.py::test_vulnerabilities_and_adjustments_are_shown_to_roles_that_may_see_them",
            "tests/staff/test_case_page.py::test_vulnerabilities_and_adjustments_are_hidden_from_roles_that_may_not_see_them",
            "tests/residents/test_review_queues.py::test_an_adjustment_is_listed_from_two_working_days_before_its_review",
            "tests/residents/test_review_queues.py::test_adjustments_are_special_category_data_and_not_shown_to_handlers",
            "tests/portal/test_making_a_complaint.py::test_adjustments_asked_for_are_recorded_for_review",
            "tests/letters/test_rendering.py::test_a_resident_with_a_large_print_adjustment_gets_large_print",
            "tests/letters/test_delivery.py::test_phone_instead_of_letters_keeps_the_letter_without_sending_it",
        ),
        note=(
            "Reasonable adjustments and disclosed disabilities are recorded per resident with "
            "review dates, shown on the case page only to roles allowed special-category "
            "data, and listed in a review queue from two working days before each review."
        ),
    ),
    "5.11": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.complaint_refuse",
            "putright.letters.services.letter_send",
        ),
        tests=(
            "tests/complaints/test_refusals.py::test_refusing_a_stage_two_request_records_that_escalation_was_refused",
            "tests/complaints/test_refusals.py::test_refusing_stage_two_needs_an_explanation_of_the_reasons",
            "tests/complaints/test_refusals.py::test_refusing_stage_two_also_needs_the_ombudsman_right_explained",
            "tests/api/test_lifecycle.py::test_refusing_a_stage_two_request_needs_the_ombudsman_right",
            "tests/letters/test_required_content.py::test_a_refusal_gives_the_reasons_and_the_right_to_go_to_the_ombudsman",
        ),
        note=(
            "A request for stage 2 can be refused only before it is acknowledged, on a "
            "recorded ground with evidence, an explanation for the resident and their right "
            "to go to the Ombudsman."
        ),
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
            "putright.letters.models.Letter",
            "putright.outbox.models.OutboxMessage",
            "putright.outbox.services.outbox_record_bounce",
            "putright.inbound.services.inbound_message_ingest",
            "putright.portal.services.online_information_add",
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
            "tests/letters/test_rendering.py::test_the_content_hash_is_of_what_was_stored_as_sent",
            "tests/letters/test_sent_letters.py::test_each_letter_is_on_the_timeline_the_resident_sees",
            "tests/outbox/test_smtp_delivery.py::test_a_delivered_email_is_recorded_once_and_shown_on_the_residents_timeline",
            "tests/outbox/test_bounces.py::test_a_bounce_is_recorded_against_the_email_it_names_and_on_the_complaint",
            "tests/inbound/test_ingest.py::test_a_reference_in_the_subject_keeps_the_email_with_that_complaint",
            "tests/inbound/test_ingest.py::test_a_reply_to_an_email_putright_sent_matches_its_complaint",
            "tests/portal/test_tracking.py::test_a_resident_adds_information_and_a_photo",
        ),
        note=(
            "The original complaint and when it was received, each stage's outcome, all "
            "correspondence, notes and documents, and every change are kept, in a record "
            "neither the ORM nor the database lets anyone alter, and the case page lists its "
            "history in words."
        ),
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
            "putright.letters.delivery.delivery_plan",
        ),
        tests=(
            "tests/residents/test_restrictions.py::test_a_manager_restricts_contact_with_evidence_and_a_review_date",
            "tests/residents/test_restrictions.py::test_a_restriction_needs_its_behaviour_evidence_terms_and_equality_considerations",
            "tests/residents/test_restrictions.py::test_restrictions_due_for_review_are_listed",
            "tests/residents/test_restrictions.py::test_a_review_records_its_outcome",
            "tests/staff/test_case_page.py::test_restrictions_on_contact_are_shown_to_everyone_who_may_see_the_complaint",
            "tests/residents/test_review_queues.py::test_a_restriction_is_listed_from_two_working_days_before_its_review",
            "tests/letters/test_delivery.py::test_a_restriction_on_contact_sends_the_letter_by_post",
        ),
        note=(
            "A restriction on contact needs the behaviour, its evidence and a review date, "
            "and is shown on the case page to everyone who may see the complaint; reviews are "
            "recorded and listed from two working days before they fall due; the policy is "
            "the landlord's."
        ),
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
            "putright.letters.services.letter_send",
            "putright.selfassessment.measures.MEASURES",
            "putright.reporting.selectors.acknowledged_on_time",
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
            "tests/portal/test_making_a_complaint.py::test_the_acknowledgement_date_follows_the_landlords_policy",
            "tests/selfassessment/test_measures.py::test_stage_one_acknowledgement_counts_those_within_five_working_days_and_flags_a_late_one",
            "tests/reporting/test_figures.py::test_acknowledgements_are_timed_in_working_days_skipping_bank_holidays",
            "tests/reporting/test_timeliness_sql.py::test_the_database_decides_timeliness_as_the_codes_rules_do",
        ),
        note=(
            "Acknowledgement, which needs the definition first, is due in the policy's "
            "working days (never more than 5, and closure days set in the admin do not count) "
            "from receipt; each is recorded on time or late, and staff queues list stages to "
            "acknowledge, due soon and overdue."
        ),
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
            "putright.selfassessment.measures.MEASURES",
            "putright.reporting.selectors.response_timeliness",
            "putright.reporting.tsm.tsm_complaint_measures",
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
            "tests/selfassessment/test_measures.py::test_stage_one_responses_past_the_codes_ten_working_days_are_flagged",
            "tests/reporting/test_figures.py::test_a_response_within_an_extension_the_code_allows_counts_as_on_time",
            "tests/reporting/test_timeliness_sql.py::test_the_database_decides_timeliness_as_the_codes_rules_do",
            "tests/reporting/test_tsm.py::test_ch02_counts_responses_within_an_allowed_extension_as_within_the_timescales",
        ),
        note=(
            "The stage 1 response is due in the policy's working days (never more than 10) "
            "from acknowledgement; each response is recorded on time or late, and the "
            "due-soon and overdue queues count down to it."
        ),
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
            "putright.letters.services.letter_send",
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
            "tests/letters/test_required_content.py::test_an_extension_letter_gives_the_reason_the_new_date_and_the_ombudsmans_details",
            "tests/reporting/test_figures.py::test_an_extension_beyond_the_codes_maximum_does_not_make_a_response_timely",
        ),
        note=(
            "An extension needs a reason and the date the resident was told the new deadline, "
            "which the staff page shows in working days before it is set; going beyond the "
            "policy's maximum (never more than 10 working days) needs a recorded good reason, "
            "and extended complaints are listed with their new date."
        ),
    ),
    "6.5": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_extend",
            "putright.staff.views.actions.extend",
            "putright.letters.completeness.required_elements",
            "putright.selfassessment.measures.MEASURES",
        ),
        tests=(
            "tests/complaints/test_extensions.py::test_the_resident_must_be_given_the_ombudsmans_details_with_a_stage_one_extension",
            "tests/api/test_lifecycle.py::test_an_extension_without_the_ombudsmans_details_is_refused",
            "tests/staff/test_actions.py::test_an_extension_shows_the_new_due_date_in_working_days_before_it_is_set",
            "tests/staff/test_actions.py::test_an_extension_must_give_the_ombudsmans_contact_details",
            "tests/staff/test_actions.py::test_an_extension_beyond_the_maximum_needs_a_good_reason",
            "tests/complaints/test_available_actions.py::test_the_extension_preview_counts_working_days_as_the_service_will",
            "tests/letters/test_completeness.py::test_an_extension_letter_without_the_ombudsmans_details_is_refused",
            "tests/letters/test_completeness.py::test_the_editor_refuses_an_extension_template_that_drops_the_ombudsmans_details",
            "tests/selfassessment/test_measures.py::test_every_extension_carried_the_ombudsmans_details",
        ),
        note=(
            "An extension cannot be recorded unless the resident was given the Ombudsman's "
            "contact details when told of it."
        ),
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
            "putright.portal.selectors.resident_complaint_view",
        ),
        tests=(
            "tests/staff/test_actions.py::test_a_response_answers_every_point_with_a_remedy_and_an_outstanding_action",
            "tests/staff/test_actions_follow_through.py::test_an_outstanding_action_has_an_owner_and_a_date",
            "tests/staff/test_actions_follow_through.py::test_an_outstanding_action_is_updated_then_done",
            "tests/staff/test_actions_follow_through.py::test_outstanding_actions_are_still_followed_after_closure",
            "tests/remedies/test_selectors.py::test_an_action_is_listed_from_two_working_days_before_it_is_due_until_it_is_done",
            "tests/remedies/test_selectors.py::test_a_cancelled_action_is_not_listed",
            "tests/portal/test_tracking.py::test_remedies_and_outstanding_actions_are_shown_with_their_progress",
            "tests/letters/test_required_content.py::test_an_update_given_to_the_resident_on_an_outstanding_action_is_written_to_them",
        ),
        note=(
            "The response is recorded without waiting on outstanding actions, which are "
            "tracked with an owner, a due date and updates to the resident, after closure "
            "too, and listed in a staff queue from two working days before they fall due "
            "until done; reports of overdue actions come with reporting."
        ),
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
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_respond",
            "putright.letters.completeness.required_elements",
            "putright.letters.services.letter_send",
            "putright.outbox.worker.deliver_due",
        ),
        tests=(
            "tests/letters/test_required_content.py::test_the_stage_one_response_confirms_elements_a_to_g",
            "tests/letters/test_completeness.py::test_a_stage_one_response_missing_an_element_is_refused_and_nothing_is_saved",
            "tests/letters/test_completeness.py::test_the_editor_refuses_a_response_template_that_drops_an_element",
            "tests/letters/test_completeness.py::test_a_response_with_nothing_to_offer_must_still_say_so",
            "tests/staff/test_actions.py::test_the_response_letter_carries_the_remedies_and_actions_given_with_it",
            "tests/outbox/test_claims.py::test_two_workers_running_together_send_each_message_exactly_once",
        ),
        note=(
            "The stage 1 response letter is written from the recorded definition, decision, "
            "reasons, remedies and actions, and checked element by element: a response whose "
            "letter lacks any of a) to g) is refused as a whole, and the letter is delivered "
            "through the outbox exactly once."
        ),
    ),
    # -- 6. Complaints stages: stage 2 --------------------------------------------------------
    "6.10": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.complaint_escalate",
            "putright.staff.views.actions.escalate",
            "putright.complaints.actions.complaint_available_actions",
            "putright.portal.views.track.escalate",
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
            "tests/portal/test_tracking.py::test_stage_two_cannot_be_asked_for_before_the_stage_one_response",
        ),
        note=(
            "Once stage 1 is answered the complaint can go to stage 2, even after closure, "
            "and only a recorded refusal stops it; stage 2 is the final response."
        ),
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
            "putright.letters.services.letter_send",
            "putright.selfassessment.measures.MEASURES",
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
            "tests/letters/test_required_content.py::test_the_stage_two_acknowledgement_sets_out_the_stage_two_definition",
            "tests/selfassessment/test_measures.py::test_a_stage_two_acknowledged_and_answered_in_time_meets_the_code",
        ),
        note=(
            "Stage 2 acknowledgement, which needs its own definition first, is due in the "
            "policy's working days (never more than 5) from the request, and the request "
            "waits in its own queue; each is recorded on time or late."
        ),
    ),
    "6.12": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.complaint_escalate",
            "putright.complaints.models.Stage.escalation_reason",
            "putright.staff.views.actions.escalate",
            "putright.portal.views.track.escalate",
        ),
        tests=(
            "tests/complaints/test_escalation.py::test_a_resident_need_not_give_a_reason_for_stage_two",
            "tests/complaints/test_escalation.py::test_a_reason_for_stage_two_is_kept_when_the_resident_gives_one",
            "tests/api/test_lifecycle.py::test_escalating_opens_stage_two_without_a_reason",
            "tests/staff/test_actions.py::test_a_request_for_stage_two_needs_no_reason",
            "tests/portal/test_tracking.py::test_stage_two_can_be_asked_for_after_the_stage_one_response_without_a_reason",
            "tests/e2e/test_resident_journey.py::test_a_resident_complains_through_a_representative_and_asks_for_stage_two_without_a_reason",
        ),
        note=(
            "A request for stage 2 never needs a reason and any reason given is kept; stage 2 "
            "is defined afresh to understand why the resident is still unhappy."
        ),
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
            "putright.selfassessment.measures.MEASURES",
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
            "tests/selfassessment/test_measures.py::test_stage_two_handler_differed_in_every_case",
            "tests/selfassessment/test_measures.py::test_stage_two_considered_by_the_stage_one_handler_is_flagged",
        ),
        note=(
            "Stage 2 cannot be assigned to, or answered by, whoever handled or answered stage "
            "1, and the staff pages never offer them; the stage 1 handler cannot step aside "
            "once it is answered."
        ),
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
            "putright.selfassessment.measures.MEASURES",
            "putright.reporting.selectors.timeliness_counts",
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
            "tests/selfassessment/test_measures.py::test_a_stage_two_acknowledged_and_answered_in_time_meets_the_code",
            "tests/reporting/test_figures.py::test_stage_two_timeliness_uses_the_stage_two_timescales",
            "tests/reporting/test_timeliness_sql.py::test_the_database_decides_timeliness_as_the_codes_rules_do",
        ),
        note=(
            "The stage 2 response is due in the policy's working days (never more than 20) "
            "from acknowledgement; each response is recorded on time or late, and the "
            "due-soon and overdue queues count down to it."
        ),
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
            "putright.letters.services.letter_send",
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
            "tests/letters/test_required_content.py::test_an_extension_letter_gives_the_reason_the_new_date_and_the_ombudsmans_details",
            "tests/reporting/test_tsm.py::test_stage_two_extensions_count_only_as_far_as_the_codes_20_working_days",
        ),
        note=(
            "A stage 2 extension needs a reason and the date the resident was told; going "
            "beyond the policy's maximum (never more than 20 working days) needs a recorded "
            "good reason, and extended complaints are listed with their new date."
        ),
    ),
    "6.16": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_extend",
            "putright.letters.completeness.required_elements",
        ),
        tests=(
            "tests/complaints/test_extensions.py::test_the_resident_must_be_given_the_ombudsmans_details_with_a_stage_two_extension",
            "tests/api/test_lifecycle.py::test_a_stage_two_extension_needs_the_ombudsmans_details_and_a_limit",
            "tests/letters/test_completeness.py::test_an_extension_letter_without_the_ombudsmans_details_is_refused",
        ),
        note=(
            "A stage 2 extension cannot be recorded unless the resident was given the "
            "Ombudsman's contact details when told of it."
        ),
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
            "putright.reporting.selectors.action_counts",
        ),
        tests=(
            "tests/staff/test_actions.py::test_a_response_answers_every_point_with_a_remedy_and_an_outstanding_action",
            "tests/staff/test_actions_follow_through.py::test_an_outstanding_action_has_an_owner_and_a_date",
            "tests/staff/test_actions_follow_through.py::test_an_outstanding_action_is_updated_then_done",
            "tests/staff/test_actions_follow_through.py::test_outstanding_actions_are_still_followed_after_closure",
            "tests/remedies/test_selectors.py::test_an_action_is_listed_from_two_working_days_before_it_is_due_until_it_is_done",
            "tests/remedies/test_selectors.py::test_a_cancelled_action_is_not_listed",
            "tests/reporting/test_figures.py::test_outstanding_actions_open_overdue_and_completed",
        ),
        note=(
            "The final response is recorded without waiting on outstanding actions, which are "
            "tracked with an owner, a due date and updates to the resident, after closure "
            "too, and listed in a staff queue from two working days before they fall due "
            "until done; reports of overdue actions come with reporting."
        ),
    ),
    "6.18": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_define",
            "putright.complaints.services.stage_respond",
            "putright.complaints.models.ComplaintPoint",
            "putright.selfassessment.measures.MEASURES",
        ),
        tests=(
            "tests/complaints/test_responses.py::test_the_stage_two_response_must_address_every_point",
            "tests/complaints/test_responses.py::test_every_stage_two_finding_needs_reasons",
            "tests/complaints/test_responses.py::test_the_stage_two_response_records_each_points_finding_reasons_and_policy",
            "tests/api/test_lifecycle.py::test_a_stage_two_response_must_address_every_point_and_decide",
            "tests/selfassessment/test_measures.py::test_a_point_left_without_reasons_is_flagged",
        ),
        note=(
            "The stage 2 response cannot be recorded until every point of its definition has "
            "a finding and its reasons, with any policy, law or good practice relied on."
        ),
    ),
    "6.19": Answer(
        classification="enforced",
        status="implemented",
        answered_by=(
            "putright.complaints.services.stage_respond",
            "putright.letters.completeness.required_elements",
            "putright.letters.services.letter_send",
        ),
        tests=(
            "tests/letters/test_required_content.py::test_the_final_response_says_how_to_go_to_the_ombudsman",
            "tests/letters/test_completeness.py::test_a_final_response_missing_an_element_is_refused",
        ),
        note=(
            "The final response letter is written from the recorded stage 2 decision, "
            "reasons, remedies and actions, with how to go to the Ombudsman, and a response "
            "whose letter lacks any of a) to g) is refused as a whole."
        ),
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
            "putright.letters.services.letter_send",
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
            "tests/letters/test_required_content.py::test_a_remedy_offered_after_the_response_says_what_will_happen_and_by_when",
        ),
        note=(
            "A remedy cannot be offered without what will happen and by when; the resident's "
            "answer is recorded and it stays open, after closure too, until completed or "
            "paid, and financial remedies are listed in a staff queue until their payment is "
            "recorded."
        ),
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
        status="implemented",
        answered_by=(
            "putright.reporting.annual.annual_report_content",
            "putright.reporting.documents",
            "putright.reporting.management.commands.report",
            "putright.learning.models.CodeNonCompliance",
            "putright.learning.models.OmbudsmanPublication",
            "putright.learning.services.ombudsman_publication_add",
            "putright.imports.services.import_batch_create",
            "putright.reporting.figures.report_figures",
        ),
        tests=(
            "tests/reporting/test_annual_report.py::test_the_report_holds_what_code_8_1_lists",
            "tests/reporting/test_annual_report.py::test_the_json_carries_every_figure_the_dashboard_shows",
            "tests/reporting/test_annual_report.py::test_publishing_needs_the_approved_self_assessment",
            "tests/reporting/test_report_command.py::test_json_has_every_figure_for_the_period",
            "tests/learning/test_publications_and_compliance.py::test_the_annual_performance_letter_is_kept_as_a_pdf",
            "tests/learning/test_publications_and_compliance.py::test_non_compliance_names_a_provision_the_code_has",
            "tests/imports/test_imported_figures.py::test_the_annual_figures_count_the_imported_year",
            "tests/reporting/test_figures.py::test_refusals_are_counted_by_kind_and_ground",
            "tests/reporting/test_figures.py::test_the_json_form_carries_every_figure",
        ),
        note=(
            "The annual complaints performance and service improvement report is built for "
            "any period from the records (self-assessment, figures, refusals by ground, "
            "Ombudsman findings and publications, non-compliance, improvements) as HTML, PDF, "
            "DOCX or JSON, past years included once imported."
        ),
    ),
    "8.2": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.reporting.services.annual_report_record_response",
            "putright.reporting.services.annual_report_publish",
            "putright.portal.views.published_reports",
        ),
        tests=(
            "tests/reporting/test_annual_report.py::test_publishing_needs_the_governing_bodys_response",
            "tests/reporting/test_annual_report.py::test_publishing_snapshots_the_report_with_the_response_alongside",
            "tests/reporting/test_annual_report_pages.py::test_published_report_appears_on_the_resident_service_with_the_response",
        ),
        note=(
            "The governing body's response is recorded, and the report cannot be published "
            "without it; publishing puts both on the resident service."
        ),
    ),
    "8.3": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.selfassessment.services.self_assessment_prepare",
            "putright.selfassessment.models.SelfAssessment",
        ),
        tests=(
            "tests/selfassessment/test_versions.py::test_a_change_after_approval_is_a_new_version_carrying_the_answers",
        ),
        note=(
            "A self-assessment can be prepared at any time with its reason recorded (annual, "
            "or after a restructure, merger or change of procedure), each version kept."
        ),
    ),
    "8.4": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.selfassessment.services.self_assessment_prepare",
            "putright.selfassessment.services.self_assessment_approve",
        ),
        tests=(
            "tests/selfassessment/test_versions.py::test_an_approved_version_is_frozen",
            "tests/selfassessment/test_versions.py::test_the_governing_body_approves_and_who_and_when_are_recorded",
        ),
        note=(
            "A review prompted by the Ombudsman is prepared as a new version with that "
            "reason, approved by the governing body, who and when recorded, and frozen once "
            "approved."
        ),
    ),
    "8.5": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.learning.services.exceptional_circumstance_record",
            "putright.learning.services.exceptional_circumstance_update",
        ),
        tests=(
            "tests/learning/test_publications_and_compliance.py::test_exceptional_circumstances_keep_when_the_ombudsman_and_residents_were_told",
            "tests/learning/test_publications_and_compliance.py::test_the_compliance_page_flags_circumstances_without_a_date_for_complying_again",
            "tests/selfassessment/test_measures.py::test_exceptional_circumstances_not_reported_to_the_ombudsman_are_flagged",
        ),
        note=(
            "A period of exceptional circumstances is recorded with when the Ombudsman and "
            "residents were told, the notice's publication and the date for complying again, "
            "and the self-assessment flags any not reported."
        ),
    ),
    # -- 9. Scrutiny & oversight: continuous learning and improvement -------------------------
    "9.1": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.learning.services.complaint_root_cause_record",
            "putright.learning.services.improvement_create",
            "putright.learning.services.improvement_link_complaint",
            "putright.reporting.selectors.root_cause_counts",
        ),
        tests=(
            "tests/learning/test_root_causes.py::test_the_handler_records_a_root_cause_with_notes_and_the_complaint_history_shows_it",
            "tests/learning/test_improvements.py::test_an_improvement_is_recorded_with_the_complaints_that_prompted_it",
            "tests/reporting/test_figures.py::test_categories_service_areas_and_root_causes",
        ),
        note=(
            "Root causes are recorded on each complaint, and service improvements are tracked "
            "to completion linked to the complaints that prompted them."
        ),
    ),
    "9.2": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.complaints.services.complaint_categorise",
            "putright.learning.selectors.root_cause_choices",
            "putright.learning.services.improvement_set_status",
        ),
        tests=(
            "tests/learning/test_improvements.py::test_a_completed_improvement_says_what_difference_it_made",
        ),
        note=(
            "Complaints carry a category, service area and root causes, which give the "
            "themes; a completed improvement must say what difference it made."
        ),
    ),
    "9.3": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.learning.selectors.improvement_you_said_we_did",
            "putright.staff.views.learning.you_said_we_did",
        ),
        tests=(
            "tests/learning/test_pages.py::test_the_lead_moves_an_improvement_to_completed_with_its_outcome",
            "tests/learning/test_improvements.py::test_you_said_we_did_lists_completed_improvements_for_the_governing_body",
        ),
        note=(
            "A 'you said, we did' list of completed improvements is ready to share with "
            "residents' panels, staff and committees; when it was shared is the landlord's to "
            "record."
        ),
    ),
    "9.4": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.accounts.roles.ROLES",
            "putright.reporting.figures.report_figures",
            "putright.staff.views.dashboard.dashboard",
        ),
        tests=(
            "tests/reporting/test_figures.py::test_trends_compare_with_the_previous_quarter",
            "tests/reporting/test_dashboard.py::test_the_senior_lead_can_open_each_case_from_the_drill_down",
        ),
        note=(
            "The senior lead sees every complaint and the dashboard of themes and trends for "
            "any period, drilling from each figure to the complaints behind it."
        ),
    ),
    "9.5": Answer(
        classification="supported",
        status="implemented",
        answered_by=("putright.selfassessment.measures.MEASURES",),
        tests=(
            "tests/selfassessment/test_measures.py::test_no_senior_lead_or_member_responsible_is_flagged",
            "tests/selfassessment/test_measures.py::test_the_senior_lead_and_member_responsible_are_found",
        ),
        note=(
            "One role serves the MRC and the governing body; the self-assessment finds who "
            "holds the senior lead and MRC roles and flags a landlord with neither."
        ),
    ),
    "9.6": Answer(
        classification="supported",
        status="implemented",
        answered_by=(
            "putright.accounts.roles.ROLES",
            "putright.staff.views.dashboard.dashboard",
            "putright.staff.views.dashboard.figure_complaints",
            "putright.learning.selectors.personal_data_visible",
        ),
        tests=(
            "tests/reporting/test_dashboard.py::test_the_governing_body_sees_the_figures_for_a_quarter",
            "tests/reporting/test_dashboard.py::test_the_drill_down_lists_the_complaints_a_figure_counts_by_reference_only",
            "tests/reporting/test_dashboard.py::test_a_complaint_handler_cannot_see_the_dashboard",
            "tests/learning/test_pages.py::test_the_governing_body_sees_findings_but_not_the_complaint_or_summary",
        ),
        note=(
            "The governing body reads the dashboard, learning and Ombudsman records and the "
            "annual report, and sees complaint references but no personal data."
        ),
    ),
    "9.7": Answer(
        classification="evidenced",
        status="implemented",
        answered_by=(
            "putright.reporting.figures.report_figures",
            "putright.learning.selectors.ombudsman_order_list_overdue",
            "putright.learning.services.ombudsman_order_record_compliance",
        ),
        tests=(
            "tests/reporting/test_figures.py::test_ombudsman_findings_and_compliance_with_orders",
            "tests/reporting/test_figures.py::test_trends_compare_with_the_previous_quarter",
            "tests/learning/test_ombudsman.py::test_overdue_orders_are_listed_until_complied_with",
            "tests/e2e/test_dashboard.py::test_the_governing_body_reads_a_quarter_and_drills_into_a_figure",
        ),
        note=(
            "The MRC and governing body get volumes, categories, outcomes, timeliness, trends "
            "and Ombudsman findings with compliance with orders, for any period."
        ),
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
