"""`putright self-assessment`: the self-assessment against the Code, as a file.

    putright self-assessment --from 2025-04-01 --to 2026-03-31 --format docx --output sa.docx
    putright self-assessment --from 2025-04-01 --to 2026-03-31 --format json

Exports the newest saved version for exactly that period (``--approved`` for the newest
approved one). With no version saved, it exports what Putright measures from the records for
the period, every provision still to be answered. The module's name has a hyphen so the
command reads as the issue and the documents write it; Django imports it by name all the same.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from putright.core.commands import PutrightCommand
from putright.selfassessment.cli import (
    landlord_for_command,
    parse_period,
    require_output_for,
    write_output,
)
from putright.selfassessment.exports import (
    self_assessment_csv,
    self_assessment_docx,
    self_assessment_json,
)
from putright.selfassessment.selectors import (
    self_assessment_document,
    self_assessment_latest,
    self_assessment_measured_draft,
)

FORMATS = ("json", "docx", "csv")


class Command(PutrightCommand):
    help = "Export the self-assessment against the Complaint Handling Code (JSON, DOCX or CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="period_from", required=True, metavar="DATE")
        parser.add_argument("--to", dest="period_to", required=True, metavar="DATE")
        parser.add_argument("--format", dest="file_format", required=True, choices=FORMATS)
        parser.add_argument("--output", metavar="FILE", help="Write here (needed for docx).")
        parser.add_argument("--landlord", metavar="SLUG", help="Needed if there are several.")
        parser.add_argument(
            "--approved", action="store_true", help="Only an approved version will do."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        period_from, period_to = parse_period(options["period_from"], options["period_to"])
        require_output_for(options["file_format"], options["output"])
        landlord = landlord_for_command(options["landlord"])
        stored = self_assessment_latest(
            landlord_id=landlord.pk,
            period_from=period_from,
            period_to=period_to,
            approved_only=options["approved"],
        )
        if stored is not None:
            document = self_assessment_document(assessment=stored)
        elif options["approved"]:
            raise CommandError(
                f"no self-assessment for {period_from} to {period_to} has been approved"
            )
        else:
            document = self_assessment_measured_draft(
                landlord=landlord, period_from=period_from, period_to=period_to
            )
        file_format = options["file_format"]
        content: str | bytes
        if file_format == "json":
            content = json.dumps(self_assessment_json(document), indent=2, ensure_ascii=False)
        elif file_format == "csv":
            content = self_assessment_csv(document)
        else:
            content = self_assessment_docx(document)
        write_output(content, output=options["output"], file_format=file_format, stdout=self.stdout)
