"""Split cleaned article text into sentences with character offsets.

A rule-based splitter: a sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or
brackets) followed by space and something that can start a sentence, unless the word before
the stop is a known abbreviation or an initial. Every line break ends a sentence too, since
scraped articles put one paragraph per line. Rules rather than a model because this runs on
every sentence of every story (pysbd is about 50x slower), and because it must keep exact
offsets on both cased web text and Multi-News's tokenized form (``he said . " we``).
"""

from __future__ import annotations

import re

from . import native
from .model import Article, Sentence
from .text import may_contain_folded

# Words that end with a period but rarely end a sentence. Lowercase, without the period.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft no nos vs etc al approx dept est fig inc corp co ltd llc
    bros ave blvd rd fr msgr atty sens reps
    gen maj lt col capt cpt sgt cpl pvt adm cmdr cdr brig gov sen rep rev pres supt insp det
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    e.g i.e u.s u.n u.k u.s.a a.m p.m d.c n.y l.a ph.d
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb
    nev okla ore pa tenn tex va vt wash wis wyo
    """.split()
)
# Capital initials with a stop after each, the last one's stop being the one tested ("R.R",
# "H.W", "J.R.R"); like "U.S" and "D.C" in ABBREVIATIONS, never taken for a sentence end.
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")

# Words after a glued stop that are a web address's or a file's, not a sentence's.
_DOMAINS = frozenset("com org net gov edu co uk io us tv htm html php asp aspx pdf jpg jpeg png "
                     "gif doc docx txt csv".split())
# A stop, its closing punctuation, the space after it, and a look at what starts the next one.
# Both alternatives start at a stop, written as one leading character class so the regex
# engine can skip straight to the next stop instead of trying both alternatives (and a
# lookbehind) at every character.
_BOUNDARY = re.compile(
    r"[.!?](?:[.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?\s?[A-Z0-9])"
    # Scrapes that lost the space after a stop ("messed with.on wednesday, the singer"): a
    # stop between a word or year and a following word, unless that word is a web domain's.
    r"|(?<=[a-z0-9]{2}\.)(?=(?!(?:" + "|".join(sorted(_DOMAINS)) + r")\b)"
    r"[A-Za-z][a-z]+\b(?![./@-])))"
)
_LINE = re.compile(r"[^\n]+")
# Multi-News's tokenized form writes quote marks as separate tokens and lowercases the word
# after them: 'down. " i have no intention, " he said. " this is' never meets the rule above
# (it wants a capital), so a whole lead paragraph came out as one 80-150 word "sentence". A
# stop, space, a lone '"', space, then a lower-case letter also ends a sentence: before the
# quote when it opens one (an even count of '"' so far on the line), after it when it closes one.
_SPACED_QUOTE = re.compile(r'[.!?] +(") +(?=[a-z])')
# A photo credit or a video-player notice ends what came before it: scraped pages glue a
# caption and its credit to the article's first sentence ("... one of... (Associated Press) A
# dime made in 1873 has cost ...", "... (Photo: Mark Humphrey, AP) RIO DE JANEIRO - ..."), with
# no stop between them. A new sentence starts after the marker, unless cased text goes on in
# lower case after it (``_inside_sentence``).
_CREDIT = re.compile(
    r"\(\s?(?:associated press|(?:ap |afp |reuters )?photos?(?::| by| credit:?)[^()]{0,80}?|"
    r"ap photo/[^()]{0,80}?|getty images[^()]{0,60}?)\s?\)"
    r"|media playback is unsupported on your device", re.IGNORECASE)
# Every match of ``_CREDIT`` contains one of these, lowercase: the regex runs only on lines
# with one (a case-insensitive scan of every line with a bracket cost more than the rest of
# the splitting in ``eval``).
_CREDIT_KEYS = ("associated press", "photo", "getty images",
                "media playback is unsupported on your device")
# A capital that is neither a credit's first letter nor right after a stop.
_CASED = re.compile(r"(?<!^)(?<!\. )[A-Z]")


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the period at ``stop`` ends an abbreviation or an initial rather than a sentence."""
    if text[stop] != ".":
        return False
    begin = max(text.rfind(" ", 0, stop), text.rfind("\n", 0, stop)) + 1
    word = text[begin:stop].lstrip("\"'“‘([")
    if not word or not word[0].isalpha():
        return False
    if len(word) == 1 and word.isupper():
        return True  # an initial: "George W. Bush"
    if _INITIALS.fullmatch(word):
        return True  # initials run together: "George R.R. Martin", "J.K. Rowling"
    return word.lower() in ABBREVIATIONS


def _inside_sentence(text: str, credit: re.Match[str], end: int) -> bool:
    """Whether a credit written in cased text goes on in lower case ("a picture (Photo: AP) of
    his dog"): then it sits inside a sentence. Multi-News lowercases every word but the first of
    a sentence (and after an initial's stop: "luis m. Alvarez"), so a credit with no other
    capital always ends what precedes it."""
    after = text[credit.end():min(end, credit.end() + 3)].lstrip()[:1]
    return after.islower() and _CASED.search(credit.group().lstrip("( ")) is not None


def _cuts(text: str, begin: int, end: int) -> list[int]:
    """Offsets in ``text[begin:end]`` (one line) where a new sentence starts."""
    kernels = native.KERNELS
    if kernels is not None:  # the same scan and abbreviation test in one compiled call
        cuts = kernels.boundary_cuts(text, begin, end, ABBREVIATIONS, _DOMAINS)
    else:
        cuts = [m.end() for m in _BOUNDARY.finditer(text, begin, end)
                if not _is_abbreviation(text, m.start())]
    if ((text.find("(", begin, end) >= 0 or text.find("layback", begin, end) >= 0)
            and may_contain_folded(text if begin == 0 and end == len(text)
                                   else text[begin:end], _CREDIT_KEYS)):
        cuts = sorted({*cuts, *(m.end() for m in _CREDIT.finditer(text, begin, end)
                                if not _inside_sentence(text, m, end))})
    if text.find('" ', begin, end) < 0:  # the usual case: no spaced quote on the line
        return cuts
    for m in _SPACED_QUOTE.finditer(text, begin, end):
        if _is_abbreviation(text, m.start()):
            continue
        q = m.start(1)
        cuts.append(q if text.count('"', begin, q) % 2 == 0 else q + 1)
    return sorted(set(cuts))


def split_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence in ``text``, whitespace trimmed off both ends."""
    out: list[tuple[int, int, int]] = []
    kernels = native.KERNELS
    for paragraph, line in enumerate(_LINE.finditer(text)):
        start, end = line.span()
        cuts = _cuts(text, start, end)
        if kernels is not None:  # the same pieces and trimming in one compiled call
            kernels.line_spans(text, start, end, cuts, paragraph, out)
            continue
        for cut in (*cuts, end):
            b, e = start, cut
            start = cut
            while b < e and text[b].isspace():
                b += 1
            while e > b and text[e - 1].isspace():
                e -= 1
            if e > b:
                out.append((b, e, paragraph))
    return out


def segment(article: Article) -> list[Sentence]:
    """The sentences of one article, in order, each pointing back into ``article.text``."""
    return [
        Sentence(article=article.id, index=i, start=s, end=e, text=article.text[s:e],
                 paragraph=p, position=i)
        for i, (s, e, p) in enumerate(split_spans(article.text))
    ]
