"""Salience of each candidate sentence.

Each candidate gets a row of features (``FEATURES``): where it sits in its article, how
central it is to the story and to its article (TF-IDF cosines), how much of it the *other*
articles also carry (cross-source support), its length, how rare its words are, and cues of
low-value sentences (quotes, first person, a dangling pronoun at the start). A forest of
regression trees fitted on the Multi-News **train** split (``newsbrief train``; shipped as
``data/sentence_model.npz``, applied with numpy by ``newsbrief.trees``) turns the row into the
expected share of the sentence's words and word pairs that an editor's summary would contain:
a density, so the selection can weigh it by length against the word budget.

One feature family is learned from the train split before the forest: each content term's
summary prior, how often a term found in a story's articles is also in the editor's summary
(``data/term_prior.tsv.gz``, counted by ``newsbrief train`` over the train split; the forest
learns from rows whose prior was counted without their own story).
It tells what editors keep ("police" 0.67, "arrested" 0.57, "killed" 0.54 against a base rate
of 0.27) from what they drop ("photo" 0.12, "caption" 0.03), which no within-story statistic
can.
A second table does the same for adjacent token pairs (``pair_prior``), whose six columns
follow ``FEATURES`` in the forest's rows (``MODEL_FEATURES``). The last three say whether the
sentence's article is the AP's report (``sources``): editors follow it more often than the
others.

Every feature ignores letter case: the model is fitted on Multi-News's lowercased text and
must behave the same on real, cased articles. Without the shipped model the score falls back
to a fixed linear blend of centrality, support and position.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np

from . import native, pair_prior, sources
from .model import Article, Sentence
from .resources import idf_table, read_shipped
from .trees import shipped
from .vectors import count_matrix, row_norms

# Sentences outside this length range are fragments (datelines, "he said.") or run-ons
# (scraped lists glued together); they are never chosen. 150, not 80: on lowercased text
# (Multi-News) the splitter could not see a sentence start after a spaced quote, so a lead
# paragraph often came as one 80-150 word span; as candidates they raised ROUGE-1/2 on val
# 0-500 from 44.81 / 15.26 to 45.49 / 16.04 (100: 45.18; 130: 45.41; no limit: 45.49). The
# splitter now cuts at those quotes (``segment._SPACED_QUOTE``), and the cap still lets the
# rare long lead through. The sentence forest is fitted on candidates of at most
# TRAIN_MAX_WORDS (fitted on candidates up to 150 it scored 45.70 / 16.52 against 45.74 /
# 16.59 on val 0-1,499), so ``newsbrief train`` regenerates the shipped forest.
MIN_WORDS = 6
MAX_WORDS = 150
TRAIN_MAX_WORDS = 80
# Features compare every candidate with every other (sentence x sentence similarities, and
# TF-IDF vectors over the story's whole vocabulary), so time and memory grow with the square
# of the candidates. A story of hundreds of long articles has tens of thousands of sentences:
# beyond this many candidates only the earliest of each article are scored (``earliest``).
# 200 articles of 1,800 words took 21 s and 3.6 GB without the cap. Multi-News validation
# stories have at most 28 candidates and the example story 85, so neither is touched.
MAX_CANDIDATES = 1000
MODEL_FILE = "sentence_model.npz"
PRIOR_FILE = "term_prior.tsv.gz"
# A term's prior is (in summary + k x base rate) / (seen + k): a term seen in a few stories
# stays near the base rate instead of jumping to 0 or 1.
PRIOR_SMOOTHING = 5.0

# Only features that mean the same on Multi-News's truncated documents and on full-length
# articles: no position relative to the article's end, no article or story length (the
# truncation sets those, not the story).
FEATURES = (
    "position", "inverse_position", "words", "terms", "content_share", "mean_idf",
    "centrality", "article_centrality", "support", "support_max", "max_sim_other", "mean_sim",
    "sim_first", "articles", "quotes", "quote_start", "first_person", "attribution", "digits",
    "pronoun_start", "exclaim", "pair_support", "pair_support_max", "article_fit",
    # The same signals relative to the rest of the story (trees compare a value with fixed
    # thresholds, not with the other sentences): percentile rank and gap to the story's best.
    "rank_centrality", "rank_support", "rank_pair_support", "rank_max_sim_other",
    "gap_centrality", "gap_support", "gap_pair_support",
    # SumBasic-style: how frequent the sentence's words are in the story as a whole, in how
    # many articles they occur, and how many of the story's top keywords it names.
    "word_probability", "word_articles", "keywords", "rank_word_probability",
    # Summary prior of the sentence's terms (see the module docstring): mean, max, sum, the
    # mean weighted by how many of the story's sentences carry the term, and story-relative.
    "prior_mean", "prior_max", "prior_sum", "prior_importance", "rank_prior", "gap_prior",
)
# The forest's columns: ``FEATURES`` (``features``), then the token-pair prior's
# (``pair_prior.FEATURES``), then the articles' source cues (``sources.FEATURES``).
MODEL_FEATURES = FEATURES + pair_prior.FEATURES + sources.FEATURES
_RELATIVE = (("centrality", "rank_centrality", "gap_centrality"),
             ("support", "rank_support", "gap_support"),
             ("pair_support", "rank_pair_support", "gap_pair_support"),
             ("max_sim_other", "rank_max_sim_other", None),
             ("word_probability", "rank_word_probability", None),
             ("prior_mean", "rank_prior", "gap_prior"))
# How many of the story's heaviest terms (count x idf) make its keywords.
KEYWORDS = 10

_FIRST_PERSON = frozenset("i we me us my our mine ours i'm we're i've we've i'd we'd".split())
_ATTRIBUTION = frozenset("said says told according tells tell saying".split())
_PRONOUN_START = frozenset("he she they it this that these those his her their but and so "
                           "also however".split())


@dataclass(frozen=True)
class Weights:
    """The fallback blend, used when no learned model is shipped."""

    centrality: float = 0.45
    support: float = 0.35
    position: float = 0.20


@dataclass(frozen=True)
class Scored:
    sentences: tuple[Sentence, ...]
    scores: np.ndarray  # one per sentence: predicted summary n-gram density
    vectors: np.ndarray  # L2-normalised TF-IDF rows, one per sentence
    terms: tuple[tuple[str, ...], ...] = ()  # content terms, one tuple per sentence
    # Candidates before ``MAX_CANDIDATES`` kept only the earliest (0: as many as scored).
    eligible: int = 0
    # The sentence forest's input rows (``MODEL_FEATURES``), one per sentence; None when the
    # scores came from the fixed weights (no shipped forest).
    rows: np.ndarray | None = None


class TermPrior(dict):  # type: ignore[type-arg]
    """content term -> smoothed share of the stories containing it whose summary has it;
    ``base``: the share over all terms, for a term the table has not seen."""

    base: float = 0.0


def read_prior(path: str | Path) -> TermPrior:
    """A prior table as ``newsbrief train`` writes it: a header ``#stories N seen hit`` (totals
    over every term), then ``term seen hit`` lines."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        _, _, seen_total, hit_total = f.readline().rstrip("\n").split("\t")
        table = TermPrior()
        table.base = base = int(hit_total) / max(1, int(seen_total))
        k = PRIOR_SMOOTHING
        for line in f:
            term, seen, hit = line.rstrip("\n").split("\t")
            table[term] = (int(hit) + k * base) / (int(seen) + k)
    return table


