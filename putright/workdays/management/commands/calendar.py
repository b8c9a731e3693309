"""`putright calendar`: working-day arithmetic from the command line.

    putright calendar add-working-days 2026-12-23 3          # prints 2026-12-30
    putright calendar add-working-days - < deadlines.txt     # one "YYYY-MM-DD N" a line in,
                                                             # one date a line out, in order
    putright calendar add-working-days --landlord riverside 2026-12-23 3

Without ``--landlord`` only bank holidays count, so the answer depends on the arguments alone
and no database is needed. The landlord is never guessed, even when there is only one:
a deadline that silently changes when a second landlord is added would be worse than typing
the slug.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO

import numpy as np
from django.core.management.base import CommandError, CommandParser

from putright.core.commands import PutrightCommand
from putright.workdays.rules import MAX_WORKING_DAYS, WorkingCalendar

# Exactly YYYY-MM-DD: date.fromisoformat alone also takes "20261223" and week dates.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")


class Command(PutrightCommand):
    help = "Working-day arithmetic: bank holidays in England and Wales, and closure days."
    # Lets tests and other code feed standard input through call_command(stdin=...).
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        add = actions.add_parser(
            "add-working-days",
            help="The N-th working day after START (START is day 0; negative N counts back).",
        )
        add.add_argument(
            "start",
            metavar="START",
            help="A date, YYYY-MM-DD; or - to read lines 'YYYY-MM-DD N' from standard input.",
        )
        add.add_argument("n", metavar="N", nargs="?", help="Working days to add (not with -).")
        add.add_argument(
            "--landlord",
            metavar="SLUG",
            help="Also skip this landlord's closure days (default: bank holidays only).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        calendar = _calendar(options["landlord"])
        start, n = options["start"], options["n"]
        if start == "-":
            if n is not None:
                raise CommandError("N is read from standard input with START -; do not give it")
            stdin: TextIO = options.get("stdin") or sys.stdin
            self._add_from_lines(calendar, stdin)
            return
        if n is None:
            raise CommandError("N is required: add-working-days START N")
        deadline = calendar.add_working_days(
            _parse_date(start, where="START"), _parse_number(n, where="N")
        )
        self.stdout.write(deadline.isoformat())

    def _add_from_lines(self, calendar: WorkingCalendar, lines: Iterable[str]) -> None:
        # Read and check every line before printing anything, so a bad line half-way through
        # never leaves a partial answer that looks complete.
        starts: list[date] = []
        ns: list[int] = []
        for line_number, line in enumerate(lines, start=1):
            fields = line.split()
            where = f"line {line_number}"
            if len(fields) != 2:
                raise CommandError(
                    f"{where}: expected 'YYYY-MM-DD N' (2 fields), got {len(fields)}: "
                    f"{line.rstrip()!r}"
                )
            starts.append(_parse_date(fields[0], where=where))
            ns.append(_parse_number(fields[1], where=where))
        if not starts:
            return
        deadlines = calendar.add_working_days_batch(
            np.array(starts, dtype="datetime64[D]"), np.array(ns, dtype=np.int64)
        )
        # One write: a million lines through OutputWrapper one by one is most of the run time.
        self.stdout.write("\n".join(deadlines.astype(str).tolist()))


def _calendar(landlord_slug: str | None) -> WorkingCalendar:
    if landlord_slug is None:
        return WorkingCalendar()
    # Imported here: without --landlord the command needs no database and no models.
    from putright.workdays.selectors import calendar_for_landlord_slug

    return calendar_for_landlord_slug(slug=landlord_slug)


def _parse_date(text: str, *, where: str) -> date:
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise CommandError(f"{where}: {text!r} is not a date; expected YYYY-MM-DD, e.g. 2026-12-23")


def _parse_number(text: str, *, where: str) -> int:
    if not _WHOLE_NUMBER.fullmatch(text):
        raise CommandError(f"{where}: {text!r} is not a whole number of working days")
    number = int(text)
    if abs(number) > MAX_WORKING_DAYS:
        raise CommandError(
            f"{where}: {text} working days is out of range (at most {MAX_WORKING_DAYS} either way)"
        )
    return number
