"""The path of one story: ingest -> clean -> segment -> screen -> score -> select -> attribute."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import chain

from .attribute import attribute
from .clean import clean
from .errors import InputError, UnsupportedLanguage
from .ingest import MAX_ARTICLES, Story, text_to_article, unique_ids
from .model import DEFAULT_WORDS, Article, Brief, BriefSentence, Options, Sentence
from .rerank import choose
from .rerank import model as rerank_model
from .score import Scored, earliest, score
from .screen import screen
from .segment import segment
from .select import order


def _as_articles(articles: Sequence[Article | str]) -> list[Article]:
    out: list[Article] = []
    for i, a in enumerate(articles):
        if isinstance(a, Article):
            out.append(a if a.raw else replace(a, raw=a.text))
        elif isinstance(a, str):
            if a.strip():
                out.append(text_to_article(a, id=f"a{i}", index=i))
        else:
            raise InputError(f"article {i}: expected text or an Article, got {type(a).__name__}")
    # Ids must be unique: spans and set-aside records refer to articles by id (several URLs
    # from one site all take the host name as their id).
    return list(unique_ids(out[:MAX_ARTICLES]))


# The cross-source analysis tags every sentence it reads with spaCy (about 5,000 tokens/s):
# a story of hundreds of long articles took minutes and gigabytes (200 articles of 1,800
# words: 55 s, 4.5 GB). Beyond this many sentences it reads every article's earliest ones
# (``score.earliest``), as scoring does; a 5-article story has a few hundred.
ANALYSIS_MAX_SENTENCES = 1000


def summarize(articles: Sequence[Article | str], words: int = DEFAULT_WORDS, *,
              options: Options | None = None, story_id: str = "story") -> Brief:
    """Brief one story. ``articles`` are ``Article`` objects (see ``newsbrief.ingest``) or plain
    texts / HTML strings. Raises ``InputError`` when nothing in the input can be briefed."""
    opts = options or Options(words=words)
    arts = _as_articles(articles)
    if not arts:
        raise InputError("no article text given")
    cleaned = [clean(a) for a in arts]
    clean_articles = [c.article for c in cleaned]
    removed = tuple(r for c in cleaned for r in c.removed)
    # Every article is split and tokenized sentence by sentence once: screening reads an
    # article's words and content terms as its sentences' joined (the same tokens: no token
    # crosses a sentence boundary), and scoring and attribution find them already cached.
    sentences = {a.id: segment(a) for a in clean_articles}
    tokens = {a: list(chain.from_iterable(s.tokens for s in ss))
              for a, ss in sentences.items()}
    terms = {a: list(chain.from_iterable(s.terms for s in ss))
             for a, ss in sentences.items()}
    screening = screen(clean_articles, tokens, terms)
    if not screening.kept:
        reasons = {x.reason for x in screening.set_aside}
        if all(r.startswith("not English") for r in reasons):
            raise UnsupportedLanguage("the text is not English: only English is supported")
        if all("boilerplate" in r or r.startswith("too little") for r in reasons):
            raise InputError("no article text found: what remains after removing web "
                             "boilerplate is too short to brief")
        raise InputError("nothing to brief: " + "; ".join(sorted(reasons)))

    kept_ids = {a.id for a in screening.kept}
    scored = score([s for a in screening.kept for s in sentences[a.id]],
                   articles=screening.kept)
    notes: list[str] = []
    if scored.eligible > len(scored.sentences):
        notes.append(f"A long story: only the {len(scored.sentences):,} earliest of its "
                     f"{scored.eligible:,} candidate sentences were scored (each article's "
                     "first sentences first).")
    picked = choose(scored, opts.words, rerank_model() if opts.rerank else None)
    chosen = [scored.sentences[i] for i in picked]
    # Copies of kept articles are not a source of sentences but are credited as sources.
    credit = {a: sentences[a] for a in sentences if a in kept_ids or a in screening.copies}
    attributed = attribute(chosen, credit)
    items = [attributed[i] for i in order(_lead(scored, picked), _positions(attributed, sentences))]
    if not items:
        # Text with no sentence short enough for the budget (a lyric or a list scraped without
        # any full stop): an empty brief would look like success.
        raise InputError(f"nothing to brief: no sentence of the kept articles fits in "
                         f"{opts.words} words")
    brief = Brief(
        id=story_id,
        sentences=tuple(items),
        articles=tuple(clean_articles),
        set_aside=screening.set_aside,
        removed=removed,
        options=opts,
        notes=tuple(notes),
    )
    if opts.analysis:
        from .analyse import analyse, apply  # imported late: it may load spaCy

        used = [a for a in clean_articles if a.id in credit]
        every = [s for a in used for s in sentences[a.id]]
        read = earliest(every, ANALYSIS_MAX_SENTENCES)
        found = analyse(used, read, brief.sentences)
        brief = apply(brief, found)
        if len(read) < len(every):
            brief = replace(brief, notes=(*brief.notes, (
                f"The comparison of the sources read only the {len(read):,} earliest of the "
                f"{len(every):,} sentences (each article's first sentences first).")))
    return brief


def _lead(scored: Scored, picked: list[int]) -> int:
    """Which chosen sentence opens the brief: the best-scored one that opens an article."""
    if not picked:
        return 0
    best = max(range(len(picked)), key=lambda k: (scored.sentences[picked[k]].position == 0,
                                                   scored.scores[picked[k]]))
    return best


def _positions(items: list[BriefSentence], sentences: dict[str, list[Sentence]]) -> list[float]:
    where = {(s.article, s.start): s.position for ss in sentences.values() for s in ss}
    return [sum(where[(p.article, p.start)] for p in it.sources) / len(it.sources)
            for it in items]


def summarize_story(story: Story, options: Options | None = None) -> Brief:
    """Brief a story read by ``newsbrief.ingest``."""
    opts = options or Options()
    return summarize(story.articles, opts.words, options=opts, story_id=story.id)
