"""Django's admin, entered only through the staff sign-in.

The admin's own sign-in form would skip the lockout page and two-factor authentication,
so it is replaced by a redirect to the staff sign-in; and an administrator with two-factor
outstanding is sent to settle it first, as on every staff page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from putright.staff.access import second_factor_outstanding
from putright.web.views import permission_denied


class StaffAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        if not super().has_permission(request):
            return False
        return second_factor_outstanding(request) is None

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse(
            "admin:index", current_app=self.name
        )
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if request.user.is_active and request.user.is_staff:
            elsewhere = second_factor_outstanding(request, next_url)
            if elsewhere is not None:
                return elsewhere
            if url_has_allowed_host_and_scheme(
                next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                return HttpResponseRedirect(next_url)
        return permission_denied(
            request,
            PermissionError("Only administrators can use the administration pages."),
        )
