"""Learned sentence scoring and redundancy-aware selection, on hand-built sentences."""

from __future__ import annotations

from conftest import sent
from newsbrief.score import FEATURES, MAX_WORDS, candidates, features, score
from newsbrief.select import select


STORY = [
    sent("a", 0, "The city council approved the new budget on Monday after a long debate."),
    sent("a", 1, "Members said the plan would cut costs by ten percent next year."),
    sent("a", 2, "\"It is a good day for the city,\" the mayor said after the vote."),
    sent("b", 0, "The council voted 7 to 2 on Monday to approve the city budget."),
    sent("b", 1, "Critics said the cuts would hurt libraries and parks across the city."),
    sent("b", 2, "Speaking to reporters outside city hall, Mayor Jones praised councillors "
                 "and called it a good day for the city."),
]


def test_features_ignore_letter_case():
    lower = [sent(s.article, s.position, s.text.lower()) for s in STORY]
    x1, _ = features(*candidates(STORY))
    x2, _ = features(*candidates(lower))
    assert x1.shape == (len(STORY), len(FEATURES))
    assert (abs(x1 - x2) < 1e-9).all()


def test_cross_source_support_is_higher_for_shared_content():
    x, _ = features(*candidates(STORY))
    col = FEATURES.index("support")
    assert x[0, col] > x[4, col]  # the vote is in both articles; the critics in one


def test_selection_respects_the_budget_and_puts_a_paraphrase_last():
    scored = score(STORY, articles=())
    picked = select(scored, 30)
    assert sum(scored.sentences[i].words for i in picked) <= 30
    texts = [scored.sentences[i].text for i in select(scored, 500)]
    # The mayor's words, reported twice with few other words in common: the second report
    # only comes in once every sentence that says something new is in.
    quotes = [k for k, t in enumerate(texts) if "good day for the city" in t]
    assert len(quotes) == 1 or quotes[1] == len(texts) - 1


def test_a_story_of_run_on_sentences_still_gets_a_brief_or_none_without_error():
    from newsbrief.select import order

    long = sent("a", 0, " ".join(["word"] * (MAX_WORDS + 10)))
    short = sent("a", 1, "Only three words")
    scored = score([long, short], articles=())
    assert len(scored.sentences) == 2  # fallback: run-ons and fragments are candidates
    assert [scored.sentences[i] for i in select(scored, 50)] == [short]
    assert order(0, []) == []
