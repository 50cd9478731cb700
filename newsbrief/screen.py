"""Decide which articles the brief is built from.

Four reasons to set an article aside, each recorded with a score so a reader can check it:
no text left after cleaning, not English, a copy of another article (syndicated wire copy:
its outlet still gets credit through attribution), and about a different story.

Near-duplicates are found with exact word-shingle containment rather than MinHash: a story has
at most a few hundred articles, so exact sets are both cheaper and exact.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from . import native
from .model import Article, SetAside
from .resources import idf_table
from .score import term_prior
from .text import ENGLISH_MARKERS, terms_of, word_count, words
from .trees import shipped
from .vectors import tfidf_bags, tfidf_matrix, unknown_idf

# Below this many words an article is a failed scrape or a stub, not a source.
MIN_WORDS = 25
MIN_WORDS_ALONE = 6
# English news has 0.2-0.35 of its tokens among the common function words; other languages
# (even with English loanwords) stay under 0.06.
MIN_ENGLISH_SHARE = 0.08
# An article whose shingles are this much contained in a longer one is a copy of it.
DUPLICATE_CONTAINMENT = 0.8
SHINGLE = 5
# Below this topic score (see ``topic_scores``) an article is about a different story.
OFFTOPIC_RATIO = 0.65


@dataclass(frozen=True)
class Screening:
    kept: tuple[Article, ...]
    set_aside: tuple[SetAside, ...]
    # Articles set aside as copies, mapped to the article they copy: still sources for
    # attribution, never a source of brief sentences of their own.
    copies: dict[str, str]


def _shingles(w: Sequence[str]) -> set[tuple[str, ...]]:
    """Every run of ``SHINGLE`` consecutive words; a shorter text is its own one shingle."""
    if len(w) < SHINGLE:
        return {tuple(w)}
    return set(zip(*(w[k:] for k in range(SHINGLE))))


def find_copies(articles: Sequence[Article],
                tokens: Sequence[Sequence[str]] | None = None) -> dict[str, tuple[str, float]]:
    """Article id -> (id of the longer article it copies, containment). ``tokens``: the
    articles' ``words``, when the caller has them already."""
    if len(articles) < 2:
        return {}  # nothing to compare with: no shingles to build
    toks = tokens if tokens is not None else [words(a.text) for a in articles]
    at = {a.id: i for i, a in enumerate(articles)}
    kernels = native.KERNELS
    if kernels is not None:  # the same counts from sorted runs of word ids (``_kernels.c``)
        size, common = kernels.shingle_overlap(toks, SHINGLE)
        shared = lambda i, j: common[i][j]  # noqa: E731
    else:
        sh = [_shingles(t) for t in toks]
        size = [len(x) for x in sh]
        shared = lambda i, j: len(sh[i] & sh[j])  # noqa: E731
    order = sorted(articles, key=lambda a: -size[at[a.id]])
    copies: dict[str, tuple[str, float]] = {}
    for i, a in enumerate(order):
        if a.id in copies:
            continue
        for b in order[i + 1 :]:
            if b.id in copies or not size[at[b.id]]:
                continue
            c = shared(at[a.id], at[b.id]) / size[at[b.id]]
            if c >= DUPLICATE_CONTAINMENT:
                copies[b.id] = (a.id, c)
    return copies


def _matrix(tokens: Sequence[list[str]]) -> np.ndarray:
    return tfidf_matrix([terms_of(t) for t in tokens], idf_table())


def _ratios(sim: np.ndarray) -> list[float]:
    """``topic_scores`` from an article similarity matrix."""
    n = sim.shape[0]
    if n < 3:
        return [1.0] * n
    sim = sim.copy()
    np.fill_diagonal(sim, 0.0)
    total = sim.sum() / 2  # each pair once
    pairs_rest = (n - 1) * (n - 2) / 2
    out = []
    for i in range(n):
        own = sim[i].sum()
        mean_rest = (total - own) / pairs_rest
        out.append(float(own / (n - 1) / mean_rest) if mean_rest > 0 else 1.0)
    return out


