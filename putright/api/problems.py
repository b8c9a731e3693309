"""Every API error as RFC 9457 problem details (application/problem+json)."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from putright.core.errors import ConflictError, DomainError, NotFoundError, NotPermittedError

TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict",
    412: "Precondition failed",
    413: "Too large",
    422: "The Complaint Handling Code or the rules do not allow this",
}


# Services name the model's fields; the API's requests name some of them differently.
REQUEST_FIELDS = {
    "resident": "resident_id",
    "representative": "representative_id",
    "home": "property_id",
    "category": "category_id",
    "service_area": "service_area_id",
    "handler": "handler_id",
    "owner": "owner_id",
}

# The parts of a validation error's location that name where, not what.
_LOCATION_PARTS = {"body", "query", "path", "header", "form", "file", "payload", "filters"}


class PreconditionFailedError(ConflictError):
    """An If-Match header named a version that is no longer current."""


def problem(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    provision: str | None = None,
    field: str | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if provision:
        body["provision"] = provision
        body["type"] = f"urn:putright:complaint-handling-code:{provision}"
    if field:
        body["field"] = field
    if errors:
        body["errors"] = errors
    return HttpResponse(
        json.dumps(body, default=str), status=status, content_type="application/problem+json"
    )


def install(api: NinjaAPI) -> None:
    @api.exception_handler(PreconditionFailedError)
    def precondition_failed(request: HttpRequest, exc: PreconditionFailedError) -> HttpResponse:
        return problem(412, exc.message)

    @api.exception_handler(ConflictError)
    def conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
        return problem(409, exc.message)

    @api.exception_handler(NotFoundError)
    def not_found(request: HttpRequest, exc: NotFoundError) -> HttpResponse:
        return problem(404, exc.message)

    @api.exception_handler(NotPermittedError)
    def not_permitted(request: HttpRequest, exc: NotPermittedError) -> HttpResponse:
        return problem(403, exc.message)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        field = REQUEST_FIELDS.get(exc.field, exc.field) if exc.field else None
        return problem(422, str(exc), provision=exc.provision, field=field)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"location": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
            for e in exc.errors
        ]
        first = errors[0] if errors else {"location": "", "message": "invalid request"}
        names = [
            str(p)
            for p in (exc.errors[0].get("loc", ()) if exc.errors else ())
            if str(p) not in _LOCATION_PARTS
        ]
        return problem(
            422,
            f"{first['location']}: {first['message']}",
            title="The request is not valid",
            field=names[0] if names else None,
            errors=errors,
        )

    @api.exception_handler(Http404)
    def not_found_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(404, str(exc) or "Not found.")

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem(401, "Send a valid API token: Authorization: Bearer <token>.")
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(exc.status_code, str(exc))
