"""Facts stated in sentences: quantities with what they count, and dates of events.

A quantity is a number phrase ("more than 40,000", "$1.5 billion", "8.2 %", "four days") with
the words that say what it counts: the noun after it ("Syrian refugees"), what happened to
those counted ("killed", "injured") and the scope of the statement (the point in time and the
places named in the sentence, a "since" date for running totals). Two quantities are only ever
compared when all of that agrees, which is what keeps "3,300 refugees" and "147,107 Syrians",
or Wednesday's toll and the war's toll, from being reported as a conflict.

Everything here is rules over the text, so it works the same with or without spaCy and on
Multi-News's lowercased, tokenized form ("8.2 %", "$ 1.84 million").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Article, Sentence
from ..text import STOPWORDS, content_terms, stem

_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "a dozen": 12, "a hundred": 100, "a thousand": 1000,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "m": 1e6, "bn": 1e9, "k": 1e3}
# qualifier as written -> (kind, low factor, high factor) of the range it allows around X.
_QUALIFIERS = {
    "more than": ("more", 1.0, float("inf")), "over": ("more", 1.0, float("inf")),
    "well over": ("more", 1.0, float("inf")), "upwards of": ("more", 1.0, float("inf")),
    "in excess of": ("more", 1.0, float("inf")), "just over": ("more", 1.0, 1.1),
    "greater than": ("more", 1.0, float("inf")), "higher than": ("more", 1.0, float("inf")),
    "at least": ("atleast", 1.0, float("inf")), "no fewer than": ("atleast", 1.0, float("inf")),
    "no less than": ("atleast", 1.0, float("inf")), "a minimum of": ("atleast", 1.0, float("inf")),
    "a maximum of": ("upto", 0.0, 1.0),
    "nearly": ("nearly", 0.85, 1.0), "almost": ("nearly", 0.85, 1.0),
    "close to": ("nearly", 0.85, 1.0), "just under": ("nearly", 0.9, 1.0),
    "about": ("about", 0.9, 1.1), "around": ("about", 0.9, 1.1), "some": ("about", 0.9, 1.1),
    "roughly": ("about", 0.9, 1.1), "approximately": ("about", 0.9, 1.1),
    "an estimated": ("about", 0.9, 1.1), "estimated": ("about", 0.9, 1.1),
    "up to": ("upto", 0.0, 1.0), "as many as": ("upto", 0.0, 1.0), "at most": ("upto", 0.0, 1.0),
    "as much as": ("upto", 0.0, 1.0),
    "fewer than": ("less", 0.0, 1.0), "less than": ("less", 0.0, 1.0),
    "under": ("less", 0.0, 1.0), "no more than": ("upto", 0.0, 1.0),
    "below": ("less", 0.0, 1.0), "above": ("more", 1.0, float("inf")),
}
_QUAL_RX = "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
_WORDS_RX = "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
NUMBER = re.compile(
    rf"(?:\b(?P<qual>{_QUAL_RX})\s+)?(?P<cur>US\$|\$|£|€)?\s?"
    # The look-behind keeps figures glued to other text out ("covid-19", "3/4"); after a
    # currency sign it would also keep out "$104 billion", written without a space.
    rf"(?(cur)|(?<![\w.,/:$£€-]))(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    rf"(?:{_WORDS_RX})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?)"
    # The scale may be glued on ("£5m", "$2bn"); any other letter or digit glued on is not a
    # figure of this kind ("5km", "3.5x").
    rf"(?:\s?(?P<scale>hundred|thousand|million|billion|trillion|bn|m|k)\b|(?![\w,]|\.\d))"
    rf"(?:\s?(?P<pct>%|percent\b|per cent\b))?",
    re.I,
)
# Every match of NUMBER has a digit or a number word as a whole word ("a dozen": "dozen"):
# looking for those first is several times faster than NUMBER failing on a sentence without a
# figure, which is most sentences. Characters that case-fold onto ASCII letters under re.I
# ("ſ", the Kelvin sign, dotted and dotless i) send the text to NUMBER itself, so this never
# skips a sentence NUMBER would match.
_NUMBER_WORDS = frozenset(w.split()[-1] for w in _WORD_NUMBERS)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")
_FOLDS_TO_ASCII = re.compile("[\u017f\u0131\u0130\u212a]")


def may_have_number(text: str) -> bool:
    """False only for a text in which NUMBER finds nothing."""
    if _DIGIT.search(text) or _FOLDS_TO_ASCII.search(text):
        return True
    return not _NUMBER_WORDS.isdisjoint(_WORD.findall(text.lower()))


MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_MONTH_RX = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
             r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DATE = re.compile(
    rf"\b(?:(?P<wd>{'|'.join(_WEEKDAYS)})\b|(?P<m1>{_MONTH_RX})\s+(?P<d1>\d{{1,2}})(?!\d)"
    rf"(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+"
    rf"(?P<m2>{_MONTH_RX})(?:,?\s+(?P<y2>(?:19|20)\d\d))?|(?P<m3>{_MONTH_RX})\s+(?P<y3>(?:19|20)\d\d)"
    rf"|(?P<rel>yesterday|today|tonight|last night))\b",
    re.I,
)
_SINCE = re.compile(rf"\bsince\s+(?:(?:early|late|mid)[\s-]+)?(?P<what>{_MONTH_RX}\s+(?:19|20)\d\d|"
                    rf"(?:19|20)\d\d|{_MONTH_RX}|last \w+|the \w+ (?:began|started))", re.I)
_UNITS = {
    **dict.fromkeys(["second", "seconds", "minute", "minutes", "min", "mins"], "duration"),
    **dict.fromkeys(["hour", "hours", "day", "days", "week", "weeks", "month", "months",
                     "year", "years", "decade", "decades"], "duration"),
    **dict.fromkeys(["mile", "miles", "kilometer", "kilometers", "kilometre", "kilometres",
                     "km", "feet", "foot", "ft", "meter", "meters", "metre", "metres",
                     "yards"], "distance"),
    **dict.fromkeys(["dollars", "dollar", "euros", "pounds", "yuan", "yen", "rupees"], "money"),
}
_WEIGHED = re.compile(r"\b(?:weigh\w*|tipped the scales at|lost|gained|lbs?)\b(?:\s+\S+){0,3}\s*$",
                      re.I)
_TO_BASE = {"second": 1 / 3600, "minute": 1 / 60, "min": 1 / 60, "hour": 1, "day": 24,
            "week": 168, "month": 730, "year": 8760, "decade": 87600, "mile": 1609,
            "kilometer": 1000, "kilometre": 1000, "km": 1000, "feet": 0.3048, "foot": 0.3048,
            "ft": 0.3048, "meter": 1, "metre": 1, "yard": 0.9144}
# What happened to the people counted. A quantity is compared only with quantities of the
# same measure (a death toll with a death toll).
MEASURES = {
    **dict.fromkeys("killed dead died die dies dying deaths death toll lives fatalities slain "
                    "perished murdered massacred executed killing kills".split(), "killed"),
    **dict.fromkeys("injured wounded hurt injuries injuring wounding".split(), "injured"),
    **dict.fromkeys("arrested detained jailed arrests detentions".split(), "arrested"),
    **dict.fromkeys("missing unaccounted".split(), "missing"),
    **dict.fromkeys("displaced evacuated homeless".split(), "displaced"),
    **dict.fromkeys("rescued".split(), "rescued"),
    **dict.fromkeys("infected sickened".split(), "infected"),
    # Who was shot or stabbed is not who died of it ("shooting eight people ..., killing six").
    **dict.fromkeys("shot shooting".split(), "shot"),
    **dict.fromkeys("stabbed stabbing".split(), "stabbed"),
}
# "the shooting", "Friday's stabbing": the event, not what was done to those counted after it.
_EVENT_BEFORE = re.compile(r"(?i)^(?:the|a|an|this|that|mass|school|\w+['’]s)$")
_WOUNDS = frozenset(("shot", "stabbed"))
_OR_BOUND = re.compile(r"(?:\s+[A-Za-z-]+)?\s+or\s+(fewer|less|under|more)\b", re.I)
PEOPLE = frozenset("people person persons individuals victims lives".split())
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ians?|ans?|ese|is|ish)$")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*|[^\sA-Za-z\d]")
_CLAUSE_END = frozenset(".;:!?()")
_DASHES = frozenset("—–-")
_QUAL_WORDS = frozenset(w for q in _QUALIFIERS for w in q.split())
_WORDS_ONLY = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


@dataclass(frozen=True)
class Quantity:
    article: str
    sentence: int  # index into the sentences given to ``quantities``
    start: int  # the number phrase, offsets into Article.text
    end: int
    text: str
    number: float  # as stated (the "40,000" of "more than 40,000")
    value: float  # in the unit's base (hours, metres) for comparing
    qualifier: str  # "" | more | atleast | nearly | about | upto | less
    low: float  # the range the statement allows
    high: float
    unit: str  # count | percent | money:$ | duration | distance | age
    noun: str  # what a count counts, normalized ("people", "refugee"); "" if unknown
    noun_text: str
    measure: str  # killed | injured | ... | ""
    measure_text: str
    times: frozenset[str]  # points in time named in the sentence
    since: str  # start of a running total ("march 2011"), "" if none
    context: frozenset[str]  # content terms around the number
    lead: str = ""  # first content word after the number phrase, stemmed
    prior: str = ""  # nearest content word before it, stemmed
    # The words that make the claim ("More than 40,000 people -- mostly civilians -- have been
    # killed"): what a reader is shown as each outlet's version.
    claim_start: int = -1
    claim_end: int = -1
    claim: str = ""
    # Stated as a whole ("all 50 states", "each of the 12 jurors"): the size of a group, not a
    # reported count of something that happened to part of it.
    total: bool = False
    # Expected, hoped for or possible rather than reported ("hopes to eat a record 70 hot
    # dogs", "the consensus was 215,000 jobs"): not comparable with what happened.
    hedged: bool = False
    # The year the figure is dated to, when one stands right by it ("second in 2013 with 51
    # dogs", "$10 million announced in October 2011"); "" if none.
    year: str = ""
    # How the figure is tied to others in its own sentence, when it is not a plain statement
    # of an amount (``_part``): "range" (the "nine" of "seven to nine hours"), "compound" (the
    # "three years" of "three years and 10 months", the "7 minutes" of "2 hours, 7 minutes"),
    # "relative" (a time offset: "two years ago", "10 days later", "after eight years", or a
    # difference: "10 hours ahead of", "13 weeks premature"), "stage" (how far along a
    # pregnancy is: "23 weeks pregnant"),
    # "increment" ("another 30", "45 other finalists", "40 more people"), "list" ("100 miles, 200
    # miles"), "initial" ("the initial 2,600 officers"), "intraday" (a stock index's move in
    # points, not at the close), "tally" (how much of an election's count is in: "with 83
    # percent of the vote counted"), "partial" ("killing two
    # people outside the center and then a third at a nearby home"), "subset" ("11 of the
    # fatalities"); "" otherwise.
    part: str = ""
    # How badly those counted were hurt ("seriously", "critically"): "" if not said.
    degree: str = ""
    # For a time offset (``part`` "relative"), the words that say what it is counted from:
    # "ago", "later", "after" ("10 days after the crash"), "after N" ("after 37 years in
    # charge"), "within N", "past" ("for the past 7 years", "in the last 12 years") ...; ""
    # otherwise. Two offsets are one quantity told twice only in one form.
    offset: str = ""


@dataclass(frozen=True)
class DateFact:
    article: str
    sentence: int
    start: int
    end: int
    text: str
    kind: str  # weekday | day | month | relative
    value: str  # normalized, comparable within a kind
    context: frozenset[str]
    # The nearest content words before and after the date in its clause, stemmed ("found" in
    # "bodies found Tuesday", "ruling" in "Wednesday's ruling"): what happened on that day.
    near: frozenset[str] = frozenset()
    # The day someone spoke ("the school said Tuesday", "his office announced on Friday"):
    # the day of a statement, of which a story has many, not of the event it tells.
    said: bool = False


def _number(num: str) -> float | None:
    n = num.lower()
    if n in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[n])
    if "-" in n or " " in n:
        a, b = re.split(r"[-\s]+", n, maxsplit=1)
        # "twenty-three", "twenty three" (tokenized text); not "one two".
        ones = {"one": 1, **_WORD_NUMBERS}
        if a in _WORD_NUMBERS and b in ones and _WORD_NUMBERS[a] >= 20 \
                and _WORD_NUMBERS[a] % 10 == 0 and ones[b] < 10:
            return float(_WORD_NUMBERS[a] + ones[b])
        return None
    try:
        return float(n.replace(",", ""))
    except ValueError:
        return None


def _singular(word: str) -> str:
    w = word.lower()
    if w in PEOPLE:
        return "people"
    for suffix, repl in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and not w.endswith("ss"):
            return w[: -len(suffix)] + repl
    return w


def point_times(text: str) -> frozenset[str]:
    """Points in time a sentence names; the start of a running total ("since March 2011")
    is not one."""
    out = set()
    since = [m.span() for m in _SINCE.finditer(text)]
    for m in DATE.finditer(text):
        if any(a <= m.start() < b for a, b in since):
            continue
        kind, value = _date_value(m)
        if kind != "relative":  # "today" is another day in an article published a day later
            out.add(f"{kind}:{value}")
    # A month named alone ("jobs added in February", "the last weekend in January"): figures
    # of another month are other figures.
    for m in _IN_MONTH.finditer(text):
        if not any(a <= m.start() < b for a, b in since):
            out.add(f"in:{_month(m.group('mon'))}")
    # How much of an election's count is in ("with 55 percent of precincts reporting"): vote
    # shares at another stage of the count are other figures.
    for m in _COUNT_STAGE.finditer(text):
        out.add(f"count:{m.group('stage').lower().replace(' ', '')}")
    return frozenset(out)


_TALLIED = (r"(?:the\s+)?(?:precincts?|polling\s+(?:places|stations)|votes?|ballots?)"
            r"(?:\s+cast)?\s+(?:counted|reporting|reported|tallied|processed|"
            r"in(?=\s*(?:[,;.)]|$)))\b")
_COUNT_STAGE = re.compile(r"\bwith\s+(?:(?:nearly|almost|about|more than|over)\s+)?"
                          r"(?P<stage>\d+(?:\.\d+)?\s*(?:%|percent|per cent)|all|most|half)"
                          r"(?:\s+of)?\s+" + _TALLIED, re.I)
# The figure that says how much of a count is in ("with 83 percent of the vote counted") is a
# stage of the count, not a vote share.
_STAGE_OF_COUNT_AFTER = re.compile(r"\s+of\s+" + _TALLIED, re.I)


_IN_MONTH = re.compile(r"\b(?:in|during|of)\s+(?:(?:early|late|mid)[\s-]+)?(?P<mon>january|february|"
                       r"march|april|may|june|july|august|september|october|november|december)\b"
                       r"(?!\s*,?\s*\d)", re.I)


def _month(text: str) -> int:
    return MONTHS.get(text.lower().rstrip(".")[:3], 0)


def _date_value(m: re.Match[str]) -> tuple[str, str]:
    if m.group("wd"):
        return "weekday", m.group("wd").lower()
    if m.group("m1"):
        return "day", f"{_month(m.group('m1'))}-{int(m.group('d1'))}"
    if m.group("m2"):
        return "day", f"{_month(m.group('m2'))}-{int(m.group('d2'))}"
    if m.group("m3"):
        return "month", f"{m.group('y3')}-{_month(m.group('m3'))}"
    return "relative", m.group("rel").lower()


def _since(text: str) -> str:
    m = _SINCE.search(text)
    return " ".join(m.group("what").split()) if m else ""


def _event_date(text: str, m: re.Match[str]) -> bool:
    """Whether "since X" goes on to tell what happened at X ("the first since May 2017, when
    one soldier was killed and two others wounded"): X is then the date of that other event,
    not the start of a running total."""
    return re.match(r"\s*,?\s*when\b", text[m.end():m.end() + 12], re.I) is not None


def _window_terms(text: str, start: int, end: int, words: int = 10) -> frozenset[str]:
    """Content terms of the ``words`` words either side of ``text[start:end]``, whole words
    only, within the sentence."""
    left = _WORDS_ONLY.findall(text[:start])[-words:]
    right = _WORDS_ONLY.findall(text[end:])[:words]
    return frozenset(t for t in content_terms(" ".join(left + right))
                     if len(t) > 2 and not t[0].isdigit())


# Words before a figure that say the same thing ("over the past 50 years", "in the last 100").
_PRIOR_SAME = {"past": "last", "previous": "last", "preceding": "last"}


def _prior(text: str, start: int) -> str:
    """The nearest content word before a number phrase, within three words ("jailed" in
    "jailed for 20 weeks", "course" in "over the course of 1,000 years")."""
    for w in reversed(_WORDS_ONLY.findall(text[max(0, start - 40):start])[-3:]):
        lw = w.lower()
        if lw not in STOPWORDS and not lw[0].isdigit() and lw not in _QUAL_WORDS:
            return stem(_PRIOR_SAME.get(lw, lw))
    return ""


def _lead(text: str, end: int) -> str:
    """The first content word after a number phrase ("matched" in "100 matched controls",
    "fat" in "56 percent fat"): how an outlet that copies a figure usually goes on."""
    for w in _WORDS_ONLY.findall(text[end:end + 60])[:3]:
        lw = w.lower()
        if lw not in STOPWORDS and lw not in _UNITS and not lw[0].isdigit() and lw not in (
                "percent", "cent", "per", "million", "billion", "thousand"):
            return stem(lw)
    return ""


# "One count of the 48 counts", "three members of the 12-member board": a figure after "<so
# many> <things> of the" is the size of the whole group, as after "one of the".
_ALL_BEFORE = re.compile(rf"\b(?:all|all of the|all the|each of the|every one of the|one of|"
                         rf"among|out of|one of the|\d+ of /?|"
                         rf"(?:\d[\d,]*|one|{_WORDS_RX})\s+[a-z]+\s+of\s+the)\s*$", re.I)


def quantities(articles: Sequence[Article], sentences: Sequence[Sentence]) -> list[Quantity]:
    """Every quantity stated in ``sentences`` (years, clock times, dates, ordinals and vague
    words like "dozens" are not quantities)."""
    cased = {a.id: any(c.isupper() for c in a.text[1:2000]) for a in articles}
    out: list[Quantity] = []
    for i, s in enumerate(sentences):
        text = s.text
        if not may_have_number(text) or not NUMBER.search(text):
            continue
        times = point_times(text)
        since = _since(text)
        events = [e for e in _SINCE.finditer(text) if _event_date(text, e)]
        for m in NUMBER.finditer(text):
            q = _quantity(text, m, cased.get(s.article, True))
            if q is None:
                continue
            q_times, q_since = times, since
            told = [e for e in events if e.end() <= m.start()]
            if told:  # a figure of the event "since X, when ..." tells: its time is X
                what = " ".join(told[-1].group("what").lower().split())
                q_times, q_since = times | point_times(what) | {f"at:{what}"}, ""
            unit, number, value, noun, noun_text, measure, measure_text, qual = q
            kind, lo, hi = _QUALIFIERS.get(qual.lower(), ("", 1.0, 1.0)) if qual else ("", 1.0, 1.0)
            start = m.start() if qual else m.start("cur") if m.group("cur") else m.start("num")
            c0, c1 = _claim(text, start, m.end(), noun_text, measure_text)
            out.append(Quantity(
                article=s.article, sentence=i, start=s.start + start, end=s.start + m.end(),
                text=text[start:m.end()], number=number, value=value, qualifier=kind,
                low=value * lo, high=value * hi, unit=unit, noun=noun, noun_text=noun_text,
                measure=measure, measure_text=measure_text, times=q_times, since=q_since,
                context=_window_terms(text, m.start(), m.end()), lead=_lead(text, m.end()),
                prior=_prior(text, start),
                claim_start=s.start + c0, claim_end=s.start + c1, claim=text[c0:c1],
                total=bool(_ALL_BEFORE.search(text[max(0, start - 30):start])),
                # "shootings where four or more people were killed": a threshold that defines
                # something, not a count of what happened.
                hedged=_hedged(text, start, m.end()) or bool(_OR_BOUND.match(text, m.end())),
                year=_year_by(text, start, m.end()),
                part=(part := _part(text, start, m.start("num"), m.end(), unit) or
                      ("intraday" if noun == "point" and _intraday(text) else "")),
                offset=_offset(text, start, m.end()) if part == "relative" else "",
                degree=_degree(text, m.end(), measure_text) if measure_text else "",
            ))
    return out


_NUM_WORD = rf"(?:\b\d[\d,.]*|\b(?:{_WORDS_RX}))"
_RANGE_BEFORE = re.compile(rf"(?:\bbetween\s+\S+\s+and|{_NUM_WORD}\s*(?:-|–|to|or|and)|"
                           rf"\bfrom\s+\S+\s+to)\s*(?:\$\s?)?$", re.I)
_RANGE_AFTER = re.compile(rf"\s*(?:-|–|to|or|and)\s*(?:\$\s?)?{_NUM_WORD}(?![\w:])", re.I)
_DURATION_RX = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)"
# The larger half of a compound duration may be "one" or "a", which are not read as figures
# ("one year and two weeks sober", "a year and 10 months"): the "two weeks" is still a half.
_COMPOUND_BEFORE = re.compile(rf"(?:{_NUM_WORD}|\b(?:one|a|an))\s+{_DURATION_RX}\s*(?:,|and)\s*$",
                              re.I)
_COMPOUND_AFTER = re.compile(rf"\s+{_DURATION_RX}\s*(?:,\s*(?:and\s+)?|and\s+)"
                             rf"(?:{_NUM_WORD})\s+{_DURATION_RX}\b", re.I)
# A duration followed by a comparative gives a difference between two times, not how long
# something lasted: "10 hours ahead of the second-place runner", "live 10 years longer", "born
# 13 weeks premature".
_RELATIVE_AFTER = re.compile(rf"[\s-]+{_DURATION_RX}\s+(?P<word>ago|later|earlier|before|after|"
                             rf"prior|on|from now|since|into|ahead|behind|early|late|longer|"
                             rf"shorter|sooner|premature|prematurely|overdue)\b", re.I)
# "23 weeks pregnant" tells how far along a pregnancy is, as an age tells how old someone is:
# it is compared only with another such stage ("12 weeks pregnant" / "17 weeks pregnant").
_STAGE_AFTER = re.compile(rf"[\s-]+{_DURATION_RX}\s+pregnant\b", re.I)
_RELATIVE_BEFORE = re.compile(r"\b(?P<word>after|within|in the (?:first|past|last|next)|"
                              r"for the (?:past|last)|over the (?:past|last|next))\s+"
                              r"(?:(?:more than|nearly|about|almost|just|over)\s+)?$", re.I)
# "100 miles, 200 miles", "$5 million, $40 million, or even $100 million": figures listed
# one after another with the same unit are several quantities (examples, guesses), not one
# reported amount.
_SCALE_RX = r"(?:\s?(?:hundred|thousand|million|billion|trillion|bn|m|k)\b)?"
# A list item ends the clause or the list ("12 people, 30 people were hurt" is two clauses).
_ITEM_END = r"(?=\s*(?:[,.;:)!?]|$|and\b|or\b|worth\b))"
_LIST_AFTER = re.compile(rf"(?:\s+(?P<w>[a-z]+))?\s*,\s*(?:(?:and|or)\s+)?(?:even\s+)?"
                         rf"(?P<cur>\$\s?)?{_NUM_WORD}{_SCALE_RX}(?:\s+(?P<w2>[a-z]+))?{_ITEM_END}",
                         re.I)
_LIST_BEFORE = re.compile(rf"(?P<cur>\$\s?)?{_NUM_WORD}{_SCALE_RX}(?:\s+(?P<w>[a-z]+))?\s*,\s*"
                          rf"(?:(?:and|or)\s+)?(?:even\s+)?(?:\$\s?)?$", re.I)
_FIRST_WORD = re.compile(rf"\s+([a-z]+){_ITEM_END}", re.I)
_ENDS_ITEM = re.compile(_ITEM_END, re.I)
# "the initial 2,600 officers", "the original 12 plaintiffs", "the previous mark of 5,234 feet":
# an earlier figure, which the story goes on to add to or to beat.
_EARLIER_BEFORE = re.compile(r"\b(?:initial|original|initially|originally|previous|prior|former)"
                             r"\s+(?:(?:record|mark|high|best|total|estimate|figure)\s+"
                             r"(?:of\s+)?)?$", re.I)
_INCREMENT_BEFORE = re.compile(r"\b(?:another|an additional|a further|an extra|other|remaining|"
                               r"in addition to)\s+$", re.I)
_INCREMENT_AFTER = re.compile(r"\s+(?:more|other|others|additional|extra|further)\b", re.I)
# "11 of the fatalities were in its jurisdiction": the figure counts part of a group the
# sentence names, not the whole that another outlet's "at least 15 people have died" counts.
# Not "of them" or "of whom": "54 people were killed, 44 of them children" counts the children.
_SUBSET_AFTER = re.compile(r"\s+of\s+(?:the|those|these|its|their|his|her|our)\b", re.I)
# "killing two people outside the center and then a third at a nearby home": the figure counts
# those of one place or moment, and the sentence goes on to count one more.
_ONE_MORE_AFTER = re.compile(r".*?\b(?:and|then|before|plus)\s+(?:then\s+)?(?:a|one)\s+"
                             r"(?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b"
                             r"(?!\s+(?:of|time|day|week|month|year|quarter|place|straight|"
                             r"consecutive|round|term|grade)s?\b)", re.I)


def _part(text: str, start: int, num: int, end: int, unit: str) -> str:
    """How the figure at ``text[start:end]`` (its number at ``num``) is tied to others in its
    sentence (see ``Quantity.part``)."""
    before = text[max(0, start - 30):start]
    after = text[end:end + 40]
    if _RANGE_BEFORE.search(text[max(0, num - 30):num]) or _RANGE_AFTER.match(after):
        # "Seven to nine hours", "22 and 25 weeks", "50 to 75 boys" (not "one or two" words
        # across a sentence: both sides are figures).
        return "range"
    if unit == "duration":
        if _COMPOUND_BEFORE.search(before) or _COMPOUND_AFTER.match(after):
            return "compound"
        if _RELATIVE_AFTER.match(after) or _RELATIVE_BEFORE.search(before):
            return "relative"
        if _STAGE_AFTER.match(after):
            return "stage"
    if unit == "percent" and _STAGE_OF_COUNT_AFTER.match(after):
        return "tally"
    if _listed(text, num, end, unit):
        return "list"
    if _EARLIER_BEFORE.search(before):
        return "initial"
    if _INCREMENT_BEFORE.search(before) or (unit == "count" and _INCREMENT_AFTER.match(after)):
        return "increment"
    if unit == "count" and _ONE_MORE_AFTER.match(re.split(r"[.;!?]\s", text[end:end + 120])[0]):
        return "partial"
    if unit == "count" and _SUBSET_AFTER.match(after):
        return "subset"
    return ""


# "for the past 7 years", "in the last 12 years", "over the past decade": a period that ends now.
_OFFSET_WORDS = {"in the past": "past", "in the last": "past", "for the past": "past",
                 "for the last": "past", "over the past": "past", "over the last": "past",
                 "in the first": "first", "in the next": "next", "over the next": "next"}


def _offset(text: str, start: int, end: int) -> str:
    """What the time offset at ``text[start:end]`` is counted from (``Quantity.offset``)."""
    m = _RELATIVE_AFTER.match(text[end:end + 40])
    if m is not None:  # "61 years ago", "30 minutes before he was due to die"
        return " ".join(m.group("word").lower().split())
    m = _RELATIVE_BEFORE.search(text[max(0, start - 30):start])
    if m is None:
        return ""
    # "after 37 years in charge", "within 30 days": named apart from "37 years after <event>"
    word = " ".join(m.group("word").lower().split())
    return _OFFSET_WORDS.get(word, f"{word} N")


# A stock index's move in points changes through the trading day: two outlets writing at
# different hours give different figures ("the Dow increased 118 points" / "was recently up 97
# points"). Only closing moves are one figure for the day.
_INDEX = re.compile(r"\b(?:dow|nasdaq|s&p|s & p|ftse|nikkei|dax|hang seng|industrials|"
                    r"stock index)\b", re.I)
_CLOSE = re.compile(r"\b(?:clos(?:e|ed|ing)|end(?:ed)?|finish(?:ed)?|settled)\b", re.I)


def _intraday(text: str) -> bool:
    """Whether the sentence gives a stock index's move other than at the close."""
    return bool(_INDEX.search(text)) and not _CLOSE.search(text)


def _listed(text: str, num: int, end: int, unit: str) -> bool:
    """Whether the figure (its number at ``num``, ending at ``end``) stands in a list of figures
    of its unit: the next or the previous item has the same word after it ("100 miles, 200
    miles"), or both are sums of money ("$5 million, $40 million")."""
    money = unit.startswith("money")
    after = _LIST_AFTER.match(text, end, min(len(text), end + 60))
    if after and (money and after.group("cur") and not after.group("w") or after.group("w")
                  and (after.group("w2") or "").lower() == after.group("w").lower()):
        return True
    start = num  # the item before ends where this one starts: at its sign, for money
    if money and (sign := text.rfind("$", max(0, num - 3), num)) >= 0:
        start = sign
    before = _LIST_BEFORE.search(text, max(0, start - 60), start)
    if before is None:
        return False
    if money:
        return bool(before.group("cur")) and not before.group("w") and \
            bool(_ENDS_ITEM.match(text, end))
    word = _FIRST_WORD.match(text, end)
    return bool(word and before.group("w") and before.group("w").lower() == word.group(1).lower())


_DEGREES = frozenset("seriously critically severely badly slightly gravely lightly mortally "
                     "fatally moderately minor serious critical severe grave".split())


def _degree(text: str, end: int, measure_text: str) -> str:
    """The adverb of degree right before the figure's measure word ("15 people critically
    wounded", "27 seriously injured")."""
    k = text.find(measure_text, end, end + 140)
    if k < 0:
        return ""
    words = _WORDS_ONLY.findall(text[max(end, k - 25):k])
    return words[-1].lower() if words and words[-1].lower() in _DEGREES else ""


# Words that make a figure an expectation, a hope, a plan or a possibility.
_HEDGES = frozenset(
    "hope hopes hoped hoping expect expects expected expecting expectation "
    "expectations plan plans planned planning aim aims aiming goal goals target targets "
    "targeted forecast forecasts forecasters forecasted projected projection projections "
    "consensus predicted predicts prediction predictions proposed proposes proposal want "
    "anticipate anticipates anticipated anticipating "
    "wants wanted seek seeks seeking sought ask asks asked asking request requested".split())


_IN_YEAR = re.compile(rf"\b(?:in|during|of|from)\s+(?:(?:early|late|mid)[\s-]+)?(?:{_MONTH_RX}\s+)?"
                      rf"(?P<y>(?:19|20)\d\d)\b(?!\s*[-–]\s*\d)", re.I)


def _year_by(text: str, start: int, end: int) -> str:
    """A year given with "in" (or "during", "of", "from") within about six words of the figure,
    in the same clause."""
    left = re.split(r"[.;:!?()]\s", text[max(0, start - 40):start])[-1]
    right = re.split(r"[.;:!?()](?:\s|$)", text[end:end + 40])[0]
    m = _IN_YEAR.search(left) or _IN_YEAR.search(right)
    return m.group("y") if m else ""


def _hedged(text: str, start: int, end: int) -> bool:
    """Whether a hedging word stands in the figure's clause: up to 12 words before it or 6
    after, not across a full stop or semicolon. Modals ("would", "could") are not hedges here:
    they as often tell what a bill or a reward provides ("a bill that would keep the names
    secret for 60 days"). After the figure, a hedging word in "-ing" tells what those counted
    are doing, not that the count is hoped for: "160 percent of its graduates seeking
    employment", "200 migrants hoping to cross"."""
    left = re.split(r"[.;:!?]\s", text[max(0, start - 120):start])[-1]
    right = re.split(r"[.;:!?](?:\s|$)", text[end:end + 60])[0]
    words = [w.lower() for w in _WORDS_ONLY.findall(left)][-12:] + \
        [w.lower() for w in _WORDS_ONLY.findall(right)[:6] if not w.lower().endswith("ing")]
    return any(w in _HEDGES for w in words) or bool(_COUNTERFACTUAL.search(left))


# "if we had lived 3 million years ago", "if it were 10 percent higher": a supposition.
_COUNTERFACTUAL = re.compile(r"\bif\s+(?:\w+\s+){1,2}(?:had|were)\b", re.I)


def _claim(text: str, start: int, end: int, noun: str, measure: str) -> tuple[int, int]:
    """The number phrase stretched to its counted noun and measure word when they are near."""
    c0, c1 = start, end
    for word in (noun, measure):
        if not word:
            continue
        after = text.find(word, end, end + 90)
        if after >= 0:
            c1 = max(c1, after + len(word))
            continue
        before = text.rfind(word, max(0, start - 50), start)
        if before >= 0:
            c0 = min(c0, before)
    return c0, c1


# A figure after these is a capacity: what a plane, a hall or a ship can take, not how many it
# took ("the A380, which can carry 525 passengers" beside "485 passengers aboard").
_CAPACITY = re.compile(r"\b(?:can|could|able to|designed to|built to)\s+(?:carry|hold|seat|"
                       r"accommodate|house|transport)\s*$", re.I)


def _quantity(text: str, m: re.Match[str], cased: bool):  # type: ignore[no-untyped-def]
    """(unit, number, value, noun, noun_text, measure, measure_text, qualifier) or None."""
    num = m.group("num")
    number = _number(num)
    if number is None or number == 0:
        return None
    before = text[max(0, m.start("num") - 12):m.start("num")]
    after = text[m.end():m.end() + 40]
    is_digit = num[0].isdigit()
    scale = (m.group("scale") or "").lower()
    if scale == "m" and not m.group("cur"):
        return None  # "5 m" is five metres as often as five million
    if (is_digit and "," not in num and "." not in num and 1800 <= number <= 2100
            and not (m.group("cur") or m.group("pct") or scale)):
        return None  # a year
    if re.search(r"\d\s?:\s?$", before):
        return None  # the minutes of a clock time in tokenized text ("6: 36 p.")
    if re.match(r"\s*(?::\s?\d|[ap]\.?m\b|-(?!(?:year|month|week|day)s?-old)\w)", after, re.I) and not re.match(
            r"-(?:day|week|month|year|hour|minute|mile)s?\b", after, re.I):
        return None  # a clock time or a compound like "a 9-1 vote"
    if re.search(rf"(?:{_MONTH_RX}|\bno\.|#|\bpage|\bflight|\broute|\bnumber|\bper|\broom|"
                 rf"\bsuite)\s*$", before, re.I):
        return None  # a date ("Dec. 7") or a label ("room 926")
    if _CAPACITY.search(text, max(0, m.start() - 40), m.start()):
        return None  # what something can hold ("an A380 can carry 525 passengers"), not a count
    if re.search(r"\b(?:top|hot|fortune|radio)\s*$|\b\d+\s+of\s*/?\s*$", before, re.I) or (
            "." in num and re.match(r"\s*(?:fm|am)\b", after, re.I)):
        return None  # the name of a chart or list ("top 50 singles", "Hot 100") or a station
    if not is_digit and re.match(r"\s+of\b", after):
        return None  # "two of them"
    if re.match(rf"\s*(?:st|nd|rd|th)?\s+{_MONTH_RX}(?!\w)", after, re.I):
        return None  # a date written day first ("31 May")
    number *= _SCALES.get(scale, 1.0)
    qual = m.group("qual") or ""
    if m.group("pct"):
        return "percent", number, number, "", "", *_measure(text, m), qual
    # "16-year-old", "16 years old", and the half-hyphenated "18-year old" of scraped text.
    age = re.match(r"(?:-|\s+)(year|month|week|day)s?(?:-|\s+)old\b", after, re.I)
    if age or re.search(r"\baged\s*$", before, re.I):
        unit = age.group(1).lower() if age else "year"
        years = number * {"year": 1, "month": 1 / 12, "week": 7 / 365, "day": 1 / 365}[unit]
        # The word after the age ("the 16-year-old girl"): who or what is that old.
        rest = _WORDS_ONLY.findall(after[age.end():age.end() + 30] if age else "")
        who = next((w.lower() for w in rest[:2] if w.lower() not in STOPWORDS), "")
        return "age", number, years, "", who, "", "", qual
    words = [t for t in _TOKEN.findall(after)][:6]
    if words and words[0] == "-" and len(words) > 1:  # "four-day trip": the unit is glued on
        words = words[1:]
    first = words[0].lower() if words else ""
    if first == "pounds" and not m.group("cur") and (
            len(words) > 1 and words[1].lower() in ("of", "heavier", "lighter")
            or _WEIGHED.search(text[max(0, m.start() - 40):m.start()])):
        return None  # "275 pounds of gold", "which weighed 2,232 pounds": a weight, not money
    if m.group("cur") or first in ("dollars", "euros", "pounds", "yuan", "yen", "rupees"):
        cur = (m.group("cur") or first).replace("US$", "$")
        if cur == "$" and m.group("cur"):
            cur = _dollars_of(text, m.start("cur"), m.end())
        return f"money:{cur}", number, number, "", "", *_measure(text, m), qual
    unit = _UNITS.get(first)
    if unit in ("duration", "distance"):
        base = _TO_BASE.get(_singular(first), _TO_BASE.get(first, 1.0))
        return unit, number, number * base, _singular(first), words[0], "", "", qual
    noun, noun_text = _counted_noun(words, cased)
    if noun == "?":
        return None
    measure, measure_text = _measure(text, m, times=noun == "time")
    if not noun and measure:
        noun, noun_text = "people", ""
    if not noun:
        return None
    return "count", number, number, noun, noun_text, measure, measure_text, qual


# Dollars of another country than the United States, named right before the sign ("NZ$14
# million", "A$5m", "HK$ 3 billion") or after the figure ("$14 million NZ dollars", "($4.5
# million Australian)"): "$10m" and "$14 million NZ dollars" are one sum in two currencies.
_COUNTRY_DOLLARS = {"nz": "NZ", "new zealand": "NZ", "hk": "HK", "hong kong": "HK", "a": "AU",
                    "au": "AU", "aud": "AU", "australian": "AU", "c": "CA", "ca": "CA",
                    "cad": "CA", "canadian": "CA", "s": "SG", "sg": "SG", "singapore": "SG",
                    "singaporean": "SG", "nt": "TW", "taiwan": "TW", "taiwanese": "TW",
                    "mex": "MX", "mexican": "MX", "r": "BR", "zimbabwe": "ZW", "zimbabwean": "ZW"}
# A one-letter country ("A$", "C$") only glued to the sign: "a $ 5 million" is the article.
_DOLLARS_BEFORE = re.compile(r"(?:(?<![\w.])(?:a|c|s|r)|(?:(?<![\w.])(?:nz|hk|au|ca|sg|nt|mex)|"
                             r"\b(?:nz|hk))\s?)$", re.I)
_DOLLARS_AFTER = re.compile(
    r"\s*(?:(nz|new zealand|hong kong|australian|canadian|singapore|singaporean|taiwan|taiwanese|"
    r"mexican|zimbabwe|zimbabwean)\s+dollars?\b|(australian|canadian|nz)\s*[),.;])", re.I)


def _dollars_of(text: str, sign: int, end: int) -> str:
    """"$", or "$" and the country of the dollars (``_COUNTRY_DOLLARS``) when the text names
    one around the sign at ``sign`` and the figure ending at ``end``."""
    before = _DOLLARS_BEFORE.search(text, max(0, sign - 4), sign)
    if before:
        return "$" + _COUNTRY_DOLLARS[before.group().strip().lower()]
    after = _DOLLARS_AFTER.match(text, end)
    if after:
        return "$" + _COUNTRY_DOLLARS[(after.group(1) or after.group(2)).lower()]
    return "$"


# Words between a figure and what it counts that say nothing about what is counted ("73
# million new trees", "40 more people").
_BEFORE_NOUN = frozenset("new more other additional extra further".split())


_SCALES_OF_DEGREES = {"fahrenheit": "fahrenheit", "f": "fahrenheit", "celsius": "celsius",
                      "c": "celsius", "centigrade": "celsius"}


def _counted_noun(words: list[str], cased: bool) -> tuple[str, str]:
    run: list[str] = []
    while words and words[0].lower() in _BEFORE_NOUN and len(words) > 1 and words[1][0].isalpha():
        words = words[1:]
    for w in words[:4]:
        if not _plain_word(w) or (run and _verb_form(w)):
            break
        run.append(w)
    if not run or (len(run) == 1 and _verb_form(run[0])):
        return "", ""
    # The head is the first plural in the run ("40,000 employees worldwide", "Syrian
    # refugees"), else its last word ("five armored vehicles" -> vehicles anyway).
    plural = [w for w in run if w.lower() in PEOPLE or (w.lower().endswith("s") and
                                                        not w.lower().endswith(("ss", "us", "is")))]
    head = plural[0] if plural else run[-1]
    if len(head) < 3:
        return "?", ""  # a fragment ("12,800 u." of a split "U.S. troops"): unknown
    at = run.index(head)
    scale = run[at + 1].lower() if at + 1 < len(run) else ""
    if _singular(head) == "degree" and scale in _SCALES_OF_DEGREES:
        # "2,000 degrees Fahrenheit (1,093 degrees Celsius)": one heat on two scales, so the
        # scale is part of what is counted.
        return f"degree {_SCALES_OF_DEGREES[scale]}", f"{head} {run[at + 1]}"
    if cased and _DEMONYM.match(head):
        return "people", head
    rest = words[len(run):]
    if len(rest) > 1 and rest[0].lower() == "and" and _plain_word(rest[1]) and not (
            _verb_form(rest[1]) or cased and rest[1][0].isupper()  # "and Kevin Love finished"
            or len(rest) > 2 and _counts(rest[2])):  # "killed 25 people and left 53 wounded"
        # "about 170 passengers and crew": one count of two groups, not a count of passengers
        # ("158 passengers and 14 crew members" is two counts: a figure follows the "and"; a
        # figure after the next word makes that word a verb with a count of its own).
        return f"{_singular(head)} and {_singular(rest[1])}", f"{head} and {rest[1]}"
    if _singular(head) == "block" and len(rest) > 1 and rest[0].lower() == "of":
        # "the 1200 block of South Loomis Street" is an address: the street goes with the
        # figure, so that only two block numbers on one street are compared.
        street = next((w.lower() for w in rest[1:4]
                       if w[0].isalnum() and w.lower() not in _DIRECTIONS), "")
        if street:
            return "block", f"{head} of {street}"
    return _singular(head), head


# Words before a street's name that are not the name ("the 1100 block of North Pulaski").
_DIRECTIONS = frozenset("n s e w n. s. e. w. north south east west northeast northwest "
                        "southeast southwest old".split())


def _plain_word(w: str) -> bool:
    """A word that can name what a figure counts: no stopword, measure word or number."""
    lw = w.lower()
    return w[0].isalpha() and lw not in STOPWORDS and lw not in MEASURES


def _counts(w: str) -> bool:
    """A token that is a figure: digits or a number word."""
    return w[0].isdigit() or w.lower() in _NUMBER_WORDS


def _verb_form(w: str) -> bool:
    return w.lower().endswith(("ed", "ing"))


def _either(measure: str, nxt: list[str]) -> str:
    """``measure``, or two measures joined when the words after it name a second one ("302
    people dead or missing", "52 killed or injured"): a count of both is not a count of
    either."""
    if len(nxt) == 2 and nxt[0].lower() in ("or", "and") and nxt[1].lower() in MEASURES:
        other = MEASURES[nxt[1].lower()]
        if other != measure:
            return " or ".join(sorted((measure, other)))
    return measure


def _as_measure(words: list[str], k: int, later: list[str], reach: int) -> str:
    """The measure ``words[k]`` (a key of ``MEASURES``) gives. "Shot" and "stabbed" tell what
    was done to those counted, not what came of it: "" for the event ("the shooting") and for
    "shot down" (a plane); the measure after "and" / "or" ("shot and killed", "stabbed and
    wounded"); killed when "to death" or "dead" follows, after at most ``reach`` words of
    ``later`` ("shot three people to death", "were shot dead")."""
    measure = MEASURES[words[k].lower()]
    if measure not in _WOUNDS:
        return measure
    nxt = [w.lower() for w in words[k + 1:k + 3]]
    if (k and _EVENT_BEFORE.match(words[k - 1])) or nxt[:1] == ["down"]:
        return ""
    if len(nxt) == 2 and nxt[0] in ("and", "or") and nxt[1] in MEASURES \
            and MEASURES[nxt[1]] not in _WOUNDS:
        return MEASURES[nxt[1]]
    rest = [w.lower() for w in later[:reach + 2]]
    for j in range(reach + 1):
        if rest[j:j + 1] == ["dead"] or rest[j:j + 2] == ["to", "death"]:
            return "killed"
        if not rest[j:j + 1] or not rest[j][0].isalpha():
            break
    return measure


def _measure(text: str, m: re.Match[str], times: bool = False) -> tuple[str, str]:
    """What happened to those counted: the nearest measure word after the number (up to the
    next number or clause end), else just before it. ``times``: the figure counts how many
    times something was done ("shot the teen 16 times"), which the verb before it tells;
    what follows belongs to the clause's subject ("... 31 times has been charged and
    jailed")."""
    before = _TOKEN.findall(text[max(0, m.start() - 50):m.start()])
    after = _TOKEN.findall(text[m.end():m.end() + 140].replace("--", "—"))
    if times:  # (the one done to may have an age: "shooting 17-year-old laquan mcdonald")
        return _measure_before(before, after, reach=8, past_figures=True)
    for k in range(len(before) - 1, max(-1, len(before) - 3), -1):
        w = before[k]  # "killing 10 people and wounding 20": killing
        if w.lower() in ("and", "or", ","):
            break  # "one was killed and two others wounded": "killed" is the other figure's
        if w.lower() in MEASURES and (measure := _as_measure(before, k, after, 2)):
            return measure, w
    seen = 0
    aside = False  # inside a dash-set aside ("49 people -- most of them gay -- were killed")
    for k, w in enumerate(after):
        lw = w.lower()
        if lw in _DASHES:
            aside = not aside
            continue
        # A figure inside the aside ("22 people aboard -- 15 passengers and the pilot -- were
        # killed") is the aside's own; the measure after it is still this figure's.
        if lw in _CLAUSE_END or (lw[0].isdigit() and not aside) or seen >= 8:
            break
        if lw in MEASURES and (measure := _as_measure(after, k, after[k + 1:], 0)):
            return _either(measure, after[k + 1:k + 3]), w
        seen += lw[0].isalpha() and not aside
    return _measure_before(before, after)


def _measure_before(before: list[str], after: list[str], reach: int = 5,
                    past_figures: bool = False) -> tuple[str, str]:
    """The nearest measure word in the ``reach`` words before the figure, within its clause
    and, unless ``past_figures``, after any other figure."""
    for k in range(len(before) - 1, max(-1, len(before) - 1 - reach), -1):
        lw = before[k].lower()
        # "left one person dead and has destroyed an estimated 224 homes": a measure word
        # before "and" tells what happened to the figure of the clause before.
        if lw in _CLAUSE_END or (lw[0].isdigit() and not past_figures) or lw in ("and", "or"):
            break
        if lw in MEASURES and (measure := _as_measure(before, k, after, 2)):
            return measure, before[k]
    return "", ""


# Every match of DATE has a weekday, a month, or "yesterday", "today", "tonight" or "(last)
# night" as a whole word: the set look-up rules out most sentences faster than DATE can.
_DATE_WORDS = frozenset(
    [*_WEEKDAYS, "yesterday", "today", "tonight", "night", "jan", "january", "feb", "february",
     "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug", "august", "sep",
     "sept", "september", "oct", "october", "nov", "november", "dec", "december"])


def may_have_date(text: str) -> bool:
    """False only for a text in which DATE finds nothing."""
    if _FOLDS_TO_ASCII.search(text):
        return True
    return not _DATE_WORDS.isdisjoint(_WORD.findall(text.lower()))


# A full date stamp with the weekday and the year ("Tuesday, Feb. 20, 2018"), as photo captions
# give it, or a page's own date ("published on Jul 21, 2015"): the date of a picture or of a
# page, not of the event the article reports.
_STAMP = re.compile(rf"\b(?:{'|'.join(_WEEKDAYS)}),?\s+{_MONTH_RX}\s+\d{{1,2}},?\s+(?:19|20)\d\d\b|"
                    rf"\b(?:published|posted|updated|embargoed(?: until)?|last modified)\s+"
                    rf"(?:on\s+)?(?:{_MONTH_RX}|\d)[^.;]{{0,24}}", re.I)


def _near_words(text: str, start: int, end: int) -> frozenset[str]:
    """The nearest content word before and after ``text[start:end]``, within three words and
    the clause."""
    left = re.split(r"[.;:!?()]\s|,\s", text[max(0, start - 60):start])[-1]
    right = re.split(r"[.;:!?()]\s|,\s", text[end:end + 60])[0]
    out = set()
    for words in (reversed(_WORDS_ONLY.findall(left)[-3:]), _WORDS_ONLY.findall(right)[:3]):
        for w in words:
            lw = w.lower().removesuffix("'s").removesuffix("’s")
            if lw and lw not in STOPWORDS and not lw[0].isdigit() \
                    and lw.rstrip(".") not in _DATE_WORDS:
                out.add(stem(lw))
                break
    return frozenset(out)


_SAID_BEFORE = re.compile(r"\b(?:said|says|announced|announces|told|tells|confirmed|confirms|"
                          r"reported|reports|stated|states|wrote|writes|declared|revealed|"
                          r"disclosed)\s+(?:on\s+|late\s+|early\s+)?$", re.I)


def dates(sentences: Sequence[Sentence]) -> list[DateFact]:
    out = []
    for i, s in enumerate(sentences):
        if not may_have_date(s.text):
            continue
        stamps = [m.span() for m in _STAMP.finditer(s.text)]
        for m in DATE.finditer(s.text):
            kind, value = _date_value(m)
            if kind == "relative":
                continue
            if any(a <= m.start() < b for a, b in stamps):
                continue
            out.append(DateFact(s.article, i, s.start + m.start(), s.start + m.end(), m.group(),
                                kind, value, _window_terms(s.text, m.start(), m.end(), 12),
                                _near_words(s.text, m.start(), m.end()),
                                bool(_SAID_BEFORE.search(s.text, max(0, m.start() - 30),
                                                         m.start()))))
    return out


_URL = re.compile(r"\S*(?:https?:|www\.|\.com|/)\S*")
_NUMERAL = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:[\s-]+([A-Za-z]+))?")


_MONTH_BEFORE = re.compile(rf"\b{_MONTH_RX}\s*$", re.I)
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+{_MONTH_RX}(?!\w)", re.I)


def numerals(articles: Sequence[Article]) -> dict[str, set[tuple[float, str]]]:
    """Every figure written in digits in each article with the word after it, whatever the
    figure is part of ("a 211-game suspension" -> (211, "game"))."""
    out: dict[str, set[tuple[float, str]]] = {}
    for a in articles:
        text = a.text
        # A link's slug is not the article's statement. (The pattern is slow to scan, and
        # needs one of these strings to match, which most articles do not have.)
        if any(k in text for k in ("http", "www.", ".com", "/")):
            text = _URL.sub(" ", text)
        # Nor is a date's day ("June 16, 2016" does not give a figure of 16).
        out[a.id] = {(float(m.group(1).replace(",", "")), _singular(m.group(2) or ""))
                     for m in _NUMERAL.finditer(text)
                     if not _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start())
                     and not _MONTH_AFTER.match(text, m.end(1))}
    return out
