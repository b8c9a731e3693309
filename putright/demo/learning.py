"""Demonstration learning and Ombudsman records for the demo landlord, made through the services.

``demo_learning`` runs after the demo complaints exist (``putright.demo.services.demo_load``):
root causes on several complaints, service improvements linked to them (one completed, for
"you said, we did"), an Ombudsman case with findings and an order, the Ombudsman's annual
performance letter, a finding of Code non-compliance, and a satisfaction survey answered.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core import mail
from django.utils import timezone

from putright.accounts.models import User
from putright.complaints.models import Complaint
from putright.core.actors import Actor
from putright.landlords.models import Landlord, ServiceArea
from putright.learning.models import RootCause
from putright.learning.services import (
    ImprovementDetails,
    code_non_compliance_record,
    complaint_root_cause_record,
    improvement_create,
    improvement_set_status,
    ombudsman_case_create,
    ombudsman_case_update,
    ombudsman_finding_add,
    ombudsman_order_add,
    ombudsman_order_record_compliance,
    ombudsman_publication_add,
    satisfaction_invite,
    satisfaction_respond,
    satisfaction_token,
)

# The landlord's root causes: main causes and their sub-causes (Code 9.1).
ROOT_CAUSES: dict[str, tuple[str, ...]] = {
    "Communication": ("Not kept informed", "Appointment not confirmed", "Promise not kept"),
    "Policy or procedure": ("Procedure not followed", "Policy unclear"),
    "Service failure": ("Repair not completed", "Contractor performance", "Report not logged"),
    "Staff conduct": (),
}


def _causes(landlord: Landlord) -> dict[str, RootCause]:
    causes: dict[str, RootCause] = {}
    for name, subs in ROOT_CAUSES.items():
        parent = RootCause.objects.create(landlord=landlord, name=name)
        causes[name] = parent
        for sub in subs:
            causes[sub] = RootCause.objects.create(landlord=landlord, name=sub, parent=parent)
    return causes


def _complaint_of(landlord: Landlord, resident: str, status: str | None = None) -> Complaint:
    complaints = Complaint.objects.filter(landlord=landlord, resident__name=resident)
    if status:
        complaints = complaints.filter(status=status)
    return complaints.order_by("received_at")[:1].get()


def demo_learning(*, landlord: Landlord, site_url: str = "http://localhost:8000") -> None:
    """Add the learning records to the demo landlord. Call once, after its complaints."""
    lead = Actor.for_user(User.objects.get(landlord=landlord, username="lead"))
    handler = Actor.for_user(User.objects.get(landlord=landlord, username="handler"))
    today = timezone.localdate()
    causes = _causes(landlord)

    damp = _complaint_of(landlord, "Grace Adeyemi")
    heating = _complaint_of(landlord, "Tom Fletcher", Complaint.Status.STAGE1_INVESTIGATING)
    rent = _complaint_of(landlord, "Peter Walsh")
    asb = _complaint_of(landlord, "Maria Silva", Complaint.Status.CLOSED)
    for actor, complaint, cause, notes in (
        (handler, damp, "Repair not completed", "Mould wash only; the cause was not found."),
        (handler, heating, "Contractor performance", "Three missed appointments."),
        (handler, heating, "Appointment not confirmed", ""),
        (lead, rent, "Procedure not followed", "Payment allocated to the wrong account."),
        (lead, asb, "Report not logged", "Two reports by email never logged."),
        (lead, asb, "Not kept informed", ""),
    ):
        complaint_root_cause_record(
            actor=actor, complaint=complaint, root_cause=causes[cause], notes=notes
        )

    repairs = ServiceArea.objects.filter(landlord=landlord, name="Repairs").first()
    asb_area = ServiceArea.objects.filter(landlord=landlord, name="Anti-social behaviour").first()
    texts = improvement_create(
        actor=lead,
        details=ImprovementDetails(
            title="Text residents the day before a repairs appointment",
            description="Residents missed appointments, and contractors missed residents, "
            "because nobody confirmed the time.",
            service_area=repairs,
            owner_description="Repairs operations manager",
            due_on=today + datetime.timedelta(days=45),
        ),
        complaint_references=[heating.reference],
    )
    improvement_set_status(actor=lead, improvement=texts, status="in_progress")
    logging = improvement_create(
        actor=lead,
        details=ImprovementDetails(
            title="Log every anti-social behaviour report the day it arrives",
            description="Reports sent by email were not logged, so nobody followed them up.",
            service_area=asb_area,
            owner=lead.user,
        ),
        complaint_references=[asb.reference],
    )
    improvement_set_status(
        actor=lead,
        improvement=logging,
        status="completed",
        outcome="Email reports now open a case automatically; none has gone unlogged since.",
    )
    improvement_create(
        actor=lead,
        details=ImprovementDetails(
            title="Survey for the cause of damp before treating mould",
            description="Mould came back because it was treated without finding its cause.",
            service_area=repairs,
            owner_description="Damp and mould lead",
            due_on=today - datetime.timedelta(days=10),
        ),
        complaint_references=[damp.reference],
    )

    case = ombudsman_case_create(
        actor=lead,
        ombudsman_reference="202412345",
        referred_on=today - datetime.timedelta(days=200),
        complaint_reference=asb.reference,
        summary="Handling of reports of anti-social behaviour, and of the complaint about it.",
    )
    ombudsman_case_update(
        actor=lead,
        case=case,
        status="determined",
        determination_on=today - datetime.timedelta(days=60),
        summary=case.summary,
    )
    ombudsman_finding_add(
        actor=lead, case=case, issue="Response to reports of ASB", finding="maladministration"
    )
    ombudsman_finding_add(
        actor=lead, case=case, issue="Complaint handling", finding="service_failure"
    )
    paid = ombudsman_order_add(
        actor=lead,
        case=case,
        kind="order",
        description="Pay the resident £350 for the distress and inconvenience caused.",
        due_on=today - datetime.timedelta(days=32),
        compensation_amount=Decimal("350.00"),
    )
    ombudsman_order_record_compliance(
        actor=lead,
        order=paid,
        complied_on=today - datetime.timedelta(days=40),
        evidence_sent_on=today - datetime.timedelta(days=38),
    )
    ombudsman_order_add(
        actor=lead,
        case=case,
        kind="order",
        description="Review how reports of ASB made by email are logged, and share the review.",
        due_on=today - datetime.timedelta(days=4),
    )
    ombudsman_publication_add(
        actor=lead,
        kind="annual_letter",
        title="Housing Ombudsman annual complaints performance letter",
        published_on=today - datetime.timedelta(days=90),
        summary="Maladministration rate above the landlord average; one complaint handling "
        "failure highlighted.",
    )
    code_non_compliance_record(
        actor=lead,
        provision="6.2",
        source="self_assessment",
        found_on=today - datetime.timedelta(days=75),
        description="Stage 1 complaints acknowledged late over the Christmas closure.",
        action="Acknowledgements now covered on closure days by the duty officer.",
    )

    # The closed complaint's survey, answered. The email is kept in memory, not sent.
    invitation = satisfaction_invite(
        actor=lead,
        complaint=asb,
        site_url=site_url,
        connection=mail.get_connection("django.core.mail.backends.locmem.EmailBackend"),
    )
    satisfaction_respond(
        token=satisfaction_token(invitation),
        handling=4,
        outcome=3,
        comments="Stage 2 put things right, but it should not have taken two stages.",
    )
