"""The objects a story is made of as it flows through the pipeline.

Every span is a pair of character offsets into ``Article.text`` (the cleaned text), so anything
the brief says can be pointed back to the exact words of a source. Objects are frozen: a stage
returns new objects rather than editing the ones it was given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .text import tokens_and_terms, word_count


class _computed_once:
    """``functools.cached_property`` without its lock: the value is computed on first read and
    kept in the instance dict (outside the fields, so equality and ``replace`` are unchanged).
    Python 3.11's version takes a lock on every first read, which cost more than counting a
    sentence's words; two threads racing here at worst count the same words twice."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


class _tokenized:
    """A sentence's ``tokens`` or ``terms``: both are made on the first read of either, in
    one pass over the text (``text.tokens_and_terms``), and kept in the instance dict as
    ``_computed_once`` keeps its value, so later reads are plain attribute reads."""

    def __init__(self, which: int, doc: str) -> None:
        self.which = which
        self.__doc__ = doc

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        kept = obj.__dict__
        kept["tokens"], kept["terms"] = both = tokens_and_terms(obj.text)
        return both[self.which]


DEFAULT_WORDS = 250


@dataclass(frozen=True, init=False)
class Article:
    """One source article.

    ``text`` is the article's text at the current stage: as ingested, then as cleaned. ``raw``
    keeps the ingested text so removed boilerplate can still be shown with its offsets.
    """

    id: str
    index: int
    text: str
    raw: str = ""
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    title: str | None = None
    published: str | None = None

    def __init__(self, id: str, index: int, text: str, raw: str = "", path: str | None = None,
                 url: str | None = None, outlet: str | None = None, author: str | None = None,
                 title: str | None = None, published: str | None = None) -> None:
        # Fields written into the instance dict, as for ``Sentence`` (where the reason is
        # given): each article is made at ingest and again by every stage that changes it.
        d = self.__dict__
        d["id"], d["index"], d["text"], d["raw"], d["path"] = id, index, text, raw, path
        d["url"], d["outlet"], d["author"], d["title"] = url, outlet, author, title
        d["published"] = published

    @property
    def label(self) -> str:
        """A short tag for the brief: the outlet when known, else the article's position."""
        return self.outlet or f"#{self.index + 1}"

    def metadata(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "index": self.index,
            "path": self.path,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
        }


@dataclass(frozen=True)
class Removed:
    """A piece of boilerplate the clean stage took out; offsets are into ``Article.raw``."""

    article: str
    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, init=False)
class Sentence:
    """A sentence of a cleaned article: ``text == article.text[start:end]``."""

    article: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    # Position of the sentence within its article, 0-based, counting only kept sentences.
    position: int = 0

    def __init__(self, article: str, index: int, start: int, end: int, text: str,
                 paragraph: int = 0, position: int = 0) -> None:
        # The fields written into the instance dict, which is what a frozen dataclass's own
        # __init__ does through one object.__setattr__ call per field: 1.2-1.6 us a
        # sentence against 0.5, and every sentence of every story is made here.
        d = self.__dict__
        d["article"], d["index"], d["start"], d["end"] = article, index, start, end
        d["text"], d["paragraph"], d["position"] = text, paragraph, position

    @_computed_once
    def words(self) -> int:
        # Cached (in the instance dict, outside the fields, so equality and ``replace`` are
        # unchanged): candidacy, features and selection each ask for it.
        return word_count(self.text)

    # Screening, scoring and attribution all read these. They are kept on the sentence rather
    # than in a table keyed by its text: a big table's look-ups miss the CPU cache, and a new
    # story's sentences are all new.
    # (Not annotated: an annotated class attribute would be a dataclass field.)
    tokens = _tokenized(0, "``text.words`` of the sentence, a tuple.")
    terms = _tokenized(1, "Content terms (``text.terms_of``) of ``tokens``, a tuple.")


@dataclass(frozen=True)
class SetAside:
    """An article left out of the brief, and why."""

    article: str
    reason: str
    score: float | None = None


@dataclass(frozen=True)
class SourceSpan:
    article: str
    start: int
    end: int


@dataclass(frozen=True)
class BriefSentence:
    text: str
    sources: tuple[SourceSpan, ...]
    # (articles that support it, articles in the story): set by the cross-source analysis.
    support: tuple[int, int] | None = None

    @property
    def words(self) -> int:
        return word_count(self.text)


@dataclass(frozen=True)
class Options:
    """Settings for one brief. Learned parameters live apart from these, in ``newsbrief/data/``
    (see ``newsbrief.resources``)."""

    words: int = DEFAULT_WORDS
    # Run the cross-source analysis (entities, conflicts, support; ``newsbrief.analyse``).
    analysis: bool = True
    # Choose among whole candidate summaries with the shipped reranker (``newsbrief.rerank``),
    # the default since issue 3's round 20: on all of validation +0.36 ROUGE-1 / +0.30 ROUGE-2
    # over the greedy alone, at 3.23x, 3.18x, 3.29x and 3.31x TextRank's throughput in four
    # full runs of round 21 against the greedy's 3.77x-4.06x (docs/benchmarks.md, "Round 21").
    # Off: the greedy's summary (``newsbrief.select``).
    # Stories larger than any the reranker was fitted on (full-length articles: most real
    # input) get the greedy's summary either way (``rerank.size_limit``).
    rerank: bool = True

    def __post_init__(self) -> None:
        if self.words < 1:
            raise ValueError("words must be a positive number")


@dataclass(frozen=True)
class Brief:
    id: str
    sentences: tuple[BriefSentence, ...]
    articles: tuple[Article, ...]
    set_aside: tuple[SetAside, ...] = ()
    removed: tuple[Removed, ...] = ()
    options: Options = field(default_factory=Options)
    # What the reader should know about how the brief was made (a limit that applied).
    notes: tuple[str, ...] = ()
    # Filled by later stages (cross-source analysis); kept as plain data so the JSON contract
    # can be extended without changing this class.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def to_dict(self, *, include_text: bool = False, explain: bool = False) -> dict[str, Any]:
        """The JSON contract. ``include_text`` adds each article's cleaned text (for viewers that
        highlight source spans); ``explain`` adds the removed boilerplate."""
        articles = []
        for a in self.articles:
            meta = a.metadata()
            if include_text:
                meta["text"] = a.text
            articles.append(meta)
        out: dict[str, Any] = {
            "id": self.id,
            "words": self.words,
            "sentences": [_sentence_dict(s) for s in self.sentences],
            "articles": articles,
            "set_aside": [
                {"article": x.article, "reason": x.reason, "score": x.score}
                for x in self.set_aside
            ],
            "notes": list(self.notes),
        }
        if explain:
            out["removed"] = [
                {"article": r.article, "start": r.start, "end": r.end, "text": r.text,
                 "reason": r.reason}
                for r in self.removed
            ]
        out.update(self.extra)
        return out


def _sentence_dict(s: BriefSentence) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": s.text,
        "sources": [{"article": p.article, "start": p.start, "end": p.end} for p in s.sources],
    }
    if s.support is not None:
        out["support"] = {"articles": s.support[0], "of": s.support[1]}
    return out
