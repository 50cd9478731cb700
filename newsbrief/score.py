"""Salience of each candidate sentence.

Three signals, each in [0, 1], combined linearly with the weights in ``Weights``:
- centrality: TF-IDF cosine of the sentence to the centroid of the whole story;
- support: how much of the sentence's content the *other* articles also carry (cross-source
  support: what several outlets report is what the story is about);
- position: news puts the main event first, so earlier sentences of an article score higher.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .model import Sentence
from .resources import idf_table
from .text import content_terms
from .vectors import tfidf_matrix

# Sentences outside this length range are fragments (datelines, "he said.") or run-ons
# (scraped lists glued together); they are never chosen.
MIN_WORDS = 6
MAX_WORDS = 80


@dataclass(frozen=True)
class Weights:
    centrality: float = 0.45
    support: float = 0.35
    position: float = 0.20


@dataclass(frozen=True)
class Scored:
    sentences: tuple[Sentence, ...]
    scores: np.ndarray  # one per sentence
    vectors: np.ndarray  # L2-normalised TF-IDF rows, one per sentence


def is_candidate(s: Sentence) -> bool:
    n = s.words
    return MIN_WORDS <= n <= MAX_WORDS and not s.text.rstrip().endswith("?")


def score(sentences: Sequence[Sentence], weights: Weights = Weights()) -> Scored:
    """Scores for the candidate sentences of the kept articles (others are dropped)."""
    cands = tuple(s for s in sentences if is_candidate(s))
    if not cands:
        return Scored((), np.zeros(0), np.zeros((0, 1), dtype=np.float32))
    terms = [content_terms(s.text) for s in cands]
    vec = tfidf_matrix(terms, idf_table())
    centroid = vec.sum(axis=0)
    norm = np.linalg.norm(centroid)
    centrality = vec @ (centroid / norm) if norm > 0 else np.zeros(len(cands))

    article_terms: dict[str, set[str]] = {}
    for s, t in zip(cands, terms):
        article_terms.setdefault(s.article, set()).update(t)
    others = len(article_terms) - 1
    support = np.zeros(len(cands))
    if others > 0:
        for i, (s, t) in enumerate(zip(cands, terms)):
            if not t:
                continue
            uniq = set(t)
            shared = sum(len(uniq & at) / len(uniq)
                         for a, at in article_terms.items() if a != s.article)
            support[i] = shared / others
    position = np.array([1.0 / math.sqrt(1.0 + s.position) for s in cands])
    total = (weights.centrality * centrality + weights.support * support
             + weights.position * position)
    return Scored(cands, total.astype(np.float64), vec)
