"""Facts about one subject compared across articles: where they agree and where they differ.

Precision comes first: a pair of quantities is compared only when they count the same thing
(same noun, same measure such as "killed"), over the same scope (same point in time, same
places once the places every outlet names are set aside, same "since" date), and within a
factor of ``MAX_RATIO`` of each other. Everything else is a different quantity, not a conflict.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import Article, Sentence
from . import titles as titles_mod
from .entities import Entity, Mention, patronymic
from .facts import DateFact, Quantity
from ..text import content_terms
from .names import PARTICLES, parse, spelled_differently

# Two statements of one quantity more than this factor apart are almost always about different
# things (a day's toll and the war's toll) rather than outlets disagreeing.
MAX_RATIO = 3.0
# Figures no measure word ties ("$36,500" / "$87,500", "a £20 note" / "a £50 note") more than
# this factor apart are two quantities: of the conflicts judged by hand over 19 rounds
# (docs/conflict_precision_sample.md) still reported at 4bca80b, 24 of the 26 such pairs were
# different things. A toll's early and later counts ("more than 30" / "ten" killed) are often
# that far apart, so figures one measure word ties keep MAX_RATIO.
UNTIED_RATIO = 2.0
# Content terms (besides the counted noun and the word after the number) two windows around a
# number must share when neither a measure word nor the word after the number ties them.
SHARED_TERMS = 3
# Counts of things below this conflict only when a measure word (killed, injured) ties them.
SMALL_COUNT = 10
# Content terms two sentences around a toll must share to be taken as one event told twice even
# though only one of them names the day.
STRONG_TIE = 5
# Or: the two windows hold the same words, at least this many and this share of the smaller
# window (a short sentence copied with another figure, "Approximately 17 hours later we arrive
# at our destination", has too few content words near the figure for STRONG_TIE).
SAME_WINDOW = 3
SAME_WINDOW_SHARE = 0.8
STRICT_GROUPS = True
# Approximate figures this close (ratio) that can both be right agree.
CLOSE_RATIO = 1.06
# A figure with decimals rounded to a whole one ("1.8 %" / "2 percent") agrees up to this ratio.
ROUND_RATIO = 1.3
# A distance or a duration given in two units ("3 miles" / "15,000 feet", "135 months" / "11
# years") agrees up to this ratio.
CONVERTED_RATIO = 1.15
# An article that gives a figure this close to the other article's (of the same kind) is taken
# to tell that figure apart from its own ("$3.6 million ($4.5 million Australian)" / "$4.56
# million").
GIVES_RATIO = 1.02
# Dates are compared when the words around them overlap at least this much (Jaccard) and in at
# least ``DATE_SHARED`` terms: the same event told with a different day.
DATE_OVERLAP = 0.35
DATE_SHARED = 4
# Words (besides the word after the age) two sentences must share around ages that no person
# is named by.
AGE_SHARED = 2
# Words (besides names) that two passages must share to be one episode told twice.
ACCOUNT_SHARED = 6
# An account is a journey (an escape, a trip, a trek): both passages must say how someone
# travelled. The durations of a tenure, a marriage or a term ("in power eight years", "a
# 33-year marriage", "worked for the force for 11 months") named beside the same people are
# different things: 9 of the 11 account conflicts judged by hand before this rule were such
# pairs, and the 2 real ones were one journey judged twice (a 275-mile trip against a
# 200-mile drive). The words go through ``content_terms`` so they match the passages' terms.
JOURNEY_TERMS = frozenset(content_terms(
    "trip trips journey journeys voyage trek treks trekked trekking hike hiked hiking walk "
    "walked walking drive drove driven driving ride rode riding flight flights flew sail "
    "sailed sailing swam escape escaped escaping fled flee fleeing smuggled smuggling cross "
    "crossed crossing travel traveled travelled traveling travelling scooter motorcycle "
    "motorcycles horse horses boat bus train car truck plane mountains border route"))
# A place named by at least this share of the story's articles is the story's setting ("Syria"),
# not a scope that tells one toll from another.
SETTING_SHARE = 0.5
# Qualifiers that leave one side of the figure open ("more than 40,000", "up to 6 feet").
_OPEN_BOUNDS = frozenset(("more", "atleast", "upto", "less", "nearly"))
_SAME_QUALIFIER = {"": "", "more": "more", "atleast": "atleast", "nearly": "nearly",
                   "about": "about", "upto": "upto", "less": "less"}
_MEASURE_WORDS = {"killed": "killed", "injured": "injured", "arrested": "arrested",
                  "missing": "missing", "displaced": "displaced", "rescued": "rescued",
                  "infected": "infected"}


@dataclass(frozen=True)
class Source:
    article: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Value:
    text: str
    sources: tuple[Source, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.article for s in self.sources))

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "sources": [s.to_dict() for s in self.sources]}


@dataclass(frozen=True)
class Conflict:
    kind: str  # number | title | name | date | place | account
    subject: str
    values: tuple[Value, ...]
    # True when every value can be right at once ("more than 40,000" / "at least 40,000"):
    # the outlets word it differently rather than contradict each other.
    compatible: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "subject": self.subject,
                "values": [v.to_dict() for v in self.values], "compatible": self.compatible}


@dataclass
class Comparison:
    """What comparing the facts found: conflicts, and pairs of facts that agree."""

    conflicts: list[Conflict] = field(default_factory=list)
    agree: list[tuple[Quantity, Quantity]] = field(default_factory=list)
    disagree: list[tuple[Quantity, Quantity, str]] = field(default_factory=list)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self, items: Iterable[int]) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for x in items:
            out[self.find(x)].append(x)
        return list(out.values())


# ---------------------------------------------------------------------------------------------
# Quantities


def _same_subject(a: Quantity, b: Quantity, pa: frozenset[int], pb: frozenset[int],
                  ppl_a: frozenset[int] = frozenset(), ppl_b: frozenset[int] = frozenset(),
                  alike: bool = False, offsets: bool = False) -> str:
    """"same", "time" (same statement, a different day or start date) or "" (not comparable).

    ``alike``: the pair model reads the two sentences as one quantity stated twice
    (``figure_pairs.split``), so the cues that otherwise tie two figures (a key word, shared
    words) are not asked for; all that tells two quantities apart must still agree, and more
    strictly (the same counted noun and measure word, no ages: a story gives the ages of
    several people, and "19-year-old flamingo" / "45-year-old joseph" read alike to the model).
    ``offsets``: the model reads them alike more surely still (``OFFSET_ALIKE_ABOVE``), so two
    time offsets told in one form (``_one_offset``) are compared too.
    """
    if a.unit != b.unit or a.article == b.article or a.hedged != b.hedged:
        return ""
    if alike and (a.unit == "age" or a.noun != b.noun or a.measure != b.measure):
        return ""
    # A figure that is one end of a range, half of a compound duration, a time offset or an
    # increment is not the amount the sentence reports: it is compared only with a figure of
    # the same form in a sentence told in the same words (never, for a compound's half, nor
    # for a stock index's move during the day: two outlets' hours differ however they word it;
    # nor for how much of an election's count is in).
    if a.part != b.part or a.part in ("compound", "intraday", "tally"):
        return ""
    # "27 seriously injured" and "15 critically wounded" are counts of different people.
    if a.degree != b.degree:
        return ""
    by_lead = bool(a.lead) and a.lead == b.lead
    by_prior = bool(a.prior) and a.prior == b.prior
    keyed = by_lead or by_prior
    # Shared words besides the counted noun and the key word that tied the two figures (a
    # word that is one figure's lead and stands elsewhere near the other still ties them).
    keys = {a.noun, b.noun} | ({a.lead} if by_lead else set()) | ({a.prior} if by_prior else set())
    shared = len((a.context & b.context) - keys)
    # One event told in the same words (the tie several rules below ask for).
    strong = shared >= STRONG_TIE or (shared >= SAME_WINDOW and shared >= SAME_WINDOW_SHARE
                                      * min(len(a.context - keys), len(b.context - keys)))
    if a.unit == "count":
        if not (a.noun == b.noun or keyed):
            return ""
        # Two named, different things ("twelve students" and "13 people" killed) are different
        # counts even when the same verb ties them: one is often part of the other.
        if a.noun != b.noun and a.noun_text and b.noun_text:
            return ""
        # Block numbers of two streets are two addresses (``facts``: "block of <street>").
        if a.noun == "block" and a.noun_text != b.noun_text and " of " in a.noun_text \
                and " of " in b.noun_text:
            return ""
        # "All 50 states" is the whole of something, not a reported count of it; unless both
        # tell what happened to the group ("killing all 153 people aboard", "killed the 77").
        if a.total != b.total and not (a.measure and a.measure == b.measure):
            return ""
        if a.measure and b.measure and a.measure != b.measure:
            return ""
        if not (a.measure and b.measure):
            # Without a measure word (killed, injured ...) tying them, counts must share words
            # around the figure: people are counted for many reasons in one story ("two people
            # familiar with the matter"); and small counts of things are usually partial
            # tallies ("four shipments seized Tuesday, another in July"), even when the two
            # sentences read alike ("three workers charged" / "five workers fired").
            if a.noun == "people" and (a.measure != b.measure or shared < 2) and not alike:
                return ""
            if not (keyed or shared >= 1 or alike):
                return ""
            if min(a.value, b.value) < SMALL_COUNT and not strong:
                return ""
    elif a.unit == "age" and (ppl_a or ppl_b):
        # A person's age: both sentences must name that one person and no other, and the word
        # after the age, if any, must be the same ("the 33-year-old former star" is not the
        # Heidi Montag named in his sentence), when both sentences have one.
        if not (len(ppl_a) == 1 and ppl_a == ppl_b) or (
                a.noun_text and b.noun_text and a.noun_text != b.noun_text):
            return ""
    elif a.unit == "age":
        # An age with no person found by it: a story tells the ages of several people (the
        # victim, the suspect), and "old" ties every one of them to every other. The same
        # word after the age ("the 16-year-old girl") and words in common around it tie two
        # ages to one person; without such a word ("villages 1,300 years old"), the words
        # around the two figures must.
        if a.noun_text or b.noun_text:
            if not (a.noun_text == b.noun_text and shared >= AGE_SHARED):
                return ""
        elif shared < SHARED_TERMS:
            return ""
    elif not ((keyed and shared >= 1) or shared >= SHARED_TERMS or alike):
        return ""
    elif a.unit == "duration" and _two_penalties(a, b):
        # "jailed for two years" / "a ban ... for 3 years": two penalties, each as long as
        # its own sentence says.
        return ""
    # (A stage of a pregnancy is read like an age: two stages are one quantity of one person.)
    if a.part and a.part != "stage" and not (strong or offsets and _one_offset(a, b)):
        return ""
    if a.unit == "count" and pa and pb and not pa & pb:
        # Counts of different places (tolls of two towns, gusts in mph at the airport and on
        # another key), each named nowhere in the other article. Not for money or durations,
        # where the places a sentence names are as often a dateline or who pays.
        return ""
    if a.times != b.times:
        if a.times and b.times and not a.times & b.times:
            return ""  # figures of different days: different figures
        # A toll given for a day and one given without a day are usually different tolls
        # (Wednesday's dead, the war's dead); for other figures the day is just context.
        # Unless the two sentences tell one event in the same words (``strong``).
        if a.unit == "count" and a.noun == "people" and not (a.times and b.times) \
                and not (strong or alike):
            return ""
    # A figure dated to a year right by it ("second in 2013 with 51 dogs", "a reward of $10
    # million announced in October 2011") is an older figure, not the one an undated sentence
    # reports, unless the two sentences tell one event in one way.
    if a.year != b.year and (a.year and b.year or not strong):
        return ""
    if a.since and b.since and a.since.lower() != b.since.lower():
        return "time"
    return "same"


# Two time offsets told in one form ("found 61 years ago" / "found 36 years ago", "resigned
# after 21 years of rule" / "after 37 years in charge") are compared when the figure-pair model
# scores them at least this (``_same_subject``'s ``offsets``); the rules otherwise compare
# offsets only when told in the same words. Above the model's ``ALIKE_ABOVE`` (0.5): a story
# often counts back to several events.
OFFSET_ALIKE_ABOVE = 0.7
# The forms of time offset the pair model's surest scores may tie (``_one_offset``): counted
# back from the day of writing ("61 years ago", "for the past 16 years") and the length of what
# ended in the event told ("after 37 years in charge"). Not those counted from another event
# ("found three days after her family last saw her" / "four days after she was reported
# missing": two events), which agree only when the events do.
_ONE_FORM = frozenset(("ago", "past", "from now", "after N"))
# An offset counted from now of at least this many hours (a year) does not change with the day
# each article was written ("three days ago" / "five days ago" may be one day).
_FROM_NOW = frozenset(("ago", "past", "from now"))
_FROM_NOW_AT_LEAST = 8760.0


def _one_offset(a: Quantity, b: Quantity) -> bool:
    """Whether two time offsets are told in one form (``_ONE_FORM``; the same for both) and,
    counted from now, are long enough not to depend on the day of writing."""
    if not (a.part == b.part == "relative" and a.offset == b.offset and a.offset in _ONE_FORM):
        return False
    return a.offset not in _FROM_NOW or min(a.value, b.value) >= _FROM_NOW_AT_LEAST


# The kinds of penalty a duration can be the length of, by the terms around it (stemmed as
# ``content_terms`` stems them).
_PENALTY_TERMS = {"jail": "prison", "prison": "prison", "imprison": "prison", "ban": "ban",
                  "bann": "ban", "suspension": "suspension", "suspend": "suspension",
                  "prob": "probation", "probationary": "probation", "parole": "parole"}


def _penalties(q: Quantity) -> frozenset[str]:
    return frozenset(_PENALTY_TERMS[t] for t in q.context if t in _PENALTY_TERMS)


def _two_penalties(a: Quantity, b: Quantity) -> bool:
    """Whether the words around each duration name one kind of penalty, a different one."""
    pa, pb = _penalties(a), _penalties(b)
    return len(pa) == len(pb) == 1 and pa != pb


def _ratio(a: float, b: float) -> float:
    lo, hi = sorted((abs(a), abs(b)))
    return hi / lo if lo else float("inf")


def _relation(a: Quantity, b: Quantity, scope: str) -> str:
    """agree | wording | conflict | date | ""."""
    ratio = _ratio(a.value, b.value)
    if ratio > MAX_RATIO or (ratio > UNTIED_RATIO and not (a.measure and a.measure == b.measure)):
        return ""
    same_number = abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value))
    if scope == "time":
        return "date" if same_number and a.qualifier == b.qualifier else ""
    if same_number:
        qa, qb = _SAME_QUALIFIER[a.qualifier], _SAME_QUALIFIER[b.qualifier]
        return "wording" if qa and qb and qa != qb else "agree"
    # An open bound that the other, exact figure satisfies ("at least 100" and "164") is, more
    # often than not, two counts of different scope: neither agreement nor conflict.
    for x, y in ((a, b), (b, a)):
        if (x.qualifier in _OPEN_BOUNDS
                and y.qualifier in ("", "about") and x.low <= y.value <= x.high):
            return ""
    # Open bounds in the same direction ("more than 1,400" / "more than 1,000" works) can
    # both be right: one range contains the other.
    lower, upper = {"more", "atleast"}, {"upto", "less", "nearly"}
    if {a.qualifier, b.qualifier} <= lower or {a.qualifier, b.qualifier} <= upper:
        return ""
    # Open bounds in opposite directions that overlap ("more than 4 feet" / "up to 6 feet")
    # can both be right: usually measures of different places or moments, not a conflict.
    if {a.qualifier, b.qualifier} & {"more", "atleast"} and \
            {a.qualifier, b.qualifier} & {"upto", "less", "nearly"} and \
            max(a.low, b.low) <= min(a.high, b.high):
        return ""
    # One figure rounded from the other ("$7.15 billion" / "$7.2 billion", "4.1 %" / "4 %"); a
    # figure with decimals rounded to a whole one further apart ("1.8 %" / "2 percent"), not
    # a whole figure to a round one ("12" / "10" villages: outlets that differ).
    for x, y in ((a, b), (b, a)):
        if _rounds_to(x.text, y.text) and _ratio(a.value, b.value) <= (
                ROUND_RATIO if "." in x.text and "." not in y.text else CLOSE_RATIO):
            return "agree"
    # One distance or duration in two units, converted and rounded ("3 miles deep" / "15,000
    # feet deep", "135 months in prison" / "11 years in prison").
    if a.unit in ("distance", "duration") and a.noun != b.noun and \
            _ratio(a.value, b.value) <= CONVERTED_RATIO:
        return "agree"
    # Two approximate figures a few percent apart that can both be right ("more than 900,000"
    # and "nearly 901,000") say the same thing.
    if (a.qualifier or b.qualifier) and max(a.low, b.low) <= min(a.high, b.high) and \
            _ratio(a.value, b.value) <= CLOSE_RATIO:
        return "agree"
    return "conflict"


_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _rounds_to(precise: str, rounded: str) -> bool:
    """Whether the figure written ``rounded`` is the figure written ``precise``, rounded."""
    p, r = _FIGURE.search(precise), _FIGURE.search(rounded)
    if not p or not r:
        return False
    x, y = float(p.group().replace(",", "")), float(r.group().replace(",", ""))
    digits = r.group().replace(",", "")
    if "." in digits:
        step = 10 ** -len(digits.split(".")[1])
    else:
        step = 10 ** (len(digits) - len(digits.rstrip("0"))) if digits.rstrip("0") else 1
    return x != y and abs(x - y) <= step / 2 + 1e-9


def _subject(q: Quantity) -> str:
    if q.unit == "count":
        noun = q.noun_text.lower() if q.noun_text and q.noun != "people" else q.noun
        words = [noun, _MEASURE_WORDS.get(q.measure, q.measure)]
        text = " ".join(w for w in words if w)
    elif q.unit == "percent":
        text = "percentage"
    elif q.unit.startswith("money"):
        text = "amount of money"
    else:
        text = q.unit
    if q.since:
        text += f" since {q.since}"
    return text


def _setting(entities: Sequence[Entity], n_articles: int) -> set[int]:
    return {e.id for e in entities if e.kind == "place"
            and len(e.articles) >= max(2, SETTING_SHARE * n_articles)}


def places_by_article(qs: Sequence[Quantity], places: Mapping[int, frozenset[int]],
                      ) -> dict[str, frozenset[int]]:
    """The places named in each article's sentences with figures."""
    named_in: dict[str, frozenset[int]] = defaultdict(frozenset)
    for q in qs:
        named_in[q.article] = named_in[q.article] | places.get(q.sentence, frozenset())
    return named_in


