"""Who may open a staff page.

Pages check the role a page needs before doing anything; the services they call check
again, so a page that forgot its check still cannot do what the role does not allow.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse

from putright.accounts.selectors import two_factor_status
from putright.core.actors import Actor

# Any response: a page, a redirect, or a file download.
View = Callable[..., HttpResponseBase]


def request_actor(request: HttpRequest) -> Actor:
    """The signed-in member of staff, as the services know them."""
    return Actor.for_user(request.user)  # type: ignore[arg-type]


def request_is_verified(request: HttpRequest) -> bool:
    """Whether this session has given a code from the person's authenticator app."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def _to(name: str, next_url: str) -> HttpResponse:
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': next_url})}")


def second_factor_outstanding(
    request: HttpRequest, next_url: str | None = None
) -> HttpResponse | None:
    """Where a signed-in person must go before anything else, or None if nowhere.

    Someone with an authenticator app gives its code in every session; someone whose role
    requires two-factor authentication and who has no app sets one up first. Afterwards
    they go on to ``next_url`` (by default, the page they asked for).
    """
    status = two_factor_status(user=request.user)  # type: ignore[arg-type]
    next_url = next_url or request.get_full_path()
    if status.has_device:
        if request_is_verified(request):
            return None
        return _to("staff:sign-in-code", next_url)
    if status.required:
        return _to("staff:two-factor-set-up", next_url)
    return None


def _signed_in_staff(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if getattr(request.user, "landlord_id", None) is None:
        raise PermissionDenied("Your account does not belong to a landlord.")
    return None


def staff_required(*permissions: str) -> Callable[[View], View]:
    """Signed-in staff holding any one of ``permissions`` (or any staff, if none are given).

    Not signed in: to the sign-in page. Two-factor authentication outstanding: to the code
    or to setting up an authenticator app. Signed in without the role: the 403 page.
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            elsewhere = _signed_in_staff(request) or second_factor_outstanding(request)
            if elsewhere is not None:
                return elsewhere
            if permissions and not any(request.user.has_perm(p) for p in permissions):
                raise PermissionDenied("Your role does not allow you to see this page.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def staff_settling_two_factor(view: View) -> View:
    """Signed-in staff on the pages that settle two-factor authentication itself.

    Those pages cannot wait for two-factor to be settled, so they check it themselves.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        elsewhere = _signed_in_staff(request)
        if elsewhere is not None:
            return elsewhere
        return view(request, *args, **kwargs)

    return wrapped
