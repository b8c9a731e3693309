"""How hard a letter's free text is to read: the Flesch-Kincaid grade level.

The Code asks for "clear, plain language" (6.9, 6.19). A reading level is a rough guide,
so a letter above the landlord's chosen level is warned about, never refused.

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

Syllables are counted from British English hyphenation patterns (pyphen): a word has one
syllable more than it has hyphenation points. That undercounts a few short words, as every
dictionary-free count does, and is the same for every letter, which is what a threshold needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import pyphen

WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*|\d+(?:[.,]\d+)*")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n")


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB", left=1, right=1)


def syllables(word: str) -> int:
    if word[0].isdigit():
        return 1
    return len(_dictionary().positions(word.lower())) + 1


@dataclass(frozen=True)
class ReadingLevel:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> Decimal:
        """The Flesch-Kincaid grade, to one decimal place; 0 for no text."""
        if not self.words:
            return Decimal("0.0")
        value = 0.39 * (self.words / self.sentences) + 11.8 * (self.syllables / self.words) - 15.59
        return Decimal(str(round(value, 1)))

    def is_above(self, threshold: Decimal) -> bool:
        return self.grade > threshold


def reading_level(text: str) -> ReadingLevel:
    """Words, sentences and syllables of ``text``, for its Flesch-Kincaid grade."""
    words = WORD.findall(text)
    pieces = [p for p in SENTENCE_END.split(text) if WORD.search(p)]
    return ReadingLevel(
        words=len(words),
        sentences=max(1, len(pieces)),
        syllables=sum(syllables(w) for w in words),
    )
