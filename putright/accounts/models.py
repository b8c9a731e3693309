from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models


class Team(models.Model):
    """A group of handlers who can see each other's complaints."""

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="teams"
    )
    name = models.CharField(max_length=200)
    service_area = models.ForeignKey(
        "landlords.ServiceArea", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["landlord", "name"], name="team_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. Residents never hold accounts: they use single-use links."""

    landlord = models.ForeignKey(
        "landlords.Landlord", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    job_title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering: ClassVar = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleSecurity(models.Model):
    """What a landlord asks of everyone holding one role when they sign in.

    Held per landlord because roles (Django groups) are shared by every landlord on one
    installation, while whether a role must use two-factor authentication is each landlord's
    own policy.
    """

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="role_security"
    )
    role = models.ForeignKey("auth.Group", on_delete=models.CASCADE, related_name="+")
    two_factor_required = models.BooleanField(
        "two-factor authentication required",
        default=False,
        help_text=(
            "Everyone with this role must sign in with a code from an authenticator app. "
            "Anyone without one is asked to set it up before they can use the staff pages."
        ),
    )

    class Meta:
        verbose_name = "role security"
        verbose_name_plural = "role security"
        ordering: ClassVar = ["landlord", "role__name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["landlord", "role"], name="role_security_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.role.name}"