@lru_cache(maxsize=1)
def term_prior() -> TermPrior:
    """The shipped table; an empty one (every term at base rate 0) when it is not there."""
    table = read_shipped(PRIOR_FILE, read_prior)
    return TermPrior() if table is None else table


def is_candidate(s: Sentence, max_words: int = MAX_WORDS) -> bool:
    n = s.words
    return MIN_WORDS <= n <= max_words and not s.text.rstrip().endswith("?")


def _tfidf(terms: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                     np.ndarray, np.ndarray, np.ndarray,
                                                     list[str]]:
    """(L2-normalised TF-IDF rows, binary presence rows, mean idf per row, term counts per
    row, idf per column, distinct terms per row, the terms in column order)."""
    idf = idf_table()
    unknown = getattr(idf, "unknown", 10.0)
    m, vocab = count_matrix(terms)
    weights = np.array(list(map(idf.get, vocab, repeat(unknown))) or [0.0])
    present = (m > 0).astype(np.float64)
    # present + log(max(m, 1)) is 1 + log(m) where a term occurs and 0 + log(1) = +0 where it
    # does not: the same bits as the np.where form, one call fewer.
    tf = (present + np.log(np.maximum(m, 1.0))) * weights
    norms = row_norms(tf)
    norms[norms == 0] = 1.0
    counts = present.sum(axis=1)
    mean_idf = (present @ weights) / np.maximum(counts, 1.0)
    return tf / norms, present, mean_idf, m, weights, counts, vocab


_F = {name: k for k, name in enumerate(FEATURES)}
# Features computed per sentence in Python (``_surface`` order, then the pair support pair and
# the article count), written into the matrix in one assignment.
_SURFACE = ("position", "inverse_position", "words", "terms", "content_share", "quotes",
            "quote_start", "first_person", "attribution", "digits", "pronoun_start", "exclaim")
