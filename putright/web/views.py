from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from putright.landlords.selectors import landlord_current
from putright.landlords.timescales import CODE_TIMESCALES


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"page_title": "Complaints"})


def resident(request: HttpRequest) -> HttpResponse:
    """How to complain, generated from the landlord's policy so it always matches the system."""
    landlord = landlord_current()
    timescales = []
    if landlord is not None:
        timescales = [
            {"label": t.label, "days": getattr(landlord.policy, t.field)} for t in CODE_TIMESCALES
        ]
    return render(
        request,
        "web/resident.html",
        {"page_title": "How to make a complaint", "timescales": timescales},
    )


@login_required
def staff(request: HttpRequest) -> HttpResponse:
    return render(request, "web/staff.html", {"page_title": "Staff"})


class SignInView(auth_views.LoginView):
    template_name = "web/sign_in.html"
    redirect_authenticated_user = True
    extra_context = {"page_title": "Sign in"}


class SignOutView(auth_views.LogoutView):
    next_page = "/"
