"""Complaint intake through the API, against the floor of the same stack.

Method
------
1. Create a fresh PostgreSQL database (``putright_bench``, dropped first if it is left
   over), run ``putright migrate`` on it, and seed one landlord, one complaints officer
   (the role's group), one resident and an API token for the officer.
2. Serve the app with gunicorn on 127.0.0.1 and a free port, production settings
   (bench/settings_intake.py: config.settings.production with ROOT_URLCONF pointed at
   bench/intake_urls.py, which adds the floor endpoint next to the real API).
   Sync workers, 2 x cores + 1 of them (gunicorn's own rule of thumb).
3. For each scenario, 8 client threads send POSTs with the same token and the same JSON
   body, first a warm-up, then a measured run bounded in count and in time
   (2,000 requests or 20 s, whichever comes first), split into 4 rounds that alternate
   floor and intake so that a change in the machine's background load hits both alike.
   Each request's latency is timed from sending to having read the whole response;
   throughput is the measured 201 answers over the wall-clock time of the measured
   rounds.
     intake  POST /api/v1/complaints   (the product: log a complaint at stage 1)
     floor   POST /bench/floor         (same middleware, TokenAuth, schema; one INSERT)
4. Print requests, errors, throughput and p50/p95/p99 for both, then intake / floor
   throughput against the target (at least 50 %), and the SQL queries one request of
   each makes (Django test client in this process, CaptureQueriesContext).
5. Check that every intake response was 201, that the database holds exactly one
   complaint per 201 and that every reference is unique. Stop gunicorn and drop the
   database, on success, failure or Ctrl-C alike.

Exit status: 0 when the benchmark ran cleanly, whether or not the target was met (a
missed target prints FAIL: the figure is what the run is for, and a loaded machine must
not break ``make bench``); 1 when PostgreSQL, migrate or the server could not be set up,
any request failed, or the database check did not add up. ``--enforce-target`` also
exits 2 when the target is missed.

Client, server and PostgreSQL share the machine, so the figures are for comparison in
the same run (the ratio), not capacity planning. gunicorn's sync worker closes the
connection after every response, so each request opens a new loopback TCP connection,
in both scenarios alike.

The SQL count comes from a request outside the load, through the Django test client, and
includes BEGIN, SAVEPOINT and COMMIT.

Run from the repository root:  .venv/bin/python bench/bench_intake.py   (or ``make bench``).
Options (``--help``) change the clients, the request and time bounds, the rounds, the
warm-up, the workers, and the PostgreSQL server (default postgres://postgres@127.0.0.1:5432,
or BENCH_POSTGRES_URL). It needs a user that may create databases.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "putright_bench"
TARGET = 0.50
INTAKE_PATH = "/api/v1/complaints"
FLOOR_PATH = "/bench/floor"
HEALTH_PATH = "/api/v1/health"
BODY_TEMPLATE = {
    "description": "The repair to my boiler was not done, and nobody came back to me.",
    "channel": "phone",
}


class BenchError(RuntimeError):
    """The benchmark could not run, or its results do not add up."""


# ---------------------------------------------------------------- database and seed data


def server_url(url: str) -> str:
    """The PostgreSQL server URL without any database name."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{rest.split('/', 1)[0]}"


def database_recreate(server: str) -> str:
    """Drop and create the benchmark database; return its URL."""
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    except psycopg.OperationalError as exc:
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise BenchError(f"PostgreSQL is not reachable at {server}: {first_line}") from exc
    return f"{server}/{DATABASE}"