_PYTHON_COLUMNS = [_F[c] for c in (*_SURFACE, "pair_support", "pair_support_max", "articles")]
_REL_BASE = [_F[b] for b, _, _ in _RELATIVE]
_REL_RANK = [_F[r] for _, r, _ in _RELATIVE]
# Rows of the base block (``_REL_BASE`` order) that also get a gap column, and those columns.
_REL_GAP_ROWS = [k for k, (_, _, g) in enumerate(_RELATIVE) if g]
_REL_GAP = [_F[g] for _, _, g in _RELATIVE if g]
_REL_GAP_BASE = [_REL_BASE[k] for k in _REL_GAP_ROWS]
# The columns the compiled kernel writes, in the order of its enum (``_kernels.c``).
_NATIVE_COLUMNS = [_F[c] for c in (
    "mean_idf", "centrality", "article_centrality", "support", "support_max", "max_sim_other",
    "mean_sim", "sim_first", "article_fit", "word_probability", "word_articles", "keywords",
    "prior_mean", "prior_max", "prior_sum", "prior_importance")]


def _surface(s: Sentence, toks: Sequence[str], n_terms: int) -> tuple[float, ...]:
    """The ``_SURFACE`` features of one sentence from its text and ``Sentence.tokens``.
    Counts go through ``map`` over C-level predicates rather than a generator per token."""
    text = s.text
    nt = max(1, len(toks))
    # Tokens start with [a-z0-9] (``text.words``): exactly the digit-led ones sort before ":".
    return (
        s.position,
        1.0 / (1.0 + s.position),
        s.words,
        n_terms,
        n_terms / nt,
        # Straight and curly double quotes counted with str.count: no list of regex matches.
        text.count('"') + text.count("“") + text.count("”") + text.count("''")
        + text.count("``"),
        text.lstrip()[:1] in "\"“'`",
        sum(map(_FIRST_PERSON.__contains__, toks)) / nt,
        not _ATTRIBUTION.isdisjoint(toks),
        sum(map(":".__gt__, toks)) / nt,
        bool(toks) and toks[0] in _PRONOUN_START,
        "!" in text,
    )


def _pair_support(pairs: Sequence[set[tuple[str, str]]], art: Sequence[int], n_art: int
                  ) -> tuple[list[float], list[float]]:
    """(mean, max) over the *other* articles of the share of a sentence's word pairs that
    article also has; 0 without another article or without pairs."""
    n = len(pairs)
    mean, most = [0.0] * n, [0.0] * n
    if n_art < 2:
        return mean, most
    art_pairs: list[set[tuple[str, str]]] = [set() for _ in range(n_art)]
    for a, p in zip(art, pairs):
        art_pairs[a] |= p
    for i, p in enumerate(pairs):
        if p:
            shares = [len(p & art_pairs[a]) / len(p) for a in range(n_art) if a != art[i]]
            mean[i] = sum(shares) / len(shares)
            most[i] = max(shares)
    return mean, most


