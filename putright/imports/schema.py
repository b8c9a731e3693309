"""The columns of a historical import file, and how one row is read and checked.

Pure Python apart from the lookups it is given (categories, service areas, root causes by
name): no queries, so a row is checked the same way in a dry run and in the real import.
docs/import.md describes every column listed here; a test keeps the two in step.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.db import models

from putright.complaints.models import Channel, Refusal, Stage
from putright.workdays.rules import LONDON

# A date given without a time of day is taken as midday in London: inside any landlord's
# working hours, so the day itself is the day the Code's timescales count from.
MIDDAY = datetime.time(12, 0)
LEGACY_REFERENCE_LENGTH = 60
# The same sanity bound as a live extension (putright.complaints.services.WORKING_YEAR).
MAX_EXTENSION_DAYS = 250
MAX_AMOUNT = Decimal("9999999.99")
COMPENSATION_HEADS = (
    "time_and_trouble",
    "distress_and_inconvenience",
    "quantifiable_loss",
    "statutory",
)
DATE_HINT = "use YYYY-MM-DD or DD/MM/YYYY, e.g. 2025-04-03"


def _stage_columns(number: int) -> tuple[str, ...]:
    prefix = f"stage{number}_"
    requested = ("stage2_requested_date", "stage2_escalation_reason") if number == 2 else ()
    return (
        *requested,
        f"{prefix}acknowledged_date",
        f"{prefix}response_due_date",
        f"{prefix}extension_days",
        f"{prefix}extension_reason",
        f"{prefix}extension_date",
        f"{prefix}extension_ombudsman_details_given",
        f"{prefix}responded_date",
        f"{prefix}outcome",
        *(f"{prefix}compensation_{head}" for head in COMPENSATION_HEADS),
        f"{prefix}compensation_paid_date",
    )


REQUIRED_COLUMNS = ("legacy_reference", "received_date", "channel")
COLUMNS: tuple[str, ...] = (
    *REQUIRED_COLUMNS,
    "description",
    "category",
    "service_area",
    *_stage_columns(1),
    *_stage_columns(2),
    "refusal_kind",
    "refusal_ground",
    "refusal_reason",
    "refusal_date",
    "refusal_ombudsman_right_explained",
    "withdrawn_date",
    "withdrawal_reason",
    "root_cause",
    "closed_date",
)


def column_key(heading: str) -> str:
    """Headings match whatever their case, spaces or punctuation: "Stage 1 outcome" is
    stage1_outcome."""
    return re.sub(r"[^a-z0-9]", "", heading.lower())


COLUMNS_BY_KEY = {column_key(name): name for name in COLUMNS}


def name_key(name: str) -> str:
    """How a category, service area or root cause is matched: case and spacing do not matter,
    and "Repairs : Delay" is "Repairs: Delay"."""
    parts = [" ".join(part.split()).lower() for part in name.split(":")]
    return ": ".join(parts)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        return (
            f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


@dataclass(frozen=True)
class Moment:
    """A date from the file, with the time of day when the file gives one."""

    day: datetime.date
    time: datetime.time | None = None

    @property
    def at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.day, self.time or MIDDAY, tzinfo=LONDON)

    def canonical(self) -> str:
        return f"{self.day.isoformat()} {self.time:%H:%M}" if self.time else self.day.isoformat()


@dataclass(frozen=True)
class StageRow:
    number: int
    requested: Moment
    escalation_reason: str = ""
    acknowledged: Moment | None = None
    response_due: datetime.date | None = None
    extension_days: int | None = None
    extension_reason: str = ""
    extension_date: datetime.date | None = None
    extension_ombudsman_details_given: bool = False
    responded: Moment | None = None
    outcome: str = ""
    compensation: Mapping[str, Decimal] = field(default_factory=dict)
    compensation_paid: datetime.date | None = None

    @property
    def compensation_total(self) -> Decimal:
        return sum(self.compensation.values(), Decimal("0"))


@dataclass(frozen=True)
class RefusalRow:
    kind: str
    ground: str
    reason: str
    decided: Moment
    ombudsman_right_explained: bool


@dataclass(frozen=True)
class ImportRow:
    """One row, read and checked: everything needed to write its complaint."""

    row_number: int
    legacy_reference: str
    received: Moment
    channel: str
    description: str
    category_id: int | None
    service_area_id: int | None
    stage1: StageRow
    stage2: StageRow | None
    refusal: RefusalRow | None
    withdrawn: Moment | None
    withdrawal_reason: str
    root_cause_ids: tuple[int, ...]
    closed: Moment | None
    #: The row's values, normalised: what a later import of the same reference must match.
    record: dict[str, str | None]


@dataclass(frozen=True)
class Lookups:
    """The landlord's names a row may use, keyed by ``name_key``: name -> primary key."""

    categories: Mapping[str, int]
    service_areas: Mapping[str, int]
    root_causes: Mapping[str, int]
    today: datetime.date


