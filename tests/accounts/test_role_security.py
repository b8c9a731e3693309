"""Which staff must use two-factor authentication: the roles their landlord says require it."""

from __future__ import annotations

from putright.accounts.models import RoleSecurity
from putright.accounts.roles import role_group
from putright.accounts.selectors import two_factor_status
from putright.accounts.services import role_security_ensure, two_factor_confirm, two_factor_start
from tests.accounts.authenticator import app_code


def _require(landlord, role):
    RoleSecurity.objects.update_or_create(
        landlord=landlord, role=role_group(role), defaults={"two_factor_required": True}
    )


def test_a_role_requires_two_factor_only_where_its_landlord_says_so(
    landlord, officer, other_landlord_officer, handler
):
    _require(landlord, "complaints_officer")
    assert two_factor_status(user=officer).set_up_needed
    assert not two_factor_status(user=other_landlord_officer).required
    assert not two_factor_status(user=handler).required


def test_anyone_holding_one_role_that_requires_it_must_use_it(landlord, make_staff):
    both = make_staff("complaint_handler", "senior_lead")
    _require(landlord, "senior_lead")
    assert two_factor_status(user=both).required


def test_an_app_set_up_means_nothing_more_is_needed(landlord, officer):
    _require(landlord, "complaints_officer")
    two_factor_confirm(user=officer, code=app_code(two_factor_start(user=officer)))
    status = two_factor_status(user=officer)
    assert status.has_device and not status.set_up_needed


def test_an_app_not_yet_confirmed_does_not_count(officer):
    two_factor_start(user=officer)
    assert not two_factor_status(user=officer).has_device


def test_the_check_every_staff_page_makes_is_one_query(
    landlord, officer, django_assert_num_queries
):
    _require(landlord, "complaints_officer")
    with django_assert_num_queries(1):
        two_factor_status(user=officer)


def test_every_role_gets_one_setting_per_landlord(landlord):
    first = role_security_ensure(landlord=landlord)
    again = role_security_ensure(landlord=landlord)
    assert [row.pk for row in first] == [row.pk for row in again]
    assert len(first) == 5
    assert not any(row.two_factor_required for row in first)
