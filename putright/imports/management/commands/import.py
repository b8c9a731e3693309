"""`putright import complaints FILE`: bring a landlord's past complaints in from a spreadsheet.

    putright import complaints last-year.xlsx                 # check only: writes nothing
    putright import complaints last-year.xlsx --commit        # check, then import
    putright import complaints last-year.csv --landlord riverside --commit

A dry run unless ``--commit`` is given, so a file can be checked as often as it takes. Either
way every row is checked first; if any fails, the first line on standard error says how
many rows have errors, each error follows on its own line (row number and column), nothing
is written and the exit status is 2. The columns are described in docs/import.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import CommandError, CommandParser

from putright.core.actors import Actor
from putright.core.commands import USAGE_ERROR, PutrightCommand
from putright.imports.progress import Progress
from putright.imports.reading import table_read
from putright.imports.selectors import ImportRejected, import_batch_check, import_landlord
from putright.imports.services import import_batch_create

ACTOR_LABEL = "putright import (command line)"


class Command(PutrightCommand):
    help = "Import past complaints from a CSV or XLSX file (a dry run unless --commit)."

    def add_arguments(self, parser: CommandParser) -> None:
        what = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
        complaints = what.add_parser(
            "complaints", help="Complaints, one a row, in the columns docs/import.md describes."
        )
        complaints.add_argument("file", metavar="FILE", help="A .csv (UTF-8) or .xlsx file.")
        complaints.add_argument(
            "--landlord",
            metavar="SLUG",
            help="Whose complaints these are; needed only when there is more than one landlord.",
        )
        complaints.add_argument(
            "--commit",
            action="store_true",
            help="Write the complaints. Without it the file is only checked.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        landlord = import_landlord(slug=options["landlord"])
        table = table_read(path=Path(options["file"]))
        progress = Progress.for_terminal(sys.stderr)
        try:
            if options["commit"]:
                outcome = import_batch_create(
                    actor=Actor.system(landlord.pk, label=ACTOR_LABEL),
                    landlord=landlord,
                    table=table,
                    progress=progress,
                )
                created, unchanged = outcome.complaints_created, outcome.rows_unchanged
            else:
                plan = import_batch_check(landlord=landlord, table=table, progress=progress)
                created, unchanged = len(plan.new_rows), len(plan.unchanged_rows)
        except ImportRejected as rejected:
            self._reject(rejected)
        rows = f"{len(table.rows):,} row{'' if len(table.rows) == 1 else 's'}"
        if options["commit"]:
            self.stdout.write(
                f"Imported {created:,} complaints from {table.source_name} for {landlord.name}; "
                f"{unchanged:,} were imported before and are unchanged."
            )
        else:
            self.stdout.write(
                f"Checked {rows} of {table.source_name} for {landlord.name}: no errors.\n"
                f"{created:,} complaints would be imported; {unchanged:,} were imported before "
                "and would stay unchanged.\n"
                "Nothing has been written. Run again with --commit to import."
            )

    def _reject(self, rejected: ImportRejected) -> NoReturn:
        """The summary as the one-line failure every command gives, then each error."""
        details = [f"  {error}" for error in rejected.errors]
        if getattr(self, "_called_from_command_line", False):
            # Plain text, as PutrightCommand writes its one line: scripts can match it.
            lines = [f"{self.command_name}: {rejected}", *details]
            self.stderr.write("\n".join(lines), style_func=lambda text: text)
            sys.exit(USAGE_ERROR)
        raise CommandError("\n".join([str(rejected), *details]), returncode=USAGE_ERROR)
