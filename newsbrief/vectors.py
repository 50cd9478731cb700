"""Bag-of-words TF-IDF vectors for the sentences and articles of one story."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np


def tfidf_matrix(
    docs: Sequence[Sequence[str]], idf: Mapping[str, float] | None = None
) -> np.ndarray:
    """One L2-normalised row per document of terms. ``idf`` is a background table (term ->
    idf); without one the documents' own document frequencies are used. Empty documents give
    zero rows."""
    vocab: dict[str, int] = {}
    for doc in docs:
        for t in doc:
            vocab.setdefault(t, len(vocab))
    m = np.zeros((len(docs), max(1, len(vocab))), dtype=np.float32)
    if not vocab:
        return m
    if idf is None:
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(set(doc))
        n = len(docs)
        weights = {t: math.log((n + 1) / (df[t] + 1)) + 1.0 for t in vocab}
    else:
        # A shipped table carries its unseen-term idf; recomputing the max of 100k values per
        # call cost more than the rest of the story's scoring.
        unknown = getattr(idf, "unknown", None) or max(idf.values(), default=1.0)
        weights = {t: idf.get(t, unknown) for t in vocab}
    for i, doc in enumerate(docs):
        for t, c in Counter(doc).items():
            m[i, vocab[t]] = (1.0 + math.log(c)) * weights[t]
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms
