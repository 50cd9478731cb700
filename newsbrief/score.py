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
(``data/term_prior.tsv.gz``, built by ``newsbrief train`` from stories the forest never sees).
It tells what editors keep ("police" 0.67, "arrested" 0.57, "killed" 0.54 against a base rate
of 0.27) from what they drop ("photo" 0.12, "caption" 0.03), which no within-story statistic
can.

Every feature ignores letter case: the model is fitted on Multi-News's lowercased text and
must behave the same on real, cased articles. Without the shipped model the score falls back
to a fixed linear blend of centrality, support and position.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .model import Sentence
from .resources import idf_table
from .text import sentence_terms, sentence_words
from .trees import shipped
from .vectors import count_matrix

# Sentences outside this length range are fragments (datelines, "he said.") or run-ons
# (scraped lists glued together); they are never chosen. 150, not 80: on lowercased text
# (Multi-News) the splitter cannot see a sentence start after a closing quote, so a lead
# paragraph often comes as one 80-150 word span; as candidates they raised ROUGE-1/2 on val
# 0-500 from 44.81 / 15.26 to 45.49 / 16.04 and on 500-1500 from 45.17 / 16.05 to
# 45.56 / 16.42 (100: 45.18 / 45.44; 130: 45.41 / 45.59; no limit: 45.49 / 45.54). The
# sentence forest is still fitted on candidates of at most TRAIN_MAX_WORDS (refitted on
# candidates up to 150 it scored 45.53 / 16.05 and 45.64 / 16.47, within noise, and changed
# two sentences of the example story for a worse one), so ``newsbrief train`` regenerates
# the shipped forest.
MIN_WORDS = 6
MAX_WORDS = 150
TRAIN_MAX_WORDS = 80
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
_QUOTES = re.compile(r"[\"“”]")


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
    ref = resources.files("newsbrief") / "data" / PRIOR_FILE
    if not ref.is_file():
        return TermPrior()
    with resources.as_file(ref) as p:
        return read_prior(p)


def is_candidate(s: Sentence, max_words: int = MAX_WORDS) -> bool:
    n = s.words
    return MIN_WORDS <= n <= max_words and not s.text.rstrip().endswith("?")


