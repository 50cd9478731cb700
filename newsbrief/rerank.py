"""Choose among whole candidate summaries (issue 3, after MatchSum's idea).

``select`` builds one summary greedily, sentence by sentence. Here it runs again under a few
other settings and with each of its sentences taken out, and a forest fitted on train stories
(``newsbrief train --only rerank``) ranks the candidate summaries as wholes: how much of the
story's cross-article vocabulary each covers, its sentences' features averaged over its words,
its shape (articles used, inner redundancy, positions, score ranks). The greedy's own summary is
always a candidate, and the one kept on a tie, so without a shipped model briefs are the
greedy's. The default since issue 3's round 20 (``--no-rerank``, ``Options(rerank=False)``:
the greedy alone, faster and 0.36 ROUGE-1 lower on validation; docs/benchmarks.md, "Round 20").
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from . import native
from . import select as selection
from .score import Scored
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
    rows of ``scored``'s sentences. In the compiled kernel when this install has it, else in
    Python (``_python_features``, the same sums in the same order: the same bits)."""
    kernels = native.KERNELS
    if kernels is None or not cands:
        return _python_features(scored, rows, cands, words)
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


def _python_features(scored: Scored, rows: np.ndarray, cands: list[Candidate],
                     words: int) -> np.ndarray:
    """``features`` without the kernels: the ``summary_features`` kernel's loops, sum for sum
    in its order, so both give the same bits (and the same choice)."""
    s = np.asarray(scored.scores, dtype=np.float64).tolist()
    sents = scored.sentences
    n, k, budget = len(s), len(cands), float(words)
    vec = np.asarray(scored.vectors, dtype=np.float64)
    row_values = np.asarray(rows, dtype=np.float64).tolist()
    width = len(row_values[0]) if row_values else 0
    V = vec.shape[1]
    vrow = vec.tolist()
    nz = [np.flatnonzero(vec[i]).tolist() for i in range(n)]
    w = [float(x.words) for x in sents]
    pos = [float(x.position) for x in sents]
    n_terms = [float(len(t)) for t in scored.terms] if scored.terms else \
        [float(sum(vrow[i][v] > 0 for v in nz[i])) for i in range(n)]
    arts: dict[str, int] = {}
    art = [arts.setdefault(x.article, len(arts)) for x in sents]
    # In how many articles each term occurs.
    spread = [0.0] * V
    for a in range(len(arts)):
        seen: set[int] = set()
        for i in range(n):
            if art[i] == a:
                for v in nz[i]:
                    if vrow[i][v] > 0 and v not in seen:
                        seen.add(v)
                        spread[v] += 1
    extra_total = max(sum(x - 1 if x > 1 else 0.0 for x in spread), 1.0)
    shared_total = max(float(sum(x >= 2 for x in spread)), 1.0)
    s_max, s_mean = s[0], 0.0
    cent, scent = [0.0] * V, [0.0] * V
    for i in range(n):
        if s[i] > s_max:
            s_max = s[i]
        s_mean += s[i]
        for v in nz[i]:
            x = vrow[i][v]
            cent[v] += w[i] * x
            scent[v] += w[i] * s[i] * x
    s_mean /= n
    s_var = 0.0
    for i in range(n):
        s_var += (s[i] - s_mean) * (s[i] - s_mean)
    s_std = math.sqrt(s_var / n)
    cn = sn = 0.0
    for v in range(V):
        cn += cent[v] * cent[v]
        sn += scent[v] * scent[v]
    cn, sn = math.sqrt(cn), math.sqrt(sn)
    if cn > 0:
        cent = [x / cn for x in cent]
    if sn > 0:
        scent = [x / sn for x in scent]
    rank = [0.0] * n
    for r, i in enumerate(sorted(range(n), key=lambda i: (-s[i], i))):
        rank[i] = float(r)
    gram: dict[tuple[int, int], float] = {}
    out = []
    for c in cands:
        members = list(c.chosen)[:n]
        total = dens = ssum = psum = leads = rsum = tsum = 0.0
        lo, hi, rmax = math.inf, -math.inf, -1.0
        share = [0.0] * len(arts)
        summ: dict[int, float] = {}
        touched: list[int] = []
        cross = common = spread_sum = covered = 0.0
        for i in members:
            total += w[i]
            dens += w[i] * s[i]
            ssum += s[i]
            lo, hi = (s[i] if s[i] < lo else lo), (s[i] if s[i] > hi else hi)
            share[art[i]] += w[i]
            psum += pos[i]
            leads += pos[i] == 0
            rsum += rank[i]
            rmax = rank[i] if rank[i] > rmax else rmax
            tsum += n_terms[i]
            for v in nz[i]:
                summ[v] = summ.get(v, 0.0) + w[i] * vrow[i][v]
                if len(summ) > len(touched):  # first seen in this candidate
                    touched.append(v)
                    covered += 1
                    spread_sum += spread[v]
                    cross += spread[v] - 1 if spread[v] > 1 else 0.0
                    common += spread[v] >= 2
        best_share = 0.0
        for x in share:
            best_share = x if x > best_share else best_share
        used = float(len({art[i] for i in members}))
        norm = cs = ss = 0.0
        for v in touched:
            norm += summ[v] * summ[v]
            cs += summ[v] * cent[v]
            ss += summ[v] * scent[v]
        norm = max(math.sqrt(norm), 1e-12)
        inner, inner_max = 0.0, -math.inf
        for i in members:
            for j in members:
                if i == j:
                    continue
                if (i, j) not in gram:
                    d = 0.0
                    for v in nz[i]:
                        d += vrow[i][v] * vrow[j][v]
                    gram[(i, j)] = d
                d = gram[(i, j)]
                inner += d
                inner_max = d if d > inner_max else inner_max
        m = len(members)
        pairs = float(m * (m - 1))
        count = float(m) if m > 0 else 1.0
        per_word = total if total > 1 else 1.0
        own = [cross / extra_total, common / shared_total,
               spread_sum / (covered if covered > 1 else 1.0), dens / budget, ssum / count, lo,
               hi, (total if total < budget else budget) / budget, float(m), used,
               best_share / per_word, cs / norm, ss / norm,
               inner / (pairs if pairs > 1 else 1.0), inner_max if pairs > 0 else 0.0,
               psum / count, float(leads), rsum / count, rmax,
               covered / (tsum if tsum > 1 else 1.0),
               *map(float, c.setting), float(c.dropped), float(n), s_max, s_std]
        for f in range(width):
            acc = 0.0
            for i in members:
                acc += w[i] * row_values[i][f]
            own.append(acc / per_word)
        out.append(own)
    x = np.array(out, dtype=np.float64).reshape(k, -1)
    return np.hstack([x, x - x[0]])


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


