"""``putright api_schema [--check] [--output PATH]``: write the API's OpenAPI document.

Writes ``docs/openapi.json`` from the live API (keys sorted, indent 2, so the file changes only
when the API does). With ``--check`` it writes nothing and exits 2 (``PutrightCommand``: one
plain line) when the file on disk differs from the live schema, so CI can tell it is stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from putright.api.management.openapi import COMMAND, openapi_json, openapi_path
from putright.core.commands import PutrightCommand


class Command(PutrightCommand):
    help = "Write the JSON API's OpenAPI document to docs/openapi.json (or check it is current)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit 2 if the file on disk is not the live schema.",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Where the document lives (default: docs/openapi.json).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"] or openapi_path()
        generated = openapi_json()
        shown = _shown(output)
        if options["check"]:
            current = output.read_text(encoding="utf-8") if output.is_file() else None
            if current != generated:
                state = "does not exist" if current is None else "is out of date"
                again = COMMAND if output == openapi_path() else f"{COMMAND} --output {shown}"
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
