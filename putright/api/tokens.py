"""Making, checking and revoking API tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from putright.accounts.roles import ROLES_BY_SLUG
from putright.api.models import ApiToken
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotFoundError
from putright.core.services import record_event

TOKEN_PREFIX = "pr_"  # noqa: S105 - marks a Putright token; not a secret
LAST_USED_PRECISION = timedelta(minutes=5)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


@transaction.atomic
def api_token_create(*, actor: Actor, user, role: str, name: str) -> IssuedToken:  # type: ignore[no-untyped-def]
    if actor.user is not None or not actor.can("*"):
        actor.require("api.manage_api_tokens", "create API tokens")
    if role not in ROLES_BY_SLUG:
        raise DomainError(
            f"Unknown role {role!r}; choose one of {', '.join(ROLES_BY_SLUG)}.", field="role"
        )
    if not name.strip():
        raise DomainError("Name the integration that will use the token.", field="name")
    if user.landlord_id is None or not user.is_active:
        raise DomainError(
            "A token must act for an active member of a landlord's staff.", field="user"
        )
    if actor.landlord_id is not None and user.landlord_id != actor.landlord_id:
        raise DomainError("That person works for another landlord.", field="user")
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name.strip(),
        user=user,
        role=role,
        prefix=prefix,
        digest=_digest(secret),
        created_by=actor.user,
    )
    record_event(
        actor=actor,
        subject=token,
        action="api_token.created",
        summary=f"API token {prefix} created for {token.name} with role {role}",
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, actor: Actor, prefix: str) -> ApiToken:
    if actor.user is not None or not actor.can("*"):
        actor.require("api.manage_api_tokens", "revoke API tokens")
    try:
        token = ApiToken.objects.select_for_update().get(prefix=prefix, revoked_at__isnull=True)
    except ApiToken.DoesNotExist as exc:
        raise NotFoundError(f"No active API token {prefix}.") from exc
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(
        actor=actor,
        subject=token,
        action="api_token.revoked",
        summary=f"API token {prefix} revoked",
    )
    return token


def api_token_authenticate(secret: str) -> Actor | None:
    """The actor a presented token acts as, or None. Constant-time on the secret."""
    if not secret.startswith(TOKEN_PREFIX) or secret.count("_") < 2:
        return None
    prefix = secret[len(TOKEN_PREFIX) :].split("_", 1)[0]
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, _digest(secret)):
        return None
    user = token.user
    if not user.is_active or user.landlord_id is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    role_permissions = (
        set(ROLES_BY_SLUG[token.role].permissions) if token.role in ROLES_BY_SLUG else set()
    )
    return Actor(
        label=f"{user.get_full_name() or user.get_username()} (via {token.name})",
        landlord_id=user.landlord_id,
        user=user,
        permissions=frozenset(role_permissions & user.get_all_permissions()),
    )
