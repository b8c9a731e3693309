from __future__ import annotations

from putright.landlords.models import Landlord


def landlord_current() -> Landlord | None:
    """The landlord this installation serves.

    Putright is installed by one landlord; its data model keeps a landlord on every record
    so that a group structure or a shared service can be added without a migration.
    """
    return Landlord.objects.select_related("policy", "ombudsman_contact").order_by("pk").first()
