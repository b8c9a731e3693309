"""Signing in and out of the staff workspace, and keeping an account secure.

Signing in is Django's: its authentication form (with django-axes counting wrong passwords
and locking out a username at one address after five), its password reset and password
change views. What is added here is the second step for anyone with an authenticator app,
setting one up, and GOV.UK pages for all of it.
"""

from __future__ import annotations

import time
from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

import django_otp
import segno
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import login, user_login_failed
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from markupsafe import Markup

from putright.accounts.lockout import sign_in_lockout_clear
from putright.accounts.models import User
from putright.accounts.selectors import two_factor_device, two_factor_status
from putright.accounts.services import (
    two_factor_confirm,
    two_factor_start,
    two_factor_turn_off,
    two_factor_verify,
)
from putright.core.errors import DomainError
from putright.landlords.selectors import landlord_current
from putright.staff.access import request_is_verified, staff_required, staff_settling_two_factor
from putright.web.forms import error_summary, form_add_domain_error

# Between the password and the code, the session holds who is signing in: not signed in yet.
PENDING = "putright_sign_in_pending"


def _service_name() -> str:
    landlord = landlord_current()
    return f"{landlord.name} complaints" if landlord else "Putright"


def _safe_next(request: HttpRequest, default: str = settings.LOGIN_REDIRECT_URL) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


# Signing in -------------------------------------------------------------------------------


class SignInForm(auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account has been closed: ask your administrator",
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


def _sign_in_errors(form: forms.Form) -> list[dict[str, str]]:
    """The error summary; a wrong username or password points at the username box."""
    return [
        {**item, "href": "#id_username"} if item["href"] == "#main-content" else item
        for item in error_summary(form)
    ]


class SignInView(auth_views.LoginView):
    template_name = "staff/auth/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            page_title="Sign in",
            error_list=_sign_in_errors(form) if form.errors else [],
            login_error=" ".join(str(e) for e in form.non_field_errors()) or None,
        )
        return context

    def form_valid(self, form: auth_forms.AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        self.request.session.pop(PENDING, None)
        if two_factor_status(user=user).has_device:  # type: ignore[arg-type]
            # The password was right; the person is signed in only once the code is too.
            self.request.session[PENDING] = {
                "user": user.pk,
                "backend": user.backend,  # type: ignore[attr-defined]
                "started": time.time(),
            }
            return HttpResponseRedirect(_with_next("staff:sign-in-code", self.get_success_url()))
        return super().form_valid(form)


class SignInCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code your app shows for this service now",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )


CODE_INPUT = {"inputmode": "numeric", "spellcheck": False, "classes": "govuk-input--width-5"}


def _pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING)
    if not pending:
        return None
    if time.time() - pending.get("started", 0) > settings.PUTRIGHT_SIGN_IN_CODE_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = User.objects.filter(pk=pending.get("user"), is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]  # type: ignore[attr-defined]
    return user


