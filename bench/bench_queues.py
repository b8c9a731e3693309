"""The "due within 2 working days" queue page for a handler, against the bare SQL of that page.

Method
------
1. Create a fresh PostgreSQL database (``putright_bench_queues``, dropped first if it is left
   over) and run ``putright migrate`` on it. Settings are bench/settings_queues.py:
   config.settings.production (DEBUG off) with plain static file storage (see there why).
2. Seed one landlord with 40 complaint handlers in 8 teams of 5, one complaints officer,
   20,000 residents in their homes, and ``--complaints`` complaints (100,000 by default)
   written with ``bulk_create`` (not through the services: the point is the size, not the
   history), received over the last 4 years. The newest 8 % are open (stage 1 or 2,
   acknowledged or not, with deadlines from 10 working days ago to 20 ahead; one in ten
   extended); the rest have their response (one in five went to stage 2) and are closed.
   Every stage has one of the 40 handlers, except half of those still to acknowledge.
   Then ``VACUUM ANALYZE``, so the planner knows the tables' sizes.
3. Sign in one handler (Django's test client in this process) and request
   ``/staff/queues/due-soon/``: their own and their team's complaints, as the visibility
   rule gives a handler, 25 rows a page.
4. Capture the SQL statements that page runs (session, user, permissions, the landlord,
   the calendar, the filter choices, the count and the rows). The **baseline** is those
   statements run bare through the same database connection, fetching every row: what the
   page costs the database, with no Django, no Python row-building and no template.
5. Warm up, then time ``--requests`` page requests and as many runs of the bare SQL, in
   rounds that alternate the two so that a change in the machine's load hits both alike.
   Print p50 and p95 of each, their ratio, and the target (page p95 under 150 ms).
6. Drop the database, on success, failure or Ctrl-C alike.

Exit status: 0 when the benchmark ran, whether or not the target was met (a missed target
prints FAIL); 1 when PostgreSQL, migrate or the page could not be set up or the page did
not show what it should. ``--enforce-target`` also exits 2 when the target is missed.

Run from the repository root:  .venv/bin/python bench/bench_queues.py   (or ``make bench``).
It needs a PostgreSQL user that may create databases (default
postgres://postgres@127.0.0.1:5432, or BENCH_POSTGRES_URL, or ``--postgres``).
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "putright_bench_queues"
PAGE = "/staff/queues/due-soon/"
TARGET_P95_MS = 150.0
OPEN_SHARE = 0.08
TEAMS, TEAM_SIZE = 8, 5
RESIDENTS = 20_000
BATCH = 5_000


class BenchError(RuntimeError):
    """The benchmark could not run, or its results do not add up."""


# ---------------------------------------------------------------- database and settings


def server_url(url: str) -> str:
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{rest.split('/', 1)[0]}"


def database_recreate(server: str, database: str = DATABASE) -> str:
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{database}"')
    except psycopg.OperationalError as exc:
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise BenchError(f"PostgreSQL is not reachable at {server}: {first_line}") from exc
    return f"{server}/{database}"


def database_drop(server: str, database: str = DATABASE) -> None:
    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def configure_environment(database_url: str, var_dir: Path, benchmark: str = "queues") -> None:
    """Production settings, for this process and the commands it runs."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings_queues",
        DATABASE_URL=database_url,
        PUTRIGHT_VAR_DIR=str(var_dir),
        SECRET_KEY=f"{benchmark}-benchmark-" + "x" * 40,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        DEBUG="false",
        # Production settings insist on a mail server; the benchmark sends no mail.
        EMAIL_HOST=os.environ.get("EMAIL_HOST", "127.0.0.1"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def manage(*arguments: str) -> None:
    putright = Path(sys.executable).parent / "putright"
    result = subprocess.run(
        [str(putright), *arguments], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BenchError(f"putright {arguments[0]} failed:\n{result.stdout}{result.stderr}")


# ---------------------------------------------------------------- seed data


@dataclass(frozen=True)
class Seeded:
    handler_username: str
    complaints: int
    open_complaints: int
    seconds: float


def seed(number: int, rng: random.Random) -> Seeded:
    import django

    django.setup()
    from django.utils import timezone

    from putright.accounts.models import Team, User
    from putright.accounts.roles import role_group
    from putright.complaints.models import Channel, Complaint, Extension, Stage
    from putright.landlords.services import landlord_create
    from putright.residents.models import Property, Resident
    from putright.workdays.selectors import calendar_for_landlord

    began = time.perf_counter()
    landlord = landlord_create(name="Bench Homes", slug="bench-homes")
    calendar = calendar_for_landlord(landlord_id=landlord.pk)
    handler_role, officer_role = role_group("complaint_handler"), role_group("complaints_officer")
    handlers: list[User] = []
    for t in range(TEAMS):
        team = Team.objects.create(landlord=landlord, name=f"Team {t + 1}")
        for m in range(TEAM_SIZE):
            user = User.objects.create_user(
                username=f"handler-{t + 1}-{m + 1}",
                password=None,
                first_name=f"Handler {t + 1}",
                last_name=f"Member {m + 1}",
                landlord=landlord,
                team=team,
            )
            user.groups.add(handler_role)
            handlers.append(user)
    officer = User.objects.create_user(username="bench-officer", password=None, landlord=landlord)
    officer.groups.add(officer_role)

    homes = Property.objects.bulk_create(
        (
            Property(
                landlord=landlord,
                address_line_1=f"{n % 200 + 1} Bench Street",
                town="Benchton",
                postcode=f"BE{n % 90 + 1} {n % 9 + 1}AB",
            )
            for n in range(RESIDENTS)
        ),
        batch_size=BATCH,
    )
    residents = Resident.objects.bulk_create(
        (
            Resident(landlord=landlord, name=f"Resident {n + 1}", home=homes[n])
            for n in range(RESIDENTS)
        ),
        batch_size=BATCH,
    )

    today = timezone.localdate()
    now = timezone.now()
    first_open = int(number * (1 - OPEN_SHARE))
    reference = 0
    open_count = 0
    for start in range(0, number, BATCH):
        complaints: list[Complaint] = []
        states: list[str] = []
        for n in range(start, min(start + BATCH, number)):
            reference += 1
            is_open = n >= first_open
            # Received over four years, oldest first; open complaints are the newest.
            days_ago = int((number - n) / number * 4 * 365) + (0 if is_open else 30)
            if is_open:
                state = rng.choices(
                    ["s1_ack", "s1_inv", "s2_ack", "s2_inv"], weights=[30, 50, 5, 15]
                )[0]
                open_count += 1
                status = {
                    "s1_ack": Complaint.Status.STAGE1_AWAITING_ACKNOWLEDGEMENT,
                    "s1_inv": Complaint.Status.STAGE1_INVESTIGATING,
                    "s2_ack": Complaint.Status.STAGE2_AWAITING_ACKNOWLEDGEMENT,
                    "s2_inv": Complaint.Status.STAGE2_INVESTIGATING,
                }[state]
            else:
                state = "closed2" if rng.random() < 0.2 else "closed1"
                status = Complaint.Status.CLOSED
            received_at = now - timedelta(days=days_ago, minutes=rng.randrange(600))
            resident = residents[rng.randrange(RESIDENTS)]
            complaints.append(
                Complaint(
                    landlord=landlord,
                    reference=f"C{received_at.year}-{reference:06d}",
                    status=status,
                    resident=resident,
                    home=resident.home,
                    received_at=received_at,
                    received_on=received_at.date(),
                    channel=Channel.PHONE,
                    description="The repair was not done.",
                    logged_by=officer,
                    closed_at=None if is_open else received_at + timedelta(days=25),
                )
            )
            states.append(state)
        complaints = Complaint.objects.bulk_create(complaints)
        stages: list[Stage] = []
        for complaint, state in zip(complaints, states, strict=True):
            received_on = complaint.received_on
            first = Stage(
                complaint=complaint,
                number=1,
                requested_at=complaint.received_at,
                requested_on=received_on,
                acknowledgement_due=calendar.add_working_days(received_on, 5),
                handler=rng.choice(handlers),
            )
            if state == "s1_ack":
                first.acknowledgement_due = calendar.add_working_days(today, rng.randint(-5, 5))
                first.handler = first.handler if rng.random() < 0.5 else None
            elif state == "s1_inv":
                first.acknowledged_at = complaint.received_at + timedelta(days=2)
                first.response_due = calendar.add_working_days(today, rng.randint(-10, 20))
            else:
                first.acknowledged_at = complaint.received_at + timedelta(days=2)
                first.response_due = calendar.add_working_days(received_on, 15)
                first.responded_at = complaint.received_at + timedelta(days=14)
                first.responded_by = first.handler
            stages.append(first)
            if state in ("s2_ack", "s2_inv", "closed2"):
                second = Stage(
                    complaint=complaint,
                    number=2,
                    requested_at=complaint.received_at + timedelta(days=16),
                    requested_on=received_on + timedelta(days=16),
                    acknowledgement_due=calendar.add_working_days(received_on, 21),
                    handler=rng.choice([h for h in handlers if h != first.handler]),
                )
                if state == "s2_ack":
                    second.acknowledgement_due = calendar.add_working_days(
                        today, rng.randint(-5, 5)
                    )
                    second.handler = second.handler if rng.random() < 0.5 else None
                elif state == "s2_inv":
                    second.acknowledged_at = complaint.received_at + timedelta(days=18)
                    second.response_due = calendar.add_working_days(today, rng.randint(-10, 20))
                else:
                    second.acknowledged_at = complaint.received_at + timedelta(days=18)
                    second.response_due = calendar.add_working_days(received_on, 40)
                    second.responded_at = complaint.received_at + timedelta(days=40)
                    second.responded_by = second.handler
                stages.append(second)
        stages = Stage.objects.bulk_create(stages)
        Extension.objects.bulk_create(
            Extension(
                stage=stage,
                working_days=10,
                reason="Waiting for a surveyor's report",
                previous_due=calendar.add_working_days(stage.response_due, -10),
                new_due=stage.response_due,
                resident_informed_on=today,
                ombudsman_details_given=True,
                created_at=now,
            )
            for stage in stages
            if stage.response_due and stage.responded_at is None and rng.random() < 0.1
        )
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return Seeded(
        handler_username=handlers[0].username,
        complaints=Complaint.objects.count(),
        open_complaints=open_count,
        seconds=time.perf_counter() - began,
    )


# ---------------------------------------------------------------- measuring


@dataclass
class Timings:
    name: str
    ms: list[float] = field(default_factory=list)

    def percentile(self, p: int) -> float:
        if len(self.ms) < 2:
            return self.ms[0] if self.ms else float("nan")
        return statistics.quantiles(self.ms, n=100, method="inclusive")[p - 1]


def signed_in_client(username: str):  # type: ignore[no-untyped-def]
    from django.test import Client

    from putright.accounts.models import User

    # WhiteNoise warns when a static folder is missing; no static file is served here.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    # Each sign-in is logged by django-axes; one is enough to know it happened.
    logging.getLogger("axes").setLevel(logging.WARNING)
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def page_sql(client) -> tuple[list[str], str]:  # type: ignore[no-untyped-def]
    """The statements one request of the page runs, and the page itself."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(PAGE)
    if response.status_code != 200:
        raise BenchError(f"{PAGE} answered {response.status_code}")
    return [q["sql"] for q in captured.captured_queries], response.content.decode()


def run_bare(statements: list[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            if cursor.description is not None:
                cursor.fetchall()


def measure(client, statements: list[str], requests: int, rounds: int) -> tuple[Timings, Timings]:  # type: ignore[no-untyped-def]
    page, bare = Timings("page"), Timings("bare SQL")
    per_round = max(1, requests // rounds)
    for _ in range(rounds):
        for _ in range(per_round):
            began = time.perf_counter()
            response = client.get(PAGE)
            page.ms.append((time.perf_counter() - began) * 1000)
            if response.status_code != 200:
                raise BenchError(f"{PAGE} answered {response.status_code} under load")
        for _ in range(per_round):
            began = time.perf_counter()
            run_bare(statements)
            bare.ms.append((time.perf_counter() - began) * 1000)
    return page, bare


def explain_rows_query(statements: list[str]) -> str:
    """The plan of the page's slowest statement, for the record."""
    from django.db import connection

    slowest, slowest_ms = "", -1.0
    with connection.cursor() as cursor:
        for sql in statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            began = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            took = (time.perf_counter() - began) * 1000
            if took > slowest_ms:
                slowest, slowest_ms = sql, took
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY ON) " + slowest)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return f"slowest statement ({slowest_ms:.1f} ms):\n{slowest}\n\n{plan}"


# ---------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=4, help="page/bare SQL alternations")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20260304)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help=f"PostgreSQL server URL; the database {DATABASE} is created and dropped on it",
    )
    parser.add_argument("--explain", action="store_true", help="print the slowest query plan")
    parser.add_argument(
        "--keep-database", action="store_true", help=f"leave {DATABASE} for investigation"
    )
    parser.add_argument(
        "--enforce-target", action="store_true", help="exit 2 when the page p95 misses 150 ms"
    )
    return parser.parse_args()


