"""Credit every article that reports a brief sentence's content, with the span where it does."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import native
from .model import BriefSentence, Sentence, SourceSpan

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
    rank = {a: i for i, a in enumerate(by_article)}
    out = []
    for s, found in zip(chosen, _best_matches(chosen, by_article, rank)):
        sources = [SourceSpan(s.article, s.start, s.end)]
        for (a, ss), (best, score) in zip(by_article.items(), found):
            if best >= 0 and score >= SAME_CONTENT:
                sources.append(SourceSpan(a, ss[best].start, ss[best].end))
        sources.sort(key=lambda p: rank.get(p.article, -1))
        out.append(BriefSentence(s.text, tuple(sources)))
    return out


def _best_matches(chosen: Sequence[Sentence], by_article: Mapping[str, Sequence[Sentence]],
                  rank: Mapping[str, int]) -> list[list[tuple[int, float]]]:
    """For each chosen sentence and each other article: (index, overlap) of the article's
    sentence with the highest Dice overlap of content terms, the first of equal ones; (-1, 0.0)
    for an article without sentences and for the sentence's own article. ``rank``: article id
    -> its place in ``by_article``."""
    own = [rank.get(s.article, -1) for s in chosen]
    kernels = native.KERNELS
    if kernels is not None:  # the same overlaps and choice in one compiled call
        return kernels.best_matches([s.terms for s in chosen],
                                    [[s.terms for s in ss]
                                     for ss in by_article.values()], own)
    terms = [[set(s.terms) for s in ss] for ss in by_article.values()]
    out = []
    for s, mine_at in zip(chosen, own):
        mine = set(s.terms)
        row = []
        for g, others in enumerate(terms):
            scores = _dice_all(mine, others) if g != mine_at else []
            best = scores.index(max(scores)) if scores else -1  # the first of equal scores
            row.append((best, scores[best] if scores else 0.0))
        out.append(row)
    return out
