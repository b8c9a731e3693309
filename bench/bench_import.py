"""Historical import of 10,000 complaints, against bulk-inserting as many bare complaint rows.

Method
------
1. Make a fresh database: a SQLite file in a temporary folder (the default), or with
   ``--postgres URL`` a PostgreSQL database ``putright_bench_import`` (dropped first if it
   is left over). Run the migrations; set up one landlord with the default categories, four
   service areas and six root causes.
2. Write a CSV of ``--rows`` complaints (10,000 by default; seeded, so every run imports the
   same file) received over two years: about 80 % closed at stage 1, 15 % taken to stage 2,
   3 % not accepted, 2 % withdrawn; one in ten extended, one in three with compensation,
   most with a root cause.
3. Time, in this order: the **baseline** (``bulk_create`` of as many bare ``Complaint`` rows,
   reference and dates only, in one transaction, then deleted); the **dry run** (reading
   and checking the file); the **import** (``import_batch_create``: reading, checking and
   writing complaints, stages, extensions, refusals, remedies, root causes, import records
   and one event per complaint, in one transaction); the **second import** of the same
   file (which must write nothing); and the baseline again. The baseline is the mean of
   its two runs, so a change in the machine's load during the run hits both sides.
4. Print rows per second for each, and the import's time as a multiple of the baseline's.
5. Check that the database holds exactly ``--rows`` imported complaints, and remove the
   database, on success, failure or Ctrl-C alike.

Exit status: 0 when the benchmark ran and its checks added up; 1 otherwise. There is no
target to miss: the figures are for comparing runs on the same machine.

Run from the repository root:  .venv/bin/python bench/bench_import.py   (or ``make bench``).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "putright_bench_import"
T = TypeVar("T")
CATEGORIES = ("Repairs: Delay", "Repairs: Quality of work", "Damp and mould", "Communication")
SERVICE_AREAS = ("Repairs", "Tenancy management", "Estate services", "Lettings")
ROOT_CAUSES = ("Communication", "Policy or procedure", "Service failure")
SUB_CAUSES = {"Communication": ("No update given", "Information wrong", "Tone")}
HEADINGS = (
    "legacy_reference",
    "received_date",
    "channel",
    "category",
    "service_area",
    "stage1_acknowledged_date",
    "stage1_extension_days",
    "stage1_extension_reason",
    "stage1_extension_ombudsman_details_given",
    "stage1_responded_date",
    "stage1_outcome",
    "stage1_compensation_time_and_trouble",
    "stage1_compensation_paid_date",
    "stage2_requested_date",
    "stage2_acknowledged_date",
    "stage2_responded_date",
    "stage2_outcome",
    "refusal_kind",
    "refusal_ground",
    "refusal_date",
    "refusal_ombudsman_right_explained",
    "withdrawn_date",
    "root_cause",
    "closed_date",
)


class BenchError(RuntimeError):
    """The benchmark could not run, or its results do not add up."""


def make_csv(rows: int, seed: int = 7) -> bytes:
    chance = random.Random(seed)
    first_day = date(2024, 4, 1)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    causes = [f"{p}: {s}" for p, subs in SUB_CAUSES.items() for s in subs]
    causes += ["Policy or procedure", "Service failure"]
    for number in range(1, rows + 1):
        received = first_day + timedelta(days=chance.randrange(700))
        cell = dict.fromkeys(HEADINGS, "")
        cell.update(
            legacy_reference=f"LEG-{number:06d}",
            received_date=received.isoformat(),
            channel=chance.choice(("phone", "email", "Online form", "letter")),
            category=chance.choice(CATEGORIES),
            service_area=chance.choice(SERVICE_AREAS),
        )
        kind = chance.random()
        if kind < 0.03:
            decided = received + timedelta(days=3)
            cell.update(
                refusal_kind="not_accepted",
                refusal_ground="over_12_months",
                refusal_date=decided.isoformat(),
                refusal_ombudsman_right_explained="yes",
                closed_date=decided.isoformat(),
            )
        elif kind < 0.05:
            cell.update(
                stage1_acknowledged_date=(received + timedelta(days=2)).isoformat(),
                withdrawn_date=(received + timedelta(days=6)).isoformat(),
            )
        else:
            acknowledged = received + timedelta(days=chance.randrange(1, 6))
            responded = acknowledged + timedelta(days=chance.randrange(5, 20))
            cell.update(
                stage1_acknowledged_date=acknowledged.isoformat(),
                stage1_responded_date=responded.isoformat(),
                stage1_outcome=chance.choice(("upheld", "partly upheld", "not upheld")),
                root_cause=chance.choice(causes),
                closed_date=responded.isoformat(),
            )
            if chance.random() < 0.1:
                cell.update(
                    stage1_extension_days="10",
                    stage1_extension_reason="Awaiting a survey",
                    stage1_extension_ombudsman_details_given="yes",
                )
            if chance.random() < 0.33:
                cell.update(
                    stage1_compensation_time_and_trouble=str(chance.choice((50, 100, 250))),
                    stage1_compensation_paid_date=(responded + timedelta(days=7)).isoformat(),
                )
            if kind > 0.85:
                requested = responded + timedelta(days=chance.randrange(1, 20))
                stage2_acknowledged = requested + timedelta(days=3)
                stage2_responded = stage2_acknowledged + timedelta(days=chance.randrange(10, 30))
                cell.update(
                    stage2_requested_date=requested.isoformat(),
                    stage2_acknowledged_date=stage2_acknowledged.isoformat(),
                    stage2_responded_date=stage2_responded.isoformat(),
                    stage2_outcome=chance.choice(("upheld", "not upheld")),
                    closed_date=stage2_responded.isoformat(),
                )
        writer.writerow([cell[heading] for heading in HEADINGS])
    return out.getvalue().encode("utf-8")


def set_up_database(postgres: str | None, folder: Path) -> str:
    if postgres is None:
        return f"sqlite:///{folder / 'bench.sqlite3'}"
    import psycopg

    server = postgres.rstrip("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return f"{server}/{DATABASE}"


def drop_database(postgres: str | None) -> None:
    if postgres is None:
        return
    import psycopg

    with psycopg.connect(f"{postgres.rstrip('/')}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def run(rows: int, postgres: str | None) -> None:
    folder = Path(tempfile.mkdtemp(prefix="putright-bench-import-"))
    try:
        os.environ["DATABASE_URL"] = set_up_database(postgres, folder)
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        measure(rows)
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(postgres)
        shutil.rmtree(folder, ignore_errors=True)


def measure(rows: int) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from putright.complaints.categories import category_seed_defaults
    from putright.complaints.models import Complaint
    from putright.core.actors import Actor
    from putright.imports.models import ImportedComplaint
    from putright.imports.reading import table_from_bytes
    from putright.imports.selectors import import_batch_check
    from putright.imports.services import import_batch_create
    from putright.landlords.models import ServiceArea
    from putright.landlords.services import landlord_create
    from putright.learning.models import RootCause

    call_command("migrate", verbosity=0)
    landlord = landlord_create(name="Benchmark Homes", slug="bench")
    category_seed_defaults(landlord=landlord)
    for name in SERVICE_AREAS:
        ServiceArea.objects.create(landlord=landlord, name=name)
    for name in ROOT_CAUSES:
        parent = RootCause.objects.create(landlord=landlord, name=name)
        for sub in SUB_CAUSES.get(name, ()):
            RootCause.objects.create(landlord=landlord, name=sub, parent=parent)
    content = make_csv(rows)
    actor = Actor.system(landlord.pk, label="bench_import")

    def baseline() -> float:
        now = timezone.now()
        bare = [
            Complaint(
                landlord=landlord,
                reference=f"BASE-{number:06d}",
                received_at=now,
                received_on=now.date(),
                channel="phone",
                description="Baseline row.",
            )
            for number in range(rows)
        ]
        started = time.perf_counter()
        with transaction.atomic():
            Complaint.objects.bulk_create(bare, batch_size=500)
        took = time.perf_counter() - started
        Complaint.objects.filter(reference__startswith="BASE-").delete()
        return took

    def timed(action: Callable[[], T]) -> tuple[float, T]:
        started = time.perf_counter()
        result = action()
        return time.perf_counter() - started, result

    first_baseline = baseline()
    dry_run, _ = timed(
        lambda: import_batch_check(
            landlord=landlord, table=table_from_bytes(name="bench.csv", content=content)
        )
    )
    imported, outcome = timed(
        lambda: import_batch_create(
            actor=actor,
            landlord=landlord,
            table=table_from_bytes(name="bench.csv", content=content),
        )
    )
    again, repeat = timed(
        lambda: import_batch_create(
            actor=actor,
            landlord=landlord,
            table=table_from_bytes(name="bench.csv", content=content),
        )
    )
    base = (first_baseline + baseline()) / 2

    if outcome.complaints_created != rows or repeat.complaints_created != 0:
        raise BenchError(
            f"expected {rows} imported then 0, got {outcome.complaints_created} "
            f"then {repeat.complaints_created}"
        )
    if ImportedComplaint.objects.count() != rows or Complaint.objects.count() != rows:
        raise BenchError("the database does not hold exactly one complaint per row")

    print(
        f"Historical import: {rows:,} rows, {connection.vendor}, Python {platform.python_version()}"
    )
    print(f"  {'':<34}{'seconds':>9}{'rows/s':>10}")
    for label, seconds in (
        ("baseline: bare bulk insert (mean)", base),
        ("dry run: read and check", dry_run),
        ("import: read, check and write", imported),
        ("second import: no change", again),
    ):
        print(f"  {label:<34}{seconds:>9.2f}{rows / seconds:>10,.0f}")
    print(f"  import / baseline: {imported / base:.1f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=10_000, help="Rows to import (10,000).")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        default=os.environ.get("BENCH_POSTGRES_URL"),
        help="A PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432, to run against "
        "instead of SQLite (or BENCH_POSTGRES_URL).",
    )
    arguments = parser.parse_args()
    try:
        run(arguments.rows, arguments.postgres)
    except BenchError as error:
        print(f"bench_import: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
