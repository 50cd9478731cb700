"""``newsbrief.sources``: whether an article is the AP's, on hand-built articles."""

from __future__ import annotations

import numpy as np

from conftest import sent
from newsbrief.model import Article
from newsbrief.sources import FEATURES, ap_cues, columns


def art(id: str, text: str, raw: str = "", outlet: str | None = None) -> Article:
    return Article(id=id, index=int(id[1:]), text=text, raw=raw, outlet=outlet)


def names_ap(article: Article) -> bool:
    return any(ap_cues(article))


def test_the_ap_dateline_and_its_name_count_in_any_case():
    assert names_ap(art("d0", "WASHINGTON (AP) — The Senate voted on Tuesday."))
    assert names_ap(art("d0", "washington ( ap ) — the senate voted."))
    assert names_ap(art("d0", "Copyright 2012 The Associated Press. All rights reserved."))


def test_the_dateline_and_the_name_are_told_apart():
    assert ap_cues(art("d0", "NEW YORK (AP) — The vote.")) == (True, False)
    assert ap_cues(art("d0", "He told The Associated Press on Monday.")) == (False, True)
    assert ap_cues(art("d0", "The vote.", outlet="AP")) == (True, True)


def test_words_that_merely_contain_the_letters_do_not():
    text = "A happy map of the capital (apparently), an app (apps) and a scapegoat (A.P. Jones)."
    assert not names_ap(art("d0", text))
    assert not names_ap(art("d0", "LONDON (Reuters) - The vote, CNN and AFP reported."))


def test_the_raw_text_counts_where_cleaning_removed_the_dateline():
    # ``raw`` is the article as given; ``text`` is what cleaning kept.
    assert names_ap(art("d0", "The Senate voted on Tuesday.", raw="WASHINGTON (AP) — The Senate voted."))
    assert not names_ap(art("d0", "The Senate voted on Tuesday.", raw="The Senate voted."))


def test_the_outlet_given_by_the_caller_counts():
    assert names_ap(art("d0", "The Senate voted.", outlet="AP"))
    assert names_ap(art("d0", "The Senate voted.", outlet="The Associated Press"))
    assert names_ap(art("d0", "The Senate voted.", outlet="apnews.com"))  # a fetched page's host
    assert not names_ap(art("d0", "The Senate voted.", outlet="Apple News"))


def test_columns_give_each_sentence_its_article_and_the_story_count():
    arts = [art("d0", "NEW YORK (AP) — One."), art("d1", "Two, the Associated Press said."),
            art("d2", "Three, the New York Times says.")]
    sents = [sent("d0", 0, "One."), sent("d2", 0, "Three."), sent("d9", 0, "Elsewhere.")]
    x = columns(sents, arts)
    assert x.shape == (3, len(FEATURES))
    assert x[:, FEATURES.index("source_ap_dateline")].tolist() == [1.0, 0.0, 0.0]
    assert x[:, FEATURES.index("source_ap_name")].tolist() == [0.0, 0.0, 0.0]
    # Two of the story's kept articles name the AP; the same for every sentence.
    assert x[:, FEATURES.index("story_ap")].tolist() == [2.0, 2.0, 2.0]
    assert np.all(columns(sents, []) == 0.0)
