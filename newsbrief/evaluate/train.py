"""Fit the learned parameters that ship in ``newsbrief/data`` from the Multi-News **train**
split: ``newsbrief train ../shared/data/multi_news/train.jsonl.gz``.

Four forests of trees (LightGBM; exported to numpy arrays by ``newsbrief.trees``):

- ``screen_model.npz``: probability that an article is junk or about another story, one row
  of ``screen.ARTICLE_FEATURES`` per article that survives the fixed rules (stub, not English,
  copy); labels are the Multi-News+ train masks (``keep == false``).
- ``sentence_model.npz``: the share of a sentence's tokens (plus ``PAIR_SHARE_WEIGHT`` times
  the share of its token pairs) that the editor's summary of its story contains,
  Porter-stemmed as ROUGE counts them; one row of ``score.MODEL_FEATURES`` per candidate
  sentence of the articles the screen keeps (so it is fitted on what it will see).
- ``figure_pair_model.npz``: probability that two figures of one kind from two articles give the
  same value, from the words around them (``analyse.figure_pairs.FEATURES``; the value is no
  feature), one row per pair the analysis reads in the articles the screen keeps, from train
  stories ``FIGURE_SKIP`` on; pairs scored low are not compared for conflicts. Needs the
  ``analysis`` extra (spaCy's tagger finds the places and people the rows use).
- ``rerank_model.npz``: a regression forest over whole candidate summaries (``rerank``) that
  predicts each candidate's ROUGE-1 + ``RERANK_R2_WEIGHT`` x ROUGE-2 gain over the greedy's
  summary; its rows are the candidates of the first ``RERANK_STORIES`` train stories, each
  story scored out of sample (its rows with the other folds' priors, its scores by a sentence
  forest fitted without it).
- ``term_prior.tsv.gz``: for each content term, in how many stories' articles it occurs and in
  how many of those the summary has it (``score.read_prior`` smooths the ratio), counted over
  every train story. The sentence forest's rows are computed with a *cross-fitted* prior
  (``PRIOR_FOLDS``): a story's rows see the table counted on the other folds only. A prior
  that contained the very summaries the forest learns from would be trusted more than it
  deserves on new stories; cross-fitting avoids that while every story serves the prior.
- ``pair_prior.npz``: the same for adjacent token pairs (``newsbrief.pair_prior``), counted
  and cross-fitted the same way; its six columns follow ``score.FEATURES`` in the sentence
  forest's rows (``score.MODEL_FEATURES``).

Validation data is never read here; it only chooses settings (see docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as _dt
import gzip
import json
import multiprocessing as mp
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PROVENANCE = "models.json"
SEED = 13


def _lines(path: str, limit: int, skip: int = 0) -> Iterator[str]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        for n, line in enumerate(f):
            if n < skip:
                continue
            if n >= skip + limit:
                return
            if line.strip():
                yield line


@lru_cache(maxsize=200_000)
def _porter(word: str) -> str:
    from nltk.stem import porter

    return _stemmer().stem(word) if len(word) > 3 else word


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    from nltk.stem import porter

    return porter.PorterStemmer()


def rouge_tokens(text: str) -> list[str]:
    """Tokens as rouge-score counts them: lowercase alphanumeric runs, Porter-stemmed."""
    import re

    return [_porter(w) for w in re.findall(r"[a-z0-9]+", text.lower())]


# How much the share of a sentence's token pairs in the summary counts in the sentence forest's
# target beside the share of its tokens (1 until issue 3's round 20). Half: the forest's held-out
# Pearson with its own target rises (0.513 -> 0.529) and, with the reranker fitted to match,
# reranked briefs gain 0.12 / 0.08 ROUGE-1 on val 0-1,499 / 1,500-2,999 for +0.06 / -0.07
# ROUGE-2 (docs/benchmarks.md, "Round 20").
PAIR_SHARE_WEIGHT = 0.5


def shares(sentence: str, ref_uni: Counter[str], ref_bi: Counter[tuple[str, str]]
           ) -> tuple[float, float]:
    """(share of the sentence's tokens in the reference, share of its token pairs)."""
    toks = rouge_tokens(sentence)
    if not toks:
        return 0.0, 0.0
    uni = Counter(toks)
    u = sum(min(c, ref_uni[t]) for t, c in uni.items()) / len(toks)
    bi = Counter(zip(toks, toks[1:]))
    b = sum(min(c, ref_bi[t]) for t, c in bi.items()) / max(1, len(toks) - 1)
    return u, b


def density(sentence: str, ref_uni: Counter[str], ref_bi: Counter[tuple[str, str]],
            pair_weight: float = PAIR_SHARE_WEIGHT) -> float:
    """Share of the sentence's tokens in the reference plus ``pair_weight`` times the share of
    its token pairs (``shares``)."""
    u, b = shares(sentence, ref_uni, ref_bi)
    return u + pair_weight * b


def _prepare(line: str) -> tuple[dict[str, Any], list[Any]]:
    from ..clean import clean
    from ..ingest import story_from_documents

    rec = json.loads(line)
    story = story_from_documents(str(rec["id"]), rec["documents"])
    return rec, [clean(a).article for a in story.articles]


def _screen_rows(task: tuple[str, tuple[bool, ...] | None]) -> tuple[np.ndarray, np.ndarray]:
    from ..errors import NewsbriefError
    from ..screen import MIN_ENGLISH_SHARE, MIN_WORDS, article_features, find_copies
    from ..text import english_share

    line, keep = task
    if keep is None:
        return np.zeros((0, 0)), np.zeros(0)
    try:
        _, arts = _prepare(line)
    except NewsbriefError:
        return np.zeros((0, 0)), np.zeros(0)
    arts = [a for a in arts if len(a.text.split()) >= MIN_WORDS
            and english_share(a.text) >= MIN_ENGLISH_SHARE]
    copies = find_copies(arts)
    arts = [a for a in arts if a.id not in copies]
    if not arts:
        return np.zeros((0, 0)), np.zeros(0)
    x = article_features(arts)
    y = np.array([0.0 if a.index < len(keep) and keep[a.index] else 1.0 for a in arts])
    return x, y


# Terms seen in fewer train stories than this are left out of the shipped prior table (they
# take the base rate, which smoothing pulls them close to anyway): keeps the file small.
PRIOR_MIN_STORIES = 5


# The term prior is cross-fitted: train story n is in fold n % PRIOR_FOLDS, and the sentence
# rows of a story are computed with the prior counted on the *other* folds, so no row sees its
# own summary in a prior while every train story serves both the forest and the prior. The
# shipped table counts all folds.
PRIOR_FOLDS = 5


def count_prior(train_path: str, folds: int = PRIOR_FOLDS
                ) -> list[tuple[int, Counter[str], Counter[str]]]:
    """Per fold: (stories, content term -> stories whose articles have it, term -> those of
    them whose summary has it too)."""
    from ..text import content_terms

    counts: list[tuple[int, Counter[str], Counter[str]]] = [
        (0, Counter(), Counter()) for _ in range(folds)]
    for n, line in enumerate(_lines(train_path, 10**9)):
        rec = json.loads(line)
        found = {t for d in rec["documents"] if isinstance(d, str) for t in content_terms(d)}
        summary = set(content_terms(rec.get("summary") or ""))
        stories, seen, hit = counts[n % folds]
        seen.update(found)
        hit.update(found & summary)
        counts[n % folds] = (stories + 1, seen, hit)
    return counts


def merge_counts(parts: list[tuple[int, Counter[str], Counter[str]]]
                 ) -> tuple[int, Counter[str], Counter[str]]:
    stories, seen, hit = 0, Counter[str](), Counter[str]()
    for s, se, hi in parts:
        stories += s
        seen.update(se)
        hit.update(hi)
    return stories, seen, hit


def write_prior(counts: tuple[int, Counter[str], Counter[str]], out: Path) -> int:
    """Write the table ``score.read_prior`` reads; returns the number of terms written."""
    stories, seen, hit = counts
    kept = sorted((t for t, c in seen.items() if c >= PRIOR_MIN_STORIES),
                  key=lambda t: (-seen[t], t))
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(f"#stories\t{stories}\t{sum(seen.values())}\t{sum(hit.values())}\n")
        for t in kept:
            f.write(f"{t}\t{seen[t]}\t{hit[t]}\n")
    return len(kept)


def count_pair_prior(train_path: str, folds: int = PRIOR_FOLDS, min_stories: int | None = None
                     ) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray,
                                tuple[np.ndarray, np.ndarray]]:
    """Adjacent token pairs (``text.words`` of each document and of the summary, stopwords
    kept), counted per story as ``count_prior`` counts terms: (the pairs seen in at least
    ``min_stories`` stories, as "a b"; stories per fold; for those pairs, [pair, fold]
    stories whose articles have the pair and [pair, fold] those of them whose summary has it
    too; per fold, the two counts summed over every pair). Pairs are packed as ``id_a << 32 |
    id_b`` while counting: a set of int per story, not of str. ``min_stories`` defaults to the
    table's own (``pair_prior.MIN_STORIES``)."""
    from .. import pair_prior
    from ..text import words

    if min_stories is None:
        min_stories = pair_prior.MIN_STORIES

    vocab: dict[str, int] = {}
    seen_parts: list[np.ndarray] = []
    hit_parts: list[np.ndarray] = []
    seen_fold: list[int] = []
    hit_fold: list[int] = []
    stories = np.zeros(folds, np.int64)

    def codes(pairs: set[tuple[int, int]]) -> np.ndarray:
        return np.fromiter((a << 32 | b for a, b in pairs), np.int64, len(pairs))

    for n, line in enumerate(_lines(train_path, 10**9)):
        rec = json.loads(line)
        found: set[tuple[int, int]] = set()
        for d in rec["documents"]:
            if isinstance(d, str):
                ids = [vocab.setdefault(t, len(vocab)) for t in words(d)]
                found.update(zip(ids, ids[1:]))
        ids = [vocab.setdefault(t, len(vocab)) for t in words(rec.get("summary") or "")]
        hit = found & set(zip(ids, ids[1:]))
        seen_parts.append(codes(found))
        hit_parts.append(codes(hit))
        seen_fold.append(len(found))
        hit_fold.append(len(hit))
        stories[n % folds] += 1
    fold_of = np.arange(len(seen_fold)) % folds
    seen = np.concatenate(seen_parts)
    hits = np.concatenate(hit_parts)
    del seen_parts, hit_parts
    uniq, inv = np.unique(seen, return_inverse=True)
    seen_counts = np.bincount(inv * folds + np.repeat(fold_of, seen_fold),
                              minlength=len(uniq) * folds).reshape(-1, folds)
    del seen, inv
    hit_counts = np.bincount(np.searchsorted(uniq, hits) * folds + np.repeat(fold_of, hit_fold),
                             minlength=len(uniq) * folds).reshape(-1, folds)
    names = [""] * len(vocab)
    for t, i in vocab.items():
        names[i] = t
    # Only pairs a table can list are spelled out (most are seen once or twice); the totals
    # per fold count them all.
    totals = (seen_counts.sum(axis=0), hit_counts.sum(axis=0))
    listed = np.flatnonzero(seen_counts.sum(axis=1) >= min_stories)
    pairs = [f"{names[c >> 32]} {names[c & 0xFFFFFFFF]}" for c in uniq[listed].tolist()]
    return pairs, stories, seen_counts[listed], hit_counts[listed], totals