def topic_scores(articles: Sequence[Article]) -> list[float]:
    """How well each article fits the story: its mean similarity to the other articles, divided
    by the mean similarity of those others among themselves. About 1 for an article on the
    story; well under 1 for one about something else, even when it shares the broad topic
    (another defection in the same war). A ratio, because absolute similarities vary a lot with
    article length and style. Needs at least three articles; fewer score 1."""
    if len(articles) < 3:
        return [1.0] * len(articles)
    m = _matrix([words(a.text) for a in articles])
    return _ratios(m @ m.T)


ARTICLE_FEATURES = (
    "log_words", "articles", "topic_ratio", "mean_sim", "max_sim", "sim_rest", "rank_topic",
    "topic_gap", "english_share", "removed_share", "type_token", "digits", "junk_words",
    "length_share", "words_per_line",
)
MODEL_FILE = "screen_model.npz"
# Probability of junk or off-topic (the learned model's) at or above which an article is set
# aside, when the model file does not carry its own chosen threshold.
JUNK_PROBABILITY = 0.5
# Words that scraped non-articles (cookie walls, sign-up pages, video players, archive
# indexes) are full of and news prose rarely uses.
_JUNK_WORDS = frozenset(
    """cookie cookies javascript browser subscribe subscriber subscription login log sign
    password email newsletter click download app video videos photo photos gallery comments
    comment advertisement advertising copyright rights reserved privacy terms account
    register follow share tweet facebook twitter instagram youtube http https www com""".split()
)


def article_features(articles: Sequence[Article],
                     tokens: Sequence[list[str]] | None = None) -> np.ndarray:
    """One row per article, in ``ARTICLE_FEATURES`` order: how it fits the rest of the story
    and how much it looks like a scrape that failed. Letter case plays no part. ``tokens``:
    the articles' ``words``, when the caller has them already."""
    toks = tokens if tokens is not None else [words(a.text) for a in articles]
    return _features(articles, [_Bag.of(t) for t in toks])


@dataclass(frozen=True)
class _Bag:
    """An article's words, counted: every screening feature is a function of these counts,
    so each article's tokens are walked once (by the ``token_bag`` kernel, or ``Counter``)."""

    words: Sequence[str]  # the tokens themselves
    distinct: int  # different words
    english: int  # tokens among ENGLISH_MARKERS
    digits: int  # tokens that start with a digit
    junk: int  # tokens among _JUNK_WORDS
    # The article's content terms in order, when the caller has them (``content_terms``);
    # else they are read from ``words``.
    terms: Sequence[str] | None = None

    @property
    def tokens(self) -> int:
        """How many tokens."""
        return len(self.words)

    @classmethod
    def of(cls, tokens: Sequence[str], terms: Sequence[str] | None = None) -> _Bag:
        kernels = native.KERNELS
        if kernels is not None:  # the same four counts in one compiled call
            return cls(tokens, *kernels.token_bag(tokens, ENGLISH_MARKERS, _JUNK_WORDS), terms)
        counts = Counter(tokens)
        return cls(tokens, len(counts), _count_of(counts, ENGLISH_MARKERS),
                   _digit_tokens(counts), _count_of(counts, _JUNK_WORDS), terms)

    def content_terms(self) -> list[str]:
        """The content terms in order."""
        terms = self.terms if self.terms is not None else terms_of(list(self.words))
        return terms if isinstance(terms, list) else list(terms)

    def term_counts(self) -> Mapping[str, int]:
        """Content term -> count, in order of first occurrence."""
        return Counter(self.content_terms())


def _count_of(counts: Mapping[str, int], vocabulary: frozenset[str]) -> int:
    """How many tokens are in ``vocabulary``."""
    return sum(map(counts.get, vocabulary, repeat(0)))


def _digit_tokens(counts: Counter[str]) -> int:
    """How many tokens start with a digit. ``words`` tokens start with [a-z0-9], and of those
    exactly the digits sort before ":", so C-level filter and map do the counting."""
    return sum(map(counts.__getitem__, filter(":".__gt__, counts)))


