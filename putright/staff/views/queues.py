"""The work queues: what is due, overdue or waiting, for the signed-in member of staff."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from putright.staff.access import staff_required


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/home.html", {"page_title": "Staff"})


urlpatterns: list[URLPattern] = [
    path("", home, name="home"),
]
