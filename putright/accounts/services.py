"""Changes to staff accounts: two-factor authentication, admin access, role security.

Pages, the admin and signals call these; the rules live here and nowhere else.
"""

from __future__ import annotations

from django.db import transaction
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.accounts.models import RoleSecurity, User
from putright.accounts.roles import ROLES, role_group
from putright.accounts.selectors import two_factor_device, two_factor_status, user_is_administrator
from putright.core.actors import Actor
from putright.core.errors import DomainError
from putright.core.services import record_event
from putright.landlords.models import Landlord

AUTHENTICATOR_APP = "Authenticator app"
WRONG_CODE = "The code is not right: enter the 6-digit code your authenticator app shows now"


def _code_check(device: TOTPDevice, code: str) -> None:
    """Raise unless ``code`` is the device's current code, with django-otp's back-off."""
    code = "".join(code.split())
    allowed, detail = device.verify_is_allowed()
    if not allowed and detail and detail.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
        raise DomainError(
            "You have entered too many wrong codes: wait a minute, then enter the code "
            "your authenticator app shows",
            field="code",
        )
    if not code.isdigit() or len(code) != device.digits:
        raise DomainError("Enter the 6-digit code from your authenticator app", field="code")
    if not device.verify_token(code):
        raise DomainError(WRONG_CODE, field="code")


@transaction.atomic
def two_factor_start(*, user: User) -> TOTPDevice:
    """A new authenticator app for ``user``, unused until they confirm it with a code.

    Starting again before confirming shows the same secret, so a page reload does not
    invalidate what the person has already scanned.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_APP, confirmed=False)
    return device


@transaction.atomic
def two_factor_confirm(*, user: User, code: str) -> TOTPDevice:
    """Turn on the authenticator app ``user`` has just added, once it gives a correct code.

    It replaces any app set up before: one person, one app.
    """
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("-pk")
        .first()
    )
    if device is None:
        raise DomainError("Start setting up two-factor authentication again", field="code")
    _code_check(device, code)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    record_event(
        actor=Actor.for_user(user),
        subject=user,
        action="account.two_factor_set_up",
        summary="Two-factor authentication set up with an authenticator app",
    )
    return device


def two_factor_verify(*, user: User, code: str) -> TOTPDevice:
    """The second step of signing in: the code from ``user``'s authenticator app."""
    device = two_factor_device(user=user)
    if device is None:
        raise DomainError("Your account has no authenticator app set up", field="code")
    _code_check(device, code)
    return device


@transaction.atomic
def two_factor_turn_off(*, user: User, code: str) -> None:
    """Stop asking ``user`` for a code, unless a role of theirs requires one."""
    if two_factor_status(user=user).required:
        raise DomainError(
            "Your role requires two-factor authentication, so it cannot be turned off",
            field="code",
        )
    two_factor_verify(user=user, code=code)
    TOTPDevice.objects.filter(user=user).delete()
    record_event(
        actor=Actor.for_user(user),
        subject=user,
        action="account.two_factor_turned_off",
        summary="Two-factor authentication turned off",
    )


@transaction.atomic
def user_admin_access_sync(*, user: User) -> bool:
    """Give the administration pages to administrators, and take them from everyone else.

    Django's admin lets in only ``is_staff`` accounts; that flag follows the Administrator
    role (and superusers keep it), so nobody can be given the admin except through a role.
    Returns whether ``user`` may now use the admin.
    """
    allowed = user.is_superuser or user_is_administrator(user=user)
    if user.is_staff != allowed:
        User.objects.filter(pk=user.pk).update(is_staff=allowed)
        user.is_staff = allowed
        record_event(
            actor=Actor.system(user.landlord_id),
            subject=user,
            action="account.admin_access_granted" if allowed else "account.admin_access_removed",
            summary=(
                "Given the administration pages with the Administrator role"
                if allowed
                else "Administration pages taken away: no longer an administrator"
            ),
        )
    return allowed


@transaction.atomic
def role_security_ensure(*, landlord: Landlord) -> list[RoleSecurity]:
    """One role security setting per role for ``landlord``, so every role can be edited."""
    existing = {
        row.role_id: row
        for row in RoleSecurity.objects.filter(landlord=landlord).select_related("role")
    }
    for role in ROLES:
        group = role_group(role.slug)
        if group.pk not in existing:
            existing[group.pk] = RoleSecurity.objects.create(landlord=landlord, role=group)
    return sorted(existing.values(), key=lambda row: row.role.name)