def _choices(choices: type[models.TextChoices], **synonyms: str) -> dict[str, str]:
    """A choice may be given by its value or its label, in any case."""
    found: dict[str, str] = {}
    for value, label in choices.choices:
        found[_choice_key(str(value))] = str(value)
        found[_choice_key(str(label))] = str(value)
    found.update({_choice_key(text): value for text, value in synonyms.items()})
    return found


def _choice_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


CHANNELS = _choices(Channel)
OUTCOMES = _choices(Stage.Outcome, partially_upheld=Stage.Outcome.PARTLY_UPHELD)
REFUSAL_KINDS = _choices(Refusal.Kind)
REFUSAL_GROUNDS = _choices(Refusal.Ground)
YES_NO = {
    **dict.fromkeys(("yes", "y", "true", "1"), True),
    **dict.fromkeys(("no", "n", "false", "0"), False),
}

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?")
_UK = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::\d{2})?)?")
_MONEY = re.compile(r"£?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?")

T = TypeVar("T")


class RowReader:
    """Reads the cells of one row, collecting an error per bad cell instead of stopping."""

    def __init__(self, row_number: int, cells: Mapping[str, Any], lookups: Lookups) -> None:
        self.row_number = row_number
        self.cells = cells
        self.lookups = lookups
        self.errors: list[RowError] = []
        self.columns_in_error: set[str] = set()
        self.record: dict[str, str | None] = {}

    def error(self, column: str, message: str) -> None:
        # One error a cell: the first is the one to fix, and a second often only follows
        # from it (an unreadable outcome is also a missing one).
        if column not in self.columns_in_error:
            self.columns_in_error.add(column)
            self.errors.append(RowError(self.row_number, column, message))

    def _raw(self, column: str) -> Any:
        value = self.cells.get(column)
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    def _keep(self, column: str, value: T, canonical: str | None) -> T:
        """Note the cell's normalised form for the idempotency check; return its value."""
        self.record[column] = canonical
        return value

    def text(self, column: str, *, max_length: int | None = None, required: bool = False) -> str:
        raw = self._raw(column)
        if raw is None:
            if required:
                self.error(column, "is empty; it is required.")
            self.record[column] = None
            return ""
        text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
        text = " ".join(text.split()) if max_length else text.strip()
        if max_length and len(text) > max_length:
            self.error(column, f"is {len(text)} characters long; at most {max_length} fit.")
        self.record[column] = text
        return text

    def moment(self, column: str, *, required: bool = False) -> Moment | None:
        raw = self._raw(column)
        if raw is None:
            if required:
                self.error(column, f"is empty; it is required ({DATE_HINT}).")
            return self._keep(column, None, None)
        found = _moment(raw)
        if found is None:
            self.error(column, f"{_shown(raw)} is not a date; {DATE_HINT}.")
            return self._keep(column, None, None)
        if found.day > self.lookups.today:
            self.error(column, f"{found.day:%d %B %Y} is in the future.")
        return self._keep(column, found, found.canonical())

    def date(self, column: str) -> datetime.date | None:
        found = self.moment(column)
        return found.day if found else None

    def choice(self, column: str, choices: Mapping[str, str], *, what: str) -> str:
        raw = self._raw(column)
        if raw is None:
            return self._keep(column, "", None)
        value = choices.get(_choice_key(str(raw)))
        if value is None:
            allowed = ", ".join(sorted(set(choices.values())))
            self.error(column, f"{_shown(raw)} is not a {what}; use one of: {allowed}.")
            return self._keep(column, "", None)
        return self._keep(column, value, value)

    def whole_number(self, column: str, *, least: int, most: int) -> int | None:
        raw = self._raw(column)
        if raw is None:
            return self._keep(column, None, None)
        text = str(raw)
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        if not re.fullmatch(r"\d+", text) or not least <= int(text) <= most:
            self.error(column, f"{_shown(raw)} is not a whole number from {least} to {most}.")
            return self._keep(column, None, None)
        return self._keep(column, int(text), text)

    def money(self, column: str) -> Decimal:
        raw = self._raw(column)
        if raw is None:
            return self._keep(column, Decimal("0"), None)
        amount = _money(raw)
        if amount is None or amount > MAX_AMOUNT:
            self.error(column, f"{_shown(raw)} is not an amount in pounds, e.g. 150 or 150.00.")
            return self._keep(column, Decimal("0"), None)
        return self._keep(column, amount, f"{amount:.2f}")

    def yes_no(self, column: str) -> bool:
        raw = self._raw(column)
        if raw is None:
            self.record[column] = None
            return False
        value = True if raw is True else False if raw is False else YES_NO.get(str(raw).lower())
        if value is None:
            self.error(column, f"{_shown(raw)} is not yes or no.")
            self.record[column] = None
            return False
        self.record[column] = "yes" if value else "no"
        return value

    def named(self, column: str, names: Mapping[str, int], *, what: str) -> list[int]:
        """One name or several separated by semicolons, each of which must exist already."""
        raw = self._raw(column)
        if raw is None:
            self.record[column] = None
            return []
        found: list[int] = []
        keys: list[str] = []
        for name in str(raw).split(";"):
            if not name.strip():
                continue
            key = name_key(name)
            if key not in names:
                self.error(
                    column,
                    f"there is no {what} called {name.strip()!r}; set it up first, or correct "
                    "the name (a sub-category is written 'Parent: Child').",
                )
                continue
            if names[key] not in found:
                found.append(names[key])
                keys.append(key)
        self.record[column] = "; ".join(sorted(keys)) or None
        return found


