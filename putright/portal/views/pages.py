"""Published pages generated from the landlord's configuration, so they always say what the
system actually does: the complaints policy summary (Code 3.4, 3.5, 2.2, 5.1), how to contact
the Housing Ombudsman at any stage (Code 3.7), the accessibility statement and the privacy notice.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from putright.landlords.selectors import landlord_current
from putright.landlords.timescales import CODE_TIMESCALES

TEMPLATES = "portal/pages"


def home(request: HttpRequest) -> HttpResponse:
    return render(request, f"{TEMPLATES}/home.html", {"page_title": _("Complaints")})


def policy(request: HttpRequest) -> HttpResponse:
    """The complaints policy summary, read from the policy the system enforces."""
    landlord = landlord_current()
    timescales = []
    if landlord is not None:
        timescales = [
            {"field": t.field, "days": getattr(landlord.policy, t.field)} for t in CODE_TIMESCALES
        ]
    return render(
        request,
        f"{TEMPLATES}/policy.html",
        {"page_title": _("Our complaints policy"), "timescales": timescales},
    )


def ombudsman(request: HttpRequest) -> HttpResponse:
    return render(
        request, f"{TEMPLATES}/ombudsman.html", {"page_title": _("The Housing Ombudsman")}
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        f"{TEMPLATES}/accessibility.html",
        {"page_title": _("Accessibility statement")},
    )


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, f"{TEMPLATES}/privacy.html", {"page_title": _("Privacy notice")})


urlpatterns: list[URLPattern] = [
    path("", home, name="home"),
    path("complaints-policy/", policy, name="policy"),
    path("housing-ombudsman/", ombudsman, name="ombudsman"),
    path("accessibility/", accessibility, name="accessibility"),
    path("privacy/", privacy, name="privacy"),
]
