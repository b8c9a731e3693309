"""A demonstration landlord with staff in every role and complaints in every state.

Everything is made through the same services the product uses, so the demo obeys the
Code exactly as real data would. Dates are set in the past so that deadlines, extensions
and late responses show as they would in a live service.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from putright.accounts.models import Team, User
from putright.accounts.roles import ROLES_BY_SLUG, role_group
from putright.complaints.categories import category_seed_defaults
from putright.complaints.models import Category, Channel, Complaint, ComplaintPoint, Stage
from putright.complaints.services import (
    ComplaintDetails,
    PointFinding,
    complaint_close,
    complaint_escalate,
    complaint_log,
    complaint_refuse,
    complaint_withdraw,
    service_request_log,
    service_request_record_dissatisfaction,
    stage_acknowledge,
    stage_assign,
    stage_declare_conflict,
    stage_define,
    stage_extend,
    stage_respond,
)
from putright.core.actors import Actor
from putright.demo.learning import demo_learning
from putright.landlords.models import Entity, Landlord, ServiceArea
from putright.landlords.services import landlord_create
from putright.remedies.services import (
    action_add,
    action_update,
    remedy_offer,
    remedy_record_payment,
)
from putright.residents.models import Resident
from putright.residents.services import (
    adjustment_record,
    property_create,
    representative_add,
    resident_create,
    restriction_impose,
    vulnerability_record,
)
from putright.workdays.selectors import calendar_for_landlord

DEMO_SLUG = "riverside-homes-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    name: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("officer", "demo-officer-password", "complaints_officer", "Olivia Okafor"),
    DemoAccount("handler", "demo-handler-password", "complaint_handler", "Harry Hughes"),
    DemoAccount("handler2", "demo-handler2-password", "complaint_handler", "Hana Begum"),
    DemoAccount("lead", "demo-lead-password", "senior_lead", "Sam Patel"),
    DemoAccount("mrc", "demo-mrc-password", "governing_body", "Cllr Jo Evans"),
    DemoAccount("admin", "demo-admin-password", "administrator", "Alex Admin"),
)


def demo_exists() -> bool:
    return Landlord.objects.filter(slug=DEMO_SLUG).exists()


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@transaction.atomic
def demo_load() -> Landlord:
    """Create the demo landlord, its staff and its complaints. Call once, on an empty database."""
    landlord = landlord_create(
        name="Riverside Homes",
        slug=DEMO_SLUG,
        ombudsman_membership_number="D-00000",
        address="Riverside House\n1 Quay Street\nRiverton\nRV1 1AA",
        email="complaints@riverside-homes.example",
        phone="0300 000 0000",
    )
    system = Actor.system(landlord.pk, label="Demo data")
    homes = Entity.objects.create(landlord=landlord, name="Riverside Homes", homes_owned=8400)
    living = Entity.objects.create(landlord=landlord, name="Riverside Living Ltd", homes_owned=1250)
    areas = {
        name: ServiceArea.objects.create(landlord=landlord, name=name, entity=entity)
        for name, entity in (
            ("Repairs", homes),
            ("Housing management", homes),
            ("Anti-social behaviour", homes),
            ("Rents and income", homes),
            ("Market rent lettings", living),
        )
    }
    category_seed_defaults(landlord=landlord)
    teams = {
        "Repairs": Team.objects.create(
            landlord=landlord, name="Repairs complaints", service_area=areas["Repairs"]
        ),
        "Housing": Team.objects.create(
            landlord=landlord,
            name="Housing management complaints",
            service_area=areas["Housing management"],
        ),
    }
    staff: dict[str, User] = {}
    for account in DEMO_ACCOUNTS:
        first, _, last = account.name.partition(" ")
        user = User.objects.create_user(
            username=account.username,
            password=account.password,
            first_name=first,
            last_name=last,
            landlord=landlord,
            job_title=ROLES_BY_SLUG[account.role].name,
            team=teams["Repairs"]
            if account.username == "handler"
            else teams["Housing"]
            if account.username == "handler2"
            else None,
            is_staff=account.role == "administrator",
        )
        user.groups.add(role_group(account.role))
        staff[account.username] = User.objects.get(pk=user.pk)
    _demo_complaints(landlord, system, staff, areas)
    demo_learning(landlord=landlord)
    return landlord


def _resident(
    landlord: Landlord, system: Actor, n: int, name: str, street: str, postcode: str, **kw: str
) -> Resident:
    home = property_create(
        actor=system,
        landlord=landlord,
        address_line_1=f"{n} {street}",
        town="Riverton",
        postcode=postcode,
    )
    return resident_create(
        actor=system,
        landlord=landlord,
        name=name,
        email=f"{name.split()[0].lower()}@example.org",
        phone="07700 900" + f"{n:03d}",
        home=home,
        tenancy_reference=f"T{10000 + n}",
        **kw,
    )


def _category(landlord: Landlord, name: str) -> Category:
    return Category.objects.get(landlord=landlord, parent=None, name=name)


def _demo_complaints(
    landlord: Landlord, system: Actor, staff: dict[str, User], areas: dict[str, ServiceArea]
) -> None:
    officer, handler, handler2, lead = (
        Actor.for_user(staff[u]) for u in ("officer", "handler", "handler2", "lead")
    )
    calendar = calendar_for_landlord(landlord_id=landlord.pk)
    today = timezone.localdate()

    def working_days_ago(n: int) -> datetime.date:
        return calendar.add_working_days(today, -n)

    aisha = _resident(landlord, system, 4, "Aisha Khan", "Mill Lane", "RV2 3CD")
    tom = _resident(
        landlord,
        system,
        17,
        "Tom Fletcher",
        "Canal Row",
        "RV3 1EF",
        preferred_contact_method="phone",
    )
    grace = _resident(landlord, system, 22, "Grace Adeyemi", "Orchard Court", "RV2 8GH")
    peter = _resident(
        landlord,
        system,
        9,
        "Peter Walsh",
        "Station Road",
        "RV1 4JK",
        preferred_contact_method="letter",
    )
    maria = _resident(landlord, system, 31, "Maria Silva", "Weavers Way", "RV4 2LM")
    daniel = _resident(landlord, system, 6, "Daniel Price", "Bridge Street", "RV1 9NP")

    adjustment_record(
        actor=officer,
        resident=peter,
        kind="large_print",
        agreed_on=working_days_ago(40),
        disability_disclosed="Sight loss",
        review_on=today + datetime.timedelta(days=180),
    )
    vulnerability_record(
        actor=officer,
        resident=grace,
        kind="health",
        recorded_on=working_days_ago(30),
        details="Asthma made worse by damp",
        review_on=today + datetime.timedelta(days=90),
    )
    representative_add(
        actor=officer,
        resident=tom,
        name="Cllr Ruth Moss",
        relationship="councillor",
        authority_given_on=working_days_ago(12),
        authority_evidence="Signed consent form received by email",
    )
    restriction_impose(
        actor=lead,
        resident=daniel,
        behaviour="Repeated abusive phone calls to the repairs team",
        evidence="Call recordings on 3 and 5 of last month; incident log",
        restriction=(
            "Contact by email to the complaints team only; "
            "phone calls to a named officer on Tuesdays"
        ),
        equality_considerations=(
            "No disability disclosed; email contact reviewed as accessible for Mr Price"
        ),
        starts_on=working_days_ago(60),
        review_on=working_days_ago(2),
    )

    def log(
        resident: Resident, description: str, category: str, area: str, days_ago: int, **kw
    ) -> Complaint:
        return complaint_log(
            actor=officer,
            landlord=landlord,
            details=ComplaintDetails(
                description=description,
                channel=kw.pop("channel", Channel.PHONE),
                received_at=_at(working_days_ago(days_ago)),
                resident=resident,
                category=_category(landlord, category),
                service_area=areas[area],
                **kw,
            ),
        )

    def define_and_acknowledge(
        complaint: Complaint, points: list[str], days_ago: int, actor: Actor = officer
    ) -> None:
        stage_define(
            actor=actor,
            complaint=complaint,
            definition=f"{complaint.resident} is unhappy that {points[0].lower()}.",
            outcomes_sought="The problem put right and an apology.",
            responsible_for="The service described in the complaint.",
            points=points,
        )
        stage_acknowledge(
            actor=actor, complaint=complaint, acknowledged_at=_at(working_days_ago(days_ago), 11)
        )

    def assign(complaint: Complaint, user: User) -> None:
        stage_assign(actor=lead, complaint=complaint, handler=user)
        stage_declare_conflict(actor=Actor.for_user(user), complaint=complaint, has_conflict=False)

    # New: waiting to be acknowledged.
    log(
        aisha,
        "Nobody has come to fix the leaking kitchen tap I reported three weeks ago.",
        "Repairs",
        "Repairs",
        1,
        channel=Channel.ONLINE_FORM,
    )
    # Awaiting acknowledgement, and now overdue.
    log(
        maria,
        "My neighbour's noise has been reported four times and nothing has happened.",
        "Anti-social behaviour",
        "Anti-social behaviour",
        7,
        channel=Channel.EMAIL,
    )

    # Acknowledged and under investigation.
    damp = log(
        grace,
        "Black mould in the children's bedroom keeps coming back after treatment.",
        "Damp and mould",
        "Repairs",
        6,
    )
    define_and_acknowledge(damp, ["The mould treatment did not last", "No survey was done"], 5)
    assign(damp, staff["handler"])

    # Extended, with the Ombudsman's details given.
    heating = log(
        tom,
        "Heating has failed three times this winter; the contractor keeps missing appointments.",
        "Repairs",
        "Repairs",
        16,
        channel=Channel.COUNCILLOR_OR_MP,
    )
    define_and_acknowledge(
        heating, ["Repeated heating failures", "Missed contractor appointments"], 14
    )
    assign(heating, staff["handler"])
    stage_extend(
        actor=handler,
        complaint=heating,
        working_days=10,
        reason="The heating contractor's investigation report is due next week.",
        resident_informed_on=working_days_ago(3),
        ombudsman_details_given=True,
    )

    # Stage 1 answered, with a remedy and an outstanding action.
    rent = log(
        peter,
        "A payment I made was not shown on my rent account and I was sent an arrears letter.",
        "Rent and service charges",
        "Rents and income",
        25,
        channel=Channel.LETTER,
    )
    define_and_acknowledge(
        rent, ["The payment was not credited", "An arrears letter was sent in error"], 24
    )
    assign(rent, staff["handler2"])
    remedy_offer(
        actor=handler2,
        complaint=rent,
        kind="apology",
        description="A written apology from the income manager.",
        due_on=working_days_ago(10),
        offered_on=working_days_ago(12),
    )
    stage_respond(
        actor=handler2,
        complaint=rent,
        outcome=Stage.Outcome.UPHELD,
        decision="We made a mistake: the payment was received but allocated to the wrong account.",
        findings=[
            PointFinding(
                1,
                ComplaintPoint.Finding.UPHELD,
                "The payment was allocated to the wrong account.",
                "Income policy 3.1",
            ),
            PointFinding(2, ComplaintPoint.Finding.UPHELD, "The letter should not have been sent."),
        ],
        responded_at=_at(working_days_ago(12), 15),
    )
    action_add(
        actor=handler2,
        complaint=rent,
        description="Add a note to the rent account that the arrears letter was withdrawn.",
        due_on=today + datetime.timedelta(days=7),
        owner=staff["handler2"],
    )

    # Escalated to stage 2, waiting for acknowledgement: no reason needed (Code 6.12).
    repairs = log(
        aisha, "The repair to my bathroom floor was left unfinished.", "Repairs", "Repairs", 30
    )
    define_and_acknowledge(repairs, ["The bathroom floor repair was left unfinished"], 29)
    assign(repairs, staff["handler"])
    stage_respond(
        actor=handler,
        complaint=repairs,
        outcome=Stage.Outcome.NOT_UPHELD,
        decision="The repair was completed to the required standard.",
        findings=[
            PointFinding(
                1, ComplaintPoint.Finding.NOT_UPHELD, "The inspection found the work complete."
            )
        ],
        responded_at=_at(working_days_ago(20), 14),
    )
    complaint_escalate(
        actor=Actor.resident(landlord.pk, "Aisha Khan"),
        complaint=repairs,
        requested_at=_at(working_days_ago(2)),
    )

    # Answered at stage 2 (the final response), with compensation paid.
    asb = log(
        maria,
        "My reports about drug dealing on the stairwell were not followed up.",
        "Anti-social behaviour",
        "Anti-social behaviour",
        55,
        channel=Channel.EMAIL,
    )
    define_and_acknowledge(asb, ["The reports were not followed up"], 54)
    assign(asb, staff["handler2"])
    stage_respond(
        actor=handler2,
        complaint=asb,
        outcome=Stage.Outcome.PARTLY_UPHELD,
        decision="Two reports were not logged; the police were informed of the others.",
        findings=[
            PointFinding(
                1, ComplaintPoint.Finding.UPHELD, "Two reports were not logged.", "ASB policy 5"
            )
        ],
        responded_at=_at(working_days_ago(45), 16),
    )
    complaint_escalate(
        actor=Actor.resident(landlord.pk, "Maria Silva"),
        complaint=asb,
        requested_at=_at(working_days_ago(40)),
        reason="I still do not feel safe.",
    )
    stage_define(
        actor=officer,
        complaint=asb,
        definition="Maria remains unhappy with how her reports were handled.",
        outcomes_sought="Action to make the stairwell safe and recognition of the distress caused.",
        responsible_for="Handling of ASB reports.",
        points=["How the reports were handled", "The remedy offered"],
    )
    stage_acknowledge(actor=officer, complaint=asb, acknowledged_at=_at(working_days_ago(38)))
    assign(asb, staff["handler"])
    money = remedy_offer(
        actor=handler,
        complaint=asb,
        kind="financial",
        description="Compensation for distress and for the time spent reporting.",
        due_on=working_days_ago(15),
        offered_on=working_days_ago(20),
        payment_method="bank",
        amounts={
            "amount_distress_and_inconvenience": Decimal("150.00"),
            "amount_time_and_trouble": Decimal("50.00"),
        },
    )
    stage_respond(
        actor=handler,
        complaint=asb,
        outcome=Stage.Outcome.UPHELD,
        decision=(
            "Our handling fell short; we have installed door entry controls and offer compensation."
        ),
        findings=[
            PointFinding(
                1,
                ComplaintPoint.Finding.UPHELD,
                "Reports were not logged or risk-assessed.",
                "ASB policy 5; Ombudsman spotlight report on ASB",
            ),
            PointFinding(
                2,
                ComplaintPoint.Finding.UPHELD,
                "The stage 1 remedy did not reflect the impact.",
                "Ombudsman remedies guidance",
            ),
        ],
        responded_at=_at(working_days_ago(20), 12),
    )
    remedy_record_payment(actor=handler, remedy=money, paid_on=working_days_ago(16))
    action = action_add(
        actor=handler,
        complaint=asb,
        description="Fit a new secure door entry system to the block.",
        due_on=today + datetime.timedelta(days=21),
        owner_description="Estate services contractor",
    )
    action_update(
        actor=handler,
        action=action,
        text="Order placed with the contractor; fitting booked.",
        given_to_resident_on=working_days_ago(5),
    )
    complaint_close(
        actor=officer,
        complaint=asb,
        note="Final response sent; door entry work tracked as an action.",
    )

    # Not accepted: the matter is in court.
    refused = log(
        daniel,
        "I dispute the possession claim you have issued.",
        "Tenancy management",
        "Housing management",
        9,
        channel=Channel.EMAIL,
    )
    complaint_refuse(
        actor=officer,
        complaint=refused,
        ground="legal_proceedings",
        evidence="Claim issued at the county court; claim form on file.",
        explanation=(
            "Because court proceedings have started, the court will decide this matter, "
            "not our complaints process."
        ),
        ombudsman_right_explained=True,
    )

    # Withdrawn by the resident.
    withdrawn = log(
        tom,
        "The grass on the estate has not been cut this month.",
        "Estate services",
        "Housing management",
        8,
    )
    complaint_withdraw(
        actor=officer,
        complaint=withdrawn,
        reason="The grass was cut the next day; the resident is happy.",
    )

    # A service request that became a complaint when the resident was unhappy with it (Code 1.5).
    request = service_request_log(
        actor=officer,
        landlord=landlord,
        description="Fence panel blown down in the storm.",
        channel=Channel.PHONE,
        resident=grace,
        received_at=_at(working_days_ago(15)),
    )
    service_request_record_dissatisfaction(
        actor=officer,
        service_request=request,
        channel=Channel.PHONE,
        received_at=_at(working_days_ago(3)),
        description="Still no fence after two weeks and two chasing calls.",
    )
