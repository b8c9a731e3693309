"""Domain errors that escape a page become the right GOV.UK error page, never a 500."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from putright.core.errors import NotFoundError, NotPermittedError
from putright.web import views


class DomainErrorMiddleware:
    """A service's "not permitted" is a 403 page, its "not found" a 404 page.

    Other domain errors belong to a form and are shown there by the view that called the
    service; one that reaches here is a page's mistake and stays a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None
        if isinstance(exception, NotPermittedError):
            return views.permission_denied(request, exception)
        if isinstance(exception, NotFoundError):
            return views.page_not_found(request, exception)
        return None