# The pair tables of the folds (story n's rows use ``_PAIR_PRIORS[n % PRIOR_FOLDS]``), as
# ``_PRIORS`` for terms.
_PAIR_PRIORS: list[Any] = []


# The prior tables the sentence rows are computed with, one per fold (story n uses
# ``_PRIORS[n % PRIOR_FOLDS]``); set by ``train`` before the worker processes fork.
_PRIORS: list[Any] = []


def _sentence_rows(task: tuple[int, str]) -> tuple[np.ndarray, np.ndarray]:
    from ..errors import NewsbriefError
    from ..score import TRAIN_MAX_WORDS, candidates, features, model_rows
    from ..screen import screen
    from ..segment import segment

    n, line = task
    try:
        rec, arts = _prepare(line)
    except NewsbriefError:
        return np.zeros((0, 0)), np.zeros(0)
    kept = screen(arts).kept
    sents = [s for a in kept for s in segment(a)]
    cands, terms = candidates(sents, TRAIN_MAX_WORDS)
    if not cands:
        return np.zeros((0, 0)), np.zeros(0)
    x, _ = features(cands, terms, _PRIORS[n % len(_PRIORS)])
    x = model_rows(cands, x, kept, _PAIR_PRIORS[n % len(_PAIR_PRIORS)])
    ref = rouge_tokens(rec["summary"])
    ref_uni, ref_bi = Counter(ref), Counter(zip(ref, ref[1:]))
    y = np.array([density(s.text, ref_uni, ref_bi) for s in cands])
    return x, y


