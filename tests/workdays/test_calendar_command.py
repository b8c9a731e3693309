"""`putright calendar`.

The first tests run it as a real process, so exit codes and standard error are the real ones;
the rest call it in-process (``call_command``), for the many kinds of bad input and for
``--landlord``, which needs the test database.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from putright.workdays.models import ClosureDay

REPO = Path(__file__).resolve().parents[2]


def putright(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    return subprocess.run(
        [sys.executable, "-m", "putright", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )


def assert_one_line_usage_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("putright calendar: ")
    for fragment in fragments:
        assert fragment in lines[0]


def test_add_working_days_prints_the_deadline_as_an_iso_date() -> None:
    result = putright("calendar", "add-working-days", "2026-12-23", "3")
    assert (result.returncode, result.stdout, result.stderr) == (0, "2026-12-30\n", "")


def test_add_working_days_counts_back_with_a_negative_number() -> None:
    result = putright("calendar", "add-working-days", "2027-01-04", "-1")
    assert (result.returncode, result.stdout) == (0, "2026-12-31\n")


def test_add_working_days_from_standard_input_prints_one_date_a_line_in_order() -> None:
    lines = "2026-12-23 3\n2026-12-26 0\n2026-12-26 1\n2027-01-04 -1\n2022-09-16\t1\n"
    result = putright("calendar", "add-working-days", "-", stdin=lines)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2026-12-30",
        "2026-12-26",
        "2026-12-29",
        "2026-12-31",
        "2022-09-20",
    ]


def test_a_bad_date_is_one_line_naming_it_and_exit_status_2() -> None:
    result = putright("calendar", "add-working-days", "2026-02-30", "3")
    assert_one_line_usage_error(result, "START", "'2026-02-30'", "YYYY-MM-DD")


def test_a_bad_number_is_one_line_naming_it_and_exit_status_2() -> None:
    result = putright("calendar", "add-working-days", "2026-12-23", "three")
    assert_one_line_usage_error(result, "N", "'three'")


def test_a_number_beyond_the_limit_is_one_line_and_exit_status_2() -> None:
    result = putright("calendar", "add-working-days", "2026-12-23", "99999")
    assert_one_line_usage_error(result, "99999", "out of range")


def test_a_bad_standard_input_line_is_one_line_naming_the_line_and_nothing_is_printed() -> None:
    stdin = "2026-12-23 3\n2026-12-23 3\n23/12/2026 3\n"
    result = putright("calendar", "add-working-days", "-", stdin=stdin)
    assert_one_line_usage_error(result, "line 3", "'23/12/2026'")


def test_a_standard_input_line_with_the_wrong_number_of_fields_is_one_line_and_status_2() -> None:
    result = putright("calendar", "add-working-days", "-", stdin="2026-12-23 3\n2026-12-23\n")
    assert_one_line_usage_error(result, "line 2", "'2026-12-23'", "got 1")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((), "required: ACTION"),
        (("frobnicate",), "invalid choice: 'frobnicate'"),
        (("add-working-days", "2026-12-23", "3", "--no-such-option"), "unrecognized arguments"),
    ],
)
def test_a_usage_error_is_one_line_and_exit_status_2(args: tuple[str, ...], fragment: str) -> None:
    assert_one_line_usage_error(putright("calendar", *args), fragment)


# In-process: the same command through call_command. Failures raise CommandError with
# returncode 2 (the command-line runs above show that becomes one line and exit status 2).


@pytest.mark.parametrize(
    ("stdin", "fragments"),
    [
        ("2026-12-23 3\n2026-12-23 3 4\n", ("line 2", "got 3")),
        ("2026-12-23 3\n\n", ("line 2", "got 0")),
        ("2026-12-23 1.5\n", ("line 1", "'1.5'")),
        ("2026-12-23 3\n2026-02-29 1\n", ("line 2", "'2026-02-29'")),
        ("2026-12-23 10001\n", ("line 1", "out of range")),
    ],
)
def test_every_kind_of_bad_standard_input_line_is_named_by_its_line_number(
    stdin: str, fragments: tuple[str, ...]
) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("calendar", "add-working-days", "-", stdin=io.StringIO(stdin), stdout=out)
    assert raised.value.returncode == 2
    for fragment in fragments:
        assert fragment in str(raised.value)
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("frobnicate",), "invalid choice"),
        (("add-working-days",), "required: START"),
        (("add-working-days", "2026-12-23", "3", "4"), "unrecognized arguments: 4"),
        (("add-working-days", "2026-12-23"), "N is required"),
        (("add-working-days", "-", "3"), "standard input"),
        (("add-working-days", "20261223", "3"), "is not a date"),
        (("add-working-days", "2026-12-23", "1_000"), "is not a whole number"),
    ],
)
def test_in_process_usage_errors_raise_command_error_with_status_2_instead_of_exiting(
    args: tuple[str, ...], fragment: str
) -> None:
    with pytest.raises(CommandError, match=fragment) as raised:
        call_command("calendar", *args)
    assert raised.value.returncode == 2


def test_empty_standard_input_prints_nothing() -> None:
    out = io.StringIO()
    call_command("calendar", "add-working-days", "-", stdin=io.StringIO(""), stdout=out)
    assert out.getvalue() == ""


@pytest.mark.django_db
def test_the_landlord_option_skips_that_landlords_closure_days(landlord) -> None:
    ClosureDay.objects.create(landlord=landlord, date=date(2026, 12, 29), description="Closed")
    out = io.StringIO()
    call_command("calendar", "add-working-days", "2026-12-23", "3", stdout=out)
    assert out.getvalue() == "2026-12-30\n"
    out = io.StringIO()
    call_command(
        "calendar", "add-working-days", "2026-12-23", "3", "--landlord", "riverside", stdout=out
    )
    assert out.getvalue() == "2026-12-31\n"


@pytest.mark.django_db
def test_the_landlord_option_applies_to_standard_input_too(landlord) -> None:
    ClosureDay.objects.create(landlord=landlord, date=date(2026, 12, 29), description="Closed")
    out = io.StringIO()
    call_command(
        "calendar",
        "add-working-days",
        "-",
        "--landlord",
        "riverside",
        stdin=io.StringIO("2026-12-23 3\n2026-12-28 1\n"),
        stdout=out,
    )
    assert out.getvalue().splitlines() == ["2026-12-31", "2026-12-30"]


@pytest.mark.django_db
def test_an_unknown_landlord_is_a_command_error_with_status_2() -> None:
    with pytest.raises(CommandError, match="no landlord with the slug 'nobody'") as raised:
        call_command("calendar", "add-working-days", "2026-12-23", "3", "--landlord", "nobody")
    assert raised.value.returncode == 2