def telling_places(a: Quantity, b: Quantity, places: Mapping[int, frozenset[int]],
                   named_in: Mapping[str, frozenset[int]]) -> tuple[frozenset[int], frozenset[int]]:
    """The places of ``a``'s and ``b``'s sentences, or none when the other article names one
    of them too: a place both articles name does not tell their two figures apart."""
    pa, pb = places.get(a.sentence, frozenset()), places.get(b.sentence, frozenset())
    if pa & named_in[b.article] or pb & named_in[a.article]:
        return frozenset(), frozenset()
    return pa, pb


def compare_quantities(qs: Sequence[Quantity], places: dict[int, frozenset[int]],
                       numerals: dict[str, set[tuple[float, str]]] | None = None,
                       people: dict[int, frozenset[int]] | None = None,
                       unlike: Collection[tuple[int, int]] = (),
                       alike: Collection[tuple[int, int]] | Mapping[tuple[int, int], float] = (),
                       ) -> Comparison:
    """``places`` and ``people``: the (non-setting) place and the person entities named in
    each sentence; ``numerals``: every figure written in digits in each article, quantity or
    not ("a 211-game suspension"); ``unlike``: pairs (i < j) of ``qs`` whose sentences read
    unlike one quantity stated twice (``figure_pairs``), never compared; ``alike``: pairs
    whose sentences read so much like one quantity stated twice that they are compared when
    the rules' cues do not tie them (``_same_subject``'s ``alike``); given as a mapping to each
    pair's score (``figure_pairs.split``), those scored at least ``OFFSET_ALIKE_ABOVE`` may also
    be two time offsets told in one form."""
    people = people or {}
    out = Comparison()
    union = _Union()
    edges: dict[tuple[int, int], str] = {}
    by_unit: dict[str, list[int]] = defaultdict(list)
    stated: dict[str, set[tuple[str, float]]] = defaultdict(set)
    by_sentence: dict[int, list[Quantity]] = defaultdict(list)
    for i, q in enumerate(qs):
        by_unit[q.unit].append(i)
        stated[q.article].add((q.unit, q.value))
        by_sentence[q.sentence].append(q)
    written = numerals or {}
    named_in = places_by_article(qs, places)
    # Every comparable pair, with how strongly it is tied (shared words, same key word).
    found: dict[tuple[int, int], tuple[str, int]] = {}
    for idx in by_unit.values():
        for x, i in enumerate(idx):
            for j in idx[x + 1:]:
                if (i, j) in unlike:
                    continue
                a, b = qs[i], qs[j]
                pa, pb = telling_places(a, b, places, named_in)
                scope = _same_subject(a, b, pa, pb,
                                      people.get(a.sentence, frozenset()),
                                      people.get(b.sentence, frozenset()))
                if not scope and (i, j) in alike:
                    sure = isinstance(alike, Mapping) and \
                        alike[(i, j)] >= OFFSET_ALIKE_ABOVE
                    scope = _same_subject(a, b, pa, pb, alike=True, offsets=sure)
                if not scope:
                    continue
                rel = _relation(a, b, scope)
                if not rel:
                    continue
                # An article that also gives the other figure is telling two things apart
                # ("a suspension of 211 games, lowered to 162").
                if rel == "conflict" and (_gives(a.article, b, stated, written, a) or
                                          _gives(b.article, a, stated, written, b) or
                                          _meets(by_sentence[a.sentence], b, a) or
                                          _meets(by_sentence[b.sentence], a, b)):
                    continue
                found[(i, j)] = (rel, _tie(a, b))
    # Each figure is compared with its best match in each other article only, so an article
    # that gives several figures of one kind (winds of 130, 50 and 70 mph) is read figure by
    # figure rather than all against all.
    best: dict[tuple[int, str], tuple[int, int]] = {}
    for (i, j), (_rel, tie) in found.items():
        for me, other in ((i, j), (j, i)):
            key = (me, qs[other].article)
            if key not in best or tie > best[key][0]:
                best[key] = (tie, other)
    # Only pairs that are each other's best match: a figure that is best matched to another
    # one of several in this article ("900,938 signatures" collected, "540,208" needed) does
    # not drag that one into its comparison.
    keep = {(min(me, o), max(me, o)) for (me, _), (_, o) in best.items()
            if best.get((o, qs[me].article), (0, -1))[1] == me}
    for (i, j) in sorted(keep):
        rel = found[(i, j)][0]
        a, b = qs[i], qs[j]
        edges[(i, j)] = rel
        if rel == "agree":
            out.agree.append((a, b))
        else:
            out.disagree.append((a, b, rel))
            union.union(i, j)
    involved = {i for pair, rel in edges.items() if rel != "agree" for i in pair}
    # Facts that agree with one side join the picture ("at least 40,000" from a third outlet).
    for (i, j), rel in edges.items():
        if rel == "agree" and (i in involved) != (j in involved):
            union.union(i, j)
            involved |= {i, j}
    for group in union.groups(sorted(involved)):
        # An article giving two figures in the group tells several quantities apart (jobs
        # added, and last month's revised figure): it leaves the comparison.
        group = group if not STRICT_GROUPS else _without_multi_valued(qs, group)
        rels = {edges.get((min(i, j), max(i, j))) for i in group for j in group if i < j} - {None}
        articles = {qs[i].article for i in group}
        if len(articles) < 2:
            continue
        if "date" in rels and not rels & {"conflict", "wording"}:
            out.conflicts.append(_date_conflict([qs[i] for i in group]))
            continue
        if not rels & {"conflict", "wording"}:
            continue
        values: dict[tuple[float, str], list[Quantity]] = defaultdict(list)
        for i in group:
            values[(qs[i].value, qs[i].qualifier)].append(qs[i])
        if len(values) < 2:
            continue
        vals = tuple(
            Value(_most_common([q.text for q in members]),
                  tuple(Source(q.article, q.claim_start, q.claim_end, q.claim) for q in members))
            for _, members in sorted(values.items(), key=lambda kv: qs.index(kv[1][0]))
        )
        first = qs[min(group)]
        out.conflicts.append(Conflict("number", _subject(first), vals,
                                      compatible="conflict" not in rels))
    return out


