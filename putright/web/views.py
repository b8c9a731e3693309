from __future__ import annotations

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


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else None
    return render(
        request,
        "errors/403.html",
        {"page_title": "You cannot see this page", "message": message},
        status=403,
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", {"page_title": "Page not found"}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "errors/500.html",
        {"page_title": "Sorry, there is a problem with the service"},
        status=500,
    )
