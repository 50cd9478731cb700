"""Choose among whole candidate summaries (issue 3, after MatchSum's idea).

``select`` builds one summary greedily, sentence by sentence. Here it runs again under a few
other settings and with each of its sentences taken out, and a forest fitted on train stories
(``newsbrief train --only rerank``) ranks the candidate summaries as wholes: how much of the
story's cross-article vocabulary each covers, its sentences' features averaged over its words,
its shape (articles used, inner redundancy, positions, score ranks). The greedy's own summary is
always a candidate, and the one kept on a tie, so without a shipped model briefs are the
greedy's.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np

from . import native
from .score import Scored
from . import select as selection
from .select import Setting, select, select_many
from .trees import Forest, shipped

MODEL_FILE = "rerank_model.npz"

# (length power, MMR penalty, strict redundancy limit) of the extra greedy runs. Chosen from
# a grid of 36 by forward selection on val 0-1,499, checked on 1,500-2,999 (docs/benchmarks.md,
# "Choosing among whole summaries"): these keep most of the grid's gain for a fifth of its runs.
GENERATORS: tuple[tuple[float, float, float], ...] = (
    (0.15, 0.3, 0.5),
    (0.3, 0.0, 0.3),
    (0.3, 0.0, 0.4),
    (0.0, 0.3, 0.4),
    (0.0, 0.0, 0.5),
    (0.15, 0.6, 0.3),
    (0.15, 0.6, 0.5),
    (0.5, 0.6, 0.5),
)

SUMMARY_FEATURES = (
    "cross_terms", "shared_terms", "term_spread",
    "density", "mean_score", "min_score", "max_score", "fill", "sentences", "articles_used",
    "article_share", "centroid_sim", "score_centroid_sim", "inner_sim_mean", "inner_sim_max",
    "mean_position", "leads", "mean_rank", "max_rank", "distinct_terms",
    "length_power", "mmr", "strict", "dropped", "story_sentences", "story_max_score",
    "story_score_spread",
)


class Candidate(NamedTuple):  # a tuple: a story makes about fifteen, and cheaply
    chosen: tuple[int, ...]  # indices into the scored sentences, best first, as ``select``
    setting: tuple[float, float, float]  # the greedy run's (length power, MMR, strict limit)
    dropped: int = 0  # k > 0: the greedy's summary re-chosen without its k-th sentence


def feature_names(sentence_features: tuple[str, ...]) -> tuple[str, ...]:
    """Column names: the summary's own, its sentences' averaged, then each as a difference from
    the greedy's summary."""
    own = SUMMARY_FEATURES + tuple(f"mean_{f}" for f in sentence_features)
    return own + tuple(f"vs_greedy_{f}" for f in own)


def candidates(scored: Scored, words: int) -> list[Candidate]:
    """The candidate summaries of a story (distinct sets of sentences), the greedy's
    (``select``) first."""
    runs, settings = _runs(selection.LENGTH_POWER, selection.MMR_PENALTY,
                           selection.STRICT_REDUNDANCY)
    kernels = native.KERNELS
    sents = scored.sentences
    if kernels is not None and sents:
        # The same runs in one compiled call, which also keeps one run per set of sentences.
        tables = _tables(tuple(power for power, _, _ in settings))
        sizes = [x.words for x in sents]
        if max(sizes) < tables.shape[1]:
            vec = np.ascontiguousarray(scored.vectors, dtype=np.float64)
            found = kernels.greedy_candidates(
                np.ascontiguousarray(scored.scores, dtype=np.float64), tables, sizes, vec,
                vec.shape[1], words, scored.terms or ((),) * len(sents), [x.text for x in sents],
                selection._quoted_pairs,
                [(strict, selection.REDUNDANCY, mmr) for _, mmr, strict in settings],
                selection.SHARED_PAIRS)
            return [Candidate(chosen, settings[run], k) for chosen, run, k in found]
    picks = select_many(scored, words, runs, drops=True)
    greedy = tuple(picks[0])
    if not greedy:
        return []
    # One candidate per set of sentences: the brief's order is the pipeline's (``order``),
    # whatever order a run chose them in, so two runs that chose the same sentences made the
    # same brief (a third of the runs, on validation).
    found = {frozenset(greedy): Candidate(greedy, settings[0])}
    for setting, chosen in zip(settings[1:], picks[1:len(runs)]):
        if chosen:
            found.setdefault(frozenset(chosen), Candidate(tuple(chosen), setting))
    for k, chosen in enumerate(picks[len(runs):], 1):
        if chosen:
            found.setdefault(frozenset(chosen), Candidate(tuple(chosen), settings[0], k))
    return list(found.values())


@lru_cache(maxsize=4)
def _tables(powers: tuple[float, ...]) -> np.ndarray:
    """length ** power for each run's power and the lengths a sentence can have, as
    ``select._powers`` computes them (numpy's array power)."""
    return np.ascontiguousarray([selection._powers(p) for p in powers], dtype=np.float64)


@lru_cache(maxsize=4)
def _runs(*shipped: float) -> tuple[tuple[Setting, ...], tuple[tuple[float, float, float], ...]]:
    """The greedy's own run (``shipped``: its constants), then one per ``GENERATORS`` setting;
    and each run's constants."""
    runs = (Setting(*shipped), *(Setting(lp, mmr, strict) for lp, mmr, strict in GENERATORS))
    return runs, tuple(run.resolved() for run in runs)


