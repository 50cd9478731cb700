"""The summary prior of adjacent token pairs: a learned feature family beside the term prior.

The term prior (``score.TermPrior``) tells how often a content term found in a story's articles
is also in the editor's summary. This table does the same for two tokens next to each other,
stopwords kept and nothing stemmed ("was arrested", "according to", "told the"): the share
of the train stories whose articles have the pair whose summary has it too, smoothed toward
the rate over all pairs. Pairs seen in fewer than ``MIN_STORIES`` train stories are left
out and take the rate over the left-out pairs. It is what a summary's wording keeps, which a
prior of single terms cannot see: ROUGE-2 counts pairs.

``newsbrief train`` counts it over the train split in the term prior's folds (a forest row
sees a table counted without its own story) and ships the whole-split table as
``data/pair_prior.npz``. The forest gets ``FEATURES`` from it. On val 0-1,499 and 1,500-2,999
it added +0.04 to +0.08 ROUGE-1 and +0.11 to +0.18 ROUGE-2 against a forest refitted without
it (docs/benchmarks.md, "A cross-fitted pair prior").

The features are computed by the compiled kernels when this install has them
(``_kernels.pair_prior_features``, a table packed once); this module's Python is the
reference and the fallback.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from . import native
from .resources import read_shipped

FILE = "pair_prior.npz"
# The names the forest knows the columns by (``trees.Forest.features``), in this order.
FEATURES = ("token_pair_prior_mean", "token_pair_prior_max", "token_pair_prior_sum",
            "token_pair_known", "token_rank_pair_prior", "token_gap_pair_prior")
MIN_STORIES = 5


class PairPrior:
    """Token pairs ("a b", one per line of ``keys``) with their smoothed summary share
    (``values``), and ``base``, the share of the pairs left out, for a pair not listed.
    ``seen`` and ``hit`` (the stories whose articles have the pair, and of those the ones
    whose summary has it) and the totals are kept so the table can be written back."""

    def __init__(self, keys: bytes, seen: np.ndarray, hit: np.ndarray, totals: Sequence[int],
                 smoothing: float) -> None:
        self.keys = keys
        self.seen = np.asarray(seen, np.int64)
        self.hit = np.asarray(hit, np.int64)
        seen_total, hit_total, seen_out, hit_out = (int(t) for t in totals)
        self.totals = (seen_total, hit_total, seen_out, hit_out)
        self.smoothing = float(smoothing)
        rate = hit_total / max(1, seen_total)
        self.base = hit_out / max(1, seen_out)
        # Listed pairs lean toward the rate over all pairs by ``smoothing`` stories, as terms do.
        self.values = (self.hit + smoothing * rate) / (self.seen + smoothing)

    def __len__(self) -> int:
        return len(self.values)

    @cached_property
    def table(self) -> dict[tuple[str, str], float]:
        """(a, b) -> value, for the Python features."""
        pairs = self.keys.decode("utf-8").split("\n")[:-1]
        return {(a, b): v for (a, _, b), v in zip((p.partition(" ") for p in pairs),
                                                  self.values.tolist())}

    @cached_property
    def packed(self) -> Any:
        """The kernels' packed copy (``_kernels.pair_table``), or None without the kernels.
        Compact when it can be (8 MB, against 29 for the exact layout; issue 3's round 21): a
        pair is found by 48 bits of its hash, so an unlisted pair reads as a listed one about
        once in 1e14 look-ups."""
        kernels = native.KERNELS
        if kernels is None:
            return None
        return kernels.pair_table(self.keys, np.ascontiguousarray(self.values, np.float64))


def from_counts(pairs: Sequence[str], seen: np.ndarray, hit: np.ndarray, seen_total: int,
                hit_total: int, smoothing: float, min_stories: int = MIN_STORIES) -> PairPrior:
    """The table of the pairs (``"a b"``) seen in at least ``min_stories`` stories, most seen
    first. ``pairs`` may leave out pairs seen in fewer: ``seen_total`` and ``hit_total`` are
    the counts over every pair, and what the table leaves out makes up ``base``."""
    seen, hit = np.asarray(seen, np.int64), np.asarray(hit, np.int64)
    keep = np.flatnonzero(seen >= min_stories)
    keep = keep[np.lexsort((np.array([pairs[k] for k in keep], dtype=object), -seen[keep]))]
    totals = (seen_total, hit_total, seen_total - int(seen[keep].sum()),
              hit_total - int(hit[keep].sum()))
    keys = "".join(pairs[k] + "\n" for k in keep).encode("utf-8")
    return PairPrior(keys, seen[keep], hit[keep], totals, smoothing)


def write(prior: PairPrior, path: str | Path) -> None:
    """Save ``prior`` as ``read`` loads it (numpy's compressed archive: the keys as UTF-8
    bytes, the counts as int32)."""
    with open(path, "wb") as f:
        np.savez_compressed(f, keys=np.frombuffer(prior.keys, np.uint8),
                            seen=prior.seen.astype(np.int32), hit=prior.hit.astype(np.int32),
                            totals=np.array(prior.totals, np.int64),
                            smoothing=np.array(prior.smoothing))


def read(path: str | Path) -> PairPrior:
    """A table ``write`` saved."""
    with np.load(path, allow_pickle=False) as z:
        return PairPrior(z["keys"].tobytes(), z["seen"], z["hit"], z["totals"].tolist(),
                         float(z["smoothing"]))


def empty() -> PairPrior:
    """No pairs: every pair at base rate 0."""
    return PairPrior(b"", np.zeros(0), np.zeros(0), (0, 0, 0, 0), 0.0)


@lru_cache(maxsize=1)
def shipped() -> PairPrior:
    """The shipped table; an empty one when it is not there."""
    table = read_shipped(FILE, read)
    return empty() if table is None else table


def features(tokens: Sequence[Sequence[str]], prior: PairPrior) -> np.ndarray:
    """``FEATURES`` of a story's candidates (one row per sentence's tokens): mean, max and sum
    of the prior over the sentence's distinct adjacent pairs, the share of them the table
    lists, and the mean's rank in the story (best first, over n - 1) and gap to the best."""
    out = np.zeros((len(tokens), len(FEATURES)))
    packed = prior.packed
    if packed is not None and native.KERNELS is not None:
        native.KERNELS.pair_prior_features(packed, prior.base, tokens, out)
        return out
    return python_features(tokens, prior, out)


def python_features(tokens: Sequence[Sequence[str]], prior: PairPrior,
                    out: np.ndarray | None = None) -> np.ndarray:
    """``features`` in Python (the kernels' reference)."""
    n = len(tokens)
    if out is None:
        out = np.zeros((n, len(FEATURES)))
    table, base = prior.table, prior.base
    for i, t in enumerate(tokens):
        pairs = set(zip(t, t[1:]))
        if not pairs:
            continue
        vals = [table.get(p, base) for p in pairs]
        out[i, 0] = sum(vals) / len(vals)
        out[i, 1] = max(vals)
        out[i, 2] = sum(vals)
        out[i, 3] = sum(1 for p in pairs if p in table) / len(pairs)
    mean = out[:, 0]
    out[:, 4] = np.argsort(np.argsort(-mean, kind="stable"), kind="stable") / max(1, n - 1)
    out[:, 5] = mean.max() - mean if n else mean
    return out
