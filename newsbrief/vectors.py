"""Bag-of-words TF-IDF vectors for the sentences and articles of one story."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import chain, repeat

import numpy as np


def count_matrix(docs: Sequence[Sequence[str]]) -> tuple[np.ndarray, list[str]]:
    """(term counts, one row per document and one column per term; the terms in column
    order). At least one column, so an all-empty story still gives a matrix."""
    vocab: dict[str, int] = {}
    cols = [vocab.setdefault(t, len(vocab)) for t in chain.from_iterable(docs)]
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
    counts = np.zeros((len(bags), max(1, len(vocab))))
    for i, bag in enumerate(bags):
        if bag:
            counts[i, list(map(vocab.__getitem__, bag))] = list(bag.values())
    return counts, terms


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
        # A shipped table carries its unseen-term idf; recomputing the max of 100k values per
        # call cost more than the rest of the story's scoring.
        unknown = getattr(idf, "unknown", None) or max(idf.values(), default=1.0)
        weights = np.array(list(map(idf.get, vocab, repeat(unknown))))
    m = np.where(counts > 0, 1.0 + np.log(np.maximum(counts, 1)), 0.0) * weights
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (m / norms).astype(np.float32)