def features(scored: Scored, rows: np.ndarray, cands: list[Candidate], words: int) -> np.ndarray:
    """One row per candidate (``feature_names`` order). ``rows``: the sentence forest's input
    rows of ``scored``'s sentences. In the compiled kernel when this install has it, else
    with numpy (``_numpy_features``; the two sum in different orders, so they can differ in
    the last bits)."""
    kernels = native.KERNELS
    if kernels is None or not cands:
        return _numpy_features(scored, rows, cands, words)
    sents = scored.sentences
    rows = np.ascontiguousarray(rows, dtype=np.float64)
    vec = np.ascontiguousarray(scored.vectors, dtype=np.float64)
    arts: dict[str, int] = {}
    out = np.empty((len(cands), 2 * (len(SUMMARY_FEATURES) + rows.shape[1])))
    kernels.summary_features(
        [c.chosen for c in cands], np.ascontiguousarray(scored.scores, dtype=np.float64),
        [x.words for x in sents], [x.position for x in sents],
        list(map(len, scored.terms)) if scored.terms else (vec > 0).sum(axis=1).tolist(),
        [arts.setdefault(x.article, len(arts)) for x in sents], vec, vec.shape[1], rows,
        rows.shape[1], [v for c in cands for v in (*c.setting, c.dropped)], float(words), out)
    return out


def _numpy_features(scored: Scored, rows: np.ndarray, cands: list[Candidate],
                    words: int) -> np.ndarray:
    """``features`` with numpy alone, for all candidates at once: a story has about fifteen,
    and numpy's cost is per call."""
    s = np.asarray(scored.scores, dtype=np.float64)
    n, k = len(s), len(cands)
    sents = scored.sentences
    w = np.array([x.words for x in sents], dtype=np.float64)
    member = np.zeros((k, n))
    for r, c in enumerate(cands):
        member[r, list(c.chosen)] = 1.0
    weighted = member * w
    total = weighted.sum(axis=1)
    per_word = 1.0 / np.maximum(total, 1.0)
    count = member.sum(axis=1)
    per_sentence = 1.0 / np.maximum(count, 1.0)
    vec = np.asarray(scored.vectors, dtype=np.float64)
    present = (vec > 0).astype(np.float64)
    arts: dict[str, int] = {}
    art = np.array([arts.setdefault(x.article, len(arts)) for x in sents])
    onehot = np.zeros((n, len(arts)))
    onehot[np.arange(n), art] = 1.0
    # Consensus: in how many articles each content term occurs, and how much of the terms that
    # several outlets use the summary covers.
    spread = ((onehot.T @ present) > 0).sum(axis=0).astype(np.float64)
    covered = ((member @ present) > 0).astype(np.float64)
    extra = np.maximum(spread - 1.0, 0.0)
    shared = (spread >= 2).astype(np.float64)
    n_covered = covered.sum(axis=1)
    cross = covered @ extra / max(extra.sum(), 1.0)
    common = covered @ shared / max(shared.sum(), 1.0)
    term_spread = covered @ spread / np.maximum(n_covered, 1.0)
    # Shape.
    chosen = member > 0
    low = np.where(chosen, s, np.inf).min(axis=1)
    high = np.where(chosen, s, -np.inf).max(axis=1)
    used = (member @ onehot) > 0
    share = (weighted @ onehot).max(axis=1) * per_word
    centroid = _unit(w @ vec)
    score_centroid = _unit((w * s) @ vec)
    summary = weighted @ vec
    summary /= np.maximum(np.linalg.norm(summary, axis=1), 1e-12)[:, None]
    gram = vec @ vec.T
    inner = np.einsum("ki,ij,kj->k", member, gram, member) - member @ np.diag(gram)
    pairs = count * (count - 1)
    off = chosen[:, :, None] & chosen[:, None, :] & ~np.eye(n, dtype=bool)
    inner_max = np.where(off, gram, -np.inf).max(axis=(1, 2)) if n else np.zeros(k)
    inner_max[pairs == 0] = 0.0
    position = np.array([x.position for x in sents], dtype=np.float64)
    rank = np.argsort(np.argsort(-s, kind="stable"), kind="stable").astype(np.float64)
    n_terms = np.array([len(t) for t in scored.terms], dtype=np.float64) if scored.terms \
        else present.sum(axis=1)
    settings = np.array([[*c.setting, c.dropped] for c in cands], dtype=np.float64)
    own = np.column_stack([
        cross, common, term_spread,
        weighted @ s / words, member @ s * per_sentence, low, high,
        np.minimum(total, words) / words, count, used.sum(axis=1), share,
        summary @ centroid, summary @ score_centroid,
        inner / np.maximum(pairs, 1.0), inner_max,
        member @ position * per_sentence, member @ (position == 0), member @ rank * per_sentence,
        np.where(chosen, rank, -1.0).max(axis=1),
        n_covered / np.maximum(member @ n_terms, 1.0),
        settings,
        np.full(k, float(n)), np.full(k, s.max()), np.full(k, s.std()),
        (weighted @ rows) * per_word[:, None],
    ])
    return np.hstack([own, own - own[0]])


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


def model() -> Forest | None:
    """The shipped reranker when it fits the shipped sentence features, else None."""
    forest = shipped(MODEL_FILE)
    if forest is None or forest.features != _shipped_names():
        return None
    return forest


@lru_cache(maxsize=1)
def _shipped_names() -> tuple[str, ...]:
    from .score import MODEL_FEATURES

    return feature_names(MODEL_FEATURES)


def choose(scored: Scored, words: int, forest: Forest | None = None) -> list[int]:
    """The chosen sentences (best first, as ``select``): the candidate summary the forest
    ranks highest; the greedy's (``select``) on a tie, without a forest, or when the scores
    did not come from the sentence forest (no ``scored.rows``)."""
    if forest is None or scored.rows is None:
        return select(scored, words)
    cands = candidates(scored, words)
    if len(cands) < 2:
        return list(cands[0].chosen) if cands else []
    ranks = forest.predict(features(scored, scored.rows, cands, words))
    return list(cands[int(np.argmax(ranks))].chosen)