def database_drop(server: str) -> None:
    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def configure_environment(database_url: str) -> None:
    """Production settings for this process and for the subprocesses it starts."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings_intake",
        DATABASE_URL=database_url,
        SECRET_KEY="intake-benchmark-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DEBUG="false",
        # Production settings insist on a mail server; the benchmark sends no mail.
        EMAIL_HOST=os.environ.get("EMAIL_HOST", "127.0.0.1"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def migrate() -> None:
    putright = Path(sys.executable).parent / "putright"
    result = subprocess.run(
        [str(putright), "migrate", "--noinput"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"putright migrate failed:\n{result.stdout}{result.stderr}")


@dataclass(frozen=True)
class Seed:
    token: str
    resident_id: int


def seed() -> Seed:
    """A landlord, a complaints officer with an API token, and a resident to complain."""
    import django

    django.setup()
    from putright.accounts.models import User
    from putright.accounts.roles import role_group
    from putright.api.tokens import api_token_create
    from putright.core.actors import Actor
    from putright.landlords.services import landlord_create
    from putright.residents.services import property_create, resident_create

    landlord = landlord_create(name="Bench Homes", slug="bench-homes")
    system = Actor.system(landlord.pk)
    officer = User.objects.create_user(
        username="bench-officer",
        password=None,
        first_name="Bench",
        last_name="Officer",
        landlord=landlord,
    )
    officer.groups.add(role_group("complaints_officer"))
    home = property_create(
        actor=system, landlord=landlord, address_line_1="1 Bench Street", postcode="BE1 1NC"
    )
    resident = resident_create(
        actor=system, landlord=landlord, name="Sam Bench", email="sam@example.org", home=home
    )
    issued = api_token_create(
        actor=system, user=officer, role="complaints_officer", name="Intake benchmark"
    )
    return Seed(token=issued.secret, resident_id=resident.pk)


def close_django_connections() -> None:
    if "django" in sys.modules:
        from django.db import connections

        connections.close_all()


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving config.wsgi on 127.0.0.1; its log goes to a temporary file."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix="bench-intake-gunicorn-", suffix=".log", delete=False
        )
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--timeout",
                "30",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches this script, which stops gunicorn
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited with {self.process.returncode}.\n{self.tail()}")
            try:
                status, _ = request_once(self.port, "GET", HEALTH_PATH, None, {})
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer within {timeout:.0f} s.\n{self.tail()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)

    def tail(self, lines: int = 30) -> str:
        self.log.flush()
        text = Path(self.log.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])


# ---------------------------------------------------------------- the load


def request_once(
    port: int,
    method: str,
    path: str,
    body: bytes | None,
    headers: dict[str, str],
    conn: http.client.HTTPConnection | None = None,
) -> tuple[int, bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if own:
            conn.close()


@dataclass
class Result:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)  # no answer at all
    unexpected: list[str] = field(default_factory=list)  # the first few answers other than 201
    created: list[bytes] = field(default_factory=list)  # the bodies of the 201 answers
    elapsed_s: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + len(self.failures)

    @property
    def ok(self) -> int:
        return self.statuses.get(201, 0)

    @property
    def errors(self) -> int:
        return self.requests - self.ok

    @property
    def throughput(self) -> float:
        return self.ok / self.elapsed_s if self.elapsed_s else 0.0

    @classmethod
    def merged(cls, name: str, parts: list[Result]) -> Result:
        """One result from several runs of the same scenario; their times add up."""
        whole = cls(name)
        for part in parts:
            whole.latencies_ms.extend(part.latencies_ms)
            whole.failures.extend(part.failures)
            whole.unexpected.extend(part.unexpected)
            whole.created.extend(part.created)
            whole.elapsed_s += part.elapsed_s
            for status, count in part.statuses.items():
                whole.statuses[status] = whole.statuses.get(status, 0) + count
        return whole

    def percentile(self, p: int) -> float:
        if len(self.latencies_ms) < 2:
            return self.latencies_ms[0] if self.latencies_ms else float("nan")
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[p - 1]


def run_load(
    *,
    name: str,
    port: int,
    path: str,
    token: str,
    body: bytes,
    clients: int,
    max_requests: int,
    max_seconds: float,
) -> Result:
    """``clients`` threads share a budget of ``max_requests``; all stop at ``max_seconds``."""
    result = Result(name)
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    lock = threading.Lock()
    issued = 0
    start_gate = threading.Barrier(clients + 1)
    deadline = 0.0

    def client() -> None:
        nonlocal issued
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies: list[float] = []
        statuses: dict[int, int] = {}
        created: list[bytes] = []
        failures: list[str] = []
        unexpected: list[str] = []
        start_gate.wait()
        try:
            while True:
                with lock:
                    if issued >= max_requests or time.perf_counter() >= deadline:
                        break
                    issued += 1
                began = time.perf_counter()
                try:
                    status, content = request_once(port, "POST", path, body, headers, conn)
                except (OSError, http.client.HTTPException) as exc:
                    failures.append(f"{type(exc).__name__}: {exc}")
                    conn.close()  # a fresh connection for the next request
                    continue
                latencies.append((time.perf_counter() - began) * 1000)
                statuses[status] = statuses.get(status, 0) + 1
                if status == 201:
                    created.append(content)
                elif len(unexpected) < 3:
                    unexpected.append(f"{status} {content[:300]!r}")
        finally:
            conn.close()
            with lock:
                result.latencies_ms.extend(latencies)
                result.failures.extend(failures)
                result.unexpected.extend(unexpected)
                result.created.extend(created)
                for status, count in statuses.items():
                    result.statuses[status] = result.statuses.get(status, 0) + count

    # Daemon threads: on Ctrl-C the main thread stops the server and does not wait for them.
    threads = [
        threading.Thread(target=client, name=f"{name}-{i}", daemon=True) for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline = began + max_seconds
    start_gate.wait()
    for thread in threads:
        thread.join()
    result.elapsed_s = time.perf_counter() - began
    return result


# ---------------------------------------------------------------- checks and diagnostics


def verify_intake(intake_runs: list[Result]) -> tuple[int, int]:
    """Every intake answer was 201, one complaint per 201, every reference unique."""
    from putright.complaints.models import Complaint

    created = sum(r.ok for r in intake_runs)
    problems = [
        f"{r.name}: {r.errors} of {r.requests} did not answer 201 "
        f"(statuses {r.statuses}, {r.failures[:3]}, {r.unexpected[:3]})"
        for r in intake_runs
        if r.errors
    ]
    answered = [json.loads(body)["reference"] for r in intake_runs for body in r.created]
    in_database = Complaint.objects.count()
    distinct_in_database = Complaint.objects.values("reference").distinct().count()
    if in_database != created:
        problems.append(f"{in_database} complaints in the database for {created} answers of 201")
    if distinct_in_database != in_database:
        problems.append(f"only {distinct_in_database} distinct references for {in_database}")
    if len(set(answered)) != len(answered) or len(answered) != created:
        problems.append(f"{len(set(answered))} distinct references answered for {created}")
    if problems:
        raise BenchError("Intake check failed: " + "; ".join(problems))
    return in_database, distinct_in_database


def queries_per_request(token: str, body: bytes) -> dict[str, int]:
    """SQL statements one request of each kind makes (in this process, same settings)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # WhiteNoise warns that STATIC_ROOT was never collected: no static file is served here.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    client = Client(SERVER_NAME="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")
    counts = {}
    for name, path in (("intake", INTAKE_PATH), ("floor", FLOOR_PATH)):
        with CaptureQueriesContext(connection) as captured:
            response = client.post(path, data=body, content_type="application/json")
        if response.status_code != 201:
            raise BenchError(f"{name}: the test client got {response.status_code}")
        counts[name] = len(captured.captured_queries)
    return counts


