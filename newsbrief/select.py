"""Choose sentences up to the word budget without saying the same thing twice, then put them in
an order that reads well."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import mul

import numpy as np

from . import native
from .score import Scored
from .text import content_terms

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
# length ** power for the lengths a candidate can have, computed once by numpy: where numpy
# vectorises the power it differs from C's pow (Python's ``**``) in the last bit for some
# lengths (54 of 0-1,023 on this project's machine), and the values must stay those of the
# array code. Beyond the table numpy computes it per call.
@lru_cache(maxsize=16)
def _powers(power: float) -> list[float]:
    return (np.arange(1024, dtype=float) ** power).tolist()


def _power(length: int, power: float) -> float:
    """``length ** power`` as numpy computes it for an array, as the table holds."""
    return float((np.array([length], dtype=float) ** power)[0])


def select(scored: Scored, words: int) -> list[int]:
    """Indices into ``scored.sentences`` of the chosen sentences, best first. The total
    word count never exceeds ``words``; a sentence that does not fit is skipped, not cut."""
    return select_many(scored, words, [Setting()])[0]


@dataclass(frozen=True)
class Setting:
    """One run of the greedy: its constants (None: the module's), and optionally other scores
    than the story's."""
    length_power: float | None = None
    mmr: float | None = None
    strict: float | None = None
    scores: np.ndarray | None = None

    def resolved(self) -> tuple[float, float, float]:
        """(length power, MMR penalty, strict redundancy limit), the module's where unset."""
        return (LENGTH_POWER if self.length_power is None else self.length_power,
                MMR_PENALTY if self.mmr is None else self.mmr,
                STRICT_REDUNDANCY if self.strict is None else self.strict)


def select_many(scored: Scored, words: int, settings: Sequence[Setting],
                drops: bool = False) -> list[list[int]]:
    """``select`` once per setting, sharing what the runs have in common (the similarity of
    every sentence to each chosen one, the repeat tests): the candidate summaries that
    ``rerank`` chooses among. With ``drops``, then once more per sentence the first run chose
    (in the order chosen), with the first setting and that sentence's score 0."""
    n = len(scored.sentences)
    if n == 0:
        return [[] for _ in settings]
    size = [s.words for s in scored.sentences]
    # Per-sentence state lives in Python lists: a story has a few dozen candidates, so each
    # numpy call on them would cost more in overhead than its arithmetic. The arithmetic is
    # the same IEEE double operations, in the same order, as the array form it replaced
    # (``scores * lengths.astype(float) ** LENGTH_POWER``).
    values, limits = [], []
    default = scored.scores.tolist()
    by_power: dict[float, list[float]] = {}
    for s in settings:
        power, mmr, strict = s.resolved()
        if power not in by_power:
            powers = _powers(power)
            by_power[power] = [powers[k] if k < len(powers) else _power(k, power) for k in size]
        scores = default if s.scores is None else s.scores.tolist()
        values.append(list(map(mul, scores, by_power[power])))
        limits.append((strict, REDUNDANCY, mmr))
    terms, sents = scored.terms or ((),) * n, scored.sentences
    kernels = native.KERNELS
    if kernels is not None:  # the same loop in C (``_kernels.c``), pair sets made on demand
        vectors = np.ascontiguousarray(scored.vectors, dtype=np.float64)
        texts = [s.text for s in sents]

        def run(values: list[list[float]], limits: list[tuple[float, float, float]]
                ) -> list[list[int]]:
            return kernels.greedy_select_many(values, size, vectors, vectors.shape[1], words,
                                              terms, texts, _quoted_pairs, limits, SHARED_PAIRS)
    else:
        # Built for every candidate up front: a dozen small sets cost less than a lazy lookup
        # per test (about a hundred tests per story).
        pairs = [_pairs(t) for t in terms]
        quoted = [_quoted_pairs(s.text) for s in sents]

        def run(values: list[list[float]], limits: list[tuple[float, float, float]]
                ) -> list[list[int]]:
            return [_greedy(scored.vectors, value, size, words, pairs, quoted, strict, mmr)
                    for value, (strict, _lax, mmr) in zip(values, limits)]
    out = run(values, limits)
    if drops and out[0]:
        without = []
        for i in out[0]:
            value = values[0].copy()
            value[i] = 0.0  # the same as a score of 0: 0.0 times any length value
            without.append(value)
        out += run(without, [limits[0]] * len(without))
    return out


def _greedy(vectors: np.ndarray, value: list[float], size: list[int], words: int,
            pairs: list[set[tuple[str, str]]], quoted: list[set[tuple[str, str]]],
            strict_limit: float, mmr: float) -> list[int]:
    n = len(value)
    chosen: list[int] = []
    used = 0
    max_sim = [0.0] * n
    repeats = [False] * n
    for strict, limit in ((True, strict_limit), (False, REDUNDANCY)):
        available = [True] * n
        for i in chosen:
            available[i] = False
        while True:
            left = words - used
            best, best_gain = -1, 0.0
            for i in range(n):
                if not available[i]:
                    continue
                if not (size[i] <= left and max_sim[i] <= limit) or (strict and repeats[i]):
                    available[i] = False  # for the rest of this pass: it only gets worse
                    continue
                gain = value[i] * (1.0 - mmr * max_sim[i])
                if best < 0 or gain > best_gain:  # the first of equal gains, as argmax
                    best, best_gain = i, gain
            if best < 0:
                break
            available[best] = False
            chosen.append(best)
            used += size[best]
            sims = (vectors @ vectors[best]).tolist()
            max_sim = [m if m >= x else x for m, x in zip(max_sim, sims)]
            if strict and pairs[best]:
                # Only sentences still available can be chosen later in this pass (the set
                # only shrinks), so only they are tested.
                mine, said = pairs[best], quoted[best]
                for i in range(n):
                    if available[i] and (len(pairs[i] & mine) >= SHARED_PAIRS
                                         or (said and not said.isdisjoint(quoted[i]))):
                        repeats[i] = True
    return chosen


def _pairs(terms: Sequence[str]) -> set[tuple[str, str]]:
    return set(zip(terms, terms[1:]))


# Text inside double quotes: curly, straight, or Multi-News's spaced straight quotes.
_QUOTED = re.compile(r'“([^”]{3,})”|"([^"]{3,})"')


def _quoted_pairs(text: str) -> set[tuple[str, str]]:
    """Consecutive content-word pairs inside quotation marks: two sentences that quote the
    same words ("gangs of murder") report the same statement, however differently the rest of
    them is worded."""
    found: set[tuple[str, str]] = set()
    if '"' in text or "“" in text:
        for m in _QUOTED.finditer(text):
            found |= _pairs(content_terms(m.group(1) or m.group(2)))
    return found


def order(first: int, positions: list[float]) -> list[int]:
    """Reading order for chosen sentences: ``first`` (the main event) leads, then the rest by
    ``positions``, where each sentence sits in the articles that report it (the mean over its
    sources, so a paragraph that one scrape happens to start with is not put first)."""
    if not positions:
        return []
    rest = sorted((i for i in range(len(positions)) if i != first), key=positions.__getitem__)
    return [first, *rest]
