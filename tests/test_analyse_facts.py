"""The figure pre-check of ``newsbrief.analyse.facts``: it may only skip what NUMBER skips."""

from __future__ import annotations

import pytest

from newsbrief.analyse.facts import NUMBER, may_have_number

TEXTS = [
    "More than 40,000 people have been killed.",
    "The trip took four days by motorcycle and horse.",
    "TWENTY-ONE officers crossed the border.",
    "He waited for a dozen years.",
    "ſix men were held.",  # long s: re.I matches it as "six"
    "The general said the army had become gangs of murder.",
    "Dozens of people gathered outside.",
    "It was a twentyfold increase.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_pre_check_never_skips_a_sentence_with_a_figure(text: str) -> None:
    if NUMBER.search(text):
        assert may_have_number(text)


def test_pre_check_skips_sentences_without_figures() -> None:
    assert not may_have_number("The general said the army had become gangs of murder.")
    assert not may_have_number("Dozens of people gathered outside.")
    assert may_have_number("More than 40,000 people have been killed.")
    assert may_have_number("He waited for a dozen years.")


@pytest.mark.parametrize("text", [
    "The general defected on Tuesday.",
    "He left Syria on Dec. 25, 2012.",
    "The video aired late last night.",
    "ſunday prayers were cancelled.",
    "The mayor spoke to reporters.",
    "",
])
def test_date_pre_check_never_skips_a_sentence_with_a_date(text: str) -> None:
    from newsbrief.analyse.facts import DATE, may_have_date

    if DATE.search(text):
        assert may_have_date(text)
    assert may_have_date(text) is (text != "The mayor spoke to reporters." and text != "")
