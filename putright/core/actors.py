"""Who is acting: a signed-in member of staff, an API token, a resident, or the system.

Services take an ``Actor`` rather than a request so the web, the API and the CLI share
one permission check and one way of naming the actor in the case history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from putright.core.errors import NotPermittedError

if TYPE_CHECKING:
    from putright.accounts.models import User


@dataclass(frozen=True)
class Actor:
    label: str
    landlord_id: int | None
    user: User | None = None
    permissions: frozenset[str] = field(default_factory=frozenset)
    is_resident: bool = False

    @classmethod
    def for_user(cls, user: User) -> Actor:
        return cls(
            label=user.get_full_name() or user.get_username(),
            landlord_id=user.landlord_id,
            user=user,
            permissions=frozenset(user.get_all_permissions()) if user.is_active else frozenset(),
        )

    @classmethod
    def system(cls, landlord_id: int | None, label: str = "Putright") -> Actor:
        return cls(label=label, landlord_id=landlord_id, permissions=frozenset({"*"}))

    @classmethod
    def resident(cls, landlord_id: int, label: str = "Resident") -> Actor:
        return cls(label=label, landlord_id=landlord_id, is_resident=True)

    @property
    def landlord_pk(self) -> int:
        """The landlord this actor works for; an account that belongs to none may do nothing."""
        if self.landlord_id is None:
            raise NotPermittedError("Your account does not belong to a landlord.")
        return self.landlord_id

    def can(self, permission: str) -> bool:
        return "*" in self.permissions or permission in self.permissions

    def require(self, permission: str, action: str) -> None:
        if not self.can(permission):
            raise NotPermittedError(f"Your role does not allow you to {action}.")

    def require_any(self, permissions: Iterable[str], action: str) -> None:
        if not any(self.can(p) for p in permissions):
            raise NotPermittedError(f"Your role does not allow you to {action}.")
