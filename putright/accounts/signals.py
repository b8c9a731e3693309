"""Keeping admin access in step with roles, however roles are given or taken away.

Roles change through the admin's user form, ``user.groups.add`` in code, or a role's own
member list; each ends in Django's m2m_changed, and each is handed to the service.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group

from putright.accounts.models import User
from putright.accounts.services import user_admin_access_sync

_CLEARING = "_putright_clearing_user_ids"


def roles_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if not reverse:
        # user.groups changed.
        if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, User):
            user_admin_access_sync(user=instance)
        return
    # group.user_set changed: which users is in pk_set, or (for a clear) known only before.
    if not isinstance(instance, Group):
        return
    if action == "pre_clear":
        setattr(instance, _CLEARING, list(instance.user_set.values_list("pk", flat=True)))
        return
    if action == "post_clear":
        user_ids = getattr(instance, _CLEARING, [])
    elif action in {"post_add", "post_remove"}:
        user_ids = list(pk_set or ())
    else:
        return
    for user in User.objects.filter(pk__in=user_ids):
        user_admin_access_sync(user=user)