def _tie(a: Quantity, b: Quantity) -> int:
    """How strongly two comparable figures are tied: shared words around them, more for the
    same word right before or after, and for the same measure."""
    tie = len(a.context & b.context)
    tie += 3 * (bool(a.lead) and a.lead == b.lead) + 3 * (bool(a.prior) and a.prior == b.prior)
    tie += 3 * (bool(a.measure) and a.measure == b.measure) + 2 * (a.noun == b.noun)
    return tie


def _gives(article: str, q: Quantity, stated: dict[str, set[tuple[str, float]]],
           written: dict[str, set[tuple[float, str]]], mine: Quantity | None = None) -> bool:
    """Whether ``article`` also gives ``q``'s figure, as a quantity or written before the
    same word."""
    if (q.unit, q.value) in stated[article]:
        return True
    # A figure close to ``q``'s and unlike the article's own (``mine``): money or counts only,
    # as a distance or duration given in a second unit ("50 km (31 miles)") is the same one.
    # Money in any currency: "$3.6 million ($4.5 million Australian)" gives the "$4.56
    # million" another outlet states without saying whose dollars.
    if mine is not None and q.unit not in ("distance", "duration") and any(
            u.split(":")[0] == q.unit.split(":")[0] and v and _ratio(v, q.value) <= GIVES_RATIO
            and _ratio(v, mine.value) > 1.1 for u, v in stated[article]):
        return True
    words = {w for w in (q.noun, q.noun_text.lower(), q.lead) if w}
    if q.number >= 1000 or q.number % 10:
        # A specific figure ("1,750", "37") written anywhere in the article, whatever follows.
        if any(n == q.number for n, _ in written.get(article, ())):
            return True
    return any((q.number, w) in written.get(article, ()) or
               (q.number, w.rstrip("s")) in written.get(article, ()) for w in words)


