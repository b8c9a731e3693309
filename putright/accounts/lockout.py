"""Locking out repeated wrong passwords (django-axes), in Putright's terms."""

from __future__ import annotations

from axes.utils import reset as axes_reset
from django.conf import settings
from django.http import HttpRequest


def client_ip_address(request: HttpRequest) -> str | None:
    """The address a sign-in came from, for counting failures per username and address.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies the client is that many entries from the
    right of X-Forwarded-For: entries further left were written by the client and can be
    forged, so they are never used.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def sign_in_lockout_clear(*, username: str) -> int:
    """Forget the failed sign-ins for ``username``: they have just proved who they are."""
    return axes_reset(username=username)
