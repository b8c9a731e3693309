"""Bearer tokens: stored hashed, shown once, revocable, and never wider than their role."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from putright.accounts.models import User
from putright.api.api import api
from putright.api.models import ApiToken
from putright.api.tokens import api_token_create, api_token_revoke
from putright.core.actors import Actor
from putright.core.errors import DomainError, NotPermittedError
from putright.core.models import Event
from tests.api.conftest import ApiClient, problem_of

# A value for every path parameter in the schema, so each operation can be called.
PATH_VALUES = {
    "reference": "C2026-00001",
    "remedy_id": "1",
    "action_id": "1",
    "attachment_id": "1",
    "resident_id": "1",
}


def every_operation() -> list[tuple[str, str]]:
    operations = []
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method in methods:
            operations.append((method.upper(), path))
    return operations


def concrete(path: str, **values: str) -> str:
    values = {**PATH_VALUES, **values}
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path.removeprefix("/api/v1"))


def assert_unauthenticated(response) -> None:
    body = problem_of(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Bearer" in body["detail"]


@pytest.mark.parametrize(("method", "path"), every_operation())
def test_every_endpoint_refuses_a_request_without_a_token(db, anonymous, method, path):
    assert_unauthenticated(anonymous.request(method, concrete(path), {}))


@pytest.mark.parametrize(("method", "path"), every_operation())
def test_every_endpoint_refuses_a_token_that_does_not_exist(db, method, path):
    client = ApiClient("pr_00000000_not-a-real-token-at-all")
    assert_unauthenticated(client.request(method, concrete(path), {}))


@pytest.mark.parametrize(("method", "path"), every_operation())
def test_every_endpoint_refuses_a_revoked_token(landlord, officer, log_complaint, method, path):
    reference = log_complaint().reference  # it exists: the 401 is not a 404 in disguise
    issued = api_token_create(
        actor=Actor.system(landlord.pk), user=officer, role="complaints_officer", name="HMS"
    )
    client = ApiClient(issued.secret)
    assert client.get("/complaints").status_code == 200
    api_token_revoke(actor=Actor.system(landlord.pk), prefix=issued.token.prefix)
    assert_unauthenticated(client.request(method, concrete(path, reference=reference), {}))


def test_a_malformed_authorization_header_is_401(officer_api):
    response = officer_api.client.get(
        "/api/v1/complaints", headers={"Authorization": f"Token {officer_api.token}"}
    )
    assert_unauthenticated(response)


def test_a_token_with_the_right_prefix_and_the_wrong_secret_is_401(officer_api):
    prefix = officer_api.token.split("_")[1]
    forged = ApiClient(f"pr_{prefix}_{'x' * 43}")
    assert_unauthenticated(forged.get("/complaints"))


def test_a_token_of_a_deactivated_user_is_401(officer_api, officer):
    assert officer_api.get("/complaints").status_code == 200
    User.objects.filter(pk=officer.pk).update(is_active=False)
    assert_unauthenticated(officer_api.get("/complaints"))


def test_tokens_are_stored_hashed_and_the_secret_is_nowhere_in_the_database(landlord, officer):
    issued = api_token_create(
        actor=Actor.system(landlord.pk), user=officer, role="complaints_officer", name="HMS"
    )
    token = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.secret.startswith(f"pr_{token.prefix}_")
    assert len(token.digest) == 64
    assert token.digest != issued.secret
    secret_part = issued.secret.split("_", 2)[2]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_apitoken")
        rows = cursor.fetchall()
        cursor.execute("SELECT summary, before, after FROM core_event")
        rows += cursor.fetchall()
    stored = repr(rows)
    assert secret_part not in stored
    assert issued.secret not in stored


def test_using_a_token_records_when_it_was_last_used(officer_api):
    token = ApiToken.objects.get()
    assert token.last_used_at is None
    assert officer_api.get("/complaints").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_making_and_revoking_a_token_is_in_the_record(landlord, officer):
    system = Actor.system(landlord.pk)
    issued = api_token_create(actor=system, user=officer, role="complaints_officer", name="HMS")
    api_token_revoke(actor=system, prefix=issued.token.prefix)
    actions = set(
        Event.objects.filter(subject_type="api.apitoken").values_list("action", flat=True)
    )
    assert actions == {"api_token.created", "api_token.revoked"}


def test_only_an_administrator_may_make_tokens(make_staff, officer):
    administrator = make_staff("administrator", username="admin")
    issued = api_token_create(
        actor=Actor.for_user(administrator), user=officer, role="complaint_handler", name="HMS"
    )
    assert issued.token.created_by == administrator
    with pytest.raises(NotPermittedError):
        api_token_create(
            actor=Actor.for_user(officer), user=officer, role="complaints_officer", name="HMS"
        )


def test_a_token_names_a_known_role_and_an_integration(landlord, officer):
    system = Actor.system(landlord.pk)
    with pytest.raises(DomainError) as unknown_role:
        api_token_create(actor=system, user=officer, role="superuser", name="HMS")
    assert unknown_role.value.field == "role"
    with pytest.raises(DomainError) as no_name:
        api_token_create(actor=system, user=officer, role="complaints_officer", name="  ")
    assert no_name.value.field == "name"
    assert not ApiToken.objects.exists()


# ------------------------------------------------ the role limits the token


def test_a_token_whose_role_is_narrower_than_its_user_is_limited_to_the_role(
    api_as, officer, resident
):
    """The officer may acknowledge; a token made for them as a complaint handler may not."""
    officer_token = api_as(officer, "complaints_officer")
    as_handler = api_as(officer, "complaint_handler")
    reference = officer_token.post(
        "/complaints", {"description": "No heating", "channel": "phone", "resident_id": resident.pk}
    ).json()["reference"]
    officer_token.post(
        f"/complaints/{reference}/define",
        {
            "definition": "No heating since May.",
            "outcomes_sought": "Heating fixed.",
            "responsible_for": "The heating.",
            "points": ["No heating"],
        },
    )
    problem_of(as_handler.post(f"/complaints/{reference}/acknowledge", {}), 403)
    assert officer_token.post(f"/complaints/{reference}/acknowledge", {}).status_code == 200


def test_a_governing_body_token_of_an_officer_cannot_log_complaints(api_as, make_staff, resident):
    both = make_staff("complaints_officer", "governing_body", username="chair")
    board = api_as(both, "governing_body")
    body = problem_of(
        board.post(
            "/complaints",
            {"description": "No heating", "channel": "phone", "resident_id": resident.pk},
        ),
        403,
    )
    assert "log a complaint" in body["detail"]
    assert api_as(both, "complaints_officer").get("/complaints").status_code == 200


def test_a_token_cannot_widen_its_user_beyond_their_own_roles(api_as, handler, journey):
    """A handler's token made with the officer role still cannot acknowledge or see all."""
    reference = journey.log()
    journey.define(reference)
    widened = api_as(handler, "complaints_officer")
    # The handler neither handles nor logged this complaint: to them it does not exist.
    problem_of(widened.get(f"/complaints/{reference}"), 404)
    assert widened.get("/complaints").json()["count"] == 0
    journey.assign(reference)
    problem_of(widened.post(f"/complaints/{reference}/acknowledge", {}), 403)
