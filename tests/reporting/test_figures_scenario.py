"""A hand-built quarter of complaints (1 April to 30 June 2025), made through the services.

The figures the tests expect are worked out by hand in the comments here, with the working
days counted on a calendar: Good Friday (18 April), Easter Monday (21 April) and the May bank
holidays (5 and 26 May 2025) are not working days.

  ref  received          stage 1                                   then
  A    Mon 14 Apr        ack 23 Apr (5th working day: on time,     £150 at stage 1, paid 15 May;
                         only because of the Easter holidays),     action due 10 Jul (open);
                         response 8 May (10th working day: on      root cause Delay
                         time), upheld
  B    Tue 1 Apr         ack 2 Apr, due 16 Apr, extended 10        stage 2 asked 6 May ("Disagree
                         working days to 2 May, response 1 May     with the decision"), ack 7 May,
                         (within an extension the Code allows),    upheld 20 May, £200 at stage 2;
                         partly upheld                             action due 20 Jun (overdue)
  C    Thu 1 May         ack 1 May, Code due 16 May; extended 15   entity "Housing company",
       (damp & mould)    working days with a good reason to 9 Jun; category Repairs: Damp and mould
                         response 6 Jun: after the Code's most
                         (16 May + 10 = 2 Jun), so late; not upheld
  D    Mon 9 Jun         ack 9 Jun, response 24 Jun (due 23 Jun:   £75 offered and declined;
                         late), upheld                             action completed 25 Jun
  E    Mon 2 Jun         ack 10 Jun (due 9 Jun: late); open, its
                         response due 24 Jun: overdue on 1 Jul
  F    Tue 10 Jun        not accepted 11 Jun (already considered)
  G    Thu 12 Jun        withdrawn 13 Jun
  H    Tue 25 Mar        ack 26 Mar, response 3 Apr (on time),     Ombudsman determination 15 Jun
                         upheld (received before the period)
  I    Fri 27 Jun        not yet acknowledged (due 4 Jul)
  J    Mon 3 Feb         answered 10 Feb (previous period)         stage 2 asked 2 Apr, refused
                                                                   3 Apr
  K    Thu 3 Apr         ack 4 Apr, response 17 Apr (on time),     stage 2 asked 22 Apr ("Disagree
                         not upheld                                with the decision"), withdrawn
                                                                   24 Apr

Homes owned: 2,000 ("Council homes", every complaint but C) and 500 ("Housing company", C).
"Today" for open and overdue counts is Tuesday 1 July 2025.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from putright.complaints.models import Category, Complaint, ComplaintPoint, Refusal, Stage
from putright.complaints.services import (
    complaint_escalate,
    complaint_refuse,
    complaint_withdraw,
    stage_extend,
)
from putright.core.actors import Actor
from putright.landlords.models import Entity, Landlord, ServiceArea
from putright.learning.models import (
    ComplaintRootCause,
    OmbudsmanCase,
    OmbudsmanFinding,
    OmbudsmanOrder,
    RootCause,
    SatisfactionInvitation,
    SatisfactionResponse,
)
from putright.remedies.models import Remedy
from putright.remedies.services import (
    action_add,
    action_complete,
    remedy_offer,
    remedy_record_payment,
    remedy_record_response,
)
from tests.complaints.lifecycle import london

PERIOD_FROM = datetime.date(2025, 4, 1)
PERIOD_TO = datetime.date(2025, 6, 30)
TODAY = datetime.date(2025, 7, 1)


@dataclass
class Quarter:
    landlord: Landlord
    council_homes: Entity
    company: Entity
    repairs_area: ServiceArea
    repairs: Category
    damp: Category
    delay: RootCause
    communication: RootCause
    complaints: dict[str, Complaint]

    def ids(self, *refs: str) -> list[int]:
        return sorted(self.complaints[ref].pk for ref in refs)


@pytest.fixture
def quarter(landlord, officer, handler, second_handler, lifecycle, log_complaint, time_machine):
    time_machine.move_to(london(2025, 7, 1, 9), tick=False)
    officer_actor = Actor.for_user(officer)
    council_homes = Entity.objects.create(landlord=landlord, name="Council homes", homes_owned=2000)
    company = Entity.objects.create(landlord=landlord, name="Housing company", homes_owned=500)
    repairs_area = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    repairs = Category.objects.create(landlord=landlord, name="Repairs")
    damp = Category.objects.create(landlord=landlord, name="Damp and mould", parent=repairs)
    service_failure = RootCause.objects.create(landlord=landlord, name="Service failure")
    delay = RootCause.objects.create(landlord=landlord, name="Delay", parent=service_failure)
    communication = RootCause.objects.create(landlord=landlord, name="Communication")

    def log(when: datetime.datetime, **details) -> Complaint:
        details.setdefault("entity", council_homes)
        return log_complaint(received_at=when, **details)

    def extend(complaint: Complaint, days: int, informed: datetime.date, good_reason: str = ""):
        stage_extend(
            actor=Actor.for_user(handler),
            complaint=complaint,
            working_days=days,
            reason="The contractor's report is not back yet.",
            resident_informed_on=informed,
            ombudsman_details_given=True,
            good_reason_beyond_maximum=good_reason,
        )

    def escalate(complaint: Complaint, when: datetime.datetime, reason: str = "") -> None:
        complaint_escalate(
            actor=Actor.resident(landlord.pk), complaint=complaint, requested_at=when, reason=reason
        )

    def root_cause(complaint: Complaint, cause: RootCause, when: datetime.datetime) -> None:
        ComplaintRootCause.objects.create(complaint=complaint, root_cause=cause, recorded_at=when)

    no_point_upheld = ComplaintPoint.Finding.NOT_UPHELD
    upheld, partly, not_upheld = (
        Stage.Outcome.UPHELD,
        Stage.Outcome.PARTLY_UPHELD,
        Stage.Outcome.NOT_UPHELD,
    )
    made: dict[str, Complaint] = {}

    # A: on time only because Good Friday, Easter Monday and 5 May are not working days.
    a = log(london(2025, 4, 14), category=repairs, service_area=repairs_area)
    lifecycle.investigating(a, acknowledged_at=london(2025, 4, 23, 15))
    made["A"] = lifecycle.respond(a, outcome=upheld, responded_at=london(2025, 5, 8, 16))
    a_money = remedy_offer(
        actor=Actor.for_user(handler),
        complaint=a,
        kind=Remedy.Kind.FINANCIAL,
        description="Compensation for the delay.",
        due_on=datetime.date(2025, 5, 22),
        amounts={
            "amount_time_and_trouble": Decimal("50"),
            "amount_distress_and_inconvenience": Decimal("100"),
        },
        payment_method=Remedy.PaymentMethod.BANK_TRANSFER,
        offered_on=datetime.date(2025, 5, 8),
    )
    remedy_record_payment(
        actor=Actor.for_user(handler), remedy=a_money, paid_on=datetime.date(2025, 5, 15)
    )
    action_add(
        actor=Actor.for_user(handler),
        complaint=a,
        description="Replace the boiler.",
        due_on=datetime.date(2025, 7, 10),
        owner=handler,
    )
    root_cause(a, delay, london(2025, 5, 9))

    # B: a response within an extension the Code allows, then stage 2.
    b = log(london(2025, 4, 1), category=repairs, service_area=repairs_area)
    lifecycle.investigating(b, acknowledged_at=london(2025, 4, 2))
    extend(b, 10, datetime.date(2025, 4, 14))
    lifecycle.respond(b, outcome=partly, responded_at=london(2025, 5, 1))
    escalate(b, london(2025, 5, 6), reason="Disagree with the decision")
    lifecycle.investigating(
        b, handler=second_handler, acknowledged_at=london(2025, 5, 7), points=["Remedy too low"]
    )
    made["B"] = lifecycle.respond(b, outcome=upheld, responded_at=london(2025, 5, 20))
    remedy_offer(
        actor=Actor.for_user(second_handler),
        complaint=b,
        kind=Remedy.Kind.FINANCIAL,
        description="The cost of the ruined carpet.",
        due_on=datetime.date(2025, 6, 3),
        amounts={"amount_quantifiable_loss": Decimal("200")},
        payment_method=Remedy.PaymentMethod.RENT_ACCOUNT,
        offered_on=datetime.date(2025, 5, 20),
    )
    time_machine.move_to(london(2025, 5, 20, 17), tick=False)
    action_add(
        actor=Actor.for_user(second_handler),
        complaint=b,
        description="Refit the carpet.",
        due_on=datetime.date(2025, 6, 20),
        owner=second_handler,
    )
    time_machine.move_to(london(2025, 7, 1, 9), tick=False)
    root_cause(b, communication, london(2025, 5, 21))

    # C: an extension beyond the Code's maximum (with a good reason) does not make it timely.
    c = log(london(2025, 5, 1), entity=company, category=damp, service_area=repairs_area)
    lifecycle.investigating(c, acknowledged_at=london(2025, 5, 1, 14))
    extend(c, 15, datetime.date(2025, 5, 15), good_reason="A specialist survey is needed.")
    made["C"] = lifecycle.respond(
        c, outcome=not_upheld, finding=no_point_upheld, responded_at=london(2025, 6, 6)
    )

    # D: answered a working day late; compensation offered and declined.
    d = log(london(2025, 6, 9), category=repairs, service_area=repairs_area)
    lifecycle.investigating(d, acknowledged_at=london(2025, 6, 9, 14))
    made["D"] = lifecycle.respond(d, outcome=upheld, responded_at=london(2025, 6, 24))
    declined = remedy_offer(
        actor=Actor.for_user(handler),
        complaint=d,
        kind=Remedy.Kind.FINANCIAL,
        description="For the inconvenience.",
        due_on=datetime.date(2025, 7, 8),
        amounts={"amount_distress_and_inconvenience": Decimal("75")},
        payment_method=Remedy.PaymentMethod.BANK_TRANSFER,
        offered_on=datetime.date(2025, 6, 24),
    )
    remedy_record_response(actor=Actor.for_user(handler), remedy=declined, accepted=False, on=TODAY)
    time_machine.move_to(london(2025, 6, 24, 17), tick=False)
    d_action = action_add(
        actor=Actor.for_user(handler),
        complaint=d,
        description="Clear the gutter.",
        due_on=datetime.date(2025, 6, 30),
        owner=handler,
    )
    time_machine.move_to(london(2025, 7, 1, 9), tick=False)
    action_complete(
        actor=Actor.for_user(handler), action=d_action, completed_on=datetime.date(2025, 6, 25)
    )
    root_cause(d, delay, london(2025, 6, 25))

    # E: acknowledged late and still open, past its response date.
    e = log(london(2025, 6, 2))
    made["E"] = lifecycle.investigating(e, acknowledged_at=london(2025, 6, 10))

    # F: not accepted.
    f = log(london(2025, 6, 10))
    time_machine.move_to(london(2025, 6, 11, 12), tick=False)
    complaint_refuse(
        actor=officer_actor,
        complaint=f,
        ground=Refusal.Ground.PREVIOUSLY_CONSIDERED,
        evidence="Answered as C2025-00001.",
        explanation="We answered this complaint in May.",
        ombudsman_right_explained=True,
    )
    time_machine.move_to(london(2025, 7, 1, 9), tick=False)
    made["F"] = lifecycle.fresh(f)

    # G: withdrawn before acknowledgement.
    g = log(london(2025, 6, 12))
    made["G"] = complaint_withdraw(
        actor=officer_actor, complaint=g, withdrawn_at=london(2025, 6, 13)
    )

    # H: received before the period, answered in it; the Ombudsman has determined it.
    h = log(london(2025, 3, 25))
    lifecycle.investigating(h, acknowledged_at=london(2025, 3, 26))
    made["H"] = lifecycle.respond(h, outcome=upheld, responded_at=london(2025, 4, 3))
    root_cause(h, communication, london(2025, 3, 31))
    case = OmbudsmanCase.objects.create(
        landlord=landlord,
        complaint=h,
        ombudsman_reference="202512345",
        referred_on=datetime.date(2025, 4, 20),
        status=OmbudsmanCase.Status.DETERMINED,
        determination_on=datetime.date(2025, 6, 15),
        created_at=london(2025, 4, 20),
    )
    OmbudsmanFinding.objects.create(
        case=case, issue="Repairs", finding=OmbudsmanFinding.Finding.MALADMINISTRATION
    )
    OmbudsmanFinding.objects.create(
        case=case, issue="Complaint handling", finding=OmbudsmanFinding.Finding.SERVICE_FAILURE
    )
    order = OmbudsmanOrder.Kind.ORDER
    for due, complied, amount in (
        (datetime.date(2025, 6, 20), datetime.date(2025, 6, 18), Decimal("300")),
        (datetime.date(2025, 6, 25), datetime.date(2025, 6, 27), Decimal("0")),
        (datetime.date(2025, 6, 28), None, Decimal("0")),
    ):
        OmbudsmanOrder.objects.create(
            case=case,
            kind=order,
            description="Put it right.",
            due_on=due,
            complied_on=complied,
            compensation_amount=amount,
        )
    OmbudsmanOrder.objects.create(
        case=case,
        kind=OmbudsmanOrder.Kind.RECOMMENDATION,
        description="Review the repairs policy.",
        due_on=datetime.date(2025, 6, 28),
    )

    # I: received at the end of the period, not yet due to be acknowledged.
    made["I"] = log(london(2025, 6, 27))

    # J: answered in the previous period; its stage 2 request refused in this one.
    j = log(london(2025, 2, 3))
    lifecycle.investigating(j, acknowledged_at=london(2025, 2, 4))
    lifecycle.respond(
        j, outcome=not_upheld, finding=no_point_upheld, responded_at=london(2025, 2, 10)
    )
    escalate(j, london(2025, 4, 2))
    time_machine.move_to(london(2025, 4, 3, 12), tick=False)
    complaint_refuse(
        actor=officer_actor,
        complaint=j,
        ground=Refusal.Ground.OTHER,
        other_reason="No new issue raised.",
        evidence="The request repeats the stage 1 complaint.",
        explanation="Your request raises nothing new.",
        ombudsman_right_explained=True,
    )
    time_machine.move_to(london(2025, 7, 1, 9), tick=False)
    made["J"] = lifecycle.fresh(j)

    # K: answered on time, escalated, and withdrawn before stage 2 was acknowledged.
    k = log(london(2025, 4, 3))
    lifecycle.investigating(k, acknowledged_at=london(2025, 4, 4))
    lifecycle.respond(
        k, outcome=not_upheld, finding=no_point_upheld, responded_at=london(2025, 4, 17)
    )
    escalate(k, london(2025, 4, 22), reason="Disagree with the decision")
    made["K"] = complaint_withdraw(
        actor=Actor.resident(landlord.pk), complaint=k, withdrawn_at=london(2025, 4, 24)
    )

    for complaint, sent, rating in (
        (made["H"], london(2025, 4, 10), SatisfactionResponse.Rating.SATISFIED),
        (made["A"], london(2025, 5, 9), None),
        (made["B"], london(2025, 5, 21), SatisfactionResponse.Rating.DISSATISFIED),
    ):
        invitation = SatisfactionInvitation.objects.create(
            complaint=complaint, stage_number=1, sent_at=sent
        )
        if rating is not None:
            SatisfactionResponse.objects.create(
                invitation=invitation, handling=rating, answered_at=sent
            )

    made["A"] = lifecycle.fresh(a)
    return Quarter(
        landlord=landlord,
        council_homes=council_homes,
        company=company,
        repairs_area=repairs_area,
        repairs=repairs,
        damp=damp,
        delay=delay,
        communication=communication,
        complaints=made,
    )