def size_limit(forest: Forest) -> float:
    """The most candidate sentences a story may have for ``forest`` to rank its summaries: the
    largest story it was fitted on (``max_story_sentences``, written by ``newsbrief train``).
    Multi-News's truncated stories have at most about 30; a full-length story has several
    times that, and there every column that grows with the story (its size, positions, score
    ranks) is outside what the forest saw, so its predictions are extrapolation. On the example
    story (85) it predicted a 2-point gain for a brief that drops the sentence giving the
    general's name and rank (docs/benchmarks.md, "The reranker as a regression")."""
    limit = forest.meta.get("max_story_sentences")
    return math.inf if limit is None else float(limit)


def choose(scored: Scored, words: int, forest: Forest | None = None) -> list[int]:
    """The chosen sentences (best first, as ``select``): the candidate summary the forest
    ranks highest; the greedy's (``select``) on a tie, without a forest, when the scores
    did not come from the sentence forest (no ``scored.rows``), or when the story has more
    candidate sentences than any the forest was fitted on (``size_limit``)."""
    if forest is None or scored.rows is None or len(scored.sentences) > size_limit(forest):
        return select(scored, words)
    cands = candidates(scored, words)
    if len(cands) < 2:
        return list(cands[0].chosen) if cands else []
    ranks = forest.predict(features(scored, scored.rows, cands, words))
    return list(cands[int(np.argmax(ranks))].chosen)
