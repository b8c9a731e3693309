"""Tenant Satisfaction Measures CH01 and CH02: the complaint measures a registered provider
reports to the Regulator of Social Housing for each financial year (1 April to 31 March).

* CH01: stage 1 complaints, and stage 2 complaints, received in the year per 1,000 homes owned.
* CH02: the proportion of stage 1, and of stage 2, complaints responded to in the year within
  the Complaint Handling Code's timescales, a response within an extension the Code allows
  counting as within the timescale.

The counting rules are in ``docs/tsm.md``; the timescales are the Code's, applied by
``putright.reporting.selectors.response_timeliness``, the same rule the dashboard uses.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from putright.core.errors import DomainError
from putright.landlords.models import Landlord
from putright.reporting import selectors
from putright.reporting.figures import per_1000_homes, percent
from putright.workdays.selectors import calendar_for_landlord

# The withdrawn-complaints rule. A complaint withdrawn before the landlord answered it was still
# received and is counted in CH01 unless the landlord decides otherwise; it never has a response,
# so it is never in CH02 either way.
INCLUDE_WITHDRAWN_BY_DEFAULT = True


def financial_year(start_year: int) -> tuple[datetime.date, datetime.date]:
    """The financial year that starts on 1 April of ``start_year`` (2024 means 2024/25)."""
    return datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31)


def financial_year_of(day: datetime.date) -> int:
    """The start year of the financial year ``day`` falls in."""
    return day.year if day.month >= 4 else day.year - 1


@dataclass(frozen=True)
class StageMeasures:
    stage: int
    received: int
    received_per_1000_homes: Decimal | None  # CH01
    responded: int
    responded_within_timescale: int
    responded_within_extension: int

    @property
    def within_timescale_percent(self) -> Decimal | None:  # CH02
        return percent(self.responded_within_timescale, self.responded)

    def as_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "received": self.received,
            "ch01_per_1000_homes": _number(self.received_per_1000_homes),
            "responded": self.responded,
            "responded_within_timescale": self.responded_within_timescale,
            "responded_within_extension": self.responded_within_extension,
            "ch02_percent": _number(self.within_timescale_percent),
        }


@dataclass(frozen=True)
class TsmComplaintMeasures:
    landlord_name: str
    financial_year: int
    period_from: datetime.date
    period_to: datetime.date
    entity_id: int | None
    homes: int
    include_withdrawn: bool
    stages: tuple[StageMeasures, ...]

    @property
    def label(self) -> str:
        return f"{self.financial_year}/{str(self.financial_year + 1)[-2:]}"

    def stage(self, number: int) -> StageMeasures:
        return self.stages[number - 1]

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": "putright.tsm-complaints/1",
            "landlord": self.landlord_name,
            "financial_year": self.label,
            "period": {"from": self.period_from.isoformat(), "to": self.period_to.isoformat()},
            "entity_id": self.entity_id,
            "homes": self.homes,
            "include_withdrawn": self.include_withdrawn,
            "stages": [s.as_json() for s in self.stages],
        }


def tsm_complaint_measures(
    *,
    landlord: Landlord,
    financial_year_start: int,
    entity_id: int | None = None,
    include_withdrawn: bool = INCLUDE_WITHDRAWN_BY_DEFAULT,
) -> TsmComplaintMeasures:
    """CH01 and CH02 for the financial year starting 1 April ``financial_year_start``.

    ``entity_id`` reports for one entity (its own homes owned); otherwise for the landlord
    (the homes of all its entities).
    """
    if not 2000 <= financial_year_start <= 2100:
        raise DomainError("Choose a financial year between 2000 and 2100.", field="year")
    period_from, period_to = financial_year(financial_year_start)
    scope = selectors.report_scope(
        landlord_id=landlord.pk, period_from=period_from, period_to=period_to, entity_id=entity_id
    )
    landlord_name, _, _ = selectors.names_for(scope)
    homes = selectors.homes_for(scope)
    received = selectors.tsm_received_counts(scope, include_withdrawn=include_withdrawn)
    calendar = calendar_for_landlord(landlord_id=landlord.pk)
    stages = []
    for number, timeliness in selectors.timeliness_counts([scope], calendar)[0].items():
        count = received[f"stage{number}"]
        stages.append(
            StageMeasures(
                stage=number,
                received=count,
                received_per_1000_homes=per_1000_homes(count, homes),
                responded=timeliness.responded,
                responded_within_timescale=(
                    timeliness.responded_on_time + timeliness.responded_within_extension
                ),
                responded_within_extension=timeliness.responded_within_extension,
            )
        )
    return TsmComplaintMeasures(
        landlord_name=landlord_name,
        financial_year=financial_year_start,
        period_from=period_from,
        period_to=period_to,
        entity_id=entity_id,
        homes=homes,
        include_withdrawn=include_withdrawn,
        stages=tuple(stages),
    )


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
