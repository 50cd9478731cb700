"""How much two figures from two articles read like one quantity stated twice.

The conflict rules (``conflicts._same_subject``) decide from a handful of cues (the counted
noun, a measure word, a day, a shared word or three) whether two figures count the same thing.
Cues that loose let through pairs whose sentences are plainly about different things ("some 500
cases were reported" in 1996 / encephalitis "occurs in about one out of every 1,000 cases"). A
forest fitted on the train split (``figure_pair_model.npz``, ``newsbrief train --only figures``)
scores each pair from the words around both figures, and a pair the rules would compare is left
out when the score is below the model's ``threshold``; a pair scored at least ``ALIKE_ABOVE``
is compared even when no rule's cue ties the two figures (``split``). Tolls tied by the same
measure word ("killed") are never vetoed: their rules are strict already, and outlets word one
toll very differently ("More than 40,000 people ... have been killed" / "the conflict that has
left at least 40,000 Syrians dead").

The label needs no hand work: across a story's articles, two figures of one kind that give the
*same* value are mostly one quantity stated twice, and two that give different values (within
``conflicts.MAX_RATIO``) are mostly two quantities. The value itself is no feature, so the score
says how much the two statements look like one quantity told twice, whatever the figures.
Measured in docs/benchmarks.md (issue-4 round 10): of the 159 figure conflicts judged by hand
so far it removes 10 false ones and 2 real ones, and no injected conflict of the benchmark.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from ..model import Sentence
from ..text import content_terms
from ..trees import shipped
from .conflicts import places_by_article, telling_places
from .facts import Quantity

MODEL_FILE = "figure_pair_model.npz"
# A pair of figures scored below this is not compared (the model's ``meta["threshold"]``
# overrides it): chosen where the veto costs no injected conflict on the benchmark's ranges.
VETO_BELOW = 0.3
_UNITS = ("count", "percent", "money", "duration", "distance", "age")

FEATURES = (
    "unit",            # index in _UNITS (money of any currency is one kind)
    "shared",          # content terms the windows around the figures share, counted noun aside
    "window_overlap",  # the same, as a share of the two windows' terms
    "window_min",      # terms in the smaller window
    "sentence_overlap",  # Jaccard of the two sentences' content terms
    "sentence_shared",   # content terms the two sentences share
    "same_lead",       # the same first word after the figures
    "same_prior",      # the same word right before
    "lead_elsewhere",  # one figure's word after stands near the other (0-2)
    "noun",            # 2 same counted noun, 1 neither names one, 0 different
    "both_people",     # both count "people": counted for many reasons in one story
    "noun_text_differs",  # both name what they count, differently
    "measure",         # 2 the same measure word, 0 different ones, 1 one has one, 3 neither
    "times",           # 0 same days named, 1 none, 2 overlapping, 3 different, 4 one only
    "year",            # 0 the same year by both, 1 none, 2 one only, 3 different
    "since_differs",   # running totals from different starts
    "same_qualifier",  # "more than" and "more than"
    "any_qualifier",
    "part",            # 0 both plain amounts, 1 the same kind of part, 2 different
    "total_differs", "hedged_differs", "degree_differs",
    "places",          # 0 neither names a place, 1 a shared one, 2 different ones, 3 one only
    "people",          # 0 no person, 1 the same ones, 2 some shared, 3 different, 4 one only
    "figures_max",     # figures of this kind in the article that gives more of them
    "figures_min",
    "sentence_max",    # position of the later of the two sentences in its article
    "sentence_min",
)


def _code(a: frozenset[str] | str, b: frozenset[str] | str, *,
          one_only: int, different: int, overlap: int | None = None) -> int:
    """0 the same (and present), 1 neither, ``overlap`` some shared, ``different``, ``one_only``."""
    if a == b:
        return 0 if a else 1
    if a and b:
        if overlap is not None and isinstance(a, frozenset) and isinstance(b, frozenset) \
                and a & b:
            return overlap
        return different
    return one_only


def features(a: Quantity, b: Quantity, terms_a: frozenset[str], terms_b: frozenset[str],
             places: tuple[frozenset[int], frozenset[int]],
             people: tuple[frozenset[int], frozenset[int]],
             figures: tuple[int, int], positions: tuple[int, int]) -> list[float]:
    """One row of ``FEATURES`` for a pair of figures of one kind from two articles."""
    keys = {a.noun, b.noun}
    shared = len((a.context & b.context) - keys)
    window = len((a.context | b.context) - keys) or 1
    pa, pb = places
    ppa, ppb = people
    if a.measure and a.measure == b.measure:
        measure = 2
    elif a.measure and b.measure:
        measure = 0
    else:
        measure = 1 if a.measure or b.measure else 3
    if not (pa or pb):
        place = 0
    else:
        place = 1 if pa & pb else (2 if pa and pb else 3)
    if not (ppa or ppb):
        person = 0
    elif ppa == ppb:
        person = 1
    else:
        person = 2 if ppa & ppb else (3 if ppa and ppb else 4)
    return [
        _UNITS.index(a.unit.split(":")[0]),
        shared, shared / window, min(len(a.context), len(b.context)),
        len(terms_a & terms_b) / (len(terms_a | terms_b) or 1), len(terms_a & terms_b),
        int(bool(a.lead) and a.lead == b.lead), int(bool(a.prior) and a.prior == b.prior),
        int(bool(a.lead) and a.lead in b.context) + int(bool(b.lead) and b.lead in a.context),
        2 if a.noun and a.noun == b.noun else int(a.noun == b.noun),
        int(a.noun == b.noun == "people"),
        int(bool(a.noun_text and b.noun_text and a.noun_text.lower() != b.noun_text.lower())),
        measure,
        _code(a.times, b.times, one_only=4, different=3, overlap=2),
        _code(a.year, b.year, one_only=2, different=3),
        int(bool(a.since and b.since and a.since.lower() != b.since.lower())),
        int(a.qualifier == b.qualifier), int(bool(a.qualifier or b.qualifier)),
        0 if a.part == b.part == "" else (1 if a.part == b.part else 2),
        int(a.total != b.total), int(a.hedged != b.hedged), int(a.degree != b.degree),
        place, person,
        max(figures), min(figures), max(positions), min(positions),
    ]


def rows(qs: Sequence[Quantity], sentences: Sequence[Sentence],
         places: Mapping[int, frozenset[int]], people: Mapping[int, frozenset[int]],
         ) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Every pair (i < j) of figures of one kind from two articles, with its row of
    ``FEATURES``. ``places``: the non-setting places each sentence names (a place the other
    article names too does not tell the two apart, as in ``compare_quantities``)."""
    position: dict[int, int] = {}
    seen: dict[str, int] = defaultdict(int)
    for k, s in enumerate(sentences):
        position[k] = seen[s.article]
        seen[s.article] += 1
    figures: dict[tuple[str, str], int] = defaultdict(int)
    for q in qs:
        figures[(q.article, q.unit)] += 1
    named_in = places_by_article(qs, places)
    terms: dict[int, frozenset[str]] = {}
    pairs: list[tuple[int, int]] = []
    out: list[list[float]] = []
    for i, a in enumerate(qs):
        for j in range(i + 1, len(qs)):
            b = qs[j]
            if a.unit != b.unit or a.article == b.article:
                continue
            for k in (a.sentence, b.sentence):
                if k not in terms:
                    terms[k] = frozenset(content_terms(sentences[k].text))
            pairs.append((i, j))
            out.append(features(
                a, b, terms[a.sentence], terms[b.sentence],
                telling_places(a, b, places, named_in),
                (people.get(a.sentence, frozenset()), people.get(b.sentence, frozenset())),
                (figures[(a.article, a.unit)], figures[(b.article, b.unit)]),
                (position[a.sentence], position[b.sentence])))
    return pairs, np.array(out, dtype=np.float64).reshape(len(out), len(FEATURES))


