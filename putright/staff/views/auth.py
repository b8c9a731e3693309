"""Signing in and out of the staff workspace."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path


class SignInView(auth_views.LoginView):
    template_name = "staff/auth/sign_in.html"
    redirect_authenticated_user = True
    extra_context = {"page_title": "Sign in"}


class SignOutView(auth_views.LogoutView):
    next_page = "/"


urlpatterns: list[URLPattern] = [
    path("sign-in/", SignInView.as_view(), name="sign-in"),
    path("sign-out/", SignOutView.as_view(), name="sign-out"),
]