def _meets(beside: Sequence[Quantity], q: Quantity, mine: Quantity) -> bool:
    """Whether ``mine``'s sentence (its figures: ``beside``) gives another figure of ``q``'s
    kind that ``q``'s open bound allows: "ranks 156 countries, and 117 by the happiness of their immigrants" has the
    figure that "more than 150 countries" states, so its 117 counts something else. (Not a
    figure of another sentence: an article that gives a toll and, later, a higher one is
    telling the toll rise, and another outlet's lower toll still differs from its first.)"""
    if q.qualifier not in _OPEN_BOUNDS:
        return False
    return any(x is not mine and x.unit == q.unit and x.noun == q.noun
               and x.measure == q.measure and x.part == q.part and q.low <= x.value <= q.high
               for x in beside)


def _without_multi_valued(qs: Sequence[Quantity], group: list[int]) -> list[int]:
    """The group less the articles that give two figures that cannot both be right ("20,457
    pairs" and "more than 20,000 pairs" can)."""
    by_article: dict[str, list[Quantity]] = defaultdict(list)
    for i in group:
        by_article[qs[i].article].append(qs[i])
    several = {art for art, ms in by_article.items()
               if any(_relation(x, y, "same") == "conflict" for x in ms for y in ms if x is not y)}
    return [i for i in group if qs[i].article not in several]


