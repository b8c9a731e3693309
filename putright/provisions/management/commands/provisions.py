"""``putright provisions traceability [--check] [--output PATH]``.

Writes ``docs/code-traceability.md`` from the Code catalogue and the traceability entries.
With ``--check`` it writes nothing and exits 2 (``PutrightCommand``: one plain line) when
the file on disk differs from what it would write, so CI can tell the document is stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from putright.core.commands import PutrightCommand
from putright.provisions.catalogue import code_load
from putright.provisions.document import COMMAND, traceability_markdown
from putright.provisions.traceability import ANSWERS


def default_output() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "code-traceability.md"


class Command(PutrightCommand):
    help = "Work with the Complaint Handling Code's provisions."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        traceability = subcommands.add_parser(
            "traceability",
            help="Generate docs/code-traceability.md: each provision and what answers it.",
        )
        traceability.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit 2 if the file on disk is not what would be generated.",
        )
        traceability.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Where the document lives (default: docs/code-traceability.md).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "traceability":
            self.traceability(output=options["output"] or default_output(), check=options["check"])

    def traceability(self, *, output: Path, check: bool) -> None:
        generated = traceability_markdown(code_load(), ANSWERS)
        shown = _shown(output)
        if check:
            current = output.read_text(encoding="utf-8") if output.is_file() else None
            if current != generated:
                state = "does not exist" if current is None else "is out of date"
                again = COMMAND if output == default_output() else f"{COMMAND} --output {shown}"
                raise CommandError(f"{shown} {state}: run `{again}`.")
            self.stdout.write(f"{shown} is up to date.")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(generated, encoding="utf-8")
        self.stdout.write(f"Wrote {shown}.")


def _shown(path: Path) -> str:
    """``path`` relative to the project when it is inside it, for shorter messages."""
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)
