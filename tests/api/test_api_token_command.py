"""`putright api_token`: create (shown once), list, revoke; every failure one line, exit 2."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from putright.api.models import ApiToken
from putright.core.models import Event
from tests.api.conftest import ApiClient, problem_of

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args: str) -> str:
    with pytest.raises(CommandError) as failure:
        run(*args)
    assert failure.value.returncode == 2
    message = str(failure.value)
    assert "\n" not in message
    return message


def test_create_prints_the_token_once_and_says_it_will_not_be_shown_again(officer):
    out, err = run(
        "create", "--user", "officer", "--role", "complaints_officer", "--name", "Housing system"
    )
    secret = out.strip()
    assert out == f"{secret}\n"  # alone on standard output, for scripts
    token = ApiToken.objects.get()
    assert secret.startswith(f"pr_{token.prefix}_")
    assert (token.user, token.role, token.name) == (officer, "complaints_officer", "Housing system")
    assert "will not be shown again" in err
    assert token.prefix in err and secret not in err
    assert secret not in repr(list(ApiToken.objects.values()))
    event = Event.objects.get(action="api_token.created")
    assert event.actor_label == "putright api_token (command line)"
    assert event.landlord_id == officer.landlord_id


def test_the_token_made_on_the_command_line_works_with_its_role(officer, journey):
    reference = journey.log()
    secret = run("create", "--user", "officer", "--role", "complaint_handler", "--name", "HMS")[0]
    client = ApiClient(secret.strip())
    assert client.get(f"/complaints/{reference}").status_code == 200
    journey.define(reference)
    problem_of(client.post(f"/complaints/{reference}/acknowledge", {}), 403)


def test_list_shows_every_token_but_never_a_secret(officer, handler):
    first = run("create", "--user", "officer", "--role", "complaints_officer", "--name", "HMS")[0]
    second = run("create", "--user", "handler", "--role", "complaint_handler", "--name", "CRM")[0]
    hms, crm = ApiToken.objects.get(name="HMS"), ApiToken.objects.get(name="CRM")
    run("revoke", hms.prefix)
    out = run("list")[0]
    header, *rows = out.splitlines()
    assert header.split() == [
        "PREFIX",
        "NAME",
        "USER",
        "ROLE",
        "CREATED",
        "LAST",
        "USED",
        "REVOKED",
    ]
    assert len(rows) == 2
    assert rows[0].split()[:4] == [crm.prefix, "CRM", "handler", "complaint_handler"]
    assert rows[0].split()[-2:] == ["never", "-"]  # not used, not revoked
    assert rows[1].split()[:4] == [hms.prefix, "HMS", "officer", "complaints_officer"]
    assert rows[1].split()[-1] != "-"  # revoked: when
    assert first.strip() not in out and second.strip() not in out
    active = run("list", "--active")[0].splitlines()
    assert [row.split()[0] for row in active[1:]] == [crm.prefix]


def test_list_shows_when_a_token_was_last_used(officer):
    secret = run("create", "--user", "officer", "--role", "complaints_officer", "--name", "HMS")[0]
    assert ApiClient(secret.strip()).get("/complaints").status_code == 200
    row = run("list")[0].splitlines()[1]
    assert "never" not in row


def test_revoke_stops_the_token_at_once(officer):
    secret = run("create", "--user", "officer", "--role", "complaints_officer", "--name", "HMS")[0]
    client = ApiClient(secret.strip())
    assert client.get("/complaints").status_code == 200
    prefix = ApiToken.objects.get().prefix
    assert run("revoke", prefix)[0] == f"Revoked API token {prefix} (HMS).\n"
    problem_of(client.get("/complaints"), 401)
    assert Event.objects.filter(action="api_token.revoked").count() == 1


def test_revoking_twice_or_an_unknown_prefix_is_one_line(officer):
    run("create", "--user", "officer", "--role", "complaints_officer", "--name", "HMS")
    prefix = ApiToken.objects.get().prefix
    run("revoke", prefix)
    assert prefix in fails("revoke", prefix)
    assert "deadbeef" in fails("revoke", "deadbeef")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("create", "--user", "nobody", "--role", "complaints_officer", "--name", "x"), "nobody"),
        (("create", "--user", "officer", "--role", "boss", "--name", "x"), "'boss'"),
        (("create", "--user", "officer", "--role", "complaint_handler", "--name", " "), "Name"),
        (("create", "--user", "officer", "--role", "complaint_handler"), "--name"),
        (("destroy",), "destroy"),
        (("revoke",), "PREFIX"),
    ],
)
def test_a_bad_request_is_one_line_and_makes_nothing(officer, args, fragment):
    assert fragment in fails(*args)
    assert not ApiToken.objects.exists()


def test_a_token_cannot_act_for_someone_with_no_landlord(db):
    from putright.accounts.models import User

    User.objects.create_user(username="root", password="x")
    assert "landlord" in fails(
        "create", "--user", "root", "--role", "complaint_handler", "--name", "x"
    )


# ------------------------------------------------ as a real process


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("cli") / "putright.sqlite3"
    url = f"sqlite:///{path}"
    result = putright("migrate", "--verbosity", "0", database_url=url)
    assert result.returncode == 0, result.stderr
    return url


def putright(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
    }
    return subprocess.run(
        [str(Path(sys.executable).parent / "putright"), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--user", "nobody", "--role", "complaints_officer", "--name", "HMS"), "'nobody'"),
        (("--user", "officer", "--role", "boss", "--name", "HMS"), "'boss'"),
        (("--role", "complaints_officer", "--name", "HMS"), "--user"),
    ],
)
def test_the_command_line_exits_2_with_one_line_on_standard_error(
    migrated_database, args, fragment
):
    result = putright("api_token", "create", *args, database_url=migrated_database)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("putright api_token: ")
    assert fragment in lines[0]