# ---------------------------------------------------------------- report


def print_header(args: argparse.Namespace, workers: int) -> None:
    import django
    import gunicorn

    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        pg_version = conn.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
    print("Complaint intake through the API vs a one-row insert floor, same stack, same run")
    print(
        f"  machine   {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Django {django.get_version()}, gunicorn {gunicorn.__version__}, "
        f"PostgreSQL {pg_version.split()[0]}, {date.today()}"
    )
    print(
        f"  server    gunicorn sync x {workers} workers, config.settings.production "
        f"(DEBUG off, CONN_MAX_AGE 60), 127.0.0.1"
    )
    print(
        f"  load      {args.clients} concurrent clients, warm-up {args.warmup} requests, then "
        f"{args.requests:,} requests or {args.seconds:.0f} s per scenario, "
        f"in {args.rounds} alternating rounds"
    )


def print_results(results: list[Result]) -> None:
    print()
    print(
        f"  {'scenario':<8} {'requests':>8} {'errors':>6} {'req/s':>8} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'time s':>7}"
    )
    for r in results:
        print(
            f"  {r.name:<8} {r.requests:>8,} {r.errors:>6} {r.throughput:>8.1f} "
            f"{r.percentile(50):>8.1f} {r.percentile(95):>8.1f} {r.percentile(99):>8.1f} "
            f"{r.elapsed_s:>7.1f}"
        )