def likeness(qs: Sequence[Quantity], sentences: Sequence[Sentence],
             places: Mapping[int, frozenset[int]], people: Mapping[int, frozenset[int]],
             ) -> dict[tuple[int, int], float] | None:
    """Per pair (i < j) of comparable figures, the probability that they read like one
    quantity stated twice; None when the model is not shipped (the rules decide alone)."""
    model = shipped(MODEL_FILE)
    if model is None:
        return None
    pairs, x = rows(qs, sentences, places, people)
    if not pairs:
        return {}
    p = 1.0 / (1.0 + np.exp(-model.predict(x)))
    return dict(zip(pairs, p.tolist()))


# A pair scored at least this reads so much like one quantity stated twice that it is compared
# even when none of the rules' cues (a shared noun, measure word, key word or three shared
# words) ties the two figures: outlets tell one figure in their own words ("passing through
# about 32,000 feet when we heard a large bang" / "we were passin' through about 32,000 feet
# when we had a large bang"). Everything that tells two quantities apart must still agree
# (``conflicts._same_subject`` with ``alike``). Chosen on train stories 30,000-30,799, which the
# model was not fitted on (issue-4 round 17 in docs/benchmarks.md): at 0.5 and 0.6 most of the
# conflicts it added on their unaltered stories were real, at 0.4 most were not. On later
# ranges about half were real or a wording difference, fewer than of the rules' own.
ALIKE_ABOVE = 0.5


def split(qs: Sequence[Quantity], sentences: Sequence[Sentence],
          places: Mapping[int, frozenset[int]], people: Mapping[int, frozenset[int]],
          ) -> tuple[set[tuple[int, int]], dict[tuple[int, int], float]]:
    """(unlike, alike): the pairs (i < j) of figures the rules are not to compare (scored
    below ``threshold``, unless the same measure word ties them: tolls are left to the
    rules), and those to compare though no rule ties them (scored at least ``ALIKE_ABOVE``),
    each with its score. Both empty when the model is not shipped."""
    scores = likeness(qs, sentences, places, people) or {}
    veto = threshold()
    unlike = {(i, j) for (i, j), p in scores.items() if p < veto
              and not (qs[i].measure and qs[i].measure == qs[j].measure)}
    alike = {(i, j): p for (i, j), p in scores.items() if p >= ALIKE_ABOVE}
    return unlike, alike


def threshold() -> float:
    model = shipped(MODEL_FILE)
    return float(model.meta.get("threshold", VETO_BELOW)) if model else VETO_BELOW