def _figure_rows(line: str) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of figures of one kind from two of a story's articles (those the screen keeps),
    as the analysis reads them: label 1 when the two give the same value."""
    from ..analyse import conflicts, entities_by_sentence, facts, figure_pairs
    from ..errors import NewsbriefError
    from ..screen import screen
    from ..segment import segment

    try:
        _, arts = _prepare(line)
    except NewsbriefError:
        return np.zeros((0, 0)), np.zeros(0)
    kept = screen(arts).kept
    if len(kept) < 2:
        return np.zeros((0, 0)), np.zeros(0)
    sents = [s for a in kept for s in segment(a)]
    _, places, people, _ = entities_by_sentence(kept, sents)
    qs = facts.quantities(kept, sents)
    pairs, x = figure_pairs.rows(qs, sents, places, people)
    y, use = [], []
    for (i, j) in pairs:
        a, b = qs[i].value, qs[j].value
        same = abs(a - b) <= 1e-9 * max(1.0, abs(a))
        # Figures further apart than the rules ever compare teach nothing about the pairs the
        # model is asked about.
        use.append(same or conflicts._ratio(a, b) <= conflicts.MAX_RATIO)
        y.append(float(same))
    keep = np.array(use, dtype=bool)
    return x[keep], np.array(y)[keep]


def _collect(fn: Callable[[Any], tuple[np.ndarray, np.ndarray]], tasks: Iterator[Any],
             jobs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, groups = [], [], []
    with mp.get_context("fork").Pool(jobs) as pool:
        for g, (x, y) in enumerate(pool.imap(fn, tasks, chunksize=16)):
            if len(y):
                xs.append(x)
                ys.append(y)
                groups.append(np.full(len(y), g))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(groups)


def _fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray, objective: str,
         params: dict[str, Any]) -> tuple[Any, dict[str, float]]:
    """Fit on 90% of the stories, report the held-out 10% metric, then refit on all."""
    import lightgbm as lgb

    rng = np.random.default_rng(SEED)
    ids = np.unique(groups)
    held = set(rng.choice(ids, size=max(1, len(ids) // 10), replace=False).tolist())
    test = np.array([g in held for g in groups])
    base = {"objective": objective, "verbose": -1, "seed": SEED, "deterministic": True,
            "num_threads": 2, **params}
    rounds = base.pop("rounds")
    booster = lgb.train(base, lgb.Dataset(x[~test], y[~test]), rounds)
    pred = booster.predict(x[test])
    if objective == "binary":
        from sklearn.metrics import roc_auc_score

        metrics = {"heldout_auc": float(roc_auc_score(y[test], pred))}
    else:
        metrics = {"heldout_pearson": float(np.corrcoef(pred, y[test])[0, 1])}
    booster = lgb.train(base, lgb.Dataset(x, y), rounds)
    return booster, metrics


SCREEN_PARAMS = {"rounds": 200, "num_leaves": 15, "max_depth": 6, "learning_rate": 0.05,
                 "min_data_in_leaf": 50, "feature_fraction": 0.9}
# 150 small trees score as well as 300 or 500 larger ones (val 300 ROUGE-1 44.32 vs 44.37 /
# 44.29, within noise) and cost a third of the time to apply. A LambdaRank objective on
# per-story relevance bins did no better (44.35).
SENTENCE_PARAMS = {"rounds": 150, "num_leaves": 15, "max_depth": 6, "learning_rate": 0.1,
                   "min_data_in_leaf": 100, "feature_fraction": 0.8}
# The screen's size of forest, shallow enough for ``trees``' heap layout (no other size was
# tried).
FIGURE_PARAMS = {"rounds": 200, "num_leaves": 15, "max_depth": 6, "learning_rate": 0.05,
                 "min_data_in_leaf": 20}
# The figure-pair model reads stories after these: the hand-judged conflict samples
# (docs/conflict_precision_sample.md) come from the first 10,000 train stories, and a model
# fitted on their pairs (every pair of different figures labelled "two quantities") would look
# better on them than it is.
FIGURE_SKIP = 10_000


def train(train_path: str, *, stories: int = 10_000, jobs: int = 2, what: str = "all",
          out_dir: Path = DATA_DIR, screen_threshold: float | None = None,
          log: Callable[[str], None] = print) -> dict[str, Any]:
    from .. import screen as screen_mod
    from .. import pair_prior
    from .. import score as score_mod
    from ..trees import from_lightgbm, save, shipped
    from .data import mask_path, read_masks

    prov_path = out_dir / PROVENANCE
    prov: dict[str, Any] = json.loads(prov_path.read_text()) if prov_path.exists() else {}
    sentence_rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    if what in ("all", "screen"):
        masks = read_masks(mask_path(train_path))
        tasks = ((line, masks.get(json.loads(line)["id"]))
                 for line in _lines(train_path, stories))
        x, y, g = _collect(_screen_rows, tasks, jobs)
        log(f"screen: {len(y)} articles from {len(np.unique(g))} stories, "
            f"{y.mean():.3f} junk or off-topic")
        booster, metrics = _fit(x, y, g, "binary", dict(SCREEN_PARAMS))
        threshold = screen_threshold if screen_threshold is not None else \
            screen_mod.JUNK_PROBABILITY
        meta = {"threshold": threshold, **metrics}
        save(from_lightgbm(booster.dump_model(), list(screen_mod.ARTICLE_FEATURES), meta),
             str(out_dir / screen_mod.MODEL_FILE))
        shipped.cache_clear()
        prov["screen_model"] = _provenance(train_path, stories, len(y), SCREEN_PARAMS, meta,
                                           "screen")
        log(f"screen: {metrics}")
    if what in ("all", "sentences"):
        folds, (pairs, pstories, pseen, phit, fold_seen, fold_hit) = _fold_tables(train_path)
        everything = merge_counts(folds)
        prior_terms = write_prior(everything, out_dir / score_mod.PRIOR_FILE)
        score_mod.term_prior.cache_clear()
        log(f"term prior: {prior_terms} terms from {everything[0]} stories "
            f"({len(folds)} folds for the forest's rows)")
        prov["term_prior"] = {
            "data": f"Multi-News train split ({Path(train_path).name}), every story; the "
                    f"forest's rows of fold k (story number % {len(folds)}) were computed "
                    "with the table of the other folds",
            "stories": everything[0], "terms": prior_terms, "folds": len(folds),
            "min_stories": PRIOR_MIN_STORIES, "smoothing": score_mod.PRIOR_SMOOTHING,
            "command": f"newsbrief train {train_path} --only sentences --stories {stories}",
            "date": _dt.date.today().isoformat(),
        }
        smoothing = score_mod.PRIOR_SMOOTHING
        whole = pair_prior.from_counts(pairs, pseen.sum(axis=1), phit.sum(axis=1),
                                       int(fold_seen.sum()), int(fold_hit.sum()), smoothing)
        pair_prior.write(whole, out_dir / pair_prior.FILE)
        pair_prior.shipped.cache_clear()
        log(f"pair prior: {len(whole)} pairs (seen in >= {pair_prior.MIN_STORIES} stories) "
            f"from {int(pstories.sum())} stories; folds "
            + ", ".join(str(len(t)) for t in _PAIR_PRIORS))
        prov["pair_prior"] = {
            "data": f"Multi-News train split ({Path(train_path).name}), every story, counted "
                    "and cross-fitted as the term prior",
            "stories": int(pstories.sum()), "pairs": len(whole), "folds": len(folds),
            "min_stories": pair_prior.MIN_STORIES, "smoothing": smoothing,
            "command": f"newsbrief train {train_path} --only sentences --stories {stories}",
            "date": _dt.date.today().isoformat(),
        }
        del pairs, pseen, phit
        x, y, g = _collect(_sentence_rows, enumerate(_lines(train_path, stories)), jobs)
        if what == "all":
            sentence_rows = (x, y, g)
        else:
            _PRIORS.clear()
            _PAIR_PRIORS.clear()
        log(f"sentences: {len(y)} candidates from {len(np.unique(g))} stories")
        booster, metrics = _fit(x, y, g, "regression", dict(SENTENCE_PARAMS))
        save(from_lightgbm(booster.dump_model(), list(score_mod.MODEL_FEATURES), metrics),
             str(out_dir / score_mod.MODEL_FILE))
        shipped.cache_clear()
        prov["sentence_model"] = _provenance(train_path, min(stories, everything[0]), len(y),
                                             SENTENCE_PARAMS, metrics, "sentences", stories)
        prov["sentence_model"]["target"] = (
            f"share of the sentence's tokens in the summary + {PAIR_SHARE_WEIGHT} x share of its "
            "token pairs (Porter-stemmed, as ROUGE counts them)")
        log(f"sentences: {metrics}")
    if what in ("all", "figures"):
        from ..analyse import figure_pairs, nlp

        if nlp.available():  # the tagger loads once, before the workers fork
            nlp.tag(["Warm-up sentence for the tagger in Paris."])
        x, y, g = _collect(_figure_rows, _lines(train_path, stories, FIGURE_SKIP), jobs)
        log(f"figures: {len(y)} pairs from {len(np.unique(g))} stories, {y.mean():.3f} give "
            "the same value")
        booster, metrics = _fit(x, y, g, "binary", dict(FIGURE_PARAMS))
        meta = {"threshold": figure_pairs.VETO_BELOW, "tagger": nlp.backend(), **metrics}
        save(from_lightgbm(booster.dump_model(), list(figure_pairs.FEATURES), meta),
             str(out_dir / figure_pairs.MODEL_FILE))
        shipped.cache_clear()
        prov["figure_pair_model"] = _provenance(train_path, len(np.unique(g)), len(y),
                                                FIGURE_PARAMS, meta, "figures", stories)
        prov["figure_pair_model"]["data"] = (
            f"Multi-News train split ({Path(train_path).name}), stories {FIGURE_SKIP} to "
            f"{FIGURE_SKIP + stories - 1} (those with figures of one kind in two articles)")
        log(f"figures: {metrics}")
    if what in ("all", "rerank"):
        from .. import rerank

        if sentence_rows is None:
            _fold_tables(train_path)
            sentence_rows = _collect(_sentence_rows, enumerate(_lines(train_path, stories)), jobs)
        n_rerank = min(RERANK_STORIES, stories)
        try:
            x, y, g = _rerank_rows(train_path, n_rerank, sentence_rows, jobs, log)
        finally:
            _PRIORS.clear()
            _PAIR_PRIORS.clear()
        del sentence_rows
        log(f"rerank: {len(y)} candidate summaries of {len(np.unique(g))} stories")
        forest, metrics = _fit_rerank(x, y, g, dict(RERANK_PARAMS))
        names = list(rerank.feature_names(score_mod.MODEL_FEATURES))
        # The largest story fitted on: ``rerank.size_limit`` keeps larger ones to the greedy.
        metrics["max_story_sentences"] = int(x[:, names.index("story_sentences")].max())
        save(from_lightgbm(forest.dump_model(), names, metrics), str(out_dir / rerank.MODEL_FILE))
        shipped.cache_clear()
        prov["rerank_model"] = _provenance(train_path, n_rerank, len(y), RERANK_PARAMS, metrics,
                                           "rerank", stories)
        prov["rerank_model"]["data"] = (
            f"Multi-News train split ({Path(train_path).name}), the candidate summaries of the "
            f"first {n_rerank} stories, each scored by a sentence forest fitted without its "
            f"chunk ({RERANK_CHUNKS} chunks) on the rows of the first {stories} stories")
        prov["rerank_model"]["target"] = (
            f"the candidate's ROUGE-1 + {RERANK_R2_WEIGHT} x ROUGE-2 F1 gain over the greedy's "
            "summary, in points")
        log(f"rerank: {metrics}")
    _PRIORS.clear()
    _PAIR_PRIORS.clear()
    prov_path.write_text(json.dumps(prov, indent=1) + "\n", encoding="utf-8")
    return prov


def _fold_tables(train_path: str) -> tuple[list[tuple[int, Counter[str], Counter[str]]], Any]:
    """Fill ``_PRIORS`` and ``_PAIR_PRIORS`` with each fold's tables (counted on the other
    folds); the counts, for the whole tables."""
    import tempfile

    from .. import pair_prior
    from .. import score as score_mod

    _PRIORS.clear()
    _PAIR_PRIORS.clear()
    folds = count_prior(train_path)
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(len(folds)):
            path = Path(tmp) / f"fold{k}.tsv.gz"
            write_prior(merge_counts(folds[:k] + folds[k + 1:]), path)
            _PRIORS.append(score_mod.read_prior(path))
    pairs, pstories, pseen, phit, (fold_seen, fold_hit) = count_pair_prior(train_path, len(folds))
    for k in range(len(folds)):
        # Counted on the other folds. Pairs not spelled out were seen in too few stories for
        # any table: they count toward its base only.
        rest = [j for j in range(len(folds)) if j != k]
        _PAIR_PRIORS.append(pair_prior.from_counts(
            pairs, pseen[:, rest].sum(axis=1), phit[:, rest].sum(axis=1),
            int(fold_seen[rest].sum()), int(fold_hit[rest].sum()), score_mod.PRIOR_SMOOTHING))
        _PAIR_PRIORS[-1].packed  # packed once here, before the workers fork
    return folds, (pairs, pstories, pseen, phit, fold_seen, fold_hit)


# The reranker (``newsbrief.rerank``) learns from the candidate summaries of the first
# RERANK_STORIES train stories, scored as at inference but out of sample: each story's rows use
# the other folds' priors, and its scores come from a sentence forest fitted on the rows of the
# stories outside its chunk (RERANK_CHUNKS forests). Scored by the shipped forest, which has
# seen their summaries, the candidates would look better than they are on new stories. 18,000
# stories did as well as 30,000 in round 15 (docs/benchmarks.md).
RERANK_STORIES = 30_000
RERANK_CHUNKS = 3
# A regression forest that predicts each candidate's ROUGE-1 + ROUGE-2 gain (since round 20
# ROUGE-1 + RERANK_R2_WEIGHT x ROUGE-2), in points, over the greedy's summary; the candidate
# predicted to gain most is picked. Until issue 3's round 17
# it was LambdaRank over the same rows, graded in one-point steps (round 15 had found the two
# about even on val 0-2,999). Refitted on the same rows, regression picked better on all of
# validation (45.88 / 16.55 against 45.83 / 16.50; docs/benchmarks.md, "The reranker as a
# regression"). Likely because the grades stopped at two points below the greedy and
# LambdaRank learns only an order within each story.
# 15 leaves x 300, depth at most 5, as before: walked by ``trees``' branch-free heap layout.
RERANK_PARAMS = {"objective": "regression", "rounds": 300, "num_leaves": 15, "max_depth": 5,
                 "learning_rate": 0.1, "min_data_in_leaf": 200, "feature_fraction": 0.8}
RERANK_WORDS = 230
# The gain learned is ROUGE-1's plus this share of ROUGE-2's (1 until issue 3's round 20): with
# half, the pick trades a little ROUGE-2, which was 0.25 over its target, for ROUGE-1, which was
# under (docs/benchmarks.md, "Round 20").
RERANK_R2_WEIGHT = 0.5


def _rerank_story(task: tuple[int, str]) -> dict[str, Any] | None:
    """One train story as the pipeline scores it (inference candidates), with the fold priors'
    sentence rows and no scores yet."""
    from ..errors import NewsbriefError
    from ..score import MAX_WORDS, Scored, _candidates, features, model_rows
    from ..screen import screen
    from ..segment import segment

    n, line = task
    try:
        rec, arts = _prepare(line)
    except NewsbriefError:
        return None
    kept = screen(arts).kept
    sents = [s for a in kept for s in segment(a)]
    cands, terms, eligible = _candidates(sents, MAX_WORDS)
    if not cands:
        return None
    x, vec = features(cands, terms, _PRIORS[n % len(_PRIORS)])
    rows = model_rows(cands, x, kept, _PAIR_PRIORS[n % len(_PAIR_PRIORS)])
    return {"n": n, "summary": rec["summary"],
            "scored": Scored(cands, np.zeros(len(cands)), vec, terms, eligible, rows)}


def _rerank_rows(train_path: str, n_stories: int,
                 sentence_rows: tuple[np.ndarray, np.ndarray, np.ndarray], jobs: int,
                 log: Callable[[str], None]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, gains and story numbers of the candidate summaries of the first
    ``n_stories`` train stories, scored out of sample (``RERANK_STORIES``)."""
    import lightgbm as lgb

    from .. import rerank
    from ..score import Scored
    from ..select import order
    from .systems import cut

    with mp.get_context("fork").Pool(jobs) as pool:
        stories = [s for s in pool.imap(_rerank_story, enumerate(_lines(train_path, n_stories)),
                                         chunksize=16) if s is not None]
    x, y, g = sentence_rows
    bounds = np.linspace(0, n_stories, RERANK_CHUNKS + 1).astype(int)
    params = {"objective": "regression", "verbose": -1, "seed": SEED, "deterministic": True,
              "num_threads": 2, **SENTENCE_PARAMS}
    rounds = params.pop("rounds")
    xs, ys, gs = [], [], []
    for lo, hi in zip(bounds, bounds[1:]):
        outside = (g < lo) | (g >= hi)
        forest = lgb.train(params, lgb.Dataset(x[outside], y[outside]), rounds)
        chunk = [s for s in stories if lo <= s["n"] < hi]
        for s in chunk:
            scored = s["scored"]
            scored = Scored(scored.sentences, forest.predict(scored.rows).astype(np.float64),
                            scored.vectors, scored.terms, scored.eligible, scored.rows)
            cands = rerank.candidates(scored, RERANK_WORDS)
            if len(cands) < 2:
                continue
            ref = rouge_tokens(s["summary"])
            ref_uni, ref_bi = Counter(ref), Counter(zip(ref, ref[1:]))
            gains = []
            for c in cands:
                # In reading order: the first chosen, then the rest by position.
                texts = [scored.sentences[c.chosen[k]].text for k in
                         order(0, [scored.sentences[i].position for i in c.chosen])]
                gains.append(_rouge12(rouge_tokens(" ".join(cut(texts, RERANK_WORDS))),
                                      ref_uni, ref_bi))
            xs.append(rerank.features(scored, scored.rows, cands, RERANK_WORDS))
            ys.append(np.array(gains) - gains[0])
            gs.append(np.full(len(cands), s["n"]))
        log(f"rerank: stories {lo}-{hi - 1} scored out of sample ({len(chunk)} kept)")
    return np.vstack(xs), np.concatenate(ys), np.concatenate(gs)