def _shown(raw: Any) -> str:
    text = str(raw)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _moment(raw: Any) -> Moment | None:
    if isinstance(raw, datetime.datetime):
        moment_time = raw.time().replace(second=0, microsecond=0)
        return Moment(raw.date(), None if moment_time == datetime.time(0) else moment_time)
    if isinstance(raw, datetime.date):
        return Moment(raw)
    text = str(raw)
    iso = _ISO.fullmatch(text)
    uk = _UK.fullmatch(text)
    try:
        if iso:
            year, month, day, hour, minute = iso.groups()
        elif uk:
            day, month, year, hour, minute = uk.groups()
        else:
            return None
        day_found = datetime.date(int(year), int(month), int(day))
        time_found = datetime.time(int(hour), int(minute)) if hour is not None else None
    except ValueError:
        return None
    return Moment(day_found, time_found)


def _money(raw: Any) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float | Decimal):
        try:
            amount = Decimal(str(raw))
        except InvalidOperation:
            return None
        if amount < 0 or amount != amount.quantize(Decimal("0.01")):
            return None
        return amount.quantize(Decimal("0.01"))
    match = _MONEY.fullmatch(str(raw))
    if not match:
        return None
    whole, pence = match.groups()
    return Decimal(whole.replace(",", "") + (pence or "")).quantize(Decimal("0.01"))


