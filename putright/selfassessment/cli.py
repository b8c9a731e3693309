"""What the governance commands share: the landlord, the period and where the file goes.

Used by ``putright self-assessment`` and ``putright report annual``.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from django.core.management.base import CommandError, OutputWrapper

from putright.landlords.models import Landlord

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BINARY_FORMATS = frozenset({"pdf", "docx"})


def parse_day(value: str, *, option: str) -> datetime.date:
    """A date typed as YYYY-MM-DD, or a one-line error naming the option."""
    if not _ISO_DATE.fullmatch(value or ""):
        raise CommandError(f"{option} must be a date written YYYY-MM-DD, not {value!r}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} {value} is not a real date") from None


def parse_period(start: str, end: str) -> tuple[datetime.date, datetime.date]:
    period_from = parse_day(start, option="--from")
    period_to = parse_day(end, option="--to")
    if period_from > period_to:
        raise CommandError(f"--from {start} is after --to {end}: the period must run forwards")
    return period_from, period_to


def landlord_for_command(slug: str | None) -> Landlord:
    """The landlord named by ``--landlord``; without it, the installation's only landlord."""
    if slug:
        found = Landlord.objects.filter(slug=slug).first()
        if found is None:
            raise CommandError(f"there is no landlord with the slug {slug!r}")
        return found
    landlords = list(Landlord.objects.order_by("pk")[:2])
    if not landlords:
        raise CommandError("no landlord has been set up yet")
    if len(landlords) > 1:
        raise CommandError("this installation has several landlords: name one with --landlord")
    return landlords[0]


def require_output_for(file_format: str, output: str | None) -> None:
    """Files that are not text need ``--output``: say so before any work is done."""
    if file_format in BINARY_FORMATS and not output:
        raise CommandError(f"--output FILE is required for {file_format}: it is not text")


def write_output(
    content: str | bytes, *, output: str | None, file_format: str, stdout: OutputWrapper
) -> None:
    """To ``--output`` if given; text formats may also go to standard output."""
    if output:
        path = Path(output)
        if not path.parent.exists():
            raise CommandError(f"--output {output}: the folder {path.parent} does not exist")
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return
    require_output_for(file_format, output)
    assert isinstance(content, str)
    stdout.write(content, ending="" if content.endswith("\n") else "\n")
