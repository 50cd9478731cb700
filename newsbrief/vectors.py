"""Bag-of-words TF-IDF vectors for the sentences and articles of one story."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, repeat

import numpy as np


def count_matrix(docs: Sequence[Sequence[str]]) -> tuple[np.ndarray, list[str]]:
    """(term counts, one row per document and one column per term; the terms in column
    order). At least one column, so an all-empty story still gives a matrix."""
    # The vocabulary in first-occurrence order, then each token's column, both by C-level
    # dict and map calls rather than a Python step per token.
    terms = dict.fromkeys(chain.from_iterable(docs))
    vocab = dict(zip(terms, range(len(terms))))
    cols = list(map(vocab.__getitem__, chain.from_iterable(docs)))
    width = max(1, len(vocab))
    # Row offsets by repeating each document's offset for its length: no per-token append.
    rows = np.repeat(np.arange(len(docs), dtype=np.intp) * width, [len(d) for d in docs])
    counts = np.bincount(rows + np.array(cols, dtype=np.intp),
                         minlength=len(docs) * width).reshape(len(docs), width)
    return counts.astype(np.float64), list(vocab)


def bag_matrix(bags: Sequence[Mapping[str, int]]) -> tuple[np.ndarray, list[str]]:
    """``count_matrix`` from each document's term counts instead of its term list (the same
    matrix when each mapping lists its terms in order of first occurrence, as a ``Counter``
    built from the list does)."""
    terms = list(dict.fromkeys(chain.from_iterable(bags)))
    vocab = dict(zip(terms, range(len(terms))))
    width = max(1, len(vocab))
    counts = np.zeros((len(bags), width))
    # Every document's cells in one flat assignment (no cell is written twice: a mapping has
    # each term once).
    if terms:
        cols = np.array(list(map(vocab.__getitem__, chain.from_iterable(bags))), np.intp)
        rows = np.repeat(np.arange(len(bags), dtype=np.intp) * width, [len(b) for b in bags])
        counts.ravel()[rows + cols] = list(chain.from_iterable(b.values() for b in bags))
    return counts, terms


def row_norms(x: np.ndarray) -> np.ndarray:
    """``np.linalg.norm(x, axis=1, keepdims=True)`` without its Python-level dispatch: the
    same reduction numpy runs for that call (so the same bits), at a fraction of the cost on
    the small matrices of one story."""
    return np.sqrt(np.add.reduce(x * x, axis=1, keepdims=True))


def unknown_idf(idf: Mapping[str, float]) -> float:
    """The idf of a term the table has not seen: the table's ``unknown`` (the largest idf)."""
    # A shipped table carries its unseen-term idf; recomputing the max of 100k values per call
    # cost more than the rest of the story's scoring.
    return getattr(idf, "unknown", None) or max(idf.values(), default=1.0)


def idf_weights(terms: Iterable[str], idf: Mapping[str, float]) -> list[float]:
    """Each term's idf from a background table; a term the table has not seen gets
    ``unknown_idf``."""
    return list(map(idf.get, terms, repeat(unknown_idf(idf))))


def tfidf_matrix(
    docs: Sequence[Sequence[str]], idf: Mapping[str, float] | None = None
) -> np.ndarray:
    """One L2-normalised row per document of terms. ``idf`` is a background table (term ->
    idf); without one the documents' own document frequencies are used. Empty documents give
    zero rows."""
    counts, vocab = count_matrix(docs)
    return _weigh(counts, vocab, docs, idf)


def tfidf_bags(bags: Sequence[Mapping[str, int]],
               idf: Mapping[str, float] | None = None) -> np.ndarray:
    """``tfidf_matrix`` from each document's term counts (see ``bag_matrix``)."""
    counts, vocab = bag_matrix(bags)
    return _weigh(counts, vocab, bags, idf)


def _weigh(counts: np.ndarray, vocab: list[str], docs: Sequence[Sequence[str]] |
           Sequence[Mapping[str, int]], idf: Mapping[str, float] | None) -> np.ndarray:
    if not vocab:
        return np.zeros(counts.shape, dtype=np.float32)
    if idf is None:
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(set(doc))
        n = len(docs)
        weights = np.array([math.log((n + 1) / (df[t] + 1)) + 1.0 for t in vocab])
    else:
        weights = np.array(idf_weights(vocab, idf))
    # (counts > 0) + log(max(counts, 1)) is 1 + log(count) where a term occurs and
    # 0 + log(1) = +0 where it does not: the np.where form's bits, one call fewer.
    m = ((counts > 0) + np.log(np.maximum(counts, 1))) * weights
    norms = row_norms(m)
    norms[norms == 0] = 1.0
    return (m / norms).astype(np.float32)
