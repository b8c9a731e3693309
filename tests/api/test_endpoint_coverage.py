"""Every endpoint in the OpenAPI schema is tested: a new endpoint without tests fails here.

``TESTED`` names, for each (method, path) of the schema, the tests that exercise it: its happy
path, a bad request, and someone who may not do it (403) or may not see it (404). The 401
answers of every endpoint are proven by the parametrised tests in test_authentication.py,
which walk the schema themselves. When you add an endpoint, write its tests and name them here.
"""

from __future__ import annotations

import importlib
import inspect

import pytest

from putright.api.api import api

C = "/api/v1/complaints/{reference}"

TESTED: dict[tuple[str, str], tuple[str, ...]] = {
    ("POST", "/api/v1/complaints"): (
        "test_complaints::test_logging_a_complaint_answers_201_with_its_location_etag_and_first_deadline",
        "test_complaints::test_a_complaint_with_a_bad_field_is_a_422_naming_that_field",
        "test_complaints::test_a_blank_description_is_refused_under_code_5_12",
        "test_authentication::test_a_governing_body_token_of_an_officer_cannot_log_complaints",
    ),
    ("GET", "/api/v1/complaints"): (
        "test_complaints::test_limit_and_offset_page_through_the_list",
        "test_complaints::test_filtering_by_stage_2",
        "test_complaints::test_search_finds_complaints_by_postcode",
        "test_complaints::test_a_bad_list_parameter_is_a_422_naming_it",
        "test_complaints::test_a_handler_lists_only_their_teams_complaints",
        "test_queries::test_listing_5_or_25_complaints_takes_the_same_number_of_queries",
    ),
    ("GET", C): (
        "test_complaints::test_reading_a_complaint_gives_its_detail_and_version_as_etag",
        "test_complaints::test_a_handler_outside_the_team_gets_404_not_403",
        "test_complaints::test_an_unknown_reference_is_404",
    ),
    ("GET", f"{C}/timeline"): (
        "test_complaints::test_the_timeline_is_the_full_history_newest_first",
        "test_complaints::test_the_timeline_of_a_complaint_outside_the_team_is_404",
    ),
    ("POST", f"{C}/define"): (
        "test_lifecycle::test_defining_a_complaint_sets_out_its_points",
        "test_lifecycle::test_a_definition_missing_what_the_code_requires_is_refused",
        "test_lifecycle::test_a_definition_without_its_points_is_a_422_naming_the_field",
        "test_concurrency::test_two_clients_racing_on_the_same_version_get_one_success_and_one_412",
    ),
    ("POST", f"{C}/acknowledge"): (
        "test_lifecycle::test_acknowledging_starts_the_response_deadline",
        "test_lifecycle::test_a_complaint_cannot_be_acknowledged_before_it_is_defined",
        "test_lifecycle::test_an_acknowledgement_dated_before_receipt_is_refused",
        "test_lifecycle::test_a_complaint_handler_cannot_acknowledge",
    ),
    ("POST", f"{C}/assign"): (
        "test_lifecycle::test_assigning_names_the_handler",
        "test_lifecycle::test_the_stage_two_handler_must_differ_from_the_stage_one_handler",
        "test_lifecycle::test_only_someone_who_can_handle_complaints_can_be_assigned",
        "test_lifecycle::test_a_complaint_handler_cannot_assign",
    ),
    ("POST", f"{C}/declare-conflict"): (
        "test_lifecycle::test_the_handler_declares_no_conflict",
        "test_lifecycle::test_a_handler_with_a_conflict_steps_aside",
        "test_lifecycle::test_a_conflict_must_be_described",
        "test_lifecycle::test_declare_conflict_needs_has_conflict",
        "test_lifecycle::test_only_the_stages_handler_declares_their_interests",
    ),
    ("POST", f"{C}/extend"): (
        "test_lifecycle::test_extending_moves_the_response_deadline",
        "test_lifecycle::test_an_extension_without_the_ombudsmans_details_is_refused",
        "test_lifecycle::test_a_stage_two_extension_needs_the_ombudsmans_details_and_a_limit",
        "test_lifecycle::test_an_extension_needs_a_reason_field",
    ),
    ("POST", f"{C}/agree-updates"): (
        "test_lifecycle::test_agreeing_how_often_the_resident_hears_from_us",
        "test_lifecycle::test_agreed_updates_must_say_how",
        "test_lifecycle::test_agreed_updates_need_an_interval",
    ),
    ("POST", f"{C}/respond"): (
        "test_lifecycle::test_responding_answers_every_point",
        "test_lifecycle::test_a_response_must_address_every_point",
        "test_lifecycle::test_the_stage_one_handler_cannot_give_the_stage_two_response",
        "test_lifecycle::test_a_finding_without_its_point_number_is_a_422",
    ),
    ("POST", f"{C}/escalate"): (
        "test_lifecycle::test_escalating_opens_stage_two_without_a_reason",
        "test_lifecycle::test_stage_two_escalation_before_a_stage_one_response_is_refused",
        "test_lifecycle::test_there_is_no_third_stage",
        "test_lifecycle::test_an_escalation_date_must_be_a_date",
    ),
    ("POST", f"{C}/refuse"): (
        "test_lifecycle::test_refusing_a_complaint_records_the_ground_and_the_ombudsman_right",
        "test_lifecycle::test_a_refusal_without_the_right_to_go_to_the_ombudsman_is_refused",
        "test_lifecycle::test_a_refusal_must_meet_the_code",
        "test_lifecycle::test_a_complaint_handler_cannot_refuse",
    ),
    ("POST", f"{C}/withdraw"): (
        "test_lifecycle::test_recording_a_withdrawal",
        "test_lifecycle::test_a_closed_complaint_cannot_be_withdrawn",
        "test_lifecycle::test_a_withdrawal_date_must_be_a_date",
    ),
    ("POST", f"{C}/close"): (
        "test_lifecycle::test_closing_a_complaint_with_its_response",
        "test_lifecycle::test_a_complaint_cannot_be_closed_before_its_response",
        "test_lifecycle::test_a_complaint_handler_cannot_close",
    ),
    ("POST", f"{C}/categorise"): (
        "test_lifecycle::test_categorising_sets_category_and_service_area",
        "test_lifecycle::test_categorising_with_an_unknown_category_or_area_is_a_422",
    ),
    ("POST", f"{C}/additional-issues"): (
        "test_lifecycle::test_an_issue_raised_before_the_stage_one_response_joins_stage_one",
        "test_lifecycle::test_an_issue_raised_after_the_stage_one_response_is_a_new_complaint",
        "test_lifecycle::test_an_additional_issue_must_be_described",
    ),
    ("POST", f"{C}/remedies"): (
        "test_remedies::test_offering_a_financial_remedy_splits_the_amount_by_head",
        "test_remedies::test_a_remedy_must_say_what_will_happen_and_by_when",
        "test_remedies::test_a_remedy_amount_must_be_a_number",
        "test_concurrency::test_two_clients_racing_on_the_same_version_get_one_success_and_one_412",
    ),
    ("POST", f"{C}/actions"): (
        "test_remedies::test_an_outstanding_action_has_an_owner_and_a_date",
        "test_remedies::test_an_action_without_an_owner_description_or_future_date_is_refused",
    ),
    ("GET", f"{C}/correspondence"): (
        "test_correspondence::test_correspondence_is_listed_newest_first",
        "test_correspondence::test_the_governing_body_sees_no_correspondence",
    ),
    ("POST", f"{C}/correspondence"): (
        "test_correspondence::test_a_message_with_documents_is_recorded_and_the_bytes_come_back_unchanged",
        "test_correspondence::test_a_message_must_say_its_direction_and_medium",
        "test_correspondence::test_an_empty_message_or_an_empty_document_is_refused",
        "test_correspondence::test_documents_of_a_complaint_outside_the_team_are_404",
    ),
    ("GET", f"{C}/attachments/{{attachment_id}}"): (
        "test_correspondence::test_a_message_with_documents_is_recorded_and_the_bytes_come_back_unchanged",
        "test_correspondence::test_a_document_is_not_served_from_another_complaint",
        "test_correspondence::test_a_document_name_that_is_not_ascii_downloads_under_its_own_name",
        "test_errors::test_a_path_id_that_is_not_a_number_is_a_422_naming_it",
    ),
    ("POST", "/api/v1/service-requests"): (
        "test_service_requests::test_logging_a_service_request",
        "test_service_requests::test_a_service_request_with_a_bad_field_is_a_422",
        "test_service_requests::test_the_governing_body_cannot_log_or_list_service_requests",
    ),
    ("GET", "/api/v1/service-requests"): (
        "test_service_requests::test_listing_open_and_closed_service_requests",
        "test_service_requests::test_a_bad_service_request_list_parameter_is_a_422",
        "test_service_requests::test_the_governing_body_cannot_log_or_list_service_requests",
    ),
    ("GET", "/api/v1/service-requests/{reference}"): (
        "test_service_requests::test_reading_a_service_request",
        "test_service_requests::test_an_unknown_service_request_is_404",
        "test_service_requests::test_a_service_request_is_404_to_the_governing_body",
    ),
    ("POST", "/api/v1/service-requests/{reference}/dissatisfaction"): (
        "test_service_requests::test_dissatisfaction_raises_a_complaint_and_the_request_stays_open",
        "test_service_requests::test_dissatisfaction_must_be_described",
        "test_service_requests::test_a_service_request_is_404_to_the_governing_body",
    ),
    ("POST", "/api/v1/service-requests/{reference}/close"): (
        "test_service_requests::test_closing_a_service_request_once",
        "test_service_requests::test_a_service_request_is_404_to_the_governing_body",
    ),
    ("POST", "/api/v1/properties"): (
        "test_residents::test_recording_a_property",
        "test_residents::test_a_property_needs_an_address_and_postcode",
        "test_residents::test_the_governing_body_cannot_record_properties",
    ),
    ("POST", "/api/v1/residents"): (
        "test_residents::test_recording_and_reading_a_resident",
        "test_residents::test_a_resident_with_a_bad_field_is_a_422",
        "test_residents::test_the_governing_body_cannot_record_or_see_residents",
    ),
    ("GET", "/api/v1/residents/{resident_id}"): (
        "test_residents::test_recording_and_reading_a_resident",
        "test_residents::test_another_landlords_resident_is_404",
        "test_residents::test_the_governing_body_cannot_record_or_see_residents",
        "test_errors::test_a_path_id_that_is_not_a_number_is_a_422_naming_it",
    ),
    ("POST", "/api/v1/residents/{resident_id}/representatives"): (
        "test_residents::test_recording_a_representative_with_the_residents_consent",
        "test_residents::test_a_representatives_consent_must_be_evidenced",
        "test_residents::test_a_representative_with_a_bad_field_is_a_422",
        "test_residents::test_the_governing_body_cannot_record_representatives",
    ),
    ("POST", "/api/v1/remedies/{remedy_id}/response"): (
        "test_remedies::test_the_resident_accepts_and_the_payment_completes_the_remedy",
        "test_remedies::test_a_declined_remedy_cannot_be_answered_again_or_paid",
        "test_remedies::test_a_remedy_response_needs_accepted",
        "test_remedies::test_an_unknown_remedy_is_404",
    ),
    ("POST", "/api/v1/remedies/{remedy_id}/payment"): (
        "test_remedies::test_the_resident_accepts_and_the_payment_completes_the_remedy",
        "test_remedies::test_a_payment_cannot_be_recorded_in_the_future_or_for_an_apology",
        "test_remedies::test_an_unknown_remedy_is_404",
    ),
    ("POST", "/api/v1/remedies/{remedy_id}/complete"): (
        "test_remedies::test_completing_a_remedy_that_is_not_a_payment",
        "test_remedies::test_a_financial_remedy_is_completed_by_its_payment",
        "test_remedies::test_a_completion_date_must_be_a_date",
    ),
    ("POST", "/api/v1/actions/{action_id}/updates"): (
        "test_remedies::test_progress_on_an_action_is_recorded_with_when_the_resident_was_told",
        "test_remedies::test_an_unknown_action_is_404",
    ),
    ("POST", "/api/v1/actions/{action_id}/complete"): (
        "test_remedies::test_completing_an_action_stops_further_updates",
        "test_remedies::test_an_action_completion_date_must_be_a_date",
    ),
    ("POST", "/api/v1/actions/{action_id}/cancel"): (
        "test_remedies::test_cancelling_an_action_needs_a_reason",
        "test_remedies::test_a_complaint_handler_cannot_cancel_an_action",
    ),
}

