"""Code 5.1 and section 6: a landlord's timescales may be stricter than the Code's, never looser."""

from __future__ import annotations

import pytest

from putright.core.errors import DomainError, NotPermittedError
from putright.core.models import Event
from putright.landlords.services import landlord_policy_update


def test_a_new_landlord_starts_with_the_codes_timescales(landlord):
    policy = landlord.policy
    assert (policy.stage1_acknowledgement_days, policy.stage1_response_days) == (5, 10)
    assert policy.stage1_extension_max_days == 10
    assert (policy.stage2_acknowledgement_days, policy.stage2_response_days) == (5, 20)
    assert policy.stage2_extension_max_days == 20


def test_a_new_landlord_has_the_ombudsmans_published_contact_details(landlord):
    contact = landlord.ombudsman_contact
    assert contact.email == "info@housing-ombudsman.org.uk"
    assert contact.phone == "0300 111 3000"
    assert "PO Box 152" in contact.postal_address


def test_a_landlord_may_set_a_stricter_acknowledgement_target(landlord, system_actor):
    policy = landlord_policy_update(
        landlord=landlord, actor=system_actor, stage1_acknowledgement_days=3
    )
    policy.refresh_from_db()
    assert policy.stage1_acknowledgement_days == 3
    event = Event.objects.get(action="policy.updated")
    assert event.before == {"stage1_acknowledgement_days": 5}
    assert event.after == {"stage1_acknowledgement_days": 3}


@pytest.mark.parametrize(
    ("field", "looser", "provision"),
    [
        ("stage1_acknowledgement_days", 6, "6.2"),
        ("stage1_response_days", 11, "6.3"),
        ("stage1_extension_max_days", 15, "6.4"),
        ("stage2_acknowledgement_days", 6, "6.11"),
        ("stage2_response_days", 25, "6.14"),
        ("stage2_extension_max_days", 21, "6.15"),
    ],
)
def test_a_landlord_may_not_set_a_looser_timescale_than_the_code(
    landlord, system_actor, field, looser, provision
):
    with pytest.raises(DomainError) as caught:
        landlord_policy_update(landlord=landlord, actor=system_actor, **{field: looser})
    assert caught.value.provision == provision
    assert caught.value.field == field
    assert "never looser" in caught.value.message
    landlord.policy.refresh_from_db()
    assert getattr(landlord.policy, field) != looser


def test_a_landlord_may_not_shorten_the_twelve_month_time_limit(landlord, system_actor):
    with pytest.raises(DomainError) as caught:
        landlord_policy_update(landlord=landlord, actor=system_actor, complaint_time_limit_months=6)
    assert caught.value.provision == "2.3"


def test_only_a_role_with_permission_may_change_the_policy(landlord):
    from putright.core.actors import Actor

    clerk = Actor(label="Clerk", landlord_id=landlord.pk)
    with pytest.raises(NotPermittedError):
        landlord_policy_update(landlord=landlord, actor=clerk, stage1_acknowledgement_days=3)
