"""`putright import complaints FILE`: a dry run unless --commit; bad rows exit 2 with a
summary line first and every error after it, and nothing written."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from putright.complaints.models import Complaint
from putright.imports.models import ImportBatch
from putright.imports.progress import Progress
from putright.landlords.services import landlord_create
from tests.imports.conftest import GOOD_CSV

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import", "complaints", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_without_commit_the_file_is_checked_and_nothing_is_written(ready_landlord):
    out = run(str(GOOD_CSV))
    assert out.splitlines() == [
        "Checked 6 rows of good.csv for Riverside Homes: no errors.",
        "6 complaints would be imported; 0 were imported before and would stay unchanged.",
        "Nothing has been written. Run again with --commit to import.",
    ]
    assert not Complaint.objects.exists()
    assert not ImportBatch.objects.exists()


def test_with_commit_the_complaints_are_imported_and_a_second_run_changes_nothing(
    ready_landlord,
):
    assert run(str(GOOD_CSV), "--commit") == (
        "Imported 6 complaints from good.csv for Riverside Homes; "
        "0 were imported before and are unchanged.\n"
    )
    assert Complaint.objects.count() == 6
    assert run(str(GOOD_CSV), "--commit", "--landlord", "riverside").startswith(
        "Imported 0 complaints"
    )
    assert Complaint.objects.count() == 6


def test_with_two_landlords_the_landlord_must_be_named(ready_landlord):
    landlord_create(name="Hillside Housing", slug="hillside")
    with pytest.raises(CommandError) as failure:
        run(str(GOOD_CSV))
    assert failure.value.returncode == 2
    assert "--landlord" in str(failure.value)
    with pytest.raises(CommandError, match="no landlord with the slug 'nowhere'"):
        run(str(GOOD_CSV), "--landlord", "nowhere")


def test_a_missing_file_is_one_plain_line(ready_landlord):
    with pytest.raises(CommandError, match=r"There is no file 'missing\.csv'"):
        run("missing.csv")


def test_the_progress_bar_draws_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        progress = Progress.for_terminal(stream)
        progress.start("Checking", 4)
        progress.advance(4)
        progress.finish()
    assert "Checking  [" in terminal.getvalue()
    assert "4 of 4 rows (100%)" in terminal.getvalue()
    assert log.getvalue() == ""


# ------------------------------------------------ as a real process


def putright(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "putright"), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
        },
        timeout=180,
        check=False,
    )


def database_url() -> str:
    """The test database this test has committed to, as the command line would be given it."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_bad_rows_exit_2_with_a_summary_line_then_each_error(ready_landlord, tmp_path):
    rows = [
        ["Legacy reference", "Received date", "Channel", "Category"],
        ["A-1", "2025-13-01", "Phone", "Repairs"],
        ["A-2", "2025-04-02", "Email", "Repairs: Delay"],
        ["A-3", "2025-04-03", "Letter", "Plumbing"],
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8")

    result = putright("import", "complaints", str(bad), "--commit", database_url=database_url())

    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "putright import: 2 rows have errors; nothing was imported.",
        "  row 2, received_date: '2025-13-01' is not a date; use YYYY-MM-DD or DD/MM/YYYY, "
        "e.g. 2025-04-03.",
        "  row 4, category: there is no category called 'Plumbing'; set it up first, or "
        "correct the name (a sub-category is written 'Parent: Child').",
    ]
    # Row 3 was good, but nothing at all was written.
    assert not Complaint.objects.exists()
