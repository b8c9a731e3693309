from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from putright.landlords.selectors import landlord_current


def service(request: HttpRequest) -> dict[str, Any]:
    """The landlord whose service this is, for every page's header and footer."""
    return {"landlord": landlord_current()}
