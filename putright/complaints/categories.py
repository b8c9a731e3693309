"""The categories landlords report complaints under, from published annual reports.

A landlord starts with these and edits them in the admin; they feed the annual report's
"complaints by category" and the learning analysis.
"""

from __future__ import annotations

from django.db import transaction

from putright.complaints.models import Category
from putright.landlords.models import Landlord

DEFAULT_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Repairs": ("Delay", "Quality of work", "Missed appointment", "Follow-on work"),
    "Damp and mould": (),
    "Anti-social behaviour": ("Handling of a report", "Noise"),
    "Communication": ("No response", "Information given"),
    "Staff conduct": (),
    "Complaint handling": (),
    "Estate services": ("Cleaning", "Grounds maintenance"),
    "Rent and service charges": (),
    "Lettings and allocations": (),
    "Tenancy management": (),
    "Leasehold services": (),
    "Other": (),
}


@transaction.atomic
def category_seed_defaults(*, landlord: Landlord) -> int:
    """Create the default categories the landlord lacks; returns how many were made."""
    created = 0
    for name, subcategories in DEFAULT_CATEGORIES.items():
        parent, made = Category.objects.get_or_create(landlord=landlord, parent=None, name=name)
        created += made
        for sub in subcategories:
            _, made = Category.objects.get_or_create(landlord=landlord, parent=parent, name=sub)
            created += made
    return created
