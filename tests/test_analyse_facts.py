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
