"""The API's request and response shapes (OpenAPI 3 is generated from these)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema


class Problem(Schema):
    """RFC 9457 problem details, as every error is returned."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    provision: str | None = Field(
        None, description="The Complaint Handling Code provision, when the Code forbids the action."
    )
    field: str | None = Field(
        None, description="The request field the problem is about, when there is one."
    )
    errors: list[dict] | None = None


# ---------------------------------------------------------------- residents


class PropertyIn(Schema):
    address_line_1: str
    address_line_2: str = ""
    town: str = ""
    postcode: str
    uprn: str = ""


class PropertyOut(Schema):
    id: int
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str
    uprn: str


class ResidentIn(Schema):
    name: str
    email: str = ""
    phone: str = ""
    postal_address: str = ""
    property_id: int | None = None
    tenancy_reference: str = ""
    preferred_contact_method: str = Field("email", description="email, phone, letter or sms")
    contact_frequency: str = ""


class ResidentOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    property_id: int | None = Field(None, alias="home_id")
    tenancy_reference: str
    preferred_contact_method: str
    contact_frequency: str


class RepresentativeIn(Schema):
    name: str
    relationship: str = Field(
        description="relative, friend, advocate, councillor, mp, solicitor or other"
    )
    authority_given_on: datetime.date | None = Field(
        None, description="When the resident consented (Code 3.6)."
    )
    authority_evidence: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    postal_address: str = ""
    receives_copies: bool = True


class RepresentativeOut(Schema):
    id: int
    resident_id: int
    name: str
    relationship: str
    organisation: str
    authority_given_on: datetime.date | None
    receives_copies: bool


# ---------------------------------------------------------------- complaints


class ComplaintIn(Schema):
    description: str = Field(description="What happened, in the resident's words.")
    channel: str = Field(
        description=(
            "online_form, email, phone, letter, in_person, social_media, councillor_or_mp, "
            "representative, survey or other"
        )
    )
    received_at: datetime.datetime | None = Field(None, description="Defaults to now.")
    resident_id: int | None = None
    representative_id: int | None = None
    property_id: int | None = None
    is_anonymous: bool = False
    occurred_on: datetime.date | None = None
    became_aware_on: datetime.date | None = None
    outcome_sought: str = ""
    category_id: int | None = None
    service_area_id: int | None = None
    third_party_name: str = ""
    third_party_handles_response: bool = False


class DeadlineOut(Schema):
    kind: str
    due: datetime.date
    working_days_left: int
    description: str
    is_overdue: bool
    is_due_soon: bool


class PointOut(Schema):
    number: int
    description: str
    source: str
    finding: str
    reasons: str
    policy_relied_on: str


class ExtensionOut(Schema):
    working_days: int
    reason: str
    previous_due: datetime.date
    new_due: datetime.date
    resident_informed_on: datetime.date
    ombudsman_details_given: bool
    good_reason_beyond_maximum: str


class StageOut(Schema):
    number: int
    requested_at: datetime.datetime
    requested_on: datetime.date
    escalation_reason: str
    acknowledgement_due: datetime.date
    acknowledged_at: datetime.datetime | None
    response_due: datetime.date | None
    handler: str | None
    conflict_declared_at: datetime.datetime | None
    definition: str
    outcomes_sought: str
    responsible_for: str
    not_responsible_for: str
    update_interval_working_days: int | None
    update_method: str
    outcome: str
    decision: str
    responded_at: datetime.datetime | None
    points: list[PointOut]
    extensions: list[ExtensionOut]
    deadline: DeadlineOut | None


class RefusalOut(Schema):
    kind: str
    ground: str
    other_reason: str
    evidence: str
    discretion_considered: bool
    explanation: str
    ombudsman_right_explained: bool
    decided_at: datetime.datetime


class RemedyOut(Schema):
    id: int
    stage: int
    kind: str
    description: str
    due_on: datetime.date
    status: str
    offered_on: datetime.date
    accepted_on: datetime.date | None
    completed_on: datetime.date | None
    amount_time_and_trouble: Decimal
    amount_distress_and_inconvenience: Decimal
    amount_quantifiable_loss: Decimal
    amount_statutory: Decimal
    total_amount: Decimal
    payment_method: str
    paid_on: datetime.date | None


class ActionUpdateOut(Schema):
    text: str
    given_to_resident_on: datetime.date | None
    created_at: datetime.datetime


class ActionOut(Schema):
    id: int
    stage: int
    description: str
    owner: str
    due_on: datetime.date
    status: str
    completed_on: datetime.date | None
    updates: list[ActionUpdateOut]


class ComplaintSummaryOut(Schema):
    reference: str
    status: str
    status_label: str
    version: int
    stage: int
    received_at: datetime.datetime
    received_on: datetime.date
    channel: str
    resident: str | None
    category: str | None
    service_area: str | None
    handler: str | None
    deadline: DeadlineOut | None