# Tests that walk every endpoint of the schema (or every one of a kind) by themselves.
EVERY_ENDPOINT = (
    "test_authentication::test_every_endpoint_refuses_a_request_without_a_token",
    "test_authentication::test_every_endpoint_refuses_a_token_that_does_not_exist",
    "test_authentication::test_every_endpoint_refuses_a_revoked_token",
    "test_errors::test_malformed_json_is_a_400_problem_on_every_endpoint",
    "test_errors::test_the_schema_documents_the_problem_responses",
    "test_visibility::test_a_handler_outside_the_team_gets_404_from_every_complaint_endpoint",
    "test_visibility::test_the_governing_body_gets_404_from_every_complaint_endpoint",
    "test_visibility::test_a_handler_outside_the_team_gets_404_for_its_remedies_and_actions",
    "test_concurrency::test_a_write_with_a_stale_if_match_is_412_and_changes_nothing",
)


def schema_operations() -> set[tuple[str, str]]:
    return {
        (method.upper(), path)
        for path, methods in api.get_openapi_schema()["paths"].items()
        for method in methods
    }


def test_every_endpoint_in_the_schema_is_tested():
    untested = sorted(schema_operations() - set(TESTED))
    assert not untested, (
        f"Endpoints with no tests named in {__name__}.TESTED: {untested}. Write their tests "
        "(happy path, bad request, 403/404) and name them there."
    )