def _tfidf(terms: Sequence[Sequence[str]]
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """(L2-normalised TF-IDF rows, binary presence rows, mean idf per row, term counts per
    row, idf per column, the terms in column order)."""
    idf = idf_table()
    unknown = getattr(idf, "unknown", 10.0)
    m, vocab = count_matrix(terms)
    get = idf.get
    weights = np.array([get(t, unknown) for t in vocab] or [0.0])
    present = (m > 0).astype(np.float64)
    tf = np.where(m > 0, 1.0 + np.log(np.maximum(m, 1.0)), 0.0) * weights
    norms = np.linalg.norm(tf, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    counts = present.sum(axis=1)
    mean_idf = (present @ weights) / np.maximum(counts, 1.0)
    return tf / norms, present, mean_idf, m, weights, vocab


def features(cands: Sequence[Sentence], terms: Sequence[Sequence[str]],
             prior: TermPrior | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(feature rows in ``FEATURES`` order, TF-IDF vectors) for the candidates of one story.
    ``prior``: the term prior table (the shipped one by default; training passes its own)."""
    n = len(cands)
    vec, present, mean_idf, counts, idf, vocab = _tfidf(terms)
    arts: dict[str, int] = {}
    art = np.array([arts.setdefault(s.article, len(arts)) for s in cands])
    n_art = len(arts)
    onehot = np.zeros((n, n_art))
    onehot[np.arange(n), art] = 1.0

    sim = vec @ vec.T
    centroid = vec.sum(axis=0)
    cn = np.linalg.norm(centroid)
    centrality = vec @ (centroid / cn) if cn > 0 else np.zeros(n)
    art_centroid = onehot.T @ vec
    art_centroid /= np.maximum(np.linalg.norm(art_centroid, axis=1, keepdims=True), 1e-12)
    art_centrality = np.einsum("ij,ij->i", vec, art_centroid[art])

    # Support: share of a sentence's terms found in each other article.
    art_present = (onehot.T @ present) > 0  # articles x vocab
    n_terms = present.sum(axis=1)
    shared = (present @ art_present.T) / np.maximum(n_terms, 1.0)[:, None]  # n x articles
    shared[np.arange(n), art] = np.nan
    if n_art > 1:
        support = np.nan_to_num(np.nanmean(shared, axis=1))
        support_max = np.nan_to_num(np.nanmax(shared, axis=1))
    else:
        support = np.zeros(n)
        support_max = np.zeros(n)
    same = art[:, None] == art[None, :]
    max_other = np.where(same, -1.0, sim).max(axis=1) if n_art > 1 else np.zeros(n)
    max_other = np.maximum(max_other, 0.0)
    mean_sim = (sim.sum(axis=1) - 1.0) / max(1, n - 1)
    first = {}
    for i, s in enumerate(cands):
        first.setdefault(s.article, i)
    sim_first = sim[np.arange(n), [first[s.article] for s in cands]]
    toks = [sentence_words(s.text) for s in cands]
    pairs = [set(zip(t, t[1:])) for t in toks]
    art_pairs: list[set[tuple[str, str]]] = [set() for _ in range(n_art)]
    for i, p in enumerate(pairs):
        art_pairs[art[i]] |= p
    f = {name: k for k, name in enumerate(FEATURES)}
    rows = np.zeros((n, len(FEATURES)))
    for i, s in enumerate(cands):
        t = toks[i]
        nt = max(1, len(t))
        stripped = s.text.lstrip()
        row = rows[i]
        row[f["position"]] = s.position
        row[f["inverse_position"]] = 1.0 / (1.0 + s.position)
        row[f["words"]] = len(s.text.split())
        row[f["terms"]] = len(terms[i])
        row[f["content_share"]] = len(terms[i]) / nt
        row[f["quotes"]] = (len(_QUOTES.findall(s.text)) + s.text.count("''")
                            + s.text.count("``"))
        row[f["quote_start"]] = stripped[:1] in "\"“'`"
        row[f["first_person"]] = sum(w in _FIRST_PERSON for w in t) / nt
        row[f["attribution"]] = any(w in _ATTRIBUTION for w in t)
        row[f["digits"]] = sum(w[0].isdigit() for w in t) / nt
        row[f["pronoun_start"]] = bool(t) and t[0] in _PRONOUN_START
        row[f["exclaim"]] = "!" in s.text
        if n_art > 1 and pairs[i]:
            shares = [len(pairs[i] & art_pairs[a]) / len(pairs[i])
                      for a in range(n_art) if a != art[i]]
            row[f["pair_support"]] = sum(shares) / len(shares)
            row[f["pair_support_max"]] = max(shares)
    rows[:, f["mean_idf"]] = mean_idf
    rows[:, f["centrality"]] = centrality
    rows[:, f["article_centrality"]] = art_centrality
    rows[:, f["support"]] = support
    rows[:, f["support_max"]] = support_max
    rows[:, f["max_sim_other"]] = max_other
    rows[:, f["mean_sim"]] = mean_sim
    rows[:, f["sim_first"]] = sim_first
    rows[:, f["articles"]] = n_art
    # How central the sentence's article is to the story.
    art_fit = art_centroid @ (centroid / cn) if cn > 0 else np.zeros(n_art)
    rows[:, f["article_fit"]] = art_fit[art]
    story_counts = counts.sum(axis=0)
    safe_terms = np.maximum(n_terms, 1.0)
    rows[:, f["word_probability"]] = (present @ (story_counts / max(1.0, story_counts.sum()))
                                      ) / safe_terms
    rows[:, f["word_articles"]] = (present @ art_present.sum(axis=0)) / safe_terms / n_art
    top = np.argsort(-(story_counts * idf))[:KEYWORDS]
    rows[:, f["keywords"]] = present[:, top].sum(axis=1)
    table = term_prior() if prior is None else prior
    get, rate = table.get, table.base
    weight = np.array([get(t, rate) for t in vocab] or [rate])
    prior_sum = present @ weight
    rows[:, f["prior_mean"]] = prior_sum / safe_terms
    rows[:, f["prior_max"]] = (present * weight).max(axis=1)
    rows[:, f["prior_sum"]] = prior_sum
    rows[:, f["prior_importance"]] = (present @ (weight * np.log1p(present.sum(axis=0)))
                                      ) / safe_terms
    for base, rank, gap in _RELATIVE:
        v = rows[:, f[base]]
        rows[:, f[rank]] = (np.argsort(np.argsort(-v, kind="stable"), kind="stable") / max(1, n - 1))
        if gap:
            rows[:, f[gap]] = v.max() - v
    return rows, vec


def candidates(sentences: Sequence[Sentence], max_words: int = MAX_WORDS
               ) -> tuple[tuple[Sentence, ...], tuple[tuple[str, ...], ...]]:
    cands = tuple(s for s in sentences if is_candidate(s, max_words))
    if not cands:
        # Only fragments or run-ons (a scrape without sentence stops): better one of those,
        # if it fits the budget, than an empty brief.
        cands = tuple(s for s in sentences if s.words >= 3)
    return cands, tuple(sentence_terms(s.text) for s in cands)


def score(sentences: Sequence[Sentence], weights: Weights = Weights()) -> Scored:
    """Scores for the candidate sentences of the kept articles (others are dropped)."""
    cands, terms = candidates(sentences)
    if not cands:
        return Scored((), np.zeros(0), np.zeros((0, 1)), ())
    x, vec = features(cands, terms)
    model = shipped(MODEL_FILE)
    if model is not None and model.features == FEATURES:
        total = model.predict(x)
    else:
        col = FEATURES.index
        total = (weights.centrality * x[:, col("centrality")]
                 + weights.support * x[:, col("support")]
                 + weights.position * np.sqrt(x[:, col("inverse_position")]))
    return Scored(cands, total.astype(np.float64), vec, terms)
