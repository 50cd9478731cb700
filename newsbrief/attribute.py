"""Credit every article that reports a brief sentence's content, with the span where it does."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .model import BriefSentence, Sentence, SourceSpan
from .text import sentence_terms  # cached: scoring has read these sentences already

# Dice overlap of content terms at or above which two sentences report the same thing: high
# enough that sentences merely on the same topic are not credited, low enough that an edited
# wire paragraph ("Assad" vs "Bashar Assad") still is.
SAME_CONTENT = 0.6


def dice(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _dice_all(a: set[str], others: Sequence[set[str]]) -> list[float]:
    """``dice(a, b)`` for every ``b`` in ``others``: the same expression inlined, since a
    function call per sentence pair cost more than the set intersection it wraps."""
    if not a:
        return [0.0] * len(others)
    n = len(a)
    return [2 * len(a & b) / (n + len(b)) if b else 0.0 for b in others]


def attribute(chosen: Sequence[Sentence],
              by_article: Mapping[str, Sequence[Sentence]]) -> list[BriefSentence]:
    """For each chosen sentence, its own span plus the best-matching sentence of every other
    article in ``by_article`` whose overlap reaches ``SAME_CONTENT``, in the order of
    ``by_article``."""
    terms = {a: [set(sentence_terms(s.text)) for s in ss] for a, ss in by_article.items()}
    rank = {a: i for i, a in enumerate(by_article)}
    out = []
    for s in chosen:
        mine = set(sentence_terms(s.text))
        sources = [SourceSpan(s.article, s.start, s.end)]
        for a, ss in by_article.items():
            if a == s.article or not ss:
                continue
            scores = _dice_all(mine, terms[a])
            best = scores.index(max(scores))  # the first of equal scores, as before
            if scores[best] >= SAME_CONTENT:
                sources.append(SourceSpan(a, ss[best].start, ss[best].end))
        sources.sort(key=lambda p: rank.get(p.article, -1))
        out.append(BriefSentence(s.text, tuple(sources)))
    return out
