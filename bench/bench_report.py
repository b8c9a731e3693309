"""The annual report's JSON for one financial year, against the bare SQL aggregates behind it.

Method
------
1. Create a fresh PostgreSQL database (``putright_bench_report``, dropped first if it is left
   over) and run ``putright migrate`` on it. Settings are bench/settings_queues.py:
   config.settings.production (DEBUG off); no page is rendered here.
2. Seed one landlord (one entity of 60,000 homes, 12 categories, 6 service areas, 10 root
   causes, 10 handlers and an officer), then ``--complaints`` complaints (1,000,000 by
   default) received evenly over the last 8 years, so a financial year holds about an eighth
   of them. The complaints and everything hanging off them are written by
   ``INSERT … SELECT … FROM generate_series`` (see ``insert_select``: every column the
   statement does not set gets the model field's default), because ``bulk_create`` builds
   every row in Python (bench_queues.py seeds 100,000 that way in 75-100 s). Each
   complaint's fate is drawn from a hash of its id, so a run is repeatable:

   * received in the last 60 days: open (stage 1 or 2, acknowledged or not);
   * older: 3 % not accepted (a refusal), 2 % withdrawn, 1 % stage 2 refused (a refusal after
     the stage 1 response), 18 % closed after stage 2, the rest closed after stage 1;
   * acknowledgements 1-8 days after receipt, responses 3-22 days (stage 1) and 10-39 days
     (stage 2) after acknowledgement, outcomes upheld 30 %, partly 25 %, not upheld 45 %;
   * one stage in ten extended (5-20 working days); stage 2 reasons mostly from a few common
     phrases, a tenth free text;
   * of upheld or partly upheld stages: a remedy each, financial for half (amounts over the
     four heads, 5 % declined, most paid), and outstanding actions for 30 %;
   * 60 % of complaints answered at stage 1 have a root cause recorded, 10 % a second.

   Then ``VACUUM ANALYZE``, so the planner knows the tables' sizes.
3. Build the report as ``putright report annual --format json`` does
   (``annual_report_for_period``, ``annual_report_content``, ``annual_report_json_text``) for
   the last whole financial year (1 April to 31 March), and capture the SQL statements it runs.
   The **baseline** is those statements run bare through the same database connection,
   fetching every row: what the report costs the database, with no ORM and no Python figure
   building.
4. Warm up once, then time ``--runs`` builds and as many runs of the bare SQL, alternating,
   so that a change in the machine's load hits both alike. Print p50 of each and the ratio,
   the bare time and rows of the slowest statements (``--explain``: their plans), and the
   targets: report p50 at most 5 s, and at most twice the bare SQL's p50.
5. Peak Python memory of one build (``tracemalloc``) for the year, a quarter and a month of
   the same database; the report's p50 with a second landlord in the database (a landlord
   alone is counted without the filter on it; with another there, the filter stays); then
   empty the complaints, seed ``--small-complaints`` (100,000) in
   their place and measure the year's report again (time and peak memory), so that whether
   memory grows with the number of complaints is shown by numbers.
6. Drop the database, on success, failure or Ctrl-C alike.

Exit status: 0 when the benchmark ran, whether or not the targets were met (a missed target
prints FAIL); 1 when PostgreSQL, migrate or the report could not be set up, or the report's
figures do not match the seed. ``--enforce-target`` also exits 2 when a target is missed.

Run from the repository root:  .venv/bin/python bench/bench_report.py
It needs a PostgreSQL user that may create databases (default
postgres://postgres@127.0.0.1:5432, or BENCH_POSTGRES_URL, or ``--postgres``).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psycopg

# Shared with the queue page's benchmark (this script's folder is first on sys.path).
from bench_queues import (
    BenchError,
    Timings,
    close_django_connections,
    configure_environment,
    database_drop,
    database_recreate,
    manage,
    server_url,
)

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "putright_bench_report"
TARGET_SECONDS = 5.0
TARGET_RATIO = 2.0
YEARS = 8
OPEN_DAYS = 60
HANDLERS = 10
LONDON = ZoneInfo("Europe/London")


# ---------------------------------------------------------------- seed data


def pick(stream: int, column: str = "p.id") -> str:
    """SQL for a repeatable draw in 0-999 for one row: a hash of its id and the stream."""
    return f"(abs(hashint8({column}::bigint * 100 + {stream})) % 1000)"


def insert_select(model: Any, values: dict[str, str], source: str) -> int:
    """``INSERT INTO <model's table> (…) SELECT … <source>``: the columns in ``values`` take
    their SQL expressions; every other column takes the field's default (as ``Model()`` would
    give it), so the statement stays short however many optional columns a model has."""
    from django.db import connection

    columns, expressions, params = [], [], []
    for field in model._meta.concrete_fields:
        if field.column in values:
            columns.append(field.column)
            expressions.append(values[field.column])
        elif not field.primary_key:
            columns.append(field.column)
            expressions.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
    # The expressions take no parameters: their "%" (modulo, LIKE) is written as "%%".
    expressions = [e if e == "%s" else e.replace("%", "%%") for e in expressions]
    source = source.replace("%", "%%")
    unknown = set(values) - set(columns)
    if unknown:
        raise BenchError(f"{model.__name__} has no column {', '.join(sorted(unknown))}")
    sql = (
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(expressions)} {source}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


@dataclass(frozen=True)
class Setup:
    landlord_id: int
    officer_id: int
    handler_ids: list[int]
    category_ids: list[int]
    service_area_ids: list[int]
    entity_id: int
    root_cause_ids: list[int]


def setup_landlord() -> Setup:
    from putright.accounts.models import User
    from putright.accounts.roles import role_group
    from putright.complaints.models import Category
    from putright.landlords.models import Entity, ServiceArea
    from putright.landlords.services import landlord_create
    from putright.learning.models import RootCause

    landlord = landlord_create(name="Bench Homes", slug="bench-homes")
    entity = Entity.objects.create(landlord=landlord, name="Bench Homes", homes_owned=60_000)
    handler_role = role_group("complaint_handler")
    handler_ids = []
    for n in range(HANDLERS):
        user = User.objects.create_user(
            username=f"handler-{n + 1}", password=None, landlord=landlord
        )
        user.groups.add(handler_role)
        handler_ids.append(user.pk)
    officer = User.objects.create_user(username="bench-officer", password=None, landlord=landlord)
    category_ids = []
    for parent_name in ("Repairs", "Damp and mould", "Neighbourhood", "Customer service"):
        parent = Category.objects.create(landlord=landlord, name=parent_name)
        category_ids.append(parent.pk)
        for child_name in ("Delay", "Quality"):
            child = Category.objects.create(landlord=landlord, name=child_name, parent=parent)
            category_ids.append(child.pk)
    service_area_ids = [
        ServiceArea.objects.create(landlord=landlord, name=name, entity=entity).pk
        for name in ("Repairs", "Tenancy", "Estates", "Income", "Lettings", "Customer contact")
    ]
    root_cause_ids = []
    for parent_name, children in (
        ("Process", ("Not followed", "Unclear")),
        ("Communication", ("Not kept informed", "Wrong information", "Tone")),
        ("Contractor", ("Missed appointment", "Poor work")),
    ):
        parent = RootCause.objects.create(landlord=landlord, name=parent_name)
        root_cause_ids.append(parent.pk)
        root_cause_ids.extend(
            RootCause.objects.create(landlord=landlord, name=name, parent=parent).pk
            for name in children
        )
    return Setup(
        landlord_id=landlord.pk,
        officer_id=officer.pk,
        handler_ids=handler_ids,
        category_ids=category_ids,
        service_area_ids=service_area_ids,
        entity_id=entity.pk,
        root_cause_ids=root_cause_ids,
    )


def one_of(ids: list[int], stream: int, column: str = "p.id") -> str:
    return f"(ARRAY[{', '.join(map(str, ids))}])[1 + {pick(stream, column)} % {len(ids)}]"


def seed_complaints(number: int, setup: Setup, now: datetime.datetime) -> float:
    """``number`` complaints received over the last ``YEARS`` years, with their history."""
    from django.db import connection, transaction

    from putright.complaints.models import Complaint, Extension, Refusal, Stage
    from putright.learning.models import ComplaintRootCause
    from putright.remedies.models import OutstandingAction, Remedy

    began = time.perf_counter()
    step = YEARS * 365.25 * 86400 / number  # seconds between two complaints
    # Written into the SQL as literals (the defaults ``insert_select`` adds are parameters).
    now_sql = f"'{now.isoformat()}'::timestamptz"
    today_sql = f"'{now.astimezone(LONDON).date()}'::date"
    with transaction.atomic(), connection.cursor() as cursor:
        # Each complaint's fate, decided once and read by every insert below.
        cursor.execute("DROP TABLE IF EXISTS seed_plan")
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE seed_plan AS
            SELECT p.id, p.received_at,
                   CASE
                     WHEN p.received_at > {now_sql} - interval '{OPEN_DAYS} days' THEN
                       CASE WHEN {pick(1)} < 300 THEN 'open_s1_ack'
                            WHEN {pick(1)} < 800 THEN 'open_s1_inv'
                            WHEN {pick(1)} < 850 THEN 'open_s2_ack'
                            ELSE 'open_s2_inv' END
                     WHEN {pick(2)} < 30 THEN 'not_accepted'
                     WHEN {pick(2)} < 50 THEN 'withdrawn'
                     WHEN {pick(2)} < 60 THEN 'escalation_refused'
                     WHEN {pick(2)} < 240 THEN 'closed2'
                     ELSE 'closed1'
                   END AS fate
            FROM (
              SELECT g AS id,
                     {now_sql} - make_interval(secs => ({number} - g + 1) * {step}) AS received_at
              FROM generate_series(1, {number}) AS g
            ) AS p
            """
        )
        cursor.execute("CREATE UNIQUE INDEX ON seed_plan (id)")
        cursor.execute("ANALYZE seed_plan")
        status = """CASE p.fate
            WHEN 'open_s1_ack' THEN 'stage1_awaiting_ack'
            WHEN 'open_s1_inv' THEN 'stage1_investigating'
            WHEN 'open_s2_ack' THEN 'stage2_awaiting_ack'
            WHEN 'open_s2_inv' THEN 'stage2_investigating'
            WHEN 'not_accepted' THEN 'not_accepted'
            WHEN 'withdrawn' THEN 'withdrawn'
            WHEN 'escalation_refused' THEN 'escalation_refused'
            ELSE 'closed' END"""
        is_open = "p.fate LIKE 'open%'"
        insert_select(
            Complaint,
            {
                "id": "p.id",
                "landlord_id": str(setup.landlord_id),
                "reference": "'C' || lpad(p.id::text, 8, '0')",
                "status": status,
                "received_at": "p.received_at",
                "received_on": "(p.received_at AT TIME ZONE 'Europe/London')::date",
                "channel": f"(ARRAY['phone', 'email', 'web', 'letter'])[1 + {pick(3)} % 4]",
                "description": "'The repair was not done.'",
                "category_id": f"CASE WHEN {pick(4)} < 50 THEN NULL "
                f"ELSE {one_of(setup.category_ids, 5)} END",
                "service_area_id": f"CASE WHEN {pick(6)} < 50 THEN NULL "
                f"ELSE {one_of(setup.service_area_ids, 7)} END",
                "entity_id": str(setup.entity_id),
                "withdrawn_at": "CASE WHEN p.fate = 'withdrawn' "
                "THEN p.received_at + interval '10 days' END",
                "closed_at": f"CASE WHEN NOT ({is_open}) "
                "THEN p.received_at + interval '30 days' END",
                "logged_by_id": str(setup.officer_id),
                "created_at": "p.received_at",
            },
            "FROM seed_plan AS p",
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
            [Complaint._meta.db_table, number],
        )
        # Stage 1, for every complaint.
        acknowledged = f"LEAST(p.received_at + make_interval(days => 1 + {pick(8)} % 8), {now_sql})"
        answered = f"LEAST({acknowledged} + make_interval(days => 3 + {pick(9)} % 20), {now_sql})"
        s1_acknowledged = "p.fate NOT IN ('open_s1_ack', 'not_accepted')"
        s1_answered = (
            "p.fate IN ('open_s2_ack', 'open_s2_inv', 'escalation_refused', 'closed1', 'closed2')"
        )
        outcome = (
            "CASE WHEN {d} < 300 THEN 'upheld' WHEN {d} < 550 THEN 'partly_upheld' "
            "ELSE 'not_upheld' END"
        )
        handler = one_of(setup.handler_ids, 11)
        insert_select(
            Stage,
            {
                "complaint_id": "p.id",
                "number": "1",
                "requested_at": "p.received_at",
                "requested_on": "(p.received_at AT TIME ZONE 'Europe/London')::date",
                "acknowledgement_due": "(p.received_at AT TIME ZONE 'Europe/London')::date + 7",
                "acknowledged_at": f"CASE WHEN {s1_acknowledged} THEN {acknowledged} END",
                "response_due": f"CASE WHEN {s1_acknowledged} "
                f"THEN ({acknowledged} AT TIME ZONE 'Europe/London')::date + 14 END",
                "handler_id": handler,
                "outcome": f"CASE WHEN {s1_answered} THEN {outcome.format(d=pick(10))} ELSE '' END",
                "decision": f"CASE WHEN {s1_answered} THEN 'We looked into it.' ELSE '' END",
                "responded_at": f"CASE WHEN {s1_answered} THEN {answered} END",
                "responded_by_id": f"CASE WHEN {s1_answered} THEN {handler} END",
            },
            "FROM seed_plan AS p",
        )
        cursor.execute(
            f"CREATE TEMPORARY TABLE seed_s1 AS SELECT complaint_id AS id, responded_at "
            f"FROM {Stage._meta.db_table} WHERE number = 1"
        )
        cursor.execute("CREATE UNIQUE INDEX ON seed_s1 (id)")
        # Stage 2, for those that asked for it.
        requested = f"LEAST(s.responded_at + make_interval(days => 1 + {pick(12)} % 10), {now_sql})"
        s2_acknowledged = (
            f"LEAST({requested} + make_interval(days => 1 + {pick(13)} % 7), {now_sql})"
        )
        s2_answered = (
            f"LEAST({s2_acknowledged} + make_interval(days => 10 + {pick(14)} % 30), {now_sql})"
        )
        reason = f"""CASE WHEN {pick(15)} < 400 THEN ''
            WHEN {pick(15)} < 600 THEN 'The repair is still not done.'
            WHEN {pick(15)} < 750 THEN 'I was not told when it would be fixed.'
            WHEN {pick(15)} < 900 THEN 'The compensation offered is too low.'
            ELSE 'My own account, number ' || p.id END"""
        handler2 = one_of(setup.handler_ids, 16)
        insert_select(
            Stage,
            {
                "complaint_id": "p.id",
                "number": "2",
                "requested_at": requested,
                "requested_on": f"({requested} AT TIME ZONE 'Europe/London')::date",
                "escalation_reason": reason,
                "acknowledgement_due": f"({requested} AT TIME ZONE 'Europe/London')::date + 7",
                "acknowledged_at": f"CASE WHEN p.fate <> 'open_s2_ack' THEN {s2_acknowledged} END",
                "response_due": f"CASE WHEN p.fate <> 'open_s2_ack' "
                f"THEN ({s2_acknowledged} AT TIME ZONE 'Europe/London')::date + 28 END",
                "handler_id": handler2,
                "outcome": f"CASE WHEN p.fate = 'closed2' THEN {outcome.format(d=pick(17))} "
                "ELSE '' END",
                "decision": "CASE WHEN p.fate = 'closed2' THEN 'We looked again.' ELSE '' END",
                "responded_at": f"CASE WHEN p.fate = 'closed2' THEN {s2_answered} END",
                "responded_by_id": f"CASE WHEN p.fate = 'closed2' THEN {handler2} END",
            },
            "FROM seed_plan AS p JOIN seed_s1 AS s USING (id) "
            "WHERE p.fate IN ('open_s2_ack', 'open_s2_inv', 'closed2')",
        )
        # Extensions: one stage in ten of those with a response date.
        stages = Stage._meta.db_table
        insert_select(
            Extension,
            {
                "stage_id": "p.id",
                "working_days": f"5 + {pick(18)} % 16",
                "reason": "'Waiting for a surveyor''s report'",
                "previous_due": "p.response_due",
                "new_due": f"p.response_due + (5 + {pick(18)} % 16) * 7 / 5",
                "resident_informed_on": "p.response_due - 2",
                "ombudsman_details_given": "true",
                "created_at": "p.acknowledged_at + interval '5 days'",
            },
            f"FROM {stages} AS p WHERE p.response_due IS NOT NULL AND {pick(19)} < 100",
        )
        # Refusals: complaints not accepted, and stage 2 requests refused.
        ground = (
            "(ARRAY['over_12_months', 'legal_proceedings', 'previously_considered', 'other'])"
            f"[1 + {pick(20)} % 4]"
        )
        refusal = {
            "complaint_id": "p.id",
            "ground": ground,
            "evidence": "'Recorded on the file.'",
            "explanation": "'We explained why, in writing.'",
            "ombudsman_right_explained": "true",
            "decided_by_id": str(setup.officer_id),
        }
        insert_select(
            Refusal,
            {
                **refusal,
                "kind": "'not_accepted'",
                "decided_at": "p.received_at + interval '3 days'",
            },
            "FROM seed_plan AS p WHERE p.fate = 'not_accepted'",
        )
        insert_select(
            Refusal,
            {
                **refusal,
                "kind": "'escalation_refused'",
                "decided_at": "s.responded_at + interval '5 days'",
            },
            "FROM seed_plan AS p JOIN seed_s1 AS s USING (id) WHERE p.fate = 'escalation_refused'",
        )
        # Remedies for upheld or partly upheld stages: financial for half of them.
        financial = f"{pick(21)} < 500"
        offered = "(p.responded_at AT TIME ZONE 'Europe/London')::date"
        remedy_status = (
            f"CASE WHEN {pick(22)} < 50 THEN 'declined' WHEN {pick(22)} < 800 THEN 'completed' "
            "ELSE 'accepted' END"
        )
        insert_select(
            Remedy,
            {
                "complaint_id": "p.complaint_id",
                "stage_id": "p.id",
                "kind": f"CASE WHEN {financial} THEN 'financial' ELSE 'apology' END",
                "description": "'Put right as agreed.'",
                "due_on": f"{offered} + 28",
                "status": remedy_status,
                "offered_on": offered,
                "accepted_on": f"CASE WHEN {remedy_status} <> 'declined' THEN {offered} + 3 END",
                "declined_on": f"CASE WHEN {remedy_status} = 'declined' THEN {offered} + 3 END",
                "completed_on": f"CASE WHEN {remedy_status} = 'completed' THEN {offered} + 14 END",
                "amount_time_and_trouble": f"CASE WHEN {financial} "
                f"THEN 50 + {pick(23)} % 200 ELSE 0 END",
                "amount_distress_and_inconvenience": f"CASE WHEN {financial} AND {pick(24)} < 500 "
                f"THEN 100 + {pick(25)} % 300 ELSE 0 END",
                "amount_quantifiable_loss": f"CASE WHEN {financial} AND {pick(26)} < 200 "
                f"THEN 20 + {pick(27)} % 500 + 0.5 ELSE 0 END",
                "amount_statutory": f"CASE WHEN {financial} AND {pick(28)} < 30 THEN 25 ELSE 0 END",
                "payment_method": f"CASE WHEN {financial} AND {remedy_status} = 'completed' "
                "THEN 'bank' ELSE '' END",
                "paid_on": f"CASE WHEN {financial} AND {remedy_status} = 'completed' "
                f"THEN {offered} + 14 END",
                "created_by_id": "p.responded_by_id",
                "created_at": "p.responded_at",
            },
            f"FROM {stages} AS p WHERE p.outcome IN ('upheld', 'partly_upheld')",
        )
        # Outstanding actions for 30 % of them: done once due long enough ago.
        due = f"{offered} + 30 + {pick(29)} % 60"
        action_status = (
            f"CASE WHEN {due} < {today_sql} - 20 THEN "
            f"(CASE WHEN {pick(30)} < 950 THEN 'completed' ELSE 'cancelled' END) ELSE 'open' END"
        )
        insert_select(
            OutstandingAction,
            {
                "complaint_id": "p.complaint_id",
                "stage_id": "p.id",
                "description": "'Complete the repair.'",
                "owner_id": "p.handler_id",
                "due_on": due,
                "status": action_status,
                "completed_on": f"CASE WHEN {action_status} = 'completed' "
                f"THEN {due} - 10 + {pick(31)} % 20 END",
                "created_at": "p.responded_at",
            },
            f"FROM {stages} AS p WHERE p.outcome IN ('upheld', 'partly_upheld') "
            f"AND {pick(32)} < 300",
        )
        # Root causes: 60 % of stage 1 answers have one; 10 % a second, different one.
        causes = setup.root_cause_ids
        first_cause = f"(1 + {pick(33)} % {len(causes)})"
        second_cause = f"(1 + ({pick(33)} + 1 + {pick(34)} % {len(causes) - 1}) % {len(causes)})"
        for index, share in ((first_cause, 600), (second_cause, 100)):
            insert_select(
                ComplaintRootCause,
                {
                    "complaint_id": "p.complaint_id",
                    "root_cause_id": f"(ARRAY[{', '.join(map(str, causes))}])[{index}]",
                    "recorded_by_id": "p.handler_id",
                    "recorded_at": "p.responded_at",
                },
                f"FROM {stages} AS p WHERE p.number = 1 AND p.responded_at IS NOT NULL "
                f"AND {pick(35)} < {share}" + ("" if share == 600 else f" AND {pick(36)} < 167"),
            )
        cursor.execute("DROP TABLE seed_plan")
        cursor.execute("DROP TABLE seed_s1")
    return time.perf_counter() - began