# ---------------------------------------------------------------- one row


def row_read(row_number: int, cells: Mapping[str, Any], lookups: Lookups) -> ImportRow | RowReader:
    """The row checked and read; or, when any cell or rule fails, the reader with its errors."""
    read = RowReader(row_number, cells, lookups)
    legacy_reference = read.text(
        "legacy_reference", max_length=LEGACY_REFERENCE_LENGTH, required=True
    )
    received = read.moment("received_date", required=True)
    channel = read.choice("channel", CHANNELS, what="channel")
    if not channel:
        read.error("channel", "is empty; it is required.")
    description = read.text("description")
    category = read.named("category", lookups.categories, what="category")
    service_area = read.named("service_area", lookups.service_areas, what="service area")
    for column, found in (("category", category), ("service_area", service_area)):
        if len(found) > 1:
            read.error(column, "name one only.")
    stage1 = _stage(read, 1, received)
    stage2 = _stage(read, 2, None)
    refusal = _refusal(read)
    withdrawn = read.moment("withdrawn_date")
    withdrawal_reason = read.text("withdrawal_reason")
    root_causes = read.named("root_cause", lookups.root_causes, what="root cause")
    closed = read.moment("closed_date")
    if read.errors or received is None or stage1 is None:
        return read
    _check_sequence(read, received, stage1, stage2, refusal, withdrawn, closed)
    if read.errors:
        return read
    return ImportRow(
        row_number=row_number,
        legacy_reference=legacy_reference,
        received=received,
        channel=channel,
        description=description,
        category_id=category[0] if category else None,
        service_area_id=service_area[0] if service_area else None,
        stage1=stage1,
        stage2=stage2,
        refusal=refusal,
        withdrawn=withdrawn,
        withdrawal_reason=withdrawal_reason,
        root_cause_ids=tuple(root_causes),
        closed=closed,
        record=read.record,
    )


def _stage(read: RowReader, number: int, received: Moment | None) -> StageRow | None:
    prefix = f"stage{number}_"
    requested = received
    escalation_reason = ""
    if number == 2:
        requested = read.moment("stage2_requested_date")
        escalation_reason = read.text("stage2_escalation_reason")
    acknowledged = read.moment(f"{prefix}acknowledged_date")
    response_due = read.date(f"{prefix}response_due_date")
    extension_days = read.whole_number(f"{prefix}extension_days", least=1, most=MAX_EXTENSION_DAYS)
    extension_reason = read.text(f"{prefix}extension_reason")
    extension_date = read.date(f"{prefix}extension_date")
    details_given = read.yes_no(f"{prefix}extension_ombudsman_details_given")
    responded = read.moment(f"{prefix}responded_date")
    outcome = read.choice(f"{prefix}outcome", OUTCOMES, what="stage outcome")
    compensation = {
        head: amount
        for head in COMPENSATION_HEADS
        if (amount := read.money(f"{prefix}compensation_{head}"))
    }
    paid = read.date(f"{prefix}compensation_paid_date")
    given = [
        column
        for column in _stage_columns(number)
        if read.record.get(column) is not None and column != "stage2_requested_date"
    ]
    if requested is None:
        if number == 2 and given:
            read.error(
                "stage2_requested_date",
                f"is empty, but {given[0]} is filled in: give the date stage 2 was asked for.",
            )
        return None
    stage = StageRow(
        number=number,
        requested=requested,
        escalation_reason=escalation_reason,
        acknowledged=acknowledged,
        response_due=response_due,
        extension_days=extension_days,
        extension_reason=extension_reason,
        extension_date=extension_date,
        extension_ombudsman_details_given=details_given,
        responded=responded,
        outcome=outcome,
        compensation=compensation,
        compensation_paid=paid,
    )
    _check_stage(read, stage)
    return stage