@sensitive_post_parameters("code")
@never_cache
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in, or of a session that has not yet given its code."""
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        user: User | None = request.user  # type: ignore[assignment]
        if request_is_verified(request) or not two_factor_status(user=user).has_device:  # type: ignore[arg-type]
            return redirect(next_url)
    else:
        user = _pending_user(request)
        if user is None:
            messages.info(request, "Sign in again: the time to enter your code ran out.")
            return redirect(_with_next("staff:sign-in", next_url))
    assert user is not None
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        credentials = {"username": user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            request.session.pop(PENDING, None)
            return locked_out(request)
        try:
            device = two_factor_verify(user=user, code=form.cleaned_data["code"])
        except DomainError as error:
            form_add_domain_error(form, error)
            # Wrong codes count towards the lockout, as wrong passwords do (django-otp's own
            # back-off refuses even a right code for a moment after a wrong one).
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                request.session.pop(PENDING, None)
        else:
            if request.user.is_authenticated:
                request.session.cycle_key()
            else:
                login(request, user, backend=request.session[PENDING]["backend"])
            django_otp.login(request, device)
            request.session.pop(PENDING, None)
            return redirect(next_url)
    return render(
        request,
        "staff/auth/sign_in_code.html",
        {
            "page_title": "Enter your code",
            "form": form,
            "next": next_url,
            "code_input": CODE_INPUT,
        },
    )


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' lockout response: a GOV.UK page saying what to do next."""
    request.session.pop(PENDING, None)
    cooloff = settings.AXES_COOLOFF_TIME
    return render(
        request,
        "staff/auth/locked_out.html",
        {
            "page_title": "You cannot sign in for now",
            "minutes": int(cooloff.total_seconds() // 60),
            "attempts": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )


class SignOutView(auth_views.LogoutView):
    """Signing out is a POST (a button), so no link or image can sign anyone out."""

    next_page = "staff:signed-out"


def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/auth/signed_out.html", {"page_title": "You have signed out"})


# Your account -----------------------------------------------------------------------------


@staff_required()
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "staff/auth/account.html",
        {
            "page_title": "Your account",
            "active_nav": "account",
            "two_factor": two_factor_status(user=request.user),  # type: ignore[arg-type]
            "roles": [group.name for group in request.user.groups.all()],  # type: ignore[attr-defined]
        },
    )


@method_decorator(staff_required(), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "staff/auth/password_change.html"
    success_url = reverse_lazy("staff:password-change-done")
    extra_context = {"page_title": "Change your password", "active_nav": "account"}


@method_decorator(staff_required(), name="dispatch")
class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "staff/auth/password_change_done.html"
    extra_context = {"page_title": "Your password has been changed", "active_nav": "account"}


# Password reset by email ------------------------------------------------------------------


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        help_text="The email address your account uses for this service",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "staff/auth/password_reset.html"
    form_class = PasswordResetForm
    subject_template_name = "staff/auth/password_reset_subject.txt"
    email_template_name = "staff/auth/password_reset_email.txt"
    html_email_template_name = "staff/auth/password_reset_email.html"
    success_url = reverse_lazy("staff:password-reset-sent")
    extra_context = {"page_title": "Reset your password"}

    def form_valid(self, form: auth_forms.PasswordResetForm) -> HttpResponse:
        self.extra_email_context = {"service_name": _service_name()}
        return super().form_valid(form)


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "staff/auth/password_reset_sent.html"
    extra_context = {"page_title": "Check your email"}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "staff/auth/password_reset_confirm.html"
    success_url = reverse_lazy("staff:password-reset-complete")
    extra_context = {"page_title": "Choose a new password"}

    def form_valid(self, form: auth_forms.SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        # Whoever could open the email has proved who they are: lift any lockout.
        sign_in_lockout_clear(username=form.user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "staff/auth/password_reset_complete.html"
    extra_context = {"page_title": "Your password has been reset"}


# Two-factor authentication ----------------------------------------------------------------


def _qr_svg(text: str) -> Markup:
    """A QR code as inline SVG, drawn on the server: no script and no image request."""
    svg = segno.make(text, error="m").svg_inline(
        scale=5, title="QR code to scan with your authenticator app", svgclass="putright-qr"
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S704 - segno's own SVG


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class TwoFactorSetUpForm(SignInCodeForm):
    pass


@staff_settling_two_factor
@sensitive_post_parameters("code")
@never_cache
def two_factor_set_up(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    status = two_factor_status(user=user)
    next_url = _safe_next(request, default=reverse("staff:account"))
    if status.has_device and not request_is_verified(request):
        # Replacing an app needs the code from the app it replaces.
        return redirect(_with_next("staff:sign-in-code", request.get_full_path()))
    device = two_factor_start(user=user)
    form = TwoFactorSetUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor_confirm(user=user, code=form.cleaned_data["code"])
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            request.session.cycle_key()
            django_otp.login(request, device)
            if next_url == reverse("staff:account"):
                # Only the account page shows it; elsewhere it would surface pages later.
                messages.success(request, "Two-factor authentication is on.")
            return redirect(next_url)
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "staff/auth/two_factor_set_up.html",
        {
            "page_title": "Set up two-factor authentication",
            "active_nav": "account",
            "form": form,
            "next": next_url,
            "required": status.required,
            "replacing": status.has_device,
            "secret": _grouped(secret),
            "qr_svg": _qr_svg(device.config_url),
            "code_input": CODE_INPUT,
        },
    )


@staff_required()
@sensitive_post_parameters("code")
def two_factor_off(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    status = two_factor_status(user=user)
    if not status.has_device:
        return redirect("staff:account")
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor_turn_off(user=user, code=form.cleaned_data["code"])
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, "Two-factor authentication is off.")
            return redirect("staff:account")
    return render(
        request,
        "staff/auth/two_factor_turn_off.html",
        {
            "page_title": "Turn off two-factor authentication",
            "active_nav": "account",
            "form": form,
            "required": status.required,
            "device": two_factor_device(user=user),
            "code_input": CODE_INPUT,
        },
    )


urlpatterns: list[URLPattern] = [
    path("sign-in/", SignInView.as_view(), name="sign-in"),
    path("sign-in/code/", sign_in_code, name="sign-in-code"),
    path("sign-out/", SignOutView.as_view(), name="sign-out"),
    path("signed-out/", signed_out, name="signed-out"),
    path("account/", account, name="account"),
    path("account/password/", PasswordChangeView.as_view(), name="password-change"),
    path(
        "account/password/changed/",
        PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
    path("account/two-factor/", two_factor_set_up, name="two-factor-set-up"),
    path("account/two-factor/turn-off/", two_factor_off, name="two-factor-turn-off"),
    path("password-reset/", PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", PasswordResetSentView.as_view(), name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
]
