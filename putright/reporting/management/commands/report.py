"""`putright report annual`: the annual complaints performance and service improvement report.

    putright report annual --from 2025-04-01 --to 2026-03-31 --format json
    putright report annual --from 2025-04-01 --to 2026-03-31 --format pdf --output report.pdf

The figures are counted from the records when the command runs. The narrative, the
self-assessment and the governing body's response come from the report prepared for exactly
that period in the staff workspace, if there is one (the published one, if it was published);
otherwise the newest approved self-assessment for the period is included. The JSON schema is
in docs/reporting-json.md.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from putright.core.commands import PutrightCommand
from putright.reporting.annual import annual_report_content, annual_report_for_period
from putright.reporting.documents import FORMATS, annual_report_file
from putright.selfassessment.cli import (
    landlord_for_command,
    parse_period,
    require_output_for,
    write_output,
)


class Command(PutrightCommand):
    help = "Complaint reports: the annual complaints performance and service improvement report."

    def add_arguments(self, parser: CommandParser) -> None:
        reports = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        annual = reports.add_parser(
            "annual", help="The annual report (Code 8.1) for a period, as JSON, HTML, PDF or DOCX."
        )
        annual.add_argument("--from", dest="period_from", required=True, metavar="DATE")
        annual.add_argument("--to", dest="period_to", required=True, metavar="DATE")
        annual.add_argument("--format", dest="file_format", required=True, choices=FORMATS)
        annual.add_argument("--output", metavar="FILE", help="Write here (needed for pdf, docx).")
        annual.add_argument("--landlord", metavar="SLUG", help="Needed if there are several.")

    def handle(self, *args: Any, **options: Any) -> None:
        period_from, period_to = parse_period(options["period_from"], options["period_to"])
        landlord = landlord_for_command(options["landlord"])
        file_format = options["file_format"]
        require_output_for(file_format, options["output"])
        content = annual_report_content(
            landlord=landlord,
            period_from=period_from,
            period_to=period_to,
            report_record=annual_report_for_period(
                landlord_id=landlord.pk, period_from=period_from, period_to=period_to
            ),
        )
        write_output(
            annual_report_file(content, file_format),
            output=options["output"],
            file_format=file_format,
            stdout=self.stdout,
        )