def _check_stage(read: RowReader, stage: StageRow) -> None:
    prefix = f"stage{stage.number}_"
    received_column = "received_date" if stage.number == 1 else "stage2_requested_date"
    response_provision, extension_provision = (
        ("6.3", "6.4") if stage.number == 1 else ("6.14", "6.15")
    )
    if stage.acknowledged and stage.acknowledged.day < stage.requested.day:
        read.error(
            f"{prefix}acknowledged_date",
            f"{stage.acknowledged.day:%d %B %Y} is before {received_column} "
            f"({stage.requested.day:%d %B %Y}).",
        )
    if stage.responded:
        if stage.responded.day < stage.requested.day:
            read.error(
                f"{prefix}responded_date",
                f"{stage.responded.day:%d %B %Y} is before {received_column} "
                f"({stage.requested.day:%d %B %Y}): a response cannot come before the "
                "complaint.",
            )
        if stage.acknowledged is None:
            read.error(
                f"{prefix}acknowledged_date",
                f"is empty, but stage {stage.number} has a response: the response deadline "
                f"runs from the acknowledgement (Code {response_provision}).",
            )
        elif stage.responded.day < stage.acknowledged.day:
            read.error(
                f"{prefix}responded_date",
                f"{stage.responded.day:%d %B %Y} is before {prefix}acknowledged_date "
                f"({stage.acknowledged.day:%d %B %Y}).",
            )
        if not stage.outcome:
            read.error(
                f"{prefix}outcome",
                f"is empty, but stage {stage.number} has a response: "
                "give upheld, partly upheld or not upheld.",
            )
    elif stage.outcome:
        read.error(f"{prefix}outcome", f"is filled in, but {prefix}responded_date is empty.")
    if stage.response_due:
        if stage.acknowledged is None:
            read.error(
                f"{prefix}response_due_date",
                f"is filled in, but {prefix}acknowledged_date is empty.",
            )
        elif stage.response_due < stage.acknowledged.day:
            read.error(
                f"{prefix}response_due_date",
                f"{stage.response_due:%d %B %Y} is before {prefix}acknowledged_date.",
            )
    if stage.extension_days is not None:
        if not stage.extension_reason:
            read.error(
                f"{prefix}extension_reason",
                f"is empty: an extension is given for a reason (Code {extension_provision}).",
            )
        if stage.acknowledged is None:
            read.error(
                f"{prefix}extension_days",
                f"is filled in, but {prefix}acknowledged_date is empty: an extension moves the "
                "response deadline, which runs from the acknowledgement.",
            )
    else:
        for column in ("extension_reason", "extension_date", "extension_ombudsman_details_given"):
            if read.record.get(f"{prefix}{column}") is not None:
                read.error(
                    f"{prefix}{column}", f"is filled in, but {prefix}extension_days is empty."
                )
    if stage.extension_date and stage.extension_date < stage.requested.day:
        read.error(
            f"{prefix}extension_date",
            f"{stage.extension_date:%d %B %Y} is before {received_column}.",
        )
    if stage.compensation_paid:
        if not stage.compensation:
            read.error(
                f"{prefix}compensation_paid_date",
                f"is filled in, but no {prefix}compensation amount is.",
            )
        elif stage.compensation_paid < stage.requested.day:
            read.error(
                f"{prefix}compensation_paid_date",
                f"{stage.compensation_paid:%d %B %Y} is before {received_column}.",
            )


