"""Reads about staff accounts that pages and the admin share."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.accounts.models import RoleSecurity, User
from putright.accounts.roles import ROLES_BY_SLUG


@dataclass(frozen=True)
class TwoFactorStatus:
    has_device: bool
    required: bool

    @property
    def set_up_needed(self) -> bool:
        return self.required and not self.has_device


def two_factor_status(*, user: User) -> TwoFactorStatus:
    """Whether ``user`` has an authenticator app set up, and whether a role of theirs requires one.

    One query: every staff page asks it.
    """
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            has_device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            required=Exists(
                RoleSecurity.objects.filter(
                    landlord=OuterRef("landlord"),
                    role__user=OuterRef("pk"),
                    two_factor_required=True,
                )
            ),
        )
        .values("has_device", "required")
        .first()
    )
    if row is None:
        return TwoFactorStatus(has_device=False, required=False)
    return TwoFactorStatus(has_device=row["has_device"], required=row["required"])


def two_factor_device(*, user: User) -> TOTPDevice | None:
    """The authenticator app ``user`` signs in with, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def user_is_administrator(*, user: User) -> bool:
    return user.groups.filter(name=ROLES_BY_SLUG["administrator"].name).exists()
