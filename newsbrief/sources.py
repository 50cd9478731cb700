"""Whether a story's articles are the AP's report.

Editors who summarise several outlets follow the wire report, the AP's above all, more often
than the others. On train stories 10,000-15,999, the article with the largest share of the
editor's word pairs is one whose text names the AP ("(AP)", "Associated Press") in 45% of cases
against 34% for the others, and in 66% against 47% among each story's longest articles
(docs/benchmarks.md, issue 3 round 19). Nothing in a sentence's own words says which article
the editor followed; this does, a little. So the sentence forest reads, for each sentence,
whether its article names the AP and how many of the story's kept articles do. The name is
read from the article as given (``Article.raw``: a dateline or copyright line that cleaning
removes still counts) and from its ``outlet`` when the caller gives one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .model import Article, Sentence

# The AP's dateline ("WASHINGTON (AP) —") or its name. The other agencies and large outlets
# (Reuters, AFP, CNN, the New York Times, the Washington Post) were tried as columns too: they
# added nothing the AP's do not (held-out Pearson 0.4983 with eight columns, 0.4990 with the
# AP's two).
_AP_NAME = "associated press"
_AP_DATELINE = re.compile(r"\(\s*ap\s*\)")
# The sentence forest's columns (after the pair prior's): whether the sentence's article names
# the AP, and how many of the story's kept articles do.
FEATURES = ("source_ap", "story_ap")


def names_ap(article: Article) -> bool:
    """Whether the article's text as given (``raw``), or its outlet, names the AP."""
    outlet = (article.outlet or "").strip().lower()
    if outlet in ("ap", "the ap") or _AP_NAME in outlet:
        return True
    text = (article.raw or article.text).lower()
    return _AP_NAME in text or _AP_DATELINE.search(text) is not None


def columns(sentences: Sequence[Sentence], articles: Sequence[Article]) -> np.ndarray:
    """One row of ``FEATURES`` per sentence. ``articles``: the story's kept articles (a
    sentence of another article reads as from one that does not name the AP)."""
    ap = {a.id for a in articles if names_ap(a)}
    out = np.empty((len(sentences), len(FEATURES)), dtype=np.float64)
    out[:, 0] = [s.article in ap for s in sentences]
    out[:, 1] = len(ap)
    return out
