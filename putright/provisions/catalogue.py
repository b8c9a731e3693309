"""The Housing Ombudsman's Complaint Handling Code (2024), provision by provision.

The text ships with the package in ``data/code-2024.json``, transcribed from the Code as
published (see ``source`` in that file). Everything that needs to name, show or count
provisions reads them from here, so the Code is written down once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from putright.core.errors import NotFoundError

DATA_FILE = "code-2024.json"

# The self-assessment form (Appendix A of the Code) starts at 1.2: 1.1 is a preamble.
NOT_IN_SELF_ASSESSMENT_FORM = frozenset({"1.1"})


class UnknownProvisionError(NotFoundError, KeyError):
    """A provision number that the Code does not have."""

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Section:
    number: int
    title: str


@dataclass(frozen=True)
class Provision:
    number: str
    section: int
    section_title: str
    text: str

    @property
    def sort_key(self) -> tuple[int, int]:
        return provision_sort_key(self.number)

    @property
    def in_self_assessment_form(self) -> bool:
        return self.number not in NOT_IN_SELF_ASSESSMENT_FORM


@dataclass(frozen=True)
class Code:
    title: str
    published: str
    applies_from: str
    last_revised: str
    sections: tuple[Section, ...]
    provisions: tuple[Provision, ...]


def provision_sort_key(number: str) -> tuple[int, int]:
    """``"6.13"`` -> ``(6, 13)``, so 1.10 sorts after 1.9 as it does in the Code."""
    section, _, item = number.partition(".")
    if not (section.isdigit() and item.isdigit()):
        raise UnknownProvisionError(
            f"{number!r} is not a Code provision number: they look like 6.13."
        )
    return int(section), int(item)


def _parse(raw: dict[str, Any]) -> Code:
    sections = tuple(
        Section(number=int(number), title=title)
        for number, title in sorted(raw["sections"].items(), key=lambda item: int(item[0]))
    )
    provisions = tuple(
        sorted(
            (
                Provision(
                    number=item["provision"],
                    section=int(item["section"]),
                    section_title=item["section_title"],
                    text=item["text"],
                )
                for item in raw["provisions"]
            ),
            key=lambda provision: provision.sort_key,
        )
    )
    return Code(
        title=raw["title"],
        published=raw["published"],
        applies_from=raw["applies_from"],
        last_revised=raw["last_revised"],
        sections=sections,
        provisions=provisions,
    )


@cache
def code_load() -> Code:
    """The Code, read once from the package's data file."""
    text = (
        resources.files("putright.provisions")
        .joinpath("data", DATA_FILE)
        .read_text(encoding="utf-8")
    )
    return _parse(json.loads(text))


@cache
def _by_number() -> dict[str, Provision]:
    return {provision.number: provision for provision in code_load().provisions}


def provisions_all() -> tuple[Provision, ...]:
    """Every provision, in the Code's order (1.1, 1.2, … 1.9, 1.10, …, 9.8)."""
    return code_load().provisions


def sections_all() -> tuple[Section, ...]:
    return code_load().sections


def provision_get(number: str) -> Provision:
    """The provision numbered ``number`` (e.g. ``"6.13"``); raises for a number the Code lacks."""
    try:
        return _by_number()[number]
    except KeyError:
        every = provisions_all()
        raise UnknownProvisionError(
            f"The Complaint Handling Code has no provision {number}: "
            f"its provisions run from {every[0].number} to {every[-1].number}."
        ) from None


def provisions_in_section(section: int) -> tuple[Provision, ...]:
    return tuple(p for p in provisions_all() if p.section == section)
