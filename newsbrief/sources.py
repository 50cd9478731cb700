"""Whether a story's articles are the AP's report.

Editors who summarise several outlets follow the wire report, the AP's above all, more often
than the others. On train stories 10,000-15,999, the article with the largest share of the
editor's word pairs is one whose text names the AP ("(AP)", "Associated Press") in 45% of cases
against 34% for the others, and in 66% against 47% among each story's longest articles
(docs/benchmarks.md, issue 3 round 19). Nothing in a sentence's own words says which article
the editor followed; this does, a little. So the sentence forest reads, for each sentence,
whether its article carries the AP's dateline, whether it names the AP, and how many of the
story's kept articles do either. Both are read from the article as given (``Article.raw``: a
dateline or copyright line that cleaning removes still counts) and from its ``outlet`` when the
caller gives one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .model import Article, Sentence

# The AP's dateline ("WASHINGTON (AP) —"): the article is the AP's report; or its name: the
# article may be the AP's (a credit line) or quote it ("told The Associated Press"). Two
# columns, so the forest weighs them apart (held-out Pearson 0.5129 against 0.4990 with one
# column for both). The other agencies and large outlets (Reuters, AFP, CNN, the New York
# Times, the Washington Post) were tried as columns too and added nothing the AP's do not.
_AP_NAME = "associated press"
# Searched in a lowercased copy: case-blind patterns were 2.4x slower here.
_AP_DATELINE = re.compile(r"\(\s*ap\s*\)")
# The sentence forest's columns (after the pair prior's): whether the sentence's article has
# the AP's dateline, whether it names the AP, and how many of the story's kept articles do
# either.
FEATURES = ("source_ap_dateline", "source_ap_name", "story_ap")


def ap_cues(article: Article) -> tuple[bool, bool]:
    """(the AP's dateline, the AP's name) in the article's text as given (``raw``); an outlet
    given as the AP counts as both."""
    outlet = (article.outlet or "").strip().lower()
    # As a dateline gives it ("AP", cleaned into the outlet), or a fetched page's host.
    if outlet in ("ap", "the ap", "apnews.com") or _AP_NAME in outlet:
        return True, True
    text = (article.raw or article.text).lower()
    return _AP_DATELINE.search(text) is not None, _AP_NAME in text


def columns(sentences: Sequence[Sentence], articles: Sequence[Article]) -> np.ndarray:
    """One row of ``FEATURES`` per sentence. ``articles``: the story's kept articles (a
    sentence of another article reads as from one that does not name the AP)."""
    cues = {a.id: ap_cues(a) for a in articles}
    story = float(sum(any(c) for c in cues.values()))
    none = (False, False)
    out = np.empty((len(sentences), len(FEATURES)), dtype=np.float64)
    if sentences:
        out[:, :2] = [cues.get(s.article, none) for s in sentences]
    out[:, 2] = story
    return out