def test_no_tested_endpoint_has_left_the_schema():
    assert sorted(set(TESTED) - schema_operations()) == []


def exists(name: str) -> bool:
    module_name, function_name = name.split("::")
    module = importlib.import_module(f"tests.api.{module_name}")
    return inspect.isfunction(getattr(module, function_name, None))


@pytest.mark.parametrize(
    "name", sorted({n for names in TESTED.values() for n in names} | set(EVERY_ENDPOINT))
)
def test_each_named_test_exists(name):
    assert exists(name), f"{name} does not exist"


def test_each_endpoint_has_a_success_and_a_refusal_named():
    """At least two tests each: one that succeeds, one that refuses (4xx)."""
    thin = sorted(operation for operation, names in TESTED.items() if len(names) < 2)
    assert thin == []


def test_the_visibility_tests_cover_every_endpoint_that_names_a_complaint_or_record():
    from tests.api import test_visibility

    named = {
        (method, f"/api/v1{path}")
        for method, path in {
            **test_visibility.COMPLAINT_ENDPOINTS,
            **test_visibility.REMEDY_AND_ACTION_ENDPOINTS,
        }
    }
    scoped = {
        (method, path)
        for method, path in schema_operations()
        if path.startswith(("/api/v1/complaints/", "/api/v1/remedies/", "/api/v1/actions/"))
    }
    assert scoped == named


def test_the_if_match_tests_cover_every_write_on_a_complaint():
    from tests.api import test_concurrency

    writes = {
        path.removeprefix("/api/v1/complaints/{reference}/")
        for method, path in schema_operations()
        if method == "POST" and path.startswith("/api/v1/complaints/{reference}/")
    }
    assert writes == set(test_concurrency.WRITES)
