"""The staff workspace's navigation: each area shown only to roles that can use it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from putright.staff.views.queues import SEES_COMPLAINTS


@dataclass(frozen=True)
class Area:
    url_name: str
    text: Any
    key: str
    #: Any one of these permissions shows the area; none means every member of staff.
    permissions: tuple[str, ...] = ()


AREAS: tuple[Area, ...] = (
    Area("staff:home", _("Work queues"), "queues"),
    Area("staff:search", _("Search"), "search", SEES_COMPLAINTS),
    Area("staff:contact-log", _("Log a contact"), "contacts", ("complaints.log_complaint",)),
    Area("staff:inbound", _("Mail"), "inbound", ("inbound.triage_inbound_mail",)),
    Area("staff:post-room", _("Post room"), "post-room", ("outbox.run_post_room",)),
    Area(
        "staff:learning",
        _("Learning"),
        "learning",
        (
            "learning.manage_learning",
            "learning.manage_ombudsman_cases",
            "complaints.view_reports",
        ),
    ),
    Area("staff:reports", _("Reports"), "reports", ("complaints.view_reports",)),
    Area(
        "staff:annual-reports", _("Annual reports"), "annual-report", ("complaints.view_reports",)
    ),
    Area(
        "staff:self-assessments",
        _("Self-assessment"),
        "self-assessment",
        ("complaints.view_reports",),
    ),
    Area(
        "staff:letter-templates",
        _("Letter templates"),
        "letter-templates",
        ("letters.manage_letter_templates",),
    ),
    Area("staff:account", _("Your account"), "account"),
)


def navigation(request: HttpRequest) -> dict[str, Callable[[str | None], list[dict[str, Any]]]]:
    """A context processor: ``staff_navigation(active_nav)`` for the staff layout."""

    def items(active: str | None) -> list[dict[str, Any]]:
        user = request.user
        return [
            {"href": reverse(area.url_name), "text": area.text, "active": active == area.key}
            for area in AREAS
            if not area.permissions or any(user.has_perm(p) for p in area.permissions)
        ]

    return {"staff_navigation": items}