def _features(articles: Sequence[Article], bags: Sequence[_Bag]) -> np.ndarray:
    n = len(articles)
    rows = np.zeros((n, len(ARTICLE_FEATURES)))
    if n == 0:
        return rows
    kernels = native.KERNELS
    longest = max(1.0, max(b.tokens for b in bags))
    if kernels is None:
        _story_columns(rows, [b.term_counts() for b in bags], bags)
        rows[:, 8:15] = [_surface(a, b, longest) for a, b in zip(articles, bags)]
    else:  # columns 0-7 in one compiled call (``_kernels.c``), the same formulas
        # The packed table scoring reads too (idf and prior): the lines this reads for the
        # story's terms are still in the CPU cache when scoring looks up its sentences' terms.
        # Each article's terms are counted there (``counted``), as ``term_counts`` does.
        idf, prior = idf_table(), term_prior()
        ids, lengths, (weights, _), counts = kernels.index_terms(
            [b.content_terms() for b in bags], native.term_table((idf, prior)),
            (unknown_idf(idf), prior.base), True)
        weights = weights or [0.0]
        # Columns 8-14 go in with the same call: numpy's assignment of nested tuples cost
        # about 25 us a story in ``eval``.
        kernels.article_features(ids, counts, lengths, [b.tokens for b in bags], len(weights),
                                 weights, rows, [v for a, b in zip(articles, bags)
                                                 for v in _surface(a, b, longest)])
    return rows


def _story_columns(rows: np.ndarray, terms: Sequence[Mapping[str, int]],
                   bags: Sequence[_Bag]) -> None:
    """``ARTICLE_FEATURES`` 0 to 7 (how each article fits the story) with numpy, written into
    ``rows``: the reference for the compiled kernel, and what runs without it."""
    n = len(bags)
    m = tfidf_bags(terms, idf_table())
    sim = m @ m.T
    ratios = _ratios(sim)
    lengths = np.array([b.tokens for b in bags], dtype=float)
    total = m.sum(axis=0)
    rest = total[None, :] - m
    rest_norm = np.sqrt(np.add.reduce(rest * rest, axis=1))  # np.linalg.norm(rest, axis=1)
    sim_rest = np.einsum("ij,ij->i", m, rest) / np.where(rest_norm > 0, rest_norm, 1.0)
    # Whole columns at once: a story has a handful of articles, so numpy's per-call cost, not
    # the arithmetic, is what a per-article loop of numpy calls would pay.
    rows[:, 0] = np.log1p(lengths)
    rows[:, 1] = n
    rows[:, 2] = ratios
    if n > 1:
        # Mean and max over the other articles, as nanmean / nanmax with a NaN diagonal: the
        # sum that nanmean takes sees a zero there, and similarities are >= +0, so the max
        # is unchanged too. The float32 quotient is what nanmean's float32 output holds.
        np.fill_diagonal(sim, 0.0)
        rows[:, 3] = sim.sum(axis=1) / np.float32(n - 1)
        rows[:, 4] = sim.max(axis=1)
    rows[:, 5] = np.where(rest_norm > 0, sim_rest, 0.0)
    order = np.argsort(np.argsort(ratios))
    rows[:, 6] = order / max(1, n - 1)
    rows[:, 7] = max(ratios) - np.array(ratios)


def _surface(a: Article, b: _Bag, longest: float) -> tuple[float, ...]:
    """``ARTICLE_FEATURES`` 8 to 14 of one article: how much it looks like a failed scrape."""
    nt = max(1, b.tokens)
    raw = len(a.raw) if a.raw else len(a.text)
    return (b.english / nt,
            1.0 - len(a.text) / raw if raw else 0.0,
            b.distinct / nt,
            b.digits / nt,
            100.0 * b.junk / nt,
            b.tokens / longest,
            b.tokens / max(1, a.text.count("\n") + 1))


_TOPIC_RATIO = ARTICLE_FEATURES.index("topic_ratio")


def _logistic(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v))


