"""The Complaint Handling Code as data: all 73 provisions, in the Code's order and numbering."""

from __future__ import annotations

import pytest

from putright.provisions.catalogue import (
    UnknownProvisionError,
    provision_get,
    provisions_all,
    provisions_in_section,
    sections_all,
)

# How many provisions each section of the 2024 Code has.
PROVISIONS_PER_SECTION = {1: 6, 2: 5, 3: 7, 4: 3, 5: 15, 6: 20, 7: 4, 8: 5, 9: 8}


def test_the_code_has_73_provisions_from_1_1_to_9_8():
    numbers = [p.number for p in provisions_all()]
    assert len(numbers) == 73
    assert len(set(numbers)) == 73
    assert (numbers[0], numbers[-1]) == ("1.1", "9.8")


def test_the_code_has_nine_sections_with_their_titles():
    sections = sections_all()
    assert [s.number for s in sections] == list(range(1, 10))
    assert sections[0].title == "Definition of a complaint"
    assert sections[5].title == "Complaints stages"
    assert all(s.title for s in sections)


@pytest.mark.parametrize(("section", "count"), PROVISIONS_PER_SECTION.items())
def test_each_section_is_numbered_contiguously_from_one(section, count):
    provisions = provisions_in_section(section)
    assert [p.number for p in provisions] == [f"{section}.{i}" for i in range(1, count + 1)]
    title = next(s.title for s in sections_all() if s.number == section)
    assert {p.section_title for p in provisions} == {title}


def test_provisions_are_in_numeric_order_not_string_order():
    numbers = [p.number for p in provisions_all()]
    assert numbers.index("5.10") == numbers.index("5.9") + 1
    assert numbers.index("6.20") == numbers.index("6.19") + 1
    assert numbers.index("6.2") < numbers.index("6.10")


def test_every_provision_has_its_text_without_markup():
    for provision in provisions_all():
        assert provision.text.strip(), provision.number
        assert "**" not in provision.text and "<" not in provision.text, provision.number


def test_the_self_assessment_form_covers_every_provision_but_the_preamble():
    in_form = [p.number for p in provisions_all() if p.in_self_assessment_form]
    assert len(in_form) == 72
    assert in_form[0] == "1.2"
    assert not provision_get("1.1").in_self_assessment_form


def test_a_provision_is_found_by_its_number():
    provision = provision_get("6.13")
    assert provision.section == 6
    assert provision.text == (
        "The person considering the complaint at stage 2 must not be the same person "
        "that considered the complaint at stage 1."
    )
    assert "within five working days" in provision_get("6.2").text
    assert provision_get("5.8").text.endswith(
        "consider all relevant information and evidence carefully."
    )


@pytest.mark.parametrize("number", ["6.21", "10.1", "0.1", "1", "six", ""])
def test_an_unknown_provision_number_is_refused_clearly(number):
    with pytest.raises(UnknownProvisionError) as caught:
        provision_get(number)
    assert f"no provision {number}" in str(caught.value)
    assert "1.1 to 9.8" in str(caught.value)
