"""Choose sentences up to the word budget without saying the same thing twice, then put them in
an order that reads well."""

from __future__ import annotations

import numpy as np

from .score import Scored

# Cosine similarity to an already chosen sentence above which a sentence repeats it. Two
# passes: paraphrases (a quote restated in another outlet's words) are kept out while other
# sentences can fill the budget; only when too few remain does the lax limit let them in.
# (0.4 strict with the summary-prior scorer: val 0-500 ROUGE-1 +0.09 over 0.35; 0.3 lost 0.14.)
REDUNDANCY = 0.5
STRICT_REDUNDANCY = 0.4
# In the strict pass, sharing this many consecutive content-word pairs with a chosen sentence
# also makes a sentence a repeat: quotes and paraphrases keep the telling phrase ("gangs of
# murder and destruction") while their other words differ, so their cosine stays low.
# Three, not two: measured on val 0-500 with the summary-prior scorer, ROUGE-1/2 +0.07/+0.16
# (a looser repeat test; the cosine limits above still catch the close paraphrases).
SHARED_PAIRS = 3
# How much similarity to what is already chosen costs (maximal marginal relevance), as a share
# of the sentence's own score.
MMR_PENALTY = 0.3
# A sentence's value is its score (an n-gram density) times its length to this power: 0 ranks
# by density alone (the knapsack rule), 1 by the total it brings to the budget. 0.15 with the
# summary-prior scorer and the settings above (val 0-500 / 500-1500; 0.3 was 0.04 ROUGE-1 under).
LENGTH_POWER = 0.15


def select(scored: Scored, words: int) -> list[int]:
    """Indices into ``scored.sentences`` of the chosen sentences, best first. The total
    word count never exceeds ``words``; a sentence that does not fit is skipped, not cut."""
    n = len(scored.sentences)
    if n == 0:
        return []
    lengths = np.array([s.words for s in scored.sentences])
    value = scored.scores * lengths.astype(float) ** LENGTH_POWER
    chosen: list[int] = []
    used = 0
    max_sim = np.zeros(n)
    pairs = [set(zip(t, t[1:])) for t in scored.terms] if scored.terms else [set()] * n
    repeats = np.zeros(n, dtype=bool)
    for limit in (STRICT_REDUNDANCY, REDUNDANCY):
        strict = limit == STRICT_REDUNDANCY
        available = np.ones(n, dtype=bool)
        available[chosen] = False
        while True:
            available &= (lengths <= words - used) & (max_sim <= limit)
            if strict:
                available &= ~repeats
            if not available.any():
                break
            gain = np.where(available, value * (1.0 - MMR_PENALTY * max_sim), -np.inf)
            best = int(np.argmax(gain))
            available[best] = False
            chosen.append(best)
            used += int(lengths[best])
            max_sim = np.maximum(max_sim, scored.vectors @ scored.vectors[best])
            if strict and pairs[best]:
                repeats |= np.array([len(p & pairs[best]) >= SHARED_PAIRS for p in pairs])
    return chosen


def order(first: int, positions: list[float]) -> list[int]:
    """Reading order for chosen sentences: ``first`` (the main event) leads, then the rest by
    ``positions``, where each sentence sits in the articles that report it (the mean over its
    sources, so a paragraph that one scrape happens to start with is not put first)."""
    if not positions:
        return []
    rest = sorted((i for i in range(len(positions)) if i != first), key=positions.__getitem__)
    return [first, *rest]