def vacuum_analyze() -> None:
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def empty_complaints() -> None:
    from django.db import connection

    from putright.complaints.models import Complaint

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Complaint._meta.db_table} CASCADE")


def table_counts() -> dict[str, int]:
    from putright.complaints.models import Complaint, Extension, Refusal, Stage
    from putright.learning.models import ComplaintRootCause
    from putright.remedies.models import OutstandingAction, Remedy

    return {
        model._meta.verbose_name_plural: model.objects.count()
        for model in (
            Complaint,
            Stage,
            Extension,
            Refusal,
            Remedy,
            OutstandingAction,
            ComplaintRootCause,
        )
    }


# ---------------------------------------------------------------- measuring


def report_json(landlord: Any, period_from: datetime.date, period_to: datetime.date) -> str:
    """The JSON ``putright report annual --format json`` writes, built as it builds it."""
    from putright.reporting.annual import annual_report_content, annual_report_for_period
    from putright.reporting.documents import annual_report_json_text

    content = annual_report_content(
        landlord=landlord,
        period_from=period_from,
        period_to=period_to,
        report_record=annual_report_for_period(
            landlord_id=landlord.pk, period_from=period_from, period_to=period_to
        ),
    )
    return annual_report_json_text(content)


def report_sql(landlord: Any, period: tuple[datetime.date, datetime.date]) -> tuple[list[str], str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        text = report_json(landlord, *period)
    return [q["sql"] for q in captured.captured_queries], text


def run_bare(statements: list[str], per_statement: list[list[float]] | None = None) -> list[int]:
    """Run the statements as captured, fetching every row; the number of rows of each."""
    from django.db import connection

    rows = []
    with connection.cursor() as cursor:
        for index, sql in enumerate(statements):
            began = time.perf_counter()
            cursor.execute(sql)
            rows.append(len(cursor.fetchall()) if cursor.description is not None else 0)
            if per_statement is not None:
                per_statement[index].append((time.perf_counter() - began) * 1000)
    return rows


def measure(
    landlord: Any, period: tuple[datetime.date, datetime.date], statements: list[str], runs: int
) -> tuple[Timings, Timings, list[list[float]]]:
    report, bare = Timings("report"), Timings("bare SQL")
    per_statement: list[list[float]] = [[] for _ in statements]
    for _ in range(runs):
        began = time.perf_counter()
        report_json(landlord, *period)
        report.ms.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        run_bare(statements, per_statement)
        bare.ms.append((time.perf_counter() - began) * 1000)
    return report, bare, per_statement


def explain(statements: Any) -> str:
    """The plans of the statements, as run (for the record)."""
    from django.db import connection

    plans = []
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY ON) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            plans.append(f"{short_sql(sql, 2000)}\n\n{plan}")
    return "\n\n".join(plans)


