"""Where the sources agree and where they differ: entities and their variants, facts, conflicts.

    analysis = analyse(articles, sentences, brief_sentences)
    brief = apply(brief, analysis)   # entities/conflicts into Brief.extra, support per sentence

``articles`` are the articles the brief draws on (set-aside ones excluded), ``sentences`` their
sentences (``newsbrief.segment``), ``brief`` the brief's sentences with their sources. Runs with
spaCy's small English model when the ``analysis`` extra is installed; without it, people are
found by cues (titles, "said X") only and ``Analysis.backend`` says "rules".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Article, Brief, BriefSentence, Sentence
from ..text import content_terms
from . import conflicts as cmp
from . import entities as ents
from . import facts, figure_pairs, nlp
from .conflicts import Conflict, Source, Value
from .entities import Entity

__all__ = ["Analysis", "Conflict", "Entity", "Source", "Value", "analyse", "apply"]

# Dice overlap of content terms at or above which a sentence of another article is taken to
# report what a brief sentence says (looser than attribution's 0.6: support counts outlets
# that state the same facts in their own words).
SUPPORT_OVERLAP = 0.45


@dataclass(frozen=True)
class Analysis:
    entities: tuple[Entity, ...]
    conflicts: tuple[Conflict, ...]
    support: tuple[tuple[int, int], ...]  # per brief sentence: (articles supporting, articles)
    backend: str  # "spacy" or "rules"

    def to_dict(self) -> dict[str, object]:
        return {"entities": [e.to_dict() for e in self.entities],
                "conflicts": [c.to_dict() for c in self.conflicts],
                "analysis": {"backend": self.backend}}


def analyse(articles: Sequence[Article], sentences: Sequence[Sentence],
            brief: Sequence[BriefSentence] = ()) -> Analysis:
    """Entities, conflicts between articles, and per-brief-sentence support."""
    arts = list(articles)
    ids = {a.id for a in arts}
    sents = [s for s in sentences if s.article in ids]
    entities, places, people, named = entities_by_sentence(arts, sents)
    qs = facts.quantities(arts, sents)
    unlike, alike = figure_pairs.split(qs, sents, places, people)
    quant = cmp.compare_quantities(qs, places, facts.numerals(arts), people, unlike, alike)
    reported = {(a.sentence, b.sentence) for a, b, _ in quant.disagree}
    found: list[Conflict] = []
    found += cmp.compare_names(entities, arts)
    found += cmp.compare_titles(entities, arts)
    found += quant.conflicts
    found += cmp.compare_accounts(qs, sents, people, {e.id: e.name for e in entities}, reported)
    found += cmp.compare_dates(facts.dates(sents), named)
    terms = [frozenset(content_terms(s.text)) for s in sents]
    support = tuple(_support(b, arts, sents, terms, quant) for b in brief)
    return Analysis(tuple(entities), tuple(found), support, nlp.backend())


def entities_by_sentence(articles: Sequence[Article], sentences: Sequence[Sentence]) -> tuple[
        list[Entity], dict[int, frozenset[int]], dict[int, frozenset[int]],
        dict[int, frozenset[int]]]:
    """The story's entities, and per sentence (index into ``sentences``) the ids of the places
    and the people it names and of every entity it names; the story's setting (a place most
    articles name) is left out of the places and the named."""
    mentions = ents.find_mentions(articles, sentences)
    entities = ents.cluster(mentions, [a.id for a in articles])
    setting = cmp._setting(entities, len(articles))
    places: dict[int, set[int]] = defaultdict(set)
    people: dict[int, set[int]] = defaultdict(set)
    named: dict[int, set[int]] = defaultdict(set)
    for e in entities:
        for m in e.mentions:
            if e.id not in setting:
                named[m.sentence].add(e.id)
            if e.kind == "place" and e.id not in setting \
                    and not ents.in_dateline(m, sentences[m.sentence]):
                places[m.sentence].add(e.id)
            elif e.kind == "person":
                people[m.sentence].add(e.id)

    def frozen(d: dict[int, set[int]]) -> dict[int, frozenset[int]]:
        return {k: frozenset(v) for k, v in d.items()}

    return entities, frozen(places), frozen(people), frozen(named)


def _support(b: BriefSentence, articles: Sequence[Article], sentences: Sequence[Sentence],
             terms: Sequence[frozenset[str]], quant: cmp.Comparison) -> tuple[int, int]:
    """Articles that report the sentence: its attributed sources, plus articles with a sentence
    that states the same content in other words, less any that contradicts one of its
    numbers. ``terms``: the content terms of each of ``sentences``."""
    n = len(articles)
    ids = {a.id for a in articles}
    backing = {s.article for s in b.sources if s.article in ids}
    mine = set(content_terms(b.text))
    if mine:
        for s, theirs in zip(sentences, terms, strict=True):
            if s.article in backing:
                continue
            if theirs and 2 * len(mine & theirs) / (len(mine) + len(theirs)) >= SUPPORT_OVERLAP:
                backing.add(s.article)
    spans = [(s.article, s.start, s.end) for s in b.sources]

    def in_sentence(q: facts.Quantity) -> bool:
        return any(q.article == a and st <= q.start < en for a, st, en in spans)

    for x, y, rel in quant.disagree:
        if rel != "conflict":
            continue
        if in_sentence(x) and y.article not in {s.article for s in b.sources}:
            backing.discard(y.article)
        elif in_sentence(y) and x.article not in {s.article for s in b.sources}:
            backing.discard(x.article)
    return min(len(backing), n), n


def apply(brief: Brief, analysis: Analysis) -> Brief:
    """The brief with the analysis in it: ``extra["entities"]``, ``extra["conflicts"]`` and
    each sentence's ``support``."""
    sentences = tuple(
        replace(s, support=analysis.support[i]) if i < len(analysis.support) else s
        for i, s in enumerate(brief.sentences)
    )
    extra = {**brief.extra, **analysis.to_dict()}
    return replace(brief, sentences=sentences, extra=extra)