def _date_conflict(members: list[Quantity]) -> Conflict:
    by_time: dict[str, list[Quantity]] = defaultdict(list)
    for q in members:
        key = ",".join(sorted(q.times)) or f"since {q.since}"
        by_time[key].append(q)
    vals = []
    for _key, qs in by_time.items():
        vals.append(Value(_most_common([q.claim for q in qs]),
                          tuple(Source(q.article, q.claim_start, q.claim_end, q.claim)
                                for q in qs)))
    return Conflict("date", f"date of: {members[0].text} {_subject(members[0])}", tuple(vals))


def _most_common(texts: list[str]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for t in texts:
        counts[t] += 1
    return max(counts, key=lambda t: (counts[t], -texts.index(t)))


# ---------------------------------------------------------------------------------------------
# Accounts: the same people, the same episode, told with different durations or distances.


def compare_accounts(qs: Sequence[Quantity], sentences: Sequence[Sentence],
                     people: dict[int, frozenset[int]], names: dict[int, str],
                     reported: set[tuple[int, int]]) -> list[Conflict]:
    """Durations or distances stated, in two articles, in passages naming the same two or more
    people (the sentence and the one before it), with different values: "the last three
    hours on a scooter" against "the trip took four days"."""

    people_ids = {e for ids in people.values() for e in ids}

    def passage_terms(i: int) -> frozenset[str]:
        text = sentences[i].text
        if i > 0 and sentences[i - 1].article == sentences[i].article:
            text = sentences[i - 1].text + " " + sentences[i].text
        return frozenset(t for t in content_terms(text) if len(t) > 2) - name_terms

    def passage_people(i: int) -> frozenset[int]:
        out = set(people.get(i, frozenset()))
        if i > 0 and sentences[i - 1].article == sentences[i].article:
            out |= people.get(i - 1, frozenset())
        return frozenset(out)

    name_terms = frozenset(t for e, n in names.items() if e in people_ids
                           for t in content_terms(n))
    # Time offsets ("145 years ago", "10 days later"), halves of compound durations and ends
    # of ranges date or bound something else; they are not how long the episode took.
    cands = [q for q in qs if q.unit in ("duration", "distance") and not q.part]
    stated: dict[str, set[tuple[str, float]]] = defaultdict(set)
    for q in cands:
        stated[q.article].add((q.unit, q.value))
    terms = [passage_terms(q.sentence) for q in cands]
    journey = [not t.isdisjoint(JOURNEY_TERMS) for t in terms]
    union = _Union()
    shared_people: dict[int, frozenset[int]] = {}
    linked: set[int] = set()
    for x, a in enumerate(cands):
        for y in range(x + 1, len(cands)):
            b = cands[y]
            # "A three-month delay" and "a delay of 90 days" are one duration.
            if a.article == b.article or a.unit != b.unit or _ratio(a.value, b.value) < 1.1:
                continue
            if not (journey[x] and journey[y]):
                continue  # only journeys are accounts (``JOURNEY_TERMS``)
            if (b.unit, b.value) in stated[a.article] or (a.unit, a.value) in stated[b.article]:
                continue
            if (a.sentence, b.sentence) in reported or (b.sentence, a.sentence) in reported:
                continue
            common = passage_people(a.sentence) & passage_people(b.sentence)
            if len(common) >= 2 and len(terms[x] & terms[y]) >= ACCOUNT_SHARED:
                union.union(x, y)
                linked |= {x, y}
                shared_people[union.find(x)] = common
    out = []
    for group in union.groups(sorted(linked)):
        by_text: dict[str, list[Source]] = defaultdict(list)
        for k in group:
            s = sentences[cands[k].sentence]
            src = Source(s.article, s.start, s.end, s.text)
            if src not in by_text[s.text]:
                by_text[s.text].append(src)
        if len(by_text) < 2:
            continue
        common = shared_people.get(union.find(group[0]), frozenset())
        who = " and ".join(sorted(names[e] for e in common)[:3])
        unit = "how long it took" if cands[group[0]].unit == "duration" else "how far it was"
        out.append(Conflict("account", f"{unit}, in the account involving {who}",
                            tuple(Value(t, tuple(srcs)) for t, srcs in by_text.items())))
    return out


# ---------------------------------------------------------------------------------------------
# Titles and names of people


def compare_titles(entities: Sequence[Entity], articles: Sequence[Article] = ()) -> list[Conflict]:
    """People given titles of one family that cannot both be right (Maj. Gen. / Lt Gen). Besides
    the titles read with the people's mentions, each article is searched for a title right
    before any written form of a person's name (``_name_forms``): the tagger reads few
    sentences of lowercased text, and a segmenter can split "Gov. | Scott Walker"."""
    people = [e for e in entities if e.kind == "person"]
    found: dict[int, dict[tuple[str, int], tuple[int, titles_mod.Title]]] = defaultdict(dict)
    for e in people:
        for m in e.mentions:
            if m.title is not None:
                found[e.id][(m.article, m.title_start)] = (m.title_end, m.title)
    forms = _with_initials(_name_forms(people))
    for a in articles:
        for eid, t0, t1, t in titles_mod.titled(a.text, forms):
            found[eid].setdefault((a.id, t0), (t1, t))
    out = []
    for e in people:
        groups: dict[str, list[tuple[str, int, int, titles_mod.Title]]] = defaultdict(list)
        spans = found.get(e.id, {})
        for (art, t0), (t1, t) in sorted(spans.items()):
            # A title inside a longer one found in the article ("Governor" of "lt. | Governor",
            # split by the segmenter) is that longer title.
            if any(a2 == art and s0 <= t0 and t1 <= s1 and (s0, s1) != (t0, t1)
                   for (a2, s0), (s1, _) in spans.items()):
                continue
            if t.current:
                groups[t.canonical + (" (then)" if t.then else "")].append((art, t0, t1, t))
        canon = list(groups)
        clash = set()
        for i, a in enumerate(canon):
            for b in canon[i + 1:]:
                ta, tb = groups[a][0][3], groups[b][0][3]
                arts_a = {x[0] for x in groups[a]}
                arts_b = {x[0] for x in groups[b]}
                if not titles_mod.compatible(ta, tb) and (arts_a | arts_b) != (arts_a & arts_b):
                    clash |= {a, b}
        if not clash:
            continue
        vals = []
        for c in canon:
            if c not in clash:
                continue
            ms = groups[c]
            text = _most_common([t.text for _, _, _, t in ms])
            vals.append(Value(text, tuple(Source(art, t0, t1, t.text) for art, t0, t1, t in ms)))
        out.append(Conflict("title", e.name, tuple(vals)))
    return out


def _name_forms(people: Sequence[Entity]) -> dict[str, int]:
    """Lowercased written forms of each person's name -> the person: the full names as
    written, without particles ("bashar assad" for "bashar al-Assad"), and the surname alone
    where no other person of the story has it."""
    forms: dict[str, set[int]] = defaultdict(set)
    for e in people:
        full = [v for v in e.variants if parse(v).full]
        for v in full:
            forms[v.lower()].add(e.id)
            bare = " ".join(w for w in re.split(r"[\s-]+", v.lower()) if w not in PARTICLES)
            forms[bare].add(e.id)
        if full:
            longest = max(full, key=len)
            surname = parse(longest).surname
            # Not the father's name of "Mohammed bin Salman": "King Salman" is the father.
            if len(surname) >= 4 and not patronymic(longest):
                forms[surname].add(e.id)
    return {f: next(iter(ids)) for f, ids in forms.items()
            if len(ids) == 1 and len(f) >= 4 and not f.isdigit()}


def _with_initials(forms: dict[str, int]) -> dict[str, int]:
    """Regular expressions of ``forms`` that also match a middle initial ("andrew m. cuomo"
    for "andrew cuomo"), for ``titles.titled``."""
    out = {}
    for f, e in forms.items():
        words = f.split()
        if len(words) == 2:
            out[rf"{re.escape(words[0])}(?:\s+[a-z]\.?)?\s+{re.escape(words[1])}"] = e
        else:
            out[re.escape(f)] = e
    return out


def _glued(mentions: Sequence[Mention], form: str, other: str) -> bool:
    """Whether ``form``, written once, is ``other`` with something glued to its end by the
    scrape ("hillary rodham clintondnc", "abu bakr al-baghdadiand", "clinton5", the hashtag
    "#columbusday"), or a longer form of a short given name ("Matthew" once, "Matt"): not
    another spelling of the name. A transliteration respells letters inside the name
    ("Shallal" / "Shalal"); it does not add two letters or a digit at its end."""
    if len(mentions) != 1:
        return False
    a, b = form.lower().split(), other.lower().split()
    if not a or not b or (len(a) > 1 and len(b) > 1 and a[0] != b[0]):
        return False
    extra = a[-1][len(b[-1]):] if a[-1].startswith(b[-1]) else ""
    return len(extra) >= 2 or any(c.isdigit() for c in extra)


def compare_names(entities: Sequence[Entity], articles: Sequence[Article]) -> list[Conflict]:
    """People whose name is spelled differently by different articles."""
    text_of = {a.id: a.text for a in articles}
    out = []
    for e in entities:
        if e.kind != "person" or len(e.articles) < 2:
            continue
        forms: dict[str, list[Mention]] = defaultdict(list)
        for art in e.articles:
            ms = [m for m in e.mentions if m.article == art]
            full = [m for m in ms if parse(m.text).full]
            for m in full or ms:
                forms[parse(m.text).key].append(m)
        keys = sorted(forms, key=lambda k: (-len(k.split()), -len(forms[k])))
        # Each value is shown as its own fullest spelling, chosen before shortened forms fold
        # in: a surname repeated often ("Shallal") must not stand for "Abdul Aziz Jassim al-Shallal".
        shown = {k: _most_common([m.text for m in forms[k]]) for k in keys}
        # Shortened forms ("Abdul Aziz al-Shallal") fold into the fuller spelling they match.
        kept: list[str] = []
        for k in keys:
            for h in kept:
                if not spelled_differently(parse(forms[k][0].text), parse(forms[h][0].text)):
                    forms[h] += forms[k]
                    break
            else:
                kept.append(k)
        kept = [k for k in kept if not any(_glued(forms[k], shown[k], shown[h])
                                           for h in kept if h != k)]
        if len(kept) < 2:
            continue
        arts = [{m.article for m in forms[k]} for k in kept]
        if all(a == arts[0] for a in arts):
            continue  # one article's own inconsistency, not a difference between sources
        vals = []
        for k in kept:
            ms = forms[k]
            vals.append(Value(shown[k],
                              tuple(Source(m.article, m.start, m.end, text_of[m.article][m.start:m.end])
                                    for m in ms)))
        out.append(Conflict("name", e.name, tuple(vals)))
    return out


# ---------------------------------------------------------------------------------------------
# Dates of events


def compare_dates(ds: Sequence[DateFact],
                  named: dict[int, frozenset[int]] | None = None) -> list[Conflict]:
    """The same event (its surrounding words overlap strongly) dated differently. ``named``:
    the people, organisations and (non-setting) places named in each sentence; two sentences
    that both name some but none in common tell of different events ("al-Arabiya aired the
    video Tuesday", "Al Jazeera aired a video Thursday")."""
    named = named or {}
    stated: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for d in ds:
        stated[d.article].add((d.kind, d.value))
    union = _Union()
    linked: set[int] = set()
    for i, a in enumerate(ds):
        for j in range(i + 1, len(ds)):
            b = ds[j]
            if a.article == b.article or a.kind != b.kind or a.value == b.value:
                continue
            # The day one outlet says something was said is not the day of what was said.
            if a.said or b.said:
                continue
            # An article that also gives the other date is telling two events apart.
            if (b.kind, b.value) in stated[a.article] or (a.kind, a.value) in stated[b.article]:
                continue
            na, nb = named.get(a.sentence, frozenset()), named.get(b.sentence, frozenset())
            if na and nb and not na & nb:
                continue
            # What happened on the day must be told with a word in common right by the date
            # ("bodies found Tuesday" and "confirmed Wednesday" are two events of one story).
            if not a.near & b.near:
                continue
            shared = a.context & b.context
            union_size = len(a.context | b.context) or 1
            if len(shared) >= DATE_SHARED and len(shared) / union_size >= DATE_OVERLAP:
                union.union(i, j)
                linked |= {i, j}
    out = []
    for group in union.groups(sorted(linked)):
        by_value: dict[str, list[DateFact]] = defaultdict(list)
        for k in group:
            by_value[ds[k].value].append(ds[k])
        if len(by_value) < 2:
            continue
        shared = frozenset.intersection(*(ds[k].context for k in group))
        about = " ".join(sorted(shared)[:4])
        vals = tuple(Value(_most_common([d.text for d in members]),
                           tuple(Source(d.article, d.start, d.end, d.text) for d in members))
                     for members in by_value.values())
        out.append(Conflict("date", f"date of the event ({about})", vals))
    return out
