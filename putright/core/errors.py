"""Domain errors: raised by services when the Code (or plain sense) forbids an action.

Views, API endpoints and CLI commands catch these and show the message; they never
re-implement the rule that raised it.
"""

from __future__ import annotations


class DomainError(Exception):
    """An action that the rules forbid. ``provision`` names the Code provision, when one applies."""

    def __init__(self, message: str, *, provision: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.provision = provision
        self.field = field

    def __str__(self) -> str:
        if self.provision:
            return f"{self.message} (Complaint Handling Code {self.provision})"
        return self.message


class NotPermittedError(DomainError):
    """The person acting does not hold a role that allows this action."""


class ConflictError(DomainError):
    """Someone else changed the record since it was read: the change was not made."""


class NotFoundError(DomainError):
    """The record does not exist, or is not visible to the person asking."""


def require_text(
    value: str | None, message: str, *, field: str, provision: str | None = None
) -> str:
    """The text, stripped; blank is refused with ``message`` against ``field``."""
    text = (value or "").strip()
    if not text:
        raise DomainError(message, field=field, provision=provision)
    return text
