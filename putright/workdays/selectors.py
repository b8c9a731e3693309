from __future__ import annotations

from putright.core.errors import NotFoundError
from putright.landlords.models import Landlord
from putright.workdays.models import ClosureDay
from putright.workdays.rules import WorkingCalendar


def calendar_for_landlord(*, landlord_id: int) -> WorkingCalendar:
    """The landlord's working-day calendar: bank holidays and its own closure days (one query)."""
    closures = ClosureDay.objects.filter(landlord_id=landlord_id).values_list("date", flat=True)
    return WorkingCalendar(closures=frozenset(closures))


def calendar_for_landlord_slug(*, slug: str) -> WorkingCalendar:
    """As ``calendar_for_landlord``, for the landlord named by its slug (as on the command line)."""
    landlord_id = Landlord.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if landlord_id is None:
        raise NotFoundError(f"There is no landlord with the slug {slug!r}.")
    return calendar_for_landlord(landlord_id=landlord_id)