def features(cands: Sequence[Sentence], terms: Sequence[Sequence[str]],
             prior: TermPrior | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(feature rows in ``FEATURES`` order, TF-IDF vectors) for the candidates of one story.
    ``prior``: the term prior table (the shipped one by default; training passes its own).

    Compiled kernels do the work when this install has them (``native``): the per-sentence
    surface and word-pair columns exactly as ``_surface`` and ``_pair_support``, the matrix
    columns with the formulas of ``_numpy_features`` (which runs otherwise; see
    ``_kernels.c`` for where the two can differ in the last bits)."""
    kernels = native.KERNELS
    if kernels is None:
        return _numpy_features(cands, terms, prior)
    n = len(cands)
    idf = idf_table()
    table = term_prior() if prior is None else prior
    # The story's vocabulary in order of first appearance, each term's id, idf and prior.
    ids, lengths, (idf_w, prior_w), _ = kernels.index_terms(
        list(terms), native.term_table((idf, table)), (getattr(idf, "unknown", 10.0), table.base))
    if not idf_w:  # one empty column, as ``count_matrix`` gives
        idf_w, prior_w = [0.0], [table.base]
    arts: dict[str, int] = {}
    art_list = [arts.setdefault(s.article, len(arts)) for s in cands]
    cols = np.zeros((len(FEATURES), n))
    kernels.put_rows(cols, n, _PYTHON_COLUMNS, _python_columns(cands, terms, art_list, len(arts)))
    vec = np.empty((n, len(idf_w)))
    kernels.sentence_features(
        ids, lengths, len(idf_w), idf_w, prior_w, art_list, len(arts), _NATIVE_COLUMNS, _REL_BASE,
        _REL_RANK, _REL_GAP_BASE, _REL_GAP, KEYWORDS, cols, vec)
    return np.ascontiguousarray(cols.T), vec


def _python_columns(cands: Sequence[Sentence], terms: Sequence[Sequence[str]],
                    art_list: list[int], n_art: int) -> list[Sequence[float]]:
    """The ``_PYTHON_COLUMNS`` of the candidates (surface, word-pair support, article count),
    column by column: by the kernels when there are ones, else in Python."""
    n = len(cands)
    toks = [s.tokens for s in cands]
    kernels = native.KERNELS
    if kernels is not None:  # the same counts and divisions in C (``_kernels.c``)
        surface = kernels.surface([s.text for s in cands], toks, list(map(len, terms)),
                                  [s.position for s in cands], [s.words for s in cands],
                                  _FIRST_PERSON, _ATTRIBUTION, _PRONOUN_START)
        pair_mean, pair_max = kernels.pair_support(toks, art_list, n_art)
        return [*surface, pair_mean, pair_max, [n_art] * n]
    rows = [_surface(s, toks[i], len(terms[i])) for i, s in enumerate(cands)]
    pair_mean, pair_max = _pair_support([set(zip(t, t[1:])) for t in toks], art_list, n_art)
    return [*zip(*rows), pair_mean, pair_max, [n_art] * n]


def _numpy_features(cands: Sequence[Sentence], terms: Sequence[Sequence[str]],
                    prior: TermPrior | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``features`` with numpy alone: the reference for the compiled kernel, and what runs
    without it. A story has about a dozen candidates, so numpy's per-call cost, not the
    arithmetic, is what this pays: features are built as columns (one row of ``cols`` per
    feature) with as few calls as give the same bits as the per-feature array code they
    replace."""
    n = len(cands)
    vec, present, mean_idf, counts, idf, n_terms, vocab = _tfidf(terms)
    arts: dict[str, int] = {}
    art_list = [arts.setdefault(s.article, len(arts)) for s in cands]
    art = np.array(art_list)
    n_art = len(arts)
    rows_n = np.arange(n)
    onehot = np.zeros((n, n_art))
    onehot[rows_n, art] = 1.0

    sim = vec @ vec.T
    centroid = vec.sum(axis=0)
    cn = np.sqrt(centroid.dot(centroid))  # np.linalg.norm's own computation for a vector
    centrality = vec @ (centroid / cn) if cn > 0 else np.zeros(n)
    art_centroid = onehot.T @ vec
    art_centroid /= np.maximum(row_norms(art_centroid), 1e-12)
    art_centrality = np.einsum("ij,ij->i", vec, art_centroid[art])

    # Support: share of a sentence's terms found in each other article.
    art_present = (onehot.T @ present) > 0  # articles x vocab
    shared = (present @ art_present.T) / np.maximum(n_terms, 1.0)[:, None]  # n x articles
    if n_art > 1:
        # The mean and max over the other articles: the own article's entry zeroed is what
        # nanmean's sum sees for a NaN there, and every share is >= +0, so the max is too.
        shared[rows_n, art] = 0.0
        support = shared.sum(axis=1) / (n_art - 1)
        support_max = shared.max(axis=1)
        same = art[:, None] == art[None, :]
        max_other = np.maximum(np.where(same, -1.0, sim).max(axis=1), 0.0)
    else:
        support = support_max = max_other = np.zeros(n)
    mean_sim = (sim.sum(axis=1) - 1.0) / max(1, n - 1)
    first: dict[int, int] = {}
    for i, a in enumerate(art_list):
        first.setdefault(a, i)
    sim_first = sim[rows_n, [first[a] for a in art_list]]

    cols = np.zeros((len(FEATURES), n))
    cols[_PYTHON_COLUMNS] = _python_columns(cands, terms, art_list, n_art)
    cols[_F["mean_idf"]] = mean_idf
    cols[_F["centrality"]] = centrality
    cols[_F["article_centrality"]] = art_centrality
    cols[_F["support"]] = support
    cols[_F["support_max"]] = support_max
    cols[_F["max_sim_other"]] = max_other
    cols[_F["mean_sim"]] = mean_sim
    cols[_F["sim_first"]] = sim_first
    # How central the sentence's article is to the story.
    art_fit = art_centroid @ (centroid / cn) if cn > 0 else np.zeros(n_art)
    cols[_F["article_fit"]] = art_fit[art]
    story_counts = counts.sum(axis=0)
    safe_terms = np.maximum(n_terms, 1.0)
    cols[_F["word_probability"]] = (present @ (story_counts / max(1.0, story_counts.sum()))
                                    ) / safe_terms
    cols[_F["word_articles"]] = (present @ art_present.sum(axis=0)) / safe_terms / n_art
    top = np.argsort(-(story_counts * idf))[:KEYWORDS]
    cols[_F["keywords"]] = present[:, top].sum(axis=1)
    table = term_prior() if prior is None else prior
    rate = table.base
    weight = np.array(list(map(table.get, vocab, repeat(rate))) or [rate])
    prior_sum = present @ weight
    cols[_F["prior_mean"]] = prior_sum / safe_terms
    cols[_F["prior_max"]] = (present * weight).max(axis=1)
    cols[_F["prior_sum"]] = prior_sum
    cols[_F["prior_importance"]] = (present @ (weight * np.log1p(present.sum(axis=0)))
                                    ) / safe_terms
    # Story-relative versions, all six bases at once (each row sorted on its own).
    base = cols[_REL_BASE]
    cols[_REL_RANK] = (np.argsort(np.argsort(-base, axis=1, kind="stable"), axis=1,
                                  kind="stable") / max(1, n - 1))
    gap = base[_REL_GAP_ROWS]
    cols[_REL_GAP] = gap.max(axis=1, keepdims=True) - gap
    return np.ascontiguousarray(cols.T), vec


def candidates(sentences: Sequence[Sentence], max_words: int = MAX_WORDS
               ) -> tuple[tuple[Sentence, ...], tuple[tuple[str, ...], ...]]:
    """The sentences worth scoring, at most ``MAX_CANDIDATES`` (``earliest``), and their
    content terms."""
    cands, terms, _ = _candidates(sentences, max_words)
    return cands, terms


def _candidates(sentences: Sequence[Sentence], max_words: int
                ) -> tuple[tuple[Sentence, ...], tuple[tuple[str, ...], ...], int]:
    """``candidates``, and how many there were before the cap."""
    eligible = tuple(s for s in sentences if is_candidate(s, max_words))
    if not eligible:
        # Only fragments or run-ons (a scrape without sentence stops): better one of those,
        # if it fits the budget, than an empty brief.
        eligible = tuple(s for s in sentences if s.words >= 3)
    cands = earliest(eligible, MAX_CANDIDATES)
    return cands, tuple(s.terms for s in cands), len(eligible)


def earliest(sentences: Sequence[Sentence], limit: int) -> tuple[Sentence, ...]:
    """At most ``limit`` of ``sentences``: every article's first sentences, then its second
    ones, and so on (ties in the given order), kept in the given order."""
    if len(sentences) <= limit:
        return tuple(sentences)
    keep = set(sorted(range(len(sentences)), key=lambda i: (sentences[i].position, i))[:limit])
    return tuple(c for i, c in enumerate(sentences) if i in keep)


def model_rows(cands: Sequence[Sentence], x: np.ndarray, articles: Sequence[Article],
               pairs: pair_prior.PairPrior | None = None) -> np.ndarray:
    """The sentence forest's rows (``MODEL_FEATURES``): ``x`` (``features`` of ``cands``), the
    pair prior's columns (the shipped table unless ``pairs`` is given) and the source cues of
    ``articles``, the story's kept articles."""
    table = pair_prior.shipped() if pairs is None else pairs
    return np.hstack([x, pair_prior.features([s.tokens for s in cands], table),
                      sources.columns(cands, articles)])


def score(sentences: Sequence[Sentence], weights: Weights = Weights(), *,
          articles: Sequence[Article]) -> Scored:
    """Scores for the candidate sentences of the kept articles (others are dropped).
    ``articles``: those kept articles, whose source cues the forest reads (``sources``). No
    default: a caller that left them out would get every sentence scored as from an article
    that is not the AP's, silently (a harness of issue 3's round 19 did); pass ``()`` for
    sentences with no articles behind them."""
    cands, terms, eligible = _candidates(sentences, MAX_WORDS)
    if not cands:
        return Scored((), np.zeros(0), np.zeros((0, 1)), ())
    x, vec = features(cands, terms)
    model = shipped(MODEL_FILE)
    if model is not None and model.features == MODEL_FEATURES:
        rows = model_rows(cands, x, articles)
        return Scored(cands, model.predict(rows).astype(np.float64), vec, terms, eligible, rows)
    col = FEATURES.index
    total = (weights.centrality * x[:, col("centrality")]
             + weights.support * x[:, col("support")]
             + weights.position * np.sqrt(x[:, col("inverse_position")]))
    return Scored(cands, total.astype(np.float64), vec, terms, eligible)