def _refusal(read: RowReader) -> RefusalRow | None:
    kind = read.choice("refusal_kind", REFUSAL_KINDS, what="refusal kind")
    ground = read.choice("refusal_ground", REFUSAL_GROUNDS, what="refusal ground")
    reason = read.text("refusal_reason")
    decided = read.moment("refusal_date")
    right_explained = read.yes_no("refusal_ombudsman_right_explained")
    columns = ("refusal_kind", "refusal_ground", "refusal_date")
    given = [
        c
        for c in (*columns, "refusal_reason", "refusal_ombudsman_right_explained")
        if read.record.get(c) is not None
    ]
    if not given:
        return None
    missing = [c for c in columns if read.record.get(c) is None]
    for column in missing:
        read.error(
            column,
            f"is empty, but {given[0]} is filled in: a refusal needs its "
            "kind, ground and date (Code 2.1, 2.2).",
        )
    if ground == Refusal.Ground.OTHER and not reason:
        read.error(
            "refusal_reason", "is empty: a refusal on another ground states the reason (Code 2.2)."
        )
    if missing or not (kind and ground and decided):
        return None
    return RefusalRow(kind, ground, reason, decided, right_explained)


def _check_sequence(
    read: RowReader,
    received: Moment,
    stage1: StageRow,
    stage2: StageRow | None,
    refusal: RefusalRow | None,
    withdrawn: Moment | None,
    closed: Moment | None,
) -> None:
    """The rules between stages: the order a complaint's life runs in (Code 5.2, 6.10)."""
    if stage2 is not None:
        if stage1.responded is None:
            read.error(
                "stage2_requested_date",
                "is filled in, but stage 1 has no response: a complaint goes to stage 2 only "
                "after its stage 1 response (Code 6.10).",
            )
        elif stage2.requested.day < stage1.responded.day:
            read.error(
                "stage2_requested_date",
                f"{stage2.requested.day:%d %B %Y} is before the stage 1 response "
                f"({stage1.responded.day:%d %B %Y}): stage 2 cannot come before stage 1 "
                "(Code 6.10).",
            )
    last_stage = stage2 or stage1
    if refusal is not None:
        if refusal.kind == Refusal.Kind.NOT_ACCEPTED:
            if stage1.acknowledged or stage1.responded or stage2:
                read.error(
                    "refusal_kind",
                    "is 'not accepted', but the complaint has a stage 1 acknowledgement, "
                    "response or a stage 2: a complaint is refused before it is acknowledged.",
                )
            if refusal.decided.day < received.day:
                read.error("refusal_date", "is before received_date.")
        else:
            if stage2 is None:
                read.error(
                    "refusal_kind",
                    "is 'escalation refused', but stage2_requested_date is empty.",
                )
            else:
                if stage2.acknowledged or stage2.responded:
                    read.error(
                        "refusal_kind",
                        "is 'escalation refused', but stage 2 was acknowledged or answered: a "
                        "request for stage 2 is refused before it is acknowledged.",
                    )
                if refusal.decided.day < stage2.requested.day:
                    read.error("refusal_date", "is before stage2_requested_date.")
    if withdrawn is not None:
        if refusal is not None:
            read.error("withdrawn_date", "is filled in, but the complaint was refused.")
        if last_stage.responded is not None:
            read.error(
                "withdrawn_date",
                f"is filled in, but stage {last_stage.number} already has its response: only "
                "an open complaint can be withdrawn.",
            )
        if withdrawn.day < last_stage.requested.day:
            read.error("withdrawn_date", "is before the complaint (or stage 2) was received.")
        if closed is not None:
            read.error(
                "closed_date", "is filled in, but the complaint was withdrawn: it is not closed."
            )
    if closed is not None and withdrawn is None:
        finished = refusal.decided if refusal else last_stage.responded
        if finished is None:
            read.error(
                "closed_date",
                f"is filled in, but stage {last_stage.number} has no response: a complaint is "
                "closed only after its response, or after it was refused.",
            )
        elif closed.day < finished.day:
            read.error(
                "closed_date",
                f"{closed.day:%d %B %Y} is before the "
                f"{'refusal' if refusal else f'stage {last_stage.number} response'} "
                f"({finished.day:%d %B %Y}).",
            )
