"""Who gets each letter, and how: preferences, adjustments, restrictions, representatives."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from putright.complaints.models import Complaint
from putright.core.actors import Actor
from putright.letters.delivery import (
    Person,
    RepresentativeCircumstances,
    ResidentCircumstances,
    delivery_plan,
)
from putright.letters.models import Letter, LetterKind
from putright.outbox.models import OutboxMessage
from putright.residents.models import ReasonableAdjustment, Representative, Restriction
from putright.residents.services import adjustment_record
from tests.letters.conftest import letters_of

WITH_BOTH = Person("Alex Morgan", email="alex@example.org", postal_address="12 Mill Lane")
EMAIL_ONLY = Person("Alex Morgan", email="alex@example.org")
POST_ONLY = Person("Alex Morgan", postal_address="12 Mill Lane")


def resident(person=WITH_BOTH, prefers="email", **circumstances) -> ResidentCircumstances:
    return ResidentCircumstances(person=person, preferred_contact_method=prefers, **circumstances)


def media(plan) -> list[tuple[str, str]]:
    return [(d.role, d.medium) for d in plan]


@pytest.mark.parametrize(
    ("circumstances", "expected"),
    [
        (resident(prefers="email"), "email"),
        (resident(prefers="sms"), "email"),
        (resident(prefers="phone"), "email"),
        (resident(prefers="letter"), "post"),
        (resident(person=POST_ONLY, prefers="email"), "post"),
        (resident(person=EMAIL_ONLY, prefers="letter"), "email"),
        (resident(person=Person("Alex Morgan")), "not_sent"),
        (resident(phone_instead_of_letters=True), "not_sent"),
        (resident(contact_restricted=True), "post"),
        (resident(person=EMAIL_ONLY, contact_restricted=True), "email"),
    ],
    ids=[
        "prefers email",
        "prefers texts: email",
        "prefers phone: email",
        "prefers letters: post",
        "no email: post",
        "prefers letters, no address: email",
        "no email or address: kept",
        "phone instead of letters: kept",
        "contact restricted: post",
        "contact restricted, no address: email",
    ],
)
def test_the_residents_record_decides_how_their_letter_goes(circumstances, expected):
    assert media(delivery_plan(is_anonymous=False, resident=circumstances)) == [
        ("resident", expected)
    ]


def test_an_anonymous_complaint_gets_no_letter():
    assert delivery_plan(is_anonymous=True, resident=None) == []


@pytest.mark.parametrize(
    ("authority", "copies", "person", "expected"),
    [
        (True, True, Person("Sam", email="sam@example.org"), [("representative", "email")]),
        (True, True, Person("Sam", postal_address="1 Road"), [("representative", "post")]),
        (True, False, Person("Sam", email="sam@example.org"), []),
        (False, True, Person("Sam", email="sam@example.org"), []),
    ],
    ids=["authorised: email", "authorised: post", "asked for no copies", "no authority"],
)
def test_a_representative_gets_a_copy_only_with_the_residents_authority(
    authority, copies, person, expected
):
    plan = delivery_plan(
        is_anonymous=False,
        resident=resident(),
        representative=RepresentativeCircumstances(person, authority, copies),
    )
    assert media(plan) == [("resident", "email"), *expected]


def test_large_print_goes_to_the_resident_not_the_copy():
    plan = delivery_plan(
        is_anonymous=False,
        resident=resident(large_print=True),
        representative=RepresentativeCircumstances(
            Person("Sam", email="s@example.org"), True, True
        ),
    )
    assert [d.large_print for d in plan] == [True, False]


# ---------------------------------------------------------------- through the services


def test_an_authorised_representative_is_sent_a_copy_through_the_outbox(
    log_complaint, lifecycle, resident
):
    representative = Representative.objects.create(
        resident=resident,
        name="Sam Advocate",
        relationship=Representative.Relationship.ADVOCATE,
        email="sam@advice.example",
        authority_given_on=timezone.localdate(),
    )
    complaint = lifecycle.acknowledge(
        lifecycle.define(log_complaint(representative=representative))
    )
    letters = letters_of(complaint, LetterKind.STAGE1_ACKNOWLEDGEMENT)
    assert [(x.recipient_role, x.medium, x.recipient_email) for x in letters] == [
        ("resident", "email", "alex@example.org"),
        ("representative", "email", "sam@advice.example"),
    ]
    assert "Dear Sam Advocate" in letters[1].body_text
    messages = OutboxMessage.objects.filter(complaint=complaint).order_by("id")
    assert [m.recipient_email for m in messages] == ["alex@example.org", "sam@advice.example"]
    assert [(m.source_type, m.source_id) for m in messages] == [
        ("letters.letter", letters[0].pk),
        ("letters.letter", letters[1].pk),
    ]


def test_a_letter_by_post_carries_the_printable_document_and_address(
    log_complaint, lifecycle, resident
):
    resident.preferred_contact_method = "letter"
    resident.save()
    complaint = lifecycle.acknowledge(lifecycle.define(log_complaint()))
    (letter,) = letters_of(complaint)
    message = OutboxMessage.objects.get(pk=letter.outbox_message_id)
    assert (letter.medium, message.medium) == ("post", "post")
    assert message.recipient_postal_address == "12 Mill Lane\nRV1 2AB"
    assert message.document_html == letter.document_html
    assert "12 Mill Lane" in letter.document_html


def test_phone_instead_of_letters_keeps_the_letter_without_sending_it(
    log_complaint, lifecycle, resident, officer
):
    adjustment_record(
        actor=Actor.for_user(officer),
        resident=resident,
        kind=ReasonableAdjustment.Kind.PHONE_INSTEAD_OF_LETTERS,
        agreed_on=timezone.localdate(),
    )
    complaint = lifecycle.acknowledge(lifecycle.define(log_complaint()))
    (letter,) = letters_of(complaint)
    assert letter.medium == Letter.Medium.NOT_SENT
    assert letter.outbox_message_id is None
    assert not OutboxMessage.objects.filter(complaint=complaint).exists()


def test_a_restriction_on_contact_sends_the_letter_by_post(log_complaint, lifecycle, resident):
    Restriction.objects.create(
        resident=resident,
        behaviour="Repeated abusive calls",
        evidence="Call logs",
        restriction="Contact by letter to the complaints team only",
        equality_considerations="No disability disclosed",
        starts_on=timezone.localdate() - datetime.timedelta(days=1),
        review_on=timezone.localdate() + datetime.timedelta(days=90),
    )
    complaint = lifecycle.acknowledge(lifecycle.define(log_complaint()))
    (letter,) = letters_of(complaint)
    assert letter.medium == Letter.Medium.POST


def test_an_anonymous_complaint_is_acknowledged_without_a_letter(log_complaint, lifecycle):
    complaint = log_complaint(is_anonymous=True, resident=None)
    complaint = lifecycle.acknowledge(lifecycle.define(complaint))
    assert complaint.status == Complaint.Status.STAGE1_INVESTIGATING
    assert letters_of(complaint) == []
