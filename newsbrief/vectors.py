"""Bag-of-words TF-IDF vectors for the sentences and articles of one story."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np


def count_matrix(docs: Sequence[Sequence[str]]) -> tuple[np.ndarray, list[str]]:
    """(term counts, one row per document and one column per term; the terms in column
    order). At least one column, so an all-empty story still gives a matrix."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, doc in enumerate(docs):
        for t in doc:
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
    width = max(1, len(vocab))
    counts = np.bincount(np.array(rows, dtype=np.intp) * width + np.array(cols, dtype=np.intp),
                         minlength=len(docs) * width).reshape(len(docs), width)
    return counts.astype(np.float64), list(vocab)


def tfidf_matrix(
    docs: Sequence[Sequence[str]], idf: Mapping[str, float] | None = None
) -> np.ndarray:
    """One L2-normalised row per document of terms. ``idf`` is a background table (term ->
    idf); without one the documents' own document frequencies are used. Empty documents give
    zero rows."""
    counts, vocab = count_matrix(docs)
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
        get = idf.get
        weights = np.array([get(t, unknown) for t in vocab])
    m = np.where(counts > 0, 1.0 + np.log(np.maximum(counts, 1)), 0.0) * weights
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (m / norms).astype(np.float32)