def peak_memory(landlord: Any, period: tuple[datetime.date, datetime.date]) -> int:
    """Peak bytes Python allocated while building the report once (the JSON text included)."""
    tracemalloc.start()
    try:
        report_json(landlord, *period)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def shared_database_p50(
    landlord: Any, period: tuple[datetime.date, datetime.date], runs: int
) -> float:
    """The report's p50 (ms) with a second landlord in the database, then removed: the report
    then keeps the filter on its landlord, joining each table it counts to the complaints."""
    from putright.landlords.models import Landlord
    from putright.landlords.services import landlord_create

    other = landlord_create(name="Second Landlord", slug="second-landlord")
    try:
        report_json(landlord, *period)  # warm-up
        timings = Timings("shared")
        for _ in range(runs):
            began = time.perf_counter()
            report_json(landlord, *period)
            timings.ms.append((time.perf_counter() - began) * 1000)
        return timings.percentile(50)
    finally:
        Landlord.objects.filter(pk=other.pk).delete()


def last_financial_year(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last whole financial year before today: 1 April to 31 March."""
    end_year = today.year if today >= datetime.date(today.year, 4, 1) else today.year - 1
    return datetime.date(end_year - 1, 4, 1), datetime.date(end_year, 3, 31)


def received_in(period: tuple[datetime.date, datetime.date]) -> int:
    from putright.complaints.models import Complaint

    return Complaint.objects.filter(received_on__range=period).count()


def short_sql(sql: str, width: int = 90) -> str:
    flat = " ".join(sql.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# ---------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument(
        "--small-complaints",
        type=int,
        default=100_000,
        help="reseed with this many and measure again, for memory growth (0: skip)",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed builds (and bare SQL runs)")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help=f"PostgreSQL server URL; the database {DATABASE} is created and dropped on it",
    )
    parser.add_argument(
        "--explain", action="store_true", help="print the plans of the 3 slowest statements"
    )
    parser.add_argument(
        "--keep-database", action="store_true", help=f"leave {DATABASE} for investigation"
    )
    parser.add_argument(
        "--enforce-target", action="store_true", help="exit 2 when a target is missed"
    )
    return parser.parse_args()


def seed(number: int, setup: Setup) -> float:
    from django.utils import timezone

    began = time.perf_counter()
    seed_complaints(number, setup, timezone.now())
    vacuum_analyze()
    return time.perf_counter() - began


def benchmark(args: argparse.Namespace, database_url: str, var_dir: Path) -> int:
    configure_environment(database_url, var_dir, "report")
    manage("migrate", "--noinput")

    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from putright.landlords.models import Landlord

    setup = setup_landlord()
    seed_seconds = seed(args.complaints, setup)
    counts = table_counts()
    landlord = Landlord.objects.get(pk=setup.landlord_id)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]

    year = last_financial_year(timezone.localdate())
    quarter = (datetime.date(year[1].year, 1, 1), year[1])
    month = (datetime.date(year[1].year, 3, 1), year[1])
    statements, text = report_sql(landlord, year)
    received = received_in(year)
    if f'"value": {received},' not in text:
        raise BenchError(f"the report does not count the {received:,} complaints of the year")
    rows = run_bare(statements)  # warm-up, with the build just above
    report, bare, per_statement = measure(landlord, year, statements, args.runs)
    memory = {
        name: (received_in(period), peak_memory(landlord, period))
        for name, period in (("year", year), ("quarter", quarter), ("month", month))
    }
    shared = shared_database_p50(landlord, year, args.runs)
    ranked = sorted(
        (
            (statistics.median(ms), n, sql)
            for ms, n, sql in zip(per_statement, rows, statements, strict=True)
        ),
        reverse=True,
    )
    # Before the database is reseeded smaller below.
    plans = explain(sql for _, _, sql in ranked[:3]) if args.explain else ""

    small: tuple[int, int, float, int] | None = None
    if args.small_complaints:
        empty_complaints()
        seed(args.small_complaints, setup)
        report_json(landlord, *year)  # warm-up
        small_timings = Timings("small")
        for _ in range(args.runs):
            began = time.perf_counter()
            report_json(landlord, *year)
            small_timings.ms.append((time.perf_counter() - began) * 1000)
        small = (
            args.small_complaints,
            received_in(year),
            small_timings.percentile(50),
            peak_memory(landlord, year),
        )

    p50, bare_p50 = report.percentile(50), bare.percentile(50)
    print("The annual report's JSON for a financial year vs the bare SQL aggregates behind it")
    print(
        f"  machine   {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Django {django.get_version()}, PostgreSQL {pg_version.split()[0]}, "
        f"{datetime.date.today()}"
    )
    print(f"  data      {', '.join(f'{n:,} {name}' for name, n in counts.items())}")
    print(
        f"            over {YEARS} years; seeded in {seed_seconds:.0f} s (VACUUM ANALYZE included)"
    )
    print(
        f"  report    {year[0]} to {year[1]}: {received:,} complaints received; "
        f"{len(statements)} queries; JSON {len(text):,} characters"
    )
    print(f"  runs      1 warm-up, then {args.runs} of each, alternating")
    print()
    print(f"  {'':<10} {'p50 ms':>9} {'min ms':>9} {'max ms':>9}")
    for t in (report, bare):
        median = t.percentile(50)
        print(f"  {t.name:<10} {median:>9.0f} {min(t.ms):>9.0f} {max(t.ms):>9.0f}")
    print(f"\n  report / bare SQL (p50): {p50 / bare_p50:.2f}x")
    print("\n  slowest statements, bare: p50 ms, rows fetched")
    for ms, n, sql in ranked[:8]:
        print(f"  {ms:>7.0f} {n:>7,}  {short_sql(sql)}")
    print(
        f"  {sum(r[0] for r in ranked[8:]):>7.0f} {sum(r[1] for r in ranked[8:]):>7,}  "
        f"the other {len(ranked) - 8} together"
    )
    if plans:
        print("\n" + plans)
    print("\n  peak Python memory of one build (tracemalloc):")
    for name, (n, peak) in memory.items():
        print(f"  {name:<8} {n:>9,} complaints received  {peak / 1024:>8.0f} KiB")
    if small:
        total, n, ms, peak = small
        print(
            f"\n  at {total:,} complaints: the year ({n:,} received) p50 {ms:.0f} ms, "
            f"peak {peak / 1024:.0f} KiB (against {memory['year'][1] / 1024:.0f} KiB at "
            f"{args.complaints:,})"
        )
    print(
        f"\n  with a second landlord in the database (the filter on the landlord kept): "
        f"p50 {shared:.0f} ms"
    )
    time_ok = p50 <= TARGET_SECONDS * 1000
    ratio_ok = p50 <= TARGET_RATIO * bare_p50
    print(
        f"\n  report p50 {p50 / 1000:.2f} s (target ≤ {TARGET_SECONDS:.0f} s) "
        f"{'PASS' if time_ok else 'FAIL'}"
    )
    print(
        f"  report / bare SQL {p50 / bare_p50:.2f}x (target ≤ {TARGET_RATIO:.0f}x) "
        f"{'PASS' if ratio_ok else 'FAIL'}"
    )
    if not (time_ok and ratio_ok) and args.enforce_target:
        return 2
    return 0


def main() -> int:
    args = parse_args()
    server = server_url(args.postgres)
    var_dir = Path(tempfile.mkdtemp(prefix="bench-report-"))
    try:
        database_url = database_recreate(server, DATABASE)
    except BenchError as exc:
        print(f"bench_report: {exc}", file=sys.stderr)
        shutil.rmtree(var_dir, ignore_errors=True)
        return 1
    try:
        return benchmark(args, database_url, var_dir)
    except BenchError as exc:
        print(f"bench_report: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench_report: interrupted; database dropped", file=sys.stderr)
        return 130
    finally:
        close_django_connections()
        shutil.rmtree(var_dir, ignore_errors=True)
        try:
            if args.keep_database:
                print(f"bench_report: {DATABASE} kept; drop it when done", file=sys.stderr)
            else:
                database_drop(server, DATABASE)
        except psycopg.Error as exc:
            print(f"bench_report: could not drop {DATABASE}: {exc}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