# ---------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000, help="per scenario")
    parser.add_argument("--seconds", type=float, default=20.0, help="cap per scenario")
    parser.add_argument("--rounds", type=int, default=4, help="floor/intake alternations")
    parser.add_argument("--warmup", type=int, default=200, help="per scenario")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL; the database putright_bench is created and dropped on it",
    )
    parser.add_argument(
        "--enforce-target", action="store_true", help="exit 2 when intake < 50%% of the floor"
    )
    return parser.parse_args()


def benchmark(args: argparse.Namespace, database_url: str) -> int:
    configure_environment(database_url)
    migrate()
    seeded = seed()
    body = json.dumps({**BODY_TEMPLATE, "resident_id": seeded.resident_id}).encode()
    close_django_connections()
    print_header(args, args.workers)

    server = Server(args.workers)
    try:
        server.start()
        load = {
            "port": server.port,
            "token": seeded.token,
            "body": body,
            "clients": args.clients,
        }
        warmups = [
            run_load(
                name=f"{name}-warm", path=path, max_requests=args.warmup, max_seconds=60, **load
            )
            for name, path in (("floor", FLOOR_PATH), ("intake", INTAKE_PATH))
        ]
        # Interleaved rounds, so that any drift in the machine's load hits both alike.
        floors: list[Result] = []
        intakes: list[Result] = []
        for _ in range(args.rounds):
            for name, path, parts in (
                ("floor", FLOOR_PATH, floors),
                ("intake", INTAKE_PATH, intakes),
            ):
                parts.append(
                    run_load(
                        name=name,
                        path=path,
                        max_requests=math.ceil(args.requests / args.rounds),
                        max_seconds=args.seconds / args.rounds,
                        **load,
                    )
                )
        floor, intake = Result.merged("floor", floors), Result.merged("intake", intakes)
    finally:
        server.stop()

    print_results([intake, floor])
    broken = [r for r in [*warmups, floor, intake] if r.errors]
    if broken:
        for r in broken:
            print(f"  ERROR {r.name}: statuses {r.statuses}", file=sys.stderr)
            for sample in [*r.failures[:3], *r.unexpected[:3]]:
                print(f"        {sample}", file=sys.stderr)
        return 1
    complaints, references = verify_intake([r for r in [*warmups, intake] if "intake" in r.name])
    print(f"\n  check     {complaints:,} complaints in the database, {references:,} distinct refs")
    queries = queries_per_request(seeded.token, body)
    print(f"  queries   intake {queries['intake']} per request, floor {queries['floor']}")
    close_django_connections()

    ratio = intake.throughput / floor.throughput
    verdict = "PASS" if ratio >= TARGET else "FAIL"
    print(
        f"\n  intake / floor throughput: {ratio:.0%} (target >= {TARGET:.0%}) {verdict}"
        f"  [{intake.throughput:.1f} / {floor.throughput:.1f} req/s]"
    )
    if verdict == "FAIL" and args.enforce_target:
        return 2
    return 0


def main() -> int:
    args = parse_args()
    server_address = server_url(args.postgres)
    try:
        database_url = database_recreate(server_address)
    except BenchError as exc:
        print(f"bench_intake: {exc}", file=sys.stderr)
        return 1
    try:
        return benchmark(args, database_url)
    except BenchError as exc:
        print(f"bench_intake: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench_intake: interrupted; server stopped, database dropped", file=sys.stderr)
        return 130
    finally:
        close_django_connections()
        try:
            database_drop(server_address)
        except psycopg.Error as exc:
            print(f"bench_intake: could not drop {DATABASE}: {exc}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