def benchmark(args: argparse.Namespace, database_url: str, var_dir: Path) -> int:
    configure_environment(database_url, var_dir)
    manage("migrate", "--noinput")
    seeded = seed(args.complaints, random.Random(args.seed))

    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    client = signed_in_client(seeded.handler_username)
    for _ in range(args.warmup):
        client.get(PAGE)
    statements, html = page_sql(client)
    rows = html.count('<tr class="govuk-table__row">') - 1  # less the header row
    if rows < 1:
        raise BenchError(f"{PAGE} listed no complaints")
    showing = " ".join(html.split('id="queue-count">', 1)[1].split("</p>", 1)[0].split())
    for _ in range(args.warmup):
        run_bare(statements)

    page, bare = measure(client, statements, args.requests, args.rounds)

    print('The "due within 2 working days" queue page vs the bare SQL it runs, same run')
    print(
        f"  machine   {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Django {django.get_version()}, PostgreSQL {pg_version.split()[0]}, {date.today()}"
    )
    print(
        f"  data      {seeded.complaints:,} complaints ({seeded.open_complaints:,} open), "
        f"{TEAMS * TEAM_SIZE} handlers in {TEAMS} teams; seeded in {seeded.seconds:.0f} s"
    )
    print(
        f"  page      {PAGE} as a handler (own and team's complaints): "
        f"{rows} rows shown, “{showing}”"
    )
    print(f"  queries   {len(statements)} per request")
    print(
        f"  load      one client in-process, production settings (DEBUG off), "
        f"{args.warmup} warm-up, then {len(page.ms)} of each in {args.rounds} alternating rounds"
    )
    print()
    print(f"  {'':<10} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}")
    for t in (page, bare):
        print(
            f"  {t.name:<10} {t.percentile(50):>8.1f} {t.percentile(95):>8.1f} "
            f"{statistics.fmean(t.ms):>8.1f}"
        )
    print(
        f"\n  page / bare SQL: p50 {page.percentile(50) / bare.percentile(50):.1f}x, "
        f"p95 {page.percentile(95) / bare.percentile(95):.1f}x"
    )
    if args.explain:
        print("\n" + explain_rows_query(statements))
    verdict = "PASS" if page.percentile(95) < TARGET_P95_MS else "FAIL"
    print(f"\n  page p95 {page.percentile(95):.1f} ms (target < {TARGET_P95_MS:.0f} ms) {verdict}")
    if verdict == "FAIL" and args.enforce_target:
        return 2
    return 0


def close_django_connections() -> None:
    if "django" in sys.modules:
        from django.db import connections

        connections.close_all()


def main() -> int:
    args = parse_args()
    server = server_url(args.postgres)
    var_dir = Path(tempfile.mkdtemp(prefix="bench-queues-"))
    try:
        database_url = database_recreate(server)
    except BenchError as exc:
        print(f"bench_queues: {exc}", file=sys.stderr)
        shutil.rmtree(var_dir, ignore_errors=True)
        return 1
    try:
        return benchmark(args, database_url, var_dir)
    except BenchError as exc:
        print(f"bench_queues: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench_queues: interrupted; database dropped", file=sys.stderr)
        return 130
    finally:
        close_django_connections()
        shutil.rmtree(var_dir, ignore_errors=True)
        try:
            if args.keep_database:
                print(f"bench_queues: {DATABASE} kept; drop it when done", file=sys.stderr)
            else:
                database_drop(server)
        except psycopg.Error as exc:
            print(f"bench_queues: could not drop {DATABASE}: {exc}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
