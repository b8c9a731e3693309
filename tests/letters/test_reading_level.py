"""Code 6.9, 6.19: "clear, plain language" - the Flesch-Kincaid grade of what staff wrote."""

from __future__ import annotations

from decimal import Decimal

import pytest

from putright.letters.readability import reading_level, syllables


def flesch_kincaid(words: int, sentences: int, syllable_count: int) -> Decimal:
    value = 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59
    return Decimal(str(round(value, 1)))


@pytest.mark.parametrize(
    ("word", "count"),
    [("cat", 1), ("water", 2), ("boiler", 2), ("complaint", 2), ("investigation", 5), ("2026", 1)],
)
def test_syllables_are_counted_from_british_hyphenation(word, count):
    assert syllables(word) == count


def test_a_short_plain_sentence_reads_below_any_school_grade():
    level = reading_level("The cat sat on the mat.")
    assert (level.words, level.sentences, level.syllables) == (6, 1, 6)
    assert level.grade == flesch_kincaid(6, 1, 6) == Decimal("-1.4")


def test_a_plain_letter_reads_at_a_low_grade():
    level = reading_level("We will fix your boiler by Friday. We are sorry it took so long.")
    assert (level.words, level.sentences) == (14, 2)
    assert level.grade == flesch_kincaid(14, 2, level.syllables)
    assert level.grade < 4


def test_officialese_reads_far_above_a_landlords_threshold():
    level = reading_level(
        "The organisation acknowledges that the investigation demonstrated considerable "
        "administrative deficiencies regarding communication."
    )
    assert level.sentences == 1
    assert level.grade == flesch_kincaid(level.words, 1, level.syllables)
    assert level.is_above(Decimal("9"))


def test_paragraphs_without_full_stops_count_as_sentences():
    assert reading_level("First point\n\nSecond point").sentences == 2


def test_no_text_has_grade_zero():
    assert reading_level("").grade == Decimal("0.0")


def test_the_landlords_level_decides_when_a_form_warns(landlord, manager):
    from putright.core.actors import Actor
    from putright.letters.selectors import reading_level_check
    from putright.letters.services import letter_settings_update

    # Grade 11.2: above the default level of 9.
    officialese = (
        "Our investigation found that the contractor delayed the repair without explanation."
    )
    plain = "We got this wrong. We are sorry."
    assert reading_level_check(landlord_id=landlord.pk, texts=[officialese]).warn
    assert not reading_level_check(landlord_id=landlord.pk, texts=[plain, ""]).warn
    letter_settings_update(
        actor=Actor.for_user(manager), sender_name="", signature="", reading_grade_warning="18"
    )
    check = reading_level_check(landlord_id=landlord.pk, texts=[officialese])
    assert check.threshold == Decimal("18.0")
    assert not check.warn
