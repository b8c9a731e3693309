"""The Complaint Handling Code's timescales, in working days.

A landlord may set stricter targets than these, never looser ones (Code 5.1: the
landlord's policy must meet the Code).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Timescale:
    field: str
    label: str
    code_maximum: int
    provision: str


CODE_TIMESCALES: tuple[Timescale, ...] = (
    Timescale("stage1_acknowledgement_days", "Stage 1 acknowledgement", 5, "6.2"),
    Timescale("stage1_response_days", "Stage 1 response, from acknowledgement", 10, "6.3"),
    Timescale("stage1_extension_max_days", "Stage 1 extension, at most", 10, "6.4"),
    Timescale("stage2_acknowledgement_days", "Stage 2 acknowledgement", 5, "6.11"),
    Timescale("stage2_response_days", "Stage 2 response, from acknowledgement", 20, "6.14"),
    Timescale("stage2_extension_max_days", "Stage 2 extension, at most", 20, "6.15"),
)

CODE_TIMESCALES_BY_FIELD = {t.field: t for t in CODE_TIMESCALES}