def rouge_f1s(tokens: list[str], ref_uni: Counter[str], ref_bi: Counter[tuple[str, str]]
              ) -> tuple[float, float]:
    """(ROUGE-1 F1, ROUGE-2 F1), as fractions, of ``tokens`` against one reference's counts."""
    f1s = []
    for mine, ref in ((Counter(tokens), ref_uni), (Counter(zip(tokens, tokens[1:])), ref_bi)):
        hit = sum((mine & ref).values())
        f = 0.0
        if hit:
            p, r = hit / sum(mine.values()), hit / sum(ref.values())
            f = 2 * p * r / (p + r)
        f1s.append(f)
    return f1s[0], f1s[1]


def _rouge12(tokens: list[str], ref_uni: Counter[str], ref_bi: Counter[tuple[str, str]],
             r2_weight: float = RERANK_R2_WEIGHT) -> float:
    """ROUGE-1 + ``r2_weight`` x ROUGE-2 F1, in points (``rouge_f1s``; the same sums, in the
    same order, as before the two were split)."""
    r1, r2 = rouge_f1s(tokens, ref_uni, ref_bi)
    return 100.0 * (r1 + r2_weight * r2)


def _fit_rerank(x: np.ndarray, y: np.ndarray, groups: np.ndarray,
                params: dict[str, Any]) -> tuple[Any, dict[str, float]]:
    """A regression on each candidate's gain; the held-out 10% of stories report the mean gain
    of the candidate predicted best in each story (and the best possible), then the fit is
    redone on all."""
    import lightgbm as lgb

    rng = np.random.default_rng(SEED)
    ids = np.unique(groups)
    held = set(rng.choice(ids, size=max(1, len(ids) // 10), replace=False).tolist())
    test = np.array([gr in held for gr in groups])
    base = {"objective": "regression", "verbose": -1, "seed": SEED, "deterministic": True,
            "num_threads": 2, **params}
    rounds = base.pop("rounds")
    booster = lgb.train(base, lgb.Dataset(x[~test], y[~test]), rounds)
    pred, gain, g = booster.predict(x[test]), y[test], groups[test]
    starts = np.r_[np.flatnonzero(np.r_[True, g[1:] != g[:-1]]), len(g)]
    picked = [gain[a + int(np.argmax(pred[a:b]))] for a, b in zip(starts, starts[1:])]
    best = [gain[a:b].max() for a, b in zip(starts, starts[1:])]
    metrics = {"heldout_gain": float(np.mean(picked)), "heldout_best_gain": float(np.mean(best)),
               "heldout_switched": float(np.mean([p != 0 for p in picked]))}
    booster = lgb.train(base, lgb.Dataset(x, y), rounds)
    return booster, metrics


def _provenance(path: str, stories: int, rows: int, params: dict[str, Any],
                meta: dict[str, Any], what: str, asked: int | None = None) -> dict[str, Any]:
    """``stories``: how many were read; ``asked``: the ``--stories`` given, if more."""
    import lightgbm

    return {
        "data": f"Multi-News train split ({Path(path).name}), first {stories} stories",
        "rows": rows,
        "learner": f"lightgbm {lightgbm.__version__}",
        "params": params,
        "meta": meta,
        "command": f"newsbrief train {path} --only {what} --stories {asked or stories}",
        "date": _dt.date.today().isoformat(),
    }
