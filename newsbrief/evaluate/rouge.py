"""ROUGE as the field reports it on Multi-News: the ``rouge-score`` package, Porter stemming,
F1 of ROUGE-1, ROUGE-2 and ROUGE-Lsum with one sentence per line on both sides, averaged over
the references of a story."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..segment import split_spans

METRICS = ("rouge1", "rouge2", "rougeLsum")


@lru_cache(maxsize=1)
def _scorer():  # type: ignore[no-untyped-def]
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def lines(text: str) -> str:
    """A text as one sentence per line (what ROUGE-Lsum splits summaries on)."""
    return "\n".join(text[s:e] for s, e, _ in split_spans(text))


def rouge(candidate: Sequence[str], references: Sequence[str]) -> tuple[float, float, float]:
    """(ROUGE-1, ROUGE-2, ROUGE-Lsum) F1 in percent, averaged over ``references``."""
    cand = "\n".join(s.replace("\n", " ") for s in candidate)
    totals = [0.0, 0.0, 0.0]
    for ref in references:
        scores = _scorer().score(lines(ref), cand)
        for k, m in enumerate(METRICS):
            totals[k] += scores[m].fmeasure
    n = max(1, len(references))
    return tuple(100.0 * t / n for t in totals)  # type: ignore[return-value]
