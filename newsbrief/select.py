"""Choose sentences up to the word budget without saying the same thing twice, then put them in
an order that reads well."""

from __future__ import annotations

import numpy as np

from .score import Scored

# Cosine similarity to an already chosen sentence above which a sentence repeats it.
REDUNDANCY = 0.5
# How much similarity to what is already chosen costs (maximal marginal relevance).
MMR_PENALTY = 0.3


def select(scored: Scored, words: int) -> list[int]:
    """Indices into ``scored.sentences`` of the chosen sentences, best first. The total
    word count never exceeds ``words``; a sentence that does not fit is skipped, not cut."""
    n = len(scored.sentences)
    if n == 0:
        return []
    lengths = np.array([s.words for s in scored.sentences])
    chosen: list[int] = []
    used = 0
    max_sim = np.zeros(n)
    available = np.ones(n, dtype=bool)
    while True:
        available &= lengths <= words - used
        if not available.any():
            break
        gain = np.where(available, scored.scores - MMR_PENALTY * max_sim, -np.inf)
        best = int(np.argmax(gain))
        available[best] = False
        if max_sim[best] > REDUNDANCY:
            continue
        chosen.append(best)
        used += int(lengths[best])
        max_sim = np.maximum(max_sim, scored.vectors @ scored.vectors[best])
    return chosen


def order(first: int, positions: list[float]) -> list[int]:
    """Reading order for chosen sentences: ``first`` (the main event) leads, then the rest by
    ``positions``, where each sentence sits in the articles that report it (the mean over its
    sources, so a paragraph that one scrape happens to start with is not put first)."""
    rest = sorted((i for i in range(len(positions)) if i != first), key=positions.__getitem__)
    return [first, *rest]
