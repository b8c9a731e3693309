"""Who may open a staff page.

Pages check the role a page needs before doing anything; the services they call check
again, so a page that forgot its check still cannot do what the role does not allow.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from putright.core.actors import Actor

View = Callable[..., HttpResponse]


def request_actor(request: HttpRequest) -> Actor:
    """The signed-in member of staff, as the services know them."""
    return Actor.for_user(request.user)  # type: ignore[arg-type]


def staff_required(*permissions: str) -> Callable[[View], View]:
    """Signed-in staff holding any one of ``permissions`` (or any staff, if none are given).

    Not signed in: to the sign-in page. Signed in without the role: the 403 page.
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if getattr(user, "landlord_id", None) is None:
                raise PermissionDenied("Your account does not belong to a landlord.")
            if permissions and not any(user.has_perm(p) for p in permissions):
                raise PermissionDenied("Your role does not allow you to see this page.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