class ComplaintOut(ComplaintSummaryOut):
    description: str
    occurred_on: datetime.date | None
    became_aware_on: datetime.date | None
    outcome_sought: str
    is_anonymous: bool
    resident_id: int | None
    representative_id: int | None
    property_id: int | None
    entity: str | None
    third_party_name: str
    third_party_handles_response: bool
    service_request: str | None
    related_to: str | None
    withdrawn_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    stages: list[StageOut]
    refusals: list[RefusalOut]
    remedies: list[RemedyOut]
    outstanding_actions: list[ActionOut]


class ComplaintPage(Schema):
    count: int
    items: list[ComplaintSummaryOut]


class EventOut(Schema):
    occurred_at: datetime.datetime
    action: str
    summary: str
    actor: str
    before: dict
    after: dict


# ---------------------------------------------------------------- lifecycle actions


class DefineIn(Schema):
    definition: str = Field(description="The landlord's understanding of the complaint (Code 5.6).")
    outcomes_sought: str
    responsible_for: str = Field(description="What the landlord is responsible for (Code 5.7).")
    not_responsible_for: str = ""
    points: list[str] = Field(description="The points the response must answer (Code 6.7).")


class AcknowledgeIn(Schema):
    acknowledged_at: datetime.datetime | None = None


class AssignIn(Schema):
    handler_id: int


class DeclareConflictIn(Schema):
    has_conflict: bool
    declaration: str = ""


class ExtendIn(Schema):
    working_days: int
    reason: str
    resident_informed_on: datetime.date
    ombudsman_details_given: bool = Field(description="Code 6.5, 6.16: must be true.")
    good_reason_beyond_maximum: str = ""


class AgreeUpdatesIn(Schema):
    interval_working_days: int
    method: str
    agreed_on: datetime.date


class FindingIn(Schema):
    point: int
    finding: str = Field(description="upheld or not_upheld")
    reasons: str
    policy_relied_on: str = ""


class RespondIn(Schema):
    outcome: str = Field(description="upheld, partly_upheld or not_upheld")
    decision: str
    findings: list[FindingIn]
    responded_at: datetime.datetime | None = None


class EscalateIn(Schema):
    requested_at: datetime.datetime | None = None
    reason: str = Field(
        "", description="Optional: a resident never has to give a reason (Code 6.12)."
    )


class RefuseIn(Schema):
    ground: str = Field(
        description="over_12_months, legal_proceedings, previously_considered or other"
    )
    other_reason: str = ""
    evidence: str
    explanation: str
    ombudsman_right_explained: bool
    discretion_considered: bool = False
    discretion_notes: str = ""


class WithdrawIn(Schema):
    reason: str = ""
    withdrawn_at: datetime.datetime | None = None


class CloseIn(Schema):
    note: str = ""


class AdditionalIssueIn(Schema):
    description: str


class AdditionalIssueOut(Schema):
    joined_stage_one: bool
    point: int | None
    new_complaint: str | None


class CategoriseIn(Schema):
    category_id: int | None = None
    service_area_id: int | None = None


# ---------------------------------------------------------------- remedies and actions


class RemedyIn(Schema):
    kind: str
    description: str
    due_on: datetime.date
    amount_time_and_trouble: Decimal = Decimal("0")
    amount_distress_and_inconvenience: Decimal = Decimal("0")
    amount_quantifiable_loss: Decimal = Decimal("0")
    amount_statutory: Decimal = Decimal("0")
    payment_method: str = ""
    offered_on: datetime.date | None = None


class RemedyResponseIn(Schema):
    accepted: bool
    on: datetime.date | None = None


class RemedyPaymentIn(Schema):
    paid_on: datetime.date


class RemedyCompleteIn(Schema):
    completed_on: datetime.date | None = None


class ActionIn(Schema):
    description: str
    due_on: datetime.date
    owner_id: int | None = None
    owner_description: str = ""


class ActionUpdateIn(Schema):
    text: str
    given_to_resident_on: datetime.date | None = None


class ActionCompleteIn(Schema):
    completed_on: datetime.date | None = None


class ActionCancelIn(Schema):
    reason: str


# ---------------------------------------------------------------- correspondence


class CorrespondenceIn(Schema):
    direction: str = Field(description="in, out or internal")
    medium: str = Field(description="email, letter, phone, in_person, sms, online, note or other")
    body: str = ""
    subject: str = ""
    counterpart: str = ""
    occurred_at: datetime.datetime | None = None


class AttachmentOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime.datetime


class CorrespondenceOut(Schema):
    id: int
    direction: str
    medium: str
    occurred_at: datetime.datetime
    counterpart: str
    subject: str
    body: str
    attachments: list[AttachmentOut]


# ---------------------------------------------------------------- service requests


class ServiceRequestIn(Schema):
    description: str
    channel: str
    resident_id: int | None = None
    property_id: int | None = None
    category_id: int | None = None
    service_area_id: int | None = None
    received_at: datetime.datetime | None = None


class ServiceRequestOut(Schema):
    reference: str
    status: str
    received_at: datetime.datetime
    channel: str
    description: str
    resident_id: int | None
    dissatisfaction_expressed_at: datetime.datetime | None
    complaints: list[str]


class DissatisfactionIn(Schema):
    description: str
    channel: str
    received_at: datetime.datetime | None = None


class CloseServiceRequestIn(Schema):
    note: str = ""