def junk_probability(articles: Sequence[Article],
                     tokens: Sequence[list[str]] | None = None) -> np.ndarray | None:
    """Learned probability that each article is junk or about another story (None without
    the shipped model)."""
    model = shipped(MODEL_FILE)
    if model is None or model.features != ARTICLE_FEATURES or not articles:
        return None
    raw = model.predict(article_features(articles, tokens))
    return np.array(list(map(_logistic, raw.tolist())))


def screen(articles: Sequence[Article],
           tokens: Mapping[str, Sequence[str]] | None = None,
           terms: Mapping[str, Sequence[str]] | None = None) -> Screening:
    """Which articles to brief from. ``tokens``: article id -> its ``words``, and ``terms``:
    article id -> its ``content_terms``, when the caller has them already (the pipeline joins
    its sentences' words and terms, which scoring and attribution read too)."""
    set_aside: list[SetAside] = []
    candidates: list[Article] = []
    # A short text is a stub beside full articles, but it is all there is when every
    # article is short (a wire flash, a one-paragraph update): then only near-empty ones go.
    lengths = [word_count(a.text) for a in articles]
    min_words = MIN_WORDS if any(n >= MIN_WORDS for n in lengths) else MIN_WORDS_ALONE
    toks: dict[str, Sequence[str]] = {}
    bags: dict[str, _Bag] = {}
    for a, n in zip(articles, lengths):
        if n < min_words:
            reason = ("no article text left after removing boilerplate" if n == 0
                      else f"too little text ({n} words)")
            set_aside.append(SetAside(a.id, reason, float(n)))
            continue
        toks[a.id] = t = tokens[a.id] if tokens is not None else words(a.text)
        bags[a.id] = bag = _Bag.of(t, terms[a.id] if terms is not None else None)
        share = bag.english / len(t) if t else 0.0
        if share < MIN_ENGLISH_SHARE:
            set_aside.append(SetAside(a.id, "not English (only English is supported)",
                                      round(share, 3)))
            continue
        candidates.append(a)

    copies = find_copies(candidates, [toks[a.id] for a in candidates])
    for cid, (of, c) in copies.items():
        set_aside.append(SetAside(cid, f"near-duplicate of {of}", round(c, 3)))
    originals = [a for a in candidates if a.id not in copies]

    kept = originals
    model = shipped(MODEL_FILE)
    if model is not None and model.features == ARTICLE_FEATURES and originals:
        x = _features(originals, [bags[a.id] for a in originals])
        # A story has a handful of articles: the logistic function and the argmin in Python
        # cost less than numpy's calls on arrays of three (about 30 us a story in ``eval``,
        # where numpy's code is out of the CPU cache between stories).
        junk = list(map(_logistic, model.predict(x).tolist()))
        ratios = x[:, _TOPIC_RATIO].tolist()
        limit = float(model.meta.get("threshold", JUNK_PROBABILITY))
        # Never set every article aside: the one that looks best is briefed (the first of
        # equals, as ``np.argmin``).
        best = junk.index(min(junk))
        kept = []
        for i, a in enumerate(originals):
            if i == best:
                kept.append(a)
            elif len(originals) >= 3 and ratios[i] < OFFTOPIC_RATIO:
                # The plain topic rule still holds: the learned model was fitted on truncated
                # Multi-News documents and is less sure on full-length articles.
                set_aside.append(SetAside(a.id, "about a different story", round(ratios[i], 3)))
            elif junk[i] >= limit:
                reason = ("about a different story" if ratios[i] < 1.0
                          else "looks like a failed scrape or web boilerplate, not a story")
                set_aside.append(SetAside(a.id, reason, round(float(junk[i]), 3)))
            else:
                kept.append(a)
    elif len(originals) >= 3:
        scores = topic_scores(originals)
        kept = []
        for a, s in zip(originals, scores):
            if s < OFFTOPIC_RATIO:
                set_aside.append(SetAside(a.id, "about a different story", round(s, 3)))
            else:
                kept.append(a)
    order = {a.id: a.index for a in articles}
    set_aside.sort(key=lambda x: order.get(x.article, 0))
    return Screening(tuple(kept), tuple(set_aside), {k: v[0] for k, v in copies.items()})
